"""Celery brokers and worker processes for the tests that run real workers.

Those tests need CLAIMDESK_TEST_BROKER_URL (``.ci/run`` sets it) and PostgreSQL, whose test
database the worker processes share; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest
from django.db import connection
from kombu import pools

from config.celery import app as celery_app

BROKER = os.environ.get("CLAIMDESK_TEST_BROKER_URL", "")


def need_broker_and_postgresql() -> None:
    """Skip the test, saying why, unless a test broker and PostgreSQL are there."""
    if not BROKER:
        pytest.skip("set CLAIMDESK_TEST_BROKER_URL=redis://127.0.0.1:6379/15 (.ci/run does)")
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the test database only on PostgreSQL")


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def worker_env(**extra: str) -> dict[str, str]:
    """The environment of a worker process sharing this test database and broker."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CLAIMDESK_FETCH_ALLOW_LOOPBACK": "true",
        "CLAIMDESK_FETCH_MIN_DELAY_MS": "0",
        "CLAIMDESK_FETCH_RESPECT_ROBOTS": "false",
        **extra,
    }


def switch_broker(url: str, *, eager: bool) -> None:
    """Point this process's Celery app at a broker, dropping the connections made earlier.

    Any earlier send (even an eager one) creates the app's connection pool for the broker
    configured then (AMQP on localhost by default), and later sends would go there. kombu
    keeps pools in a registry keyed by broker URL: closing one without resetting the
    registry would hand the closed pool back the next time that URL is used.
    """
    celery_app.conf.update(broker_url=url, task_always_eager=eager)
    pools.reset()  # closes every pool, the app's included
    # Private attributes: Celery offers no public way to forget its pools.
    setattr(celery_app, "_pool", None)  # noqa: B010
    setattr(celery_app.amqp, "_producer_pool", None)  # noqa: B010


def wait_for(predicate: Callable[[], bool], seconds: float = 90.0) -> bool:
    """Whether ``predicate`` came true within ``seconds`` (checked twice a second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False
