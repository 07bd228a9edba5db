"""Hostile and careless requests against gunicorn serving an index: counts the answers by status.

    python -m bench.hostile --index index/ [--requests 2000] [--threads 4]

Sends what an attacker or a broken client sends (oversized, malformed, mis-encoded, injected,
expensive), plus 4 threads × 300 `similar` requests at once, to a gunicorn it starts on loopback,
and prints how each kind was answered. Any 5xx is listed: there should be none. It only ever talks
to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import random
import threading
import urllib.parse
from collections import Counter
from pathlib import Path

from bench.load import serve

def quote(text: str) -> str:
    """Percent-encoded as a client would send it; a lone surrogate becomes bytes that are not UTF-8."""
    return urllib.parse.quote(text, safe="%", errors="surrogatepass")


PATHS = ("/api/search", "/api/search.csv", "/api/search.jsonl", "/api/search.atom", "/recherche", "/")


def hostile_requests(count: int, ids: list[str], seed: int = 11) -> list[tuple[str, str, str, dict]]:
    """(kind, method, path, headers), `count` of them, drawn from every kind in turn."""
    rnd = random.Random(seed)
    junk = ["\x00", "\ud800", "%00", "%FF%FE", "%C3%28", "<script>alert(1)</script>", "' OR 1=1 --",
            "../../etc/passwd", "\r\nSet-Cookie: x=1", "😀" * 50, "\u202e", "a" * 600, "*", "**", '"',
            "OR", "-", "personne:", "pays:\"", "titre:*"]
    kinds = {
        "junk query": lambda: ("GET", rnd.choice(PATHS) + "?q=" + quote(rnd.choice(junk)), {}),
        "raw bytes": lambda: ("GET", rnd.choice(PATHS) + "?q=" + rnd.choice(["%FF", "%C0%AF", "%E2%82", "%00"]), {}),
        "prefix bomb": lambda: ("GET", "/api/search.csv?q=" + "+".join(rnd.choice("abcdefghilmnoprst") + "a*"
                                                                    for _ in range(32)), {}),
        "many ORs": lambda: ("GET", "/api/search?q=" + "+OR+".join(f"m{i}*" for i in range(40)), {}),
        "deep page": lambda: ("GET", f"/api/search?q=otan&page={rnd.choice([0, -1, 101, 10**9, 'x'])}&per_page=100", {}),
        "bad dates": lambda: ("GET", f"/api/search?from={rnd.choice(['0000', '2024-13-45', '', '9999-99', '1e3'])}"
                                     f"&to={rnd.choice(['2020', 'hier', '2020-02-30'])}", {}),
        "many filters": lambda: ("GET", "/api/search?" + "&".join(f"country=X{i}" for i in range(rnd.choice([10, 60]))), {}),
        "long filter": lambda: ("GET", "/api/search?person=" + "x" * rnd.choice([999, 1001, 5000]), {}),
        "unknown ids": lambda: ("GET", f"/api/documents/{rnd.choice(['..%2F..%2Fetc', 'x' * 300, '%00', 'nope'])}"
                                       f"{rnd.choice(['', '/similar'])}", {}),
        "unknown facet": lambda: ("GET", f"/api/facets/{rnd.choice(['year', 'x', '%00'])}?prefix=a", {}),
        "facet prefix": lambda: ("GET", "/api/facets/person?prefix=" + quote(rnd.choice(junk)) +
                                        f"&limit={rnd.choice([0, 1, 100, 101, 'x'])}", {}),
        "other methods": lambda: (rnd.choice(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]),
                                  rnd.choice(PATHS), {}),
        "odd headers": lambda: ("GET", "/api/search?q=otan", {
            rnd.choice(["X-Request-ID", "If-None-Match", "Accept-Encoding", "Host", "Accept"]):
                rnd.choice(["x" * 4000, "\"*\"", "gzip;q=2, br", "evil.example", "*/*;;;"])}),
        "pages": lambda: ("GET", f"/recherche?q={quote(rnd.choice(junk))}&du={rnd.choice(['2030', 'x', ''])}"
                                 f"&page={rnd.choice(['0', '99999', 'x'])}", {}),
        "documents": lambda: ("GET", f"/annonce/{rnd.choice(ids)}?q=" + quote(rnd.choice(junk)), {}),
    }
    names = list(kinds)
    return [(names[i % len(names)], *kinds[names[i % len(names)]]()) for i in range(count)]


def send(base: str, method: str, path: str, headers: dict) -> int:
    host, port = base[len("http://"):].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.putrequest(method, path, skip_host="Host" in headers, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def attack(base: str, requests: list[tuple[str, str, str, dict]], threads: int) -> Counter:
    """Sends the requests from `threads` threads; counts (kind, status)."""
    answers: Counter = Counter()
    lock = threading.Lock()
    chunks = [requests[k::threads] for k in range(threads)]

    def worker(chunk) -> None:
        for kind, method, path, headers in chunk:
            try:
                status = send(base, method, path, headers)
            except (OSError, http.client.HTTPException) as error:
                status = f"no answer ({type(error).__name__})"
            with lock:
                answers[kind, status] += 1

    pool = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index root built by `python -m searchsvc index`")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    from searchsvc.search import SearchService

    view = SearchService(args.index).view()
    ids = [view.announcement(d).id for d in range(0, view.doc_count, max(1, view.doc_count // 50))]
    similar = [("similar", "GET", f"/api/documents/{ids[i % len(ids)]}/similar", {}) for i in range(4 * 300)]
    process, base = serve(args.index)
    try:
        answers = attack(base, hostile_requests(args.requests, ids), args.threads)
        answers += attack(base, similar, 4)
    finally:
        process.terminate()
        process.wait(timeout=30)
    total = sum(answers.values())
    failures = {key: n for key, n in answers.items() if not isinstance(key[1], int) or key[1] >= 500}
    by_kind: dict[str, list[str]] = {}
    for (kind, status), n in sorted(answers.items(), key=str):
        by_kind.setdefault(kind, []).append(f"{status}×{n}")
    for kind, statuses in by_kind.items():
        print(f"{kind:15} {' '.join(statuses)}")
    print(f"{total:,} requests, {sum(failures.values())} answered 5xx or not at all")
    for (kind, status), n in failures.items():
        print(f"  {kind}: {status} × {n}")


if __name__ == "__main__":
    main()
