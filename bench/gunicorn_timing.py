"""gunicorn config for bench/review_actions.py: log each request's wall and CPU time inside the worker.

gunicorn's access log has the wall time (%(D)s) only; the CPU time (time.process_time() of the worker
between the request's start and end) separates the application's own work from time spent waiting for
the database or for a CPU on a busy machine. BENCH_TIMING_LOG names the file (one line per request).
"""

import os
import time

_log_path = os.environ["BENCH_TIMING_LOG"]


def pre_request(worker, req):
    req._bench_started = (time.perf_counter(), time.process_time())


def post_request(worker, req, environ, resp):
    wall0, cpu0 = req._bench_started
    wall, cpu = (time.perf_counter() - wall0) * 1000, (time.process_time() - cpu0) * 1000
    with open(_log_path, "a", encoding="utf-8") as log:
        log.write(
            f"{req.query or ''}\t{resp.status_code if hasattr(resp, 'status_code') else resp.status}\t{wall:.3f}\t{cpu:.3f}\n"
        )
