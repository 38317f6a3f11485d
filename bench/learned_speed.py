"""Pre-tagging speed with a trained model, against bare ``nlp.pipe`` on the same texts.

    python bench/learned_speed.py --model DIR --input ARTICLES.jsonl[.gz] [--articles N] [--rounds 3]

Runs, in turn and ``--rounds`` times (so a shared machine's load falls on all of them alike): the bare
spaCy pipeline (``spacy.load`` of the base model, no Claimbook component), the rules pipeline, and the
rules with the trained model. Prints the best time of each and the ratios to bare ``nlp.pipe``
(higher is faster; the target is ≥ 0.6 for the model) and the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy

from annotations.pretagging.nlp.learned.component import read_meta
from annotations.pretagging.nlp.learned.data import read_jsonl
from annotations.pretagging.nlp.pipeline import default_model_name, load_pipeline


def timed(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args(argv)
    texts = [r["text"] for r in read_jsonl(args.input, limit=args.articles)]
    words = sum(len(t.split()) for t in texts)
    base = read_meta(args.model).get("base_model") or default_model_name()
    pipelines = {
        "bare nlp.pipe": spacy.load(base),
        "rules": load_pipeline(base),
        "rules + model": load_pipeline(str(args.model)),
    }
    best = dict.fromkeys(pipelines, float("inf"))
    for _ in range(args.rounds):
        for name, nlp in pipelines.items():
            best[name] = min(best[name], timed(nlp, texts, args.batch_size))
    for name, seconds in best.items():
        print(
            f"{name:14} {seconds:7.1f} s  {words / seconds:8.0f} words/s  {best['bare nlp.pipe'] / seconds:.2f}x bare"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {words} words; peak memory {peak:.0f} MB (all three pipelines loaded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
