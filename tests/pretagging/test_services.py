"""Pre-tagging stores the pipeline's suggestions, resolves speakers to the registry and respects editors."""

import pytest

from annotations.models import Article, Speaker, SpeakerAlias, Statement
from annotations.pretagging import services as pretagging
from annotations.registry.services import speaker_alias_add_by_editor, speaker_create

from ..factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def statement_at(article: Article, fragment: str) -> Statement:
    """The statement whose text contains `fragment`."""
    [statement] = [s for s in article.statements.all() if fragment in s.text]
    return statement


def test_seed_article_gets_its_statements_with_resolved_speakers(seed_article):
    outcome = pretagging.article_pretag(article=seed_article)
    assert outcome.error == "" and outcome.suggested >= 10
    expected = {
        "the NYPD does not want ICE agents": ("Bill de Blasio", "indirect"),
        "ICE is not only lying": ("Bill de Blasio", "direct"),
        "trying to sow chaos": ("Bill de Blasio", None),
        "And this is what they are at this point": ("Bill de Blasio", "direct"),
        "There’s a massive difference": ("Bill de Blasio", "direct"),
        "enforce immigration laws created by Congress": ("Tony Pham", "mixed"),
        "ICE has repeatedly asked New York officials": ("Tony Pham", "direct"),
        "The mayor and other officials who refuse": ("Tony Pham", "direct"),
        "ICE officers arrested nearly 50": ("Department of Homeland Security", "indirect"),
        "is a universally recognized symbol": (None, "indirect"),
    }
    for fragment, (speaker, kind) in expected.items():
        statement = statement_at(seed_article, fragment)
        assert statement.text == seed_article.body[statement.start : statement.end]
        if speaker:
            assert statement.speaker.name == speaker, fragment
        if kind:
            assert statement.kind == kind, fragment
        assert statement.status == Statement.Status.SUGGESTED and statement.origin == Statement.Origin.MODEL
    ice = statement_at(seed_article, "is a universally recognized symbol").speaker
    assert "ICE" in {alias.name for alias in ice.aliases.all()}
    assert not seed_article.statements.filter(text__in=["police", "Brian Lehrer Show"]).exists()
    assert not seed_article.statements.filter(text__contains="Stay informed").exists()
    seed_article.refresh_from_db()
    assert seed_article.status == Article.Status.PRETAGGED
    assert seed_article.nlp_model_version.startswith("core_web_sm")


def test_each_speaker_is_one_record_with_the_forms_used_as_aliases(seed_article):
    pretagging.article_pretag(article=seed_article)
    names = sorted(Speaker.objects.values_list("name", flat=True))
    assert len(names) == len(set(names)) == 4
    de_blasio = Speaker.objects.get(name="Bill de Blasio")
    assert {"de Blasio", "Mayor Bill de Blasio"} <= set(de_blasio.aliases.values_list("name", flat=True))
    assert de_blasio.status == Speaker.Status.UNCHECKED and de_blasio.origin == Speaker.Origin.MODEL
    assert not de_blasio.aliases.filter(name__in=["he", "the mayor"]).exists()  # mentions, not aliases
    assert de_blasio.description == "Mayor"  # the office the article gives him, for the editor triaging him


def test_running_again_duplicates_nothing(seed_article):
    first = pretagging.article_pretag(article=seed_article)
    second = pretagging.article_pretag(article=seed_article)
    assert second.suggested == first.suggested == seed_article.statements.count()
    assert second.new_speakers == 0
    assert Speaker.objects.count() == 4


def test_editor_decisions_survive_a_rerun_and_rejected_spans_are_not_suggested_again(seed_article):
    pretagging.article_pretag(article=seed_article)
    editor = UserFactory()
    confirmed = statement_at(seed_article, "There’s a massive difference")
    Statement.objects.filter(pk=confirmed.pk).update(status=Statement.Status.CONFIRMED, reviewed_by=editor, version=2)
    rejected = statement_at(seed_article, "trying to sow chaos")
    Statement.objects.filter(pk=rejected.pk).update(status=Statement.Status.REJECTED, version=2)
    edited = statement_at(seed_article, "ICE has repeatedly asked")
    Statement.objects.filter(pk=edited.pk).update(end=edited.end - 10, text=edited.text[:-10], version=2)
    total = seed_article.statements.count()

    outcome = pretagging.article_pretag(article=seed_article)

    assert outcome.kept == 3
    assert seed_article.statements.count() == total
    for original in (confirmed, rejected):
        current = Statement.objects.get(pk=original.pk)
        assert (current.start, current.end, current.version) == (original.start, original.end, 2)
    assert Statement.objects.get(pk=rejected.pk).status == Statement.Status.REJECTED
    assert seed_article.statements.filter(text__contains="trying to sow chaos").count() == 1
    assert seed_article.statements.filter(text__contains="ICE has repeatedly asked").count() == 1


def test_a_name_known_to_the_registry_resolves_to_that_speaker(seed_article):
    ice = speaker_create(
        name="U.S. Immigration and Customs Enforcement", kind=Speaker.Kind.ORGANISATION, aliases=["ICE"]
    )
    pretagging.article_pretag(article=seed_article)
    assert statement_at(seed_article, "is a universally recognized symbol").speaker == ice
    assert Speaker.objects.filter(name__icontains="Customs").count() == 1
    new_alias = SpeakerAlias.objects.get(speaker=ice, name="Immigration and Customs Enforcement")
    assert (new_alias.origin, new_alias.checked) == (SpeakerAlias.Origin.MODEL, False)  # recorded for editors


def test_speakers_carry_over_to_the_next_article(seed_article):
    pretagging.article_pretag(article=seed_article)
    later = ArticleFactory(body="“We will keep fighting for every family in this city,” de Blasio said on Monday.")
    pretagging.article_pretag(article=later)
    [statement] = later.statements.all()
    assert statement.speaker.name == "Bill de Blasio"
    assert Speaker.objects.filter(name__icontains="Blasio").count() == 1


def test_a_merged_speaker_resolves_to_the_one_kept(seed_article):
    kept = speaker_create(name="Anthony Pham", aliases=["Tony Pham"])
    old = speaker_create(name="Pham, Tony")
    SpeakerAlias.objects.create(speaker=old, name="Pham")
    Speaker.objects.filter(pk=old.pk).update(merged_into=kept)
    kept.aliases.filter(name="Tony Pham").delete()
    SpeakerAlias.objects.create(speaker=old, name="Tony Pham")
    pretagging.article_pretag(article=seed_article)
    assert statement_at(seed_article, "ICE has repeatedly asked").speaker == kept


def test_a_name_marked_not_a_speaker_is_not_attributed_or_created_again(seed_article):
    speaker_create(name="Department of Homeland Security", kind=Speaker.Kind.ORGANISATION)
    Speaker.objects.filter(name="Department of Homeland Security").update(status=Speaker.Status.NOT_A_SPEAKER)
    pretagging.article_pretag(article=seed_article)
    assert statement_at(seed_article, "ICE officers arrested nearly 50").speaker is None
    assert Speaker.objects.filter(name="Department of Homeland Security").count() == 1


def test_homonyms_are_told_apart_by_description_or_flagged(seed_article):
    speaker_create(name="Tony Pham", description="Chef and restaurant owner in Houston")
    acting_head = speaker_create(name="Tony Pham", description="Acting head of the immigration agency")
    pretagging.article_pretag(article=seed_article)
    assert statement_at(seed_article, "ICE has repeatedly asked").speaker == acting_head

    Speaker.objects.filter(pk=acting_head.pk).update(description="Pianist")
    Speaker.objects.exclude(pk=acting_head.pk).filter(name="Tony Pham").update(description="Tennis coach")
    pretagging.article_pretag(article=seed_article)
    statement = statement_at(seed_article, "ICE has repeatedly asked")
    assert statement.speaker is None
    assert "2 speakers are called “Tony Pham”" in statement.needs_attention


def test_an_article_that_breaks_the_pipeline_is_marked_failed_and_the_rest_go_on(monkeypatch):
    good, bad = ArticleFactory(body="“We are ready,” said Ada Brook."), ArticleFactory(body="BOOM")
    original = pretagging.nlp.extract

    def extract_or_fail(doc, *args, **kwargs):
        if doc.text == "BOOM":
            raise ValueError("the parser choked")
        return original(doc, *args, **kwargs)

    monkeypatch.setattr(pretagging.nlp, "extract", extract_or_fail)
    outcomes = list(pretagging.articles_pretag(articles=[bad, good]))
    assert [bool(o.error) for o in outcomes] == [True, False]
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == Article.Status.PRETAG_FAILED and "the parser choked" in bad.pretag_error
    assert good.status == Article.Status.PRETAGGED and good.statements.count() == 1


def test_a_batch_the_pipeline_fails_on_is_retried_one_article_at_a_time(monkeypatch):
    articles = [ArticleFactory(body="“We are ready,” said Ada Brook."), ArticleFactory(body="BOOM")]
    language = pretagging.pipeline()

    class FailingBatch:
        def pipe(self, *args, **kwargs):
            raise RuntimeError("batch failed")

        def __call__(self, text):
            if text == "BOOM":
                raise RuntimeError("this one")
            return language(text)

        meta = language.meta

        def memory_zone(self):
            return language.memory_zone()

    monkeypatch.setattr(pretagging, "pipeline", FailingBatch)
    outcomes = list(pretagging.articles_pretag(articles=articles))
    assert [o.error for o in outcomes][1].startswith("RuntimeError: this one")
    assert outcomes[0].suggested == 1


def test_text_without_quotes_gives_no_suggestions_but_is_marked_pre_tagged():
    article = ArticleFactory(body="The council met on Tuesday. The budget passed without debate.")
    outcome = pretagging.article_pretag(article=article)
    assert outcome.suggested == 0
    article.refresh_from_db()
    assert article.status == Article.Status.PRETAGGED


def test_alias_added_by_an_editor_is_used_by_the_next_pretagging():
    agency = speaker_create(name="U.S. Immigration and Customs Enforcement", kind=Speaker.Kind.ORGANISATION)
    speaker_alias_add_by_editor(speaker=agency, name="ICE", editor=UserFactory())
    article = ArticleFactory(body="ICE said the raids would continue. “We will not stop,” ICE said on Friday.")
    pretagging.article_pretag(article=article)
    attributed = {s.speaker for s in article.statements.all()}
    assert attributed == {agency}
    assert Speaker.objects.filter(kind=Speaker.Kind.ORGANISATION).count() == 1


def test_a_description_or_a_group_is_flagged_for_an_editor_not_made_a_speaker():
    article = ArticleFactory(
        body="“We are done with this,” said a senior official.\n\n"
        "Rosa Diaz and Amy Santiago said the station would stay open."
    )
    pretagging.article_pretag(article=article)
    by_text = {s.text: s for s in article.statements.all()}
    official = next(s for text, s in by_text.items() if "done with this" in text)
    assert official.speaker is None and official.mention_text == "a senior official"
    assert "description" in official.needs_attention
    group = next(s for text, s in by_text.items() if "station" in text)
    assert group.speaker is None and "several speakers" in group.needs_attention
    assert not Speaker.objects.filter(name__icontains="official").exists()
