"""The pre-tagger learns from editors: review an article, train from the admin, activate, pre-tag, roll back.

Training runs in the test's thread where the worker would run it (the `training` queue), for a few steps.
"""

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Article, PretaggerModel, Statement
from annotations.pretagging.learning.services import pretagger_model_train
from annotations.pretagging.services import article_pretag

from ..factories import ArticleFactory, StatementFactory
from .browser import log_in, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_passwords")]


def test_review_train_activate_pretag_roll_back(page: Page, live_server, settings, csp_violations):
    settings.CLAIMBOOK_PRETAGGER_TRAIN_STEPS = 3
    admin = make_editor("eddie")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    StatementFactory(article=ArticleFactory(status=Article.Status.REVIEWED), status=Statement.Status.CONFIRMED)
    article = ArticleFactory(status=Article.Status.PRETAGGED)
    suggestion = StatementFactory(article=article)

    # An editor confirms the suggestion and marks the article reviewed.
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/review/articles/{article.pk}/")
    expect(page.locator("#review-card")).to_have_attribute("data-statement", str(suggestion.pk))
    page.keyboard.press("c")
    expect(page.locator("#review-counters")).to_contain_text("1 confirmed")
    page.keyboard.press("Shift+R")
    expect(page).to_have_url(f"{live_server.url}/review/")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEWED

    # The admin queues a new version on the training queue; the worker trains it.
    page.goto(f"{live_server.url}/admin/annotations/pretaggermodel/")
    expect(page.locator("#learning-status")).to_contain_text("2 reviewed articles to learn from")
    page.locator("#train-pretagger").click()
    expect(page.locator(".messagelist")).to_contain_text("Version 1 is queued for training")
    model = PretaggerModel.objects.get()
    assert model.state == PretaggerModel.State.QUEUED
    pretagger_model_train(model=model)

    # Its scores, beside the rules', then activation (confirmed when it scored below them).
    page.goto(f"{live_server.url}/admin/annotations/pretaggermodel/")
    row = page.locator("#result_list tbody tr").first
    expect(row).to_contain_text("ready")
    row.get_by_role("link", name="Activate").click()
    expect(page.locator("#activation-scores")).to_contain_text("rules alone")
    if page.locator("#below-warning").count():
        page.locator("#activate-anyway").click()
    else:
        page.locator("#activate").click()
    expect(page.locator(".messagelist")).to_contain_text("Version 1 is active")
    expect(page.locator("#learning-status")).to_contain_text("Active: version 1.")

    # The next article pre-tagged (by the worker) records the version it came from.
    fresh = ArticleFactory()
    article_pretag(article=fresh)
    fresh.refresh_from_db()
    assert fresh.nlp_model_version.endswith("+learned-1")
    assert all(v.endswith("+learned-1") for v in fresh.statements.values_list("model_version", flat=True))

    # Roll back: the rules alone again.
    page.locator("#rules-only").click()
    expect(page.locator("#learning-status")).to_contain_text("Active: the rules alone.")
    again = ArticleFactory()
    article_pretag(article=again)
    again.refresh_from_db()
    assert "learned" not in again.nlp_model_version
    assert not [error for error in csp_violations if "Content Security Policy" in error]
