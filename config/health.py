"""A health endpoint for load balancers and monitors: the database and the broker answer."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from config.celery import app


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _broker_state() -> str:
    if not settings.CELERY_BROKER_URL:
        return "inline"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001 (any broker failure means "down")
        return "down"
    return "ok"


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    database = "ok" if _database_ok() else "down"
    broker = _broker_state()
    healthy = database == "ok" and broker != "down"
    return JsonResponse(
        {"status": "ok" if healthy else "down", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )
