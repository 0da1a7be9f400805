"""Decisions stay made: dismissals and merges reach the database, and what an editor decided
changes only by an editor (the rule is in claims/services.py and the README)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from claims.services import (
    SourceInput,
    claim_adjust_span,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
    claim_restore,
)
from tests.factories import client_for, token_client

SOURCE = SourceInput(url="https://stats.example/table-1", title="Table 1")
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


# --- Issue 18, item 1: dismissals and merges are kept -----------------------------------------


def test_a_dismissal_survives_the_next_verdict(team, claims):
    """A reviewer's verdict on a dismissed claim is refused; the claim stays dismissed."""
    claim_dismiss(claim=claims[0], actor=team["alice"], reason="a forecast")
    with pytest.raises(ValidationError) as error:
        claim_record_verdict(claim=claims[0], reviewer=team["bob"], verdict="unverifiable")
    assert "restore" in str(error.value).lower()
    stored = fresh(claims[0])
    assert stored.status == ClaimStatus.DISMISSED and stored.dismissed_reason == "a forecast"
    assert not Verdict.objects.exists()


def test_a_merged_duplicate_stays_merged(team, claims):
    duplicate, target = claims[1], claims[0]
    claim_record_verdict(claim=duplicate, reviewer=team["bob"], verdict="unverifiable")
    claim_merge(duplicate=duplicate, into=target, actor=team["erin"])
    stored = fresh(duplicate)
    assert stored.status == ClaimStatus.DISMISSED
    assert stored.dismissed_reason == f"Duplicate of claim #{target.pk}"
    with pytest.raises(ValidationError):
        claim_record_verdict(claim=stored, reviewer=team["alice"], verdict="unverifiable")
    assert fresh(duplicate).status == ClaimStatus.DISMISSED
    assert fresh(target).verdicts.count() == 1


def test_the_panel_shows_the_dismissal_reason_and_a_restore_button(team, claims):
    client = client_for("alice")
    client.post(reverse("claims:dismiss", args=[claims[2].pk]), {"reason": "an opinion"}, **HTMX)
    html = client.get(reverse("claims:claim", args=[claims[2].pk]), **HTMX).content.decode()
    assert "an opinion" in html
    assert reverse("claims:restore", args=[claims[2].pk]) in html
    client.post(reverse("claims:restore", args=[claims[2].pk]), **HTMX)
    assert fresh(claims[2]).status == ClaimStatus.UNREVIEWED


# --- Issue 17, item 5: reviewers do not undo editors -------------------------------------------


def settle(claim: Claim, team: dict[str, Any], verdict: str = "disputed") -> None:
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])
    assert fresh(claim).status == ClaimStatus.CONTESTED
    claim_record_verdict(
        claim=claim, reviewer=team["erin"], verdict=verdict, sources=[SOURCE], settles=True
    )
    assert fresh(claim).status == verdict


def test_a_reviewer_cannot_reopen_a_settled_claim(team, claims):
    settle(claims[0], team)
    with pytest.raises(PermissionDenied) as error:
        claim_record_verdict(
            claim=claims[0], reviewer=team["alice"], verdict="verified", sources=[SOURCE]
        )
    assert "editor" in str(error.value)
    assert fresh(claims[0]).status == ClaimStatus.DISPUTED
    assert claims[0].verdicts.count() == 3


def test_an_editor_can_change_a_settled_claim(team, claims):
    settle(claims[0], team)
    claim_record_verdict(
        claim=claims[0], reviewer=team["erin"], verdict="verified", sources=[SOURCE], settles=True
    )
    assert fresh(claims[0]).status == ClaimStatus.VERIFIED


def test_only_an_editor_can_settle(team, claims):
    with pytest.raises(PermissionDenied):
        claim_record_verdict(
            claim=claims[0], reviewer=team["alice"], verdict="unverifiable", settles=True
        )
    assert not Verdict.objects.exists()


def test_a_reviewer_cannot_dismiss_an_editor_verified_claim(team, claims):
    claim_record_verdict(
        claim=claims[0], reviewer=team["erin"], verdict="verified", sources=[SOURCE]
    )
    with pytest.raises(PermissionDenied):
        claim_dismiss(claim=claims[0], actor=team["alice"], reason="not a claim")
    assert fresh(claims[0]).status == ClaimStatus.VERIFIED
    claim_dismiss(claim=claims[0], actor=team["erin"], reason="a duplicate headline")
    assert fresh(claims[0]).status == ClaimStatus.DISMISSED


def test_a_reviewer_cannot_dismiss_a_settled_claim(team, claims):
    settle(claims[0], team)
    with pytest.raises(PermissionDenied):
        claim_dismiss(claim=claims[0], actor=team["bob"], reason="not a claim")
    assert fresh(claims[0]).status == ClaimStatus.DISPUTED


def test_a_reviewer_cannot_restore_what_an_editor_dismissed_or_merged(team, claims):
    claim_dismiss(claim=claims[0], actor=team["erin"], reason="page chrome")
    with pytest.raises(PermissionDenied):
        claim_restore(claim=claims[0], actor=team["alice"])
    claim_merge(duplicate=claims[1], into=claims[2], actor=team["erin"])
    with pytest.raises(PermissionDenied):
        claim_restore(claim=claims[1], actor=team["alice"])
    assert fresh(claims[0]).status == fresh(claims[1]).status == ClaimStatus.DISMISSED
    claim_restore(claim=claims[0], actor=team["erin"])
    assert fresh(claims[0]).status == ClaimStatus.UNREVIEWED


def test_a_reviewer_restores_what_a_reviewer_dismissed(team, claims):
    claim_dismiss(claim=claims[0], actor=team["alice"], reason="an opinion")
    claim_restore(claim=claims[0], actor=team["bob"])
    assert fresh(claims[0]).status == ClaimStatus.UNREVIEWED


def test_only_an_editor_merges(team, claims):
    with pytest.raises(PermissionDenied):
        claim_merge(duplicate=claims[1], into=claims[0], actor=team["alice"])
    assert fresh(claims[1]).status == ClaimStatus.UNREVIEWED


def test_a_span_change_on_a_reviewed_claim_resets_it_to_unreviewed(team, claims):
    claim = claims[0]
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_adjust_span(claim=claim, actor=team["bob"], start=claim.start, end=claim.end - 9)
    stored = fresh(claim)
    assert stored.status == ClaimStatus.UNREVIEWED
    assert stored.text == "The city spent $12 million on roads"
    event = stored.events.get(action=ClaimEvent.Action.SPAN_CHANGED)
    assert event.detail["reset"] is True and event.actor == team["bob"]
    assert stored.verdicts.count() == 1  # kept in the history, no longer counted
    claim_record_verdict(claim=stored, reviewer=team["bob"], verdict="unverifiable")
    assert fresh(claim).status == ClaimStatus.UNVERIFIABLE  # not contested with the old one


def test_a_span_change_on_an_unreviewed_claim_does_not_reset(team, claims):
    claim = claims[0]
    claim_adjust_span(claim=claim, actor=team["bob"], start=claim.start, end=claim.end - 9)
    event = fresh(claim).events.get(action=ClaimEvent.Action.SPAN_CHANGED)
    assert event.detail["reset"] is False


def test_a_reviewer_cannot_move_the_span_of_a_settled_claim(team, claims):
    claim = claims[0]
    settle(claim, team)
    with pytest.raises(PermissionDenied):
        claim_adjust_span(claim=claim, actor=team["alice"], start=claim.start, end=claim.end - 9)
    assert fresh(claim).text == claim.text
    claim_adjust_span(claim=claim, actor=team["erin"], start=claim.start, end=claim.end - 9)
    assert fresh(claim).status == ClaimStatus.UNREVIEWED


def test_the_panel_tells_a_reviewer_an_editor_settled_the_claim(team, claims):
    settle(claims[0], team)
    url = reverse("claims:claim", args=[claims[0].pk])
    html = client_for("alice").get(url, **HTMX).content.decode()
    assert 'id="verdict-form"' not in html and "dismiss-form" not in html
    assert "only an editor can change it" in html
    assert 'id="verdict-form"' in client_for("erin").get(url, **HTMX).content.decode()


def test_the_review_interface_refuses_a_reviewer_verdict_on_a_settled_claim(team, claims):
    settle(claims[0], team)
    data = {
        "verdict": "unverifiable",
        "source-TOTAL_FORMS": "1",
        "source-INITIAL_FORMS": "0",
        "source-MIN_NUM_FORMS": "0",
        "source-MAX_NUM_FORMS": "10",
    }
    response = client_for("alice").post(
        reverse("claims:verdict", args=[claims[0].pk]), data, **HTMX
    )
    assert response.status_code == 403
    assert "only an editor can change it" in response.content.decode()
    assert fresh(claims[0]).status == ClaimStatus.DISPUTED


def test_the_api_refuses_a_reviewer_verdict_on_a_settled_claim(team, claims):
    settle(claims[0], team)
    response = token_client(team["alice"]).post(
        f"/api/v1/claims/{claims[0].pk}/verdicts/", {"verdict": "unverifiable"}, format="json"
    )
    assert response.status_code == 403
    assert "only an editor can change it" in response.json()["detail"]
    assert fresh(claims[0]).status == ClaimStatus.DISPUTED


def test_the_api_refuses_a_verdict_on_a_dismissed_claim(team, claims):
    claim_dismiss(claim=claims[0], actor=team["alice"], reason="a forecast")
    response = token_client(team["bob"]).post(
        f"/api/v1/claims/{claims[0].pk}/verdicts/", {"verdict": "unverifiable"}, format="json"
    )
    assert response.status_code == 400
    assert "restore" in response.json()["verdict"][0]
    assert fresh(claims[0]).status == ClaimStatus.DISMISSED
