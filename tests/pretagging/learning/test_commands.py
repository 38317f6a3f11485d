"""train_pretagger --from-jsonl and extract_quotes --model DIR: the interfaces the simulation uses."""

import gzip
import json

import pytest
from django.core.management import call_command

from annotations.models import Article, PretaggerModel, Statement

from ...factories import ArticleFactory, StatementFactory

TEXT = "“We will open the bridge in May,” said Mayor Ada Brook.\n\nTomas Reyes said the budget is tight."


def gold_line(i: int) -> str:
    start = TEXT.index("We")
    end = TEXT.index(",”") + 1
    mention = TEXT.index("Mayor")
    return json.dumps(
        {
            "id": f"g{i}",
            "text": TEXT,
            "quotes": [
                {
                    "start": start,
                    "end": end,
                    "text": TEXT[start:end],
                    "kind": "direct",
                    "speaker": "Ada Brook",
                    "speaker_start": mention,
                    "speaker_end": mention + len("Mayor Ada Brook"),
                    "cue": "said",
                }
            ],
        }
    )


def test_train_from_gzip_jsonl_then_extract_with_the_model(tmp_path):
    source = tmp_path / "gold.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as out:
        out.write("\n".join(gold_line(i) for i in range(3)) + "\n")
    model = tmp_path / "model"
    call_command("train_pretagger", "--from-jsonl", str(source), "--output", str(model), "--steps", "3")
    assert (model / "claimbook.json").is_file() and (model / "ner").is_dir()

    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    call_command("extract_quotes", "--model", str(model), "--input", str(articles), "--output", str(output))
    [record] = [json.loads(line) for line in output.read_text().splitlines()]
    assert record["id"] == "a" and record["quotes"]  # the rules' direct quote stays


@pytest.mark.django_db
def test_train_from_the_database_records_a_version(capsys):
    for _ in range(3):
        StatementFactory(article=ArticleFactory(status=Article.Status.REVIEWED), status=Statement.Status.CONFIRMED)
    call_command("train_pretagger", "--steps", "3", "--activate")
    model = PretaggerModel.objects.get()
    assert model.state == PretaggerModel.State.READY
    out = capsys.readouterr().out
    assert "rules: quote_f1" in out
