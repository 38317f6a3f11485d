import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotations.models import Article, Speaker, SpeakerAlias, Statement, content_hash, normalize_body, normalize_name

from .factories import ArticleFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_article_content_hash_ignores_case_and_white_space():
    assert content_hash("A  quote,\n\nsaid she.") == content_hash("a quote, said she.")
    assert content_hash("A quote.") != content_hash("Another quote.")


def test_normalize_body_keeps_paragraphs_and_drops_carriage_returns():
    assert normalize_body("  One.  \r\n\r\nTwo.\r\n") == "One.\n\nTwo."


def test_same_body_cannot_be_stored_twice():
    ArticleFactory(body="The same text.", url="https://a.example/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body="the same  text.", url="https://b.example/2")


def test_url_is_unique_but_many_articles_may_have_none():
    ArticleFactory(url="")
    ArticleFactory(url="")
    ArticleFactory(url="https://a.example/x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://a.example/x")
    assert Article.objects.filter(url="").count() == 2


def test_empty_body_fails_validation():
    article = ArticleFactory.build(body="   \n ")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.error_dict["body"][0].code == "empty_body"


def test_statement_span_must_start_before_it_ends_in_the_database():
    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(end=statement.start)


def test_same_span_is_not_stored_twice_for_an_article():
    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(article=statement.article)


def test_same_span_may_exist_in_two_articles():
    StatementFactory()
    StatementFactory()
    assert Statement.objects.count() == 2


@pytest.mark.parametrize(
    ("start", "end", "field", "code"),
    [
        (5, 5000, "end", "outside_body"),
        (10, 10, "end", "empty_span"),
    ],
)
def test_statement_offsets_are_validated_against_the_body(start, end, field, code):
    statement = StatementFactory.build(article=ArticleFactory(), start=start, end=end, text="x")
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert error.value.error_dict[field][0].code == code


def test_statement_text_must_equal_the_body_slice():
    statement = StatementFactory()
    statement.text = statement.text.upper()
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert error.value.error_dict["text"][0].code == "text_mismatch"


def test_cue_needs_both_offsets_inside_the_body():
    statement = StatementFactory()
    statement.cue_start, statement.cue_end = 3, None
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "cue_end" in error.value.error_dict


def test_confidence_must_be_between_zero_and_one_in_the_database():
    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(confidence=1.5)


def test_public_statements_are_confirmed_and_attributed():
    confirmed = StatementFactory(status=Statement.Status.CONFIRMED)
    StatementFactory(status=Statement.Status.SUGGESTED)
    StatementFactory(status=Statement.Status.REJECTED)
    StatementFactory(status=Statement.Status.CONFIRMED, speaker=None)
    assert list(Statement.objects.confirmed_attributed()) == [confirmed]


@pytest.mark.parametrize("value", ["Q1", "Q4911497"])
def test_wikidata_id_accepts_q_and_digits(value):
    SpeakerFactory.build(wikidata_id=value).full_clean()


@pytest.mark.parametrize("value", ["4911497", "q12", "Q", "Q0", "Q12a", "P31"])
def test_wikidata_id_rejects_anything_else(value):
    with pytest.raises(ValidationError) as error:
        SpeakerFactory.build(wikidata_id=value).full_clean()
    assert error.value.error_dict["wikidata_id"][0].code == "invalid_wikidata_id"


def test_wikidata_id_form_is_also_held_by_the_database():
    speaker = SpeakerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.filter(pk=speaker.pk).update(wikidata_id="banana")


def test_alias_is_stored_with_its_normalised_form_once_per_speaker():
    speaker = SpeakerFactory(name="Bill de Blasio")
    alias = SpeakerAlias.objects.create(speaker=speaker, name="De Blasio")
    assert alias.normalized == "de blasio"
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerAlias.objects.create(speaker=speaker, name="de  BLASIO")


def test_normalize_name_drops_accents_and_punctuation():
    assert normalize_name("  José  O’Neill-Smith ") == "jose oneill smith"
    assert normalize_name("U.S. Immigration") == "u s immigration"


def test_speaker_cannot_be_merged_into_itself():
    speaker = SpeakerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.filter(pk=speaker.pk).update(merged_into=speaker)


def test_models_link_to_their_public_pages():
    statement = StatementFactory(status=Statement.Status.CONFIRMED)
    assert statement.get_absolute_url() == f"/statements/{statement.pk}/"
    assert statement.speaker.get_absolute_url() == f"/speakers/{statement.speaker.slug}/"
    assert statement.article.get_absolute_url() == f"/articles/{statement.article.pk}/"
