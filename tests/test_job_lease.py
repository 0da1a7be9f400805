"""Ingest jobs hold a lease while they run (issue 17, item 16): a job whose worker was killed
is queued again when its lease runs out, a few times at most, then failed with the reason.

The rule is tested here on the database the suite runs on (SQLite and PostgreSQL in CI);
tests/test_faults_worker.py kills a real worker with SIGKILL.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from articles.models import IngestJob
from claims import leases, pipeline
from claims.pipeline import IngestOutcome, requeue_lost_jobs, run_ingest_job
from config.celery import app as celery_app
from tests.workers import wait_for

State = IngestJob.State


@pytest.fixture
def sent(monkeypatch) -> list[int]:
    """Job ids handed to the workers (nothing runs)."""
    handed: list[int] = []
    monkeypatch.setattr(pipeline.ingest_job_task, "delay", handed.append)
    return handed


def running_job(*, lease_seconds: float, requeues: int = 0) -> IngestJob:
    return IngestJob.objects.create(
        source="https://news.example/a",
        state=State.RUNNING,
        lease_expires_at=timezone.now() + timedelta(seconds=lease_seconds),
        requeues=requeues,
    )


def test_a_running_job_whose_lease_ran_out_is_queued_again_with_the_reason(db, sent):
    job = running_job(lease_seconds=-1)
    assert requeue_lost_jobs() == [job.pk]
    job = IngestJob.objects.get(pk=job.pk)
    assert (job.state, job.requeues, job.lease_expires_at) == (State.QUEUED, 1, None)
    assert "stopped before it finished" in job.error and "(1 of 3)" in job.error
    assert sent == [job.pk]


def test_a_running_job_with_a_live_lease_is_left_alone(db, sent):
    job = running_job(lease_seconds=60)
    assert requeue_lost_jobs() == []
    assert IngestJob.objects.get(pk=job.pk).state == State.RUNNING
    assert sent == []


def test_a_running_job_without_a_lease_is_taken_for_lost(db, sent):
    # Rows from before leases existed, left running by a worker that died.
    job = IngestJob.objects.create(source="https://news.example/a", state=State.RUNNING)
    assert requeue_lost_jobs() == [job.pk]
    assert IngestJob.objects.get(pk=job.pk).state == State.QUEUED


@pytest.mark.parametrize("state", [State.QUEUED, State.DONE, State.FAILED])
def test_jobs_not_running_are_never_requeued(db, sent, state):
    job = running_job(lease_seconds=-60)
    IngestJob.objects.filter(pk=job.pk).update(state=state)
    assert requeue_lost_jobs() == []
    assert IngestJob.objects.get(pk=job.pk).state == state
    assert sent == []


def test_a_job_lost_too_many_times_ends_failed_with_the_reason(db, sent, settings):
    settings.CLAIMDESK_JOB_MAX_REQUEUES = 3
    job = running_job(lease_seconds=-1)
    rounds = 0
    while IngestJob.objects.get(pk=job.pk).state != State.FAILED:
        # Each time, a worker picks the job up and is killed before it finishes.
        IngestJob.objects.filter(pk=job.pk).update(
            state=State.RUNNING, lease_expires_at=timezone.now() - timedelta(seconds=1)
        )
        requeue_lost_jobs()
        rounds += 1
        assert rounds <= 4
    assert rounds == 4
    job = IngestJob.objects.get(pk=job.pk)
    assert job.requeues == 3 and sent == [job.pk] * 3
    assert job.finished_at is not None and job.lease_expires_at is None
    assert "stopped before it finished 4 times; gave up" in job.error


def test_a_failed_job_in_the_readers_language(db, sent, settings):
    from django.utils import translation

    from articles.presentation import reason_text

    settings.CLAIMDESK_JOB_MAX_REQUEUES = 0
    job = running_job(lease_seconds=-1)
    requeue_lost_jobs()
    job.refresh_from_db()
    with translation.override("ko"):
        assert "워커" in reason_text(job.error)


def test_a_job_holds_a_lease_while_it_runs_and_none_once_done(db, monkeypatch, settings):
    settings.CLAIMDESK_JOB_LEASE_SECONDS = 120
    job = IngestJob.objects.create(source="https://news.example/a")
    seen = []

    def entry(source: str) -> IngestOutcome:
        row = IngestJob.objects.get(pk=job.pk)
        seen.append((row.state, row.lease_expires_at))
        return IngestOutcome(source=source)

    monkeypatch.setitem(pipeline.JOB_ENTRIES, IngestJob.Kind.URL, entry)
    before = timezone.now()
    assert run_ingest_job(job.pk, last_attempt=False) == State.DONE
    [(state, lease)] = seen
    assert state == State.RUNNING and lease is not None
    assert before + timedelta(seconds=110) < lease < timezone.now() + timedelta(seconds=121)
    assert IngestJob.objects.get(pk=job.pk).lease_expires_at is None


def lease_of(job_pk: int) -> datetime:
    """The job's lease as the database has it; a read that meets the table locked by the
    renewing thread (SQLite's shared test database) reads again."""
    for _ in range(20):
        try:
            value = IngestJob.objects.get(pk=job_pk).lease_expires_at
        except OperationalError:
            time.sleep(0.1)
            continue
        assert value is not None
        return value
    raise AssertionError("the job's row stayed locked for two seconds")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_live_worker_renews_the_lease_of_a_long_job_so_it_is_not_requeued(
    monkeypatch, settings, sent
):
    settings.CLAIMDESK_JOB_LEASE_SECONDS = 3  # renewed every second
    job = IngestJob.objects.create(source="https://news.example/a")
    observed: dict[str, object] = {}

    def entry(source: str) -> IngestOutcome:
        first = lease_of(job.pk)
        # The job outlives its first lease: wait for the renewal to move it on.
        observed["renewed"] = wait_for(lambda: lease_of(job.pk) > first + timedelta(seconds=1), 30)
        observed["requeued"] = requeue_lost_jobs()
        return IngestOutcome(source=source)

    monkeypatch.setitem(pipeline.JOB_ENTRIES, IngestJob.Kind.URL, entry)
    assert run_ingest_job(job.pk, last_attempt=False) == State.DONE
    assert observed == {"renewed": True, "requeued": []}
    assert sent == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_renewal_that_fails_once_is_tried_again_on_the_next_turn(monkeypatch, settings, sent):
    # A locked table or a database restart fails one renewal; the lease must still move on.
    settings.CLAIMDESK_JOB_LEASE_SECONDS = 3
    job = IngestJob.objects.create(source="https://news.example/a")
    turns: list[str] = []
    real_lease_end = leases.lease_end

    def lease_end_failing_first() -> datetime:
        turns.append("failed" if not turns else "renewed")
        if len(turns) == 1:
            raise OperationalError("database table is locked: articles_ingestjob")
        return real_lease_end()

    observed: dict[str, object] = {}

    def entry(source: str) -> IngestOutcome:
        first = lease_of(job.pk)
        monkeypatch.setattr(leases, "lease_end", lease_end_failing_first)
        observed["renewed"] = wait_for(lambda: lease_of(job.pk) > first, 30)
        return IngestOutcome(source=source)

    monkeypatch.setitem(pipeline.JOB_ENTRIES, IngestJob.Kind.URL, entry)
    assert run_ingest_job(job.pk, last_attempt=False) == State.DONE
    assert observed == {"renewed": True}
    assert turns[0] == "failed" and "renewed" in turns


def test_a_job_that_was_requeued_runs_again_and_finishes(db, monkeypatch, sent):
    job = running_job(lease_seconds=-1)
    requeue_lost_jobs()
    monkeypatch.setitem(
        pipeline.JOB_ENTRIES, IngestJob.Kind.URL, lambda source: IngestOutcome(source=source)
    )
    assert run_ingest_job(job.pk, last_attempt=False) == State.DONE
    job.refresh_from_db()
    assert job.error == "" and job.requeues == 1


def test_a_finished_job_delivered_again_is_left_as_it_is(db, monkeypatch):
    job = IngestJob.objects.create(source="https://news.example/a", state=State.FAILED)
    monkeypatch.setitem(pipeline.JOB_ENTRIES, IngestJob.Kind.URL, pytest.fail)
    assert run_ingest_job(job.pk, last_attempt=False) == State.FAILED


def test_celery_beat_sweeps_for_lost_jobs_on_the_configured_interval(settings):
    from claims import tasks

    celery_app.finalize()
    [entry] = [
        e
        for e in celery_app.conf.beat_schedule.values()
        if e["task"] == "claims.tasks.requeue_lost_jobs_task"
    ]
    assert entry["schedule"] == float(settings.CLAIMDESK_JOB_SWEEP_SECONDS)
    assert tasks.requeue_lost_jobs_task.ignore_result
