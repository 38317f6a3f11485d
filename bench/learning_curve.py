"""Learning curve of the learned pre-tagger: train on the first N gold articles, score on dev.

    python bench/learning_curve.py --train /path/to/polnear-train.jsonl.gz --dev /path/to/polnear-dev.jsonl
        [--sizes 50,100,200,400,840] [--max-steps N] [--work DIR] [--svg docs/learning_curve.svg] [--json OUT]

For each size N: the first N articles of --train go through the same export as ``manage.py
train_pretagger --from-jsonl`` (DocBins split by article), a model is trained with the config in the
repo, then the pre-tagger with that model runs on --dev (``extract_quotes --model DIR``'s code) and the
reference scorer (score.py beside the dev file) scores it. The rules alone are scored once for
comparison. Models and predictions go to --work (default: a temporary directory), never into the project:
the gold data is evaluation-only. Prints one line per size; --svg draws quote_f1 and e2e_f1 by size.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.pretagging.nlp.candidates import extract_texts
from annotations.pretagging.nlp.cli import output_record
from annotations.pretagging.nlp.learned.data import articles_from_jsonl, read_jsonl, write_docbins
from annotations.pretagging.nlp.learned.training import default_steps, save_model, tokenizer_of, train
from annotations.pretagging.nlp.pipeline import load_pipeline
from bench.extract_quality import load_scorer

FIGURES = ("quote_f1", "e2e_f1", "speaker_acc", "recall_indirect", "direct_e2e_f1")


def scores(scorer_path: Path, dev_path: Path, model: str | None, work: Path, label: str) -> dict[str, float]:
    """Run the pre-tagger (rules alone for ``model=None``) on dev and score it with the reference scorer."""
    gold = list(read_jsonl(dev_path))
    nlp = load_pipeline(model)
    pred_path = work / f"pred-{label}.jsonl"
    started = time.perf_counter()
    with pred_path.open("w", encoding="utf-8") as out:
        for key, candidates, speakers in extract_texts(nlp, [(d["text"], d["id"]) for d in gold], batch_size=16):
            out.write(json.dumps(output_record(key, candidates, speakers)) + "\n")
    elapsed = time.perf_counter() - started
    metrics = work / f"metrics-{label}.json"
    scorer = load_scorer(scorer_path)
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        scorer.main(["--gold", str(dev_path), "--pred", str(pred_path), "--json", str(metrics)])
    result = json.loads(metrics.read_text())["results"]["ALL"]
    return {
        "quote_f1": result["all.overlap"]["f1"],
        "e2e_f1": result["all.e2e"]["f1"],
        "speaker_acc": result["all.speaker_acc"] or 0.0,
        "recall_indirect": result["recall.indirect"],
        "recall_direct": result["recall.direct"],
        "direct_e2e_f1": result["direct.e2e"]["f1"],
        "exact_f1": result["all.exact"]["f1"],
        "precision": result["all.overlap"]["p"],
        "recall": result["all.overlap"]["r"],
        "pretag_seconds": elapsed,
    }


def train_size(train_path: Path, size: int, work: Path, max_steps: int | None) -> tuple[Path, float]:
    out = work / f"n{size}"
    articles = articles_from_jsonl(train_path, limit=size)
    started = time.perf_counter()
    write_docbins(articles, tokenizer_of(), out / "data")
    steps = max_steps if max_steps is not None else default_steps(size)
    result = train(out / "data", out / "train", max_steps=steps, eval_frequency=min(200, max(20, steps // 10)))
    model = save_model(
        result.model_dir, out / "model", base_model=None, version=f"bench-{size}", info={"articles": size}
    )
    return model, time.perf_counter() - started


def line(label: str, figures: dict[str, float]) -> str:
    return f"{label:>6} " + " ".join(f"{k}={figures[k]:.3f}" for k in (*FIGURES, "exact_f1", "precision", "recall"))


def draw_svg(rows: list[tuple[int, dict[str, float]]], rules: dict[str, float], path: Path) -> None:
    """quote_f1 and e2e_f1 (0.60 to 0.80) against the number of training articles (log scale), rules alone dashed."""
    width, height, left, bottom, top, right = 560, 320, 56, 40, 20, 120
    sizes = [s for s, _ in rows]
    import math

    lo, hi = math.log(min(sizes)), math.log(max(sizes)) if len(sizes) > 1 else math.log(min(sizes)) + 1

    def x(size: int) -> float:
        return left + (math.log(size) - lo) / (hi - lo or 1) * (width - left - right)

    def y(value: float) -> float:
        return top + (1 - (value - 0.6) / 0.2) * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="white"/>'
    ]
    for tick in (0.6, 0.65, 0.7, 0.75, 0.8):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:.2f}</text>')
    for size in sizes:
        parts.append(f'<text x="{x(size):.1f}" y="{height - bottom + 16}" text-anchor="middle">{size}</text>')
    parts.append(
        f'<text x="{(left + width - right) / 2:.0f}" y="{height - 6}" text-anchor="middle">training articles</text>'
    )
    for key, colour in (("quote_f1", "#1f77b4"), ("e2e_f1", "#d62728")):
        points = " ".join(f"{x(s):.1f},{y(f[key]):.1f}" for s, f in rows)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for s, f in rows:
            parts.append(f'<circle cx="{x(s):.1f}" cy="{y(f[key]):.1f}" r="3" fill="{colour}"/>')
        ry = y(rules[key])
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ry:.1f}" y2="{ry:.1f}" stroke="{colour}" '
            f'stroke-dasharray="4 3"/>'
        )
        parts.append(f'<text x="{width - right + 6}" y="{y(rows[-1][1][key]) + 4:.1f}" fill="{colour}">{key}</text>')
        parts.append(f'<text x="{width - right + 6}" y="{ry + 4:.1f}" fill="{colour}">rules alone</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, default=None, help="default: score.py beside the dev file")
    parser.add_argument("--sizes", default="50,100,200,400,840")
    parser.add_argument("--max-steps", type=int, default=None, help="default: 8 per article, 400 to 6000")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--svg", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--models", default=None, help="size=DIR,... : score already trained models, no training")
    args = parser.parse_args(argv)
    scorer = args.scorer or args.dev.with_name("score.py")
    work = args.work or Path(tempfile.mkdtemp(prefix="claimbook-curve-"))
    work.mkdir(parents=True, exist_ok=True)
    rules = scores(scorer, args.dev, None, work, "rules")
    print(line("rules", rules), f"pretag_s={rules['pretag_seconds']:.1f}", flush=True)
    given = dict(item.split("=", 1) for item in args.models.split(",")) if args.models else {}
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        if str(size) in given:
            model, seconds = Path(given[str(size)]), 0.0
        else:
            model, seconds = train_size(args.train, size, work, args.max_steps)
        figures = scores(scorer, args.dev, str(model), work, f"n{size}")
        figures["train_seconds"] = seconds
        rows.append((size, figures))
        print(line(str(size), figures), f"train_s={seconds:.0f} pretag_s={figures['pretag_seconds']:.1f}", flush=True)
    if args.svg:
        draw_svg(rows, rules, args.svg)
    if args.json:
        args.json.write_text(json.dumps({"rules": rules, "sizes": dict(rows)}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
