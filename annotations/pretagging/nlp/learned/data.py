"""Training data for the learned pre-tagger: annotated articles to spaCy Docs and DocBins.

An :class:`Article` is one completely annotated article: its statements are every statement in it, so the
words outside them are known not to be statements (negatives). Rejected suggestions are kept apart as
explicit negatives (``doc.spans["incorrect_spans"]``, which the ``ner`` component learns from). Whoever
builds Articles (the database, a gold JSONL file) decides which articles are complete; this module never
sees an incomplete one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

CONTENT = "CONTENT"
SOURCE = "SOURCE"
LABELS = (CONTENT, SOURCE)
INCORRECT_KEY = "incorrect_spans"
TRAIN_FILE = "train.spacy"
DEV_FILE = "dev.spacy"


@dataclass(frozen=True)
class Statement:
    """One statement: character offsets of its content and, if known, of its speaker's mention."""

    start: int
    end: int
    kind: str = "indirect"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None  # the speaker's name, for scoring


@dataclass(frozen=True)
class Article:
    """A completely annotated article: ``statements`` are all of them; ``rejected`` spans are not ones."""

    key: str
    text: str
    statements: tuple[Statement, ...] = ()
    rejected: tuple[tuple[int, int], ...] = field(default=())
    # spans nobody decided on (a suggestion left pending): neither statement nor negative
    unknown: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True)
class ExportCounts:
    train_articles: int
    dev_articles: int
    statements: int
    rejected: int


def article_doc(make_doc: Callable[[str], Doc], article: Article) -> Doc:
    """The article as a Doc with CONTENT and SOURCE entities (every other token is outside)."""
    doc = make_doc(article.text)
    spans: list[Span] = []
    for statement in article.statements:
        content = doc.char_span(statement.start, statement.end, label=CONTENT, alignment_mode="contract")
        if content is not None and len(content):
            spans.append(content)
        if statement.speaker_start is not None and statement.speaker_end is not None:
            source = doc.char_span(
                statement.speaker_start, statement.speaker_end, label=SOURCE, alignment_mode="contract"
            )
            if source is not None and len(source):
                spans.append(source)
    # Univocal annotation has no overlaps; where a file has some, the longer span wins.
    contents = filter_spans([s for s in spans if s.label_ == CONTENT])
    sources = [s for s in spans if s.label_ == SOURCE and not any(_overlap(s, c) for c in contents)]
    ents = filter_spans(contents + sources)
    missing = []
    for start, end in article.unknown:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span) and not any(_overlap(span, e) for e in ents):
            missing.append(span)
    doc.set_ents(ents, missing=missing, default="outside")
    incorrect = []
    for start, end in article.rejected:
        span = doc.char_span(start, end, label=CONTENT, alignment_mode="contract")
        if span is not None and len(span) and not any(_overlap(span, c) for c in contents):
            incorrect.append(span)
    doc.spans[INCORRECT_KEY] = incorrect
    return doc


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def is_dev(key: str, dev_share: float) -> bool:
    """Deterministic split by article: the same key always lands on the same side."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < dev_share


def split_articles(articles: Sequence[Article], dev_share: float = 0.1) -> tuple[list[Article], list[Article]]:
    """(train, dev) by article. With two or more articles each side gets at least one."""
    train = [a for a in articles if not is_dev(a.key, dev_share)]
    dev = [a for a in articles if is_dev(a.key, dev_share)]
    if len(articles) >= 2 and not dev:
        ranked = sorted(train, key=lambda a: hashlib.sha256(a.key.encode("utf-8")).digest())
        dev = [ranked[0]]
        train = [a for a in train if a is not ranked[0]]
    elif len(articles) >= 2 and not train:
        ranked = sorted(dev, key=lambda a: hashlib.sha256(a.key.encode("utf-8")).digest())
        train = [ranked[-1]]
        dev = [a for a in dev if a is not ranked[-1]]
    return train, dev


def write_docbins(
    articles: Sequence[Article], make_doc: Callable[[str], Doc], out_dir: Path, dev_share: float = 0.1
) -> ExportCounts:
    """Write ``train.spacy`` and ``dev.spacy`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    train, dev = split_articles(articles, dev_share)
    for name, part in ((TRAIN_FILE, train), (DEV_FILE, dev)):
        docbin = DocBin(store_user_data=False)
        for article in part:
            docbin.add(article_doc(make_doc, article))
        docbin.to_disk(out_dir / name)
    return ExportCounts(
        train_articles=len(train),
        dev_articles=len(dev),
        statements=sum(len(a.statements) for a in articles),
        rejected=sum(len(a.rejected) for a in articles),
    )


def article_from_gold(record: dict[str, Any]) -> Article:
    """An Article from one line of the evaluation schema ({"id", "text", "quotes": [...]})."""
    statements = tuple(
        Statement(
            start=int(q["start"]),
            end=int(q["end"]),
            kind=str(q.get("kind") or "indirect"),
            speaker_start=q.get("speaker_start"),
            speaker_end=q.get("speaker_end"),
            speaker=q.get("speaker"),
        )
        for q in record.get("quotes") or ()
    )
    return Article(key=str(record["id"]), text=record["text"], statements=statements)


def read_jsonl(path: Path, limit: int | None = None, skip: int = 0) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file, plain or gzip-compressed (by the .gz suffix)."""
    opener = gzip.open if path.suffix == ".gz" else open
    seen = 0
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            seen += 1
            if seen <= skip:
                continue
            if limit is not None and seen > skip + limit:
                break
            yield json.loads(line)


def articles_from_jsonl(path: Path, limit: int | None = None, skip: int = 0) -> list[Article]:
    return [article_from_gold(record) for record in read_jsonl(path, limit, skip)]


def count_labels(docs: Iterable[Doc]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in docs:
        for ent in doc.ents:
            counts[ent.label_] = counts.get(ent.label_, 0) + 1
    return counts
