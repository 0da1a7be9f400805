"""What the review interface's views share: role checks, htmx detection, error messages,
page parts cached whole."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString

from config.csrf import field as csrf_field

UNPROCESSABLE = 422
View = Callable[..., HttpResponse]
# Where a cached page part's forms take their CSRF token, which goes in per request.
CSRF_MARK = SafeString("<!--claimdesk:csrf-->")


def cached_part(
    request: HttpRequest,
    kind: str,
    key: list[str],
    seconds: int,
    build: Callable[[], str],
    *,
    where: str | None = None,
) -> str:
    """A part of a page cached whole for ``seconds`` under ``key`` (what it shows) and
    ``where`` (what it takes from the request's URL: the whole URL unless given), built by
    ``build`` on a miss; its CSRF_MARK holds this request's token.

    The cache is Django's default: Redis when the server has one (config/settings.py), so
    every worker process serves a part any of them built; else each process's memory.
    """
    place = request.get_full_path() if where is None else where
    digest = hashlib.blake2b("|".join([*key, place]).encode(), digest_size=16).hexdigest()
    name = f"claimdesk:{kind}:{digest}"
    part = cache.get(name)
    if part is None:
        part = build()
        cache.set(name, part, seconds)
    return part.replace(CSRF_MARK, csrf_field(request), 1) if CSRF_MARK in part else part


def role_required(check: Callable[[Any], bool]) -> Callable[[View], View]:
    """Anonymous users go to sign in; signed-in users without the role get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                if is_htmx(request):
                    # Signed out mid-review: refuse without swapping anything, so what the
                    # reviewer typed stays on the page (the page says what happened).
                    return HttpResponse(status=401)
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def htmx_redirect(url: str) -> HttpResponse:
    """Have htmx load ``url`` as a whole page (the article text must be drawn again)."""
    response = HttpResponse(status=204)
    response["HX-Redirect"] = url
    return response


def error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)
