"""The active model in a worker: one query per article, the pipeline loaded once per version."""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.language import Language

from ...models import PretaggerModel
from ..nlp import load_pipeline
from . import storage


def active_model_key() -> tuple[int, str] | None:
    """(version, checksum) of the active model, or None for the rules alone."""
    row = (
        PretaggerModel.objects.filter(is_active=True, state=PretaggerModel.State.READY)
        .values_list("version", "archive_sha256")
        .first()
    )
    return (row[0], row[1]) if row else None


@functools.lru_cache(maxsize=2)  # the active version and the one before it: an activation never reloads twice
def pipeline_for(version: int, sha256: str) -> Language:
    blob = PretaggerModel.objects.values_list("archive", flat=True).get(version=version)
    if blob is None:
        raise ValueError(f"pre-tagger model v{version} has no files")
    directory: Path = storage.unpack(bytes(blob), version, sha256)
    return load_pipeline(str(directory))
