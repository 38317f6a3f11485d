import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Article

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_articles_reads_a_folder_and_prints_a_summary(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"title": "One", "body": "First text."})
        + "\nnot json\n"
        + json.dumps({"title": "Two", "body": "First text."})
        + "\n"
    )
    (tmp_path / "b.csv").write_text("title,body\nThree,Third text.\n")
    (tmp_path / "ignored.txt").write_text("not an import file")
    out, err = run("import_articles", str(tmp_path))
    assert "2 created, 1 duplicate, 1 error" in out
    assert "error: a.jsonl, line 2: not valid JSON" in err
    assert set(Article.objects.values_list("title", flat=True)) == {"One", "Three"}


def test_import_articles_dry_run_stores_nothing(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "One", "body": "Text."}))
    out, _err = run("import_articles", str(path), "--dry-run")
    assert "1 article read" in out
    assert Article.objects.count() == 0


def test_import_articles_refuses_a_missing_path(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("import_articles", str(tmp_path / "nope.jsonl"))


def test_demo_setup_imports_the_seed_article_once_and_prints_log_ins():
    out, _err = run("demo_setup")
    assert "1 created" in out and "admin" in out and "editor" in out
    out, _err = run("demo_setup")
    assert "0 created, 1 duplicate," in out
    article = Article.objects.get()
    assert article.title.startswith("De Blasio accuses ICE")
    assert article.outlet.name == "WCBS 880"
