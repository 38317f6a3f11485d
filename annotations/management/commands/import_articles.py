"""Bulk import: the same readers and service as the admin's Import page."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext
from tqdm import tqdm

from annotations.importing import readers
from annotations.importing.services import articles_import


class Command(BaseCommand):
    help = "Import articles from JSON Lines, JSON, CSV or saved HTML files (or folders of them)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files, or folders searched for supported files.")
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, store nothing.")

    def handle(self, *args, paths: list[Path], dry_run: bool, verbosity: int, **options):
        files = self.collect(paths)
        read = readers.ReadResult()
        for path in tqdm(files, desc="Reading", unit="file", disable=verbosity < 1 or len(files) < 2, file=self.stderr):
            read.extend(readers.read_file(path.name, path.read_bytes(), max_bytes=settings.CLAIMBOOK_IMPORT_MAX_BYTES))
        for problem in read.problems:
            self.stderr.write(f"error: {problem.where}: {problem.message}")
        for note in read.notes:
            self.stderr.write(f"note: {note}")
        if dry_run:
            read_count = ngettext("%(count)d article read", "%(count)d articles read", len(read.drafts))
            errors = ngettext("%(count)d error", "%(count)d errors", len(read.problems))
            self.stdout.write(
                f"Dry run: {read_count % {'count': len(read.drafts)}}, "
                f"{errors % {'count': len(read.problems)}}; nothing stored."
            )
            return
        summary = articles_import(read=read, user=None)
        for problem in summary.problems:
            self.stderr.write(f"error: {problem.where}: {problem.message}")
        style = self.style.SUCCESS if not summary.errors else self.style.WARNING
        self.stdout.write(style(f"{summary}."))

    def collect(self, paths: list[Path]) -> list[Path]:
        supported = set(readers.SUPPORTED_EXTENSIONS)
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in supported)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path} does not exist.")
        if not files:
            raise CommandError(f"No files to import (supported: {', '.join(sorted(supported))}).")
        return files
