"""Hostile and careless requests against gunicorn (bench.hostile's kinds): never a 5xx, always an answer."""

from __future__ import annotations

from bench.hostile import attack, hostile_requests
from conftest import Gunicorn

SEED_IDS = ["000_e8779f524c90764a", "003_020f54d4096a0fed", "nope"]


def test_hostile_requests_never_get_a_server_error(seed_index):
    server = Gunicorn(seed_index, SEARCHSVC_RATE_LIMIT="off")  # every request reaches the app
    served = server.start()
    requests = hostile_requests(600, SEED_IDS)
    requests += [("similar", "GET", f"/api/documents/{SEED_IDS[i % 2]}/similar", {}) for i in range(200)]
    try:
        answers = attack(served, requests, threads=4)
    finally:
        server.stop()
    failures = {key: n for key, n in answers.items() if not isinstance(key[1], int) or key[1] >= 500}
    assert sum(answers.values()) == 800
    assert not failures, failures
    assert {kind for kind, status in answers if status == 200} >= {"documents", "pages", "similar"}
    # no rate limit here: a 429 can only be an export refused while the same client runs another
    assert not any(status == 429 and kind not in ("prefix bomb", "junk query", "raw bytes") for kind, status in answers)
