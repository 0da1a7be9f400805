"""A feed ingested by a real Celery worker over a real Redis broker.

Needs CLAIMDESK_TEST_BROKER_URL (``.ci/run`` sets it) and PostgreSQL, whose test database
the worker process shares; elsewhere it is skipped with the reason.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from articles.models import Article, Feed, FeedEntry
from claims.models import Claim
from config.celery import app as celery_app
from tests.localserver import serve
from tests.pages import article_page, rss_feed

BROKER = os.environ.get("CLAIMDESK_TEST_BROKER_URL", "")
ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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


@pytest.fixture
def worker():
    if not BROKER:
        pytest.skip("set CLAIMDESK_TEST_BROKER_URL=redis://127.0.0.1:6379/15 (.ci/run does)")
    if connection.vendor != "postgresql":
        pytest.skip("the worker process shares the test database only on PostgreSQL")
    celery = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    process = subprocess.Popen(
        [*celery, "--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=worker_env(),
    )
    previous = dict(celery_app.conf)
    _switch_broker(BROKER, eager=False)
    celery_app.control.purge()
    yield process
    _switch_broker(previous["broker_url"], eager=previous["task_always_eager"])
    process.terminate()
    process.wait(timeout=30)


def _switch_broker(url: str, *, eager: bool) -> None:
    """Point this process's Celery app at a broker, dropping connections made earlier.

    Any earlier send (even an eager one) creates the app's connection pool for the broker
    configured then (AMQP on localhost by default), and later sends would go there.
    """
    celery_app.conf.update(broker_url=url, task_always_eager=eager)
    pool = getattr(celery_app, "_pool", None)
    if pool is not None:
        pool.force_close_all()
    # Private attributes: Celery offers no public way to forget its pools.
    setattr(celery_app, "_pool", None)  # noqa: B010
    setattr(celery_app.amqp, "_producer_pool", None)  # noqa: B010


def _wait_for(predicate, seconds: float = 90.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_a_worker_on_redis_ingests_each_feed_entry_once(worker):
    from claims.tasks import poll_feed_task

    pages = {
        "/a": (200, "text/html; charset=utf-8", article_page("Council passes budget", day=1)),
        "/b": (200, "text/html; charset=utf-8", article_page("Housing grants grow", day=2)),
    }
    with serve(pages) as base:
        items = [("Council passes budget", "/a"), ("Housing grants grow", "/b")]
        pages["/feed.xml"] = (200, "application/rss+xml", rss_feed(base, items))
        feed = Feed.objects.create(url=f"{base}/feed.xml")

        poll_feed_task.apply_async(args=(feed.pk,))
        assert _wait_for(lambda: FeedEntry.objects.filter(article__isnull=False).count() == 2)
        assert Article.objects.count() == 2
        assert Claim.objects.filter(article__title="Council passes budget").exists()

        first_poll = Feed.objects.get(pk=feed.pk).last_polled_at
        poll_feed_task.apply_async(args=(feed.pk,))
        assert _wait_for(lambda: Feed.objects.get(pk=feed.pk).last_polled_at != first_poll)
        time.sleep(2)
        assert Article.objects.count() == 2
        assert FeedEntry.objects.count() == 2
