"""Speed benchmark: the cost of claimbook_quotes on top of the bare spaCy pipeline.

    python bench/extract_speed.py /path/to/articles.jsonl [--repeat N] [--batch-size N]
    python bench/extract_speed.py --generated 200   # no file: invented news-like articles

Measures on one process, side by side on the same texts: bare ``nlp.pipe`` with the
same model (no claimbook_* component), the pipeline with claimbook_paragraphs and
claimbook_quotes, and extract_quotes end to end (JSON in, JSON out, through
annotations.pretagging.nlp.cli.run). Prints words/s for each, the ratio to bare,
and the peak RSS of the process (resource.getrusage).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.pretagging.nlp.cli import read_articles, run
from annotations.pretagging.nlp.pipeline import load_pipeline

_GENERATED_PARAGRAPHS = [
    "“The harbour will reopen next week,” said Ingrid Solberg, the port director.",
    "She added that the cranes had been repaired and that crews were ready to return.",
    "According to the Port Authority, shipping volumes fell by a third during the closure.",
    "Council member Tomas Reyes said the city should have acted sooner. “We lost a month,” he said.",
    "The agency plans to publish a full report on the repairs before the end of the year.",
]


def generated_texts(count: int) -> list[str]:
    return ["\n\n".join(_GENERATED_PARAGRAPHS[(i + j) % 5] for j in range(12)) for i in range(count)]


def read_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def timed(label: str, words: int, action) -> float:
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"{label:32} {elapsed:7.2f}s  {words / elapsed:8.0f} words/s")
    return words / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="JSONL with a 'text' per line (e.g. the gold file)")
    parser.add_argument("--generated", type=int, default=0, help="use N generated articles instead")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement N times, keep the best")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    texts = generated_texts(args.generated) if args.generated or args.path is None else read_texts(args.path)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words, batch size {args.batch_size}, one process")

    nlp = load_pipeline(args.model)
    bare_names = [name for name in nlp.pipe_names if not name.startswith("claimbook_")]  # the model alone
    jsonl = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))

    def bare() -> None:
        with nlp.select_pipes(enable=bare_names):
            for _ in nlp.pipe(texts, batch_size=args.batch_size):
                pass

    def with_component() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def end_to_end() -> None:
        items, _ = read_articles(io.StringIO(jsonl), sys.stderr)
        run(nlp, items, io.StringIO(), args.batch_size)

    bare()  # warm-up: first batches allocate
    best: dict[str, float] = {}
    for _ in range(args.repeat):  # interleaved, so machine noise hits all three alike
        for label, action in (
            ("bare nlp.pipe", bare),
            ("nlp.pipe + claimbook_quotes", with_component),
            ("extract_quotes end to end", end_to_end),
        ):
            best[label] = max(best.get(label, 0.0), timed(label, words, action))
    base = best["bare nlp.pipe"]
    print("\nbest of", args.repeat)
    for label, rate in best.items():
        print(f"{label:32} {rate:8.0f} words/s  ratio {rate / base:.3f}")
    # The ratios above are at the mercy of a shared machine: three passes of several seconds
    # each. The component alone, timed on docs parsed once, is a steadier measure of its cost.
    finder = nlp.get_pipe("claimbook_quotes")
    parse_s = component_s = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        with nlp.select_pipes(disable=["claimbook_quotes"]):
            docs = list(nlp.pipe(texts, batch_size=args.batch_size))
        parse_s = min(parse_s, time.perf_counter() - started)
        started = time.perf_counter()
        for doc in docs:
            finder(doc)
        component_s = min(component_s, time.perf_counter() - started)
    print(
        f"claimbook_quotes alone on parsed docs {component_s:.2f}s = "
        f"{100 * component_s / parse_s:.1f}% of the parse ({parse_s:.2f}s)"
    )
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS {peak_kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
