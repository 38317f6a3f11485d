"""An editor corrects statements with the keyboard, in Debian's Chromium: boundaries, speakers, refusals.

Each journey ends with no console error on the page (a refusal's 4xx status is expected and not counted).
"""

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Article, Statement

from ..factories import ArticleFactory, UserFactory
from .browser import log_in, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Errors on the page's console and uncaught exceptions; a refused request's status line is not one."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and "the server responded with a status of 4" not in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def statement_over(article: Article, text: str) -> Statement:
    start = article.body.index(text)
    return Statement.objects.create(
        article=article, start=start, end=start + len(text), text=text, kind=Statement.Kind.INDIRECT
    )


def test_boundary_keys_retrace_and_keep_quotation_marks_balanced(page: Page, live_server, editor, console_errors):
    article = ArticleFactory(
        body='The mayor called the proposal "a starting point" on Monday.\n\n'
        "She said the city would keep this country safe. Then she left.",
        status=Article.Status.PRETAGGED,
    )
    proposal = statement_over(article, 'the proposal "a starting point"')
    safe = statement_over(article, "the city would keep this country safe")
    quote = page.locator("#review-card .card-quote")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/statements/{proposal.pk}/")

    # Start a word later, twice: once the opening mark is outside, its closing mark leaves too.
    page.keyboard.press("]")
    expect(quote).to_have_text('proposal "a starting point"')
    page.keyboard.press("]")
    expect(quote).to_have_text("a starting point")
    # And back, key for key.
    page.keyboard.press("[")
    expect(quote).to_have_text('proposal "a starting point"')
    page.keyboard.press("[")
    expect(quote).to_have_text('the proposal "a starting point"')
    proposal.refresh_from_db()
    assert proposal.text == 'the proposal "a starting point"'

    # The end stops after the word, then after its full stop; { walks back the same way.
    page.keyboard.press("j")
    expect(page.locator("#review-card")).to_have_attribute("data-statement", str(safe.pk))
    page.keyboard.press("}")
    expect(quote).to_have_text("the city would keep this country safe.")
    page.keyboard.press("{")
    expect(quote).to_have_text("the city would keep this country safe")
    page.keyboard.press("{")
    expect(quote).to_have_text("the city would keep this country")
    page.keyboard.press("}")
    expect(quote).to_have_text("the city would keep this country safe")
    safe.refresh_from_db()
    assert safe.text == "the city would keep this country safe"
    assert console_errors == []


def test_an_action_key_on_someone_elses_review_says_why_it_does_nothing(
    page: Page, live_server, editor, console_errors
):
    from django.utils import timezone

    olga = UserFactory(username="olga")
    article = ArticleFactory(status=Article.Status.IN_REVIEW, reviewing_by=olga, reviewing_since=timezone.now())
    statement = statement_over(article, "We will open the bridge in May,")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/")
    expect(page.locator("#lock-banner")).to_contain_text("olga is reviewing this article")

    page.keyboard.press("c")
    notice = page.locator("#review-card #read-only-notice")
    expect(notice).to_contain_text("olga is reviewing this article. Take over to make changes (c does nothing here).")
    expect(notice).to_be_in_viewport()
    expect(page.locator("#review-status")).to_contain_text("olga is reviewing this article")
    statement.refresh_from_db()
    assert statement.status == "suggested"
    assert console_errors == []


def test_shift_r_marks_a_finished_article_reviewed(page: Page, live_server, editor, console_errors):
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    statement = statement_over(article, "We will open the bridge in May,")
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.REJECTED)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/")
    page.keyboard.press("?")
    expect(page.locator("#keys-help")).to_contain_text("mark the article reviewed")
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+R")
    expect(page).to_have_url(f"{live_server.url}/review/")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEWED
    assert console_errors == []


def test_enter_in_the_speaker_search_picks_the_first_result_in_place(page: Page, live_server, editor, console_errors):
    from annotations.models import Speaker

    helen = Speaker.objects.create(name="Helen Park", slug="helen-park", description="Board chair", status="accepted")
    article = ArticleFactory(status=Article.Status.PRETAGGED)
    statement = statement_over(article, "We will open the bridge in May,")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/statements/{statement.pk}/")
    page.evaluate("window.notReloaded = true")

    page.keyboard.press("s")
    expect(page.locator("#speaker-q")).to_be_focused()
    page.keyboard.type("park")
    page.keyboard.press("Enter")  # at once: the pick waits for the results of "park"
    expect(page.locator("#review-card .facts")).to_contain_text("Helen Park")
    expect(page.locator("#review-status")).to_contain_text("Speaker: Helen Park")
    expect(page.locator("#card-title")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    assert "speaker_q" not in page.url
    statement.refresh_from_db()
    assert statement.speaker == helen
    assert console_errors == []


def test_a_new_speaker_starts_from_the_mention_so_enter_creates_it(page: Page, live_server, editor, console_errors):
    from annotations.models import Speaker

    article = ArticleFactory(
        body="The budget is short, board chair Helen Park said on Tuesday. “We will cut,” she added.",
        status=Article.Status.PRETAGGED,
    )
    statement = statement_over(article, "The budget is short,")
    mention = article.body.index("board chair")
    Statement.objects.filter(pk=statement.pk).update(
        mention_text="board chair Helen Park", mention_start=mention, mention_end=mention + 22
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/statements/{statement.pk}/")

    # Nobody called "budget": Enter opens the New speaker form, filled in from the mention.
    page.keyboard.press("s")
    page.keyboard.type("budget")
    page.keyboard.press("Enter")
    name = page.locator("#new-speaker-name")
    expect(name).to_be_focused()
    expect(name).to_have_value("Helen Park")
    expect(page.locator("#new-speaker-description")).to_have_value("Board chair")
    expect(page.locator("#new-speaker input[name=kind][value=person]")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.locator("#review-card .facts")).to_contain_text("Helen Park · Board chair")
    speaker = Speaker.objects.get(name="Helen Park")
    assert (speaker.description, speaker.kind) == ("Board chair", "person")
    statement.refresh_from_db()
    assert statement.speaker == speaker
    assert console_errors == []


def select_text(page: Page, needle: str) -> None:
    """Select `needle` in the article text, as a mouse would."""
    page.evaluate(
        """(needle) => {
            const root = document.getElementById("article-text");
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let full = "";
            while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.data; }
            const at = full.indexOf(needle);
            const locate = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; };
            const range = document.createRange();
            range.setStart(...locate(at));
            range.setEnd(...locate(at + needle.length));
            range.startContainer.parentElement.scrollIntoView({ block: "center" });
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }""",
        needle,
    )


def test_a_refused_add_says_why_next_to_it_and_earlier_errors_go(page: Page, live_server, editor, console_errors):
    filler = "\n\n".join(f"Paragraph {n} of the council story, with nothing quoted in it at all." for n in range(40))
    article = ArticleFactory(
        body="The mayor spoke first. “We will open the bridge in May,” she said.\n\n"
        + filler
        + "\n\nLate in the day the treasurer said the budget was “tight but fair,” and left.",
        status=Article.Status.PRETAGGED,
    )
    first = statement_over(article, "We will open the bridge in May,")
    statement_over(article, "tight but fair,")
    page.set_viewport_size({"width": 1280, "height": 700})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/statements/{first.pk}/")

    # An earlier refusal on the card: no speaker yet.
    page.keyboard.press("c")
    expect(page.locator("#card-error")).to_contain_text("Choose a speaker")

    # Far down the article, an add that overlaps a statement is refused next to the add button, in view.
    select_text(page, "budget was “tight but")
    page.keyboard.press("a")
    add_error = page.locator("#add-error")
    expect(add_error).to_contain_text("overlap")
    expect(add_error).to_be_in_viewport()
    expect(page.locator("#card-error")).to_be_empty()  # the card's earlier error no longer applies

    # Another selection: the refusal no longer applies either.
    select_text(page, "Late in the day")
    expect(add_error).to_be_empty()
    assert Statement.objects.filter(article=article).count() == 2
    assert console_errors == []
