"""A reader's journeys in Debian's Chromium: search as you type, statement → speaker → article, filters and Back."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import OutletFactory, SpeakerFactory
from tests.reader.data import story

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stories():
    herald = OutletFactory(name="Fairview Herald", slug="fairview-herald")
    post = OutletFactory(name="Riverton Post", slug="riverton-post")
    ada = SpeakerFactory(name="Ada Brook", slug="ada-brook", description="Mayor of Fairview")
    first = story(speaker=ada, outlet=herald, url="https://news.example/bridge")
    second = story(
        speaker=SpeakerFactory(name="Lee Marsh", slug="lee-marsh"), outlet=post, title="Ferry service expands"
    )
    return first, second


def no_csp_errors(errors: list[str]) -> bool:
    return not [error for error in errors if "Content Security Policy" in error]


def test_reader_searches_as_they_type_and_opens_a_result(
    page: Page, live_server, stories, artifacts_dir, csp_violations
):
    first, _ = stories
    page.goto(f"{live_server.url}/statements/")
    expect(page.locator("#results .statement")).to_have_count(4)
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Search statements").press_sequentially("council", delay=40)

    expect(page.locator("#results .statement")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"/statements/\?q=council"))
    expect(page).to_have_title(re.compile("“council”"))
    expect(page.locator("#results mark").first).to_have_text(re.compile("council", re.I))
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped the results, no reload
    page.screenshot(path=str(artifacts_dir / "reader-search-as-you-type.png"), full_page=True)

    page.locator("#results .statement").first.get_by_role("link", name=re.compile("Permalink")).click()
    expect(page.locator("h1.statement-quote")).to_contain_text("the council would vote")
    expect(page.locator(".kind-badge")).to_contain_text("Paraphrase")
    assert no_csp_errors(csp_violations)


def test_reader_goes_from_a_statement_to_the_speaker_and_on_to_the_article(
    page: Page, live_server, stories, artifacts_dir, csp_violations
):
    first, _ = stories
    page.goto(f"{live_server.url}{first.direct.get_absolute_url()}")
    expect(page.locator("h1.statement-quote")).to_have_text("“We will open the bridge in May”")
    expect(page.locator(".passage mark.statement-mark")).to_have_text("We will open the bridge in May")
    expect(page.locator("a.source-link").first).to_have_attribute("href", "https://news.example/bridge")
    page.screenshot(path=str(artifacts_dir / "reader-statement.png"), full_page=True)

    page.locator(".attribution").get_by_role("link", name="Ada Brook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Brook")
    expect(page.locator(".lede")).to_have_text("Mayor of Fairview")
    expect(page.locator("#speaker-statements .statement")).to_have_count(2)
    page.screenshot(path=str(artifacts_dir / "reader-speaker.png"), full_page=True)

    page.locator("#speaker-statements .source-line").first.get_by_role("link", name="Bridge to open in May").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bridge to open in May")
    expect(page.locator(".article-body mark.statement-mark a")).to_have_count(2)
    page.screenshot(path=str(artifacts_dir / "reader-article.png"), full_page=True)
    assert no_csp_errors(csp_violations)


def test_reader_filters_and_goes_back_with_the_browser(page: Page, live_server, stories, csp_violations):
    page.goto(f"{live_server.url}/statements/")
    expect(page.locator("#results .statement")).to_have_count(4)

    page.get_by_label("Kind").select_option("indirect")
    expect(page).to_have_url(re.compile(r"kind=indirect"))
    expect(page.locator("#results .statement")).to_have_count(2)

    page.get_by_label("Outlet").select_option(label="Riverton Post")
    expect(page).to_have_url(re.compile(r"outlet=riverton-post"))
    expect(page.locator("#results .statement")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Lee Marsh")

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"outlet="))
    expect(page.locator("#results .statement")).to_have_count(2)
    expect(page.get_by_label("Kind")).to_have_value("indirect")
    expect(page.get_by_label("Outlet")).to_have_value("")

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"kind="))
    expect(page.locator("#results .statement")).to_have_count(4)
    expect(page.get_by_label("Kind")).to_have_value("")

    page.go_forward()
    expect(page.locator("#results .statement")).to_have_count(2)
    expect(page.get_by_label("Kind")).to_have_value("indirect")
    assert no_csp_errors(csp_violations)


def test_reader_finds_a_speaker_by_name_as_they_type(page: Page, live_server, stories, csp_violations):
    page.goto(f"{live_server.url}/statements/")
    expect(page.locator("#results .statement")).to_have_count(4)
    speaker = page.get_by_label("Speaker", exact=True)
    speaker.press_sequentially("lee", delay=40)
    option = page.locator("#who-suggestions .who-option")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Lee Marsh")
    page.keyboard.press("ArrowDown")
    expect(option).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#results .statement")).to_have_count(2)
    expect(page.locator("#results")).to_contain_text("Lee Marsh")
    expect(page).to_have_url(re.compile(r"speaker=lee-marsh"))
    expect(page.get_by_label("Speaker", exact=True)).to_have_value("Lee Marsh")

    # Emptied, the control is "anyone" again.
    page.get_by_label("Speaker", exact=True).fill("")
    page.get_by_label("Speaker", exact=True).press("Enter")
    expect(page.locator("#results .statement")).to_have_count(4)
    assert csp_violations == []


def test_without_javascript_the_speaker_control_works_on_submit(browser, live_server, stories):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/statements/")
    page.get_by_label("Speaker", exact=True).fill("ada")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results .statement")).to_have_count(2)
    expect(page.get_by_label("Speaker", exact=True)).to_have_value("Ada Brook")
