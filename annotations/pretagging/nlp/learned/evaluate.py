"""Scores on held-out annotated articles, the same for the rules alone, a candidate and the active model.

A prediction matches a statement when their words overlap with a Jaccard index of at least 0.5 (one to
one, best pairs first), as in the evaluation scorer; its speaker is right when the names are equal
case-folded, share the last word, or one contains the other. end-to-end counts a match only with the
right speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language

from ..candidates import extract
from .data import Article

_WORD = re.compile(r"\w+")
JACCARD_MIN = 0.5


def _words(text: str, start: int, end: int) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, start, end)}


def _speakers_match(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return not gold and not predicted
    g, p = gold.casefold().split(), predicted.casefold().split()
    return g == p or g[-1] == p[-1] or " ".join(g) in " ".join(p) or " ".join(p) in " ".join(g)


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(nlp: Language, articles: Sequence[Article], batch_size: int = 8) -> dict[str, float | int]:
    """quote_f1, precision, recall, e2e_f1 and speaker_acc of ``nlp`` on ``articles``."""
    tp = n_pred = n_gold = e2e = speaker_ok = 0
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
        predicted = extract(doc)
        gold = article.statements
        n_pred += len(predicted)
        n_gold += len(gold)
        gold_words = [_words(article.text, g.start, g.end) for g in gold]
        pairs = []
        for pi, candidate in enumerate(predicted):
            words = _words(article.text, candidate.start, candidate.end)
            for gi, gw in enumerate(gold_words):
                union = words | gw
                if union:
                    jaccard = len(words & gw) / len(union)
                    if jaccard >= JACCARD_MIN:
                        pairs.append((jaccard, pi, gi))
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, pi, gi in sorted(pairs, reverse=True):
            if pi in used_p or gi in used_g:
                continue
            used_p.add(pi)
            used_g.add(gi)
            tp += 1
            if _speakers_match(gold[gi].speaker, predicted[pi].speaker):
                speaker_ok += 1
                e2e += 1
    precision, recall, f1 = _f1(tp, n_pred, n_gold)
    return {
        "quote_f1": round(f1, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "e2e_f1": round(_f1(e2e, n_pred, n_gold)[2], 4),
        "speaker_acc": round(speaker_ok / tp, 4) if tp else 0.0,
        "statements": n_gold,
        "articles": len(articles),
    }
