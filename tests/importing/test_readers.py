"""Readers turn uploads into drafts and clear, located problems; they never raise on bad input."""

import json
from datetime import UTC, date, datetime

import pytest

from annotations.importing import readers

LIMIT = 20 * 1024 * 1024
GOOD = {
    "title": "Bridge to open",
    "body": "“We will open it,” said Ada Brook.",
    "url": "https://news.example/a",
    "outlet": "Sample Gazette",
    "byline": "By Lee Park",
    "published_at": "2024-05-02",
}


def jsonl(*records) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


def read(name: str, data: bytes) -> readers.ReadResult:
    return readers.read_file(name, data, max_bytes=LIMIT)


def only_problem(result: readers.ReadResult) -> readers.ReadProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def test_jsonl_reads_every_field():
    result = read("a.jsonl", jsonl(GOOD))
    assert result.problems == []
    [draft] = result.drafts
    assert (draft.title, draft.outlet, draft.byline) == ("Bridge to open", "Sample Gazette", "By Lee Park")
    assert draft.published_at == datetime(2024, 5, 2, tzinfo=UTC)
    assert draft.source == "a.jsonl, line 1"


def test_malformed_json_line_is_reported_with_its_line_number_and_good_lines_are_kept():
    result = read("a.jsonl", jsonl(GOOD, '{"title": "Broken", "body": ', {**GOOD, "url": "", "body": "Other text."}))
    assert len(result.drafts) == 2
    problem = only_problem(result)
    assert problem.line == 2
    assert "not valid JSON" in problem.message
    assert problem.where == "a.jsonl, line 2"


def test_missing_body_is_an_error_for_that_line():
    problem = only_problem(read("a.jsonl", jsonl({"title": "No body"})))
    assert (problem.line, problem.message) == (1, "missing body")


def test_body_of_only_white_space_is_refused():
    problem = only_problem(read("a.jsonl", jsonl({"title": "Blank", "body": "  \n\t "})))
    assert problem.message == "missing body (only white space)"


@pytest.mark.parametrize("value", ["yesterday", "2024-13-40", "05/02/2024"])
def test_bad_date_names_the_value_and_the_expected_form(value):
    problem = only_problem(read("a.jsonl", jsonl({**GOOD, "published_at": value})))
    assert value[:10] in problem.message
    assert "YYYY-MM-DD" in problem.message


def test_date_time_with_offset_is_kept():
    [draft] = read("a.jsonl", jsonl({**GOOD, "published_at": "2024-05-02T09:30:00-04:00"})).drafts
    assert draft.published_at == datetime(2024, 5, 2, 13, 30, tzinfo=UTC)


def test_a_late_evening_date_is_the_date_where_it_was_published_not_the_utc_one():
    [draft] = read("a.jsonl", jsonl({**GOOD, "published_at": "2026-11-24T23:10:00-05:00"})).drafts
    assert draft.published_on == date(2026, 11, 24)
    assert draft.published_offset == -300
    assert draft.published_date_only is False
    assert readers.ArticleDraft.from_json(draft.to_json()).published_on == date(2026, 11, 24)


def test_a_time_without_an_offset_is_taken_in_the_newsroom_time_zone(settings):
    settings.CLAIMBOOK_NEWSROOM_TIME_ZONE = "America/New_York"
    [draft] = read("a.jsonl", jsonl({**GOOD, "published_at": "2026-11-24T23:10:00"})).drafts
    assert draft.published_on == date(2026, 11, 24)
    assert draft.published_offset == -300
    assert draft.published_at == datetime(2026, 11, 25, 4, 10, tzinfo=UTC)


def test_a_date_alone_stays_that_date_wherever_the_newsroom_is(settings):
    settings.CLAIMBOOK_NEWSROOM_TIME_ZONE = "Pacific/Auckland"
    [draft] = read("a.jsonl", jsonl({**GOOD, "published_at": "2026-11-24"})).drafts
    assert draft.published_on == date(2026, 11, 24)
    assert draft.published_date_only is True
    restored = readers.ArticleDraft.from_json(draft.to_json())
    assert restored.published_on == date(2026, 11, 24) and restored.published_date_only is True


def test_latin1_file_is_refused_with_the_line_of_the_first_bad_byte():
    data = "title,body\nCafé,“Good coffee,” said Zoë.\n".encode("latin-1", errors="replace")
    problem = only_problem(read("a.csv", data))
    assert problem.line == 2
    assert "not UTF-8" in problem.message and "Save it as UTF-8" in problem.message


def test_utf8_with_byte_order_mark_is_read():
    data = '\ufefftitle,body\nCafé,"“Good coffee,” said Zoë."\n'.encode()
    [draft] = read("a.csv", data).drafts
    assert draft.title == "Café"


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_empty_file_is_reported(data):
    assert only_problem(read("a.jsonl", data)).message == "The file is empty."


def test_file_over_the_size_limit_is_refused_before_reading():
    result = readers.read_file("big.jsonl", b"x" * 2048, max_bytes=1024)
    assert "the limit is" in only_problem(result).message


def test_unsupported_extension_lists_what_is_supported():
    assert ".jsonl" in only_problem(read("a.docx", b"hello")).message


def test_csv_with_extra_columns_keeps_the_rows_and_says_what_was_ignored():
    data = b"title,body,mood\nBridge,It opens.,happy\n"
    result = read("a.csv", data)
    assert [d.title for d in result.drafts] == ["Bridge"]
    assert result.notes == ["a.csv: ignored column mood."]


def test_csv_without_a_required_column_is_refused_as_a_whole():
    problem = only_problem(read("a.csv", b"title,text\nBridge,It opens.\n"))
    assert "no body column" in problem.message


def test_csv_row_with_too_many_or_too_few_values_is_reported_by_line():
    data = b"title,body,url\nGood,Fine text.,\nBad,Too,many,values\nShort\n"
    result = read("a.csv", data)
    assert [d.title for d in result.drafts] == ["Good"]
    assert [(p.line, "values" in p.message) for p in result.problems] == [(3, True), (4, True)]


def test_csv_reports_the_first_line_of_a_multi_line_row():
    data = b'title,body\nOne,"First\n\nparagraphs"\nTwo,\n'
    result = read("a.csv", data)
    assert result.drafts[0].body == "First\n\nparagraphs"
    assert only_problem(result).line == 5


def test_json_array_reports_the_line_each_article_starts_on():
    text = json.dumps([GOOD, {"title": "No body"}], indent=2)
    result = read("a.json", text.encode())
    assert len(result.drafts) == 1
    problem = only_problem(result)
    assert problem.line == text.splitlines().index("  {", 2) + 1


def test_malformed_json_document_is_refused_with_its_position():
    problem = only_problem(read("a.json", b'[{"title": "x",\n "body": }]'))
    assert problem.line == 2 and "not valid JSON" in problem.message


def test_json_that_is_not_a_list_of_objects_is_refused():
    assert "expected" in only_problem(read("a.json", b'"just a string"')).message
    assert "expected an object" in only_problem(read("a.jsonl", b"[1, 2]")).message


def test_bad_url_is_reported():
    problem = only_problem(read("a.jsonl", jsonl({**GOOD, "url": "not a url"})))
    assert "not a web address" in problem.message


def test_urls_are_made_canonical_so_duplicates_are_recognised():
    url = "HTTPS://News.Example/a?id=3&utm_source=x&fbclid=y#comments"
    assert readers.canonical_url(url) == "https://news.example/a?id=3"


SAVED_PAGE = """<html><head><title>Bridge to open in May | Sample Gazette</title>
<meta property="og:title" content="Bridge to open in May">
<meta property="og:site_name" content="Sample Gazette">
<link rel="canonical" href="https://gazette.example/bridge">
<meta name="author" content="Lee Park">
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>
<body><nav>Home | World | Sports</nav><article><h1>Bridge to open in May</h1>
<p>The new bridge over the Fair River will open in May, city officials said on Thursday after months of delays.</p>
<p>“We will open the bridge in May, and not a day later,” said Mayor Ada Brook, who has promised the opening since her election.</p>
<p>Council member Tomas Reyes said the budget does not allow for the extra lanes that residents had asked for.</p>
</article><footer>Copyright Sample Gazette</footer></body></html>"""


def test_saved_web_page_gives_text_and_metadata():
    result = read("bridge.html", SAVED_PAGE.encode())
    assert result.problems == []
    [draft] = result.drafts
    assert draft.title == "Bridge to open in May"
    assert draft.url == "https://gazette.example/bridge"
    assert draft.outlet == "Sample Gazette"
    assert draft.published_at.date().isoformat() == "2024-05-02"
    assert "“We will open the bridge in May" in draft.body
    assert "\n\n" in draft.body  # paragraphs are kept apart
    assert "Home | World" not in draft.body and "Copyright" not in draft.body


def test_web_page_with_no_article_text_is_reported():
    problem = only_problem(read("empty.html", b"<html><head><title>Nothing</title></head><body></body></html>"))
    assert problem.message == "No article text was found in this page."


def test_pasted_article_needs_title_and_body():
    assert readers.read_pasted(title="T", body="Text.").drafts[0].source == "pasted text"
    assert readers.read_pasted(title="", body="Text.").problems[0].message == "missing title"


def test_draft_survives_a_round_trip_through_json():
    [draft] = read("a.jsonl", jsonl(GOOD)).drafts
    assert readers.ArticleDraft.from_json(json.loads(json.dumps(draft.to_json()))) == draft
