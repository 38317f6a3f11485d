"""Word steps, trimming and split points on plain strings (no database)."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotations.common.spans import SpanError, find_near, split_points, split_span, step_boundary, trim_span

BODY = "He said: “We will open it, and soon.” Then he left. “Two. Three,” she said."


def quote() -> tuple[int, int]:
    return BODY.index("We"), BODY.index("”")


@pytest.mark.parametrize(
    ("edge", "direction", "expected"),
    [
        ("start", -1, "said: “We will open it, and soon.”"),  # the opening mark comes in: so does its partner
        ("start", 1, "will open it, and soon."),
        ("end", -1, "We will open it, and soon"),  # first the punctuation, then the word
        ("end", 1, "“We will open it, and soon.” Then"),
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


# --- boundaries and quotation marks -------------------------------------------------------------------------
#
# The rule (docs/review.md, "Keys"): a start rests on a word's start, an end on a word's end or on the end
# of its punctuation; a quotation mark next to an edge is in the statement exactly when its partner is; a
# step never cuts a mark off from its partner; and from a statement at rest with no mark cut off, each key
# then its partner comes back to it.

KEYS = {"[": ("start", -1), "]": ("start", 1), "{": ("end", -1), "}": ("end", 1)}
PARTNER = {"[": "]", "]": "[", "{": "}", "}": "{"}


def press(body: str, span: tuple[int, int], key: str) -> tuple[int, int]:
    edge, direction = KEYS[key]
    return step_boundary(body, *span, edge=edge, direction=direction)


def presses(body: str, text: str, keys: str) -> str:
    start = body.index(text)
    span = (start, start + len(text))
    for key in keys:
        span = press(body, span, key)
    return body[slice(*span)]


def test_passing_an_opening_mark_lets_its_closing_mark_go_too():
    body = 'The mayor called the proposal "a starting point" on Monday.'
    assert presses(body, 'the proposal "a starting point"', "]") == 'proposal "a starting point"'
    assert presses(body, 'the proposal "a starting point"', "]]") == "a starting point"
    assert presses(body, "a starting point", "[") == 'proposal "a starting point"'
    assert presses(body, "a starting point", "[[") == 'the proposal "a starting point"'


def test_the_end_retraces_over_punctuation():
    body = "He said the city would keep this country safe. Then he left."
    assert presses(body, "keep this country safe", "}") == "keep this country safe."
    assert presses(body, "keep this country safe", "}{") == "keep this country safe"
    assert presses(body, "keep this country", "}") == "keep this country safe"
    assert presses(body, "keep this country safe.", "{{") == "keep this country"


@pytest.mark.parametrize(
    ("body", "text", "keys", "expected"),
    [
        # straight, curly, guillemets, the doubled apostrophe of archives, single quotes
        ('He called it "a plan" today.', "He called it", "}", 'He called it "a plan"'),
        ("He called it “a plan” today.", "He called it", "}", "He called it “a plan”"),
        ("Il l’a dit « sans doute » hier.", "Il l’a dit", "}", "Il l’a dit « sans doute »"),
        ("He called it ''a plan'' today.", "He called it", "}", "He called it ''a plan''"),
        ("He called it ‘a plan’ today.", "He called it", "}", "He called it ‘a plan’"),
        ("He called it 'a plan' today.", "He called it", "}", "He called it 'a plan'"),
        # and back again
        ('He called it "a plan" today.', 'He called it "a plan"', "{", "He called it"),
        ("He called it ''a plan'' today.", "He called it ''a plan''", "{", "He called it"),
        # apostrophes are not marks
        ("“They’re here,” said the editors’ union.", "here,", "[", "They’re here,"),
        ("It's the editors' choice, she said.", "the editors'", "}", "the editors' choice"),
        # marks around a quote stay out, whichever edge moves
        ("“We will,” she said.", "We", "}", "We will"),
        ("“We will,” she said.", "We will", "}", "We will,"),
        ("“We will,” she said.", "will,", "[", "We will,"),
    ],
)
def test_marks_come_and_go_with_their_partners(body, text, keys, expected):
    assert presses(body, text, keys) == expected


def test_a_step_that_would_cut_a_quotation_short_is_refused():
    body = 'He called the proposal "a starting point for talks" on Monday.'
    with pytest.raises(SpanError) as error:
        presses(body, "a starting point", "[")  # the quotation goes on after the end
    assert error.value.code == "unbalanced_quote"
    assert presses(body, "a starting point", "}}") == "a starting point for talks"
    assert presses(body, "a starting point", "}}[") == 'proposal "a starting point for talks"'


def test_a_quote_interrupted_by_narration_keeps_its_inner_marks_but_gains_no_new_stray():
    body = "“We will,” she said, “never give up.”"
    assert presses(body, "We will,” she said, “never give up", "]") == "will,” she said, “never give up"
    # the first mark's partner is inside, so it joins; the last one's partner was already outside
    assert presses(body, "We will,” she said, “never give up.", "{") == "“We will,” she said, “never give up"


def test_words_keep_inner_full_stops():
    body = "The U.S. Department of State said so."
    assert presses(body, "The", "}") == "The U.S"
    assert presses(body, "The", "}}") == "The U.S."
    assert presses(body, "The U.S.", "}{") == "The U.S."


def test_trim_keeps_a_mark_whose_partner_is_inside():
    body = 'He called the proposal "a starting point" on Monday.'
    start = body.index("the proposal")
    assert body[slice(*trim_span(body, start, body.index("point") + 5))] == 'the proposal "a starting point"'
    quoted = body.index('"a')
    assert body[slice(*trim_span(body, quoted, body.index("on Monday")))] == "a starting point"


# Small bodies on which every span at rest is tried with every key.
SMALL_BODIES = [
    'The mayor called the proposal "a starting point" on Monday.',
    "“We will,” she said, “never give up.” Then, he left.",
    "He said: “We will open it, and soon.” Then he left. “Two. Three,” she said.",
    "Il a dit : « C’est ‘non’, merci ! » Et il est parti…",
    "''We will not,'' he said. ''Never.'' The U.S. said 'no' to rock 'n' roll.",
    'A "b" c "d e" f.\n\n"G, h" i \'j\' k.',
    "“Unclosed quote runs on.\n\n“It goes on,” she said, “and on.”",
]


def at_rest_balanced_spans(body: str):
    from annotations.common.spans import Quotes, end_stops, start_stops

    quotes = Quotes(body)
    for core_start in start_stops(body, 0, len(body)):
        for core_end in end_stops(body, 0, len(body)):
            if core_start < core_end:
                span = quotes.dress(core_start, core_end)
                if not quotes.cuts(*span):
                    yield span


@pytest.mark.parametrize("body", SMALL_BODIES)
def test_every_key_is_undone_by_its_partner_on_small_bodies(body):
    from annotations.common.spans import Quotes

    quotes = Quotes(body)
    tried = 0
    for span in at_rest_balanced_spans(body):
        for key in KEYS:
            try:
                moved = press(body, span, key)
            except SpanError:
                continue
            assert not quotes.cuts(*moved), (body[slice(*span)], key, body[slice(*moved)])
            assert quotes.rest(*moved) == moved
            assert press(body, moved, PARTNER[key]) == span, (body[slice(*span)], key, body[slice(*moved)])
            tried += 1
    assert tried > 50


# Random bodies: words (with apostrophes, hyphens, inner full stops), punctuation and every kind of mark,
# joined by spaces, nothing, no-break spaces or paragraph breaks.
TOKENS = ["we", "They’re", "U.S.", "non-stop", "3.5", "it's", ",", ".", "!", ":", "…"]
TOKENS += ['"', "“", "”", "«", "»", "‘", "’", "''", "'"]
SEPARATORS = [" ", " ", " ", "", "\u00a0", "\n\n"]
bodies = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), min_size=1, max_size=24).map(
    lambda pieces: "".join(token + separator for token, separator in pieces)
)


@settings(max_examples=300, deadline=None)
@given(body=bodies, data=st.data(), key=st.sampled_from(sorted(KEYS)))
def test_a_key_then_its_partner_comes_back_on_random_bodies(body, data, key):
    from annotations.common.spans import Quotes

    spans = list(at_rest_balanced_spans(body))
    assume(spans)
    span = data.draw(st.sampled_from(spans))
    try:
        moved = press(body, span, key)
    except SpanError:
        return
    quotes = Quotes(body)
    assert not quotes.cuts(*moved) and quotes.rest(*moved) == moved
    assert press(body, moved, PARTNER[key]) == span


@settings(max_examples=300, deadline=None)
@given(body=bodies, data=st.data(), key=st.sampled_from(sorted(KEYS)))
def test_from_any_span_a_key_cuts_no_new_mark_off_and_lands_on_a_stop(body, data, key):
    from annotations.common.spans import Quotes, end_stops, start_stops

    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    quotes = Quotes(body)
    core_start, core_end = quotes.core(start, end)
    assume(core_start < core_end)  # a statement holds more than space and marks
    try:
        moved = press(body, (start, end), key)
    except SpanError:
        return
    assert quotes.cuts(*moved) <= quotes.cuts(start, end)
    if KEYS[key][0] == "start":
        assert quotes.core(*moved)[0] in start_stops(body, 0, len(body))
    else:
        assert quotes.core(*moved)[1] in end_stops(body, 0, len(body))
