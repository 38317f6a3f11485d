"""Load test: gunicorn serving the benchmark database, Locust's clients on it, one scenario at a time.

Run by hand (never in the test suite), against a database filled by `manage.py bench_generate`:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench
    .venv/bin/python manage.py collectstatic --no-input      # DEBUG is off: the manifest storage needs it
    .venv/bin/python bench/load_test.py                      # 20 clients, 60 s per scenario
    .venv/bin/python bench/load_test.py --worker-class sync --workers 5 --scenarios search

It starts gunicorn (production settings: DEBUG off, the shared Redis cache for reader pages unless
`--no-cache`, persistent database connections), waits for /healthz, then for each scenario of
bench/locustfile.py runs Locust headless (`--users` clients, none waiting between requests, for
`--duration` seconds) and prints, per scenario, requests per second, p50/p95/max, failures and the load
average before and after (the machine may be shared: say so with the figures). Locust's CSV files stay in
`--out`.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer 200 within {seconds} s")


def gunicorn(args: argparse.Namespace) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-not-secret"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    if args.cache:
        env["CLAIMBOOK_CACHE_URL"] = args.cache
        env["CLAIMBOOK_CACHE_PREFIX"] = f"loadtest-{os.getpid()}"
    command = [
        str(BIN / "gunicorn"), "claimbook.wsgi", "--bind", f"127.0.0.1:{args.port}",
        "--workers", str(args.workers), "--worker-class", args.worker_class, "--threads", str(args.threads),
        "--timeout", "30", "--access-logfile", "-" if args.access_log else "/dev/null", "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def run_scenario(args: argparse.Namespace, scenario: str, out: Path) -> dict[str, str]:
    prefix = out / scenario
    command = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "--users", str(args.users), "--spawn-rate", str(args.users), "--run-time", f"{args.duration}s",
        "--host", f"http://127.0.0.1:{args.port}", "--tags", scenario, "--csv", str(prefix),
        "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5",
    ]  # fmt: skip
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(command, cwd=ROOT, check=False, stdout=log, stderr=subprocess.STDOUT)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="per worker (gthread)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60, help="seconds per scenario")
    parser.add_argument("--scenarios", default="pages,search,api,health")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/6", help="Redis URL of the shared cache")
    parser.add_argument("--no-cache", dest="cache", action="store_const", const="")
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="where Locust's CSV files go")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="claimbook-load-"))
    out.mkdir(parents=True, exist_ok=True)

    server = gunicorn(args)
    try:
        wait_for(f"http://127.0.0.1:{args.port}/healthz")
        print(
            f"gunicorn {args.worker_class}, {args.workers} workers"
            + (f" x {args.threads} threads" if args.worker_class == "gthread" else "")
            + f"; cache {'Redis' if args.cache else 'off'}; {args.users} clients, {args.duration} s per scenario;"
            f" {os.cpu_count()} CPUs; CSV in {out}"
        )
        print(
            f"{'scenario / request':34} {'requests':>9} {'req/s':>7} {'p50':>6} {'p95':>6} {'max':>7} {'fail':>5}  load"
        )
        for scenario in args.scenarios.split(","):
            before = os.getloadavg()[0]
            rows = run_scenario(args, scenario, out)
            after = os.getloadavg()[0]
            for name, row in rows.items():
                label = f"{scenario}: total" if name == "Aggregated" else f"  {name}"
                print(
                    f"{label:34} {row['Request Count']:>9} {float(row['Requests/s']):>7.1f} {row['50%']:>6} "
                    f"{row['95%']:>6} {float(row['Max Response Time']):>7.0f} {row['Failure Count']:>5}"
                    + (f"  {before:.1f} -> {after:.1f}" if name == "Aggregated" else "")
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
