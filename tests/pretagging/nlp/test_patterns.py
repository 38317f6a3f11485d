"""One invented sentence per pattern: span, kind, cue and speaker."""

from __future__ import annotations

from collections.abc import Callable

from annotations.pretagging.nlp import QuoteCandidate, extract

Quotes = Callable[[str], list[QuoteCandidate]]


def only(found: list[QuoteCandidate], text_part: str) -> QuoteCandidate:
    matches = [c for c in found if text_part in c.text]
    assert len(matches) == 1, [c.text for c in found]
    return matches[0]


def test_direct_quote_then_attribution(quotes: Quotes) -> None:
    text = "“The bridge will open in May,” Marta Lindqvist said."
    (c,) = quotes(text)
    assert (c.text, c.kind, c.cue_text, c.speaker) == (
        "The bridge will open in May,",
        "direct",
        "said",
        "Marta Lindqvist",
    )
    assert text[c.mention_start : c.mention_end] == "Marta Lindqvist"
    assert c.speaker_kind == "person"


def test_inverted_attribution_with_apposition(quotes: Quotes) -> None:
    (c,) = quotes("“We are not done yet,” said Omar Haddad, the council treasurer.")
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "said", "Omar Haddad")


def test_attribution_before_the_quote_with_colon(quotes: Quotes) -> None:
    (c,) = quotes("Governor Alma Reyes said: “The budget is balanced and the schools are funded.”")
    assert c.kind == "direct" and c.speaker == "Alma Reyes"
    assert c.text == "The budget is balanced and the schools are funded."


def test_quote_split_by_attribution_gives_two_quotes_with_one_speaker(quotes: Quotes) -> None:
    found = quotes("“The plan is sound,” Ruth Okafor said. “It will save money for every family.”")
    assert [c.text for c in found] == ["The plan is sound,", "It will save money for every family."]
    assert {c.speaker for c in found} == {"Ruth Okafor"}
    assert all(c.kind == "direct" for c in found)


def test_mixed_quote_spans_reported_words_and_quoted_words(quotes: Quotes) -> None:
    text = (
        "Kenji Watanabe said the inspectors are trained engineers who “check every weld before the concrete is poured.”"
    )
    (c,) = quotes(text)
    assert c.kind == "mixed" and c.speaker == "Kenji Watanabe" and c.cue_text == "said"
    assert c.text.startswith("the inspectors are trained engineers")
    assert c.text.rstrip("”").endswith("poured.")


def test_indirect_said_that(quotes: Quotes) -> None:
    (c,) = quotes("Senator Paula Brandt said that the tunnel project would be delayed until next spring.")
    assert c.kind == "indirect" and c.cue_text == "said" and c.speaker == "Paula Brandt"
    assert "tunnel project would be delayed" in c.text


def test_indirect_told_someone_that(quotes: Quotes) -> None:
    found = quotes("The director told Ines Moreau that the museum does not want visitors touching the paintings.")
    (c,) = [c for c in found if c.cue_text == "told"]
    assert c.kind == "indirect" and c.mention_text == "The director"
    assert c.text.startswith("that the museum does not want")


def test_according_to_an_organisation(quotes: Quotes) -> None:
    (c,) = quotes("According to the Federal Aviation Administration, flights were delayed at three airports on Monday.")
    assert c.kind == "indirect" and c.cue_text == "According to"
    assert c.speaker == "Federal Aviation Administration" and c.speaker_kind == "organisation"
    assert c.text.startswith("flights were delayed")


def test_accused_of_with_quoted_complement_is_a_quote(quotes: Quotes) -> None:
    found = quotes("Mayor Hugo Brenner accused the company of “trying to dodge its taxes.”")
    c = only(found, "dodge")
    assert c.kind in ("direct", "mixed") and c.cue_text == "accused" and c.speaker == "Hugo Brenner"


def test_continued_by_saying_and_pronoun_speaker(quotes: Quotes) -> None:
    text = (
        "Lena Vogt said the port is busy. She continued by saying, “We need more cranes and more crews on every shift.”"
    )
    c = only(quotes(text), "cranes")
    assert c.kind == "direct" and c.cue_text == "continued by saying"
    assert c.mention_text == "She" and c.speaker == "Lena Vogt" and c.speaker_path == "pronoun"


def test_indirect_cue_lexicon_beyond_said(quotes: Quotes) -> None:
    for sentence, cue in [
        ("Dmitri Sokolov warned that the river could flood the lower town.", "warned"),
        ("Dmitri Sokolov argued that the fare increase was unfair to students.", "argued"),
        ("Dmitri Sokolov believes the election will be close in the northern districts.", "believes"),
        ("Dmitri Sokolov plans to run for the state senate next year.", "plans"),
    ]:
        (c,) = quotes(sentence)
        assert c.kind == "indirect" and c.cue_text == cue and c.speaker == "Dmitri Sokolov", sentence


def test_surname_and_title_resolve_to_the_full_name(quotes: Quotes) -> None:
    text = (
        "Mayor Clara Fontaine opened the new library on Monday.\n\n"
        "“Books are for everyone,” Fontaine said.\n\n"
        "The mayor said the branch would stay open late on weekdays."
    )
    found = quotes(text)
    assert {c.speaker for c in found} == {"Clara Fontaine"}
    paths = {c.speaker_path for c in found}
    assert "surname" in paths and "role" in paths


def test_unattributed_quote_paragraph_inherits_the_previous_speaker(quotes: Quotes) -> None:
    text = (
        "“The water is safe to drink,” said Hannah Kim, the utility’s chief chemist.\n\n"
        "“We test it every hour at four different stations across the city.”"
    )
    found = quotes(text)
    assert len(found) == 2
    second = only(found, "every hour")
    assert second.speaker == "Hannah Kim" and second.speaker_path == "inherited"
    assert second.confidence < only(found, "safe to drink").confidence


def test_quote_running_over_paragraphs(quotes: Quotes) -> None:
    text = (
        "Pedro Alves said: “The first thing we did was count the votes again.\n\n"
        "“Then we counted them a third time, by hand, in public.”"
    )
    found = quotes(text)
    assert [c.kind for c in found] == ["direct", "direct"]
    assert {c.speaker for c in found} == {"Pedro Alves"}


def test_organisation_speaker_and_acronym(quotes: Quotes) -> None:
    text = (
        "The National Weather Service issued a warning on Sunday.\n\n"
        "NWS said the storm would reach the coast by Tuesday night."
    )
    c = only(quotes(text), "storm")
    assert c.speaker == "National Weather Service" and c.speaker_kind == "organisation"
    assert c.speaker_path == "acronym"


def test_scare_quotes_titles_and_words_as_words_are_not_statements(quotes: Quotes) -> None:
    text = (
        "On KXYZ’s “Morning Drive Hour” the senator used the word “crisis” twice, calling the plan a “reform” of sorts."
    )
    assert [c for c in quotes(text) if c.kind == "direct"] == []


def test_nyt_style_quotes(quotes: Quotes) -> None:
    (c,) = quotes("''The market will recover,'' said Ada Lindgren, an economist.")
    assert c.kind == "direct" and c.text == "The market will recover," and c.speaker == "Ada Lindgren"


def test_quote_signed_with_a_dash(quotes: Quotes) -> None:
    (c,) = quotes("“Nobody asked us what we wanted for this park.” ― Rosa Delgado")
    assert c.kind == "direct" and c.speaker == "Rosa Delgado"


def test_transcript_speaker_labels(quotes: Quotes) -> None:
    text = "MORALES: Thank you for joining us on the program tonight.\n\nBECKER: It is a pleasure to be here with you."
    found = quotes(text)
    assert [c.speaker.lower() for c in found] == ["morales", "becker"]  # a person label is title-cased ("Becker")
    assert found[0].text == "Thank you for joining us on the program tonight"


def test_passive_cue_has_no_speaker(quotes: Quotes) -> None:
    found = quotes("The minister was criticized for policies that many farmers consider unfair.")
    assert all(c.speaker is None for c in found)


def test_confidence_orders_explicit_direct_above_unattributed(quotes: Quotes) -> None:
    text = "“Rents are too high in this city,” Farid Nasser said.\n\nPrices rose.\n\n“Something has to change, and it has to change this year.”"
    found = quotes(text)
    attributed = only(found, "Rents")
    assert all(0.0 <= c.confidence <= 1.0 for c in found)
    assert attributed.confidence > 0.85
    assert all(c.confidence < attributed.confidence for c in found if c is not attributed)


def test_signature_dash_glued_to_the_mark_and_non_breaking_spaces(quotes: Quotes) -> None:
    text = (
        "“The buses never come on time and nobody answers the phone.”― Marisol Quintana\u00a0\n"
        "“We pay more every year for less service.”\u00a0― Devon Ashby\u00a0\n"
    )
    first, second = quotes(text)
    assert (first.kind, first.speaker, first.text) == (
        "direct",
        "Marisol Quintana",
        "The buses never come on time and nobody answers the phone.",
    )
    assert "―" in first.cue_text
    assert (second.kind, second.speaker) == ("direct", "Devon Ashby")


def test_subject_with_an_apostrophe_and_a_curly_variant_of_the_name(quotes: Quotes) -> None:
    text = (
        "Fire Commissioner Liam O’Rourke arrived at noon.\n\n"
        "“The cause of the fire has not been determined,” said O'Rourke, who spoke to reporters."
    )
    c = only(quotes(text), "cause of the fire")
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "said", "Liam O’Rourke")
    assert c.mention_text == "O'Rourke"


def test_nested_report_keeps_only_the_outer_statement(quotes: Quotes) -> None:
    (c,) = quotes("Councillor Anika Brandt said she plans to vote against the new parking garage.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "said", "Anika Brandt")
    assert c.text == "she plans to vote against the new parking garage"
    assert c.speaker_kind == "person"  # "Councillor" marks a person even when NER says ORG


def test_inverted_opening_said_name_colon(quotes: Quotes) -> None:
    text = (
        "Marta Okonkwo chairs the committee.\n\nSaid Okonkwo: “I don’t think the council has read the budget at all.”"
    )
    (c,) = quotes(text)
    assert (c.kind, c.cue_text, c.mention_text, c.speaker) == ("direct", "Said", "Okonkwo", "Marta Okonkwo")
    assert c.text == "I don’t think the council has read the budget at all."


def test_subject_before_an_apposition_the_parser_lost(quotes: Quotes) -> None:
    text = (
        "In a panel discussion in Boston, Greta Lindholm, the chief executive of the Harbor Trust, "
        "told reporters that the pier would close in March."
    )
    (c,) = quotes(text)
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "told", "Greta Lindholm")
    assert c.text == "that the pier would close in March"


def test_dateline_is_not_the_speaker(quotes: Quotes) -> None:
    text = (
        "BOSTON -- Mayor Greta Lindholm, opening the new library on Saturday, "
        "said it would serve every neighbourhood in the city."
    )
    (c,) = quotes(text)
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "said", "Greta Lindholm")


def test_active_participle_tagged_vbn_keeps_its_subject(quotes: Quotes) -> None:
    (c,) = quotes("Nadia Petrov on Wednesday called on the governor to apologize for the remarks.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "called", "Nadia Petrov")
    assert c.text == "to apologize for the remarks"


def test_reported_clause_interrupted_by_the_attribution_gives_two_pieces(quotes: Quotes) -> None:
    found = quotes("The ferry was a lifeline, Mr. Haldane said, until the company cut the winter service in 2009.")
    assert [c.text for c in found] == ["The ferry was a lifeline", "until the company cut the winter service in 2009"]
    assert all((c.kind, c.cue_text, c.speaker) == ("indirect", "said", "Haldane") for c in found)


def test_a_line_break_ends_the_sentence_for_the_parser(nlp) -> None:
    doc = nlp("“We will rebuild the pier before the summer.”\n\nTomas Eriksen said the harbor board approved it.")
    starts = [s.start_char for s in doc.sents]
    assert doc.text.index("Tomas") in starts
    (c,) = [c for c in extract(doc) if c.kind == "indirect"]
    assert (c.cue_text, c.speaker) == ("said", "Tomas Eriksen")


def test_naming_verb_object_and_complement(quotes: Quotes) -> None:
    (c,) = quotes("Councillor Ines Brandt called the parking plan a disaster for small shops.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "called", "Ines Brandt")
    assert c.text == "the parking plan a disaster for small shops"
    (c,) = quotes("Lena Ruiz called for an inquiry into the contracts.")
    assert (c.kind, c.cue_text, c.text) == ("indirect", "called", "an inquiry into the contracts")


def test_coordinated_quoted_fragments_join_the_statement(quotes: Quotes) -> None:
    (c,) = quotes('Senator Mara Quist called the governor a "reckless gambler," a "bully" and a "danger to the state."')
    assert (c.kind, c.cue_text, c.speaker) == ("mixed", "called", "Mara Quist")
    assert c.text == 'the governor a "reckless gambler," a "bully" and a "danger to the state."'


def test_object_with_as_phrase_and_circumstance_left_out(quotes: Quotes) -> None:
    (c,) = quotes(
        "Ines Brandt dismissed the report as “a fairy tale for developers” during a council meeting on Tuesday."
    )
    assert (c.kind, c.cue_text, c.speaker) == ("mixed", "dismissed", "Ines Brandt")
    assert c.text == "the report as “a fairy tale for developers”"
    (c,) = quotes("Lars Brandt blasted the council for being “asleep at the wheel.”")
    assert (c.kind, c.cue_text, c.text) == ("mixed", "blasted", "the council for being “asleep at the wheel.”")


def test_quote_governed_by_a_named_subject_is_that_subjects(quotes: Quotes) -> None:
    (c,) = quotes("Ines Brandt has gone after the mayor as a “man who will sell the river to anyone.”")
    assert (c.kind, c.cue_text, c.speaker) == ("mixed", "has gone", "Ines Brandt")
    assert c.text == "the mayor as a “man who will sell the river to anyone.”"


def test_programme_title_after_on_is_not_a_quote(quotes: Quotes) -> None:
    (c,) = quotes("On “Morning Harbour,” Ines Brandt said the ferry would run all winter.")
    assert (c.kind, c.speaker, c.text) == ("indirect", "Ines Brandt", "the ferry would run all winter")


def test_as_x_put_it_attributes_the_quote(quotes: Quotes) -> None:
    (c,) = quotes("As Nora Lind, a housing lawyer, recently put it, “Who pays when the landlord walks away?”")
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "put", "Nora Lind")
    assert c.text == "Who pays when the landlord walks away?"


def test_cue_after_a_name_with_a_quoted_nickname_and_a_parenthesis(quotes: Quotes) -> None:
    text = '"We are ready for the vote!" Delegate Marta "Tilly" Okafor (D-Riverside), shouted to the crowd.'
    (c,) = quotes(text)
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "shouted", 'Marta "Tilly" Okafor')


def test_evaluative_and_presenting_verbs_report_their_object(quotes: Quotes) -> None:
    (c,) = quotes("Mayor Ruth Amsel denounced the toll increase, the third in two years.")
    assert (c.kind, c.cue_text, c.speaker, c.text) == ("indirect", "denounced", "Ruth Amsel", "the toll increase")
    (c,) = quotes("The council outlined a plan to rebuild the harbour wall.")
    assert (c.kind, c.cue_text, c.mention_text) == ("indirect", "outlined", "The council")
    assert c.text == "a plan to rebuild the harbour wall"


def test_speech_products_stand_for_their_author(quotes: Quotes) -> None:
    (c,) = quotes("According to a speech by Senator Ruth Amsel, the harbour will close in March.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "According to", "Ruth Amsel")
    (c,) = quotes("Ruth Amsel posted a tweet attacking the harbour board for the delays.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "attacking", "Ruth Amsel")
    assert c.text == "the harbour board for the delays"


def test_participle_continuing_an_earlier_cue_keeps_its_speaker(quotes: Quotes) -> None:
    text = "“We will finish the bridge,” Ruth Amsel said, going on to say that the city had already paid for the steel."
    c = only(quotes(text), "paid for the steel")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "to say", "Ruth Amsel")
    assert c.text == "that the city had already paid for the steel"


def test_a_stance_of_unnamed_others_lends_no_speaker_to_a_quote(quotes: Quotes) -> None:
    text = (
        "Others have opposed the new stadium for years.\n\n"
        "“Our neighbourhood deserves a park, not a car park for forty thousand fans.”"
    )
    c = only(quotes(text), "deserves a park")
    assert (c.kind, c.speaker, c.attribution) == ("direct", None, "unattributed")


def test_coordinated_verbs_continue_an_infinitive_content(quotes: Quotes) -> None:
    (c,) = quotes("Ruth Amsel wants to double the bus fleet, extend the tram line and build a new depot.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "wants", "Ruth Amsel")
    assert c.text == "to double the bus fleet, extend the tram line and build a new depot"


def test_a_concessive_aside_ends_the_reported_clause(quotes: Quotes) -> None:
    found = quotes("Ruth Amsel claimed that the toll was fair, although she again refused to publish the contract.")
    claim = only(found, "toll was fair")
    assert (claim.kind, claim.cue_text, claim.speaker, claim.text) == (
        "indirect",
        "claimed",
        "Ruth Amsel",
        "that the toll was fair",
    )
    refusal = only(found, "publish the contract")
    assert (refusal.cue_text, refusal.speaker) == ("refused", "Ruth Amsel")


def test_subjectless_cues_take_the_right_subject(quotes: Quotes) -> None:
    (c,) = quotes("Other leaders used blunt language to denounce the missile test.")
    assert (c.cue_text, c.mention_text, c.text) == ("to denounce", "Other leaders", "the missile test")
    (c,) = quotes("The strike left many farmers feeling that the government had abandoned them.")
    assert (c.cue_text, c.mention_text) == ("feeling", "many farmers")
    (c,) = quotes("The mayor praised the crews but stopped short of calling the flood a disaster.")
    assert (c.cue_text, c.mention_text, c.text) == ("calling", "The mayor", "the flood a disaster")


def test_quantified_relative_subject(quotes: Quotes) -> None:
    (c,) = quotes("The miners’ relatives, many of whom say the company ignored the warnings, gathered outside.")
    assert (c.kind, c.cue_text, c.mention_text, c.speaker) == ("indirect", "say", "many of whom", "many of whom")


def test_a_description_with_an_appositive_name_is_that_person(quotes: Quotes) -> None:
    (c,) = quotes("A lawyer for the tenants, Dana Okafor, said the eviction notices were illegal.")
    assert (c.kind, c.cue_text, c.speaker) == ("indirect", "said", "Dana Okafor")
    (c,) = quotes("With a week to go, Ruth Amsel, a senior adviser to the campaign, called the poll a wake-up call.")
    assert (c.cue_text, c.speaker, c.text) == ("called", "Ruth Amsel", "the poll a wake-up call")


def test_a_name_before_its_title_is_the_subject(quotes: Quotes) -> None:
    (c,) = quotes("Ines Varga, the director of the harbour trust, vowed to reopen the pier by June.")
    assert (c.kind, c.cue_text, c.speaker, c.text) == ("indirect", "vowed", "Ines Varga", "to reopen the pier by June")


def test_a_document_reads(quotes: Quotes) -> None:
    (c,) = quotes("“We will not accept another delay,” the letter reads.")
    assert (c.kind, c.cue_text, c.mention_text, c.speaker) == (
        "direct",
        "reads",
        "the letter",
        "the letter",
    )


def test_attribution_interrupting_the_reported_clause_gives_both_pieces(quotes: Quotes) -> None:
    found = quotes("Back in Virginia, Mr. Clarke said, he started a company that plants trees.")
    assert [c.text for c in found] == ["Back in Virginia", "he started a company that plants trees"]
    assert all((c.kind, c.cue_text, c.speaker) == ("indirect", "said", "Clarke") for c in found)
    found = quotes("The bridge, the engineers said, would have to close for repairs.")
    assert [c.text for c in found] == ["The bridge", "would have to close for repairs"]
    assert all(c.mention_text == "the engineers" for c in found)


def test_according_to_set_off_inside_the_clause_gives_both_pieces(quotes: Quotes) -> None:
    found = quotes("The blast, according to the fire department, was caused by a gas leak in the basement.")
    assert [c.text for c in found] == ["The blast", "was caused by a gas leak in the basement"]
    assert all((c.cue_text, c.mention_text) == ("according to", "the fire department") for c in found)


def test_stance_words_report_through_their_preposition(quotes: Quotes) -> None:
    (c,) = quotes("Ruth Amsel has been critical of the toll increase.")
    assert (c.kind, c.cue_text, c.speaker, c.text) == ("indirect", "critical", "Ruth Amsel", "the toll increase")
    (c,) = quotes("Ruth Amsel, a staunch opponent of the new stadium, spoke first.")
    assert (c.cue_text, c.speaker, c.text) == ("opponent", "Ruth Amsel", "the new stadium")
    (c,) = quotes("Ruth Amsel complained about the noise from the port.")
    assert (c.cue_text, c.speaker, c.text) == ("complained", "Ruth Amsel", "the noise from the port")


def test_possessive_pronoun_source_is_resolved(quotes: Quotes) -> None:
    found = quotes("Ruth Amsel spoke on Monday. Her attacks on the harbour board continued all week.")
    c = only(found, "harbour board")
    assert (c.cue_text, c.mention_text, c.speaker) == ("attacks", "Her", "Ruth Amsel")


def test_content_nouns_with_their_source(quotes: Quotes) -> None:
    (c,) = quotes("Ruth Amsel repeated her promise to rebuild the pier.")
    assert (c.kind, c.cue_text, c.mention_text, c.speaker, c.text) == (
        "indirect",
        "promise",
        "Ruth Amsel",  # "her" is the named subject of the clause
        "Ruth Amsel",
        "to rebuild the pier",
    )
    (c,) = quotes("Councillor Ruth Amsel's claim that the ferry loses money was disputed by the operator.")
    assert (c.cue_text, c.mention_text, c.speaker) == ("claim", "Councillor Ruth Amsel", "Ruth Amsel")
    assert c.text == "that the ferry loses money"


def test_a_rejected_suggestion_is_not_the_rejecters(quotes: Quotes) -> None:
    (c,) = quotes("The mayor rejected the suggestion that the pier was unsafe.")
    assert (c.cue_text, c.mention_text) == ("rejected", "The mayor")
    assert c.text == "the suggestion that the pier was unsafe"


def test_verb_complements_that_carry_content(quotes: Quotes) -> None:
    (c,) = quotes("Ruth Amsel told her staff to prepare a new budget.")
    assert (c.kind, c.cue_text, c.speaker, c.text) == (
        "indirect",
        "told",
        "Ruth Amsel",
        "her staff to prepare a new budget",
    )
    (c,) = quotes("Ruth Amsel proposed dropping the toll for residents.")
    assert (c.cue_text, c.text) == ("proposed", "dropping the toll for residents")
    (c,) = quotes("Ruth Amsel attacked the other candidates on stage for accepting developer money.")
    assert (c.cue_text, c.text) == ("attacked", "the other candidates on stage for accepting developer money")
    assert quotes("The ferry company continued to ignore the complaints.") == []


def test_short_quoted_sentence_continues_the_quote_before_it(quotes: Quotes) -> None:
    found = quotes("“Here comes the mayor,” Ruth Amsel said, clapping. “The mayor. At last.”")
    assert [c.text for c in found] == ["Here comes the mayor,", "The mayor. At last."]
    assert {c.speaker for c in found} == {"Ruth Amsel"}


def test_a_naming_word_ending_the_previous_sentence_does_not_make_a_title(quotes: Quotes) -> None:
    text = (
        '"The seat is on a knife edge," said Dana Okafor, editor of the Harbour Report. '
        '"It could decide the whole chamber."'
    )
    found = quotes(text)
    assert [c.text for c in found] == ["The seat is on a knife edge,", "It could decide the whole chamber."]
    assert {c.speaker for c in found} == {"Dana Okafor"}


def test_a_participle_after_of_name_is_what_the_recording_shows(quotes: Quotes) -> None:
    c = only(quotes("The ad uses footage of Marta Lindqvist asking, “Why is the bridge still closed?”"), "Why")
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "asking", "Marta Lindqvist")


def test_a_participle_after_the_main_clause_has_its_subject(quotes: Quotes) -> None:
    text = "“We will rebuild the pier,” Omar Haddad said, not even needing to mention the storm that wrecked it."
    c = only(quotes(text), "the storm")
    assert (c.cue_text, c.speaker) == ("to mention", "Omar Haddad")
    (c,) = quotes("At the picnic, the band leader called the councillors to the stage, singing “It’s Our Time.”")
    assert (c.kind, c.cue_text, c.speaker) == ("direct", "singing", "the band leader")


def test_a_passive_main_clause_lends_its_subject_to_a_participle(quotes: Quotes) -> None:
    text = "After saying the water was “too cold to swim in,” Ruth Okafor was driven home by her staff."
    c = only(quotes(text), "water")
    assert (c.cue_text, c.speaker) == ("saying", "Ruth Okafor")


def test_as_name_put_it_reports_the_clause_it_hangs_on(quotes: Quotes) -> None:
    text = "As Ruth Amsel put it in a statement, the harbour is “the heart of this town and always will be.”"
    (c,) = quotes(text)
    assert (c.kind, c.speaker) == ("mixed", "Ruth Amsel")
    assert c.text.startswith("the harbour is")


def test_a_quote_between_dashes_after_a_name_is_that_persons(quotes: Quotes) -> None:
    text = (
        "A chorus of councillors has said the same thing, including the former treasurer Dana Okafor -- "
        "“It is a waste of public money to build it now” -- "
        "and Omar Haddad, the treasurer. “The sooner we stop, the better,” Mr. Haddad told reporters."
    )
    c = only(quotes(text), "waste of public money")
    assert (c.kind, c.speaker) == ("direct", "Dana Okafor")
    assert only(quotes(text), "The sooner").speaker == "Omar Haddad"


def test_a_quote_ending_its_sentence_takes_no_cue_from_the_next_sentence(quotes: Quotes) -> None:
    text = (
        "The ferry is “fast,” Vera Lund wrote in an email to the board, and “far too expensive.” "
        "Not that anyone on the board is arguing."
    )
    speakers = {c.speaker for c in quotes(text)}
    assert "anyone" not in speakers and "Vera Lund" in speakers


def test_an_unattributed_quote_continues_the_named_subject_of_the_sentence_before(quotes: Quotes) -> None:
    text = (
        "“We are ready,” Omar Haddad said.\n\n"
        "On Sunday, Senator Ruth Okafor identified the ferry fares as the reason voters are angry. "
        "“People are tired of paying more for less.”"
    )
    c = only(quotes(text), "People are tired")
    assert c.speaker == "Ruth Okafor"


def test_they_after_a_plural_description_is_that_group(quotes: Quotes) -> None:
    text = (
        "The new ferry timetable is vague about who may board early, transport experts say, including "
        "a rule they say could exclude commuters."
    )
    c = only(quotes(text), "could exclude")
    assert c.speaker == "transport experts"


def test_generic_you_is_nobody(quotes: Quotes) -> None:
    found = quotes("In this climate, you can see why the council wants a second bridge.")
    assert all(c.speaker is None for c in found)


def test_a_misread_past_tense_after_a_long_aside_keeps_its_name(quotes: Quotes) -> None:
    text = (
        "Attorney General Roy Kemper (D), the mayor's opponent in the upcoming election, called Friday for "
        "releasing the police videos."
    )
    c = only(quotes(text), "releasing")
    assert (c.cue_text, c.speaker) == ("called", "Roy Kemper")


def test_a_listed_subject_is_the_whole_list(quotes: Quotes) -> None:
    text = "The family, neighbours and local pastors have been demanding that the council release the report."
    (c,) = quotes(text)
    assert c.speaker == "The family, neighbours and local pastors"


def test_a_subject_with_an_aside_after_since_is_the_speaker(quotes: Quotes) -> None:
    text = (
        "Omar Haddad has been attacking the ferry company since Ruth Okafor, at Monday's hearing, cited "
        "the safety reports Haddad had ignored."
    )
    c = only(quotes(text), "safety reports")
    assert (c.cue_text, c.speaker) == ("cited", "Ruth Okafor")


def test_a_comment_prompted_in_someone_is_theirs(quotes: Quotes) -> None:
    text = (
        "The bill prompted his wife and current council candidate Ruth Okafor to make a comment that "
        "described the harbour workers as “the backbone of this city.”"
    )
    c = only(quotes(text), "backbone")
    assert c.speaker == "Ruth Okafor"


def test_a_participle_skips_a_where_clause_set_in_between(quotes: Quotes) -> None:
    text = (
        "Small groups of protesters continued to march, looping the streets around the stadium - where the "
        "Harbour Lions played the Hill Rovers - while chanting, “Open the books.”"
    )
    c = only(quotes(text), "Open the books")
    assert c.speaker == "Small groups of protesters"


def test_someone_like_a_named_person_is_that_person(quotes: Quotes) -> None:
    text = "Why would someone like Omar Haddad want to take over a failing ferry company and its debts?"
    c = only(quotes(text), "take over")
    assert c.speaker == "Omar Haddad"


def test_a_dash_signature_signs_every_quotation_of_its_paragraph(quotes: Quotes) -> None:
    text = "“The ferry is late again.” “Nobody in the council seems to care about it.” ― Marta Lindqvist\n"
    found = quotes(text)
    assert [c.text for c in found] == ["The ferry is late again.", "Nobody in the council seems to care about it."]
    assert {c.speaker for c in found} == {"Marta Lindqvist"}


def test_a_that_clause_hung_on_the_medium_is_what_the_speech_verb_reports(quotes: Quotes) -> None:
    (c,) = quotes(
        "The mayor's spokeswoman, Ada Brennan, said in a statement that the crews would work “around the clock.”"
    )
    assert (c.kind, c.cue_text, c.speaker) == ("mixed", "said", "Ada Brennan")
    assert c.text.startswith("that the crews")


def test_a_quote_inside_a_clause_someone_reported_is_theirs(quotes: Quotes) -> None:
    c = only(
        quotes('Carlin said that he did not, but was referring to the "same kind of attitude. It is all gone."'),
        "referring",
    )
    assert (c.kind, c.speaker) == ("mixed", "Carlin")
