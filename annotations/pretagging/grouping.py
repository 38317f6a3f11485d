"""One statement from several quotes: `“A,” she said. “B.”` is one statement of two segments.

The NLP core finds each quoted segment as a candidate of its own (as the evaluation corpus counts them). A
quote that continues the one before it, in the same paragraph, with the same cue standing between the two
and the same speaker, is the same statement: the reporter's words between them stay out of it. Plain data
in, plain data out (no Django).
"""

from collections.abc import Sequence

from .nlp import QuoteCandidate


def continues(previous: QuoteCandidate, candidate: QuoteCandidate, body: str) -> bool:
    """Whether `candidate` is the next segment of the statement `previous` ends."""
    if previous.kind != "direct" or candidate.kind != "direct" or not previous.speaker:
        return False
    if candidate.speaker != previous.speaker or previous.cue_start is None or previous.cue_end is None:
        return False
    same_cue = (candidate.cue_start, candidate.cue_end) == (previous.cue_start, previous.cue_end)
    cue_between = previous.end <= previous.cue_start and previous.cue_end <= candidate.start
    same_paragraph = "\n\n" not in body[previous.end : candidate.start]
    return same_cue and cue_between and same_paragraph


def group_continued_quotes(candidates: Sequence[QuoteCandidate], body: str) -> list[list[QuoteCandidate]]:
    """The candidates (in text order) as statements: each a list of one or more consecutive segments."""
    groups: list[list[QuoteCandidate]] = []
    for candidate in sorted(candidates, key=lambda c: c.start):
        if groups and continues(groups[-1][-1], candidate, body):
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    return groups
