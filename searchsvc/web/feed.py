"""The newest announcements of a search as an Atom 1.0 feed (RFC 4287), so a journalist can follow
a search in a feed reader. ElementTree escapes text and attributes; characters XML 1.0 cannot
carry at all (control characters) are dropped first."""

from __future__ import annotations

import datetime
import re
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response, current_app, request, url_for

from searchsvc import taxonomy
from searchsvc.search import SearchRequest, SearchService
from searchsvc.web.exports import first_snippet, hits

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
AUTHOR = "OTAN"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def feed_response(service: SearchService, search: SearchRequest) -> Response:
    total, found = hits(service, search, FEED_ENTRIES)
    built = service.health().get("built_at") or datetime.datetime.now(datetime.timezone.utc).isoformat()
    feed = Element("feed", xmlns=ATOM)
    add(feed, "id", public(request.full_path))
    add(feed, "title", title(search))
    add(feed, "updated", built)  # the feed can only change when the index does
    link(feed, "self", public(request.full_path), "application/atom+xml")
    link(feed, "alternate", page_url(), "text/html")
    add(SubElement(feed, "author"), "name", AUTHOR)
    add(feed, "subtitle", f"{total} annonce{'s' if total != 1 else ''} trouvée{'s' if total != 1 else ''}, "
                          f"les plus récentes d’abord")
    for hit in found:
        a = hit.announcement
        ours = public(url_for("pages.announcement", id=a.id))
        stamp = f"{a.date.isoformat()}T00:00:00Z" if a.date else built
        entry = SubElement(feed, "entry")
        add(entry, "id", ours)
        add(entry, "title", a.title)
        add(entry, "updated", stamp)
        if a.date:
            add(entry, "published", stamp)
        source = a.url if a.url and a.url.startswith(("https://", "http://")) else None
        link(entry, "alternate", source or ours, "text/html")
        if source:
            link(entry, "related", ours, "text/html")
        add(SubElement(entry, "author"), "name", AUTHOR)
        add(entry, "summary", first_snippet(hit))
        for slug in a.topics:
            SubElement(entry, "category", term=xml_text(slug), label=xml_text(taxonomy.topic_label(slug)))
    body = tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def title(search: SearchRequest) -> str:
    chosen = [value for values in search.filters.values() for value in values]
    chosen += [d.isoformat() for d in (search.date_from, search.date_to) if d]
    words = f" « {search.q.strip()} »" if search.q.strip() else ""
    return f"Annonces de l’OTAN{' :' if words else ''}{words}" + (f" ({', '.join(chosen)})" if chosen else "")


def page_url() -> str:
    """The same search on our French page."""
    query = request.query_string.decode("latin-1")
    return public(url_for("pages.search")) + (f"?{query}" if query else "")


def public(path: str) -> str:
    """An absolute URL on the configured public address: the feed is cached and shared
    (Cache-Control: public), so it never carries the Host header a client sent."""
    return current_app.config["PUBLIC_URL"] + path.rstrip("?")


def add(parent: Element, tag: str, text: str) -> Element:
    child = SubElement(parent, tag)
    child.text = xml_text(text)
    return child


def link(parent: Element, rel: str, href: str, type_: str) -> None:
    SubElement(parent, "link", rel=rel, href=xml_text(href), type=type_)


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)
