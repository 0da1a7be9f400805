"""Claims due for re-check (issue 18): ``is_due`` is stored, set by the hourly re-check task
when a claim's date comes and kept by every write of the date or the status, so that open
work is one predicate the queue's partial index (``claim_open_work_idx``) covers. The ``due``
status filter and the API keep their meaning (PRODUCT.md section 9)."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from claims.rechecks import claims_mark_due
from claims.services import claim_dismiss, claim_restore, claim_set_recheck
from tests.factories import client_for, make_article, make_claims, token_client

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _verified(claim: Claim, reviewer: Any) -> Claim:
    """The claim as verified (a stored verdict, status kept) with no re-check date yet."""
    Verdict.objects.create(claim=claim, reviewer=reviewer, verdict="verified")
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.VERIFIED)
    return Claim.objects.get(pk=claim.pk)


def _fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def test_the_recheck_task_flags_claims_whose_date_has_come_and_no_others(team):
    article = make_article(sentences=["Prices rose 3 percent.", "Rents rose 5 percent."])
    come, later = make_claims(article)
    Claim.objects.filter(pk=come.pk).update(recheck_due=TODAY() - timedelta(days=1))
    Claim.objects.filter(pk=later.pk).update(recheck_due=TODAY() + timedelta(days=1))
    assert not _fresh(come).is_due
    assert claims_mark_due() == 1
    assert _fresh(come).is_due and not _fresh(later).is_due
    assert ClaimEvent.objects.filter(claim=come, action=ClaimEvent.Action.RECHECK_DUE).count() == 1
    assert claims_mark_due(today=TODAY() + timedelta(days=1)) == 1
    assert _fresh(later).is_due


def test_a_dismissed_claim_is_never_flagged_due(team, claim):
    claim_dismiss(claim=claim, actor=team["alice"], reason="not a claim")
    Claim.objects.filter(pk=claim.pk).update(recheck_due=TODAY())
    assert claims_mark_due() == 0
    assert not _fresh(claim).is_due


def test_a_verified_claim_that_comes_due_is_open_work_in_the_queue_and_the_api(team, claim):
    claim = _verified(claim, team["alice"])
    client = client_for("alice")
    assert claim.text not in client.get(reverse("claims:queue")).content.decode()
    Claim.objects.filter(pk=claim.pk).update(recheck_due=TODAY())
    claims_mark_due()
    assert claim.text in client.get(reverse("claims:queue")).content.decode()
    assert claim.text in client.get(reverse("claims:queue") + "?status=due").content.decode()
    api = token_client(team["victor"]).get("/api/v1/claims/?status=due").json()
    assert [r["id"] for r in api["results"]] == [claim.pk]


def test_moving_the_date_later_by_hand_clears_the_flag(team, claim):
    Claim.objects.filter(pk=claim.pk).update(recheck_due=TODAY())
    claims_mark_due()
    claim_set_recheck(claim=claim, actor=team["alice"], due=TODAY() + timedelta(days=30))
    stored = _fresh(claim)
    assert stored.recheck_due == TODAY() + timedelta(days=30) and not stored.is_due
    assert claim not in Claim.objects.due()


def test_setting_a_date_that_has_come_by_hand_makes_the_claim_due_at_once(team, claim):
    claim_set_recheck(claim=claim, actor=team["alice"], due=TODAY() - timedelta(days=2))
    assert _fresh(claim).is_due
    assert list(Claim.objects.due()) == [claim]
    claim_set_recheck(claim=claim, actor=team["alice"], due=None)
    assert not _fresh(claim).is_due


def test_dismissing_a_due_claim_clears_the_flag_and_restoring_brings_it_back(team, claim):
    claim_set_recheck(claim=claim, actor=team["alice"], due=TODAY())
    claim_dismiss(claim=claim, actor=team["alice"], reason="a question, not a claim")
    assert not _fresh(claim).is_due
    claim_restore(claim=claim, actor=team["alice"])
    assert _fresh(claim).is_due


def test_a_new_verdict_clears_the_flag_and_moves_the_date_on(team, claim):
    from claims.services import SourceInput, claim_record_verdict

    claim_set_recheck(claim=claim, actor=team["alice"], due=TODAY())
    claim_record_verdict(
        claim=claim,
        reviewer=team["bob"],
        verdict="unverifiable",
        sources=[SourceInput(url="https://stats.example/t")],
    )
    stored = _fresh(claim)
    assert not stored.is_due
    assert stored.recheck_due is None or stored.recheck_due > TODAY()


def test_the_migration_flags_the_claims_already_due(team):
    article = make_article(sentences=["Prices rose 3 percent.", "Rents rose 5 percent."])
    due, dismissed = make_claims(article)
    Claim.objects.filter(pk__in=[due.pk, dismissed.pk]).update(recheck_due=TODAY())
    Claim.objects.filter(pk=dismissed.pk).update(status=ClaimStatus.DISMISSED)
    migration = importlib.import_module(
        "claims.migrations.0014_claim_is_due_flag_in_open_work_index"
    )
    migration.flag_due_claims(apps, None)
    assert _fresh(due).is_due and not _fresh(dismissed).is_due


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite matches no OR against a partial index"
)
def test_open_work_is_read_through_the_partial_index(team, claim):
    """The queue's default filter is the index's predicate, so the planner can use it (the
    table scan switched off: on a handful of rows it would win on cost alone)."""
    sql, params = (
        Claim.objects.current().open_work().order_by("-score", "-id")[:50].query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "claim_open_work_idx" in plan, plan
