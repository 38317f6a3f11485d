"""Known speakers handed in by the caller (the database's Speaker table, as plain data).

The pipeline resolves speakers within one article. A registry then maps an article's
speaker onto a known one when a name or alias matches: "ICE" in an article that never
spells it out becomes "U.S. Immigration and Customs Enforcement" if the registry says so.
Acronyms match case-sensitively, other names case-insensitively, ignoring a leading "the".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .names import acronym_key


def _key(name: str) -> str:
    name = name.strip()
    acronym = acronym_key(name)
    if acronym:
        return acronym
    lowered = name.casefold()
    if lowered.startswith("the "):
        lowered = lowered[4:]
    return " ".join(lowered.replace("\u2019", "'").split())


class KnownSpeakers:
    """Lookup from any known name or alias to ``(canonical name, kind)``."""

    def __init__(self, known: Iterable[Mapping[str, object]]) -> None:
        self._by_key: dict[str, tuple[str, str | None]] = {}
        for entry in known:
            name = str(entry["name"])
            kind = entry.get("kind")
            for alias in [name, *entry.get("aliases", ())]:  # type: ignore[misc]
                self._by_key.setdefault(_key(str(alias)), (name, kind if kind else None))  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def lookup(self, name: str) -> tuple[str, str | None] | None:
        """The known speaker called ``name``, if any."""
        return self._by_key.get(_key(name))

    def renames(self, speakers: Mapping[str, Mapping[str, object]]) -> dict[str, tuple[str, str | None]]:
        """For each article speaker that matches a known one: old name -> (known name, kind)."""
        out: dict[str, tuple[str, str | None]] = {}
        if not self:
            return out
        for name, info in speakers.items():
            for form in [name, *info.get("aliases", ())]:  # type: ignore[misc]
                found = self.lookup(str(form))
                if found:
                    known_name, kind = found
                    out[name] = (known_name, kind or info.get("kind"))  # type: ignore[assignment]
                    break
        return out

    def merge(self, speakers: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, object]]:
        """The article's speaker table with known speakers' canonical names applied."""
        renames = self.renames(speakers)
        merged: dict[str, dict[str, object]] = {}
        for name, info in speakers.items():
            new_name, kind = renames.get(name, (name, info.get("kind")))
            entry = merged.setdefault(new_name, {"kind": kind, "aliases": [], "title": info.get("title")})
            aliases: list[str] = entry["aliases"]  # type: ignore[assignment]
            for alias in [name, *info.get("aliases", ())]:  # type: ignore[misc]
                if alias != new_name and alias not in aliases:
                    aliases.append(alias)
        return merged
