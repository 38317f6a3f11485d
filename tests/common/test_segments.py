"""Statements in several quoted segments: the pure functions on their offsets."""

import pytest

from annotations.common import segments
from annotations.common.spans import SpanError

BODY = "“We will win,” union president Keisha Grant told reporters. “And we will do it soon.”"
FIRST = (1, BODY.index("”"))  # We will win,
SECOND = (BODY.index("And"), BODY.rindex("”"))  # And we will do it soon.


def test_the_text_is_the_segments_joined_and_each_can_be_cut_back_out():
    text = segments.text_of(BODY, [FIRST, SECOND])
    assert text == "We will win, … And we will do it soon."
    assert segments.texts(text, [FIRST, SECOND]) == ["We will win,", "And we will do it soon."]


def test_one_span_is_stored_as_no_segments():
    assert segments.to_stored([FIRST]) == []
    assert segments.spans_of(*FIRST, []) == [FIRST]
    assert segments.spans_of(FIRST[0], SECOND[1], segments.to_stored([FIRST, SECOND])) == [FIRST, SECOND]


def test_combining_keeps_the_reporters_words_out_and_joins_across_white_space_only():
    assert segments.combined([FIRST], [SECOND], body=BODY) == [FIRST, SECOND]
    body = "One sentence. Another one."
    assert segments.combined([(0, 13)], [(14, 26)], body=body) == [(0, 26)]


def test_overlap_is_per_segment_so_a_statement_may_sit_in_anothers_gap():
    narration = (BODY.index("union"), BODY.index(" told"))
    assert not segments.overlapping([FIRST, SECOND], [narration])
    assert segments.overlapping([FIRST, SECOND], [(SECOND[0] + 2, SECOND[0] + 6)])


def test_splitting_in_the_gap_divides_the_segments_and_inside_a_segment_cuts_it():
    gap_point = BODY.index("told")
    assert segments.split(BODY, [FIRST, SECOND], gap_point) == ([FIRST], [SECOND])
    inside = BODY.index("we will do")
    before, after = segments.split(BODY, [FIRST, SECOND], inside)
    assert before == [FIRST, (SECOND[0], SECOND[0] + len("And"))]
    assert after == [(inside, SECOND[1])]


def test_a_split_that_leaves_a_part_empty_is_refused():
    with pytest.raises(SpanError):
        segments.split(BODY, [FIRST, SECOND], FIRST[0])


def test_problems_name_what_is_wrong():
    assert segments.problems(BODY, [FIRST, SECOND]) == ""
    assert segments.problems(BODY, [SECOND, FIRST]) == "order"
    assert segments.problems(BODY, [(0, len(BODY) + 5)]) == "outside"
