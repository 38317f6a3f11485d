"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live_server."""

import os
import shutil
from pathlib import Path

import pytest

# Sync Playwright runs an event loop in the test thread; Django's ORM calls from the test are still safe
# because each test owns its database (microsoft/playwright-pytest issue #29).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CLAIMBOOK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium (or set CLAIMBOOK_CHROMIUM).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def csp_violations(page):
    """Console errors the Content-Security-Policy raised; a journey should end with none."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.fixture
def seeded(db):
    """The seed article, imported with the import service, with pre-tagger-like suggestions (tests/seed.py)."""
    from ..seed import seed_article, seed_speakers, seed_suggestions

    article = seed_article()
    speakers = seed_speakers()
    statements = seed_suggestions(article, speakers)
    return article, statements, speakers
