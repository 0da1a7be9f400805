"""Signed webhooks (claims.webhooks): a local receiver on 127.0.0.1 verifies every delivery
with ``standardwebhooks.Webhook(secret).verify``, sees each event type, sees retries after it
answers 500, and the SSRF guard keeps private and local addresses out."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from standardwebhooks import Webhook

from claims import webhooks
from claims.models import Claim, WebhookDelivery, WebhookEndpoint
from claims.services import SourceInput, claim_assign, claim_record_verdict
from claims.signals import EVENTS
from tests.localserver import QuietHandler, serve_handler
from tests.test_ops_broker_down import broker_down  # noqa: F401 (a fixture)

SOURCE = SourceInput(url="https://example.org/report", title="Report")
State = WebhookDelivery.State


@dataclass
class Receiver:
    """What the local receiver got, and what it answers next (200 once the list is empty)."""

    url: str = ""
    answers: list[int] = field(default_factory=list)
    got: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    body: bytes = b"ok"
    delay: threading.Event | None = None

    def events(self, secret: str) -> list[dict[str, Any]]:
        """The verified payloads, in order (verify raises on any bad signature)."""
        return [Webhook(secret).verify(body, headers) for _path, headers, body in self.got]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()
    release = threading.Event()

    class Handler(QuietHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode()
            state.got.append((self.path, dict(self.headers.items()), body))
            if state.delay is not None:
                release.wait(10)
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

    with serve_handler(Handler, release=release) as base:
        state.url = f"{base}/hook"
        yield state


@pytest.fixture
def quick_retries(settings: Any, fetch_loopback: None) -> None:
    """Two retries, due at once (the sweep sends them), and a short timeout."""
    settings.CLAIMDESK_WEBHOOK_RETRY_SECONDS = [0.0, 0.0]
    settings.CLAIMDESK_WEBHOOK_TIMEOUT = 1


def make_endpoint(url: str, events: list[str] | None = None, **fields: Any) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        name="Newsroom bot", url=url, events=list(EVENTS) if events is None else events, **fields
    )


def verdict(claim: Claim, team: dict[str, Any], capture: Any, who: str = "alice") -> None:
    with capture(execute=True):
        claim_record_verdict(claim=claim, reviewer=team[who], verdict="verified", sources=[SOURCE])


def delivery() -> WebhookDelivery:
    return WebhookDelivery.objects.get()


# --- Each event, signed -------------------------------------------------------------------


def test_each_claim_event_reaches_the_receiver_signed_with_the_standard_headers(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url)
    verdict(claim, team, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])

    payloads = receiver.events(endpoint.secret)
    assert [p["type"] for p in payloads] == [
        "claim.status_changed",
        "verdict.created",
        "claim.assigned",
    ]
    for _path, headers, _body in receiver.got:
        assert {"webhook-id", "webhook-timestamp", "webhook-signature"} <= set(headers)
        assert headers["webhook-signature"].startswith("v1,")
    status, created, assigned = (p["data"] for p in payloads)
    assert status["previous"] == "unreviewed" and status["status"] == "verified"
    assert status["claim"]["id"] == claim.pk and status["claim"]["article"] == claim.article_id
    assert created["verdict"] == "verified" and created["actor"] == "alice"
    assert assigned["assignee"] == "bob" and assigned["actor"] == "erin"
    stored = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert set(stored.values_list("state", flat=True)) == {State.DELIVERED}
    assert stored.count() == 3


def test_a_conflict_between_appearances_is_sent_as_canonical_conflict(
    team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    from tests.test_canonical_claims import ENGLISH, NEWSPIM, OTHER_KO, ingest

    endpoint = make_endpoint(receiver.url, ["canonical.conflict"])
    for text in (NEWSPIM, ENGLISH, OTHER_KO):  # 35개국, 35 countries, then 30개국
        ingest(text, django_capture_on_commit_callbacks)

    payloads = receiver.events(endpoint.secret)
    assert [p["type"] for p in payloads] == ["canonical.conflict"]
    data = payloads[0]["data"]
    members = set(
        Claim.objects.filter(canonical_id=data["canonical"]["id"]).values_list("pk", flat=True)
    )
    assert data["canonical"]["conflict"] is True
    assert set(data["claims"]) == members and len(members) >= 2
    figures = {f for pair in data["figures"] for f in pair["figures"]}
    assert {"35개국", "30개국"} <= figures


def test_an_endpoint_gets_only_the_events_it_chose_and_a_switched_off_one_none(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    chosen = make_endpoint(receiver.url, ["verdict.created"])
    make_endpoint(receiver.url, list(EVENTS), active=False)
    verdict(claim, team, django_capture_on_commit_callbacks)
    assert [p["type"] for p in receiver.events(chosen.secret)] == ["verdict.created"]
    assert WebhookDelivery.objects.get().endpoint_id == chosen.pk


def test_the_body_carries_no_secret_and_of_people_only_usernames(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    team["alice"].email = "alice@desk.example"
    team["alice"].save()
    verdict(claim, team, django_capture_on_commit_callbacks)
    body = delivery().body
    assert endpoint.secret not in body and "whsec_" not in body
    assert "alice@desk.example" not in body and '"actor":"alice"' in body
    assert json.loads(body)["timestamp"].endswith("+00:00")


# --- Retries ------------------------------------------------------------------------------


def test_a_500_is_retried_with_the_same_id_and_body_until_delivered(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [500]
    verdict(claim, team, django_capture_on_commit_callbacks)
    first = delivery()
    assert first.state == State.RETRYING and first.attempts == 1 and first.last_status == 500

    assert webhooks.retry_due() == 1
    again = delivery()
    assert again.state == State.DELIVERED and again.attempts == 2 and again.last_status == 200
    assert again.error_code == "" and again.delivered_at is not None
    assert len(receiver.got) == 2
    ids = {headers["webhook-id"] for _path, headers, _body in receiver.got}
    assert ids == {first.message_id}
    assert receiver.got[0][2] == receiver.got[1][2]
    assert [p["type"] for p in receiver.events(endpoint.secret)] == ["verdict.created"] * 2


def test_a_retry_waits_for_its_time_on_the_default_backoff(
    claim, team, receiver, fetch_loopback, django_capture_on_commit_callbacks
):
    make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [503]
    verdict(claim, team, django_capture_on_commit_callbacks)
    waiting = delivery()
    assert waiting.next_attempt_at is not None and waiting.last_attempt_at is not None
    wait = waiting.next_attempt_at - waiting.last_attempt_at
    assert 5 <= wait.total_seconds() < 6  # the first of 5 s, 5 min, 30 min, 2 h, 5 h
    assert webhooks.retry_due() == 0
    assert len(receiver.got) == 1


def test_an_endpoint_that_keeps_failing_ends_failed_with_the_error_recorded(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [500] * 10
    receiver.body = b"x" * 5000
    verdict(claim, team, django_capture_on_commit_callbacks)
    sweeps = 0
    while webhooks.retry_due():
        sweeps += 1
    failed = delivery()
    assert sweeps == 2
    assert failed.state == State.FAILED and failed.attempts == 3 and failed.next_attempt_at is None
    assert failed.last_status == 500 and failed.error_code == "status"
    assert "HTTP 500" in failed.last_error
    assert failed.response_snippet == "x" * 200
    assert len(receiver.got) == 3


def test_no_connection_and_a_timeout_are_retried_and_recorded(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    make_endpoint(f"http://127.0.0.1:{closed_port}/hook", ["verdict.created"])
    make_endpoint(receiver.url, ["verdict.created"])
    receiver.delay = threading.Event()  # the receiver holds the answer past the 1 s timeout
    verdict(claim, team, django_capture_on_commit_callbacks)
    found = {d.endpoint.url: d for d in WebhookDelivery.objects.select_related("endpoint")}
    refused, slow = found[f"http://127.0.0.1:{closed_port}/hook"], found[receiver.url]
    assert refused.state == State.RETRYING and refused.error_code == "connect"
    assert slow.state == State.RETRYING and slow.error_code == "timeout"
    assert slow.last_status is None


def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [302]
    verdict(claim, team, django_capture_on_commit_callbacks)
    redirected = delivery()
    assert redirected.state == State.RETRYING and redirected.error_code == "redirect"
    assert [path for path, _h, _b in receiver.got] == ["/hook"]


def test_an_attempt_whose_worker_was_lost_is_sent_again_by_the_sweep(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [500]
    verdict(claim, team, django_capture_on_commit_callbacks)
    past = timezone.now() - timedelta(seconds=1)
    WebhookDelivery.objects.update(state=State.SENDING, next_attempt_at=past)
    assert webhooks.retry_due() == 1
    assert delivery().state == State.DELIVERED
    assert len(receiver.events(endpoint.secret)) == 2


def test_an_endpoint_failing_delivery_after_delivery_is_switched_off(
    claims, team, receiver, settings, fetch_loopback, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_WEBHOOK_RETRY_SECONDS = []  # one attempt per delivery
    settings.CLAIMDESK_WEBHOOK_DISABLE_AFTER = 2
    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [500] * 10
    for claim in claims[:2]:
        verdict(claim, team, django_capture_on_commit_callbacks)
    off = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert not off.active and off.consecutive_failures == 2 and off.disabled_reason
    verdict(claims[2], team, django_capture_on_commit_callbacks)
    assert WebhookDelivery.objects.count() == 2
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {State.FAILED}
    assert len(receiver.got) == 2


def test_a_delivery_succeeding_starts_the_count_of_failures_over(
    claims, team, receiver, settings, fetch_loopback, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_WEBHOOK_RETRY_SECONDS = []
    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [500]
    verdict(claims[0], team, django_capture_on_commit_callbacks)
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).consecutive_failures == 1
    verdict(claims[1], team, django_capture_on_commit_callbacks)
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).consecutive_failures == 0


# --- The SSRF guard -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.5/hook", "http://169.254.169.254/latest", "http://[::1]:8000/hook"],
)
def test_a_private_or_local_address_is_refused_at_delivery_without_connecting(
    url, claim, team, django_capture_on_commit_callbacks
):
    """The test network guard would raise on any connection off 127.0.0.1: none is tried."""
    make_endpoint(url, ["verdict.created"])
    verdict(claim, team, django_capture_on_commit_callbacks)
    refused = delivery()
    assert refused.state == State.FAILED and refused.attempts == 1
    assert refused.error_code == "refused" and "public addresses only" in refused.last_error


def test_a_name_resolving_to_loopback_is_refused_without_the_test_setting(
    claim, team, receiver, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK = False
    port = receiver.url.split(":")[2].split("/")[0]
    make_endpoint(f"http://localhost:{port}/hook", ["verdict.created"])
    verdict(claim, team, django_capture_on_commit_callbacks)
    refused = delivery()
    assert refused.state == State.FAILED and refused.error_code == "refused"
    assert refused.error_params["why"] == "loopback"
    assert receiver.got == []


def test_a_name_that_does_not_resolve_is_retried(
    claim, team, quick_retries, django_capture_on_commit_callbacks
):
    make_endpoint("https://hooks.invalid/claimdesk", ["verdict.created"])
    verdict(claim, team, django_capture_on_commit_callbacks)
    unresolved = delivery()
    assert unresolved.state == State.RETRYING and unresolved.error_code == "unresolved"


# --- Without workers, and with the broker down --------------------------------------------


def test_the_send_webhooks_command_sends_the_deliveries_that_came_due(
    claim, team, receiver, quick_retries, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    receiver.answers = [500]
    verdict(claim, team, django_capture_on_commit_callbacks)
    out = StringIO()
    call_command("send_webhooks", stdout=out)
    assert out.getvalue().startswith("1 webhook deliveries")
    assert delivery().state == State.DELIVERED
    assert len(receiver.events(endpoint.secret)) == 2


def test_with_the_broker_down_the_delivery_is_made_in_this_process(
    claim,
    team,
    receiver,
    fetch_loopback,
    django_capture_on_commit_callbacks,
    broker_down,  # noqa: F811
):
    endpoint = make_endpoint(receiver.url, ["verdict.created"])
    verdict(claim, team, django_capture_on_commit_callbacks)
    assert delivery().state == State.DELIVERED
    assert [p["type"] for p in receiver.events(endpoint.secret)] == ["verdict.created"]
