"""Assignments in the API (issue 19 item 8): each claim record carries its assignee, due
date and priority, and the list (and its exports) filter on them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.services import claim_assign
from tests.factories import make_article, make_claims

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def assigned(team):
    claims = make_claims(make_article(sentences=[f"Row {i} cost {i} won." for i in range(4)]))
    today = timezone.localdate()
    for claim, days, priority in ((claims[0], -1, "urgent"), (claims[1], 2, "low")):
        claim_assign(
            claim=claim,
            actor=team["erin"],
            assignee=team["bob"],
            due=today + timedelta(days=days),
            priority=priority,
        )
    return claims


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_a_claim_record_carries_its_assignment(viewer, assigned):
    detail = viewer.get(f"{CLAIMS}{assigned[0].pk}/").json()
    due = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert detail["assignment"] == {"assignee": "bob", "due": due, "priority": "urgent"}
    listed = {row["id"]: row for row in viewer.get(CLAIMS).json()["results"]}
    assert listed[assigned[0].pk]["assignment"] == detail["assignment"]
    assert listed[assigned[2].pk]["assignment"] == {
        "assignee": None,
        "due": None,
        "priority": "normal",
    }
    exported = viewer.get("/api/v1/export/claims.jsonl", {"priority": "urgent"})
    lines = b"".join(exported.streaming_content).decode().splitlines()
    assert len(lines) == 1 and '"assignment":{"assignee":"bob"' in lines[0].replace(" ", "")


def test_the_list_filters_on_priority_overdue_and_due_date(viewer, assigned):
    assert ids(viewer.get(CLAIMS, {"priority": "low"})) == [assigned[1].pk]
    assert ids(viewer.get(CLAIMS, {"overdue": "true"})) == [assigned[0].pk]
    assert len(ids(viewer.get(CLAIMS, {"overdue": "false"}))) == 3
    today = timezone.localdate().isoformat()
    assert ids(viewer.get(CLAIMS, {"due_before": today})) == [assigned[0].pk]


@pytest.mark.parametrize(
    ("name", "value"), [("priority", "asap"), ("overdue", "maybe"), ("due_before", "soon")]
)
def test_a_filter_value_it_cannot_use_is_a_400_naming_it(viewer, assigned, name, value):
    response = viewer.get(CLAIMS, {name: value})
    assert response.status_code == 400
    assert name in response.json()


def test_the_schema_documents_the_assignment_and_its_filters(viewer, db):
    schema = viewer.get("/api/schema/", {"format": "json"}).json()
    claim = schema["components"]["schemas"]["ClaimOutput"]
    assert "assignment" in claim["properties"]
    names = {p["name"] for p in schema["paths"][CLAIMS]["get"]["parameters"]}
    assert {"priority", "overdue", "due_before"} <= names
