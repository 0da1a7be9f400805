"""A worker killed mid-job over a real Redis broker: the job runs again and stores once.

Needs CLAIMDESK_TEST_BROKER_URL (``.ci/run`` sets it) and PostgreSQL, whose test database
the worker processes share; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from articles.models import Article, ArticleRevision, IngestJob
from claims.models import Claim
from config.celery import app as celery_app
from tests.localserver import QuietHandler, serve_handler
from tests.pages import article_page
from tests.workers import BROKER, need_broker_and_postgresql, switch_broker, wait_for, worker_env

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A worker whose Redis transport hands back unacknowledged messages after 1 s instead of
# an hour, so that the job of a worker killed outright is taken up by the next one quickly.
# Only for that test: such a worker also hands back the message of a job still running.
WORKER = """
import os, sys
from config.celery import app
if os.environ.get("FAULTS_FAST_REDELIVERY"):
    app.conf.broker_transport_options = {
        "visibility_timeout": 1, "unacked_restore_interval": 1, "unacked_restore_throttle": 1
    }
app.worker_main(["worker", *sys.argv[1:]])
"""


class SlowPage:
    """Serves an article page, but the first request stalls until released."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.hits = 0


@contextmanager
def slow_server(state: SlowPage) -> Iterator[str]:
    body = article_page("Council passes budget", day=4)

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802
            state.hits += 1
            if state.hits == 1:
                state.entered.set()
                state.release.wait(120)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve_handler(Handler, release=state.release) as base:
        yield base


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    need_broker_and_postgresql()
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    switch_broker(BROKER, eager=False)
    celery_app.control.purge()
    started: list[subprocess.Popen[bytes]] = []
    yield started
    switch_broker(previous[0], eager=previous[1])
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def start_worker(
    started: list[subprocess.Popen[bytes]],
    *pool: str,
    fast_redelivery: bool = False,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    env = worker_env(
        CLAIMDESK_FETCH_TIMEOUT="120",
        FAULTS_FAST_REDELIVERY="1" if fast_redelivery else "",
        **(env or {}),
    )
    args = ["--loglevel=WARNING", "--without-gossip", "--without-mingle", *pool]
    process = subprocess.Popen([sys.executable, "-c", WORKER, *args], cwd=ROOT, env=env)
    started.append(process)
    return process


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def assert_stored_once(job: IngestJob, state: SlowPage) -> None:
    assert wait_for(lambda: IngestJob.objects.get(pk=job.pk).state == IngestJob.State.DONE)
    assert state.hits == 2  # the page was fetched again by the job's second run
    assert Article.objects.count() == 1
    assert ArticleRevision.objects.count() == 1
    claims = Claim.objects.count()
    assert claims > 0
    assert Claim.objects.values("fingerprint").distinct().count() == claims
    assert IngestJob.objects.get(pk=job.pk).article_ids == [Article.objects.get().pk]


def test_a_job_of_a_worker_killed_outright_is_finished_once_by_the_next_worker(workers):
    from claims.tasks import ingest_job_task

    state = SlowPage()
    with slow_server(state) as base:
        first = start_worker(workers, "--pool=solo", fast_redelivery=True)
        job = IngestJob.objects.create(source=f"{base}/a")
        ingest_job_task.apply_async(args=(job.pk,))
        assert state.entered.wait(90)  # the job is inside its fetch
        assert IngestJob.objects.get(pk=job.pk).state == IngestJob.State.RUNNING

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        start_worker(workers, "--pool=solo", fast_redelivery=True)

        assert_stored_once(job, state)


def test_a_job_whose_pool_process_is_killed_is_requeued_and_finished_once(workers):
    from claims.tasks import ingest_job_task

    state = SlowPage()
    with slow_server(state) as base:
        worker = start_worker(workers, "--pool=prefork", "--concurrency=1")
        job = IngestJob.objects.create(source=f"{base}/a")
        ingest_job_task.apply_async(args=(job.pk,))
        assert state.entered.wait(90)
        [child] = children_of(worker.pid)

        os.kill(child, signal.SIGKILL)  # task_reject_on_worker_lost puts the job back

        assert_stored_once(job, state)


def test_a_job_of_a_worker_killed_outright_is_requeued_when_its_lease_runs_out(workers, tmp_path):
    """Issue 17, item 16: without fast redelivery (Redis would hand the message back after
    an hour), the job's lease runs out and celery beat's sweep queues it again."""
    from claims.tasks import ingest_job_task

    lease = {"CLAIMDESK_JOB_LEASE_SECONDS": "3", "CLAIMDESK_JOB_SWEEP_SECONDS": "1"}
    state = SlowPage()
    with slow_server(state) as base:
        first = start_worker(workers, "--pool=solo", env=lease)
        job = IngestJob.objects.create(source=f"{base}/a")
        ingest_job_task.apply_async(args=(job.pk,))
        assert state.entered.wait(90)  # the job is inside its fetch
        running = IngestJob.objects.get(pk=job.pk)
        assert running.state == IngestJob.State.RUNNING
        assert running.lease_expires_at is not None

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        # The next worker runs celery beat too (in production: `celery -A config beat`).
        schedule = str(tmp_path / "beat-schedule")
        start_worker(workers, "--pool=solo", "--beat", f"--schedule={schedule}", env=lease)

        assert_stored_once(job, state)
    job = IngestJob.objects.get(pk=job.pk)
    assert job.requeues == 1
    assert job.lease_expires_at is None and job.error == ""
