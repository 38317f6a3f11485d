"""The highlighted body: its text is exactly the article body, so browser offsets are Python offsets."""

from dataclasses import dataclass

from bs4 import BeautifulSoup

from annotations.review.markup import render_body


@dataclass
class Span:
    pk: int
    start: int
    end: int
    status: str = "suggested"
    cue_start: int | None = None
    cue_end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:  # one segment, as a Statement without `segments`
        return [(self.start, self.end)]


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(f"<div>{html}</div>", "html.parser")


def test_text_content_is_the_body_exactly_even_with_markup_characters_and_emoji():
    body = "🦆 <b>&amp; “Quack,” said the duck.\n\nNew paragraph & more."
    spans = [
        Span(1, body.index("Quack"), body.index("”"), cue_start=body.index("said"), cue_end=body.index("said") + 4)
    ]
    assert parse(render_body(body, spans)).get_text() == body


def test_each_statement_is_marked_with_its_status_and_id():
    body = "“One,” said A. “Two,” said B."
    html = parse(render_body(body, [Span(1, 1, 4, "confirmed"), Span(2, 16, 19, "rejected")]))
    marks = html.select("mark")
    assert [
        (m["data-statement"], m.get_text(), "st-" + s in m["class"])
        for m, s in zip(marks, ["confirmed", "rejected"], strict=True)
    ] == [
        ("1", "One", True),
        ("2", "Two", True),
    ]
    assert marks[0]["id"] == "mark-1"


def test_cue_and_mention_are_marked_and_point_to_their_statement():
    body = "“One,” said Ada."
    span = Span(7, 1, 4, cue_start=7, cue_end=11, mention_start=12, mention_end=15)
    html = parse(render_body(body, [span]))
    assert html.select_one(".cue").get_text() == "said" and html.select_one(".cue")["data-cue-of"] == "7"
    assert html.select_one(".mention").get_text() == "Ada" and html.select_one(".mention")["data-mention-of"] == "7"


def test_overlapping_statements_are_cut_into_pieces_owned_by_the_innermost():
    body = "abcdefghij"
    html = parse(render_body(body, [Span(1, 0, 10), Span(2, 3, 6)]))
    owners = [(mark.get_text(), mark["data-statement"]) for mark in html.select("mark")]
    assert owners == [("abc", "1"), ("def", "2"), ("ghij", "1")]
    assert html.get_text() == body


def test_spans_outside_the_body_are_clipped():
    html = parse(render_body("short", [Span(1, 2, 99)]))
    assert html.get_text() == "short" and html.select_one("mark").get_text() == "ort"


def test_each_paragraph_is_a_span_with_its_blank_lines_so_offsets_still_add_up():
    from annotations.review.markup import render_paragraphs

    body = "First “one,” said A.\n\nSecond “two,” said B.\n\n\nThird."
    html = parse(render_body(body, [Span(1, body.index("two"), body.index("two") + 3)]))
    assert [para["id"] for para in html.select(".para")] == ["para-0", "para-1", "para-2"]
    assert html.get_text() == body
    only = parse("".join(render_paragraphs(body, [], only={1}, oob=True)))
    assert only.select_one("#para-1")["hx-swap-oob"] == "true"
    assert only.get_text() == "Second “two,” said B.\n\n\n"


def test_paragraphs_touching_finds_every_paragraph_a_range_reaches():
    from annotations.review.markup import paragraphs_touching

    body = "One.\n\nTwo.\n\nThree."
    assert paragraphs_touching(body, [(0, 2)]) == {0}
    assert paragraphs_touching(body, [(2, body.index("Two") + 1), (None, None)]) == {0, 1}
    assert paragraphs_touching(body, [(body.index("Three"), len(body))]) == {2}
