"""Signed webhooks and the analysis after ingestion, run by a real Celery worker over a real
Redis broker.

Needs CLAIMDESK_TEST_BROKER_URL (``.ci/run`` sets it) and PostgreSQL, whose test database
the worker process shares; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.models import Claim, WebhookDelivery, WebhookEndpoint
from claims.pipeline import ingest_text
from claims.services import claim_assign
from config.celery import app as celery_app
from tests.factories import make_claim
from tests.test_webhooks import Receiver, receiver  # noqa: F401 (a fixture)
from tests.workers import BROKER, need_broker_and_postgresql, switch_broker, wait_for, worker_env

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker(settings: Any) -> Iterator[subprocess.Popen[bytes]]:
    """A worker whose webhook retries come after 1 s; this process queues work to it."""
    need_broker_and_postgresql()
    previous = {
        "broker_url": celery_app.conf.broker_url,
        "eager": celery_app.conf.task_always_eager,
    }
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = True
    settings.CELERY_TASK_ALWAYS_EAGER = False  # the pipeline hands its analysis to workers
    celery = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    process = subprocess.Popen(
        [*celery, "--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=worker_env(CLAIMDESK_WEBHOOK_RETRY_SECONDS="1,1"),
    )
    try:
        switch_broker(BROKER, eager=False)
        celery_app.control.purge()
        yield process
    finally:
        switch_broker(previous["broker_url"], eager=previous["eager"])
        process.terminate()
        process.wait(timeout=30)


def delivered() -> bool:
    return WebhookDelivery.objects.filter(state=WebhookDelivery.State.DELIVERED).exists()


def test_a_worker_on_redis_delivers_a_signed_webhook_after_a_500(
    worker,
    receiver: Receiver,  # noqa: F811
    team,
):
    endpoint = WebhookEndpoint.objects.create(
        name="Wire desk", url=receiver.url, events=["claim.assigned"]
    )
    receiver.answers = [500]
    claim = make_claim()
    claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])

    assert wait_for(delivered)
    sent = WebhookDelivery.objects.get()
    assert sent.attempts == 2 and sent.last_status == 200
    payloads = receiver.events(endpoint.secret)
    assert [p["type"] for p in payloads] == ["claim.assigned"] * 2
    assert payloads[1]["data"]["claim"]["id"] == claim.pk
    assert payloads[1]["data"]["assignee"] == "bob"
    assert {h["webhook-id"] for _p, h, _b in receiver.got} == {sent.message_id}


def test_a_worker_on_redis_analyses_ingested_articles_and_sends_the_conflict(
    worker,
    receiver: Receiver,  # noqa: F811
    team,
):
    """Ingestion here hands the analysis (arithmetic checks, matching, canonical claims) to
    the worker; the conflict it finds goes out as a signed ``canonical.conflict``."""
    from tests.test_canonical_claims import ENGLISH, NEWSPIM, OTHER_KO

    endpoint = WebhookEndpoint.objects.create(
        name="Wire desk", url=receiver.url, events=["canonical.conflict"]
    )
    for text in (NEWSPIM, ENGLISH):
        ingest_text(text, title="t")

    def grouped() -> bool:
        ko35 = Claim.objects.filter(text__contains="35개국").first()
        en35 = Claim.objects.filter(text__contains="35 countries").first()
        return bool(ko35 and en35 and ko35.canonical_id and ko35.canonical_id == en35.canonical_id)

    assert wait_for(grouped)
    ingest_text(OTHER_KO, title="t")
    assert wait_for(delivered)
    payloads = receiver.events(endpoint.secret)
    assert [p["type"] for p in payloads] == ["canonical.conflict"]
    figures = {f for pair in payloads[0]["data"]["figures"] for f in pair["figures"]}
    assert {"35개국", "30개국"} <= figures
