"""README documents the review keys exactly as the page binds them (django-sql-dashboard's test_docs idea)."""

import re
from pathlib import Path

from django.conf import settings

from annotations.review.context import REVIEW_KEYS

README = Path(settings.BASE_DIR) / "README.md"


def readme_keys() -> dict[str, str]:
    section = README.read_text(encoding="utf-8").split("### Keys", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return dict(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|$", section, flags=re.MULTILINE))


def test_readme_lists_every_review_key_and_no_other():
    assert set(readme_keys()) == {key.key for key in REVIEW_KEYS}


def test_readme_describes_each_key_as_the_page_does():
    documented = readme_keys()
    assert {key.key: str(key.action) for key in REVIEW_KEYS} == documented


def registry_readme_keys() -> dict[str, str]:
    section = README.read_text(encoding="utf-8").split("### Registry keys", 1)[1].split("\n### ", 1)[0]
    return dict(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|$", section, flags=re.MULTILINE))


def test_readme_documents_the_registry_keys_as_the_pages_bind_them():
    from annotations.registry.views import REGISTRY_KEYS

    assert registry_readme_keys() == {key.key: str(key.action) for key in REGISTRY_KEYS}
