"""Word steps, trimming and split points on plain strings (no database)."""

import pytest

from annotations.common.spans import SpanError, find_near, split_points, split_span, step_boundary, trim_span

BODY = "He said: “We will open it, and soon.” Then he left. “Two. Three,” she said."


def quote() -> tuple[int, int]:
    return BODY.index("We"), BODY.index("”")


@pytest.mark.parametrize(
    ("edge", "direction", "expected"),
    [
        ("start", -1, "said: “We will open it, and soon."),
        ("start", 1, "will open it, and soon."),
        ("end", -1, "We will open it, and"),
        ("end", 1, "We will open it, and soon.” Then"),
    ],
)
def test_step_boundary_moves_one_edge_by_one_word(edge, direction, expected):
    start, end = step_boundary(BODY, *quote(), edge=edge, direction=direction)
    assert BODY[start:end] == expected


def test_step_keeps_words_with_apostrophes_whole():
    body = "“They’re here,” she said."
    start, end = step_boundary(body, body.index("here"), body.index("”"), edge="start", direction=-1)
    assert body[start:end] == "They’re here,"


def test_step_from_inside_a_word_finishes_that_word():
    body = "We will open it."
    assert step_boundary(body, 0, 9, edge="end", direction=1) == (0, 12)  # "We will ope" -> "We will open"


def test_step_cannot_empty_the_span():
    body = "“Soon,” she said."
    with pytest.raises(SpanError) as error:
        step_boundary(body, 1, 6, edge="start", direction=1)
    assert error.value.code == "empty_span"


def test_step_cannot_leave_the_text():
    with pytest.raises(SpanError):
        step_boundary("Soon.", 0, 5, edge="end", direction=1)


def test_trim_drops_white_space_and_enclosing_quotes():
    body = "  “We will,”  "
    assert body[slice(*trim_span(body, 0, len(body)))] == "We will,"


def test_split_points_are_sentence_starts_inside_the_span():
    start, end = BODY.index("Two"), BODY.index("”", BODY.index("Two"))
    assert split_points(BODY, start, end) == [BODY.index("Three")]


def test_split_span_trims_both_parts():
    body = "“One thing. “Another thing,” said Ada."
    first, second = split_span(body, 1, body.index("”"), body.index("Another") - 1)
    assert (body[slice(*first)], body[slice(*second)]) == ("One thing.", "Another thing,")


def test_split_span_refuses_an_empty_part():
    with pytest.raises(SpanError) as error:
        split_span("  One", 0, 5, 2)
    assert error.value.code == "empty_part"


def test_find_near_prefers_the_closest_occurrence_outside_the_span():
    body = "She said it very clearly. “I said no,” she said."
    start, end = body.index("I said"), body.index("”")
    assert find_near(body, "said", start, end) == (body.rindex("said"), body.rindex("said") + 4)


def test_find_near_matches_whole_words_only():
    assert find_near("“Yes,” saidx.", "said", 1, 4) is None
