"""Prometheus metrics at /metrics: requests and latency by endpoint and status, and the index served.

Under gunicorn every worker counts its own requests; with PROMETHEUS_MULTIPROC_DIR set (gunicorn.conf.py
sets it) the workers write to shared files and /metrics adds them up, whichever worker answers.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import time

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest,
                               multiprocess)

from searchsvc.search import IndexMissing
from searchsvc.web.errors import problem

blueprint = Blueprint("metrics", __name__)

REQUESTS = Counter("searchsvc_http_requests_total", "HTTP requests answered", ["endpoint", "method", "status"])
LATENCY = Histogram("searchsvc_http_request_duration_seconds", "Time to answer, by endpoint", ["endpoint"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
# The index as the worker answering /metrics sees it (they all follow the same index).
DOCUMENTS = Gauge("searchsvc_index_documents", "Announcements in the live index", multiprocess_mode="mostrecent")
COMMIT = Gauge("searchsvc_index_commit", "Whoosh commit number of the live generation", multiprocess_mode="mostrecent")
BUILT = Gauge("searchsvc_index_built_timestamp_seconds", "When the live generation was built (Unix time)",
              multiprocess_mode="mostrecent")
BUILD_SECONDS = Gauge("searchsvc_index_build_duration_seconds", "How long the live generation took to build",
                      multiprocess_mode="mostrecent")
READY = Gauge("searchsvc_index_ready", "1 when an index is loaded", multiprocess_mode="mostrecent")


def register(app: Flask) -> None:
    app.before_request(start_timer)
    app.after_request(count)
    app.register_blueprint(blueprint)


def start_timer() -> None:
    g.started = time.perf_counter()


def count(response: Response) -> Response:
    endpoint = request.endpoint or "unmatched"  # never the raw path: ids would make endless series
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    if "started" in g:
        LATENCY.labels(endpoint).observe(time.perf_counter() - g.started)
    return response


def from_this_machine() -> bool:
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@blueprint.get("/metrics")
def metrics() -> Response:
    # What the service counts is for its operators: other clients are refused unless a setting opens it
    if not (current_app.config["METRICS_PUBLIC"] or from_this_machine()):
        return problem(403, "Forbidden", "metrics are served to this machine only (SEARCHSVC_METRICS_PUBLIC=1 "
                                         "opens them)", type_="/api/problems/forbidden")
    service = current_app.extensions["search"]
    try:
        health, build = service.health(), service.build_info()
    except IndexMissing:
        READY.set(0)
    else:
        READY.set(1)
        DOCUMENTS.set(health["documents"])
        COMMIT.set(health["commit"])
        if build.get("built_at"):
            BUILT.set(datetime.datetime.fromisoformat(build["built_at"]).timestamp())
        BUILD_SECONDS.set(build.get("seconds") or 0)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY as registry
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
