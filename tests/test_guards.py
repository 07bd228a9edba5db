"""Production guards: security headers, per-client rate limiting, metrics, no debug mode."""

import re

from searchsvc.web import create_app


def test_every_answer_carries_the_security_headers(client):
    for path in ("/", "/recherche?q=otan", "/annonce/004_9d7011adf31f2f35", "/api/search?q=otan", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_the_page_has_no_inline_script_or_style(client):
    html = client.get("/recherche?q=s%C3%A9curit%C3%A9").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # every script comes from /static
    assert " style=" not in html and "<style" not in html and not re.search(r"\son[a-z]+=", html)


def test_a_client_over_its_rate_gets_429_with_retry_after(seed_index):
    client = create_app({"INDEX_DIR": str(seed_index), "TESTING": True, "RATE_LIMIT": "5/60"}).test_client()
    answers = [client.get("/api/search?q=otan") for _ in range(7)]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 2
    limited = answers[-1]
    assert limited.mimetype == "application/problem+json" and int(limited.headers["Retry-After"]) >= 1
    assert client.get("/recherche?q=otan").status_code == 429  # the page runs searches too: same budget
    other = client.get("/api/search?q=otan", environ_overrides={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 200  # the limit is per client


def test_metrics_count_requests_by_endpoint_and_report_the_index(client):
    for _ in range(3):
        client.get("/api/search?q=otan")
    client.get("/api/documents/nope")
    text = client.get("/metrics").get_data(as_text=True)
    count = re.search(r'searchsvc_http_requests_total\{endpoint="api.search",method="GET",status="200"\} (\S+)', text)
    assert count and float(count.group(1)) >= 3
    assert re.search(r'searchsvc_http_requests_total\{endpoint="api.document",method="GET",status="404"\}', text)
    assert 'searchsvc_http_request_duration_seconds_bucket{endpoint="api.search"' in text
    assert re.search(r"searchsvc_index_documents 5\.0", text) and re.search(r"searchsvc_index_ready 1\.0", text)
    assert re.search(r"searchsvc_index_build_duration_seconds \d", text)


def test_no_debug_mode(seed_index):
    app = create_app({"INDEX_DIR": str(seed_index)})
    assert not app.debug and not app.testing
    response = app.test_client().get("/api/search?q=%22")
    assert b"Traceback" not in response.data and response.status_code == 400


def test_the_rate_limit_covers_the_pages_in_french_but_never_the_probes(seed_index):
    client = create_app({"INDEX_DIR": str(seed_index), "TESTING": True, "RATE_LIMIT": "3/60"}).test_client()
    answers = [client.get("/recherche?q=otan") for _ in range(4)]
    assert [a.status_code for a in answers] == [200] * 3 + [429]
    refused = answers[-1]
    assert refused.mimetype == "text/html" and int(refused.headers["Retry-After"]) >= 1
    assert "Réessayez dans" in refused.get_data(as_text=True)
    assert client.get("/api/search?q=otan").status_code == 429  # one budget for the page and the API
    assert [client.get(p).status_code for p in ("/api/health", "/api/ready", "/static/style.css")] == [200] * 3


def test_metrics_are_for_this_machine_unless_opened(seed_index):
    app = create_app({"INDEX_DIR": str(seed_index), "TESTING": True})
    client = app.test_client()
    assert client.get("/metrics").status_code == 200  # the test client comes from 127.0.0.1
    remote = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert remote.status_code == 403 and remote.mimetype == "application/problem+json"
    assert "searchsvc_" not in remote.get_data(as_text=True)
    opened = create_app({"INDEX_DIR": str(seed_index), "TESTING": True, "METRICS_PUBLIC": True}).test_client()
    assert opened.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 200


def test_a_forged_host_never_reaches_a_shared_answer(seed_index):
    client = create_app({"INDEX_DIR": str(seed_index), "TESTING": True,
                         "PUBLIC_URL": "https://recherche.example.org"}).test_client()
    response = client.get("/api/search.atom?q=otan", headers={"Host": "evil.example"})
    assert response.status_code == 200 and "public" in response.headers["Cache-Control"]
    body = response.get_data(as_text=True)
    assert "evil.example" not in body
    assert 'href="https://recherche.example.org/recherche?q=otan"' in body
