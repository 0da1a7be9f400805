"""Background work. With CELERY_BROKER_URL set these run on Celery workers over Redis;
without it Celery runs them inline (CELERY_TASK_ALWAYS_EAGER).

Every task is idempotent: ingestion stores nothing twice (articles are keyed, unchanged
text makes no revision), so a job that runs again after a worker died is harmless. The
ingest-job task is defined by claims.pipeline, which queues it; it is named here too.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from articles.models import Article, Feed, FeedEntry
from claims.archiving import archive_source_task, refetch_sources_task
from claims.notifications import send_notification_emails_task
from claims.pipeline import (
    RETRY,
    TRANSIENT,
    SourceError,
    TransientIngestError,
    ingest_feed_entry,
    ingest_job_task,
    poll_feed,
    reextract_article,
    requeue_lost_jobs,
    run_ingest_job,
)
from claims.services import claims_mark_due
from claims.webhooks import deliver_webhook_task, retry_webhooks_task

__all__ = [
    "TRANSIENT",
    "BrokerError",
    "broker_reachable",
    "archive_source_task",
    "mark_due_rechecks_task",
    "refetch_sources_task",
    "ingest_feed_entry_task",
    "ingest_job_task",
    "poll_feed_task",
    "poll_feeds_task",
    "reextract_article_task",
    "requeue_lost_jobs_task",
    "run_ingest_job",
    "deliver_webhook_task",
    "retry_webhooks_task",
    "send_notification_emails_task",
]

log = logging.getLogger(__name__)
retried = shared_task(**RETRY)


def broker_reachable() -> str:
    """ "" when the background queue answers (or none is configured), else why not."""
    from config.celery import app

    if app.conf.task_always_eager:
        return ""
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except (BrokerError, OSError) as error:
        return str(error) or type(error).__name__
    return ""


@retried
def poll_feed_task(feed_id: int) -> int:
    """Poll one feed; each new entry is ingested by its own task."""
    feed = Feed.objects.get(pk=feed_id)
    try:
        outcome = poll_feed(feed)
    except TransientIngestError:
        raise
    except SourceError as error:
        Feed.objects.filter(pk=feed_id).update(
            last_error=error.reason[:500], last_polled_at=timezone.now()
        )
        log.warning("feed %s: %s", feed.url, error.reason)
        return 0
    for entry in outcome.new_entries:
        ingest_feed_entry_task.delay(entry.pk)
    return len(outcome.new_entries)


@retried
def ingest_feed_entry_task(entry_id: int) -> bool:
    outcome = ingest_feed_entry(FeedEntry.objects.get(pk=entry_id))
    return outcome is not None


@shared_task(ignore_result=True)
def poll_feeds_task() -> int:
    """Queue a poll of every active feed (run on a schedule by celery beat)."""
    ids = list(Feed.objects.filter(active=True).values_list("pk", flat=True))
    for feed_id in ids:
        poll_feed_task.delay(feed_id)
    return len(ids)


@retried
def reextract_article_task(article_id: int) -> int:
    result = reextract_article(Article.objects.get(pk=article_id))
    return result.claims_new


@shared_task(ignore_result=True)
def requeue_lost_jobs_task() -> int:
    """Queue again the jobs whose worker was killed or lost (run on a schedule by beat)."""
    return len(requeue_lost_jobs())


@shared_task(ignore_result=True)
def mark_due_rechecks_task() -> int:
    """Record "due for re-check" on the claims whose date has come (celery beat)."""
    return claims_mark_due()
