"""Quality benchmark: run the extractor on a gold JSONL file and score it.

    python bench/extract_quality.py /path/to/polnear-dev.jsonl[.gz] [--scorer score.py]
        [--split all|even|odd] [--skip N] [--articles N] [--examples N] [--pred-out preds.jsonl]

Runs the same code as ``manage.py extract_quotes`` (annotations.pretagging.nlp.cli.output_record), then the
reference scorer (imported from --scorer, default: score.py beside the gold file), and
prints the scorer's full output plus an error analysis: recall/precision by kind, errors
by cause (missed, wrong boundary, wrong speaker, spurious) and precision per confidence
band. The gold file is read from its path only; nothing of it is stored.

Speakers, on the quotes matched by overlap (the scorer's rules: pronoun gold speakers are left
out of accuracy): accuracy per gold kind, with the office in the label and with bare names; the
share of matched quotes with no predicted speaker although gold has one; and the share of
predicted speaker mentions that overlap gold's source span, so that a wrong speaker can be told
apart as a resolution error (the mention is gold's, the name it resolved to is not) or a mention
error (the words taken as the speaker are not gold's).

--split even/odd keeps a held-out discipline: develop on even-numbered articles, check
on odd ones (numbered by line, from 0). --skip N leaves out the first N articles of the file and
--articles N keeps the next N (both before the split): `--articles 200` is train[0:200], `--skip 200`
train[200:]. A path ending in .gz is read as gzip (the train split).
"""

from __future__ import annotations

import argparse
import gzip
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


def read_gold(path: Path, split: str, articles: int | None = None, skip: int = 0) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    docs = []
    seen = 0
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if articles is not None and len(docs) >= articles:
                break
            if line.strip():
                seen += 1
                if seen > skip:
                    docs.append(json.loads(line))
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
        record = output_record(key, candidates, speakers)
        for quote, candidate in zip(record["quotes"], candidates, strict=True):
            quote["how"] = f"{candidate.attribution}/{candidate.speaker_path}"  # for the breakdown of errors
        titled.append(record)
        bare.append(output_record(key, candidates, None))
    elapsed = time.perf_counter() - started
    return titled, bare, elapsed


KINDS = ("direct", "mixed", "indirect")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def speaker_report(scorer: ModuleType, gold: list[dict], titled: list[dict], bare: list[dict]) -> None:
    """Speaker figures on the quotes matched by overlap, with the scorer's own rules.

    accuracy per gold kind (pronoun gold speakers left out, as the scorer does), titled and bare;
    no speaker where gold has one (named, or a pronoun: the article then names someone nearby);
    mention match: the predicted speaker mention overlaps gold's source span.
    """
    qk = scorer.qk
    count: Counter[str] = Counter()
    titled_by_id = {p["id"]: p["quotes"] for p in titled}
    bare_by_id = {p["id"]: p["quotes"] for p in bare}
    for doc in gold:
        words = qk.WordIndex(doc["text"])
        pq, bq = titled_by_id.get(doc["id"], []), bare_by_id.get(doc["id"], [])
        for gi, pi, _ in scorer.match_overlap(words, doc["quotes"], pq):
            g, p = doc["quotes"][gi], pq[pi]
            category = qk.speaker_category(g["speaker"])
            kind = g["kind"]
            if category != "none":
                count["gold_speaker"] += 1
                count[f"gold_speaker.{category}"] += 1
                if not p.get("speaker"):
                    count["no_speaker"] += 1
                    count[f"no_speaker.{category}"] += 1
            gold_span = (g.get("speaker_start"), g.get("speaker_end"))
            pred_span = (p.get("speaker_start"), p.get("speaker_end"))
            mention_ok = None
            if None not in gold_span:
                count["mention.gold"] += 1
                if None not in pred_span:
                    count["mention.pred"] += 1
                    mention_ok = _overlaps(gold_span, pred_span)
                    count["mention.ok"] += mention_ok
            if category == "pronoun":
                continue
            for label, speaker in (("titled", p.get("speaker")), ("bare", bq[pi].get("speaker"))):
                ok = qk.speakers_match(g["speaker"], speaker)
                for k in ("all", kind):
                    count[f"{label}.{k}.n"] += 1
                    count[f"{label}.{k}.ok"] += ok
                if label == "titled":
                    count[f"how.{p.get('how')}.n"] += 1
                    count[f"how.{p.get('how')}.ok"] += ok
                if label == "titled" and not ok:
                    cause = "no mention" if mention_ok is None else ("resolution" if mention_ok else "mention")
                    count[f"wrong.{cause}"] += 1

    def share(ok: int, n: int) -> str:
        return f"{ok}/{n} = {ok / n if n else 0:.3f}"

    print("\n== speakers (quotes matched by overlap; pronoun gold speakers left out of accuracy)")
    for label, what in (("titled", "office in the label"), ("bare", "bare names")):
        cells = "  ".join(
            f"{k} {count[f'{label}.{k}.ok'] / count[f'{label}.{k}.n'] if count[f'{label}.{k}.n'] else 0:.3f}"
            f" ({count[f'{label}.{k}.n']})"
            for k in ("all", *KINDS)
        )
        print(f"speaker_acc, {what:20} {cells}")
    print(
        f"no speaker where gold has one: {share(count['no_speaker'], count['gold_speaker'])}"
        f"  (gold named {share(count['no_speaker.named'], count['gold_speaker.named'])},"
        f" gold a pronoun {share(count['no_speaker.pronoun'], count['gold_speaker.pronoun'])})"
    )
    print(
        f"mention matches gold's source span: {share(count['mention.ok'], count['mention.pred'])} of predicted "
        f"mentions ({count['mention.gold'] - count['mention.pred']} matched quotes with a gold span have no mention)"
    )
    print(
        f"wrong speakers: {count['wrong.resolution']} resolution (mention is gold's), "
        f"{count['wrong.mention']} mention (other words), {count['wrong.no mention']} no mention or no gold span"
    )
    hows = sorted({key.split(".")[1] for key in count if key.startswith("how.")})
    ranked = sorted(hows, key=lambda h: count[f"how.{h}.ok"] - count[f"how.{h}.n"])
    print(
        "wrong / judged speakers by attribution/speaker path: "
        + ", ".join(f"{h} {count[f'how.{h}.n'] - count[f'how.{h}.ok']}/{count[f'how.{h}.n']}" for h in ranked)
    )


def _span_text(text: str, start: int | None, end: int | None) -> str | None:
    return text[start:end] if start is not None and end is not None else None


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
                        f"mention={_span_text(text, p.get('speaker_start'), p.get('speaker_end'))!r} "
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
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N articles of the file")
    parser.add_argument("--articles", type=int, default=None, help="only N articles (the first after --skip)")
    parser.add_argument("--model", default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--examples", type=int, default=0, help="print N example errors per cause")
    parser.add_argument("--pred-out", type=Path, help="also keep the predictions here")
    args = parser.parse_args(argv)

    scorer = load_scorer(args.scorer or args.gold.with_name("score.py"))
    gold = read_gold(args.gold, args.split, args.articles, args.skip)
    predictions, bare, elapsed = predict(gold, args.model, args.batch_size)
    words = sum(len(d["text"].split()) for d in gold)
    print(f"{len(gold)} articles, {words} words, extraction {elapsed:.1f}s ({words / elapsed:.0f} words/s)")

    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp) / "gold.jsonl"
        pred_path = args.pred_out or Path(tmp) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(d) + "\n" for d in gold), encoding="utf-8")
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        scorer.main(["--gold", str(gold_path), "--pred", str(pred_path)])
    speaker_report(scorer, gold, predictions, bare)
    print(
        "(extract_quotes writes a person's office before the name, as the article gives it: that is what "
        "lets a resolved “the mayor” -> “Mayor Bill de Blasio” match the gold “the mayor”)"
    )
    analyse(scorer, gold, {p["id"]: p["quotes"] for p in predictions}, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
