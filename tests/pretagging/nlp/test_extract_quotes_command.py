"""extract_quotes: JSONL in, JSONL out, bad lines reported and skipped."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from annotations.pretagging.nlp.cli import main


def write_input(path: Path) -> None:
    lines = [
        json.dumps({"id": "one", "text": "“The polls close at eight,” said Vera Lund."}),
        "{not json",
        json.dumps({"id": "two"}),
        json.dumps({"id": 3, "text": "Nothing quoted here."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_output(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["one", 3]
    (quote,) = rows[0]["quotes"]
    assert set(quote) == {"start", "end", "kind", "speaker", "speaker_start", "speaker_end", "cue", "confidence"}
    assert quote["kind"] == "direct" and quote["speaker"] == "Vera Lund" and quote["cue"] == "said"
    assert rows[1]["quotes"] == []


def test_command_round_trip_reports_bad_lines(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source)
    stderr = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "extract_quotes", "--input", str(source), "--output", str(target), "--batch-size", "2", stderr=stderr
        )
    assert error.value.returncode == 1
    assert "line 2: malformed JSON" in stderr.getvalue()
    assert "line 3: missing" in stderr.getvalue()
    check_output(target)


def test_cli_without_django_exits_zero_on_clean_input(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "Leo Marsh said the vote failed."}) + "\n", encoding="utf-8")
    assert main(["--input", str(source), "--output", str(target)], stderr=io.StringIO()) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "x"


def test_a_speaker_name_carries_the_office_the_article_gives(tmp_path) -> None:
    """“the mayor” resolves to the person, and the output says which office made them “the mayor”."""
    source = tmp_path / "in.jsonl"
    text = (
        "Former Mayor Bill Harmon opened the new bridge on Monday.\n\n"
        "“It took ten years,” the mayor said.\n\n“It was worth it,” Harmon added."
    )
    source.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["--input", str(source), "--output", str(target)]) == 0
    quotes = json.loads(target.read_text(encoding="utf-8"))["quotes"]
    assert {q["speaker"] for q in quotes} == {"Former Mayor Bill Harmon"}
    assert {text[q["speaker_start"] : q["speaker_end"]] for q in quotes} == {"the mayor", "Harmon"}
