"""A claim's re-check date through the API (issue 21 item 6): ``PATCH /api/v1/claims/{id}/``
with ``{"recheck_due": date | null}``, reviewers and editors only, recorded in the history
like the panel's edit; an editor also sets blind review there."""

from __future__ import annotations

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.services import SourceInput, claim_record_verdict
from tests.factories import token_client

pytestmark = pytest.mark.django_db


def _url(claim: Claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def test_a_reviewer_sets_the_recheck_date_and_the_history_records_it(
    team, claim, django_assert_max_num_queries
):
    client = token_client(team["alice"])
    with django_assert_max_num_queries(20):
        response = client.patch(_url(claim), {"recheck_due": "2031-03-01"}, format="json")
    assert response.status_code == 200
    assert response.json()["recheck_due"] == "2031-03-01"
    assert str(Claim.objects.get(pk=claim.pk).recheck_due) == "2031-03-01"
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.RECHECK_SET)
    assert event.actor == team["alice"]
    assert event.detail == {"from": None, "to": "2031-03-01", "by_hand": True}


def test_null_clears_the_recheck_date(team, claim):
    client = token_client(team["erin"])
    client.patch(_url(claim), {"recheck_due": "2031-03-01"}, format="json")
    response = client.patch(_url(claim), {"recheck_due": None}, format="json")
    assert response.status_code == 200 and response.json()["recheck_due"] is None
    assert Claim.objects.get(pk=claim.pk).recheck_due is None
    assert ClaimEvent.objects.filter(claim=claim, action="recheck_set").count() == 2


def test_a_date_that_has_come_makes_the_claim_due_at_once(team, claim):
    today = timezone.localdate()
    token_client(team["alice"]).patch(_url(claim), {"recheck_due": str(today)}, format="json")
    assert Claim.objects.get(pk=claim.pk).is_due
    listed = token_client(team["victor"]).get("/api/v1/claims/?status=due").json()["results"]
    assert [r["id"] for r in listed] == [claim.pk]


def test_viewers_and_anonymous_clients_cannot_set_the_date(team, claim):
    assert (
        token_client(team["victor"])
        .patch(_url(claim), {"recheck_due": "2031-03-01"}, format="json")
        .status_code
        == 403
    )
    assert (
        token_client().patch(_url(claim), {"recheck_due": "2031-03-01"}, format="json").status_code
        == 401
    )
    assert Claim.objects.get(pk=claim.pk).recheck_due is None


def test_other_fields_and_empty_bodies_are_refused_with_the_reason(team, claim):
    client = token_client(team["alice"])
    response = client.patch(_url(claim), {"status": "verified"}, format="json")
    assert response.status_code == 400
    assert "only recheck_due and blind" in response.json()["status"][0]
    assert client.patch(_url(claim), {}, format="json").status_code == 400
    bad = client.patch(_url(claim), {"recheck_due": "next week"}, format="json")
    assert bad.status_code == 400 and "recheck_due" in bad.json()
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"


def test_a_form_body_is_refused_as_the_api_takes_json_only(team, claim):
    response = token_client(team["alice"]).patch(
        _url(claim), "recheck_due=2031-03-01", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415


def test_a_settled_claim_keeps_its_date_against_a_reviewer(team, claim):
    source = [SourceInput(url="https://stats.example/a")]
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=source)
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=source)
    claim_record_verdict(
        claim=claim, reviewer=team["erin"], verdict="verified", sources=source, settles=True
    )
    before = Claim.objects.get(pk=claim.pk).recheck_due
    response = token_client(team["bob"]).patch(
        _url(claim), {"recheck_due": "2031-03-01"}, format="json"
    )
    assert response.status_code == 403 and response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).recheck_due == before


def test_an_editor_marks_a_claim_blind_and_a_reviewer_cannot(team, claim):
    refused = token_client(team["alice"]).patch(_url(claim), {"blind": True}, format="json")
    assert refused.status_code == 403
    assert not Claim.objects.get(pk=claim.pk).blind
    done = token_client(team["erin"]).patch(_url(claim), {"blind": True}, format="json")
    assert done.status_code == 200
    assert Claim.objects.get(pk=claim.pk).blind
    assert ClaimEvent.objects.get(claim=claim, action="blind_set").detail == {"blind": True}


def test_a_missing_claim_is_404(team):
    response = token_client(team["alice"]).patch(
        "/api/v1/claims/999999/", {"recheck_due": None}, format="json"
    )
    assert response.status_code == 404


def test_the_schema_documents_the_change_with_a_stable_operation_id(team):
    schema = token_client(team["victor"]).get("/api/schema/?format=json").json()
    patch = schema["paths"]["/api/v1/claims/{id}/"]["patch"]
    assert patch["operationId"] == "claims_partial_update"
    body = patch["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]
    assert set(fields) == {"recheck_due", "blind"}
