"""Bulk actions in the queue and due dates and priorities on assignments (issue 19 items 5
and 8): each ticked claim goes through the services (history, events, tallies), refusals
are listed with the reason, nothing ticked writes nothing; an assignment carries a due date
and a priority, shown in the queue (overdue marked), filtered and sorted on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.bulk import bulk_verdict, sourceless_verdicts
from claims.models import Claim, ClaimEvent, ClaimTally, Verdict
from claims.services import claim_assign, claim_record_verdict
from claims.signals import desk_event
from tests.factories import client_for, make_article, make_claims

QUEUE = reverse("claims:queue")


@pytest.fixture
def five(team: dict[str, Any]) -> list[Claim]:
    sentences = [f"Item {i} cost {i + 1} dollars." for i in range(5)]
    return make_claims(make_article(sentences=sentences))


@pytest.fixture
def heard() -> Any:
    events: list[str] = []

    def receiver(sender: str, **kwargs: Any) -> None:
        events.append(kwargs["event"])

    desk_event.connect(receiver, weak=False)
    yield events
    desk_event.disconnect(receiver)


def tally(status: str) -> int:
    return sum(ClaimTally.objects.filter(status=status).values_list("n", flat=True))


def test_bulk_dismiss_dismisses_each_ticked_claim_with_one_reason(
    team, five, heard, django_capture_on_commit_callbacks
):
    ticked = [five[0].pk, five[2].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("alice").post(
            reverse("claims:queue_dismiss"),
            {"claim": ticked, "reason": "a headline, not a claim", "next": "/"},
            follow=True,
        )
    assert "2 claims dismissed." in response.content.decode()
    for claim in Claim.objects.filter(pk__in=ticked):  # read back from the database
        assert claim.status == "dismissed"
        assert claim.dismissed_reason == "a headline, not a claim"
        event = ClaimEvent.objects.get(claim=claim, action="dismissed")
        assert event.actor == team["alice"]
    assert Claim.objects.get(pk=five[1].pk).status == "unreviewed"
    assert heard.count("claim.status_changed") == 2
    assert tally("dismissed") == 2 and tally("unreviewed") == 3


def test_a_refused_claim_is_listed_with_the_reason_and_the_others_are_done(team, five):
    claim_record_verdict(claim=five[1], reviewer=team["erin"], verdict="unverifiable")
    response = client_for("alice").post(
        reverse("claims:queue_dismiss"),
        {"claim": [five[0].pk, five[1].pk], "reason": "not a claim", "next": "/"},
        follow=True,
    )
    page = response.content.decode()
    assert "1 claim dismissed." in page
    assert f"Claim #{five[1].pk} was left as it was" in page
    assert "only an editor can dismiss it" in page
    assert Claim.objects.get(pk=five[0].pk).status == "dismissed"
    assert Claim.objects.get(pk=five[1].pk).status == "unverifiable"


@pytest.mark.parametrize(
    ("action", "data", "said"),
    [
        ("claims:queue_dismiss", {"reason": "not a claim"}, "Tick the claims to dismiss"),
        ("claims:queue_verdict", {"verdict": "unverifiable"}, "Tick the claims to record"),
        ("claims:queue_assign", {"assignee": "none"}, "Tick the claims to assign"),
    ],
)
def test_nothing_ticked_says_so_and_writes_nothing(team, five, action, data, said):
    before = ClaimEvent.objects.count(), Verdict.objects.count()
    response = client_for("erin").post(reverse(action), {**data, "next": "/"}, follow=True)
    assert said in response.content.decode()
    assert (ClaimEvent.objects.count(), Verdict.objects.count()) == before


def test_bulk_dismiss_without_a_reason_is_refused_before_any_write(team, five):
    response = client_for("alice").post(
        reverse("claims:queue_dismiss"), {"claim": [five[0].pk], "next": "/"}, follow=True
    )
    assert "Say why the ticked claims are not claims." in response.content.decode()
    assert not Claim.objects.filter(status="dismissed").exists()


def test_only_a_verdict_that_needs_no_source_is_set_in_bulk(team, five):
    assert [value for value, _ in sourceless_verdicts()] == ["unverifiable"]
    client = client_for("alice")
    response = client.post(
        reverse("claims:queue_verdict"),
        {"claim": [five[0].pk], "verdict": "verified", "next": "/"},
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Verdict.objects.exists()
    with pytest.raises(Exception, match="needs no source"):
        bulk_verdict([five[0].pk], actor=team["alice"], verdict="disputed")
    assert not Verdict.objects.exists()


def test_bulk_unverifiable_records_a_verdict_per_claim_and_lists_a_dismissed_one(team, five):
    client_for("alice").post(
        reverse("claims:queue_dismiss"), {"claim": [five[3].pk], "reason": "no", "next": "/"}
    )
    response = client_for("bob").post(
        reverse("claims:queue_verdict"),
        {"claim": [five[0].pk, five[1].pk, five[3].pk], "verdict": "unverifiable", "next": "/"},
        follow=True,
    )
    page = response.content.decode()
    assert "Verdict recorded on 2 claims." in page
    assert f"Claim #{five[3].pk} was left as it was" in page
    verdicts = Verdict.objects.filter(reviewer=team["bob"])
    assert sorted(verdicts.values_list("claim_id", flat=True)) == [five[0].pk, five[1].pk]
    assert all(not v.sources.exists() for v in verdicts)
    assert Claim.objects.get(pk=five[0].pk).status == "unverifiable"
    assert tally("unverifiable") == 2


def test_a_viewer_gets_no_bulk_form_and_cannot_post_one(team, five):
    assert 'id="bulk-form"' not in client_for("victor").get(QUEUE).content.decode()
    assert 'id="bulk-form"' in client_for("alice").get(QUEUE).content.decode()
    response = client_for("victor").post(
        reverse("claims:queue_dismiss"), {"claim": [five[0].pk], "reason": "x", "next": "/"}
    )
    assert response.status_code == 403
    assert not Claim.objects.filter(status="dismissed").exists()
    # A reviewer dismisses but does not assign.
    response = client_for("alice").post(
        reverse("claims:queue_assign"), {"claim": [five[0].pk], "assignee": team["bob"].pk}
    )
    assert response.status_code == 403


def test_bulk_assign_records_the_due_date_and_priority(team, five, heard):
    due = timezone.localdate() + timedelta(days=3)
    response = client_for("erin").post(
        reverse("claims:queue_assign"),
        {
            "claim": [five[0].pk, five[1].pk],
            "assignee": team["bob"].pk,
            "due": due.isoformat(),
            "priority": "urgent",
            "next": "/",
        },
        follow=True,
    )
    assert "2 claims assigned to bob." in response.content.decode()
    for claim in Claim.objects.filter(pk__in=[five[0].pk, five[1].pk]):
        assert (claim.assigned_to, claim.assignment_due, claim.priority) == (
            team["bob"],
            due,
            "urgent",
        )
        event = ClaimEvent.objects.get(claim=claim, action="assigned")
        assert event.detail == {"to": "bob", "due": due.isoformat(), "priority": "urgent"}
    panel = client_for("bob").get(reverse("claims:claim", args=[five[0].pk])).content.decode()
    assert f'Assigned to <span translate="no">bob</span>, priority urgent, due {due}' in panel


def test_unassigning_clears_the_due_date_and_priority(team, five):
    claim_assign(
        claim=five[0],
        actor=team["erin"],
        assignee=team["bob"],
        due=timezone.localdate(),
        priority="high",
    )
    client_for("erin").post(
        reverse("claims:queue_assign"), {"claim": [five[0].pk], "assignee": "none", "next": "/"}
    )
    claim = Claim.objects.get(pk=five[0].pk)
    assert (claim.assigned_to, claim.assignment_due, claim.priority) == (None, None, "normal")


def test_the_panel_assigns_with_a_due_date_and_priority(team, five):
    due = timezone.localdate() + timedelta(days=1)
    client_for("erin").post(
        reverse("claims:assign", args=[five[2].pk]),
        {"assignee": team["alice"].pk, "due": due.isoformat(), "priority": "high"},
    )
    claim = Claim.objects.get(pk=five[2].pk)
    assert (claim.assigned_to, claim.assignment_due, claim.priority) == (team["alice"], due, "high")
    panel = client_for("erin").get(reverse("claims:claim", args=[five[2].pk])).content.decode()
    assert f'value="{due.isoformat()}"' in panel
    assert '<option value="high" selected>' in panel


def assign(claim: Claim, team: dict[str, Any], days: int, priority: str = "normal") -> None:
    due = timezone.localdate() + timedelta(days=days)
    claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"], due=due, priority=priority)


def queue_ids(**query: Any) -> list[int]:
    response = client_for("alice").get(QUEUE, query)
    return [c.pk for c in response.context["claims"]]


def test_the_queue_shows_filters_and_sorts_by_due_date_and_priority(team, five):
    assign(five[4], team, -2, "high")  # overdue
    assign(five[1], team, 1, "urgent")
    assign(five[2], team, 5)
    html = client_for("alice").get(QUEUE).content.decode()
    overdue_row = html[html.index('<tr class="overdue">') :]
    assert overdue_row.index(f"pick-{five[4].pk}") < overdue_row.index("</tr>")
    assert html.count('<tr class="overdue">') == 1
    assert queue_ids(overdue="on") == [five[4].pk]
    assert queue_ids(priority="urgent") == [five[1].pk]
    due_by = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert sorted(queue_ids(due_before=due_by)) == sorted([five[4].pk, five[1].pk])
    assert queue_ids(sort="due") == [five[4].pk, five[1].pk, five[2].pk]
    # Judged, it is no longer overdue.
    claim_record_verdict(claim=five[4], reviewer=team["bob"], verdict="unverifiable")
    assert queue_ids(overdue="on", status="all") == []


@pytest.mark.parametrize("role", ["alice", "erin"])
def test_the_queue_with_tick_boxes_takes_the_same_queries_whatever_its_size(
    team, role, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(role)

    def add(n: int) -> None:
        claims = make_claims(make_article(sentences=[f"Row {i} cost {i} won." for i in range(n)]))
        for i, claim in enumerate(claims):
            assign(claim, team, i % 3 - 1, ["low", "high"][i % 2])

    add(3)
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert 'id="bulk-form"' in client.get(QUEUE).content.decode()
    add(40)
    cache.clear()
    with django_assert_max_num_queries(len(small)):
        client.get(QUEUE, {"sort": "due"})
    cache.clear()
    with django_assert_max_num_queries(len(small)):
        client.get(QUEUE)


def test_bulk_unverifiable_records_the_desk_scales_grade(team, five):
    """On the SNU FactCheck scale the bulk verdict is its 판단 유보 grade, stored as such."""
    from claims.models import RatingScale
    from claims.scales import scale_activate

    scale_activate(RatingScale.objects.get(code="snu-factcheck"))
    assert [code for code, _ in sourceless_verdicts()] == ["unverifiable"]
    response = client_for("alice").post(
        reverse("claims:queue_verdict"),
        {"claim": [five[0].pk], "verdict": "unverifiable", "next": "/"},
    )
    assert response.status_code in (200, 302)
    stored = Verdict.objects.select_related("scale_grade__scale").get(claim=five[0].pk)
    assert stored.verdict == "unverifiable" and stored.grade == "unverifiable"
    assert stored.scale_grade is not None
    assert stored.scale_grade.scale.code == "snu-factcheck"
    assert Claim.objects.get(pk=five[0].pk).status == "unverifiable"
