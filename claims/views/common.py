"""What the review interface's views share: role checks, htmx detection, error messages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse

UNPROCESSABLE = 422
View = Callable[..., HttpResponse]


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
