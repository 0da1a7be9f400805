"""Errors Django answers itself: JSON under /api/, a page in the reader's language elsewhere.

The pages are rendered without the request's context (no user, no session), so that they
never touch the database: the 503 is what a request gets while the database is away.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("claimdesk.errors")

API_PREFIX = "/api/"
# Seconds a client is asked to wait after a 503 (the database pool gives up within 5 s).
RETRY_AFTER = 5

TITLES: dict[int, Promise] = {
    400: _("Bad request"),
    403: _("Not allowed"),
    404: _("Not found"),
    500: _("Server error"),
    503: _("Temporarily unavailable"),
}
MESSAGES: dict[int, Promise] = {
    400: _("The request could not be understood."),
    403: _("You do not have permission to do this."),
    404: _("There is nothing at this address."),
    500: _("Something went wrong on our side. It has been logged; try again later."),
    503: _("The database is not answering. Try again in a few seconds."),
}


def error_response(request: HttpRequest, status: int) -> HttpResponse:
    """``{"detail": ...}`` (as DRF answers) under /api/; the error page elsewhere."""
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse({"detail": str(MESSAGES[status])}, status=status)
    else:
        context = {"status": status, "title": TITLES[status], "message": MESSAGES[status]}
        page = loader.get_template("error.html").render(context)
        response = HttpResponse(page, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def unavailable(request: HttpRequest, error: OperationalError) -> HttpResponse:
    logger.warning("database unavailable: %s %s: %s", request.method, request.path, error)
    return error_response(request, 503)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception; a middleware's database error (a
    # session saved after the view) arrives here rather than at DatabaseUnavailable.
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError):
        return unavailable(request, error)
    return error_response(request, 500)


class DatabaseUnavailableMiddleware:
    """A database that does not answer (down, pool timed out) is a 503, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError):
            return unavailable(request, exception)
        return None
