"""Pre-tagging throughput with 1, 2 and 4 worker processes on this machine. Run by hand:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_workerbench \
        .venv/bin/python bench/worker_throughput.py [--articles 300] [--workers 1 2 4] [--batch-size 8]
        [--broker redis://127.0.0.1:6379/5]

The script FLUSHES the database it is given (and the Redis database of --broker): point it at scratch ones.
It migrates the database, then for each worker count: starts that many `manage.py db_worker` processes (or
Celery workers with --broker), warms each up (the spaCy pipeline loads on a worker's first task), queues
--articles articles of about 330 words with three quotes each the way `pretag --all` does, and times the
queue from the moment it is filled until it is empty. Prints articles per minute, the figure per core used
(min(workers, cores)) and the load average before and after each run: the machine may be shared.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimbook.settings")

# The queue this script fills must be the workers' queue: with --broker, Celery's, set before Django starts.
if "--broker" in sys.argv[:-1]:
    os.environ["CLAIMBOOK_TASK_BROKER_URL"] = sys.argv[sys.argv.index("--broker") + 1]

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from annotations.models import Article, content_hash  # noqa: E402
from annotations.pretagging import queue  # noqa: E402
from annotations.tasks import send_pretag_tasks  # noqa: E402

NAMES = ["Ada Brook", "Tomas Reyes", "Lee Park", "Mina Osei", "Jon Hale", "Rui Costa", "Ana Lind", "Ola Berg"]
FILLER = (
    "The council met on Tuesday evening to discuss the budget for the coming year, and residents filled the "
    "hall to hear how the money for roads, schools and the harbour would be divided between the districts. "
)


def body(number: int) -> str:
    speakers = [NAMES[(number + shift) % len(NAMES)] for shift in range(3)]
    parts = [
        f"Plans for bridge number {number} were approved after a long debate. " + FILLER * 3,
        f"“We will open the bridge by May, and it will carry {number % 90 + 10} buses a day,” said {speakers[0]}. "
        + FILLER * 2,
        f"{speakers[1]}, who chairs the transport committee, said the cost had been checked twice. " + FILLER * 3,
        f"“Nobody asked the people who live by the river,” {speakers[2]} said. " + FILLER * 2,
    ]
    return "\n\n".join(parts)


def store_articles(count: int, start: int) -> list[int]:
    articles = [
        Article(title=f"Bridge {n}", body=body(n), content_hash=content_hash(body(n)))
        for n in range(start, start + count)
    ]
    return [article.pk for article in Article.objects.bulk_create(articles, batch_size=500)]


def queued_count() -> int:
    return queue.queued().count()


def wait_until_empty(timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while queued_count():
        if time.monotonic() > deadline:
            raise SystemExit("timed out: workers did not empty the queue")
        time.sleep(0.1)
    return time.monotonic()


def start_workers(count: int, broker: str | None, log: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    if broker:
        env["CLAIMBOOK_TASK_BROKER_URL"] = broker
        commands = [
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "claimbook.celery",
                "worker",
                "--pool=solo",
                "-n",
                f"bench{number}@%h",
                "-l",
                "warning",
                "--without-gossip",
                "--without-mingle",
            ]  # fmt: skip
            for number in range(count)
        ]
    else:
        env.pop("CLAIMBOOK_TASK_BROKER_URL", None)
        commands = [
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "-v",
                "0",
            ]  # fmt: skip
            for _ in range(count)
        ]
    return [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
        for command in commands
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--broker", help="Celery on this Redis URL instead of db_worker (the database is default).")
    parser.add_argument("--log", type=Path, default=Path("/tmp/worker_throughput.log"))
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    if args.broker:
        import redis

        redis.Redis.from_url(args.broker).flushdb()
    cores = os.cpu_count() or 1
    backend = f"Celery on {args.broker}" if args.broker else "db_worker (database backend)"
    print(f"{backend}; {cores} cores; {args.articles} articles of about {len(body(0).split())} words per run")
    results = []
    next_number = 0
    for count in args.workers:
        workers = start_workers(count, args.broker, args.log)
        try:
            # Warm-up: one single-article task per worker loads the pipeline in each.
            warm = store_articles(count * 2, next_number)
            next_number += count * 2
            queue.articles_queue(article_ids=warm)
            for pk in warm:
                send_pretag_tasks(article_ids=[pk])
            wait_until_empty(timeout=600)
            load_before = os.getloadavg()
            ids = store_articles(args.articles, next_number)
            next_number += args.articles
            started = time.monotonic()
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                queue.articles_queue(article_ids=chunk)
                send_pretag_tasks(article_ids=chunk, batch_size=args.batch_size)
            finished = wait_until_empty(timeout=3600)
            load_after = os.getloadavg()
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=60)
        per_minute = args.articles / (finished - started) * 60
        per_core = per_minute / min(count, cores)
        results.append((count, per_minute))
        print(
            f"{count} worker(s): {per_minute:7.0f} articles/min ({finished - started:5.1f} s), "
            f"{per_core:6.0f} per core used; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
        )
    base = results[0][1]
    print("speed-up: " + ", ".join(f"{count} workers {rate / base:.2f}x" for count, rate in results))


if __name__ == "__main__":
    main()
