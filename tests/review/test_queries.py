"""Every review page and action runs the same number of SQL queries for 2 statements as for 40.

Each case builds an article, warms the client up (session, permissions), measures the request at the small
size, then asserts exactly that count at the large size (django_assert_num_queries), plus a budget.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.models import Statement, StatementEvent
from annotations.review import services
from annotations.review.selectors import HISTORY_LIMIT
from annotations.review.services import snapshot

from ..factories import SpeakerFactory
from ..helpers import HTMX
from .builders import article_with_statements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

SMALL, LARGE = 2, 40
GROUPING = 8


@dataclass
class Case:
    method: str
    url: Callable  # (article, statements) -> url
    data: Callable = lambda article, statements, editor: {}  # may prepare the database too
    # 4 of these are the session, the user and their permissions; in tests, each transaction adds 2 SAVEPOINTs.
    # 1 of them keeps the reader index current (services.search); up to 8 keep the groups of reports current
    # (annotations.groups: every statement here quotes words another article's confirmed report has).
    budget: int = 21 + GROUPING


def _s(name):
    return lambda article, statements: reverse(f"annotations:{name}", args=[article.pk, statements[0].pk])


def _a(name):
    return lambda article, statements: reverse(f"annotations:{name}", args=[article.pk])


def _version(article, statements, editor):
    return {"version": statements[0].version}


def _confirm_all_then_undo(article, statements, editor):
    services.article_confirm_above(article=article, editor=editor, threshold=0)
    return {}


def _settle_all(article, statements, editor):
    Statement.objects.filter(article=article).update(status="confirmed")
    return {}


CASES = {
    "queue": Case("get", lambda article, statements: reverse("annotations:review_queue"), budget=6),
    "review page": Case("get", _a("review_article"), budget=12),
    "card": Case("get", _s("review_statement"), budget=11),
    "speaker search": Case("get", _s("review_speaker_search"), lambda a, s, e: {"speaker_q": "Speaker"}, budget=7),
    "confirm": Case("post", _s("review_confirm"), _version),
    "reject": Case("post", _s("review_reject"), _version),
    "speaker": Case(
        "post", _s("review_speaker"), lambda a, s, e: {"version": 1, "speaker": SpeakerFactory().pk, "add_alias": "on"}
    ),
    "speaker create": Case(
        "post",
        _s("review_speaker_create"),
        lambda a, s, e: {"version": 1, "name": f"New person {a.pk}", "kind": "person"},
        budget=27 + GROUPING,  # the speaker, its name as an alias, and the reader index
    ),
    "kind and cue": Case(
        "post", _s("review_edit"), lambda a, s, e: {"version": 1, "kind": "mixed", "cue_text": "told"}
    ),
    "boundaries": Case("post", _s("review_boundaries"), lambda a, s, e: {"version": 1, "move": "end-1"}),
    "split": Case(
        "post", _s("review_split"), lambda a, s, e: {"version": 1, "at": a.body.index("It opens", s[0].start)}
    ),
    "merge": Case(
        "post", _s("review_merge"), lambda a, s, e: {"version": 1, "other": f"{s[1].pk}:1"}, budget=23 + GROUPING
    ),
    "revert": Case(
        "post",
        _s("review_revert"),
        lambda a, s, e: (
            services.statement_update(statement=s[0], editor=e, expected_version=1, kind="mixed"),
            {"version": 2, "to_version": 1},
        )[1],
    ),
    "add": Case(
        "post",
        _a("review_add"),
        lambda a, s, e: {"start": a.body.index("said Speaker 1"), "end": a.body.index("said Speaker 1") + 4},
    ),
    "confirm above": Case("post", _a("review_confirm_above"), lambda a, s, e: {"threshold": 0}),
    "undo (of confirm above)": Case("post", _a("review_undo"), _confirm_all_then_undo),
    "mark reviewed": Case("post", _a("review_mark_reviewed"), _settle_all, budget=12),
}


def _measure(client, editor, case: Case, size: int):
    article, statements = article_with_statements(size)
    data = case.data(article, statements, editor)
    url = case.url(article, statements)
    client.get(reverse("annotations:review_queue"))  # warm up: session, user and permissions are cached per request
    return getattr(client, case.method), url, data


@pytest.fixture
def reported_elsewhere():
    """Two confirmed reports, in other articles, of the words every statement here quotes, grouped: each
    statement confirmed below joins that group, at both sizes alike (not a new group at the first size)."""
    from annotations.groups.services import statement_groups_refresh

    reports = [article_with_statements(1, status=Statement.Status.CONFIRMED)[1][0] for _ in range(2)]
    statement_groups_refresh(statement_ids=[r.pk for r in reports])


@pytest.mark.parametrize("name", CASES)
def test_query_count_does_not_grow_with_the_number_of_statements(
    editor_client, editor, name, django_assert_num_queries, reported_elsewhere
):
    case = CASES[name]
    send, url, data = _measure(editor_client, editor, case, SMALL)
    with CaptureQueriesContext(connection) as small:
        response = send(url, data, headers=HTMX)
    count = len(small)  # now: the next request resets the query log
    assert response.status_code == 200
    assert count <= case.budget, (count, [query["sql"][:120] for query in small.captured_queries])

    send, url, data = _measure(editor_client, editor, case, LARGE)
    with django_assert_num_queries(count):
        response = send(url, data, headers=HTMX)
    assert response.status_code == 200


def _card_queries(client, article, statement) -> int:
    url = reverse("annotations:review_statement", args=[article.pk, statement.pk])
    client.get(reverse("annotations:review_queue"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=HTMX).status_code == 200
    return len(queries)


def test_a_card_with_a_long_history_costs_one_query_more_not_one_per_editor(editor_client, editor):
    """Past HISTORY_LIMIT changes the card also loads the first version (one query), with its editor."""
    article, (short, long, *_) = article_with_statements(2)
    for statement, changes in ((short, 2), (long, HISTORY_LIMIT + 2)):
        StatementEvent.objects.create(
            article=article,
            statement=statement,
            editor=editor,
            action=StatementEvent.Action.CREATE,
            action_id=uuid.uuid4(),
            before=None,
            after=snapshot(statement),
            version=statement.version,
        )
        for _ in range(changes):
            statement.refresh_from_db()
            kind = "mixed" if statement.kind != "mixed" else "direct"
            services.statement_update(statement=statement, editor=editor, expected_version=statement.version, kind=kind)
    assert _card_queries(editor_client, article, long) == _card_queries(editor_client, article, short) + 1
