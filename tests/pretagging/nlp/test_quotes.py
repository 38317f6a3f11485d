"""Quotation-mark segmentation (pure text, no model)."""

from annotations.pretagging.nlp.quotes import find_segments


def inner(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_segments(text)]


def test_curly_marks_pair_and_keep_inner_punctuation() -> None:
    assert inner("“We will win,” she said.") == ["We will win,"]


def test_straight_marks_toggle() -> None:
    assert inner('"One," he said, "two."') == ["One,", "two."]


def test_nyt_double_apostrophes_are_quotation_marks() -> None:
    assert inner("''It is over,'' Ms. Vale said. It's fine.") == ["It is over,"]


def test_apostrophes_and_single_quotes_are_ignored() -> None:
    assert find_segments("It's the mayor's ‘plan’.") == []


def test_quote_reopened_in_next_paragraph_closes_at_the_paragraph_end() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph.”"
    segments = find_segments(text)
    assert inner(text) == ["First paragraph of the quote.", "Second paragraph."]
    assert segments[0].closed is False and segments[1].closed is True


def test_unbalanced_opening_mark_runs_to_the_next_opening_mark() -> None:
    text = "“One thing. “Another thing.”"
    assert inner(text) == ["One thing.", "Another thing."]


def test_offsets_index_the_original_text() -> None:
    text = "Intro 🙂 — “Ünïcode quote.” end"
    (segment,) = find_segments(text)
    assert text[segment.start : segment.end] == "Ünïcode quote."
    assert text[segment.mark_start] == "“" and text[segment.mark_end - 1] == "”"
