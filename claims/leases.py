"""Leases of running ingest jobs: how a job whose worker was killed is noticed.

A worker that starts a job gives it a lease (``CLAIMDESK_JOB_LEASE_SECONDS``) and renews it
a third of the way through for as long as the job runs. A running job whose lease ran out
has lost its worker (killed, or its machine gone): ``take_lost_jobs`` puts it back in the
queue with the reason, ``CLAIMDESK_JOB_MAX_REQUEUES`` times at most, then fails it with the
reason. ``claims.pipeline.requeue_lost_jobs`` hands the jobs taken to the workers; celery
beat runs it every ``CLAIMDESK_JOB_SWEEP_SECONDS``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Q
from django.utils import timezone

from articles.models import IngestJob
from lib.reasons import reason

log = logging.getLogger(__name__)
RUNNING = IngestJob.State.RUNNING


def lease_end() -> datetime:
    return timezone.now() + timedelta(seconds=settings.CLAIMDESK_JOB_LEASE_SECONDS)


@contextmanager
def lease_renewed(job_id: int) -> Iterator[None]:
    """Renew a running job's lease a third of the way through it, for as long as the work
    inside lasts (in a thread: the work may be one long fetch or extraction)."""
    done = threading.Event()

    def renew() -> None:
        interval = settings.CLAIMDESK_JOB_LEASE_SECONDS / 3
        try:
            while not done.wait(interval):
                try:
                    IngestJob.objects.filter(pk=job_id, state=RUNNING).update(
                        lease_expires_at=lease_end()
                    )
                except DatabaseError:
                    # A database that is busy or away for a moment (a locked table, a
                    # restart) must not end the renewals: the lease still has two
                    # thirds to run, and the next turn tries again.
                    log.exception("ingest job %s: could not renew its lease", job_id)
                    connections.close_all()
        finally:
            connections.close_all()  # this thread's own connections

    renewer = threading.Thread(target=renew, name=f"lease-{job_id}", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        done.set()
        renewer.join()


def take_lost_jobs() -> list[int]:
    """Put back in the queue the running jobs whose lease ran out (a running job without a
    lease is from before leases, and lost too), with the reason; fail those lost more than
    ``CLAIMDESK_JOB_MAX_REQUEUES`` times. Returns the ids queued again, for the caller to
    hand to the workers. Each job is taken by a conditional update, so that two sweeps at
    once take it once."""
    limit = settings.CLAIMDESK_JOB_MAX_REQUEUES
    now = timezone.now()
    lost = IngestJob.objects.filter(state=RUNNING).filter(
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True)
    )
    requeued = []
    for job in lost.only("pk", "requeues", "lease_expires_at"):
        still_lost = IngestJob.objects.filter(
            pk=job.pk, state=RUNNING, lease_expires_at=job.lease_expires_at
        )
        count = job.requeues + 1
        if job.requeues >= limit:
            if still_lost.update(
                state=IngestJob.State.FAILED,
                lease_expires_at=None,
                error=reason("worker_lost_gave_up", count=count),
                finished_at=now,
            ):
                log.warning("ingest job %s: its worker was lost %s times; failed", job.pk, count)
            continue
        if still_lost.update(
            state=IngestJob.State.QUEUED,
            lease_expires_at=None,
            requeues=count,
            error=reason("worker_lost", count=count, limit=limit),
        ):
            log.warning("ingest job %s: its worker was lost; queued again", job.pk)
            requeued.append(job.pk)
    return requeued
