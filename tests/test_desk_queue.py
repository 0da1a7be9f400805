"""The queue: open work by default with the rest one click away, languages interleaved until
the scores are calibrated, filters kept on the way back, bulk assignment that says what it
did (issue 18 items 4 and 6)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from claims.models import OPEN_STATUSES, Claim, ClaimStatus
from claims.selectors import queue_page
from claims.services import claim_dismiss
from tests.factories import client_for, make_article, make_claims

QUEUE = reverse("claims:queue")


def texts(response: Any) -> list[str]:
    return [c.text for c in response.context["claims"]]


@pytest.fixture
def mixed(team: dict[str, Any]) -> dict[str, Claim]:
    article = make_article(
        sentences=[
            "Unreviewed one cost 1 dollar.",
            "Contested one cost 2 dollars.",
            "Verified one cost 3 dollars.",
            "Disputed one cost 4 dollars.",
            "Dismissed one cost 5 dollars.",
        ]
    )
    claims = make_claims(article)
    for claim, status in zip(claims[1:4], ["contested", "verified", "disputed"], strict=True):
        Claim.objects.filter(pk=claim.pk).update(status=status)
    claim_dismiss(claim=claims[4], actor=team["alice"], reason="not a claim")
    return dict(
        zip(["unreviewed", "contested", "verified", "disputed", "dismissed"], claims, strict=True)
    )


def test_the_queue_shows_open_work_by_default(team, mixed):
    response = client_for("alice").get(QUEUE)
    shown = texts(response)
    assert sorted(shown) == sorted([mixed["unreviewed"].text, mixed["contested"].text])
    html = response.content.decode()
    # The other statuses are one click away, each with its count, and so is everything.
    for status in ("verified", "disputed", "dismissed"):
        assert f'href="?status={status}"' in html
    assert 'href="?status=all"' in html
    assert texts(client_for("alice").get(QUEUE, {"status": "verified"})) == [mixed["verified"].text]
    assert len(texts(client_for("alice").get(QUEUE, {"status": "all"}))) == 5


def test_open_work_is_a_named_set_of_statuses():
    """A later status (due for re-check) joins the queue's default by joining this set."""
    assert set(OPEN_STATUSES) == {ClaimStatus.UNREVIEWED, ClaimStatus.CONTESTED}
    assert Claim.objects.open_work().query.where  # a filter, shared with whoever needs it


def scored(language: str, scores: list[float]) -> list[Claim]:
    sentences = [f"Claim {language} {i} cost {i} won." for i in range(len(scores))]
    claims = make_claims(make_article(sentences=sentences, language=language))
    for claim, score in zip(claims, scores, strict=True):
        Claim.objects.filter(pk=claim.pk).update(score=score)
        claim.score = score
    return claims


def test_the_queue_ranks_within_each_language_and_interleaves(team):
    """English model probabilities (~0.99) do not bury Korean rule scores (0.15-0.95)."""
    english = scored("en", [0.99, 0.98, 0.97])
    korean = scored("ko", [0.9, 0.5])
    ko_page = texts(client_for("alice").get(QUEUE, HTTP_ACCEPT_LANGUAGE="ko"))
    assert ko_page == [
        korean[0].text,
        english[0].text,
        korean[1].text,
        english[1].text,
        english[2].text,
    ]
    en_page = texts(client_for("alice").get(QUEUE, HTTP_ACCEPT_LANGUAGE="en"))
    assert en_page[:4] == [english[0].text, korean[0].text, english[1].text, korean[1].text]


def test_interleaved_pages_cover_every_claim_once(team):
    english = scored("en", [0.99, 0.98, 0.97, 0.96, 0.95])
    korean = scored("ko", [0.9, 0.5, 0.4])
    claims = Claim.objects.current()
    seen: list[int] = []
    after = ""
    for _ in range(10):
        page = queue_page(claims, after=after, size=3, first="ko")
        seen += [c.pk for c in page.rows]
        if not page.more:
            break
        after = page.next_after
    assert sorted(seen) == sorted(c.pk for c in english + korean)
    assert len(seen) == len(set(seen))


def test_the_way_back_to_the_queue_keeps_its_filters(team, mixed):
    client = client_for("alice")
    queue = client.get(QUEUE, {"status": "verified", "q": "one"}).content.decode()
    claim = mixed["verified"]
    for name, args in (("claims:article", [claim.article_id]), ("claims:claim", [claim.pk])):
        link = re.search(rf'href="({re.escape(reverse(name, args=args))}[^"]*)"', queue)
        assert link, name
        html = client.get(link.group(1).replace("&amp;", "&")).content.decode()
        assert 'class="crumbs"><a href="/?status=verified&amp;q=one"' in html, name
    # Only the queue's own parameters come back.
    html = client.get(
        reverse("claims:article", args=[claim.article_id]),
        {"back": "status=verified&next=//evil.example/"},
    ).content.decode()
    assert 'class="crumbs"><a href="/?status=verified"' in html


def test_bulk_assign_with_nothing_ticked_says_so(team, mixed):
    response = client_for("erin").post(
        reverse("claims:queue_assign"), {"assignee": team["bob"].pk, "next": "/"}, follow=True
    )
    assert "Tick the claims to assign" in response.content.decode()
    assert not Claim.objects.filter(assigned_to__isnull=False).exists()


def test_bulk_assign_has_no_default_assignee(team, mixed):
    """One careless click must not unassign: the assignee has to be chosen."""
    Claim.objects.update(assigned_to=team["alice"])
    client = client_for("erin")
    page = client.get(QUEUE).content.decode()
    select = page[page.index('id="assign-form"') :]
    select = select[select.index("<select") : select.index("</select>")]
    assert '<option value="" selected>' in select
    response = client.post(
        reverse("claims:queue_assign"),
        {"claim": [mixed["unreviewed"].pk], "next": "/"},
        follow=True,
    )
    assert "Choose whom to assign" in response.content.decode()
    assert Claim.objects.get(pk=mixed["unreviewed"].pk).assigned_to == team["alice"]
    response = client.post(
        reverse("claims:queue_assign"),
        {"claim": [mixed["unreviewed"].pk], "assignee": "none", "next": "/"},
        follow=True,
    )
    assert Claim.objects.get(pk=mixed["unreviewed"].pk).assigned_to is None
    assert "1 claim unassigned" in response.content.decode()
    response = client.post(
        reverse("claims:queue_assign"),
        {"claim": [mixed["contested"].pk], "assignee": team["bob"].pk, "next": "/"},
        follow=True,
    )
    assert "1 claim assigned to bob" in response.content.decode()
