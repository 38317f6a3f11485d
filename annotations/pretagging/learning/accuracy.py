"""Accuracy over time: what editors did with the pre-tagger's suggestions, per week and per model version.

A suggestion is *confirmed as it was* when editors confirmed it without changing it; *corrected* when they
changed its speaker, its boundaries or its kind before confirming it (a statement can count under several
of those); *rejected*; and editors *added* the statements it missed. Weeks are those of the decision (of
the addition for added statements); the version is the one that suggested it (the article's, for added
statements).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from ...models import Statement, StatementEvent

OUTCOMES = ("as_is", "speaker", "boundaries", "kind", "rejected", "added")
LABELS = {
    "as_is": "confirmed as suggested",
    "speaker": "speaker corrected",
    "boundaries": "boundaries corrected",
    "kind": "kind corrected",
    "rejected": "rejected",
    "added": "added by editors",
}
COLOURS = {
    "as_is": "#2e7d32",
    "speaker": "#f9a825",
    "boundaries": "#ef6c00",
    "kind": "#8e24aa",
    "rejected": "#c62828",
    "added": "#1565c0",
}
BOUNDARY_FIELDS = ("start", "end", "segments")


@dataclass
class Row:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    corrected: int = 0  # suggestions corrected in any way (each counts once here)

    @property
    def decided(self) -> int:
        """Suggestions editors decided on (confirmed, corrected or rejected)."""
        return self.counts["as_is"] + self.corrected + self.counts["rejected"]

    def share(self, outcome: str) -> float:
        """Share among everything editors handled (a correction of two kinds counts under both)."""
        total = sum(self.counts.values())
        return self.counts[outcome] / total if total else 0.0

    @property
    def shares(self) -> list[tuple[str, str, int, float]]:
        return [(o, LABELS[o], self.counts[o], self.share(o)) for o in OUTCOMES]


def _week(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    day = timezone.localtime(moment).date()
    return day - dt.timedelta(days=day.weekday())


def _short_version(version: str) -> str:
    if "+learned-" in version:
        return "model v" + version.rsplit("+learned-", 1)[1]
    return "rules" if version else "unknown"


def accuracy(weeks: int = 26) -> tuple[list[Row], list[Row]]:
    """(rows per week, rows per model version), oldest week first."""
    since = timezone.now() - dt.timedelta(weeks=weeks)
    by_week: dict[dt.date, Row] = {}
    by_version: dict[str, Row] = {}
    decided = list(
        Statement.objects.filter(origin=Statement.Origin.MODEL)
        .exclude(status=Statement.Status.SUGGESTED)
        .filter(Q(reviewed_at__gte=since) | Q(reviewed_at__isnull=True, updated_at__gte=since))
        .values_list(
            "pk",
            "status",
            "start",
            "end",
            "segments",
            "kind",
            "speaker_id",
            "model_version",
            "reviewed_at",
            "updated_at",
        )
    )
    original: dict[int, dict[str, object]] = {}
    ids = [row[0] for row in decided]
    for statement_id, before in (
        StatementEvent.objects.filter(statement_id__in=ids, before__isnull=False)
        .order_by("id")
        .values_list("statement_id", "before")
    ):
        original.setdefault(statement_id, before or {})  # the first snapshot: the suggestion as made
    for pk, status, start, end, segments, kind, speaker_id, version, reviewed_at, updated_at in decided:
        outcomes: list[str]
        if status == Statement.Status.REJECTED:
            outcomes = ["rejected"]
        else:
            before = original.get(pk) or {}
            now = {"start": start, "end": end, "segments": segments, "kind": kind, "speaker_id": speaker_id}
            outcomes = []
            if any(f in before and before[f] != now[f] for f in BOUNDARY_FIELDS):
                outcomes.append("boundaries")
            if "speaker_id" in before and before["speaker_id"] != speaker_id:
                outcomes.append("speaker")
            if "kind" in before and before["kind"] != kind:
                outcomes.append("kind")
            outcomes = outcomes or ["as_is"]
        week = _week(reviewed_at or updated_at)
        for key, table, label in (
            (week, by_week, week.isoformat() if week else "–"),
            (_short_version(version), by_version, _short_version(version)),
        ):
            row = table.setdefault(key, Row(label))  # type: ignore[arg-type]
            for outcome in outcomes:
                row.counts[outcome] += 1
            if outcomes[0] not in ("as_is", "rejected"):
                row.corrected += 1
    for created_at, version in Statement.objects.filter(
        origin=Statement.Origin.EDITOR, created_at__gte=since
    ).values_list("created_at", "article__nlp_model_version"):
        week = _week(created_at)
        for key, table, label in (
            (week, by_week, week.isoformat() if week else "–"),
            (_short_version(version or ""), by_version, _short_version(version or "")),
        ):
            table.setdefault(key, Row(label)).counts["added"] += 1  # type: ignore[arg-type]
    weeks_rows = [by_week[k] for k in sorted(k for k in by_week if k is not None)]
    return weeks_rows, sorted(by_version.values(), key=lambda r: r.label)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart as plain numbers; the template draws it as inline SVG (no script, CSP-safe)."""

    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]
    ticks: list[tuple[float, str]]
    baseline: float
    left: int


def stacked_chart(rows: list[Row], width: int = 640, height: int = 240) -> Chart:
    left, bottom, top = 40, 36, 10
    inner_h = height - top - bottom
    slot = (width - left - 10) / max(1, len(rows))
    bars: list[Bar] = []
    labels: list[tuple[float, str]] = []
    for i, row in enumerate(rows):
        x = left + i * slot + slot * 0.15
        y = float(top + inner_h)
        for outcome in OUTCOMES:
            share = row.share(outcome)
            if share <= 0:
                continue
            h = share * inner_h
            y -= h
            bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(slot * 0.7, 1),
                    round(h, 1),
                    COLOURS[outcome],
                    f"{row.label}: {LABELS[outcome]} {share:.0%} ({row.counts[outcome]})",
                )
            )
        labels.append((round(x + slot * 0.35, 1), row.label))
    ticks = [(round(top + inner_h * (1 - t), 1), f"{t:.0%}") for t in (0, 0.25, 0.5, 0.75, 1)]
    return Chart(width, height, bars, labels, ticks, float(top + inner_h), left)


def legend() -> list[tuple[str, str]]:
    return [(LABELS[o], COLOURS[o]) for o in OUTCOMES]
