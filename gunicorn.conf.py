"""gunicorn settings for searchsvc: CPU-bound searches on a small machine.

Each setting can be overridden from the environment (SEARCHSVC_BIND, SEARCHSVC_WORKERS, …).
"""

import json
import multiprocessing
import os
import tempfile

from gunicorn import util

from searchsvc.config import threads as configured_threads  # not `config`: a gunicorn setting

bind = os.environ.get("SEARCHSVC_BIND", "127.0.0.1:8000")
# Searching is CPU-bound Python: one process per core does the work; a second thread per worker
# overlaps the little I/O there is (reading stored fields) without fighting over the GIL for long.
workers = int(os.environ.get("SEARCHSVC_WORKERS", multiprocessing.cpu_count()))
threads = configured_threads()
timeout = int(os.environ.get("SEARCHSVC_TIMEOUT", 30))  # a worker stuck this long is replaced
graceful_timeout = 20  # on restart, let running searches finish
keepalive = 5
max_requests = 5000  # recycle workers now and then, spread out by the jitter
max_requests_jitter = 500
limit_request_line = 8190  # longer URLs get 414: queries are capped far below this anyway
accesslog = os.environ.get("SEARCHSVC_ACCESS_LOG", "-")
# who, what, status, bytes, milliseconds, and the request id the app answered with (X-Request-ID)
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("SEARCHSVC_LOG_LEVEL", "info")
# gunicorn's control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl), shared by every
# gunicorn of that user and removed by whichever exits first; we reload with `kill -HUP` instead.
# SEARCHSVC_CONTROL_SOCKET=PATH gives this server a socket of its own for gunicornc.
control_socket = os.environ.get("SEARCHSVC_CONTROL_SOCKET", "")
control_socket_disable = not control_socket


# Prometheus metrics from every worker, added up at /metrics (searchsvc/web/metrics.py): the workers
# write to files in this folder, which must exist and be empty before they start.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="searchsvc-metrics-")


def on_starting(server):
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


# Requests gunicorn refuses before the app sees them (a malformed request line, a URL over
# limit_request_line: 414, too many or too large headers: 431) get a problem+json body with the
# headers every answer of ours carries, instead of gunicorn's bare HTML. The path is not known yet
# at that point (the request line may not even have been read), so there is no French page here.
PROBLEM_HEADERS = ("Content-Type: application/problem+json\r\n"
                   "X-Content-Type-Options: nosniff\r\n"
                   "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
                   "Cache-Control: no-store\r\n"
                   "Access-Control-Allow-Origin: *\r\n")


def write_problem(sock, status_int, reason, mesg):
    body = json.dumps({"type": "about:blank", "title": reason, "status": status_int,
                       "detail": mesg or reason}).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n{PROBLEM_HEADERS}"
            f"Content-Length: {len(body)}\r\n\r\n")
    util.write_nonblock(sock, head.encode("latin-1") + body)


util.write_error = write_problem
