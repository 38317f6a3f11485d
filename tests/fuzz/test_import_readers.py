"""Fuzzing the import readers (Hypothesis, the derandomized 'ci' profile of tests/conftest.py): whatever the
file holds, no exception escapes, every problem of a record names its line, and a refused row stores nothing."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.importing import readers
from annotations.importing.services import articles_import
from annotations.models import Article

LIMIT = 1024 * 1024
# Values chosen to hit the edges the probe found: controls, NUL, surrogates, huge numbers, deep nesting.
nasty_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    ["", " ", "\x00", "\u200b", "\u202e", "\ud800", "0001-01-01T00:00:00+14:00", "9999-12-31", "https://e.example/"]
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | nasty_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(readers.FIELDS), inner, max_size=6),
    max_leaves=12,
)
record = st.dictionaries(st.sampled_from(readers.FIELDS), json_value, max_size=6)


def lines_of(result: readers.ReadResult) -> list:
    return [problem.line for problem in result.problems]


@given(data=st.binary(max_size=400), name=st.sampled_from(["a.jsonl", "a.json", "a.csv", "a.html", "a.txt"]))
def test_any_bytes_are_read_without_an_exception(data, name):
    result = readers.read_file(name, data, max_bytes=LIMIT)
    assert result.drafts or result.problems


@given(records=st.lists(record, min_size=1, max_size=5))
def test_every_problem_of_a_json_lines_file_names_its_line(records):
    text = "\n".join(json.dumps(r, ensure_ascii=False, allow_nan=True) for r in records)
    result = readers.read_file("a.jsonl", text.encode("utf-8", "surrogatepass"), max_bytes=LIMIT)
    if not text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").strip():
        return
    if any(problem.message.startswith("The file is not UTF-8") for problem in result.problems):
        return  # a raw surrogate in the bytes: a whole-file problem with the line it is on
    assert all(line is not None for line in lines_of(result))
    assert len(result.drafts) + len(result.problems) == len(records)


@given(rows=st.lists(st.lists(nasty_text, min_size=2, max_size=4), min_size=1, max_size=4))
def test_every_problem_of_a_csv_file_names_its_line(rows):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "body", "url", "published_at"][: max(len(r) for r in rows)] + [])
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8", "surrogatepass")
    result = readers.read_file("a.csv", data, max_bytes=LIMIT)
    if len(max(rows, key=len)) < 2:
        return
    assert all(line is not None for line in lines_of(result)) or any(
        p.message.startswith("The file is not UTF-8") for p in result.problems
    )


@pytest.mark.django_db
@settings(max_examples=30)
@given(records=st.lists(record, min_size=1, max_size=4))
def test_importing_stores_exactly_the_rows_it_reports_created(records):
    Article.objects.all().delete()
    text = "\n".join(json.dumps(r, ensure_ascii=False, allow_nan=True) for r in records)
    read = readers.read_file("a.jsonl", text.encode("utf-8", "surrogatepass"), max_bytes=LIMIT)
    summary = articles_import(read=read, user=None)
    assert Article.objects.count() == len(summary.created)
    assert len(summary.created) + summary.duplicates + summary.errors == len(read.drafts) + len(read.problems)
