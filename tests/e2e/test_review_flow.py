"""An editor's day in the review workspace, in Debian's Chromium, on the seed article.

The pre-tagger's suggestions are imitated by tests/seed.py (wrong speaker on the first quote,
the fourth one a word short, "trying to sow chaos." missed).
"""

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Article, Statement, StatementEvent

from ..factories import ArticleFactory
from ..seed import MISSED
from .browser import log_in, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def editors(db):
    return [make_editor("eddie"), make_editor("olga")]


def select_text(page: Page, needle: str, *, caret: bool = False) -> None:
    """Select `needle` in the article text (or put the caret just before it), as a mouse would."""
    page.evaluate(
        """([needle, caret]) => {
            const root = document.getElementById("article-text");
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let full = "";
            while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.data; }
            const at = full.indexOf(needle);
            if (at < 0) throw new Error("not in the article: " + needle);
            const locate = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; };
            const range = document.createRange();
            range.setStart(...locate(at));
            range.setEnd(...locate(caret ? at : at + needle.length));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [needle, caret],
    )


def test_editor_reviews_the_seed_article_with_the_keyboard(
    page: Page, live_server, seeded, editors, artifacts_dir, csp_violations
):
    article, (q1, q2, q3, q4, _q5, _q6), speakers = seeded
    page.set_viewport_size({"width": 1440, "height": 1000})
    card = page.locator("#review-card")

    # Logging in lands on the queue; the article opens from it.
    log_in(page, live_server, "eddie")
    expect(page).to_have_url(f"{live_server.url}/review/")
    page.get_by_role("link", name=article.title).click()
    expect(card).to_have_attribute("data-statement", str(q1.pk))
    expect(page.locator("#lock-banner")).to_contain_text("You are reviewing this article")

    # The first suggestion names the wrong speaker: fix it through the search box (typing "blasio" triggers no keys).
    page.keyboard.press("s")
    expect(page.locator("#speaker-q")).to_be_focused()
    page.keyboard.type("blasio")
    expect(page.locator("#speaker-results")).to_contain_text("Matches for “blasio”")
    expect(page.locator("#speaker-results .speaker-option").first).to_contain_text("Bill de Blasio")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(card.locator(".facts")).to_contain_text("Bill de Blasio")
    expect(page.locator("#review-status")).to_contain_text("Speaker: Bill de Blasio")

    # Confirm with the keyboard: focus moves to the next suggestion.
    page.keyboard.press("c")
    expect(card).to_have_attribute("data-statement", str(q2.pk))
    expect(page.locator("#card-title")).to_be_focused()
    expect(page.locator("#review-counters")).to_contain_text("1 confirmed")
    page.keyboard.press("c")
    expect(card).to_have_attribute("data-statement", str(q3.pk))

    # The fourth suggestion stops a word short: move its end by a word, then past its full stop.
    page.keyboard.press("j")
    expect(card).to_have_attribute("data-statement", str(q4.pk))
    page.keyboard.press("}")
    expect(card.locator(".card-quote")).to_have_text(
        "enforce immigration laws created by Congress to keep this country safe"
    )
    page.keyboard.press("}")
    expect(card.locator(".card-quote")).to_have_text(
        "enforce immigration laws created by Congress to keep this country safe."
    )

    # Add the missed partial quote by selecting it in the article.
    select_text(page, MISSED)
    page.keyboard.press("a")
    expect(card.locator(".card-quote")).to_have_text(MISSED)
    added = Statement.objects.get(text=MISSED)
    assert (added.origin, added.status) == ("editor", "suggested")

    # Undo takes the addition back; adding again works.
    page.keyboard.press("z")
    expect(page.locator("#review-status")).to_contain_text("Undone")
    assert not Statement.objects.filter(text=MISSED).exists()
    select_text(page, MISSED)
    page.keyboard.press("a")
    expect(card.locator(".card-quote")).to_have_text(MISSED)

    # Reload: everything persisted, on the page and in the database.
    page.reload()
    expect(page.locator("#review-counters")).to_contain_text("2 confirmed")
    expect(page.locator(f"#item-{q4.pk}")).to_contain_text("safe.")
    expect(page.locator("#statement-list .item")).to_have_count(7)
    expect(page.locator("#article-text mark.st-confirmed").first).to_be_visible()
    q1.refresh_from_db()
    q4.refresh_from_db()
    assert (q1.status, q1.speaker, q4.text[-5:]) == ("confirmed", speakers["blasio"], "safe.")
    assert Statement.objects.get(pk=q2.pk).status == "confirmed"
    assert Statement.objects.filter(text=MISSED).count() == 1
    assert StatementEvent.objects.filter(editor=editors[0]).count() == 7  # the two "}" presses are one change
    page.locator(f"#item-{q1.pk} a").click()
    expect(card).to_have_attribute("data-statement", str(q1.pk))
    page.keyboard.press("h")
    expect(page.locator("#history")).to_contain_text("speaker Tony Pham → Bill de Blasio")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts_dir / "review-page.png"), full_page=False)
    assert not [error for error in csp_violations if "Content Security Policy" in error]


def test_a_second_editors_stale_edit_is_refused_and_can_be_reapplied(
    page: Page, browser, live_server, seeded, editors, csp_violations
):
    article, (q1, *_rest), speakers = seeded
    # Eddie opens the article and looks at the first suggestion (speaker: Tony Pham, version 1).
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/review/articles/{article.pk}/")
    expect(page.locator("#review-card")).to_have_attribute("data-statement", str(q1.pk))

    # Olga finds it read-only, takes over, corrects the speaker, and stops reviewing.
    other = browser.new_context().new_page()
    log_in(other, live_server, "olga")
    other.goto(f"{live_server.url}/review/articles/{article.pk}/")
    expect(other.locator("#lock-banner")).to_contain_text("eddie is reviewing this article")
    expect(other.locator("#review-card .card-actions")).to_have_count(0)
    other.get_by_role("button", name="Take over").click()
    expect(other.locator("#lock-banner")).to_contain_text("You are reviewing this article")
    other.locator("#speaker-q").fill("blasio")
    expect(other.locator("#speaker-results")).to_contain_text("Matches for “blasio”")
    other.locator("#speaker-results .speaker-option", has_text="Bill de Blasio").click()
    expect(other.locator("#review-card .facts")).to_contain_text("Bill de Blasio")
    other.get_by_role("button", name="Stop reviewing").click()
    expect(other).to_have_url(f"{live_server.url}/review/")

    # Eddie, still looking at version 1, confirms: refused, with Olga's change shown and a way to reapply.
    page.locator("#card-title").focus()
    page.keyboard.press("c")
    notice = page.locator("#review-card .notice-conflict")
    expect(notice).to_contain_text("Not applied")
    expect(notice).to_contain_text("olga")
    expect(notice).to_contain_text("Tony Pham → Bill de Blasio")
    expect(page.locator("#review-card .facts")).to_contain_text("Bill de Blasio")
    q1.refresh_from_db()
    assert (q1.status, q1.speaker, q1.version) == ("suggested", speakers["blasio"], 2)

    notice.get_by_role("button", name="Apply my change again").click()
    expect(page.locator("#review-counters")).to_contain_text("1 confirmed")
    q1.refresh_from_db()
    assert (q1.status, q1.speaker) == ("confirmed", speakers["blasio"])  # Olga's correction survived
    assert not [error for error in csp_violations if "Content Security Policy" in error]


def test_offsets_are_right_after_an_emoji(page: Page, live_server, editors):
    article = ArticleFactory(
        body="🦆🦆 Pond report. Officials said “the ponds are full,” and 🐸 frogs agreed that “spring is early.”",
        status=Article.Status.PRETAGGED,
    )
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/review/articles/{article.pk}/")
    select_text(page, "“the ponds are full,”")  # with the quotation marks: the server trims them
    page.keyboard.press("a")
    expect(page.locator("#review-card .card-quote")).to_have_text("the ponds are full,")
    added = Statement.objects.get(article=article)
    assert article.body[added.start : added.end] == "the ponds are full," and added.kind == "direct"

    # Boundaries from a selection (b) after an astral character too.
    select_text(page, "spring is early.")
    page.keyboard.press("a")
    expect(page.locator("#review-card .card-quote")).to_have_text("spring is early.")
    second = Statement.objects.exclude(pk=added.pk).get(article=article)
    select_text(page, "spring is")
    page.keyboard.press("b")
    expect(page.locator("#review-card .card-quote")).to_have_text("spring is")
    second.refresh_from_db()
    assert article.body[second.start : second.end] == "spring is" == second.text


def test_split_at_the_cursor_and_merge_back_with_keys(page: Page, live_server, seeded, editors):
    article, (q1, *_rest), _speakers = seeded
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/review/articles/{article.pk}/statements/{q1.pk}/")
    select_text(page, "They’re being quite brazen", caret=True)
    page.keyboard.press("/")
    expect(page.locator("#review-card .card-quote")).to_have_text(
        "ICE is not only lying and using what I think is an illegal approach to try and gain entry into people’s"
        " homes, but they’re also in the process, I think, pretty purposely trying to poison the relationship"
        " between the NYPD and immigrants and local government and immigrants."
    )
    parts = list(article.statements.filter(start__lt=q1.end + 200).order_by("start")[:2])
    assert parts[1].text.startswith("They’re being quite brazen")

    page.keyboard.press("m")
    expect(page.locator("#review-card .card-quote")).to_contain_text("They’re being quite brazen")
    q1.refresh_from_db()
    assert q1.text.endswith("who they are.") and not Statement.objects.filter(pk=parts[1].pk).exists()


def test_keys_panel_and_keys_wait_while_typing(page: Page, live_server, seeded, editors, csp_violations):
    article, (q1, *_rest), _speakers = seeded
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/review/articles/{article.pk}/")
    page.keyboard.press("?")
    dialog = page.locator("#keys-help")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("confirm")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.keyboard.press("e")
    expect(page.locator("#kind-cue input:checked")).to_be_focused()
    page.locator("#cue-text").fill("")
    page.locator("#cue-text").type("xcz")  # x, c and z are shortcuts: none fires while typing
    expect(page.locator("#cue-text")).to_have_value("xcz")
    page.keyboard.press("Escape")
    expect(page.locator("#card-title")).to_be_focused()
    q1.refresh_from_db()
    assert q1.status == "suggested" and not StatementEvent.objects.exists()
    assert not [error for error in csp_violations if "Content Security Policy" in error]


def test_without_javascript_an_editor_can_still_correct_and_confirm(browser, live_server, seeded, editors):
    article, (q1, *_rest), speakers = seeded
    page = browser.new_context(java_script_enabled=False).new_page()
    log_in(page, live_server, "eddie")
    page.get_by_role("link", name=article.title).click()
    expect(page.locator("#review-card")).to_have_attribute("data-statement", str(q1.pk))

    # Search is a plain GET form; choosing a result is a plain POST; each answers a whole page.
    page.locator("#speaker-q").fill("blasio")
    page.get_by_role("button", name="Search").click()
    page.locator("#speaker-results .speaker-option", has_text="Bill de Blasio").click()
    expect(page.locator(".messages")).to_contain_text("Speaker: Bill de Blasio")
    page.get_by_role("button", name="Confirm c").click()
    expect(page.locator("#review-counters")).to_contain_text("1 confirmed")
    q1.refresh_from_db()
    assert (q1.status, q1.speaker) == ("confirmed", speakers["blasio"])


def test_merging_two_quotes_keeps_the_reporters_words_out_and_shows_the_gap(
    page: Page, live_server, editors, artifacts_dir, csp_violations
):
    from ..factories import SpeakerFactory

    body = (
        "Transit workers met on Monday.\n\n“The contract is fair,” union president Keisha Grant told reporters. "
        "“We will sign it this week.”"
    )
    article = ArticleFactory(body=body, status=Article.Status.PRETAGGED)
    speaker = SpeakerFactory(name="Keisha Grant")
    first = Statement.objects.create(
        article=article, start=body.index("The"), end=body.index("fair,") + 5, text="The contract is fair,",
        speaker=speaker, kind="direct",
    )  # fmt: skip
    start = body.index("We will")
    Statement.objects.create(
        article=article, start=start, end=start + len("We will sign it this week."),
        text="We will sign it this week.", speaker=speaker, kind="direct",
    )  # fmt: skip
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/review/articles/{article.pk}/statements/{first.pk}/")
    card = page.locator("#review-card")
    expect(card).to_have_attribute("data-statement", str(first.pk))
    page.keyboard.press("m")
    expect(card.locator(".card-quote")).to_contain_text("The contract is fair, … We will sign it this week.")
    expect(card.locator(".card-quote")).to_contain_text("2 segments")
    marks = page.locator(f'#article-text mark[data-statement="{first.pk}"]')
    expect(marks).to_have_count(2)
    expect(page.locator(f'#article-text [data-gap-of="{first.pk}"]').first).to_contain_text("told reporters")
    page.screenshot(path=str(artifacts_dir / "review-merged-segments.png"), full_page=True)
    merged = Statement.objects.get(pk=first.pk)
    assert "Keisha Grant" not in merged.text and len(merged.spans) == 2
    assert not csp_violations
