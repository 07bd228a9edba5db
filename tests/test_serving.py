"""gunicorn serving the app as `make run` does, answered over HTTP."""

import json
import re

from conftest import http_get as get

def test_gunicorn_serves_the_api_and_the_page(served):
    status, _, body = get(served + "/api/search?q=otan")
    assert status == 200 and json.loads(body)["total"] >= 4
    status, headers, body = get(served + "/?q=s%C3%A9curit%C3%A9")
    assert status == 200 and "text/html" in headers["Content-Type"] and "<mark>sécurité</mark>" in body.decode()
    status, headers, body = get(served + "/api/search?page=0")
    assert status == 400 and headers["Content-Type"] == "application/problem+json"
    status, _, body = get(served + "/api/search?q=" + "x" * 20000)
    assert status in (400, 414) and b"Traceback" not in body


def test_metrics_add_up_every_worker(served):
    for _ in range(12):
        assert get(served + "/api/search?q=otan")[0] == 200
    status, headers, body = get(served + "/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    counts = re.findall(r'searchsvc_http_requests_total\{endpoint="api.search",method="GET",status="200"\} (\S+)', text)
    assert sum(float(c) for c in counts) >= 12
    assert "searchsvc_index_documents 5.0" in text


def test_liveness_and_readiness(served):
    assert json.loads(get(served + "/api/health")[2])["status"] == "ok"
    status, _, body = get(served + "/api/ready")
    assert status == 200 and json.loads(body)["documents"] == 5
