"""Server time of every review action on a 5,000-word article with 100 statements, under gunicorn.

Run by hand (it is not a test):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench .venv/bin/python bench/review_actions.py

It creates the database if needed, migrates it, collects static files (production settings: DEBUG=0),
builds the article, starts gunicorn (2 sync workers by default) with hooks that log each request's wall
and CPU time, and drives every action with a small client
(threads with http.client; each thread works on its own statements, so no request is refused for a stale
version). Requests are htmx requests, i.e. the partial the page really swaps in (next card, article text,
statement list, counters). It prints, per action, p50 and p95 of the server time and CPU time inside the
gunicorn worker (bench/gunicorn_timing.py) and of the time the client saw. Options: --rounds (passes over
the 100 statements), --concurrency (client threads), --workers (gunicorn workers).
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENV = {
    "DJANGO_SETTINGS_MODULE": "claimbook.settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "LOG_LEVEL": "WARNING",
    "CONN_MAX_AGE": "60",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from annotations.models import Article, Speaker, Statement, StatementEvent  # noqa: E402
from annotations.roles import EDITORS_GROUP, ensure_roles  # noqa: E402

WORDS = [
    "council",
    "budget",
    "bridge",
    "harbour",
    "transit",
    "housing",
    "school",
    "river",
    "market",
    "library",
    "tunnel",
    "station",
    "park",
    "district",
    "clinic",
    "ferry",
    "tower",
    "square",
    "museum",
    "stadium",
    "airport",
    "highway",
]


def ensure_database() -> None:
    import psycopg

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Point DATABASE_URL at PostgreSQL: the figures are for PostgreSQL.")
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres"}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'create database "{db["NAME"]}"')


def build_article(statement_count: int = 100) -> tuple[Article, list[Statement]]:
    """About 5,000 words: per paragraph, a sentence of reporting and a two-sentence quote with its speaker."""
    paragraphs = []
    for n in range(statement_count):
        filler = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(22))
        quote = " ".join(WORDS[(n * 3 + i) % len(WORDS)] for i in range(10))
        paragraphs.append(
            f"Reporting on item {n}: the {filler} plans were discussed at length. "
            f"“The {quote} matters to everyone here. We will fix the {WORDS[n % len(WORDS)]} this year,” "
            f"said Speaker {n % 7}."
        )
    body = "\n\n".join(paragraphs)
    Article.objects.filter(title="Benchmark article").delete()
    article = Article.objects.create(title="Benchmark article", body=body, status=Article.Status.PRETAGGED)
    speakers = [
        Speaker.objects.get_or_create(slug=f"bench-speaker-{k}", defaults={"name": f"Speaker {k}"})[0] for k in range(7)
    ]
    statements = []
    position = 0
    for n in range(statement_count):
        start = body.index("“The ", position) + 1
        end = body.index("”", start)
        cue = body.index("said", end)
        mention = cue + 5
        statements.append(
            Statement(
                article=article,
                start=start,
                end=end,
                text=body[start:end],
                speaker=speakers[n % 7],
                cue_text="said",
                cue_start=cue,
                cue_end=cue + 4,
                mention_text=f"Speaker {n % 7}",
                mention_start=mention,
                mention_end=mention + 9,
                confidence=0.5 + (n % 50) / 100,
            )
        )
        position = end
    Statement.objects.bulk_create(statements)
    return article, list(article.statements.order_by("start"))


def editor_session() -> tuple[str, str]:
    ensure_roles()
    user, _created = get_user_model().objects.get_or_create(username="bench-editor")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key, "b" * 32  # an unmasked 32-character CSRF secret, sent as cookie and header


class Client:
    """One keep-it-simple HTTP client per thread; records client-side durations per action."""

    def __init__(self, port: int, session: str, csrf: str, timings: dict, errors: dict):
        self.port, self.timings, self.errors = port, timings, errors
        self.headers = {
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "HX-Request": "true",
            "HX-Current-URL": f"http://127.0.0.1:{port}/review/",
            "Content-Type": "application/x-www-form-urlencoded",
        }

    def request(self, action: str, method: str, path: str, data: dict | None = None) -> int:
        sep = "&" if "?" in path else "?"
        url = f"{path}{sep}bench={action.replace(' ', '_')}"
        body = urlencode(data or {})
        began = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, url, body=body if method == "POST" else None, headers=self.headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        self.timings[action].append((time.perf_counter() - began) * 1000)
        if response.status != 200:
            self.errors[action].append(response.status)
        return response.status


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "claimbook.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--config",
        str(ROOT / "bench" / "gunicorn_timing.py"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV, "BENCH_TIMING_LOG": str(log)})
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    sys.exit("gunicorn did not start")


def run_parallel(clients: list[Client], items: list, work) -> None:
    """Each client (thread) takes every len(clients)-th item, so threads never touch the same statement."""
    threads = [
        threading.Thread(target=lambda c=client, k=k: [work(c, item) for item in items[k :: len(clients)]])
        for k, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="passes over the 100 statements per action")
    parser.add_argument("--concurrency", type=int, default=1, help="client threads (2: two editors at once)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8957)
    args = parser.parse_args()

    ensure_database()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    article, statements = build_article()
    words = len(article.body.split())
    print(f"Article: {words} words, {len(statements)} statements; PostgreSQL {connection.pg_version // 10000}.")
    session, csrf = editor_session()
    connection.close()

    log = Path(tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1])
    server = start_gunicorn(args.port, args.workers, log)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[int]] = defaultdict(list)
    clients = [Client(args.port, session, csrf, timings, errors) for _ in range(args.concurrency)]
    single = clients[:1]
    a = article.pk
    base = f"/review/articles/{a}"
    versions = {s.pk: s.version for s in statements}
    ids = [s.pk for s in statements]
    speakers = list(
        Speaker.objects.filter(slug__startswith="bench-speaker-").order_by("slug").values_list("pk", flat=True)
    )
    initial = {s.pk: (speakers.index(s.speaker_id), s.kind) for s in statements}
    state = dict(initial)  # what each statement holds now, so that every correction really changes something

    def post(client, action, path, data, pk=None):
        status = client.request(action, "POST", path, data)
        if status == 200 and pk is not None:
            versions[pk] += 1
        return status

    def reset_statuses():
        Statement.objects.filter(article=article).update(status=Statement.Status.SUGGESTED)
        connection.close()

    try:
        for _ in range(args.rounds):
            run_parallel(clients, ids, lambda c, pk: c.request("review page", "GET", f"{base}/"))
            run_parallel(clients, ids, lambda c, pk: c.request("card", "GET", f"{base}/statements/{pk}/"))
            run_parallel(
                clients,
                ids,
                lambda c, pk: c.request("speaker search", "GET", f"{base}/statements/{pk}/speakers/?speaker_q=speak"),
            )
            run_parallel(clients, [None] * 20, lambda c, _: c.request("queue", "GET", "/review/"))

            run_parallel(
                clients,
                ids,
                lambda c, pk: post(c, "confirm", f"{base}/statements/{pk}/confirm/", {"version": versions[pk]}, pk),
            )
            reset_statuses()
            run_parallel(
                clients,
                ids,
                lambda c, pk: post(c, "reject", f"{base}/statements/{pk}/reject/", {"version": versions[pk]}, pk),
            )
            reset_statuses()
            run_parallel(
                clients,
                ids,
                lambda c, pk: (
                    state.__setitem__(pk, ((state[pk][0] + 1) % len(speakers), state[pk][1])),
                    post(
                        c,
                        "speaker",
                        f"{base}/statements/{pk}/speaker/",
                        {"version": versions[pk], "speaker": speakers[state[pk][0]]},
                        pk,
                    ),
                ),
            )
            run_parallel(
                clients,
                ids,
                lambda c, pk: (
                    state.__setitem__(pk, (state[pk][0], "mixed" if state[pk][1] == "direct" else "direct")),
                    post(
                        c,
                        "kind and cue",
                        f"{base}/statements/{pk}/edit/",
                        {"version": versions[pk], "kind": state[pk][1], "cue_text": "said"},
                        pk,
                    ),
                ),
            )
            for move in ("end-1", "end+1"):
                run_parallel(
                    clients,
                    ids,
                    lambda c, pk, move=move: post(
                        c,
                        "boundaries",
                        f"{base}/statements/{pk}/boundaries/",
                        {"version": versions[pk], "move": move},
                        pk,
                    ),
                )
            run_parallel(
                clients,
                ids,
                lambda c, pk: post(
                    c, "revert", f"{base}/statements/{pk}/revert/", {"version": versions[pk], "to_version": 1}, pk
                ),
            )
            state.update(initial)  # version 1 is the statement as first stored

            # Split each statement at its second sentence, then merge the parts back.
            def split_and_merge(c, pk):
                statement = Statement.objects.get(pk=pk)
                at = article.body.index("We will fix", statement.start)
                if post(c, "split", f"{base}/statements/{pk}/split/", {"version": versions[pk], "at": at}, pk) != 200:
                    return
                second = Statement.objects.filter(article=article, start=at).values_list("pk", "version").get()
                post(
                    c,
                    "merge",
                    f"{base}/statements/{pk}/merge/",
                    {"version": versions[pk], "other": f"{second[0]}:{second[1]}"},
                    pk,
                )

            run_parallel(clients, ids, split_and_merge)

            # Add a statement over a sentence of reporting, then undo the addition (one client: undo is per editor).
            def add_and_undo(c, n):
                start = article.body.index(f"Reporting on item {n}:")
                c.request("add", "POST", f"{base}/add/", {"start": start, "end": start + 20})
                c.request("undo", "POST", f"{base}/undo/", {})

            run_parallel(single, list(range(0, 100, 2)), add_and_undo)

            # Confirm everything at once and undo it (100 statements per request), then mark reviewed and undo.
            def confirm_above_and_undo(c, _):
                c.request("confirm above (100)", "POST", f"{base}/confirm-above/", {"threshold": 0})
                c.request("mark reviewed", "POST", f"{base}/reviewed/", {})
                c.request("undo", "POST", f"{base}/undo/", {})  # undoes "marked reviewed"
                c.request("undo (100)", "POST", f"{base}/undo/", {})  # undoes the confirmations

            run_parallel(single, [None] * 10, confirm_above_and_undo)
            versions.update(dict(Statement.objects.filter(article=article).values_list("pk", "version")))
            connection.close()
    finally:
        server.terminate()
        server.wait()

    server_ms: dict[str, list[float]] = defaultdict(list)
    cpu_ms: dict[str, list[float]] = defaultdict(list)
    for line in log.read_text().splitlines():
        query, _status, wall, cpu = line.split("\t")
        tag = re.search(r"bench=([\w()]+)", query)
        if tag:
            action = tag[1].replace("_", " ")
            server_ms[action].append(float(wall))
            cpu_ms[action].append(float(cpu))
    log.unlink()

    def pct(values, q):
        return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]

    load = os.getloadavg()
    print(
        f"gunicorn: {args.workers} sync workers; client: {args.concurrency} threads; "
        f"{os.cpu_count()} CPUs; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print("server = wall time inside the gunicorn worker; cpu = its CPU time; client = as the client saw it")
    header = ["action", "requests", "server p50", "server p95", "cpu p50", "cpu p95", "client p95", "errors"]
    print(f"{header[0]:<22}{header[1]:>9}" + "".join(f"{h:>12}" for h in header[2:7]) + "  errors")
    for action in sorted(server_ms, key=lambda name: list(timings).index(name) if name in timings else 99):
        wall, cpu, client = server_ms[action], cpu_ms[action], timings.get(action, [0])
        cells = [pct(wall, 50), pct(wall, 95), pct(cpu, 50), pct(cpu, 95), pct(client, 95)]
        print(
            f"{action:<22}{len(wall):>9}"
            + "".join(f"{value:>10.1f}ms" for value in cells)
            + f"  {len(errors.get(action, []))}"
        )
    StatementEvent.objects.filter(article=article).delete()


if __name__ == "__main__":
    main()
