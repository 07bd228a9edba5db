"""The production setup: the real nginx with deploy/nginx.conf in front of the real gunicorn.

nginx reads whole requests before gunicorn sees them, so clients that send their headers slowly
(a slowloris attack) hold nginx connections, which are cheap, and never a gunicorn thread.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, Gunicorn, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = ROOT / "deploy" / "nginx.conf"
SLOW_CLIENTS = 24  # far more than gunicorn's 2 workers × 2 threads
ATTACK_SECONDS = 8

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="needs nginx (Debian's package; .ci/run installs it)")


class Nginx:
    """nginx run with the repository's config; only the two ports are changed."""

    def __init__(self, prefix: Path, upstream: str):
        self.prefix = prefix
        self.port = free_port()
        (prefix / "run").mkdir(parents=True)
        (prefix / "searchsvc").symlink_to(ROOT / "searchsvc")
        config = CONFIG.read_text(encoding="utf-8")
        assert "listen 127.0.0.1:8080;" in config and "server 127.0.0.1:8000;" in config
        config = config.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{self.port};")
        config = config.replace("server 127.0.0.1:8000;", f"server {upstream};")
        self.config = prefix / "nginx.conf"
        self.config.write_text(config, encoding="utf-8")
        # Run as root (CI), nginx's workers would switch to `nobody`, who may not enter the test's
        # folders: keep them as the user running the tests, as a deployment sets `user` for its own.
        self.options = ["-g", "user root;"] if os.geteuid() == 0 else []

    def start(self) -> str:
        subprocess.run([NGINX, "-p", f"{self.prefix}/", "-c", str(self.config), *self.options], check=True, timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return f"127.0.0.1:{self.port}"
            except OSError:
                time.sleep(0.1)
        pytest.fail("nginx did not listen: " + (self.prefix / "run" / "nginx-error.log").read_text())

    def stop(self) -> None:
        subprocess.run([NGINX, "-p", f"{self.prefix}/", "-c", str(self.config), *self.options, "-s", "stop"],
                       timeout=30)


@contextlib.contextmanager
def serving_behind_nginx(index_root: Path, prefix: Path, **env):
    """host:port of nginx in front of gunicorn over `index_root`, as the README sets it up."""
    server = Gunicorn(index_root, SEARCHSVC_PROXY_HOPS="1", **env)
    upstream = server.start()[len("http://"):]
    proxy = Nginx(prefix, upstream)
    try:
        yield proxy.start()
    finally:
        proxy.stop()
        server.stop()


@pytest.fixture()
def behind_nginx(seed_index, tmp_path):
    with serving_behind_nginx(seed_index, tmp_path / "nginx") as address:
        yield address


def get(address: str, path: str, source: str = "127.0.0.1", headers: dict | None = None, timeout: float = 10):
    host, port = address.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout, source_address=(source, 0))
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_nginx_serves_the_api_the_page_and_static_files(behind_nginx):
    address = behind_nginx
    status, headers, body = get(address, "/api/search?q=mobilite+militaire")
    assert status == 200 and b'"total"' in body
    status, _, body = get(address, "/?q=otan")
    assert status == 200 and "OTAN".encode() in body
    status, headers, body = get(address, "/static/style.css")
    assert status == 200
    assert body == (ROOT / "searchsvc/web/static/style.css").read_bytes()
    assert headers.get("Server", "").startswith("nginx")  # nginx answered it, not Python


def test_slow_clients_do_not_delay_others(behind_nginx):
    address = behind_nginx
    host, port = address.split(":")
    stop = threading.Event()

    def slow_client():
        with socket.create_connection((host, int(port)), timeout=ATTACK_SECONDS + 5) as s:
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
            for i in range(ATTACK_SECONDS):  # one header line a second, never the blank line
                if stop.wait(1):
                    return
                try:
                    s.sendall(f"X-Slow-{i}: 1\r\n".encode())
                except OSError:
                    return  # nginx dropped us: as it should, eventually

    attackers = [threading.Thread(target=slow_client) for _ in range(SLOW_CLIENTS)]
    for thread in attackers:
        thread.start()
    try:
        time.sleep(1)  # every slow client is connected and mid-request
        answered = []
        for _ in range(10):
            started = time.monotonic()
            status, _, _ = get(address, "/api/health", timeout=ATTACK_SECONDS)
            answered.append((status, time.monotonic() - started))
            time.sleep(0.3)
    finally:
        stop.set()
        for thread in attackers:
            thread.join()
    assert [status for status, _ in answered] == [200] * 10
    # Without nginx each probe waits for a gunicorn thread the slow clients hold (10 s and more).
    assert max(seconds for _, seconds in answered) < ATTACK_SECONDS / 2, answered


def test_rate_limit_counts_each_client_not_the_proxy(seed_index, tmp_path):
    with serving_behind_nginx(seed_index, tmp_path / "nginx", SEARCHSVC_RATE_LIMIT="5/3600") as address:
        check_rate_limit_per_client(address)


def check_rate_limit_per_client(address: str) -> None:
    # Loopback addresses stand for two clients; the app limits each to 5 requests an hour per worker
    # (no token comes back while the test runs, however slow the machine).
    first = [get(address, "/api/search?q=otan", source="127.0.0.2")[0] for _ in range(12)]
    assert 429 in first  # two workers: at most 10 pass
    assert get(address, "/api/search?q=otan", source="127.0.0.3")[0] == 200  # another client is not affected
    # A client cannot escape its limit by naming another address: nginx replaces X-Forwarded-For.
    spoofed = get(address, "/api/search?q=otan", source="127.0.0.2", headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed[0] == 429
