"""Pre-tagging suggests the speaker confirmed reports of the same words name, with the evidence."""

import pytest

from annotations.groups import services as groups
from annotations.models import Statement
from annotations.pretagging import nlp
from annotations.pretagging import services as pretagging

from ..factories import ArticleFactory, SpeakerFactory
from ..groups.builders import report

pytestmark = pytest.mark.django_db

QUOTE = "We will open the new bridge over the river in May and it will carry four lanes of traffic"


def candidate(body: str, speaker: str | None) -> nlp.QuoteCandidate:
    start = body.index("“") + 1
    end = body.index("”")
    return nlp.QuoteCandidate(
        start=start,
        end=end,
        text=body[start:end],
        kind="direct",
        cue_text="said",
        cue_start=None,
        cue_end=None,
        mention_text=None,
        mention_start=None,
        mention_end=None,
        speaker=speaker,
        speaker_kind="person" if speaker else None,
        confidence=0.8,
        attribution="unattributed" if speaker is None else "dependency",
        speaker_path="none" if speaker is None else "explicit",
    )


def pretag(body: str, speaker: str | None = None) -> Statement:
    article = ArticleFactory(body=body)
    speakers = {speaker: {"kind": "person", "aliases": []}} if speaker else {}
    extraction = pretagging.Extraction(article, [candidate(body, speaker)], speakers)
    pretagging.articles_store_suggestions(extractions=[extraction], model_version="test")
    return Statement.objects.get(article=article)


@pytest.fixture
def confirmed_group():
    ada = SpeakerFactory(name="Ada Brook")
    reports = [report(QUOTE, speaker=ada), report(QUOTE, speaker=ada, day=1)]
    groups.statement_groups_refresh(statement_ids=[r.pk for r in reports])
    return ada, reports


def test_a_new_report_without_a_speaker_gets_the_groups_speaker_with_the_evidence(confirmed_group):
    ada, reports = confirmed_group
    statement = pretag(f"Officials spoke. “{QUOTE.lower()},” it was said on Monday.")
    assert statement.speaker_id == ada.pk
    assert statement.status == Statement.Status.SUGGESTED
    assert "2 confirmed reports of these words name Ada Brook" in statement.needs_attention
    assert f"statement {reports[0].pk}" in statement.needs_attention


def test_a_trimmed_new_report_gets_the_hint_too(confirmed_group):
    ada, _reports = confirmed_group
    statement = pretag("Officials spoke. “open the new bridge over the river in May,” it was said.")
    assert statement.speaker_id == ada.pk


def test_a_report_naming_someone_else_is_flagged_not_changed(confirmed_group):
    ada, _reports = confirmed_group
    statement = pretag(f"Tomas Reyes spoke. “{QUOTE},” said Tomas Reyes.", speaker="Tomas Reyes")
    assert statement.speaker is not None and statement.speaker.name == "Tomas Reyes"
    assert "Other reports name someone else" in statement.needs_attention


def test_no_hint_while_the_reports_disagree_on_the_speaker(confirmed_group):
    _ada, _reports = confirmed_group
    other = report(QUOTE, speaker=SpeakerFactory(name="Tomas Reyes"), day=2)
    groups.statement_groups_refresh(statement_ids=[other.pk])
    statement = pretag(f"Officials spoke. “{QUOTE},” it was said.")
    assert statement.speaker_id is None


def test_unconfirmed_reports_suggest_nothing():
    report(QUOTE, status=Statement.Status.SUGGESTED)
    statement = pretag(f"Officials spoke. “{QUOTE},” it was said.")
    assert statement.speaker_id is None and statement.needs_attention == ""


def test_after_a_misattribution_the_right_speaker_is_suggested(confirmed_group, editor):
    ada, reports = confirmed_group
    wrong = report(QUOTE, speaker=SpeakerFactory(name="Tomas Reyes"), day=-1)  # the earliest, misattributed
    groups.statement_groups_refresh(statement_ids=[wrong.pk])
    wrong.refresh_from_db()
    groups.group_decide_misattribution(group=wrong.group, statement=wrong, note="", editor=editor)
    statement = pretag(f"Officials spoke. “{QUOTE},” it was said.")
    assert statement.speaker_id == ada.pk
    assert f"statement {reports[0].pk}" in statement.needs_attention
    assert "2 confirmed reports of these words name Ada Brook" in statement.needs_attention


def test_the_hint_asks_the_index_once_however_many_statements_are_stored(confirmed_group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def store(count: int) -> int:
        bodies = [f"Item {count}-{i}. “{QUOTE} number {i} again and again,” a source said." for i in range(count)]
        articles = [ArticleFactory(body=body) for body in bodies]
        extractions = [pretagging.Extraction(a, [candidate(a.body, None)], {}) for a in articles]
        with CaptureQueriesContext(connection) as queries:
            pretagging.articles_store_suggestions(extractions=extractions, model_version="test")
        return sum("annotations_quotefingerprint" in q["sql"] for q in queries.captured_queries)

    assert store(2) == store(12) == 1
