"""One statement, many reports, in Debian's Chromium: a reader follows a group; an editor decides a conflict
and takes the decision back."""

import pytest
from playwright.sync_api import Page, expect

from annotations.groups import services
from annotations.models import StatementEvent

from ..factories import SpeakerFactory
from ..groups.builders import report
from .browser import log_in, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]

QUOTE = "We will open the new bridge over the river in May and it will carry four lanes of traffic"


@pytest.fixture
def reports(db):
    """Ada Brook's words in three outlets (the second trimmed and reworded), then in a fourth naming Tomas Reyes."""
    ada = SpeakerFactory(name="Ada Brook", slug="ada-brook")
    tomas = SpeakerFactory(name="Tomas Reyes", slug="tomas-reyes")
    rows = [
        report(QUOTE, speaker=ada, day=0),
        report("We will open the new bridge over the river in June", speaker=ada, day=1),
        report(QUOTE, speaker=ada, day=2),
        report(QUOTE, speaker=tomas, day=3),
    ]
    services.statement_groups_refresh(statement_ids=[r.pk for r in rows])
    for r in rows:
        r.refresh_from_db()
    assert len({r.group_id for r in rows}) == 1
    return rows


def test_reader_sees_one_entry_per_statement_and_every_report(page: Page, live_server, reports, csp_violations):
    first = reports[0]
    page.goto(f"{live_server.url}/speakers/ada-brook/")
    entries = page.locator(".statement")
    expect(entries).to_have_count(1)
    expect(entries.first.locator(".group-link")).to_have_text("Reported by 4 outlets")
    entries.first.locator(".group-link").click()
    expect(page.locator(".group-report")).to_have_count(4)
    expect(page.locator(".group-report").first).to_have_id(f"report-{first.pk}")
    expect(page.locator(f"#report-{reports[1].pk} ins.diff-new")).to_have_text("June")
    expect(page.locator(".lede")).to_contain_text("do not agree on who said it")
    page.locator("a.first-report").first.click()
    expect(page).to_have_url(f"{live_server.url}{first.get_absolute_url()}")
    page.goto(f"{live_server.url}{reports[2].get_absolute_url()}")
    expect(page.locator("a.first-report")).to_have_attribute("href", first.get_absolute_url())
    assert not csp_violations


def test_editor_notes_a_misattribution_then_undoes_it(page: Page, live_server, reports, csp_violations):
    make_editor()
    wrong = reports[3]
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server)
    page.get_by_role("link", name="Reports in conflict").first.click()
    page.locator(".conflict-row a.registry-name").first.click()
    pair = page.locator(f"#pair-{wrong.pk}")
    expect(pair.locator(".speaker-differs").last).to_have_text("Tomas Reyes")
    pair.get_by_label("Correction note for readers").fill("Ada Brook said these words, not Tomas Reyes.")
    pair.get_by_role("button", name="Note the misattribution").click()
    expect(page.locator(".messages")).to_contain_text("Misattribution noted")
    assert StatementEvent.objects.filter(statement=wrong, action=StatementEvent.Action.GROUP).count() == 1

    # Readers see the note on the wrong report (each visit a new reader: pages are public, cached a minute).
    browser = page.context.browser
    assert browser is not None
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{wrong.get_absolute_url()}")
    expect(reader.locator(".correction-note")).to_contain_text("Ada Brook said these words")

    # The editor takes it back: the note is gone, the group is in the conflict list again.
    page.locator(".decision").first.get_by_role("button", name="Undo").click()
    expect(page.locator(".messages")).to_contain_text("Decision undone")
    expect(page.locator(".decision").first.locator(".badge")).to_have_text("undone")
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{wrong.get_absolute_url()}")
    expect(reader.locator(".correction-note")).to_have_count(0)
    page.get_by_role("link", name="Reports in conflict").first.click()
    expect(page.locator(".conflict-row")).to_have_count(1)
    assert StatementEvent.objects.filter(statement=wrong, action=StatementEvent.Action.GROUP).count() == 2
    reader.close()
    assert not csp_violations
