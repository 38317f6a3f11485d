"""The docs list the review and registry keys exactly as the pages bind them (django-sql-dashboard's test_docs idea)."""

import re
from pathlib import Path

from django.conf import settings

from annotations.registry.views import REGISTRY_KEYS
from annotations.review.context import REVIEW_KEYS

DOCS = Path(settings.BASE_DIR) / "docs"


def documented_keys(page: str, heading: str) -> dict[str, str]:
    """The keys table under `heading` in docs/`page`: {key: what it does}."""
    text = (DOCS / page).read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return dict(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|$", section, flags=re.MULTILINE))


def test_docs_list_every_review_key_and_no_other():
    assert set(documented_keys("review.md", "### Keys")) == {key.key for key in REVIEW_KEYS}


def test_docs_describe_each_review_key_as_the_page_does():
    documented = documented_keys("review.md", "### Keys")
    assert {key.key: str(key.action) for key in REVIEW_KEYS} == documented


def test_docs_document_the_registry_keys_as_the_pages_bind_them():
    assert documented_keys("registry.md", "### Registry keys") == {key.key: str(key.action) for key in REGISTRY_KEYS}
