"""Rebuild the reader index of statements (search documents, copied dates and outlets) in batches."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from annotations.reader.index import search_reindex


class Command(BaseCommand):
    help = (
        "Rebuild the reader index of every statement (full-text search document, article date and outlet), "
        "in batches of one transaction each; safe on a live site. Use after a bulk load or a restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only statements never indexed")
        parser.add_argument("--batch-size", type=int, default=20000)

    def handle(self, *args, **options):
        def progress(done: int, last_id: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done:,} updated (ids up to {last_id:,})")

        updated = search_reindex(only_missing=options["missing"], batch_size=options["batch_size"], progress=progress)
        message = ngettext("Reindexed %(count)s statement.", "Reindexed %(count)s statements.", updated)
        self.stdout.write(self.style.SUCCESS(message % {"count": f"{updated:,}"}))
