"""The seed article (fixtures/demo-articles.jsonl) with suggestions like the pre-tagger's, mistakes included.

The pre-tagger is not part of this branch, so its output is imitated here with offsets found by
`body.index(...)` of the seed's quotes. Deliberate mistakes give the review journeys work to do:
the first quote names the wrong speaker, the fourth stops one word short, and one partial quote
("trying to sow chaos.") is missing altogether.
"""

from pathlib import Path

from django.conf import settings

from annotations.importing import readers
from annotations.importing.services import articles_import
from annotations.models import Article, Speaker, SpeakerAlias, Statement

SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo-articles.jsonl"

# (first words, last words, speaker key, mention, cue, kind, confidence)
SUGGESTIONS = [
    ("ICE is not only lying", "lie about who they are.", "pham", "", "", "direct", 0.41),
    ("And this is what they are", "any means we can to stop this,", "blasio", "de Blasio", "said", "direct", 0.93),
    ("There’s a massive difference", "ask documentation status,", "blasio", "de Blasio", "said", "direct", 0.9),
    ("enforce immigration laws", "keep this country", "pham", "Pham", "said", "mixed", 0.62),
    ("ICE has repeatedly asked", "criminal aliens off the streets,", "pham", "Pham", "said", "direct", 0.88),
    ("The mayor and other officials", "confines of a local jail.", "pham", "He", "saying", "direct", 0.55),
]
MISSED = "trying to sow chaos."


def seed_article() -> Article:
    """Import the seed article with the import service, as an admin would."""
    read = readers.read_file(SEED_FILE.name, SEED_FILE.read_bytes(), max_bytes=settings.CLAIMBOOK_IMPORT_MAX_BYTES)
    summary = articles_import(read=read, user=None)
    return summary.created[0] if summary.created else Article.objects.get(title__startswith="De Blasio accuses ICE")


def seed_speakers() -> dict[str, Speaker]:
    blasio = Speaker.objects.create(
        name="Bill de Blasio", slug="bill-de-blasio", description="Mayor of New York City", status="accepted"
    )
    pham = Speaker.objects.create(
        name="Tony Pham", slug="tony-pham", description="Acting director of ICE", status="accepted"
    )
    ice = Speaker.objects.create(
        name="U.S. Immigration and Customs Enforcement",
        slug="ice",
        kind=Speaker.Kind.ORGANISATION,
        description="Federal immigration agency",
        status="accepted",
    )
    SpeakerAlias.objects.create(speaker=blasio, name="de Blasio")
    SpeakerAlias.objects.create(speaker=pham, name="Pham")
    SpeakerAlias.objects.create(speaker=ice, name="ICE")
    return {"blasio": blasio, "pham": pham, "ice": ice}


def _near(body: str, text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """Offsets of `text` just after the quote (or, failing that, just before it)."""
    if not text:
        return None, None
    after = body.find(text, end, end + 120)
    if after != -1:
        return after, after + len(text)
    before = body.rfind(text, max(0, start - 160), start)
    return (before, before + len(text)) if before != -1 else (None, None)


def seed_suggestions(article: Article, speakers: dict[str, Speaker] | None = None) -> list[Statement]:
    """Suggested statements over the seed's quotes, in reading order, with the pre-tagger's mistakes."""
    speakers = speakers or seed_speakers()
    body = article.body
    statements = []
    for first, last, speaker, mention, cue, kind, confidence in SUGGESTIONS:
        start = body.index(first)
        end = body.index(last, start) + len(last)
        mention_start, mention_end = _near(body, mention, start, end)
        cue_start, cue_end = _near(body, cue, start, end)
        statement = Statement(
            article=article,
            start=start,
            end=end,
            text=body[start:end],
            kind=kind,
            speaker=speakers[speaker],
            mention_text=mention,
            mention_start=mention_start,
            mention_end=mention_end,
            cue_text=cue,
            cue_start=cue_start,
            cue_end=cue_end,
            confidence=confidence,
            model_version="en_core_web_sm-3.8.0 (imitated in tests)",
        )
        statement.full_clean()
        statement.save()
        statements.append(statement)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PRETAGGED)
    article.refresh_from_db()
    return statements
