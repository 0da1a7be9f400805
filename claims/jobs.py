"""Queueing ingestion for background workers (Celery on Redis), or running it inline.

When the broker cannot be reached, a job is not left queued forever: it runs inline, in
the request, as it would with no broker configured, and the reason is logged.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from articles.models import IngestJob
from claims.tasks import TRANSIENT, ingest_job_task, run_ingest_job

log = logging.getLogger(__name__)


def work_is_queued() -> bool:
    """True when a broker is configured and jobs run on workers, not inline."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def ingest_job_queue(*, source: str, user: Any | None = None) -> IngestJob:
    """Record a job for a source (a URL) and hand it to a worker once the job is committed.

    The job returned reflects the hand-over when it happened at once (outside a
    transaction): still queued, or already done or failed when it ran inline.
    """
    job = IngestJob.objects.create(source=source[:2000], created_by=user)
    transaction.on_commit(lambda: _hand_over(job))
    return job


def _hand_over(job: IngestJob) -> None:
    try:
        ingest_job_task.delay(job.pk)
        return
    except BrokerError as error:
        log.warning(
            "background queue unreachable (%s): running ingest job %s inline", error, job.pk
        )
    try:
        run_ingest_job(job.pk, last_attempt=True)
    except TRANSIENT:
        pass  # recorded on the job as failed, with the reason
    job.refresh_from_db()
