"""Quality benchmark: run the extractor on a gold JSONL file and score it.

    python bench/extract_quality.py /path/to/polnear-dev.jsonl [--scorer score.py]
        [--split all|even|odd] [--examples N] [--pred-out preds.jsonl]

Runs the same code as ``manage.py extract_quotes`` (annotations.pretagging.nlp.cli.output_record), then the
reference scorer (imported from --scorer, default: score.py beside the gold file), and
prints the scorer's full output plus an error analysis: recall/precision by kind, errors
by cause (missed, wrong boundary, wrong speaker, spurious) and precision per confidence
band. The gold file is read from its path only; nothing of it is stored.

--split even/odd keeps a held-out discipline: develop on even-numbered articles, check
on odd ones (numbered by line, from 0).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.pretagging.nlp.candidates import extract_texts
from annotations.pretagging.nlp.cli import output_record
from annotations.pretagging.nlp.pipeline import get_pipeline

BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0001))


def load_scorer(path: Path) -> ModuleType:
    """Import the reference scorer (it puts quotekit on sys.path itself)."""
    spec = importlib.util.spec_from_file_location("reference_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_gold(path: Path, split: str) -> list[dict]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split == "even":
        return docs[0::2]
    if split == "odd":
        return docs[1::2]
    return docs


def predict(gold: list[dict], model: str | None, batch_size: int) -> tuple[list[dict], list[dict], float]:
    """extract_quotes' records, the same with bare speaker names (no office titles), and the time."""
    nlp = get_pipeline(model)
    titled, bare = [], []
    started = time.perf_counter()
    for key, candidates, speakers in extract_texts(nlp, [(d["text"], d["id"]) for d in gold], batch_size=batch_size):
        titled.append(output_record(key, candidates, speakers))
        bare.append(output_record(key, candidates, None))
    elapsed = time.perf_counter() - started
    return titled, bare, elapsed


def speaker_accuracy(scorer: ModuleType, gold: list[dict], predictions: list[dict]) -> float:
    """The scorer's speaker_acc (all kinds) for ``predictions``, computed with its own rules."""
    qk = scorer.qk
    preds = {p["id"]: p["quotes"] for p in predictions}
    right = total = 0
    for doc in gold:
        words = qk.WordIndex(doc["text"])
        pq = preds.get(doc["id"], [])
        for gi, pi, _ in scorer.match_overlap(words, doc["quotes"], pq):
            speaker = doc["quotes"][gi]["speaker"]
            if qk.speaker_category(speaker) == "pronoun":
                continue
            total += 1
            right += qk.speakers_match(speaker, pq[pi].get("speaker"))
    return right / total if total else 0.0


def analyse(scorer: ModuleType, gold: list[dict], preds: dict[str, list[dict]], examples: int) -> None:
    """Print errors by kind and by cause, and precision per confidence band."""
    qk = scorer.qk
    causes: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    band_total: Counter[int] = Counter()
    band_right: Counter[int] = Counter()
    shown: Counter[str] = Counter()
    samples: list[str] = []
    for doc in gold:
        text = doc["text"]
        words = qk.WordIndex(text)
        gq = doc["quotes"]
        pq = [p for p in preds.get(doc["id"], []) if 0 <= p["start"] < p["end"] <= len(text)]
        pairs = scorer.match_overlap(words, gq, pq)
        matched_g = {gi: pi for gi, pi, _ in pairs}
        matched_p = {pi: gi for gi, pi, _ in pairs}
        ptoks = [words.tokens(p["start"], p["end"]) for p in pq]
        for gi, g in enumerate(gq):
            by_kind[f"gold.{g['kind']}"] += 1
            if gi in matched_g:
                by_kind[f"found.{g['kind']}"] += 1
                continue
            gt = words.tokens(g["start"], g["end"])
            touching = any(not gt.isdisjoint(t) for t in ptoks)
            cause = "wrong boundary" if touching else "missed span"
            causes[cause] += 1
            if shown[cause] < examples:
                shown[cause] += 1
                samples.append(f"[{cause}] {g['kind']} cue={g['cue']!r} gold={text[g['start'] : g['end']][:160]!r}")
        for pi, p in enumerate(pq):
            kind = p.get("kind") or "?"
            by_kind[f"pred.{kind}"] += 1
            band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= p.get("confidence", 0.0) < hi)
            band_total[band] += 1
            if pi not in matched_p:
                causes["spurious"] += 1
                if shown["spurious"] < examples:
                    shown["spurious"] += 1
                    samples.append(f"[spurious] {kind} cue={p.get('cue')!r} pred={text[p['start'] : p['end']][:160]!r}")
                continue
            by_kind[f"right.{kind}"] += 1
            g = gq[matched_p[pi]]
            if qk.speaker_category(g["speaker"]) == "pronoun" or qk.speakers_match(g["speaker"], p.get("speaker")):
                band_right[band] += 1
            else:
                causes["wrong speaker"] += 1
                if shown["wrong speaker"] < examples:
                    shown["wrong speaker"] += 1
                    samples.append(
                        f"[wrong speaker] gold={g['speaker']!r} pred={p.get('speaker')!r} "
                        f"cue={p.get('cue')!r} text={text[p['start'] : p['end']][:80]!r}"
                    )
    print("\n== error analysis")
    print("by kind (recall = gold found by overlap; precision = predictions of that kind matching any gold):")
    for kind in ("direct", "mixed", "indirect"):
        gold_n, found = by_kind[f"gold.{kind}"], by_kind[f"found.{kind}"]
        pred_n, right = by_kind[f"pred.{kind}"], by_kind[f"right.{kind}"]
        print(
            f"  {kind:8} recall {found}/{gold_n}={found / gold_n if gold_n else 0:.3f}  "
            f"precision {right}/{pred_n}={right / pred_n if pred_n else 0:.3f}"
        )
    print("by cause:")
    for cause in ("missed span", "wrong boundary", "wrong speaker", "spurious"):
        print(f"  {cause:15} {causes[cause]}")
    print("precision per confidence band (match by overlap and speaker right; pronoun gold speakers count as right):")
    for i, (lo, hi) in enumerate(BANDS):
        n, ok = band_total[i], band_right[i]
        print(f"  {lo:.2f}-{min(hi, 1.0):.2f}  {ok}/{n} = {ok / n if n else 0:.3f}")
    if samples:
        print("\nexamples:")
        for line in samples:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="gold JSONL (e.g. polnear-dev.jsonl)")
    parser.add_argument("--scorer", type=Path, help="reference score.py (default: beside the gold file)")
    parser.add_argument("--split", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--model", default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--examples", type=int, default=0, help="print N example errors per cause")
    parser.add_argument("--pred-out", type=Path, help="also keep the predictions here")
    args = parser.parse_args(argv)

    scorer = load_scorer(args.scorer or args.gold.with_name("score.py"))
    gold = read_gold(args.gold, args.split)
    predictions, bare, elapsed = predict(gold, args.model, args.batch_size)
    words = sum(len(d["text"].split()) for d in gold)
    print(f"{len(gold)} articles, {words} words, extraction {elapsed:.1f}s ({words / elapsed:.0f} words/s)")

    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp) / "gold.jsonl"
        pred_path = args.pred_out or Path(tmp) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(d) + "\n" for d in gold), encoding="utf-8")
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        scorer.main(["--gold", str(gold_path), "--pred", str(pred_path)])
    print(
        f"speaker_acc with bare names: {speaker_accuracy(scorer, gold, bare):.3f} (extract_quotes writes a "
        "person's office before the name, as the article gives it: that is what lets a resolved "
        "“the mayor” -> “Mayor Bill de Blasio” match the gold “the mayor”)"
    )
    analyse(scorer, gold, {p["id"]: p["quotes"] for p in predictions}, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
