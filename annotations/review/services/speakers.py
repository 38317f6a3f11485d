"""Speakers from the review page: an editor creates a speaker the registry lacks (`speaker_create_from_review`,
refused when it would repeat an active one), or records the mention of a statement as an alias of its
speaker (`mention_alias_add`), so that the pre-tagger resolves that name next time."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...models import Speaker, SpeakerAlias, normalize_name
from ...reader.index import speaker_search_refresh
from ...registry import services as registry_services


def mention_alias_add(*, speaker: Speaker, name: str) -> SpeakerAlias | None:
    """Record `name` as a checked alias of the speaker, unless it is already one (its own name always is)."""
    normalized = normalize_name(name)
    if not normalized or SpeakerAlias.objects.filter(speaker=speaker, normalized=normalized).exists():
        return None
    alias = SpeakerAlias(speaker=speaker, name=name.strip(), origin=SpeakerAlias.Origin.EDITOR, checked=True)
    alias.save()
    speaker_search_refresh(speaker=speaker)  # readers find the speaker's statements by the new name too
    return alias


@transaction.atomic
def speaker_create_from_review(*, name: str, kind: str, description: str = "", editor: User) -> Speaker:
    """Create a speaker from the review page (accepted: an editor vouches for it).

    Who created it is recorded by the caller's StatementEvent (statement_speaker_create).

    Refused when an active speaker already has this name and the same description (pick that one, or
    describe the new one so that editors can tell them apart).
    """
    name, description = " ".join(name.split()), description.strip()
    if not name:
        raise ValidationError(_("Give the new speaker a name."), code="no_name")
    same = Speaker.objects.active().filter(name__iexact=name, description__iexact=description).first()
    if same is not None:
        raise ValidationError(
            _(
                "%(name)s already exists%(description)s: choose it from the list, or add a description that tells them apart."
            )
            % {"name": same.name, "description": f" ({same.description})" if same.description else ""},
            code="duplicate_speaker",
        )
    # The registry's own service: a unique slug, and the name recorded as an alias for resolution.
    return registry_services.speaker_create(name=name, kind=kind, description=description, origin=Speaker.Origin.EDITOR)
