"""Server time of the reader site on the benchmark database: search, filtered lists, speaker pages.

Run by hand (never in the test suite), against a database filled by `manage.py bench_generate`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench .venv/bin/python bench/reader_bench.py
    ... reader_bench.py --explain        # also print EXPLAIN ANALYZE of the key queries

"Server time" is the time Django takes to answer a request in-process (URL routing, middleware, view, SQL,
template rendering), measured around django.test.Client.get; it leaves out the network and the HTTP
server. Settings are production-like: DEBUG off (no query log), plain static storage.
Every URL is requested once to warm the caches, then `--runs` times; the p50/p95/max of each group and the
number of SQL queries per page are printed. Targets: search and lists < 100 ms p95, speaker page
< 50 ms p95.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimbook.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from annotations.models import Outlet, Speaker, Statement  # noqa: E402
from annotations.reader.queries import (  # noqa: E402
    StatementQuery,
    WindowedRank,
    search_statements,
    speaker_outlets,
    speaker_timeline,
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


COMMON_WORDS = ["ability", "policy", "together", "message", "economy", "health", "manage", "ground", "history"]
COMMON_WORDS += ["tax", "school", "police", "water", "budget", "bridge"]  # each in 2–7% of the statements


def workload(rng: random.Random) -> dict[str, list[str]]:
    words = COMMON_WORDS
    texts = list(Statement.objects.confirmed_attributed().order_by("?").values_list("text", flat=True)[:8])
    speakers = list(
        Speaker.objects.filter(statements__status="confirmed").distinct().order_by("?").values_list("slug", "name")[:40]
    )
    top = list(Speaker.objects.annotate(n=Count("statements")).order_by("-n").values_list("slug", flat=True)[:5])
    outlets = list(Outlet.objects.values_list("slug", flat=True))

    def url(path: str, **params) -> str:
        return path + ("?" + urlencode(params) if params else "")

    common = [url("/statements/", q=w) for w in words]
    search = [url("/statements/", q=name.split()[-1]) for _, name in speakers[:10]]
    search += [url("/statements/", q=f"{a} {b}") for a, b in zip(words[::2], words[1::2], strict=False)]
    search += [url("/statements/", q=f'"{" ".join(text.split()[:3])}"') for text in texts[:4]]
    search += [url("/statements/", q=w[:4]) for w in words[:4]]  # half-typed words (prefix match)
    search += [url("/statements/", q=w, sort="date") for w in words[:4]]

    lists = [url("/statements/"), url("/statements/", page=2), url("/statements/", page=25)]
    lists += [url("/statements/", kind=kind) for kind in ("direct", "mixed", "indirect")]
    lists += [url("/statements/", outlet=rng.choice(outlets)) for _ in range(6)]
    lists += [url("/statements/", outlet=rng.choice(outlets), kind="indirect") for _ in range(4)]
    for _ in range(6):
        year, month = rng.randint(2022, 2026), rng.randint(1, 12)
        lists.append(url("/statements/", date_from=f"{year}-{month:02d}-01", date_to=f"{year}-{month:02d}-28"))
    lists += [url("/statements/", speaker=slug) for slug, _ in speakers[10:20]]
    lists += [url("/statements/", speaker=slug) for slug in top[:2]]
    lists += [url("/statements/", q=rng.choice(words), outlet=rng.choice(outlets)) for _ in range(4)]
    lists += [url("/speakers/"), url("/speakers/", letter="M"), url("/speakers/", q="son")]

    speaker_pages = [url(f"/speakers/{slug}/") for slug, _ in speakers]
    top_pages = [url(f"/speakers/{slug}/") for slug in top]
    statement = Statement.objects.confirmed_attributed().order_by("?").first()
    others = [
        "/",
        url(f"/statements/{statement.pk}/"),
        url(f"/articles/{statement.article_id}/"),
        url("/api/statements/"),
        url("/api/statements/", q=words[0]),
        url("/statements/feed/"),
        url(f"/articles/{statement.article_id}/annotations.jsonld"),
    ]
    return {
        "search: one common word": common,
        "search: names, phrases, 2 words": search,
        "filtered lists": lists,
        "speaker page": speaker_pages,
        "speaker page (5 most quoted)": top_pages,
        "other pages": others,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(client: Client, urls: list[str], runs: int) -> tuple[list[float], dict[str, int], dict[str, float]]:
    timings, queries, worst = [], {}, {}
    for u in urls:  # warm-up, and the query count of each page
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(u)
        assert response.status_code == 200, (u, response.status_code)
        queries[u] = len(ctx.captured_queries)
    for _ in range(runs):
        for u in urls:
            start = time.perf_counter()
            response = client.get(u)
            if response.streaming:
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            worst[u] = max(worst.get(u, 0), elapsed)
    return timings, queries, worst


def first_ids(query: StatementQuery):
    """The query that reads a list's first 1,001 ids (annotations.reader.queries.ordered_ids): for a windowed ranking,
    only the window of recent matches."""
    qs = search_statements(query)
    ids = qs.values_list("pk", flat=True)
    rank = qs.query.annotations.get("rank")
    if isinstance(rank, WindowedRank):
        ids = ids.filter(pk__gte=rank.start)
    return ids[:1001]


def explain() -> None:
    speaker = Speaker.objects.annotate(n=Count("statements")).order_by("-n").first()
    outlet = Outlet.objects.order_by("pk").first()
    cases = {
        "search 'policy' (relevance), ids": first_ids(StatementQuery(q="policy")),
        "search 'manage' (relevance), ids": first_ids(StatementQuery(q="manage")),
        f"search 'manage' + outlet {outlet.slug} (relevance), ids": first_ids(
            StatementQuery(q="manage", outlet=outlet)
        ),
        "list kind=indirect (newest first), ids": first_ids(StatementQuery(kind="indirect")),
        f"speaker page statements ({speaker.name}, most quoted), ids": first_ids(StatementQuery(speaker=speaker)),
        "speaker timeline": None,
        "speaker outlets": None,
    }
    for title, qs in cases.items():
        print(f"\n=== {title}")
        if qs is None:
            with CaptureQueriesContext(connection) as ctx:
                (speaker_timeline if "timeline" in title else speaker_outlets)(speaker)
            sql = ctx.captured_queries[0]["sql"]  # the aggregate (outlets then loads their names)
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))
        else:
            print(qs.explain(analyze=True, buffers=True))
    print()
    for label, queries in [
        ("one common word", [StatementQuery(q=w) for w in COMMON_WORDS]),
        (f"word + outlet {outlet.slug}", [StatementQuery(q=w, outlet=outlet) for w in COMMON_WORDS]),
    ]:
        times = sorted(sql_ms(first_ids(q)) for _ in range(2) for q in queries)
        print(
            f"SQL only (EXPLAIN ANALYZE), first 1,001 ids, {label}, {len(times)} queries: "
            f"p50 {statistics.median(times):.1f} ms  p95 {percentile(times, 95):.1f} ms  max {times[-1]:.1f} ms"
        )


def sql_ms(qs) -> float:
    return float(re.search(r"Execution Time: ([\d.]+)", qs.explain(analyze=True)).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at the PostgreSQL benchmark database.")
    n = Statement.objects.confirmed_attributed().count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('jit')"
        )
        version, shared_buffers, jit = cursor.fetchone()
    print(f"{n:,} public statements, {Speaker.objects.count():,} speakers; {args.runs} runs per URL")
    print(f"PostgreSQL {version}, shared_buffers={shared_buffers}, jit={jit}; {os.cpu_count()} CPUs")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    rng = random.Random(args.seed)
    client = Client()
    with override_settings(STORAGES=STORAGES):
        for group, urls in workload(rng).items():
            timings, queries, worst = measure(client, urls, args.runs)
            print(
                f"{group:30} {len(urls):3} URLs  p50 {statistics.median(timings):6.1f} ms  "
                f"p95 {percentile(timings, 95):6.1f} ms  max {max(timings):6.1f} ms  "
                f"queries/page {min(queries.values())}–{max(queries.values())}"
            )
            slowest = sorted(worst.items(), key=lambda item: -item[1])[:3]
            print("    slowest: " + ", ".join(f"{u} {ms:.0f} ms" for u, ms in slowest))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.explain:
        explain()


if __name__ == "__main__":
    main()
