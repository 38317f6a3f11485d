"""Grouping reports of the same statement at scale. Run by hand against a database filled by `bench_generate`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench .venv/bin/python bench/grouping_bench.py \
        [--groups 2000] [--samples 300] [--seed 11]

1. Plants near-duplicates: `--groups` existing confirmed statements each get 1-4 more reports in new articles
   (exact copies, case and punctuation changed, trimmed to a part of at least 6 words, an ellipsis in the
   middle, one word changed), a quarter of the groups also a report naming another speaker (a conflict).
   The generator's other statements are random sentences: each is its own group.
2. Times the bulk command's work (`statements_group_all`, every confirmed statement) and its throughput.
3. Scores the groups against the planted ones, over pairs of statements: precision (pairs put together that
   were planted together) and recall (planted pairs put together). Targets: >= 0.99 and >= 0.95.
4. Times grouping one newly confirmed statement (`statement_groups_refresh` for one id, in a transaction, as
   the review services call it) for `--samples` new reports, half planted copies, half new words. Target: p95
   under 50 ms.
The database keeps what was planted (run it on a scratch copy); a second run plants more.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimbook.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max  # noqa: E402

from annotations.groups import services  # noqa: E402
from annotations.models import Article, Statement, StatementGroup, content_hash  # noqa: E402

WORDS = ["budget", "council", "bridge", "river", "school", "taxes", "housing", "police", "water", "transit"]


def variants(text: str, rng: random.Random) -> list[str]:
    """Reports of the same words as another outlet might print them."""
    words = text.split()
    out = []
    for kind in rng.sample(["copy", "case", "trim", "ellipsis", "reword"], k=rng.randint(1, 4)):
        if kind == "copy":
            out.append(text)
        elif kind == "case":
            out.append(text.upper().replace(" ", ", ", 1) + "!")
        elif kind == "trim" and len(words) >= 9:
            keep = max(6, int(len(words) * rng.uniform(0.6, 0.9)))
            start = rng.randint(0, len(words) - keep)
            out.append(" ".join(words[start : start + keep]))
        elif kind == "ellipsis" and len(words) >= 12:
            cut = rng.randint(3, len(words) - 6)
            out.append(" ".join(words[:cut]) + " … " + " ".join(words[cut + 2 :]))
        elif kind == "reword" and len(words) >= 10:
            i = rng.randrange(len(words))
            out.append(" ".join(words[:i] + [rng.choice(WORDS)] + words[i + 1 :]))
    return out or [text]


def new_report(text: str, speaker_id: int, outlet_id: int | None, when: dt.datetime, status: str) -> Statement:
    body = f"Report. “{text},” said the speaker.\n\nMore words here {uuid.uuid4().hex}."
    article = Article.objects.create(
        title="Planted report", url=f"https://planted.example/{uuid.uuid4().hex}", body=body,
        content_hash=content_hash(body), outlet_id=outlet_id, published_at=when, status="reviewed",
    )  # fmt: skip
    start = body.index("“") + 1
    return Statement.objects.create(
        article=article, start=start, end=start + len(text), text=text, speaker_id=speaker_id, status=status,
        published_at=when, published_on=when.date(), outlet_id=outlet_id, origin="editor",
    )  # fmt: skip


def plant(groups: int, rng: random.Random) -> dict[int, int]:
    """Planted reports; returns statement id -> planted group (its base statement's id)."""
    last = Statement.objects.aggregate(m=Max("pk"))["m"]
    bases = []
    while len(bases) < groups:
        pk = rng.randint(1, last)
        s = (
            Statement.objects.filter(pk=pk, status="confirmed", kind="direct")
            .values_list("pk", "text", "speaker_id", "outlet_id", "published_at")
            .first()
        )
        if s and len(s[1].split()) >= 12 and s[0] not in {b[0] for b in bases}:
            bases.append(s)
    truth: dict[int, int] = {}
    speakers = list(Statement.objects.values_list("speaker_id", flat=True)[:5000])
    with transaction.atomic():
        for pk, text, speaker_id, outlet_id, published in bases:
            truth[pk] = pk
            when = published or dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
            reports = variants(text, rng)
            if rng.random() < 0.25:
                reports.append(text)  # the same words, another speaker: a conflict
            for i, words in enumerate(reports):
                conflict = i == len(reports) - 1 and len(reports) > 1 and rng.random() < 0.25
                who = rng.choice(speakers) if conflict else speaker_id
                report = new_report(words, who, outlet_id, when + dt.timedelta(hours=i + 1), "confirmed")
                truth[report.pk] = pk
    return truth


def pairs_of(members: dict[int, list[int]]) -> set[tuple[int, int]]:
    return {pair for ids in members.values() for pair in combinations(sorted(ids), 2)}


def score(truth: dict[int, int]) -> tuple[float, float, int, int]:
    planted: dict[int, list[int]] = defaultdict(list)
    for pk, group in truth.items():
        planted[group].append(pk)
    found: dict[int, list[int]] = defaultdict(list)
    for pk, group in Statement.objects.filter(group__isnull=False).values_list("pk", "group_id"):
        found[group].append(pk)
    truth_pairs, found_pairs = pairs_of(planted), pairs_of(found)
    hit = len(truth_pairs & found_pairs)
    precision = hit / len(found_pairs) if found_pairs else 1.0
    recall = hit / len(truth_pairs) if truth_pairs else 1.0
    return precision, recall, len(found_pairs), len(truth_pairs)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--only-single", action="store_true", help="only step 4, on a database already grouped")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    random.seed(args.seed)
    confirmed = Statement.objects.filter(status="confirmed").count()
    print(f"database: {confirmed:,} confirmed statements; load average {os.getloadavg()}")

    if not args.only_single:
        plant_group_score(args, rng)
    single(args, rng)


def plant_group_score(args: argparse.Namespace, rng: random.Random) -> None:
    t = time.perf_counter()
    truth = plant(args.groups, rng)
    print(
        f"planted {len(truth) - args.groups:,} reports of {args.groups:,} statements in {time.perf_counter() - t:.1f} s"
    )

    t = time.perf_counter()
    done = services.statements_group_all(batch_size=args.batch_size, only_missing=True)
    elapsed = time.perf_counter() - t
    print(f"bulk grouping: {done:,} statements in {elapsed:.1f} s = {done / elapsed:,.0f} statements/s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE annotations_quotefingerprint")
        cursor.execute("SELECT count(*) FROM annotations_quotefingerprint")
        print(f"index: {cursor.fetchone()[0]:,} fingerprints")
    groups = StatementGroup.objects.filter(size__gte=2)
    print(
        f"groups: {groups.count():,} ({groups.filter(speakers_differ=True).count():,} speakers differ, "
        f"{groups.filter(wording_differs=True).count():,} wording differs)"
    )

    precision, recall, found, planted = score(truth)
    print(f"precision {precision:.4f}  recall {recall:.4f}  ({found:,} pairs grouped, {planted:,} planted)")


def single(args: argparse.Namespace, rng: random.Random) -> None:
    """One newly confirmed statement at a time, as a review action triggers it: the refresh alone (inside the
    action's transaction) and with its own COMMIT."""
    bases = list(Statement.objects.filter(group__isnull=False).values_list("text", "speaker_id", "outlet_id")[:2000])
    timings: list[float] = []
    inside: list[float] = []
    outlet_id = bases[0][2]
    for i in range(args.samples):
        if i % 2 == 0:
            text, speaker_id, outlet_id = rng.choice(bases)
        else:
            text = " ".join(rng.choices(WORDS + ["the", "and", "will", "not", "we"], k=rng.randint(8, 20)))
            speaker_id = bases[0][1]
        report = new_report(text, speaker_id, outlet_id, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "suggested")
        Statement.objects.filter(pk=report.pk).update(status="confirmed")
        t = time.perf_counter()
        with transaction.atomic():
            services.statement_groups_refresh(statement_ids=[report.pk])
            inside.append((time.perf_counter() - t) * 1000)
        timings.append((time.perf_counter() - t) * 1000)
    for label, values in (("before COMMIT", inside), ("with its COMMIT", timings)):
        print(
            f"group one newly confirmed statement ({args.samples}), {label}: p50 {statistics.median(values):.1f} ms, "
            f"p95 {percentile(values, 95):.1f} ms, max {max(values):.1f} ms"
        )
    sizes = Statement.objects.filter(group__isnull=False).values("group_id").annotate(n=Count("*"))
    print(f"largest group: {max((row['n'] for row in sizes), default=0)} reports; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
