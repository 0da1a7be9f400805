"""Queueing ingestion for background workers (Celery on Redis), or running it inline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from articles.models import IngestJob
from claims.tasks import ingest_job_task


def work_is_queued() -> bool:
    """True when a broker is configured and jobs run on workers, not inline."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def ingest_job_queue(*, source: str, user: Any | None = None) -> IngestJob:
    """Record a job for a source (a URL) and hand it to a worker once the job is committed."""
    job = IngestJob.objects.create(source=source[:2000], created_by=user)
    transaction.on_commit(lambda: ingest_job_task.delay(job.pk))
    return job
