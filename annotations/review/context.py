"""What the review page and its partials show: the statement list's entries, the counters, the selected
statement's card (neighbours, split points, merge partners, history, speaker choices) and the keys.

Built with a fixed number of queries whatever the article's size (tests/test_review_queries.py); the
list's entries get their labels here, in Python, because the list is re-sent with 100+ entries.
"""

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..common import names, spans
from ..common.editors import EditorRequest, Key
from ..models import Article, Speaker, Statement
from . import forms, selectors, services
from .markup import render_body

# The review page's keyboard shortcuts: the `?` panel lists them and README.md documents them (a test
# checks both, and that the buttons announce theirs with aria-keyshortcuts). static/review.js binds them.
REVIEW_KEYS = [
    Key("j", _("next statement")),
    Key("k", _("previous statement")),
    Key("n", _("next suggestion")),
    Key("c", _("confirm")),
    Key("x", _("reject")),
    Key("s", _("find a speaker")),
    Key("e", _("edit kind and cue")),
    Key("[", _("start one word earlier")),
    Key("]", _("start one word later")),
    Key("{", _("end one word earlier")),
    Key("}", _("end one word later")),
    Key("b", _("set the boundaries to the selected text")),
    Key("a", _("add the selected text as a statement")),
    Key("/", _("split the statement at the cursor")),
    Key("m", _("merge with the next statement")),
    Key("z", _("undo your last action (again to go further back)")),
    Key("h", _("show the statement's history")),
    Key("R", _("mark the article reviewed (Shift+R; when nothing is left suggested)")),
    Key("?", _("show these keys")),
    Key("Escape", _("leave a field or close this panel")),
]


def card_url(article: Article, statement: Statement | None) -> str:
    if statement is None:
        return reverse("annotations:review_article", args=[article.pk])
    return reverse("annotations:review_statement", args=[article.pk, statement.pk])


def short(text: str, words: int = 8) -> str:
    return Truncator(text).words(words, truncate="…")


def next_suggestion(statements: list[Statement], after: Statement | None) -> Statement | None:
    """The first suggestion after `after` in reading order, wrapping around; None when none is left."""
    suggested = [statement for statement in statements if statement.status == Statement.Status.SUGGESTED]
    if not suggested:
        return None
    if after is None:
        return suggested[0]
    here = (after.start, after.end, after.pk)
    return next((s for s in suggested if (s.start, s.end, s.pk) > here), suggested[0])


class _Once[T]:
    """A value computed on first use and then kept: templates call callables, so partials that do not
    show (say) the article text never pay for it."""

    def __init__(self, compute: Callable[[], T]):
        self.compute, self.done = compute, False
        self.value: T | None = None

    def __call__(self) -> T | None:
        if not self.done:
            self.value, self.done = self.compute(), True
        return self.value


def _prepare(article: Article, statements: list[Statement], low: float) -> list[Statement]:
    """Give each statement what its list item shows, computed once in Python.

    The list renders 100+ items on every action; template lookups, {% url %} and truncatechars for each
    would cost more than the rest of the response.
    """
    placeholder = 2_147_483_647
    pattern = reverse("annotations:review_statement", args=[article.pk, placeholder])
    status_labels = {value: str(label).capitalize() for value, label in Statement.Status.choices}
    kind_labels = {value: str(label).capitalize() for value, label in Statement.Kind.choices}
    for statement in statements:
        statement.review_url = pattern.replace(str(placeholder), str(statement.pk))
        statement.status_label = status_labels.get(statement.status, statement.status)
        text = statement.text
        statement.short_text = text if len(text) <= 140 else text[:139].rstrip() + "…"
        meta = [kind_labels.get(statement.kind, statement.kind)]
        if statement.cue_text:
            meta.append(f"cue “{statement.cue_text}”")
        if statement.mention_text:
            meta.append(f"mention “{statement.mention_text}”")
        statement.meta_label = " · ".join(meta)
        confidence = statement.confidence
        statement.percent = None if confidence is None else round(confidence * 100)
        statement.is_low = confidence is not None and confidence < low
    return statements


def page_context(
    request: EditorRequest,
    article: Article,
    *,
    statements: list[Statement] | None = None,
    selected: Statement | None = None,
    choose_default: bool = False,
    lock: services.ReviewLock | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Everything review/article.html and its partials need (a fixed number of queries, whatever the size)."""
    if statements is None:
        statements = selectors.article_statements(article)
    low = selectors.low_confidence()
    _prepare(article, statements, low)
    by_pk = {statement.pk: statement for statement in statements}
    if selected is not None:
        selected = by_pk.get(selected.pk)
    elif choose_default and statements:
        selected = next_suggestion(statements, None) or statements[0]
    lock = lock or services.article_review_lock(article=article, viewer=request.user)
    counts = Counter(statement.status for statement in statements)
    context: dict[str, Any] = {
        "article": article,
        "statements": statements,
        "selected": selected,
        "lock": lock,
        "can_edit": not lock.held_by_other,
        "lock_minutes": settings.CLAIMBOOK_REVIEW_LOCK_MINUTES,
        "counts": {
            "suggested": counts[Statement.Status.SUGGESTED],
            "confirmed": counts[Statement.Status.CONFIRMED],
            "rejected": counts[Statement.Status.REJECTED],
            "total": len(statements),
        },
        "body_html": _Once(lambda: render_body(article.body, statements)),
        "undoable": _Once(lambda: selectors.last_undoable(article=article, editor=request.user)),
        "confirm_above_form": forms.ConfirmAboveForm(),
        "low_confidence": low,
        "keys": REVIEW_KEYS,
        "kinds": Statement.Kind.choices,
        "speaker_kinds": Speaker.Kind.choices,
        "autofocus": False,
        "status_message": "",
        "notice": "",
        "error": "",
        "add_error": "",
        "conflict": None,
        "locked": None,
        "speaker_query": "",
        "open_section": "",
        "changed_items": None,  # after an action: the list items to update (None: the whole list)
        "changed_paragraphs": None,  # after an action: the paragraphs to update (None: the whole text)
    }
    context.update(_card_context(article, statements, selected, speaker_query=extra.get("speaker_query", "")))
    context.update(extra)
    return context


def _card_context(
    article: Article, statements: list[Statement], selected: Statement | None, *, speaker_query: str
) -> dict[str, Any]:
    """The selected statement's neighbours, split points, history and speaker choices (two or three queries)."""
    empty: dict[str, Any] = {
        "urls": {},
        "position": 0,
        "prev_statement": None,
        "next_statement": None,
        "next_suggestion": None,
        "versions": [],
        "split_choices": [],
        "merge_prev": None,
        "merge_next": None,
        "speaker_results": [],
        "new_speaker": {"name": speaker_query, "description": "", "kind": Speaker.Kind.PERSON},
    }
    if selected is None:
        return empty
    index = next(i for i, statement in enumerate(statements) if statement.pk == selected.pk)
    here = (selected.start, selected.end, selected.pk)
    merge_prev = merge_next = None
    if selected.status != Statement.Status.REJECTED:
        active = [s for s in statements if s.status != Statement.Status.REJECTED]
        earlier = [s for s in active if (s.start, s.end, s.pk) < here]
        later = [s for s in active if (s.start, s.end, s.pk) > here]
        if earlier and earlier[-1].end <= selected.start:
            merge_prev = earlier[-1]
        if later and later[0].start >= selected.end:
            merge_next = later[0]
    body = article.body
    split_choices = [
        (at, short(body[at : min(len(body), at + 80)], 5))
        for at in spans.split_points(body, selected.start, selected.end)
    ]
    following = next_suggestion(statements, selected)
    _events, versions = selectors.statement_history(selected)
    if speaker_query:
        results = selectors.speaker_search(query=speaker_query)
    else:
        results = selectors.speaker_suggestions(statement=selected, statements=statements)
    names = ["statement", "speaker_search", "confirm", "reject", "speaker", "speaker_create", "edit"]
    names += ["boundaries", "split", "merge", "revert"]
    placeholder = 2_147_483_647
    return {
        "urls": {
            name: reverse(f"annotations:review_{name}", args=[article.pk, placeholder]).replace(
                str(placeholder), str(selected.pk)
            )
            for name in names
        },
        "position": index + 1,
        "prev_statement": statements[index - 1] if index > 0 else None,
        "next_statement": statements[index + 1] if index + 1 < len(statements) else None,
        "next_suggestion": following if following is not None and following.pk != selected.pk else None,
        "versions": versions,
        "split_choices": split_choices,
        "merge_prev": merge_prev,
        "merge_next": merge_next,
        "speaker_results": results,
        "new_speaker": new_speaker_initial(selected.mention_text, speaker_query),
    }


def new_speaker_initial(mention: str, speaker_query: str) -> dict[str, str]:
    """What the New speaker form starts with: the mention's name without its office, the office as the
    description, the kind guessed from the mention ("Sen. Jonathan Reyes" → Jonathan Reyes, "Sen.", person);
    for a mention without a name ("he", "the mayor"), the name searched for."""
    name, office = names.split_mention(mention)
    return {
        "name": name or speaker_query,
        "description": office[:1].upper() + office[1:],
        "kind": names.guess_kind(mention) if name else Speaker.Kind.PERSON,
    }
