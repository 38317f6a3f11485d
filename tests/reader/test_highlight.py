"""annotations.reader.highlight: marks in article text, always escaped."""

from annotations.reader.highlight import Mark, mark_terms, paragraphs, passage

BODY = "First <b>line</b>.\n\n“We will open the bridge,” said Ada.\nSecond part of the quote & more.\n\nLast."


def test_paragraphs_escape_text_and_mark_spans_with_links():
    start = BODY.index("We will")
    end = BODY.index(",”")
    html = paragraphs(BODY, [Mark(start, end, "statement-mark", href="/statements/1/", label="Ada <x>", anchor="s-1")])
    assert html[0] == "First &lt;b&gt;line&lt;/b&gt;."
    assert html[1] == (
        '“<mark class="statement-mark" id="s-1"><a href="/statements/1/" title="Ada &lt;x&gt;">'
        "We will open the bridge</a></mark>,” said Ada."
    )
    assert len(html) == 4


def test_a_span_across_lines_is_marked_in_each_paragraph_with_one_anchor():
    start, end = BODY.index("said"), BODY.index(" & more")
    html = paragraphs(BODY, [Mark(start, end, "statement-mark", href="/s/", anchor="s-2")])
    assert 'id="s-2"' in html[1] and 'id="s-2"' not in html[2]
    assert html[2].startswith('<mark class="statement-mark"><a href="/s/" title="">Second part')


def test_overlapping_marks_keep_the_first():
    html = paragraphs("abcdef", [Mark(0, 4, "statement-mark"), Mark(2, 6, "cue")])
    assert html == ['<mark class="statement-mark">abcd</mark>ef']


def test_passage_is_the_paragraph_around_the_statement():
    start = BODY.index("bridge")
    html = passage(
        BODY, start, start + 6, [Mark(start, start + 6, "statement-mark"), Mark(start + 9, start + 13, "cue")]
    )
    assert html == ['“We will open the <mark class="statement-mark">bridge</mark>,” <span class="cue">said</span> Ada.']


def test_mark_terms_marks_word_prefixes_and_escapes():
    assert mark_terms("Bridges & <b>bridge</b>", ["bridge"]) == (
        "<mark>Bridges</mark> &amp; &lt;b&gt;<mark>bridge</mark>&lt;/b&gt;"
    )
    assert mark_terms("<i>", []) == "&lt;i&gt;"
