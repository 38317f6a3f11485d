"""Training the learned pre-tagger from DocBins with the config kept beside this module."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc

from ..pipeline import default_model_name
from .data import DEV_FILE, TRAIN_FILE

CONFIG_PATH = Path(__file__).with_name("pretagger.cfg")
BEST = "model-best"

Progress = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class TrainResult:
    model_dir: Path
    seconds: float
    steps: int
    best_score: float


def tokenizer_of(base_model: str | None = None) -> Callable[[str], Doc]:
    """The base pipeline's tokenizer (the learned model must tokenize as the main pipeline does)."""
    nlp = spacy.load(
        base_model or default_model_name(),
        exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
    )
    return nlp.make_doc


def train(
    data_dir: Path,
    output_dir: Path,
    *,
    base_model: str | None = None,
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> TrainResult:
    """Train from ``data_dir/train.spacy`` and ``dev.spacy``; the best model lands in ``output_dir/model-best``.

    ``progress`` is called after every evaluation with ``{"step", "epoch", "score", "losses"}``.
    """
    from spacy.cli.train import train as spacy_train

    settings: dict[str, Any] = {
        "paths.train": str(data_dir / TRAIN_FILE),
        "paths.dev": str(data_dir / DEV_FILE),
        "paths.base_model": base_model or default_model_name(),
    }
    if max_steps is not None:
        settings["training.max_steps"] = max_steps
    if eval_frequency is not None:
        settings["training.eval_frequency"] = eval_frequency
    settings.update(overrides or {})
    settings["training.logger"] = {"@loggers": "claimbook.ProgressLogger.v1"}
    _PROGRESS[0] = progress
    state = {"steps": 0, "best": 0.0}
    _STATE[0] = state
    started = time.perf_counter()
    try:
        spacy_train(CONFIG_PATH, output_dir, use_gpu=-1, overrides=settings)
    finally:
        _PROGRESS[0] = None
        _STATE[0] = None
    return TrainResult(
        model_dir=output_dir / BEST,
        seconds=time.perf_counter() - started,
        steps=int(state["steps"]),
        best_score=float(state["best"]),
    )


_PROGRESS: list[Progress | None] = [None]
_STATE: list[dict[str, float] | None] = [None]


@spacy.registry.loggers("claimbook.ProgressLogger.v1")  # type: ignore[untyped-decorator]
def progress_logger() -> Callable[..., Any]:
    """A spaCy training logger that hands each evaluation to the caller's progress callback."""

    def setup(nlp: Any, stdout: Any = None, stderr: Any = None) -> tuple[Callable[..., None], Callable[[], None]]:
        def log_step(info: dict[str, Any] | None) -> None:
            if info is None:
                return
            callback = _PROGRESS[0]
            state = _STATE[0]
            score = float(info.get("score") or 0.0)
            if state is not None:
                state["steps"] = info.get("step", 0)
                state["best"] = max(state["best"], score)
            if callback is not None:
                callback(
                    {
                        "step": info.get("step", 0),
                        "epoch": info.get("epoch", 0),
                        "score": score,
                        "losses": {k: float(v) for k, v in (info.get("losses") or {}).items()},
                    }
                )

        return log_step, lambda: None

    return setup


def save_model(
    trained_dir: Path, output_dir: Path, *, base_model: str | None, version: str, info: dict[str, Any]
) -> Path:
    """Copy a trained spaCy pipeline to ``output_dir`` with the meta ``load_pipeline`` recognises."""
    import shutil

    from .component import write_meta

    if output_dir.exists():
        shutil.rmtree(output_dir)
    shutil.copytree(trained_dir, output_dir)
    write_meta(output_dir, {"base_model": base_model or default_model_name(), "version": version, **info})
    return output_dir


def default_steps(articles: int) -> int:
    """About eight passes over the articles (a batch is one to three articles), 400 to 6000 steps."""
    return max(400, min(6000, 8 * articles))
