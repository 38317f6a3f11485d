"""Pre-tagging from the command line: a few articles here and now, or the whole archive as a queue of batches."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from annotations.models import Article
from annotations.pretagging import queue
from annotations.pretagging.services import DEFAULT_BATCH_SIZE, articles_pretag, pipeline
from annotations.tasks import send_pretag_tasks


class Command(BaseCommand):
    help = (
        "Pre-tag articles: find their statements and store them as suggestions for editors. Ids and --pending "
        "run here; --all queues the whole archive in batches for the workers (resumable, never one transaction)."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Article ids.")
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--all",
            action="store_true",
            help="Queue every article not yet pre-tagged by the current model and rules, in batches, for the "
            "workers (editors' decisions are kept). Safe to run again: it resumes.",
        )
        which.add_argument(
            "--pending", action="store_true", help="Articles never pre-tagged, or whose pre-tagging failed."
        )
        which.add_argument("--status", action="store_true", help="Show the pre-tagging queue and exit.")
        parser.add_argument(
            "--force", action="store_true", help="With --all: also articles already pre-tagged by this version."
        )
        parser.add_argument(
            "--wait", action="store_true", help="With --all: show progress until the workers have emptied the queue."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Articles per nlp.pipe batch, and per task with --all (default {DEFAULT_BATCH_SIZE}).",
        )

    def handle(self, *args, ids, all, pending, status, force, wait, batch_size, verbosity, **options):
        if status:
            return self.show_status()
        if not (ids or all or pending):
            raise CommandError("Name article ids, or use --all, --pending or --status.")
        if ids and (all or pending):
            raise CommandError("Give either article ids or --all/--pending, not both.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if all:
            return self.queue_all(force=force, wait=wait, batch_size=batch_size, verbosity=verbosity)
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

    def queue_all(self, *, force: bool, wait: bool, batch_size: int, verbosity: int) -> None:
        version = None if force else self.current_version()
        chunk_size = max(batch_size, 1000 // batch_size * batch_size)  # whole batches per chunk
        queued = 0
        progress = tqdm(unit="article", desc="queueing", disable=verbosity < 1, file=self.stderr)
        for ids in queue.articles_queue_all(skip_version=version, chunk_size=chunk_size):
            send_pretag_tasks(article_ids=ids, batch_size=batch_size)
            queued += len(ids)
            progress.update(len(ids))
        progress.close()
        batches = -(-queued // batch_size)
        self.stdout.write(self.style.SUCCESS(f"{queued} articles queued for pre-tagging in {batches} batches."))
        if wait and queued:
            self.wait_for_workers(total=queued, verbosity=verbosity)

    def current_version(self) -> str:
        from annotations.pretagging import nlp

        return nlp.pipeline_version(pipeline())

    def wait_for_workers(self, *, total: int, verbosity: int) -> None:
        progress = tqdm(total=total, unit="article", desc="pre-tagged", disable=verbosity < 1, file=self.stderr)
        while (state := queue.queue_state()).queued:
            progress.n = max(total - state.queued, 0)
            progress.set_postfix(running=state.running, stuck=state.stuck, failed=state.failed, refresh=False)
            progress.refresh()
            time.sleep(1)
        progress.n = total
        progress.close()
        self.show_status()

    def show_status(self) -> None:
        state = queue.queue_state()
        self.stdout.write(
            f"{state.queued} queued ({state.running} running, {state.stuck} stuck), {state.failed} failed."
        )
