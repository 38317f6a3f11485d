"""Confidence: how likely a suggestion is right (span found and speaker correct).

A logistic score over a handful of features an editor can reason about: the kind of
quote, how strong the cue is, how the quote was attributed (a cue governing it, a cue
next to it, inherited from a neighbouring quote) and how the speaker was resolved
(explicit name > surname > acronym > role > pronoun > description > none). The weights
were fitted once on half of the development set and checked on the other half (see
docs/nlp.md); bench/extract_quality.py prints precision per confidence band.
"""

from __future__ import annotations

import math

# Fitted weights (logit scale). Unlisted values weigh 0.
BIAS = 0.0
WEIGHTS: dict[str, dict[str, float]] = {
    "kind": {"direct": 1.6, "mixed": 0.9, "indirect": -0.3},
    "cue_class": {"speech": 0.6, "report": -0.2, "thought": -0.4, "intent": -0.5, "none": -0.8},
    "pattern": {
        "ccomp": 0.3,
        "according": 0.5,
        "adjacent": 0.4,
        "inherited": -0.3,
        "none": -0.8,
        "xcomp": -0.4,
        "object": -0.6,
        "preposition": -0.2,
        "inverted": -0.2,
    },
    "attribution": {
        "dependency": 0.2,
        "adjacent": 0.2,
        "paragraph": -0.1,
        "previous_paragraph": -0.5,
        "unattributed": -1.0,
    },
    "speaker_path": {
        "explicit": 0.6,
        "surname": 0.5,
        "acronym": 0.4,
        "role": 0.0,
        "pronoun": 0.1,
        "description": -0.2,
        "none": -1.0,
    },
    "closed": {"yes": 0.1, "no": -0.2},
    # two antecedents about as likely (set by hand: even a direct quote falls below 0.5, to be checked)
    "ambiguous": {"yes": -3.0},
}


def score(features: dict[str, str]) -> float:
    """Map categorical features to a probability in [0, 1] (rounded to 3 decimals)."""
    logit = BIAS
    for name, value in features.items():
        logit += WEIGHTS.get(name, {}).get(value, 0.0)
    return round(1.0 / (1.0 + math.exp(-logit)), 3)
