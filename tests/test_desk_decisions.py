"""Decisions stay made: dismissals and merges reach the database, and what an editor decided
changes only by an editor (the rule is in claims/services.py and the README)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Verdict
from claims.services import (
    SourceInput,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
)
from tests.factories import PASSWORD, make_article, make_claims, make_team

SOURCE = SourceInput(url="https://stats.example/table-1", title="Table 1")
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def team(db: Any) -> dict[str, Any]:
    return make_team()


@pytest.fixture
def claims(team: dict[str, Any]) -> list[Claim]:
    article = make_article(
        sentences=[
            "The city spent $12 million on roads in 2024.",
            "Unemployment fell to 3.5 percent last year.",
            "The mayor said it was a good year.",
        ]
    )
    return make_claims(article)


def fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def client_for(name: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=name, password=PASSWORD)
    return client


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
