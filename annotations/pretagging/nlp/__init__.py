"""Claimbook's NLP core: who said what in a news article (pure Python + spaCy, no Django).

Typical use::

    nlp = get_pipeline(settings.CLAIMBOOK_SPACY_MODEL)
    doc = nlp(article_text)
    candidates = extract(doc, known_speakers=[{"name": ..., "aliases": [...], "kind": ...}])
    speakers = doc_speakers(doc, known_speakers=...)
    version = pipeline_version(nlp)
"""

from .candidates import QuoteCandidate, doc_speakers, extract, extract_texts
from .extensions import DOC_SPEAKERS, SPANS_KEY
from .known_speakers import KnownSpeakers
from .pipeline import (
    MODEL_PACKAGE,
    ModelNotInstalled,
    default_model_name,
    get_pipeline,
    load_pipeline,
    pipeline_version,
)

__all__ = [
    "DOC_SPEAKERS",
    "MODEL_PACKAGE",
    "SPANS_KEY",
    "KnownSpeakers",
    "ModelNotInstalled",
    "QuoteCandidate",
    "default_model_name",
    "doc_speakers",
    "extract",
    "extract_texts",
    "get_pipeline",
    "load_pipeline",
    "pipeline_version",
]
