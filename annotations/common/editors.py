"""What every editor page shares (the review workspace, the speaker registry): who may use it, how an htmx
request for a fragment is told apart, and how a page declares its keyboard shortcuts.

Only users with `annotations.review_statement` (the Editors group, superusers) get in: anonymous users are
sent to log in, everybody else gets 403.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Concatenate, cast, overload

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

PERMISSION = "annotations.review_statement"


@dataclass(frozen=True)
class Key:
    key: str  # KeyboardEvent.key, also the aria-keyshortcuts value
    action: str


class HtmxRequest(HttpRequest):
    """A request as django-htmx's middleware (in MIDDLEWARE) leaves it: `request.htmx` tells an htmx request apart.

    For type checking only (django-htmx's documented pattern): requests are never built from this class.
    """

    htmx: HtmxDetails


class EditorRequest(HtmxRequest):
    """What an editor view receives: `review_permission_required` lets in only a logged-in user with the
    permission, and the project uses Django's default user model."""

    user: User


# An editor view, and what `review_permission_required` makes of it: a view for any (htmx-aware) request.
type EditorView[**P] = Callable[Concatenate[EditorRequest, P], HttpResponse]
type GuardedView[**P] = Callable[Concatenate[HtmxRequest, P], HttpResponse]
# Where an anonymous user's POST comes back to after logging in, from the URL's keyword arguments.
type PageOfPost = Callable[[Mapping[str, object]], str]


def htmx_partial(request: HtmxRequest) -> bool:
    """An htmx request that wants a fragment (boosted navigations get whole pages, as in NetBox)."""
    return bool(request.htmx) and not request.htmx.boosted


def _article_page(kwargs: Mapping[str, object]) -> str:
    return (
        reverse("annotations:review_article", args=[kwargs["pk"]])
        if "pk" in kwargs
        else reverse("annotations:review_queue")
    )


@overload
def review_permission_required[**P](view: EditorView[P], *, page_of_post: PageOfPost = ...) -> GuardedView[P]: ...


@overload
def review_permission_required[**P](
    view: None = None, *, page_of_post: PageOfPost = ...
) -> Callable[[EditorView[P]], GuardedView[P]]: ...


def review_permission_required[**P](
    view: EditorView[P] | None = None, *, page_of_post: PageOfPost = _article_page
) -> GuardedView[P] | Callable[[EditorView[P]], GuardedView[P]]:
    """Anonymous → the log-in page (htmx: a client-side redirect); logged in without the permission → 403.

    After logging in, a GET comes back to itself; a POST to the page it acts on, `page_of_post(url kwargs)`
    (by default the article under review).
    """
    if view is None:
        return lambda view: review_permission_required(view, page_of_post=page_of_post)

    @wraps(view)
    def wrapper(request: HtmxRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            if request.htmx:
                back = request.htmx.current_url_abs_path or reverse("annotations:review_queue")
                return HttpResponseClientRedirect(redirect_to_login(back).url)
            back = request.get_full_path() if request.method == "GET" else page_of_post(kwargs)
            return redirect_to_login(back)
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(cast(EditorRequest, request), *args, **kwargs)  # logged in, with the permission: an editor

    return wrapper
