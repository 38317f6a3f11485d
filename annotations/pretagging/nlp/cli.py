"""extract_quotes without Django: JSONL articles in, JSONL suggestions out.

    python -m annotations.pretagging.nlp.cli --input IN.jsonl --output OUT.jsonl [--batch-size N] [--model NAME]

Each input line ``{"id", "text"}`` gives one output line ``{"id", "quotes": [...]}``.
Bad lines (malformed JSON, missing or non-string text) are reported on stderr with their
line number and skipped; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import TextIO

from spacy.language import Language

from .candidates import QuoteCandidate, extract_texts
from .pipeline import get_pipeline


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """Arguments shared by this module and the extract_quotes management command."""
    parser = argparse.ArgumentParser(prog=prog, description="Suggest quotes and speakers, no database.")
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --input/--output/--batch-size/--model to ``parser``."""
    parser.add_argument("--input", required=True, help="JSONL file with {id, text} per line ('-' = stdin)")
    parser.add_argument("--output", required=True, help="JSONL file to write ('-' = stdout)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per nlp.pipe batch")
    parser.add_argument(
        "--model",
        default=None,
        help="spaCy model package (default: en_core_web_sm if installed), or a directory written by train_pretagger",
    )


def read_articles(lines: TextIO, errors: TextIO) -> tuple[list[tuple[str, object]], int]:
    """Parse input lines into ``(text, id)`` pairs; report bad lines to ``errors``."""
    items: list[tuple[str, object]] = []
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"line {number}: malformed JSON ({error.msg})", file=errors)
            bad += 1
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            print(f'line {number}: missing or non-string "text"', file=errors)
            bad += 1
            continue
        items.append((record["text"], record.get("id")))
    return items, bad


def run(nlp: Language, items: Sequence[tuple[str, object]], output: TextIO, batch_size: int = 32) -> int:
    """Extract quotes for ``items`` and write one JSON line per article; return the count."""
    count = 0
    for key, candidates, speakers in extract_texts(nlp, items, batch_size=batch_size):
        output.write(json.dumps(output_record(key, candidates, speakers), ensure_ascii=False) + "\n")
        count += 1
    return count


def output_record(
    key: object, candidates: Sequence[QuoteCandidate], speakers: Mapping[str, Mapping[str, object]] | None
) -> dict[str, object]:
    """One output line: ``{"id", "quotes"}``; with ``speakers``, names carry the office the article
    gives them ("Mayor Bill de Blasio"), without it they are bare ("Bill de Blasio")."""
    return {"id": key, "quotes": [c.as_json(speakers) for c in candidates]}


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    return execute(args.input, args.output, args.batch_size, args.model, stdout, stderr)


def execute(
    input_path: str, output_path: str, batch_size: int, model: str | None, stdout: TextIO, stderr: TextIO
) -> int:
    """Shared body of the CLI and the management command."""
    nlp = get_pipeline(model)
    with _open_in(input_path) as source:
        items, bad = read_articles(source, stderr)
    with _open_out(output_path, stdout) as sink:
        run(nlp, items, sink, batch_size)
    if bad:
        print(f"{bad} bad input line(s) skipped", file=stderr)
    return 1 if bad else 0


class _open_in:
    def __init__(self, path: str) -> None:
        self.path = path
        self.handle: TextIO | None = None

    def __enter__(self) -> TextIO:
        self.handle = sys.stdin if self.path == "-" else open(self.path, encoding="utf-8")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None and self.handle is not sys.stdin:
            self.handle.close()


class _open_out:
    def __init__(self, path: str, stdout: TextIO) -> None:
        self.path = path
        self.stdout = stdout
        self.handle: TextIO | None = None

    def __enter__(self) -> TextIO:
        self.handle = self.stdout if self.path == "-" else open(self.path, "w", encoding="utf-8")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None and self.handle is not self.stdout:
            self.handle.close()


def iter_lines(path: str) -> Iterator[str]:
    """Lines of a UTF-8 file (helper for benchmarks)."""
    with open(path, encoding="utf-8") as handle:
        yield from handle


if __name__ == "__main__":
    sys.exit(main())
