"""What every editor page shares (the review workspace, the speaker registry): who may use it, how an htmx
request for a fragment is told apart, and how a page declares its keyboard shortcuts.

Only users with `annotations.review_statement` (the Editors group, superusers) get in: anonymous users are
sent to log in, everybody else gets 403.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

PERMISSION = "annotations.review_statement"


@dataclass(frozen=True)
class Key:
    key: str  # KeyboardEvent.key, also the aria-keyshortcuts value
    action: str


def htmx_partial(request: HttpRequest) -> bool:
    """An htmx request that wants a fragment (boosted navigations get whole pages, as in NetBox)."""
    return bool(request.htmx) and not request.htmx.boosted


def _article_page(kwargs: dict) -> str:
    return (
        reverse("annotations:review_article", args=[kwargs["pk"]])
        if "pk" in kwargs
        else reverse("annotations:review_queue")
    )


def review_permission_required(view=None, *, page_of_post=_article_page):
    """Anonymous → the log-in page (htmx: a client-side redirect); logged in without the permission → 403.

    After logging in, a GET comes back to itself; a POST to the page it acts on, `page_of_post(url kwargs)`
    (by default the article under review).
    """
    if view is None:
        return lambda view: review_permission_required(view, page_of_post=page_of_post)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.htmx:
                back = request.htmx.current_url_abs_path or reverse("annotations:review_queue")
                return HttpResponseClientRedirect(redirect_to_login(back).url)
            back = request.get_full_path() if request.method == "GET" else page_of_post(kwargs)
            return redirect_to_login(back)
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
