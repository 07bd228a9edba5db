"""gunicorn serving the app as `make run` does, answered over HTTP."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served(seed_index):
    port = free_port()
    env = dict(os.environ, SEARCHSVC_INDEX=str(seed_index), SEARCHSVC_BIND=f"127.0.0.1:{port}",
               SEARCHSVC_WORKERS="2", SEARCHSVC_ACCESS_LOG="-")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # generous: CI machines can be busy
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(base + "/api/health", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not answer: " + process.stdout.read().decode(errors="replace")[-2000:])
    yield base
    process.terminate()
    process.wait(timeout=30)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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
