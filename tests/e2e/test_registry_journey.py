"""An editor keeps the speaker registry clean, in Debian's Chromium: triage, a keyboard merge, the reader redirect."""

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Speaker

from ..factories import ArticleFactory, StatementFactory
from .browser import log_in, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def registry(db):
    """Tony Pham, checked, quoted twice; "Pham" and "Maria Lopez", created by pre-tagging, to check."""
    from annotations.registry.services import speaker_create

    tony = speaker_create(name="Tony Pham", description="acting director of ICE")
    pham = speaker_create(name="Pham", origin=Speaker.Origin.MODEL)
    lopez = speaker_create(name="Maria Lopez", origin=Speaker.Origin.MODEL)
    for speaker, count in ((tony, 2), (pham, 1), (lopez, 1)):
        for _ in range(count):
            StatementFactory(speaker=speaker, article=ArticleFactory(), status="confirmed")
    return tony, pham, lopez


def _log_in(page: Page, live_server) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server)


def test_editor_triages_merges_with_the_keyboard_and_readers_follow_the_merge(
    page: Page, live_server, editor, registry, artifacts_dir, csp_violations
):
    tony, pham, lopez = registry
    _log_in(page, live_server)

    # Triage: the newest speaker to check comes first; j focuses it, a accepts it, focus stays in the list.
    page.get_by_role("link", name="Speaker registry").click()
    rows = page.locator("#triage-results .registry-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("aria-label", "Maria Lopez")
    page.screenshot(path=str(artifacts_dir / "registry-triage.png"), full_page=True)
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))  # the keys are bound
    page.keyboard.press("j")
    expect(rows.first).to_be_focused()
    page.keyboard.press("a")
    expect(page.locator(".messages")).to_contain_text("Accepted “Maria Lopez”.")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("aria-label", "Pham")
    expect(rows.first).to_be_focused()

    # Enter opens the record; e goes to the name field; the description is fixed and saved.
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Pham")
    page.keyboard.press("e")
    expect(page.locator("#id_name")).to_be_focused()
    page.get_by_label("Description or role").fill("spokesman quoted by WCBS")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Saved “Pham”.")
    page.screenshot(path=str(artifacts_dir / "registry-record.png"), full_page=True)

    # Likely duplicates: "Pham" → "Tony Pham" is offered; m merges it; u would undo it.
    page.get_by_role("link", name="Likely duplicates").click()
    pair = page.locator(".duplicate-pair").first
    expect(pair).to_contain_text("same surname")
    page.screenshot(path=str(artifacts_dir / "registry-duplicates.png"), full_page=True)
    page.keyboard.press("j")
    expect(pair).to_be_focused()
    page.keyboard.press("m")
    expect(page.locator(".messages")).to_contain_text("Merged “Pham” into “Tony Pham”: 1 statement moved")
    expect(page.locator(".undo-box")).to_contain_text("Undo the merge")
    expect(page.locator(".registry-rows .empty")).to_have_text("No speaker is waiting to be checked.")
    page.screenshot(path=str(artifacts_dir / "registry-merged.png"), full_page=True)

    # Readers: the merged speaker's old address is a permanent redirect to the kept one, which has the old name.
    response = page.goto(f"{live_server.url}/speakers/{pham.slug}/")
    assert response.request.redirected_from is not None
    assert response.request.redirected_from.redirected_to is not None
    expect(page).to_have_url(f"{live_server.url}/speakers/{tony.slug}/")
    expect(page.locator(".aliases")).to_contain_text("Pham")
    assert csp_violations == []


def test_from_a_record_m_asks_what_will_move_in_place_m_again_merges_and_u_undoes(
    page: Page, live_server, editor, registry, artifacts_dir, csp_violations
):
    tony, pham, lopez = registry
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/review/speakers/{pham.pk}/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))

    # Merge into a speaker found by typing: the question comes in place of the result; Cancel leaves it.
    page.get_by_label("Merge into another speaker").fill("Tony")
    page.get_by_role("button", name="Merge into Tony Pham…").click()
    expect(page.locator("#merge-results .merge-confirm")).to_contain_text("1 statement moves to “Tony Pham”")
    page.locator("#merge-results .merge-confirm").get_by_role("link", name="Cancel").click()
    expect(page.locator(".merge-confirm")).to_have_count(0)
    expect(page.locator("h1")).to_have_text("Pham")
    page.wait_for_load_state("networkidle")  # Cancel is a boosted navigation: htmx has processed the new page

    # j focuses the first suggestion; m asks first, in place, saying what will move; nothing is merged yet.
    suggestion = page.locator(".record-side .registry-row").first
    expect(suggestion).to_have_attribute("aria-label", "Tony Pham")
    page.keyboard.press("j")
    expect(suggestion).to_be_focused()
    page.keyboard.press("m")
    box = suggestion.locator(".merge-confirm")
    expect(box).to_contain_text("1 statement moves to “Tony Pham” (which has 2)")
    expect(box).to_contain_text("Names that become aliases of “Tony Pham”: “Pham”")
    expect(page.locator("h1")).to_have_text("Pham")
    expect(suggestion).to_be_focused()
    page.screenshot(path=str(artifacts_dir / "registry-merge-confirm.png"), full_page=True)
    assert Speaker.objects.get(pk=pham.pk).merged_into_id is None

    # m again merges: the kept speaker's record, with the message and the undo button; u undoes it.
    page.keyboard.press("m")
    expect(page.locator("h1")).to_have_text("Tony Pham")
    expect(page.locator(".messages")).to_contain_text("Merged “Pham” into “Tony Pham”: 1 statement moved")
    page.keyboard.press("u")
    expect(page.locator(".messages")).to_contain_text("Undone: “Pham” is a speaker of its own again.")
    assert Speaker.objects.get(pk=pham.pk).merged_into_id is None
    assert pham.statements.count() == 1
    assert csp_violations == []


def test_escape_leaves_the_filter_and_keys_act_on_the_filtered_rows(page: Page, live_server, editor, registry):
    _tony, pham, lopez = registry
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/review/speakers/")
    rows = page.locator("#triage-results .registry-row")
    expect(rows).to_have_count(2)

    # Type a filter, leave it at once with Escape: the filter stays, and j a wait for its rows.
    page.keyboard.press("/")
    expect(page.locator("#id_q")).to_be_focused()
    page.keyboard.type("pham")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator(".messages")).to_contain_text("Accepted “Pham”.")
    expect(page.locator("#id_q")).to_have_value("pham")
    expect(page).to_have_url(re.compile(r"q=pham"))
    pham.refresh_from_db()
    lopez.refresh_from_db()
    assert (pham.status, lopez.status) == ("accepted", "unchecked")
    assert errors == []
