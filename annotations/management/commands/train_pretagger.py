"""manage.py train_pretagger: train a version of the learned pre-tagger.

    manage.py train_pretagger [--steps N] [--activate]           # from the reviewed articles: a new version
    manage.py train_pretagger --from-jsonl FILE --output DIR     # from gold JSONL (plain or .gz), to DIR

From the database, the new version is recorded with its scores on the held-out reviewed articles
(``--activate`` then activates it, unless it scored below the active model). From a file, every line is
an article in the evaluation schema, taken as if editors had reviewed it, through the same export; the
model lands in DIR, which ``extract_quotes --model DIR`` loads. Nothing of the file is kept in the project.
"""

from __future__ import annotations

import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from annotations.pretagging.nlp.learned.data import articles_from_jsonl, write_docbins
from annotations.pretagging.nlp.learned.training import default_steps, save_model, tokenizer_of, train


class Command(BaseCommand):
    help = "Train the learned pre-tagger from reviewed articles (a new model version) or from a gold JSONL file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--from-jsonl", dest="from_jsonl", help="gold JSONL file (evaluation schema, .gz ok)")
        parser.add_argument("--output", help="directory for the model trained --from-jsonl")
        parser.add_argument("--articles", type=int, default=None, help="use the first N articles of the file")
        parser.add_argument("--steps", type=int, default=None, help="training steps (default: by data size)")
        parser.add_argument("--dev-share", type=float, default=0.1, help="share of articles to pick the best model")
        parser.add_argument("--activate", action="store_true", help="activate the new version if it is no worse")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["from_jsonl"]:
            self._from_file(options)
        else:
            self._from_database(options)

    def _progress(self, info: dict[str, Any]) -> None:
        self.stdout.write(f"step {info['step']}: score {info['score']:.3f}")

    def _from_file(self, options: dict[str, Any]) -> None:
        if not options["output"]:
            raise CommandError("--from-jsonl needs --output DIR")
        source, output = Path(options["from_jsonl"]), Path(options["output"])
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        base = settings.CLAIMBOOK_SPACY_MODEL or None
        articles = articles_from_jsonl(source, limit=options["articles"])
        if len(articles) < 2:
            raise CommandError("at least 2 articles are needed")
        with tempfile.TemporaryDirectory(prefix="claimbook-train-") as work:
            counts = write_docbins(articles, tokenizer_of(base), Path(work) / "data", options["dev_share"])
            self.stdout.write(f"{counts.train_articles} articles to train on, {counts.dev_articles} to pick the best")
            steps = options["steps"] or default_steps(len(articles))
            result = train(
                Path(work) / "data",
                Path(work) / "train",
                base_model=base,
                max_steps=steps,
                eval_frequency=max(2, min(200, steps // 10)),
                progress=self._progress,
            )
            save_model(
                result.model_dir,
                output,
                base_model=base,
                version="local",
                info={"train_articles": counts.train_articles, "steps": result.steps},
            )
        self.stdout.write(self.style.SUCCESS(f"model in {output} ({result.seconds:.0f} s)"))

    def _from_database(self, options: dict[str, Any]) -> None:
        from annotations.pretagging.learning.services import (
            ActivationRefused,
            pretagger_model_activate,
            pretagger_model_create,
            pretagger_model_train,
        )

        model = pretagger_model_create()
        self.stdout.write(f"training v{model.version}")
        model = pretagger_model_train(model=model, max_steps=options["steps"])
        if model.state != model.State.READY:
            raise CommandError(f"v{model.version} failed: {model.error}")
        for which in ("model", "rules", "active"):
            figures = model.scores.get(which) or {}
            self.stdout.write(
                f"{which:>6}: quote_f1 {figures.get('quote_f1', 0):.3f} e2e_f1 {figures.get('e2e_f1', 0):.3f}"
            )
        if options["activate"]:
            try:
                pretagger_model_activate(model=model)
            except ActivationRefused as refusal:
                self.stdout.write(self.style.WARNING(f"not activated: {refusal}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"v{model.version} is active"))
