"""Text as Claimbook stores it: what is dropped where text enters (imports, editor forms, the admin).

Stored text ends up in Atom feeds (XML 1.0 forbids C0 controls other than tab, newline and carriage return,
lone surrogates and U+FFFE/U+FFFF), in PostgreSQL (which refuses NUL) and on pages next to the site's own
words, where a bidirectional override (U+202E) would reverse them. So these are dropped on the way in,
once, before any offset points into the text; nothing else is changed.
"""

import re

# C0 controls but tab, newline and carriage return; DEL and the C1 controls; the bidirectional embeddings,
# overrides and isolates (the marks LRM, RLM and ALM stay: they change no neighbour's direction);
# lone surrogates; the two non-characters XML refuses.
_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


# Controls Python counts as white space (str.split and str.strip do): a space, so that words stay apart.
_SPACES = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x1f\x85", " "))


def clean_text(value: str) -> str:
    """`value` without the characters no stored text may hold (see the module's docstring)."""
    return _DROPPED.sub("", value.translate(_SPACES))


def has_words(value: str) -> bool:
    """Is there a letter or a digit? (Zero-width spaces, marks and punctuation alone are not text.)"""
    return any(character.isalnum() for character in value)
