"""The desk's events (claims.signals): each write announces what happened once it commits,
never when it rolls back, and a failing receiver does not undo the write."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from claims.models import Claim, Verdict
from claims.services import SourceInput, claim_assign, claim_dismiss, claim_record_verdict
from claims.signals import announce, desk_event

SOURCE = SourceInput(url="https://example.org/report", title="Report")


@pytest.fixture
def heard() -> Any:
    events: list[tuple[str, dict[str, Any]]] = []

    def receiver(sender: str, **kwargs: Any) -> None:
        events.append((kwargs["event"], kwargs))

    desk_event.connect(receiver, weak=False)
    yield events
    desk_event.disconnect(receiver)


def test_a_verdict_announces_itself_and_the_new_status_after_commit(
    claim, team, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_record_verdict(
            claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
        )
        assert heard == []
    names = [name for name, _ in heard]
    assert names == ["claim.status_changed", "verdict.created"]
    status = heard[0][1]
    assert status["data"] == {"previous": "unreviewed", "status": "verified"}
    assert status["claim"].pk == claim.pk and status["actor"] == team["alice"]
    created = heard[1][1]["data"]
    assert created["verdict_id"] == Verdict.objects.get(claim=claim).pk
    assert created["verdict"] == "verified"


def test_a_second_verdict_that_keeps_the_status_announces_no_status_change(
    claim, team, heard, django_capture_on_commit_callbacks
):
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    with django_capture_on_commit_callbacks(execute=True):
        claim_record_verdict(
            claim=claim, reviewer=team["bob"], verdict="verified", sources=[SOURCE]
        )
    assert [name for name, _ in heard] == ["verdict.created"]


def test_assigning_announces_the_assignee_once(
    claim, team, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])
        claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])
    assert len(heard) == 1
    name, event = heard[0]
    assert name == "claim.assigned"
    assert event["data"]["assignee"] == "bob" and event["data"]["previous_id"] is None
    assert Claim.objects.get(pk=claim.pk).assigned_to_id == team["bob"].pk


def test_a_dismissal_announces_the_status_change(
    claim, team, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_dismiss(claim=claim, actor=team["alice"], reason="background")
    assert heard[0][1]["data"] == {"previous": "unreviewed", "status": "dismissed"}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_announces_nothing(team, heard):
    from tests.factories import make_claim

    claim = make_claim()
    with pytest.raises(RuntimeError), transaction.atomic():
        claim_record_verdict(
            claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
        )
        raise RuntimeError("rolled back")
    assert heard == []
    assert not Verdict.objects.filter(claim=claim).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_receiver_is_logged_and_the_write_stays(team, heard, caplog):
    from tests.factories import make_claim

    def broken(sender: str, **kwargs: Any) -> None:
        raise ValueError("receiver down")

    desk_event.connect(broken, weak=False)
    try:
        claim = make_claim()
        claim_record_verdict(
            claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
        )
    finally:
        desk_event.disconnect(broken)
    assert Verdict.objects.filter(claim=claim).count() == 1
    assert len(heard) == 2
    assert "receiver down" in caplog.text


def test_an_unknown_event_is_refused():
    with pytest.raises(ValueError):
        announce("claim.exploded", data={})


def test_a_canonical_claim_that_becomes_conflicting_is_announced_once(
    team, heard, django_capture_on_commit_callbacks
):
    from claims.models import CanonicalClaim
    from tests.test_canonical_claims import ENGLISH, NEWSPIM, OTHER_KO, ingest

    for text in (NEWSPIM, ENGLISH):
        ingest(text, django_capture_on_commit_callbacks)
    assert [name for name, _ in heard if name == "canonical.conflict"] == []
    ingest(OTHER_KO, django_capture_on_commit_callbacks)
    conflicts = [event for name, event in heard if name == "canonical.conflict"]
    assert len(conflicts) == 1
    canonical = CanonicalClaim.objects.get(pk=conflicts[0]["canonical"].pk)
    assert canonical.conflict
    members = set(Claim.objects.filter(canonical=canonical).values_list("pk", flat=True))
    assert set(conflicts[0]["data"]["claims"]) == members
    assert conflicts[0]["data"]["figures"]
