"""Guards: security headers on every answer, and per-client rate limiting of the API and the pages.

The limit is a token bucket per client address, kept in each worker process (gunicorn runs one
per core), so a client gets at most `workers ×` the configured rate: simple, no shared store,
and enough to stop one client from taking the service for itself.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, request

from searchsvc.web.errors import page, problem

# Scripts and styles only from our own /static (the page has no inline script, handler or style).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MAX_CLIENTS = 10_000  # buckets kept; the least recently seen are forgotten past this
UNLIMITED = ("/api/health", "/api/ready", "/metrics")  # probes: a monitor must always get through


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, spec: str):
        requests, _, seconds = spec.partition("/")
        self.capacity = float(requests)
        self.rate = self.capacity / float(seconds or 1)  # tokens per second
        self.buckets: dict[str, Bucket] = {}
        self.lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 when `client` may go on now (a token is taken), else the seconds until it may."""
        now = time.monotonic()
        with self.lock:
            bucket = self.buckets.pop(client, None) or Bucket(self.capacity, now)
            self.buckets[client] = bucket  # most recently seen last
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if len(self.buckets) > MAX_CLIENTS:
                del self.buckets[next(iter(self.buckets))]
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate


def register(app: Flask) -> None:
    spec = app.config["RATE_LIMIT"]  # "600/60": 10 requests/s sustained, bursts of 600 (config.rate_limit)
    if spec and spec != "off":
        app.extensions["rate_limiter"] = RateLimiter(spec)
        app.before_request(limit_rate)
    app.after_request(add_security_headers)


def limit_rate() -> Response | None:
    """Every request but static files and probes takes a token: a page runs searches as the API does."""
    if request.method == "OPTIONS" or request.path.startswith("/static/") or request.path in UNLIMITED:
        return None
    wait = current_app.extensions["rate_limiter"].wait(request.remote_addr or "unknown")
    if not wait:
        return None
    seconds = math.ceil(wait)
    if request.path.startswith("/api/"):
        response = problem(429, "Too Many Requests", "this client sent too many requests; retry after the delay "
                                                     "given in Retry-After", type_="/api/problems/rate-limited")
    else:
        response = page(429, f"Trop de recherches en peu de temps depuis votre adresse. Réessayez dans "
                             f"{seconds} seconde{'s' if seconds > 1 else ''}.")
    response.headers["Retry-After"] = str(seconds)
    return response


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
