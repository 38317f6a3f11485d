"""manage.py extract_quotes: the NLP pipeline alone over JSONL, no database.

A thin wrapper over annotations.pretagging.nlp.cli (runnable without Django as
``python -m annotations.pretagging.nlp.cli``); see that module for the formats.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from annotations.pretagging.nlp.cli import add_arguments, execute


class Command(BaseCommand):
    help = "Suggest quotes and speakers for JSONL articles ({id, text} per line), without the database."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        model = options["model"] or getattr(settings, "CLAIMBOOK_SPACY_MODEL", None)
        # OutputWrapper is a TextIOBase, which nlp.cli.execute's typing.TextIO does not admit (until the NLP changes land).
        status = execute(options["input"], options["output"], options["batch_size"], model, self.stdout, self.stderr)  # type: ignore[arg-type]
        if status:
            raise CommandError("some input lines were skipped (see above)", returncode=status)
