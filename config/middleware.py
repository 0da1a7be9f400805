"""One structured log record per request: method, path, status, duration, user, request id."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger("claimdesk.request")
# A request id from the proxy is kept when it looks like one; anything else is replaced.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        status = response.status_code
        logger.log(
            logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": _user_id(request),
            },
        )
        return response


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, when the request has looked the user up.

    Logging never looks the user up itself: that is a database query, and one that waits
    out the pool's timeout a second time when the database is away.
    """
    user = getattr(request, "user", None)
    # AuthenticationMiddleware's lazy user, not evaluated yet (LazyObject's own attribute).
    never_loaded = isinstance(user, SimpleLazyObject) and user._wrapped is empty  # type: ignore[attr-defined]
    if user is None or never_loaded:
        return None
    return user.pk if user.is_authenticated else None
