"""Reader pages from a shared cache, and headers that let a CDN hold them.

What readers see changes only when the reader index does (a statement confirmed, corrected or rejected, a
speaker renamed or merged, an article's date or outlet changed), and every such change passes through
`reader_pages_changed()` (the reader index writers and the review history call it). It bumps one number,
the *generation*, once the change is committed; a cached page is stored under the generation it was built
in, so the next request after a change builds the page again: a confirmed statement appears at once, and
nothing has to find which pages it was on.

Pages are cached only for readers who are not logged in (editors see their own header), only when a cache
that every web process shares is configured (`CLAIMBOOK_CACHE_URL`, Redis): with the default per-process
cache, one process could not tell the others that a page changed. Whatever the cache, anonymous pages carry
`Cache-Control: public, max-age=…` (short: a CDN cannot be told about changes) and an ETag, so a CDN or a
browser can hold them and ask again cheaply (304).
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "claimbook:reader:generation"

type View = Callable[..., HttpResponse]


def shared_cache() -> bool:
    """Whether reader pages may be kept in the cache (a cache every web process shares is configured)."""
    return bool(settings.CLAIMBOOK_CACHE_URL) and settings.CLAIMBOOK_READER_CACHE_SECONDS > 0


def reader_generation() -> int:
    return int(cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 1)


def reader_pages_changed() -> None:
    """Something readers see changed: every cached reader page is stale once the change is committed."""
    if shared_cache():
        transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any value other than the pages' old one will do
        cache.set(GENERATION_KEY, reader_generation() + 1, timeout=None)


def _page_key(request: HttpRequest) -> str:
    variant = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"claimbook:reader:page:{reader_generation()}:{variant}:{path}"


def reader_page(view: View) -> View:
    """Serve a reader page from the shared cache when it can, and mark anonymous pages as publicly cacheable."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        anonymous = not request.user.is_authenticated
        cacheable = anonymous and request.method in ("GET", "HEAD") and shared_cache()
        key = _page_key(request) if cacheable else ""
        stored = cache.get(key) if cacheable else None
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if cacheable and response.status_code == 200 and not response.streaming:
                cache.set(key, (response.content, response["Content-Type"]), settings.CLAIMBOOK_READER_CACHE_SECONDS)
        _headers(response, anonymous=anonymous)
        return response

    return wrapper


def _headers(response: HttpResponse, *, anonymous: bool) -> None:
    patch_vary_headers(response, ["HX-Request"])
    if response.status_code != 200:
        return
    if anonymous:
        patch_cache_control(response, public=True, max_age=settings.CLAIMBOOK_READER_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=0)
