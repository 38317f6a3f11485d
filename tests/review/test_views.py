"""The review views: wiring, permissions, the choice of partial, refusals. Services carry the detailed rules."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from annotations.models import Article, Speaker, Statement, StatementEvent
from annotations.review import services

from ..factories import ArticleFactory, SpeakerFactory, StatementFactory, UserFactory
from ..helpers import HTMX, soup
from .builders import article_with_statements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def statement_url(name: str, statement: Statement) -> str:
    return reverse(f"annotations:{name}", args=[statement.article_id, statement.pk])


def article_url(name: str, article: Article) -> str:
    return reverse(f"annotations:{name}", args=[article.pk])


@pytest.fixture
def pair(db):
    """An article with two suggestions (both attributed, both at version 1)."""
    return article_with_statements(2)


# --- one spec per statement action: how to call it, and what it changes ---


@dataclass
class Action:
    url: str
    data: Callable[[Statement, Statement], dict[str, Any]]
    changed: Callable[[Statement], bool]
    bad: Callable[[Statement, Statement], dict[str, Any]]
    bad_message: str


def _with_history(statement, _other):
    services.statement_update(
        statement=statement, editor=UserFactory(username="hist"), expected_version=1, kind="mixed"
    )
    Article.objects.filter(pk=statement.article_id).update(reviewing_by=None)
    statement.refresh_from_db()
    return {"version": statement.version, "to_version": 1}


STATEMENT_ACTIONS = {
    "confirm": Action(
        "review_confirm",
        lambda s, o: {"version": s.version},
        lambda s: s.status == "confirmed",
        lambda s, o: {},
        "which version you saw",
    ),
    "reject": Action(
        "review_reject",
        lambda s, o: {"version": s.version},
        lambda s: s.status == "rejected",
        lambda s, o: {"version": "abc"},
        "Enter a whole number",
    ),
    "speaker": Action(
        "review_speaker",
        lambda s, o: {"version": s.version, "speaker": SpeakerFactory(name="Tomas Reyes").pk},
        lambda s: s.speaker.name == "Tomas Reyes",
        lambda s, o: {"version": s.version, "speaker": 987654},
        "That speaker does not exist",
    ),
    "speaker_create": Action(
        "review_speaker_create",
        lambda s, o: {"version": s.version, "name": "Mira Holt", "kind": "person", "description": "Engineer"},
        lambda s: s.speaker.name == "Mira Holt",
        lambda s, o: {"version": s.version, "name": "", "kind": "person"},
        "This field is required",
    ),
    "edit": Action(
        "review_edit",
        lambda s, o: {"version": s.version, "kind": "indirect", "cue_text": "said"},
        lambda s: s.kind == "indirect",
        lambda s, o: {"version": s.version, "kind": "shouted"},
        "Select a valid choice",
    ),
    "boundaries": Action(
        "review_boundaries",
        lambda s, o: {"version": s.version, "move": "end-1"},
        lambda s: s.text.endswith("opens in May"),  # the comma goes first, then the word
        lambda s, o: {"version": s.version, "move": "set", "start": 5, "end": 10**6},
        "outside the article",
    ),
    "split": Action(
        "review_split",
        lambda s, o: {"version": s.version, "at": s.article.body.index("It opens", s.start)},
        lambda s: s.text.endswith("it is true."),
        lambda s, o: {"version": s.version, "at": s.start},
        "must lie inside the statement",
    ),
    "merge": Action(
        "review_merge",
        lambda s, o: {"version": s.version, "other": f"{o.pk}:{o.version}"},
        lambda s: s.end == Statement.objects.order_by("-end").values_list("end", flat=True).first(),
        lambda s, o: {"version": s.version, "other": "nonsense"},
        "Choose a neighbouring statement",
    ),
    "revert": Action(
        "review_revert",
        _with_history,
        lambda s: s.kind == "direct",
        lambda s, o: {"version": s.version, "to_version": 42},
        "not in its history",
    ),
}


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_action_without_javascript_redirects_back_to_the_page_and_saves(editor_client, pair, name):
    action = STATEMENT_ACTIONS[name]
    first, second = pair[1]
    response = editor_client.post(statement_url(action.url, first), action.data(first, second))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/review/articles/{first.article_id}/")
    first.refresh_from_db()
    assert action.changed(first)


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_action_with_htmx_answers_the_next_card_and_out_of_band_updates(editor_client, pair, name):
    action = STATEMENT_ACTIONS[name]
    first, second = pair[1]
    response = editor_client.post(statement_url(action.url, first), action.data(first, second), headers=HTMX)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("html") is None
    assert page.select_one("#review-card[data-statement]") is not None
    assert page.select_one('#review-counters[hx-swap-oob="true"]') is not None
    # The article text and the list: whole, or just the paragraphs and items the action touched.
    assert page.select_one('[hx-swap-oob="innerHTML:#article-text"], .para[hx-swap-oob="true"]') is not None
    assert page.select_one('[hx-swap-oob="innerHTML:#statement-list"], li[hx-swap-oob="true"]') is not None
    assert response["HX-Replace-Url"].startswith(f"/review/articles/{first.article_id}/")


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_action_with_bad_input_explains_in_the_card_and_changes_nothing(editor_client, pair, name):
    action = STATEMENT_ACTIONS[name]
    first, second = pair[1]
    response = editor_client.post(statement_url(action.url, first), action.bad(first, second), headers=HTMX)
    assert response.status_code == 422
    alert = soup(response).select_one("#review-card [role=alert]")
    assert action.bad_message in alert.get_text()
    assert not StatementEvent.objects.exclude(editor__username="hist").exists()


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_action_with_bad_input_without_javascript_shows_the_page_with_the_message(editor_client, pair, name):
    action = STATEMENT_ACTIONS[name]
    first, second = pair[1]
    response = editor_client.post(statement_url(action.url, first), action.bad(first, second))
    assert response.status_code == 422
    page = soup(response)
    assert page.find("html") is not None
    assert action.bad_message in page.select_one("#review-card [role=alert]").get_text()


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_action_on_a_stale_version_is_refused_with_the_current_state_and_a_way_to_reapply(editor_client, pair, name):
    action = STATEMENT_ACTIONS[name]
    first, second = pair[1]
    data = action.data(first, second)
    # Someone else changed the statement meanwhile (and left the article).
    rival = UserFactory(username="rival")
    current = Statement.objects.get(pk=first.pk)
    services.statement_update(statement=current, editor=rival, expected_version=current.version, cue_text="told")
    Article.objects.filter(pk=first.article_id).update(reviewing_by=None)

    response = editor_client.post(statement_url(action.url, first), data, headers=HTMX)
    assert response.status_code == 409
    page = soup(response)
    notice = page.select_one("#review-card .notice-conflict")
    assert "Not applied" in notice.get_text()
    changes = [" ".join(item.get_text().split()) for item in notice.select(".conflict-changes li")]
    assert changes == [f"v{current.version + 1}: rival corrected: cue “said” → “told”, just now"]  # what, who
    reapply = notice.select_one("form")
    assert reapply["action"] == statement_url(action.url, first)
    assert reapply.select_one("[name=version]")["value"] == str(current.version + 1)
    assert "told" in page.select_one("#review-card .facts").get_text()  # the current state is shown
    first.refresh_from_db()
    assert first.cue_text == "told" and not action.changed(first)


def test_reapplying_after_a_conflict_applies_the_change_to_the_current_version(editor_client, pair):
    first, _second = pair[1]
    rival = UserFactory(username="rival")
    services.statement_update(statement=first, editor=rival, expected_version=1, cue_text="told")
    Article.objects.filter(pk=first.article_id).update(reviewing_by=None)
    refused = editor_client.post(statement_url("review_reject", first), {"version": 1}, headers=HTMX)
    form = soup(refused).select_one(".notice-conflict form")
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    response = editor_client.post(form["action"], data, headers=HTMX)
    assert response.status_code == 200
    first.refresh_from_db()
    assert (first.status, first.cue_text) == ("rejected", "told")


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_action_checks_that_the_statement_belongs_to_the_article(editor_client, pair, name):
    action = STATEMENT_ACTIONS[name]
    first, second = pair[1]
    elsewhere = ArticleFactory()
    url = reverse(f"annotations:{action.url}", args=[elsewhere.pk, first.pk])
    response = editor_client.post(url, action.data(first, second))
    assert response.status_code == 404


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_anonymous_posts_go_to_the_log_in_page(client, pair, name):
    first, _second = pair[1]
    response = client.post(statement_url(STATEMENT_ACTIONS[name].url, first), {"version": 1})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_readers_may_not_post(reader_client, pair, name):
    first, _second = pair[1]
    response = reader_client.post(statement_url(STATEMENT_ACTIONS[name].url, first), {"version": 1})
    assert response.status_code == 403


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_actions_need_a_csrf_token(editor, pair, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    first, _second = pair[1]
    response = client.post(statement_url(STATEMENT_ACTIONS[name].url, first), {"version": 1})
    assert response.status_code == 403


@pytest.mark.parametrize("name", STATEMENT_ACTIONS)
def test_actions_only_accept_post(editor_client, pair, name):
    first, _second = pair[1]
    assert editor_client.get(statement_url(STATEMENT_ACTIONS[name].url, first)).status_code == 405


def test_a_single_statement_action_sends_only_what_it_changed(editor_client, pair):
    first, second = pair[1]
    response = editor_client.post(statement_url("review_reject", first), {"version": 1}, headers=HTMX)
    page = soup(response)
    assert [item["id"] for item in page.select('li[hx-swap-oob="true"]')] == [f"item-{first.pk}"]
    paragraphs = page.select('.para[hx-swap-oob="true"]')
    assert len(paragraphs) == 1 and first.text in paragraphs[0].get_text()
    assert page.select_one('[hx-swap-oob="innerHTML:#article-text"]') is None


def test_a_split_sends_the_whole_list_and_text(editor_client, pair):
    first, _second = pair[1]
    at = first.article.body.index("It opens", first.start)
    response = editor_client.post(statement_url("review_split", first), {"version": 1, "at": at}, headers=HTMX)
    page = soup(response)
    assert len(page.select('[hx-swap-oob="innerHTML:#statement-list"] li')) == 3
    assert page.select_one('[hx-swap-oob="innerHTML:#article-text"]') is not None


def test_confirm_moves_on_to_the_next_suggestion(editor_client, pair):
    first, second = pair[1]
    response = editor_client.post(statement_url("review_confirm", first), {"version": 1}, headers=HTMX)
    card = soup(response).select_one("#review-card")
    assert card["data-statement"] == str(second.pk) and card.has_attr("data-autofocus")


def test_the_last_confirmation_leaves_a_card_saying_nothing_is_left(editor_client):
    article, (only,) = article_with_statements(1)
    response = editor_client.post(statement_url("review_confirm", only), {"version": 1}, headers=HTMX)
    card = soup(response).select_one("#review-card")
    assert "Nothing left to review" in card.get_text() and not card.has_attr("data-statement")


def test_the_counters_follow_the_action(editor_client, pair):
    first, _second = pair[1]
    response = editor_client.post(statement_url("review_reject", first), {"version": 1}, headers=HTMX)
    counters = soup(response).select_one("#review-counters").get_text(" ", strip=True)
    assert "1 suggested" in counters and "1 rejected" in counters


def test_a_speaker_change_stays_on_the_statement(editor_client, pair):
    first, _second = pair[1]
    speaker = SpeakerFactory()
    response = editor_client.post(
        statement_url("review_speaker", first), {"version": 1, "speaker": speaker.pk}, headers=HTMX
    )
    assert soup(response).select_one("#review-card")["data-statement"] == str(first.pk)


def test_a_merged_away_speaker_cannot_be_chosen(editor_client, pair):
    first, _second = pair[1]
    gone = SpeakerFactory(merged_into=SpeakerFactory())
    response = editor_client.post(
        statement_url("review_speaker", first), {"version": 1, "speaker": gone.pk}, headers=HTMX
    )
    assert response.status_code == 422


def test_confirming_without_a_speaker_says_what_to_do(editor_client):
    statement = StatementFactory(speaker=None)
    response = editor_client.post(statement_url("review_confirm", statement), {"version": 1}, headers=HTMX)
    assert response.status_code == 422
    assert "Choose a speaker" in soup(response).select_one("#review-card [role=alert]").get_text()


def test_an_action_while_someone_else_reviews_is_refused_with_a_way_to_take_over(editor_client, pair):
    first, _second = pair[1]
    Article.objects.filter(pk=first.article_id).update(
        reviewing_by=UserFactory(username="olga"), reviewing_since=timezone.now()
    )
    response = editor_client.post(statement_url("review_confirm", first), {"version": 1}, headers=HTMX)
    assert response.status_code == 409
    notice = soup(response).select_one("#review-card .notice-warning")
    assert "olga is reviewing" in notice.get_text()
    assert notice.select_one("form")["action"] == article_url("review_take_over", first.article)
    first.refresh_from_db()
    assert first.status == "suggested"


def test_a_read_only_card_says_why_its_keys_do_nothing(editor_client, pair):
    article = pair[0]
    Article.objects.filter(pk=article.pk).update(
        reviewing_by=UserFactory(username="olga"), reviewing_since=timezone.now()
    )
    card = soup(editor_client.get(article_url("review_article", article))).select_one("#review-card")
    assert card["data-read-only"] == "olga is reviewing this article."  # review.js says it when a key is pressed
    assert "olga is reviewing" in card.select_one("#read-only-notice").get_text()
    assert card.select_one("[data-key=c]") is None


def test_a_huge_statement_id_is_a_404_not_a_server_error(editor_client, pair):
    article = pair[0]
    url = reverse("annotations:review_confirm", args=[article.pk, 2**70])
    assert editor_client.post(url, {"version": 1}).status_code == 404


def test_huge_offsets_are_refused_politely(editor_client, pair):
    article = pair[0]
    response = editor_client.post(article_url("review_add", article), {"start": 0, "end": 2**70}, headers=HTMX)
    assert response.status_code == 422


# --- article actions ---


def test_add_without_javascript_creates_the_statement_and_selects_it(editor_client):
    article = ArticleFactory()
    start = article.body.index("the budget")
    response = editor_client.post(article_url("review_add", article), {"start": start, "end": len(article.body)})
    created = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == statement_url("review_statement", created)


def test_add_with_htmx_answers_the_new_statements_card(editor_client):
    article = ArticleFactory()
    body = article.body
    start = body.index("We will")
    response = editor_client.post(
        article_url("review_add", article),
        {"start": start, "end": body.index("”"), "expected_text": body[start : body.index("”")]},
        headers=HTMX,
    )
    created = Statement.objects.get()
    assert soup(response).select_one("#review-card")["data-statement"] == str(created.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": 0, "end": 100_000}, "outside the article"),
        ({"start": 7, "end": 7}, "must end after it starts"),
        ({"start": 9, "end": 3}, "must end after it starts"),
        ({"start": 0, "end": 6, "expected_text": "Nothing"}, "does not match"),
        ({"start": "x", "end": 6}, "Enter a whole number"),
    ],
)
def test_add_with_bad_offsets_says_why_by_the_add_button_and_adds_nothing(editor_client, data, message):
    article = ArticleFactory()
    response = editor_client.post(article_url("review_add", article), data, headers=HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#add-error"
    assert message in soup(response).select_one("#add-error [role=alert]").get_text()
    assert not Statement.objects.exists()


def test_a_refused_add_empties_the_other_errors_on_the_page(editor_client, pair):
    article, (first, _second) = pair
    response = editor_client.post(
        article_url("review_add", article), {"start": first.start + 2, "end": first.end + 2}, headers=HTMX
    )
    assert response.status_code == 422
    page = soup(response)
    assert "overlap" in page.select_one("#add-error").get_text()
    assert page.select_one("#card-error[hx-swap-oob]").get_text(strip=True) == ""  # an earlier card error goes
    assert page.select_one("#review-notice[hx-swap-oob]").get_text(strip=True) == ""


def test_a_refused_add_without_javascript_says_why_by_the_add_form(editor_client, pair):
    article, (first, _second) = pair
    response = editor_client.post(article_url("review_add", article), {"start": first.start + 2, "end": first.end + 2})
    assert response.status_code == 422
    assert "overlap" in soup(response).select_one("#add-form #add-error").get_text()


def test_a_card_refusal_empties_the_add_error_and_the_notice(editor_client):
    statement = StatementFactory(speaker=None)
    response = editor_client.post(statement_url("review_confirm", statement), {"version": 1}, headers=HTMX)
    page = soup(response)
    assert "Choose a speaker" in page.select_one("#review-card #card-error").get_text()
    assert page.select_one("#add-error[hx-swap-oob]").get_text(strip=True) == ""
    assert page.select_one("#review-notice[hx-swap-oob]").get_text(strip=True) == ""


def test_after_an_action_no_earlier_error_is_left(editor_client, pair):
    _article, (first, _second) = pair
    response = editor_client.post(statement_url("review_reject", first), {"version": 1}, headers=HTMX)
    page = soup(response)
    assert page.select_one("#add-error[hx-swap-oob]").get_text(strip=True) == ""
    assert page.select_one("#review-card #card-error").get_text(strip=True) == ""


def test_confirm_above_confirms_and_reports(editor_client, pair):
    article, (first, second) = pair
    Statement.objects.filter(pk=first.pk).update(confidence=0.9)
    Statement.objects.filter(pk=second.pk).update(confidence=0.2)
    response = editor_client.post(article_url("review_confirm_above", article), {"threshold": 80}, headers=HTMX)
    assert "Confirmed 1 suggestion" in soup(response).select_one('[hx-swap-oob="innerHTML:#review-status"]').get_text()
    assert Statement.objects.get(pk=first.pk).status == "confirmed"


def test_confirm_above_without_javascript_redirects(editor_client, pair):
    article, _statements = pair
    response = editor_client.post(article_url("review_confirm_above", article), {"threshold": 0})
    assert response.status_code == 302
    assert set(article.statements.values_list("status", flat=True)) == {"confirmed"}


def test_confirm_above_refuses_a_threshold_over_100(editor_client, pair):
    article, _statements = pair
    response = editor_client.post(article_url("review_confirm_above", article), {"threshold": 150}, headers=HTMX)
    assert response.status_code == 422


def test_undo_answers_the_card_of_the_statement_it_restored(editor_client, editor, pair):
    article, (first, _second) = pair
    services.statement_confirm(statement=first, editor=editor, expected_version=1)
    response = editor_client.post(article_url("review_undo", article), headers=HTMX)
    assert soup(response).select_one("#review-card")["data-statement"] == str(first.pk)
    assert Statement.objects.get(pk=first.pk).status == "suggested"
    status = soup(response).select_one('[hx-swap-oob="innerHTML:#review-status"]').get_text()
    assert status == "Undone: confirmed (status suggested → confirmed)."


def test_undoing_a_bulk_action_says_how_many_statements_it_restored(editor_client, editor):
    article, _statements = article_with_statements(4)
    services.article_confirm_above(article=article, editor=editor, threshold=0)
    response = editor_client.post(article_url("review_undo", article), headers=HTMX)
    status = soup(response).select_one('[hx-swap-oob="innerHTML:#review-status"]').get_text()
    assert status == "Undone: confirmed 4 statements."


def test_undo_without_javascript_redirects(editor_client, editor, pair):
    article, (first, _second) = pair
    services.statement_confirm(statement=first, editor=editor, expected_version=1)
    response = editor_client.post(article_url("review_undo", article))
    assert response.status_code == 302 and Statement.objects.get(pk=first.pk).status == "suggested"


def test_the_undo_button_names_what_it_will_undo(editor_client, editor, pair):
    article, (first, _second) = pair
    services.statement_reject(statement=first, editor=editor, expected_version=1)
    page = soup(editor_client.get(article_url("review_article", article)))
    assert "rejected “Statement number 1" in page.select_one('[data-key="z"]').get_text()


def test_the_undo_button_counts_a_bulk_action(editor_client, editor):
    article, _statements = article_with_statements(4)
    services.article_confirm_above(article=article, editor=editor, threshold=0)
    page = soup(editor_client.get(article_url("review_article", article)))
    assert "confirmed 4 statements" in page.select_one('[data-key="z"]').get_text()


def test_admins_can_read_the_review_history(admin_client, editor, pair):
    first = pair[1][0]
    services.statement_reject(statement=first, editor=editor, expected_version=1)
    response = admin_client.get(reverse("admin:annotations_statementevent_changelist"))
    assert response.status_code == 200 and "status suggested → rejected" in response.text


def test_undo_with_nothing_to_undo_says_so(editor_client, pair):
    article, _statements = pair
    response = editor_client.post(article_url("review_undo", article), headers=HTMX)
    assert response.status_code == 422
    assert "nothing of yours to undo" in soup(response).select_one("#review-notice").get_text()


def test_mark_reviewed_with_open_suggestions_is_refused(editor_client, pair):
    article, _statements = pair
    response = editor_client.post(article_url("review_mark_reviewed", article), headers=HTMX)
    assert response.status_code == 422
    assert "2 suggestions are still open" in soup(response).select_one("#review-notice").get_text()


def test_mark_reviewed_sends_the_editor_back_to_the_queue(editor_client):
    article, _statements = article_with_statements(1, status="confirmed")
    response = editor_client.post(article_url("review_mark_reviewed", article), headers=HTMX)
    assert response["HX-Redirect"] == reverse("annotations:review_queue")
    assert Article.objects.get(pk=article.pk).status == "reviewed"


def test_mark_reviewed_without_javascript_redirects_to_the_queue(editor_client):
    article, _statements = article_with_statements(1, status="confirmed")
    response = editor_client.post(article_url("review_mark_reviewed", article))
    assert response.status_code == 302 and response["Location"] == reverse("annotations:review_queue")


def test_take_over_claims_the_article_and_reloads_the_page(editor_client, editor, pair):
    article, _statements = pair
    Article.objects.filter(pk=article.pk).update(reviewing_by=UserFactory(), reviewing_since=timezone.now())
    response = editor_client.post(article_url("review_take_over", article), headers=HTMX)
    assert response["HX-Refresh"] == "true"
    assert Article.objects.get(pk=article.pk).reviewing_by == editor


def test_release_frees_the_article(editor_client, editor, pair):
    article, _statements = pair
    Article.objects.filter(pk=article.pk).update(reviewing_by=editor, reviewing_since=timezone.now())
    response = editor_client.post(article_url("review_release", article))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).reviewing_by is None


@pytest.mark.parametrize("name", ["review_add", "review_confirm_above", "review_undo", "review_mark_reviewed"])
def test_article_actions_refuse_readers(reader_client, pair, name):
    assert reader_client.post(article_url(name, pair[0]), {"start": 0, "end": 3}).status_code == 403


@pytest.mark.parametrize("name", ["review_add", "review_confirm_above", "review_undo", "review_mark_reviewed"])
def test_article_actions_send_anonymous_users_to_log_in(client, pair, name):
    response = client.post(article_url(name, pair[0]))
    assert response["Location"].startswith(reverse("login"))


def test_an_htmx_request_without_a_session_redirects_the_whole_page_to_log_in(client, pair):
    first = pair[1][0]
    response = client.post(statement_url("review_confirm", first), {"version": 1}, headers=HTMX)
    assert response["HX-Redirect"].startswith(reverse("login") + "?next=")


# --- pages ---


def test_queue_lists_articles_with_counts_and_who_reviews_them(editor_client, pair):
    article, _statements = pair
    Article.objects.filter(pk=article.pk).update(
        reviewing_by=UserFactory(username="olga"), reviewing_since=timezone.now()
    )
    response = editor_client.get(reverse("annotations:review_queue"))
    row = soup(response).select_one("table.queue tbody tr")
    text = row.get_text(" ", strip=True)
    assert article.title in text and "olga" in text
    assert [cell.get_text(strip=True) for cell in row.select("td.num")] == ["2", "0", "0"]


def test_queue_filters_by_low_confidence(editor_client):
    low, _ = article_with_statements(1)
    Statement.objects.filter(article=low).update(confidence=0.1)
    high, _ = article_with_statements(1)
    Statement.objects.filter(article=high).update(confidence=0.95)
    response = editor_client.get(reverse("annotations:review_queue"), {"low": "on"})
    titles = [link.get_text() for link in soup(response).select(".queue-link")]
    assert titles == [low.title]


def test_queue_sorts_by_most_suggestions(editor_client):
    few, _ = article_with_statements(1)
    many, _ = article_with_statements(3)
    response = editor_client.get(reverse("annotations:review_queue"), {"sort": "suggestions"})
    assert [link.get_text() for link in soup(response).select(".queue-link")] == [many.title, few.title]


def test_queue_hides_reviewed_articles_unless_asked(editor_client):
    ArticleFactory(status="reviewed", title="Done and dusted")
    assert not soup(editor_client.get(reverse("annotations:review_queue"))).select(".queue-link")
    shown = soup(editor_client.get(reverse("annotations:review_queue"), {"status": "reviewed"}))
    assert [link.get_text() for link in shown.select(".queue-link")] == ["Done and dusted"]


def test_queue_with_htmx_answers_only_the_results(editor_client, pair):
    response = editor_client.get(reverse("annotations:review_queue"), {"sort": "confidence"}, headers=HTMX)
    page = soup(response)
    assert page.find("html") is None and page.select_one("#queue-results") is not None
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_queue_shows_and_filters_the_date_where_an_article_was_published(editor_client):
    import datetime as dt

    late = dt.datetime(2026, 11, 24, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    article, _statements = article_with_statements(1)
    article.published_at, article.published_offset = late, -300
    article.save()
    url = reverse("annotations:review_queue")
    page = soup(editor_client.get(url))
    assert page.select_one('time[datetime="2026-11-24T23:10:00-05:00"]').text == "24 Nov 2026"
    for day, listed in (("2026-11-24", True), ("2026-11-25", False)):
        page = soup(editor_client.get(url, {"published_from": day, "published_to": day}))
        assert (article.title in page.text) is listed, day


def test_queue_ignores_a_nonsense_filter(editor_client, pair):
    response = editor_client.get(reverse("annotations:review_queue"), {"outlet": "x", "published_from": "soon"})
    assert response.status_code == 200 and soup(response).select(".queue-link")


def test_queue_sends_anonymous_users_to_the_log_in_page(client):
    response = client.get(reverse("annotations:review_queue"))
    assert response.status_code == 302 and response["Location"] == reverse("login") + "?next=/review/"


def test_queue_is_forbidden_to_readers(reader_client):
    assert reader_client.get(reverse("annotations:review_queue")).status_code == 403


def test_superusers_may_review(admin_client, pair):
    assert admin_client.get(article_url("review_article", pair[0])).status_code == 200


def test_review_page_claims_the_article_and_selects_the_first_suggestion(editor_client, editor, pair):
    article, (first, _second) = pair
    response = editor_client.get(article_url("review_article", article))
    page = soup(response)
    assert page.select_one("#review-card")["data-statement"] == str(first.pk)
    assert "You are reviewing this article" in page.select_one("#lock-banner").get_text()
    article.refresh_from_db()
    assert (article.reviewing_by, article.status) == (editor, "in_review")


def test_review_page_text_is_exactly_the_article_body(editor_client, pair):
    article, _statements = pair
    page = soup(editor_client.get(article_url("review_article", article)))
    assert page.select_one("#article-text").get_text() == article.body


def test_review_page_marks_each_statement_with_its_status(editor_client, pair):
    article, (first, _second) = pair
    page = soup(editor_client.get(article_url("review_article", article)))
    marks = page.select(f'#article-text mark[data-statement="{first.pk}"]')
    assert "".join(mark.get_text() for mark in marks) == first.text
    assert "st-suggested" in marks[0]["class"]


def test_review_page_is_read_only_while_someone_else_reviews(editor_client, pair):
    article, _statements = pair
    Article.objects.filter(pk=article.pk).update(
        reviewing_by=UserFactory(username="olga"), reviewing_since=timezone.now()
    )
    page = soup(editor_client.get(article_url("review_article", article)))
    assert "olga" in page.select_one("#lock-banner").get_text()
    assert page.select_one("#review-card .card-actions") is None
    assert page.select_one("#lock-banner form")["action"] == article_url("review_take_over", article)


def test_statement_url_selects_that_statement(editor_client, pair):
    _article, (_first, second) = pair
    page = soup(editor_client.get(statement_url("review_statement", second)))
    assert page.select_one("#review-card")["data-statement"] == str(second.pk)


def test_statement_url_with_htmx_answers_just_the_card(editor_client, pair):
    _article, (_first, second) = pair
    response = editor_client.get(statement_url("review_statement", second), headers=HTMX)
    page = soup(response)
    assert page.find("html") is None and page.select_one("#review-card")["data-statement"] == str(second.pk)


def test_a_removed_statements_url_still_opens_the_article(editor_client, pair):
    article, (first, _second) = pair
    url = statement_url("review_statement", first)
    first.delete()
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "no longer exists" in soup(response).select_one("#review-notice").get_text()


def test_review_page_of_a_missing_article_is_404(editor_client):
    assert editor_client.get(reverse("annotations:review_article", args=[999_999])).status_code == 404


def test_review_page_is_forbidden_to_readers(reader_client, pair):
    assert reader_client.get(article_url("review_article", pair[0])).status_code == 403


def test_review_page_lists_the_keys_it_binds(editor_client, pair):
    page = soup(editor_client.get(article_url("review_article", pair[0])))
    listed = {key.get_text() for key in page.select("#keys-help dt kbd")}
    bound = {element["aria-keyshortcuts"].removeprefix("Shift+") for element in page.select("[aria-keyshortcuts]")}
    assert bound <= listed


def test_mark_reviewed_has_a_key_listed_in_the_keys_panel(editor_client, pair):
    page = soup(editor_client.get(article_url("review_article", pair[0])))
    button = page.select_one('#article-tools [data-key="R"]')
    assert button is not None and "Mark reviewed" in button.get_text()
    assert button["aria-keyshortcuts"] == "Shift+R"
    assert "R" in {key.get_text() for key in page.select("#keys-help dt kbd")}


def test_speaker_search_finds_by_alias(editor_client, pair):
    _article, (first, _second) = pair
    speaker = Speaker.objects.create(name="Bill de Blasio", slug="bdb")
    speaker.aliases.create(name="the mayor")
    response = editor_client.get(statement_url("review_speaker_search", first), {"speaker_q": "mayor"}, headers=HTMX)
    option = soup(response).select_one(".speaker-option")
    assert option["value"] == str(speaker.pk) and "alias “the mayor”" in option.get_text()


def test_speaker_search_says_when_nothing_matches(editor_client, pair):
    _article, (first, _second) = pair
    response = editor_client.get(statement_url("review_speaker_search", first), {"speaker_q": "zzz"}, headers=HTMX)
    assert "No speaker matches “zzz”" in soup(response).get_text()


def test_speaker_search_without_javascript_shows_results_in_the_page(editor_client, pair):
    _article, (first, _second) = pair
    SpeakerFactory(name="Mira Holt")
    response = editor_client.get(statement_url("review_statement", first), {"speaker_q": "mira"})
    assert "Mira Holt" in soup(response).select_one("#speaker-results").get_text()


def test_lock_banner_poll_shows_who_reviews(editor_client, pair):
    article, _statements = pair
    Article.objects.filter(pk=article.pk).update(
        reviewing_by=UserFactory(username="olga"), reviewing_since=timezone.now()
    )
    response = editor_client.get(article_url("review_lock", article), headers=HTMX)
    assert "olga" in soup(response).select_one("#lock-banner").get_text()


def test_nav_links_editors_to_the_review_queue(editor_client):
    page = soup(editor_client.get(reverse("annotations:home")))
    assert page.select_one('nav a[href="/review/"]') is not None


def test_nav_has_no_review_link_for_readers(reader_client):
    page = soup(reader_client.get(reverse("annotations:home")))
    assert page.select_one('nav a[href="/review/"]') is None


def test_editors_land_in_the_review_queue_after_logging_in(client, editor):
    editor.set_password("a-long-demo-password")
    editor.save()
    response = client.post(reverse("login"), {"username": editor.username, "password": "a-long-demo-password"})
    assert response["Location"] == reverse("annotations:review_queue")


def test_the_home_pages_log_in_link_leads_editors_to_the_queue(client):
    link = soup(client.get(reverse("annotations:home"))).select_one('nav a[href^="/accounts/login/"]')
    assert link["href"] == reverse("login")  # no ?next=/: LOGIN_REDIRECT_URL (the review queue) applies


def test_other_pages_log_in_link_comes_back_to_them(client):
    statement = StatementFactory(status="confirmed")
    page = soup(client.get(reverse("annotations:statement_detail", args=[statement.pk])))
    assert page.select_one('nav a[href^="/accounts/login/"]')["href"].endswith(f"?next=/statements/{statement.pk}/")


@pytest.mark.parametrize("name", ["annotations:home", "annotations:review_queue"])
def test_no_template_comment_leaks_into_a_page(editor_client, name):
    text = editor_client.get(reverse(name)).content.decode()
    assert "{#" not in text and "{%" not in text


def test_no_template_comment_leaks_into_the_review_page(editor_client, pair):
    text = editor_client.get(article_url("review_article", pair[0])).content.decode()
    assert "{#" not in text and "{%" not in text


def test_the_card_links_the_speaker_to_its_registry_record_and_says_when_it_is_new(editor_client):
    from annotations.registry.services import speaker_create

    new = speaker_create(name="Hannah Okafor", origin=Speaker.Origin.MODEL)
    article, (statement,) = article_with_statements(1, speaker=new)
    link = soup(editor_client.get(statement_url("review_statement", statement))).select_one(
        f'#review-card a[href="{reverse("annotations:registry_speaker", args=[new.pk])}"]'
    )
    assert link.get_text() == "new: check in the registry"
    Speaker.objects.filter(pk=new.pk).update(status=Speaker.Status.ACCEPTED)
    link = soup(editor_client.get(statement_url("review_statement", statement))).select_one(
        f'#review-card a[href="{reverse("annotations:registry_speaker", args=[new.pk])}"]'
    )
    assert link.get_text() == "registry record"


def test_the_card_history_says_who_changed_what_marks_undone_changes_and_offers_each_version(
    editor_client, editor, pair
):
    article, (first, _second) = pair
    services.statement_update(statement=first, editor=editor, expected_version=1, cue_text="<b>shouted</b>")
    services.statement_confirm(statement=first, editor=editor, expected_version=2)
    services.article_undo(article=article, editor=editor)  # takes back the confirmation: version 4
    page = soup(editor_client.get(statement_url("review_statement", first), headers=HTMX))
    entries = page.select("#history ol.history > li")
    assert [entry.select_one(".version").get_text() for entry in entries] == ["v4", "v3", "v2", "v1"]
    lines = [" ".join(entry.select_one(".history-what").get_text().split()) for entry in entries]
    assert lines[0].startswith(f"{editor.username} undid confirmed: status confirmed → suggested")  # said once
    assert lines[1].startswith(f"{editor.username} confirmed: status suggested → confirmed") and "(undone)" in lines[1]
    assert lines[2].startswith(f"{editor.username} corrected: cue “said” → “<b>shouted</b>”")  # shown as text
    assert lines[3] == "as pre-tagged"
    assert page.select_one("#history b") is None  # the editor's text is escaped, never markup
    assert "is-current" in entries[0]["class"] and "is-undone" in entries[1]["class"]
    assert entries[0].select_one("button") is None  # the current version: nothing to revert to
    assert [entry.select_one("button[name=to_version]")["value"] for entry in entries[1:]] == ["3", "2", "1"]


def test_a_statement_without_changes_says_so_in_its_history(editor_client, pair):
    _article, (first, _second) = pair
    page = soup(editor_client.get(statement_url("review_statement", first), headers=HTMX))
    entry = page.select_one("#history ol.history > li")
    assert entry.select_one(".version").get_text() == "v1"
    assert "No changes yet: this is the statement as pre-tagged." in entry.get_text()


@pytest.mark.parametrize(
    ("mention", "name", "description", "kind"),
    [
        ("board chair Helen Park", "Helen Park", "Board chair", "person"),
        ("Sen. Jonathan Reyes", "Jonathan Reyes", "Sen.", "person"),
        ("the Riders Alliance", "Riders Alliance", "", "organisation"),
    ],
)
def test_new_speaker_form_starts_from_the_mention(editor_client, mention, name, description, kind):
    statement = StatementFactory(speaker=None, mention_text=mention)
    url = statement_url("review_statement", statement)
    form = soup(editor_client.get(url, {"speaker_q": "budget"})).select_one("#new-speaker form")
    assert form.select_one("#new-speaker-name")["value"] == name  # not what was searched for
    assert form.select_one("#new-speaker-description").get("value", "") == description
    assert form.select_one("input[name=kind][checked]")["value"] == kind


def test_new_speaker_form_starts_from_the_search_when_the_mention_names_nobody(editor_client):
    statement = StatementFactory(speaker=None, mention_text="the mayor")
    page = soup(editor_client.get(statement_url("review_statement", statement), {"speaker_q": "Ada Brook"}))
    assert page.select_one("#new-speaker-name")["value"] == "Ada Brook"
