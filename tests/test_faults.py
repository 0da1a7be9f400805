"""Faults Claimdesk survives: the database going away mid-ingest, the broker down, a worker
killed mid-job, and a fetched server that hangs or drips bytes.

The real-worker test lives in tests/test_faults_worker.py (it needs Redis and PostgreSQL).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from articles.models import Article, ArticleRevision, IngestJob
from claims.models import Claim, ClaimEvent
from claims.pipeline import TransientIngestError
from claims.pipeline import extract_url as extract_source
from claims.pipeline import ingest_url as ingest_source
from claims.tasks import ingest_job_task, run_ingest_job
from config.celery import app as celery_app
from tests.factories import token_client as api_client
from tests.localserver import QuietHandler, serve, serve_handler
from tests.pages import article_page
from tests.workers import switch_broker

HTML = "text/html; charset=utf-8"


@pytest.fixture
def page(fetch_loopback) -> Iterator[str]:
    """The URL of one article page on a local server."""
    with serve({"/a": (200, HTML, article_page("Council passes budget", day=3))}) as base:
        yield f"{base}/a"


def stored() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        ArticleRevision.objects.count(),
        Claim.objects.count(),
        ClaimEvent.objects.count(),
    )


def fail_once(monkeypatch, manager, name: str, before=None) -> list[int]:
    """Make ``manager.name`` raise OperationalError on its first call (after ``before``)."""
    original = getattr(manager, name)
    calls: list[int] = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            if before is not None:
                before()
                return original(*args, **kwargs)
            raise OperationalError("server closed the connection unexpectedly")
        return original(*args, **kwargs)

    monkeypatch.setattr(manager, name, failing)
    return calls


# 1. The database goes away mid-ingest ----------------------------------------------------


def test_a_database_error_after_the_article_row_leaves_nothing_half_written(db, page, monkeypatch):
    fail_once(monkeypatch, Claim.objects, "bulk_create")
    with pytest.raises(OperationalError):
        ingest_source(page)
    assert stored() == (0, 0, 0, 0)


def test_a_job_hit_by_a_database_error_is_recorded_as_retrying(db, page, monkeypatch):
    fail_once(monkeypatch, Claim.objects, "bulk_create")
    job = IngestJob.objects.create(source=page)
    with pytest.raises(OperationalError):
        run_ingest_job(job.pk, last_attempt=False)
    job.refresh_from_db()
    assert job.state == IngestJob.State.QUEUED
    assert job.error.startswith("Temporary failure, retrying: database error")
    assert stored() == (0, 0, 0, 0)


def test_a_job_hit_by_a_database_error_on_its_last_attempt_is_failed(db, page, monkeypatch):
    fail_once(monkeypatch, Claim.objects, "bulk_create")
    job = IngestJob.objects.create(source=page)
    with pytest.raises(OperationalError):
        run_ingest_job(job.pk, last_attempt=True)
    job.refresh_from_db()
    assert job.state == IngestJob.State.FAILED
    assert job.error.startswith("Gave up after retries: database error")
    assert job.finished_at is not None


def test_a_job_retried_after_a_database_error_stores_everything_once(db, page, monkeypatch):
    clean = len(extract_source(page).articles[0].claims)
    calls = fail_once(monkeypatch, Claim.objects, "bulk_create")
    job = IngestJob.objects.create(source=page)

    result = ingest_job_task.apply(args=(job.pk,), throw=False)

    assert result.get() == IngestJob.State.DONE
    assert len(calls) == 2  # failed once, then the retry stored
    job.refresh_from_db()
    assert job.state == IngestJob.State.DONE and job.error == ""
    assert clean > 0
    assert stored() == (1, 1, clean, 0)
    assert job.article_ids == [Article.objects.get().pk]


def test_ingest_tasks_retry_database_errors():
    from django.db import DatabaseError

    assert DatabaseError in ingest_job_task.autoretry_for
    assert TransientIngestError in ingest_job_task.autoretry_for
    assert ingest_job_task.max_retries == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_terminated_postgresql_connection_mid_ingest_is_retried_and_stores_once(
    page, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend exists only on PostgreSQL")
    import psycopg

    s = connection.settings_dict
    conninfo = f"host={s['HOST']} port={s['PORT'] or 5432} user={s['USER']} dbname={s['NAME']}"

    def terminate_this_connection():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            [pid] = cursor.fetchone()
        with psycopg.connect(conninfo, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])

    # The article and its revision are written; the connection dies as the claims go in.
    calls = fail_once(monkeypatch, Claim.objects, "bulk_create", before=terminate_this_connection)
    job = IngestJob.objects.create(source=page)

    result = ingest_job_task.apply(args=(job.pk,), throw=False)

    assert result.get() == IngestJob.State.DONE
    assert len(calls) == 2
    job.refresh_from_db()
    assert job.state == IngestJob.State.DONE
    articles, revisions, claims, events = stored()
    assert (articles, revisions, events) == (1, 1, 0)
    assert claims > 0
    assert Claim.objects.values("fingerprint").distinct().count() == claims


# 2. The broker is down -------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broker_down(settings):
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    switch_broker(f"redis://127.0.0.1:{closed_port()}/0", eager=False)
    yield
    switch_broker(previous[0], eager=previous[1])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_ingest_with_the_broker_down_runs_inline(team, page, broker_down):
    # Outside a transaction, as in production, the hand-over happens within the request;
    # the job ran inline, so the answer is the articles, as without a broker (issue 17.14).
    response = api_client(team["alice"]).post("/api/v1/articles/", {"url": page}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["source"] == page
    [article] = body["articles"]
    assert article["article_created"] and article["claims"]
    job = IngestJob.objects.get()
    assert job.state == IngestJob.State.DONE and job.article_ids == [article["id"]]
    assert stored()[:2] == (1, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_ingest_with_the_broker_down_leaves_no_job_queued_when_the_fetch_fails(
    team, fetch_loopback, broker_down
):
    with serve({}) as base:
        response = api_client(team["alice"]).post(
            "/api/v1/articles/", {"url": f"{base}/missing"}, format="json"
        )
    # As without a broker: 400 with the source and the reason; the job records it too.
    assert response.status_code == 400
    body = response.json()
    assert body["source"] == f"{base}/missing" and "404" in body["reason"]
    assert not IngestJob.objects.exclude(state=IngestJob.State.FAILED).exists()
    assert "404" in IngestJob.objects.get().error
    assert stored() == (0, 0, 0, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ui_ingest_with_the_broker_down_runs_inline(team, page, broker_down, client):
    client.force_login(team["alice"])
    response = client.post(reverse("claims:ingest"), {"url": page})
    assert response.status_code == 200
    job = IngestJob.objects.get()
    assert job.state == IngestJob.State.DONE
    assert job.article_ids == [Article.objects.get().pk]


def test_tasks_keep_no_result_that_a_send_would_wait_for():
    # With a Redis result backend, a send subscribes to the result first; when Redis is
    # down that hangs for many seconds before failing. Outcomes live on the job instead.
    from claims import tasks

    for task in (
        tasks.ingest_job_task,
        tasks.poll_feed_task,
        tasks.ingest_feed_entry_task,
        tasks.poll_feeds_task,
        tasks.reextract_article_task,
    ):
        assert task.ignore_result


# 3. A worker is killed mid-job ------------------------------------------------------------


def test_tasks_are_acknowledged_late_and_requeued_when_the_worker_is_lost():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
    assert ingest_job_task.acks_late is True
    assert ingest_job_task.reject_on_worker_lost is True


def test_an_ingest_task_that_runs_twice_stores_once(db, page):
    job = IngestJob.objects.create(source=page)
    assert ingest_job_task(job.pk) == IngestJob.State.DONE
    first = stored()
    # The worker died after the commit but before the ack: the job runs again.
    IngestJob.objects.filter(pk=job.pk).update(state=IngestJob.State.RUNNING)
    assert ingest_job_task(job.pk) == IngestJob.State.DONE
    assert stored() == first
    assert first[:2] == (1, 1)
    job.refresh_from_db()
    assert job.article_ids == [Article.objects.get().pk]


def test_two_jobs_for_the_same_page_store_it_once(db, page):
    jobs = [IngestJob.objects.create(source=page) for _ in range(2)]
    for job in jobs:
        ingest_job_task(job.pk)
    assert stored()[:2] == (1, 1)
    assert {tuple(IngestJob.objects.get(pk=j.pk).article_ids) for j in jobs} == {
        (Article.objects.get().pk,)
    }


# 4. A fetched server hangs or drips bytes ------------------------------------------------


@contextmanager
def stalling_server() -> Iterator[str]:
    """/hang never answers; /drip sends one byte of a long body at a time, forever."""
    release = threading.Event()

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", HTML)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                while not release.wait(0.05):
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:
                        return
            else:
                release.wait(60)

    with serve_handler(Handler, release=release) as base:
        yield base


@pytest.mark.parametrize("path", ["/hang", "/drip"])
def test_api_ingest_of_a_stalling_server_gives_up_at_the_fetch_timeout(
    team, fetch_loopback, settings, path
):
    settings.CLAIMDESK_FETCH_TIMEOUT = 1
    with stalling_server() as base:
        response = api_client(team["alice"]).post(
            "/api/v1/articles/", {"url": f"{base}{path}"}, format="json"
        )
    assert response.status_code == 400
    assert "too long" in response.json()["reason"]
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize("path", ["/hang", "/drip"])
def test_a_job_on_a_stalling_server_fails_as_transient_and_is_retried(
    db, fetch_loopback, settings, path
):
    settings.CLAIMDESK_FETCH_TIMEOUT = 1
    job = IngestJob.objects.create(source="")
    with stalling_server() as base:
        IngestJob.objects.filter(pk=job.pk).update(source=f"{base}{path}")
        with pytest.raises(TransientIngestError):
            run_ingest_job(job.pk, last_attempt=False)
        job.refresh_from_db()
        assert job.state == IngestJob.State.QUEUED
        assert "too long" in job.error
        with pytest.raises(TransientIngestError):
            run_ingest_job(job.pk, last_attempt=True)
    job.refresh_from_db()
    assert job.state == IngestJob.State.FAILED and "too long" in job.error
    assert stored() == (0, 0, 0, 0)
