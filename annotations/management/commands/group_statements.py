"""Group the confirmed statements that report the same words (existing data, a bulk load), in batches."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from annotations.groups.services import statements_group_all


class Command(BaseCommand):
    help = (
        "Index and group every confirmed statement not indexed yet (reports of the same words across "
        "articles), in batches of one transaction each; safe on a live site. --all re-checks every one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-check statements already indexed too")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done: int, last_id: int) -> None:
            if options["verbosity"] > 1:
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stdout.write(f"  {done:,} grouped (ids up to {last_id:,}), {rate:,.0f}/s")

        done = statements_group_all(
            batch_size=options["batch_size"], only_missing=not options["all"], progress=progress
        )
        message = ngettext("Grouped %(count)s statement.", "Grouped %(count)s statements.", done)
        self.stdout.write(self.style.SUCCESS(message % {"count": f"{done:,}"}))
