"""An optional look-up of a Wikidata entity's label and description, so an editor can check the id they entered.

Nothing here runs unless `settings.CLAIMBOOK_WIKIDATA_LOOKUP` is on: Claimbook stores and validates ids without
the network. The client takes its transport as an argument; tests give it recorded answers.
"""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from ..models import wikidata_id_validator

logger = logging.getLogger(__name__)

ENTITY_URL = "https://www.wikidata.org/wiki/Special:EntityData/{id}.json"
MAX_BYTES = 2 * 1024 * 1024
CACHE_SECONDS = 24 * 3600

Transport = Callable[[str, float], bytes]  # (url, timeout in seconds) -> response body


@dataclass(frozen=True)
class WikidataEntity:
    id: str
    label: str
    description: str

    @property
    def url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.id}"


def urllib_transport(url: str, timeout: float) -> bytes:
    request = Request(url, headers={"User-Agent": "Claimbook (speaker registry look-up)", "Accept": "application/json"})
    with urlopen(request, timeout=timeout) as response:
        body: bytes = response.read(MAX_BYTES)
        return body


class WikidataClient:
    def __init__(self, transport: Transport = urllib_transport, *, timeout: float = 3.0, language: str = "en"):
        self.transport, self.timeout, self.language = transport, timeout, language

    def entity(self, wikidata_id: str) -> WikidataEntity | None:
        """The entity's label and description in the client's language; None if it cannot be had."""
        try:
            wikidata_id_validator(wikidata_id)
        except ValidationError:
            return None
        try:
            data = json.loads(self.transport(ENTITY_URL.format(id=wikidata_id), self.timeout))
            # A redirected (merged) id answers with the entity it now is.
            entity = next(iter(data["entities"].values()))
            label = entity.get("labels", {}).get(self.language, {}).get("value", "")
            description = entity.get("descriptions", {}).get(self.language, {}).get("value", "")
            return WikidataEntity(id=entity.get("id", wikidata_id), label=label, description=description)
        except (URLError, TimeoutError, OSError, ValueError, KeyError, StopIteration, AttributeError) as error:
            logger.warning("Wikidata look-up of %s failed: %s", wikidata_id, error)
            return None


def wikidata_lookup(wikidata_id: str, *, client: WikidataClient | None = None) -> WikidataEntity | None:
    """The entity for the record page, when look-ups are on (cached for a day); None otherwise."""
    if not settings.CLAIMBOOK_WIKIDATA_LOOKUP or not wikidata_id:
        return None
    key = f"claimbook:wikidata:{wikidata_id}"
    found: WikidataEntity | None = cache.get(key)
    if found is None:
        found = (client or WikidataClient()).entity(wikidata_id)
        if found is not None:
            cache.set(key, found, CACHE_SECONDS)
    return found
