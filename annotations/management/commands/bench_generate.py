"""Benchmark data for the reader site: N confirmed statements from M speakers, loaded with PostgreSQL COPY.

    createdb claimbook_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimbook_bench manage.py bench_generate

Articles are made of invented English sentences with quotes in them, so every statement's text is really
the slice of its article body at its offsets (as the model requires). Speakers are quoted on a Zipf-like
curve (a few are quoted thousands of times, most a handful), articles spread over five years (1% undated),
and some suggested and rejected statements are mixed in, which readers must never see. Search documents are
then built with the same service the site uses (`search_reindex`), and the tables compacted and analysed.
"""

import datetime as dt
import itertools
import random
import time
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.text import slugify
from faker.providers.lorem.en_US import Provider as Lorem
from faker.providers.person.en_US import Provider as Person

from annotations.common.names import initials_key, surname_key
from annotations.models import Article, Outlet, Speaker, SpeakerAlias, Statement, content_hash, normalize_name
from annotations.reader.index import search_reindex

CUES = ["said", "told reporters", "argued", "warned", "added", "insisted", "claimed", "explained"]
ROLES = ["Mayor of", "Senator for", "Council member in", "Spokesperson for", "Governor of", "Director at"]
PLACES = ["Fairview", "Riverton", "Lakeside", "Oakdale", "Brookfield", "Hillcrest", "Westport", "Milltown"]


class Command(BaseCommand):
    help = "Generate benchmark data (PostgreSQL only): confirmed statements, speakers, articles, outlets."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=1_000_000, help="confirmed statements to create")
        parser.add_argument("--speakers", type=int, default=50_000)
        parser.add_argument("--per-article", type=int, default=10, help="statements per article")
        parser.add_argument("--outlets", type=int, default=40)
        parser.add_argument("--hidden", type=float, default=0.05, help="extra suggested/rejected share")
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--force", action="store_true", help="add to a database that already has articles")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_generate loads with COPY: point DATABASE_URL at a PostgreSQL database.")
        if Article.objects.exists() and not options["force"]:
            raise CommandError("This database already has articles; use a separate one (or --force).")
        self.rng = random.Random(options["seed"])
        self.words = list(Lorem.word_list)
        self.first_names, self.last_names = list(Person.first_names), list(Person.last_names)  # may be dicts
        started = time.perf_counter()

        outlet_ids = self.make_outlets(options["outlets"])
        speakers = self.make_speakers(options["speakers"])
        self.step("outlets and speakers", started)

        t = time.perf_counter()
        n = self.make_articles_and_statements(
            total=options["statements"],
            per_article=options["per_article"],
            hidden=options["hidden"],
            outlet_ids=outlet_ids,
            speakers=speakers,
        )
        self.step(f"{n:,} statements (COPY)", t)

        t = time.perf_counter()
        done = search_reindex(
            batch_size=50_000, progress=lambda done, last: self.stdout.write(f"  indexed {done:,} (id ≤ {last:,})")
        )
        self.step(f"search documents of {done:,} statements", t)

        t = time.perf_counter()
        with connection.cursor() as cursor:
            # Building the search documents rewrote every row: compact the table as a restore would leave it.
            cursor.execute(f"VACUUM FULL {Statement._meta.db_table}")
            for model in (Outlet, Speaker, SpeakerAlias, Article, Statement):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        self.step("VACUUM FULL + ANALYZE", t)
        self.step("total", started)

    def step(self, what: str, since: float) -> None:
        self.stdout.write(f"{what}: {time.perf_counter() - since:.1f} s")

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
            return cursor.fetchone()[0]

    def reset_sequence(self, model) -> None:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")

    def copy(self, model, columns: list[str], rows) -> None:
        table = model._meta.db_table
        column_list = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        self.reset_sequence(model)

    def make_outlets(self, count: int) -> list[int]:
        first = self.next_id(Outlet)
        rows = []
        for i in range(count):
            name = f"The {self.rng.choice(PLACES)} {self.rng.choice(['Gazette', 'Herald', 'Courier', 'Post', 'Times'])} {i}"
            rows.append((first + i, name, slugify(name), "", f"outlet{first + i}.example"))
        self.copy(Outlet, ["id", "name", "slug", "homepage_url", "domain"], rows)
        return [row[0] for row in rows]

    def make_speakers(self, count: int) -> list[tuple[int, str]]:
        first = self.next_id(Speaker)
        now = dt.datetime.now(dt.UTC)
        speakers, aliases = [], []
        for i in range(count):
            pk = first + i
            given, family = self.rng.choice(self.first_names), self.rng.choice(self.last_names)
            name = f"{given} {family}"
            description = f"{self.rng.choice(ROLES)} {self.rng.choice(PLACES)}"
            speakers.append((pk, name, f"{slugify(name)}-{pk}", "person", description, "", "accepted", "editor", now))
            for alias in (name, family):  # every speaker has its own name among its aliases
                key = normalize_name(alias)
                aliases.append((pk, alias, key, surname_key(key), initials_key(key), "editor", True, now))
        self.copy(
            Speaker,
            ["id", "name", "slug", "kind", "description", "wikidata_id", "status", "origin", "created_at"],
            speakers,
        )
        self.copy(
            SpeakerAlias,
            ["speaker_id", "name", "normalized", "surname", "initials", "origin", "checked", "created_at"],
            aliases,
        )
        return [(row[0], row[1]) for row in speakers]

    def sentence(self, low: int, high: int) -> str:
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        return " ".join(words).capitalize()

    def make_articles_and_statements(self, *, total, per_article, hidden, outlet_ids, speakers) -> int:
        # Zipf-like popularity: the k-th speaker is quoted about 1/k^0.8 as often as the first.
        cum_weights = list(accumulate(1 / (k + 1) ** 0.8 for k in range(len(speakers))))
        shuffled = speakers[:]
        self.rng.shuffle(shuffled)
        now = dt.datetime.now(dt.UTC)
        five_years = 5 * 365 * 24 * 3600
        first_article = self.next_id(Article)
        articles_needed = -(-total // per_article)

        statements: list[tuple] = []

        def article_rows() -> Iterator[tuple[Any, ...]]:
            confirmed_left = total
            for i in range(articles_needed):
                pk = first_article + i
                chosen = self.rng.choices(shuffled, cum_weights=cum_weights, k=per_article)
                published = (
                    None if self.rng.random() < 0.01 else now - dt.timedelta(seconds=self.rng.randrange(five_years))
                )
                published_on = published.date() if published else None  # generated in UTC: offset 0
                outlet_id = self.rng.choice(outlet_ids)
                parts: list[str] = [self.sentence(8, 20) + "."]
                offset = len(parts[0]) + 2
                extra = 1 if self.rng.random() < hidden * per_article else 0
                for j, (speaker_id, speaker_name) in enumerate(chosen + self.rng.choices(shuffled, k=extra)):
                    quote = self.sentence(6, 24)
                    kind = self.rng.choices(["direct", "mixed", "indirect"], weights=[60, 15, 25])[0]
                    cue = self.rng.choice(CUES)
                    if kind == "indirect":
                        lead = f"{speaker_name} {cue} that "
                        paragraph = f"{lead}{quote.lower()}."
                        start = offset + len(lead)
                        text = quote.lower()
                        cue_start = offset + len(speaker_name) + 1
                        mention_start = offset
                    else:
                        paragraph = f"“{quote},” {cue} {speaker_name}."
                        start = offset + 1
                        text = quote
                        cue_start = offset + len(quote) + 4
                        mention_start = cue_start + len(cue) + 1
                    if j >= per_article:
                        status = self.rng.choice(["suggested", "rejected"])
                    elif confirmed_left > 0:
                        status = "confirmed"
                        confirmed_left -= 1
                    else:
                        status = "suggested"
                    statements.append(
                        (
                            pk, start, start + len(text), "[]", text, kind,
                            cue, cue_start, cue_start + len(cue),
                            speaker_name, mention_start, mention_start + len(speaker_name), speaker_id,
                            status, "model", round(self.rng.random(), 3), "bench", "",
                            published or now, 1, now, now, published, published_on, outlet_id,
                        )
                    )  # fmt: skip
                    parts.append(paragraph)
                    offset += len(paragraph) + 2
                    if self.rng.random() < 0.5:
                        filler = self.sentence(10, 30) + "."
                        parts.append(filler)
                        offset += len(filler) + 2
                body = "\n\n".join(parts)
                title = self.sentence(5, 10)
                yield (
                    pk, title, f"https://news.example/{pk}", outlet_id, "", published, 0 if published else None,
                    True, published_on, body,
                    content_hash(body), "en", "reviewed", now, "bench_generate", "", "",
                )  # fmt: skip
                if (i + 1) % 10_000 == 0:
                    self.stdout.write(f"  {i + 1:,} articles")

        article_columns = [
            "id", "title", "url", "outlet_id", "byline", "published_at", "published_offset", "published_has_time",
            "published_on", "body",
            "content_hash", "language",
            "status", "imported_at", "import_source", "nlp_model_version", "pretag_error",
        ]  # fmt: skip
        statement_columns = [
            "article_id", "start", "end", "segments", "text", "kind", "cue_text", "cue_start", "cue_end",
            "mention_text", "mention_start", "mention_end", "speaker_id", "status", "origin", "confidence",
            "model_version", "needs_attention", "reviewed_at", "version", "created_at", "updated_at",
            "published_at", "published_on", "outlet_id",
        ]  # fmt: skip
        count = 0
        rows = article_rows()
        while True:
            chunk = list(itertools.islice(rows, 10_000))
            if not chunk:
                break
            self.copy(Article, article_columns, chunk)
            self.copy(Statement, statement_columns, statements)
            count += len(statements)
            statements.clear()
        return count
