"""Phone-sized screens (390 px wide, in Debian's Chromium): nothing is wider than the screen, the header's
parts stay apart, and the review page stacks the text over the card. Screenshots go to test-artifacts/."""

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Article

from ..reader.data import story
from ..seed import seed_article, seed_speakers, seed_suggestions
from .browser import log_in, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]

WIDTH = 390


def check_fits(page: Page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"small-{name}.png"), full_page=True)
    page.screenshot(path=str(artifacts_dir / f"small-{name}-top.png"))
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """(limit) => Array.from(document.querySelectorAll("body *"))
            .filter((element) => element.getBoundingClientRect().right > limit + 0.5 && element.getClientRects().length)
            .slice(0, 5).map((element) => element.tagName + "." + element.className + "#" + element.id)""",
        WIDTH,
    )
    assert width <= WIDTH, (name, width, wide)
    # The brand and the first link of the header do not run together: a clear gap, or separate lines.
    brand = page.locator(".site-header .brand").bounding_box()
    first = page.locator(".site-header nav a").first.bounding_box()
    assert brand and first
    same_line = first["y"] < brand["y"] + brand["height"] and brand["y"] < first["y"] + first["height"]
    assert not same_line or first["x"] - (brand["x"] + brand["width"]) >= 12, (name, brand, first)


@pytest.fixture
def small(page: Page) -> Page:
    page.set_viewport_size({"width": WIDTH, "height": 844})
    return page


def test_reader_pages_fit_a_phone(small: Page, live_server, artifacts_dir):
    s = story()
    for name, path in [
        ("home", "/"),
        ("statements", "/statements/?q=bridge"),
        ("statement", s.direct.get_absolute_url()),
        ("speakers", "/speakers/"),
        ("speaker", s.speaker.get_absolute_url()),
        ("article", s.article.get_absolute_url()),
    ]:
        small.goto(f"{live_server.url}{path}")
        check_fits(small, artifacts_dir, name)


def test_the_review_page_fits_a_phone_with_the_text_over_the_card(small: Page, live_server, artifacts_dir):
    make_editor()
    article = seed_article()
    seed_suggestions(article, seed_speakers())
    log_in(small, live_server)
    check_fits(small, artifacts_dir, "review-queue")
    small.goto(f"{live_server.url}/review/articles/{article.pk}/")
    expect(small.locator("#review-card")).to_be_visible()
    check_fits(small, artifacts_dir, "review")
    text, card = small.locator("#article-text").bounding_box(), small.locator("#review-card").bounding_box()
    assert text and card and text["y"] < card["y"]  # stacked: the text, then the card
    small.keyboard.press("s")  # the card's sections open and still fit
    small.keyboard.press("Escape")
    small.locator("#boundaries summary").click()
    check_fits(small, artifacts_dir, "review-card-open")
    assert Article.objects.filter(pk=article.pk).exists()
