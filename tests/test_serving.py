"""gunicorn serving the app as `make run` does, answered over HTTP."""

import json
import re
import socket

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


def raw_exchange(base: str, request: bytes) -> tuple[int, dict, bytes]:
    """Sends bytes as they are (requests a client library would refuse to send) and reads the answer."""
    host, port = base[len("http://"):].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(request)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def test_requests_gunicorn_refuses_itself_are_answered_as_problems(served):
    cases = {
        414: b"GET /api/search?q=" + b"x" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        431: b"GET /api/search HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: 1\r\n" % i for i in range(200)) + b"\r\n",
        400: b"GET /api/search HTTP/9.9 EXTRA\r\nHost: x\r\n\r\n",
    }
    for status, request in cases.items():
        answered, headers, body = raw_exchange(served, request)
        assert answered == status, (status, body[:200])
        assert headers["Content-Type"] == "application/problem+json"
        assert headers["X-Content-Type-Options"] == "nosniff"
        problem = json.loads(body)
        assert problem["status"] == status and problem["title"] and problem["detail"]
