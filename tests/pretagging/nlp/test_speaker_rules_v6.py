"""Speaker rules of version 6, each with invented news-like sentences (none taken from any corpus)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from annotations.pretagging.nlp import QuoteCandidate, doc_speakers, extract

Quotes = Callable[[str], list[QuoteCandidate]]


# -- a pronoun speaking together with someone -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        (
            "Mayor Anna Berg celebrated the ruling on Monday. She and her aides have vowed to appeal any challenge.",
            "She and her aides",
            "Anna Berg and her aides",
        ),
        (
            "Carla Diaz was at the rally. The guard grabbed her arm, she and another reporter said.",
            "she and another reporter",
            "Carla Diaz and another reporter",
        ),
    ],
)
def test_a_pronoun_and_its_partner_speak_together(quotes: Quotes, text: str, mention: str, speaker: str) -> None:
    (c,) = quotes(text)
    assert (c.mention_text, c.speaker) == (mention, speaker)


def test_a_pronoun_alone_is_still_resolved_alone(quotes: Quotes) -> None:
    (c,) = quotes("Mayor Anna Berg spoke first. She said the budget was balanced.")
    assert (c.mention_text, c.speaker) == ("She", "Anna Berg")


# -- the person spoken to is not what a verb after an open quotation says -----------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Your plan is working,” Ramos assured Keller, after Keller thanked him for his support.", "Ramos"),
        ("“This is a fine day for the city,” she reminded reporters.", None),
        ("“Can the council pass it by June?” a city staffer in the hallway wondered.", "a city staffer in the hallway"),
    ],
)
def test_an_addressee_after_an_unlisted_verb_does_not_stop_the_attribution(
    quotes: Quotes, text: str, speaker: str | None
) -> None:
    c = quotes(text)[0]
    assert (c.kind, c.attribution) == ("direct", "adjacent")
    assert c.speaker == speaker or speaker is None and c.mention_text == "she"


def test_a_thing_as_object_still_stops_the_attribution(quotes: Quotes) -> None:
    found = quotes("“We won,” Smith wore a grin as he left the hall.")
    assert all(c.attribution != "adjacent" for c in found)


# -- a described office whose possessor is a person ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Mr. Holt's former campaign manager, Dan Kessler, said the race was tightening.",
            "Mr. Holt's former campaign manager Dan Kessler",
        ),
        ("“We are confident,” Ms. Varga's spokesman, Peter Lind, said on Friday.", "Ms. Varga's spokesman Peter Lind"),
    ],
)
def test_a_persons_aide_in_apposition_gives_the_office(nlp: Language, text: str, label: str) -> None:
    doc = nlp(text)
    (c,) = extract(doc)
    assert c.as_json(doc_speakers(doc))["speaker"] == label


def test_a_description_holding_another_person_is_still_no_office(nlp: Language) -> None:
    doc = nlp("A longtime friend of Mayor Ruth Amsel, Tom Birch, said the mayor would run again.")
    (c,) = extract(doc)
    assert c.as_json(doc_speakers(doc))["speaker"] == "Tom Birch"


# -- a clause ending in a colon that the parser hung on the quotation ----------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Sanders delivered a snappy retort: "No one is tearing this up. We are going to go forward."', "Sanders"),
        ('Ortiz has since apologized for what happened: "I should have used two accounts. It was a mistake."', "Ortiz"),
    ],
)
def test_the_clause_before_a_colon_introduces_the_quotation(quotes: Quotes, text: str, speaker: str) -> None:
    (c,) = quotes(text)
    assert (c.kind, c.cue_text, c.speaker) == ("direct", ":", speaker)


# -- a transcript label with a party and state after the name ----------------------------------------
def test_a_transcript_label_with_a_parenthesis(quotes: Quotes) -> None:
    text = (
        "The hearing went on for hours.\n\n"
        "Rep. Tom Gale (R-Ohio): “I have not heard anyone cite that figure. Who told you that?”\n\n"
        "SEN. ANN WARD (D-Maine): The figure comes from the agency and its own review."
    )
    found = quotes(text)
    assert [(c.mention_text, c.speaker) for c in found] == [
        ("Rep. Tom Gale", "Tom Gale"),
        ("SEN. ANN WARD", "Ann Ward"),
    ]
    assert all("(" not in c.text and "Ohio" not in c.text for c in found)


# -- attributions after an open quotation: split subjects and long appositions -----------------------
def test_an_inverted_unlisted_verb_with_an_office_before_the_name(quotes: Quotes) -> None:
    found = quotes("“Imagine a governor who reads the budget,” mused radio co-host Stu Barker. “Not to mention one.”")
    assert [(c.cue_text, c.speaker) for c in found] == [("mused", "Stu Barker"), ("mused", "Stu Barker")]


def test_a_cue_after_a_long_apposition_still_attributes_the_quotation(quotes: Quotes) -> None:
    (c,) = quotes(
        "“Would I have scheduled things this way? Absolutely,” Eric Wood, an Iowa Republican strategist and "
        "former adviser to the governor, said of the senator."
    )
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "said", "Eric Wood")


# -- signatures with a party and state, or a hyphenated name ------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Taxes are too high for families like mine.” — Sen. Ron Diaz (R-Ohio)", "Ron Diaz"),
        ("“Housing is a right, not a privilege.” — Mary Smith-Jones, tenant organizer", "Mary Smith-Jones"),
    ],
)
def test_a_signature_with_a_parenthesis_or_a_hyphen(quotes: Quotes, text: str, speaker: str) -> None:
    (c,) = quotes(text)
    assert (c.kind, c.speaker, c.attribution) == ("direct", speaker, "adjacent")


# -- the sentence after a quote names the author of "that remark" -------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“We should never have signed this lease.” That remark from Councilman Joe Park appeared in the minutes.",
            "Joe Park",
        ),
        (
            "“We will hold hearings in every county.” That was the promise of state Rep. Gary Holt on Tuesday.",
            "Gary Holt",
        ),
        ("“Nobody reads the budget anymore.” Those were Senator Holt's words.", "Holt"),
    ],
)
def test_a_remark_named_in_the_next_sentence_is_its_authors(quotes: Quotes, text: str, speaker: str) -> None:
    (c,) = quotes(text)
    assert (c.kind, c.speaker) == ("direct", speaker)


def test_a_remark_noun_without_an_author_names_nobody(quotes: Quotes) -> None:
    (c,) = quotes("“The bridge is safe.” The line drew laughs from the crowd.")
    assert c.speaker is None


# -- a quote continuing a paragraph continues the attribution, not a clause inside it -------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“I would not judge his work,” said Ana Ruiz, a pollster who worked with him for years and called him "
            "a realist. “Nobody has a monopoly on truth.”",
            "Ana Ruiz",
        ),
        (
            "“No mayor could close a school without a vote,” Holt said on Monday, pointing out that 40 members "
            "voted last year to insist on a review. “Most parents agree with that.”",
            "Holt",
        ),
    ],
)
def test_a_quote_continues_the_attribution_and_not_a_clause_inside_it(quotes: Quotes, text: str, speaker: str) -> None:
    found = quotes(text)
    assert [c.speaker for c in found if c.kind == "direct"] == [speaker, speaker]


# -- "her belief": the possessive pronoun of a content noun is the named subject of its clause --------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ann Berg spoke first. Asked about the remarks, Woods shared her belief that none of it was unfair.", "Woods"),
        ("Tom Reyes was there. Reached by phone, Hale hesitated to repeat his criticism of the new mayor.", "Hale"),
    ],
)
def test_a_possessive_pronoun_of_a_content_noun_is_the_clause_subject(quotes: Quotes, text: str, speaker: str) -> None:
    (c,) = quotes(text)
    assert (c.mention_text, c.speaker) == (speaker, speaker)


# -- poll shares as subjects -----------------------------------------------------------------------------
def test_a_share_of_people_speaks(quotes: Quotes) -> None:
    (c,) = quotes("In the poll, six in 10 said they expected taxes to rise.")
    assert (c.mention_text, c.speaker) == ("six in 10", "six in 10")


# -- "the vice president" is not the president ---------------------------------------------------------
def test_an_office_prefix_makes_another_role(quotes: Quotes) -> None:
    (c,) = quotes(
        "President Ann Berg spoke on Monday. Mr. Hale spoke on Tuesday. The economy is strong, the vice president said."
    )
    assert (c.mention_text, c.speaker) == ("the vice president", "the vice president")
    (c,) = quotes(
        "President Ann Berg spoke on Monday. Vice President Tom Hale spoke on Tuesday. "
        "The economy is strong, the vice president said."
    )
    assert c.speaker == "Tom Hale" and c.confidence > 0.5


# -- "pointed out that" reports; "pointed to" and "pointed out the flaws" do not ------------------------
def test_pointed_out_that_is_a_cue(quotes: Quotes) -> None:
    (c,) = quotes("Hale pointed out that the city had “no money left for the pool.”")
    assert (c.kind, c.cue_text, c.speaker) == ("mixed", "pointed", "Hale")
    assert quotes("Hale pointed to the budget as the reason for the delay.") == []
    assert quotes("Hale pointed out the flaws in the plan.") == []
