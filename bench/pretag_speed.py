"""Pre-tagging speed and memory, side by side with bare spaCy, on one core. Run by hand:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench \
        .venv/bin/python bench/pretag_speed.py TEXTS.jsonl [--articles 2000] [--memory-articles 10000]

TEXTS.jsonl has one {"text": ...} per line (for example ../shared/eval/polnear-dev.jsonl; it is read at
run time and never stored in the project). The texts are cycled, each copy made unique, to reach the
article counts. The script FLUSHES the database it is given: point it at a scratch database.

Prints, for the same texts in one run:
  1. bare `nlp.pipe` with the trained model alone (no Claimbook component, no database),
  2. `pretag` of the stored articles (pipeline + claimbook_quotes + speaker resolution + database writes),
and the ratio of their words per second (target >= 0.8), then the peak RSS of `manage.py pretag --pending` (run in this process, not queued)
in a child process over --memory-articles articles (target < 1 GB).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimbook.settings")
os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the figures promise

import django  # noqa: E402

django.setup()

import spacy  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from annotations.models import Article, Statement, content_hash  # noqa: E402
from annotations.pretagging import nlp  # noqa: E402
from annotations.pretagging.services import DEFAULT_BATCH_SIZE, articles_pretag, pipeline  # noqa: E402


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def store_articles(texts: list[str], count: int) -> None:
    """`count` distinct articles cycling through `texts` (bulk insert: the import path is not measured here)."""
    Article.objects.all().delete()
    batch = []
    for number in range(count):
        body = texts[number % len(texts)] + f"\n\n(Benchmark copy {number}.)"
        batch.append(Article(title=f"Benchmark article {number}", body=body, content_hash=content_hash(body)))
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


def words(texts) -> int:
    return sum(len(text.split()) for text in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", type=Path)
    parser.add_argument("--articles", type=int, default=500, help="articles for the speed comparison")
    parser.add_argument("--memory-articles", type=int, default=0, help="articles for the peak-memory run (0: skip)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    args = parser.parse_args()

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    texts = load_texts(args.texts)
    store_articles(texts, args.articles)
    bodies = list(Article.objects.order_by("pk").values_list("body", flat=True))
    total_words = words(bodies)
    print(f"{len(bodies)} articles, {total_words} words")

    model_name = nlp.default_model_name()
    bare = spacy.load(model_name)
    pipeline()  # load outside the timing, as a worker does once
    list(bare.pipe(bodies[:20]))  # warm both up
    list(pipeline().pipe(bodies[:20]))

    # Interleaved chunk by chunk, so a change in the machine's load hits both sides alike.
    articles = list(Article.objects.order_by("pk"))
    bare_seconds = pretag_seconds = 0.0
    outcomes = []
    chunk = args.batch_size * 4
    for first in range(0, len(articles), chunk):
        part = articles[first : first + chunk]
        started = time.perf_counter()
        for _doc in bare.pipe([a.body for a in part], batch_size=args.batch_size):
            pass
        bare_seconds += time.perf_counter() - started
        started = time.perf_counter()
        outcomes += articles_pretag(articles=part, batch_size=args.batch_size)
        pretag_seconds += time.perf_counter() - started
    failed = sum(bool(o.error) for o in outcomes)

    bare_rate, pretag_rate = total_words / bare_seconds, total_words / pretag_seconds
    print(f"bare nlp.pipe ({model_name}):        {bare_rate:8.0f} words/s  ({bare_seconds:.1f} s)")
    print(
        f"pretag, database writes included: {pretag_rate:8.0f} words/s  ({pretag_seconds:.1f} s)"
        f"  {Statement.objects.count()} statements, {failed} failed"
    )
    print(f"ratio pretag / bare: {pretag_rate / bare_rate:.2f}  (target >= 0.80)")

    if args.memory_articles:
        store_articles(texts, args.memory_articles)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "pretag",
                "--pending",
                "-v",
                "0",
                "--batch-size",
                str(args.batch_size),
            ],
            check=True,
            env={**os.environ},
        )
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"peak RSS of `pretag --pending` over {args.memory_articles} articles: {peak_mb:.0f} MB"
            f" ({time.perf_counter() - started:.0f} s; target < 1024 MB)"
        )


if __name__ == "__main__":
    main()
