from annotations.groups import text

LONG = "We will open the new bridge over the river in May, and it will carry four lanes of traffic"


def test_words_ignore_case_punctuation_quotes_apostrophes_and_ellipses():
    assert text.words("“We WON’T stop… now,” she said!") == ["we", "wont", "stop", "now", "she", "said"]
    assert text.words("don't") == text.words("don’t") == ["dont"]


def test_fingerprints_are_equal_for_equal_words():
    assert text.fingerprints(text.words(LONG)) == text.fingerprints(text.words(LONG.upper() + "!"))


def test_short_quotes_have_no_fingerprints():
    assert text.fingerprints(text.words("No comment at all.")) == set()


def test_a_trimmed_part_shares_a_fingerprint_with_the_whole():
    whole = text.words(LONG)
    for start in range(len(whole) - text.GUARANTEED_RUN + 1):
        part = whole[start : start + text.GUARANTEED_RUN]
        assert text.fingerprints(part) & text.fingerprints(whole), part


def test_compare_trimmed_and_ellipsis_is_full_containment():
    whole = text.words(LONG)
    trimmed = text.words("open the new bridge over the river in May")
    elided = text.words("We will open the new bridge … in May")
    assert text.compare(trimmed, whole).score == 1.0
    assert text.compare(trimmed, whole).trimmed_only
    assert text.compare(elided, whole).trimmed_only


def test_compare_reworded_is_partial():
    whole = text.words(LONG)
    reworded = text.words("We will open the new bridge over the river in June, and it will carry four lanes of traffic")
    similarity = text.compare(reworded, whole)
    assert 0.9 < similarity.score < 1.0
    assert not similarity.trimmed_only


def test_compare_different_quotes_is_low():
    a = text.words("The budget does not allow a new bridge this year")
    b = text.words("We are proud of the teachers and the children of this town")
    assert text.compare(a, b).score < 0.3


def test_word_diff_marks_changed_words_only():
    pieces = text.word_diff("We will open it in May, he said", "We will open it in June, he said")
    assert [(p.op, p.text) for p in pieces] == [
        ("same", "We will open it in"),
        ("gone", "May,"),
        ("new", "June,"),
        ("same", "he said"),
    ]


def test_word_diff_ignores_punctuation_and_case():
    assert [p.op for p in text.word_diff("“We will, win”", "we will win")] == ["same"]
