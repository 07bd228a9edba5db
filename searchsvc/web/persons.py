"""A page for every person: `/personnes/<slug>`, `GET /api/persons/<slug>` and the autocomplete
`GET /api/persons?prefix=` (search/persons.py builds the profile)."""
from __future__ import annotations

from flask import abort, current_app, render_template, request, url_for

from searchsvc.search import RequestError
from searchsvc.search.persons import MAX_PREFIX, Profile, persons, profile, slug
from searchsvc.web.api import blueprint as api
from searchsvc.web import views
from searchsvc.web.errors import problem
from searchsvc.web.pages import blueprint as pages
from searchsvc.web.params import DEFAULT_FACET_VALUES, MAX_FACET_VALUES, parse_int
from searchsvc.web.payloads import announcement_summary
from searchsvc.web.quotes import quote_record


def services():
    return current_app.extensions["search"], current_app.extensions["quotes"]


def person_url(name: str) -> str:
    return url_for("pages.person", slug=slug(name))


pages.add_app_template_global(person_url, "person_url")  # persons link to their page everywhere


def counted(values) -> list[dict]:
    return [{"value": v.value, "label": v.label, "count": v.count} for v in values]


def profile_payload(p: Profile) -> dict:
    return {"name": p.name, "slug": p.slug, "url": person_url(p.name), "variants": p.variants,
            "announcements": p.announcements, "years": counted(p.years), "countries": counted(p.countries),
            "topics": counted(p.topics),
            "alongside": [dict(v, slug=slug(v["value"])) for v in counted(p.alongside)],
            "quotes": [quote_record(h.announcement, h.score) for h in p.quotes],
            "latest": [announcement_summary(h.announcement) for h in p.latest]}


@api.get("/persons")
def persons_list():
    prefix = request.args.get("prefix", "")
    if len(prefix) > MAX_PREFIX:
        raise RequestError("prefix", f"prefix is longer than {MAX_PREFIX} characters")
    if "\x00" in prefix:
        raise RequestError("prefix", "prefix holds a NUL character")
    limit = parse_int(request.args, "limit", DEFAULT_FACET_VALUES)
    if not 1 <= limit <= MAX_FACET_VALUES:
        raise RequestError("limit", f"limit must be between 1 and {MAX_FACET_VALUES}")
    found = persons(services()[0], prefix, limit)
    return {"prefix": prefix, "persons": [{"name": v.value, "slug": slug(v.value), "url": person_url(v.value),
                                           "count": v.count} for v in found]}


@api.get("/persons/<slug>")
def person_json(slug: str):
    found = profile(*services(), slug)
    if found is None:
        return problem(404, "Not Found", f"no person has the slug {slug!r}", type_="/api/problems/unknown-person")
    return profile_payload(found)


@pages.get("/personnes/<slug>")
def person(slug: str):
    found = profile(*services(), slug)
    if found is None:
        abort(404)
    return render_template("person.html", p=found, timeline=timeline(found), person_url=person_url,
                           named_url=views.search_url((("personne", found.name),)),
                           quotes_url=url_for("pages.quotes", personne=found.name))


def timeline(p: Profile) -> views.Histogram | None:
    """Their announcements per year, every year from the first to the last, each a link to them."""
    counts = {v.value: v.count for v in p.years if v.value.isdigit()}
    if not counts:
        return None
    years = [str(y) for y in range(min(map(int, counts)), max(map(int, counts)) + 1)]
    tallest = max(counts.values())
    bars = [views.Bar(y, y, tick, counts.get(y, 0), max(5, round(counts[y] / tallest * 20) * 5) if y in counts else 0,
                      views.search_url((("personne", p.name), ("du", f"{y}-01-01"), ("au", f"{y}-12-31")))
                      if y in counts else None, False)
            for y, tick in zip(years, views.year_ticks(years))]
    return views.Histogram(False, None, bars, None)
