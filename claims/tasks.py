"""Background work. With CELERY_BROKER_URL set these run on Celery workers over Redis;
without it Celery runs them inline (CELERY_TASK_ALWAYS_EAGER).

Every task is idempotent: ingestion stores nothing twice (articles are keyed, unchanged
text makes no revision), so a job that runs again after a worker died is harmless.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.db import DatabaseError, connection
from django.utils import timezone

from articles.models import Article, Feed, FeedEntry, IngestJob
from claims.pipeline import (
    SourceError,
    TransientIngestError,
    ingest_feed_entry,
    ingest_source,
    poll_feed,
    reextract_article,
)

log = logging.getLogger(__name__)
# Transient failures (timeouts, 5xx, a database that went away) retry with backoff;
# permanent ones (a 404, a page that is not an article) are recorded and not retried.
# Outcomes are recorded in the database (IngestJob, FeedEntry, Feed), never in a result
# backend: ignore_result also spares each send a subscription to the result store, which
# would hang for many seconds instead of failing fast when Redis is down.
RETRY: dict[str, Any] = {
    "autoretry_for": (TransientIngestError, DatabaseError),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
    "ignore_result": True,
}
retried = shared_task(**RETRY)
TRANSIENT = (TransientIngestError, DatabaseError)


@shared_task(bind=True, **RETRY)
def ingest_job_task(self: Any, job_id: int) -> str:
    """Ingest a queued job's source and record the outcome on the job."""
    last = self.request.retries >= (self.max_retries or 0)
    return run_ingest_job(job_id, last_attempt=last)


def run_ingest_job(job_id: int, *, last_attempt: bool) -> str:
    """Ingest a job's source and record the outcome on the job; safe to run again.

    A transient failure (a timeout, a database that went away mid-ingest) leaves nothing
    stored, since the ingestion is one transaction, and is recorded on the job: queued
    again with the reason when a retry follows, failed on the last attempt. It is raised
    again so that Celery retries.
    """
    job = IngestJob.objects.get(pk=job_id)
    if job.state == IngestJob.State.DONE:
        return job.state
    IngestJob.objects.filter(pk=job_id).update(state=IngestJob.State.RUNNING)
    try:
        outcome = ingest_source(job.source)
    except TRANSIENT as error:
        _record_transient(job, error, last_attempt=last_attempt)
        raise
    except SourceError as error:
        _finish(job, IngestJob.State.FAILED, error=error.reason)
        return IngestJob.State.FAILED
    _finish(job, IngestJob.State.DONE, article_ids=[a.article.pk for a in outcome.articles])
    return IngestJob.State.DONE


def _record_transient(job: IngestJob, error: Exception, *, last_attempt: bool) -> None:
    if isinstance(error, SourceError):
        reason = error.reason
    else:
        reason = f"database error: {str(error).strip() or type(error).__name__}"
    log.warning("ingest job %s: %s", job.pk, reason)
    try:
        # A connection the server dropped stays broken: replace it (outside a transaction).
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        if last_attempt:
            _finish(job, IngestJob.State.FAILED, error=f"Gave up after retries: {reason}")
        else:
            IngestJob.objects.filter(pk=job.pk).update(
                state=IngestJob.State.QUEUED, error=f"Temporary failure, retrying: {reason}"[:1000]
            )
    except DatabaseError:
        log.exception("ingest job %s: could not record the failure", job.pk)


def _finish(
    job: IngestJob, state: str, *, error: str = "", article_ids: list[int] | None = None
) -> None:
    job.state = state
    job.error = error[:1000]
    job.article_ids = article_ids or []
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "article_ids", "finished_at"])


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
