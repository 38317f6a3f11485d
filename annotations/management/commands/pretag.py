"""Bulk pre-tagging through nlp.pipe, in batches, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from annotations.models import Article
from annotations.pretagging.services import DEFAULT_BATCH_SIZE, articles_pretag


class Command(BaseCommand):
    help = "Pre-tag articles: find their statements and store them as suggestions for editors."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Article ids.")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="Every article (editors' decisions are kept).")
        which.add_argument(
            "--pending", action="store_true", help="Articles never pre-tagged, or whose pre-tagging failed."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Articles per nlp.pipe batch (default {DEFAULT_BATCH_SIZE}).",
        )

    def handle(self, *args, ids: list[int], all: bool, pending: bool, batch_size: int, verbosity: int, **options):
        if not (ids or all or pending):
            raise CommandError("Name article ids, or use --all or --pending.")
        if ids and (all or pending):
            raise CommandError("Give either article ids or --all/--pending, not both.")
        articles = Article.objects.only("id", "body", "status").order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        elif pending:
            articles = articles.filter(status__in=[Article.Status.NEW, Article.Status.PRETAG_FAILED])
        total = articles.count()
        done = suggested = failed = 0
        progress = tqdm(total=total, unit="article", disable=verbosity < 1, file=self.stderr)
        for outcome in articles_pretag(articles=articles.iterator(chunk_size=500), batch_size=batch_size):
            progress.update()
            if outcome.error:
                failed += 1
                progress.write(f"failed: {outcome}", file=self.stderr)
            else:
                done += 1
                suggested += outcome.suggested
        progress.close()
        style = self.style.SUCCESS if not failed else self.style.WARNING
        self.stdout.write(style(f"{done} pre-tagged, {suggested} statements suggested, {failed} failed."))
