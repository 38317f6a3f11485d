"""Real worker processes for the pre-tagging reliability tests: start them, wait on the database, kill them."""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]

# A lease short enough for a test to see it expire, swept often.
FAST_LEASES = {
    "CLAIMBOOK_PRETAG_LEASE_SECONDS": "3",
    "CLAIMBOOK_PRETAG_SWEEP_SECONDS": "1",
    "CLAIMBOOK_PRETAG_UNCLAIMED_SECONDS": "3600",
}


def database_url(settings_dict: dict) -> str:
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    user = settings_dict.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


def environment(database: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "claimbook.settings", **FAST_LEASES}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.pop("CLAIMBOOK_TASK_BROKER_URL", None)
    env.update(extra)
    return env


def start(args: list[str], database: str, log: Path, **extra: str) -> subprocess.Popen:
    """Start `manage.py <args>` (or another module's command line when args[0] is "-m") in its own group."""
    command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment(database, **extra),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_db_worker(database: str, log: Path, **extra: str) -> subprocess.Popen:
    return start(
        ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "-v", "2"], database, log, **extra
    )


def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def wait_for(condition: Callable[[], object], *, timeout: float, what: str, every: float = 0.1) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def query(database: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(database.replace("postgres://", "postgresql://"), connect_timeout=3) as connection:
        return connection.execute(sql, params).fetchall()  # type: ignore[arg-type]


def scalar(database: str, sql: str, params: tuple = ()) -> object:
    return query(database, sql, params)[0][0]


STORED = re.compile(r"article (\d+): \d+ suggested")


def stored_runs(database: str) -> Counter[int]:
    """How many runs stored a result, per article, from the return values of the tasks that succeeded."""
    runs: Counter[int] = Counter()
    for (value,) in query(
        database, "SELECT return_value FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
    ):
        runs.update(int(pk) for pk in STORED.findall(str(value)))
    return runs
