"""Speaker resolution: the names an article uses, matched to the registry (or new, unchecked speakers).

Every speaker has its canonical name among its aliases, so matching only ever looks at
`SpeakerAlias.normalized` (one indexed lookup for all the names of an article).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import slugify

from ..models import Speaker, SpeakerAlias, SpeakerSlug, normalize_name


def _final(speaker: Speaker) -> Speaker:
    """Follow merges to the speaker that was kept."""
    seen: set[int] = set()
    while speaker.merged_into_id is not None and speaker.pk not in seen:
        seen.add(speaker.pk)
        kept = speaker.merged_into
        assert kept is not None, "merged_into_id is set"
        speaker = kept
    return speaker


@dataclass
class Resolution:
    """What the registry says about one of an article's speakers."""

    speaker: Speaker | None
    needs_attention: str = ""
    created: bool = False
    new_aliases: list[str] = field(default_factory=list)


def _description_fits(speaker: Speaker, text_words: set[str]) -> int:
    words = {w for w in re.findall(r"\w+", speaker.description.casefold()) if len(w) > 3}
    return len(words & text_words)


def speakers_resolve(
    *, article_speakers: Mapping[str, Mapping[str, object]], article_text: str
) -> dict[str, Resolution]:
    """Map each speaker the pre-tagger found in an article (`{name: {"kind", "aliases"}}`) to a Speaker.

    - A name or alias already in the registry resolves to that speaker (following merges).
    - A speaker marked "not a speaker" resolves to nobody, and is not created again.
    - Two speakers sharing the name (homonyms): the one whose description fits the article wins;
      otherwise nobody, with a note for the editor, rather than a guess.
    - A person or organisation the registry does not know is created, unchecked, for editors to triage;
      a description ("a senior official") or a group ("A and B") is not: the statement is flagged instead.
    New surface forms of a known speaker are recorded as unchecked aliases.
    A handful of queries per article, however many speakers it has (pre-tagging runs this per article).
    """
    forms_by_name = {name: [name, *_aliases(info)] for name, info in article_speakers.items()}
    wanted = {normalize_name(form) for forms in forms_by_name.values() for form in forms} - {""}
    matches: dict[str, set[Speaker]] = {}
    for alias in SpeakerAlias.objects.filter(normalized__in=wanted).select_related(
        "speaker", "speaker__merged_into", "speaker__merged_into__merged_into"
    ):
        matches.setdefault(alias.normalized, set()).add(_final(alias.speaker))
    text_words = set(re.findall(r"\w+", article_text.casefold()))

    resolutions: dict[str, Resolution] = {}
    to_create: list[str] = []
    for name, forms in forms_by_name.items():
        found: set[Speaker] = set()
        for form in forms:  # the canonical name first, then the other forms
            found = matches.get(normalize_name(form), set())
            if found:
                break
        if found:
            resolutions[name] = _choose(name, found, text_words)
        elif article_speakers[name].get("kind") in Speaker.Kind.values:
            to_create.append(name)
        else:  # "a senior official", "A and B": not one person or organisation; an editor decides
            resolutions[name] = Resolution(speaker=None, needs_attention=_unresolved_note(name))

    for name, speaker in zip(to_create, _speakers_bulk_create(to_create, article_speakers), strict=True):
        resolutions[name] = Resolution(speaker=speaker, created=True)
    _aliases_record(resolutions, forms_by_name)
    return resolutions


def _aliases(info: Mapping[str, object]) -> list[str]:
    """The other forms of a speaker's name the pre-tagger found (`nlp.doc_speakers` gives them as a list)."""
    aliases = info.get("aliases", ())
    assert isinstance(aliases, Iterable), "nlp.doc_speakers gives aliases as a list"
    return [str(alias) for alias in aliases]


def _speakers_bulk_create(names: list[str], article_speakers: Mapping[str, Mapping[str, object]]) -> list[Speaker]:
    """New, unchecked speakers from the pre-tagger, with unique slugs, in two queries."""
    if not names:
        return []
    bases = {name: slugify(name)[:280] or "speaker" for name in names}
    prefixes = Q()
    for base in set(bases.values()):
        prefixes |= Q(slug__startswith=base)
    taken = set(Speaker.objects.filter(prefixes).values_list("slug", flat=True))
    taken |= set(SpeakerSlug.objects.filter(prefixes).values_list("slug", flat=True))  # renamed speakers' old ones
    speakers = []
    for name in names:
        slug, number = bases[name], 2
        while slug in taken:
            slug, number = f"{bases[name]}-{number}", number + 1
        taken.add(slug)
        kind = article_speakers[name].get("kind")
        title = article_speakers[name].get("title")
        speaker = Speaker(
            name=" ".join(name.split())[:300],
            slug=slug,
            kind=kind if kind in Speaker.Kind.values else Speaker.Kind.PERSON,
            description=str(title)[:300] if title else "",  # the office the article gives ("Mayor"), for triage
            origin=Speaker.Origin.MODEL,
            status=Speaker.Status.UNCHECKED,
        )
        speaker.clean_fields(exclude=["slug"])
        speakers.append(speaker)
    return Speaker.objects.bulk_create(speakers)


def _aliases_record(resolutions: dict[str, Resolution], forms_by_name: dict[str, list[str]]) -> None:
    """Record every form an article used for a resolved speaker that is not yet one of its aliases."""
    speakers = {r.speaker.pk: r.speaker for r in resolutions.values() if r.speaker is not None}
    known = set(SpeakerAlias.objects.filter(speaker__in=speakers).values_list("speaker_id", "normalized"))
    new_aliases = []
    for name, resolution in resolutions.items():
        if resolution.speaker is None:
            continue
        for form in forms_by_name[name]:
            key = (resolution.speaker.pk, normalize_name(form))
            if key[1] and key not in known:
                known.add(key)
                canonical = resolution.created and form == name
                alias = SpeakerAlias(
                    speaker=resolution.speaker,
                    name=form.strip()[:300],
                    origin=SpeakerAlias.Origin.MODEL,
                    checked=canonical,
                )
                alias.set_keys()
                new_aliases.append(alias)
                if not resolution.created:
                    resolution.new_aliases.append(form)
    SpeakerAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)


def _unresolved_note(name: str) -> str:
    if re.search(r"\s(and|&)\s", name):
        return f"Attributed to several speakers (“{name[:120]}”): choose one, or split the statement."
    return f"Attributed to a description (“{name[:120]}”): choose the speaker if the article names one."


def _choose(name: str, found: set[Speaker], text_words: set[str]) -> Resolution:
    if not found:
        return Resolution(speaker=None)
    candidates = [s for s in found if s.status != Speaker.Status.NOT_A_SPEAKER]
    if not candidates:
        return Resolution(speaker=None)  # an editor said this name is not a speaker
    if len(candidates) == 1:
        return Resolution(speaker=candidates[0])
    scored = sorted(((_description_fits(s, text_words), s.pk, s) for s in candidates), reverse=True)
    if scored[0][0] > scored[1][0]:
        return Resolution(speaker=scored[0][2])
    return Resolution(
        speaker=None,
        needs_attention=f"{len(candidates)} speakers are called “{name}”; choose the right one.",
    )
