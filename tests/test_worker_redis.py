"""A feed ingested by a real Celery worker over a real Redis broker.

Needs CLAIMDESK_TEST_BROKER_URL (``.ci/run`` sets it) and PostgreSQL, whose test database
the worker process shares; elsewhere it is skipped with the reason.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from articles.models import Article, Feed, FeedEntry
from claims.models import Claim
from config.celery import app as celery_app
from tests.localserver import serve
from tests.pages import article_page, rss_feed
from tests.workers import BROKER, need_broker_and_postgresql, switch_broker, wait_for, worker_env

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker():
    need_broker_and_postgresql()
    celery = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    process = subprocess.Popen(
        [*celery, "--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=worker_env(),
    )
    previous = dict(celery_app.conf)
    switch_broker(BROKER, eager=False)
    celery_app.control.purge()
    yield process
    switch_broker(previous["broker_url"], eager=previous["task_always_eager"])
    process.terminate()
    process.wait(timeout=30)


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
        assert wait_for(lambda: FeedEntry.objects.filter(article__isnull=False).count() == 2)
        assert Article.objects.count() == 2
        assert Claim.objects.filter(article__title="Council passes budget").exists()

        first_poll = Feed.objects.get(pk=feed.pk).last_polled_at
        poll_feed_task.apply_async(args=(feed.pk,))
        assert wait_for(lambda: Feed.objects.get(pk=feed.pk).last_polled_at != first_poll)
        time.sleep(2)
        assert Article.objects.count() == 2
        assert FeedEntry.objects.count() == 2


def test_a_worker_on_redis_runs_the_analysis_after_ingestion(worker):
    """Ingestion commits, then hands the revision to the worker: the worker links one fact
    across articles and flags the conflicting figures (claims.tasks.analyse_revision_task)."""
    from claims.models import CanonicalClaim, ClaimLink
    from claims.pipeline import ingest_text
    from tests.test_canonical_claims import ENGLISH, NEWSPIM, OTHER_KO

    for text in (NEWSPIM, ENGLISH, OTHER_KO):
        ingest_text(text, title="t")
    assert wait_for(lambda: CanonicalClaim.objects.filter(conflict=True).exists())
    ko35 = Claim.objects.get(text__contains="35개국")
    en35 = Claim.objects.get(text__contains="35 countries")
    ko30 = Claim.objects.get(text__contains="30개국")
    assert ko35.canonical_id == en35.canonical_id == ko30.canonical_id is not None
    conflicts = ClaimLink.objects.filter(conflict=True)
    assert conflicts.count() == 2  # 30 against each report of 35
    assert all(ko30.pk in (link.claim_a_id, link.claim_b_id) for link in conflicts)
    assert ClaimLink.objects.filter(state=ClaimLink.State.AUTO, conflict=False).exists()
