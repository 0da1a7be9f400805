"""One meaning per filter: the review queue, the API and the exports select the same claims;
the panel's standing verdicts follow the status rule; pages read the current revision."""

from __future__ import annotations

import hashlib

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.models import ArticleRevision
from claims.models import Claim
from claims.selectors import claim_history, queue_claims, status_counts
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_article, make_claims, make_team, token_client

SOURCE = [SourceInput(url="https://stats.example/report")]


@pytest.fixture
def people(db):
    cache.clear()
    return make_team()


@pytest.fixture
def claims(people) -> list[Claim]:
    first = make_claims(
        make_article(sentences=["Exports rose 12 percent.", "Imports fell 3 percent."])
    )
    Claim.objects.filter(pk=first[1].pk).update(attribution="the customs office")
    korean = make_claims(make_article(sentences=["수출이 12% 늘었다."], language="ko", outlet="K"))
    return [*first, *korean]


def queue_texts(client: Client, **params: str) -> set[str]:
    # The queue shows open work unless asked for every status; the API lists every status.
    params.setdefault("status", "all")
    response = client.get(reverse("claims:queue"), params)
    return {c.text for c in response.context["claims"]}


def api_texts(reader, **params: str) -> set[str]:
    results = token_client(reader).get("/api/v1/claims/", params).json()["results"]
    return {c["text"] for c in results}


def ui(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "params",
    [
        {"q": "customs"},
        {"q": "  EXPORTS "},
        {"language": "ko"},
        {"kind": "statistical"},
        {"status": "verified"},
    ],
    ids=["attribution", "text any case", "language", "kind", "status"],
)
def test_the_queue_and_the_api_select_the_same_claims(people, claims, params):
    claim_record_verdict(
        claim=claims[0], reviewer=people["alice"], verdict="verified", sources=SOURCE
    )
    from_queue = queue_texts(ui(people["victor"]), **params)
    assert from_queue == api_texts(people["victor"], **params)
    assert from_queue  # every filter here selects something


def test_search_finds_a_claim_by_its_attribution_in_the_queue(people, claims):
    assert queue_texts(ui(people["victor"]), q="customs") == {"Imports fell 3 percent."}


def test_the_outlet_filter_means_the_same_by_id_and_by_name(claims):
    outlet = claims[2].article.outlet
    by_id = set(Claim.objects.from_outlet(outlet.pk))
    assert by_id == set(Claim.objects.from_outlet(str(outlet.pk)))
    assert by_id == set(Claim.objects.from_outlet(outlet.name.lower()))
    assert by_id == {claims[2]}


def test_reviewed_since_selects_claims_with_a_later_verdict(people, claims):
    verdict = claim_record_verdict(claim=claims[1], reviewer=people["bob"], verdict="unverifiable")
    assert list(Claim.objects.reviewed_since(verdict.created_at)) == [claims[1]]
    later = verdict.created_at.replace(year=verdict.created_at.year + 1)
    assert not Claim.objects.reviewed_since(later).exists()


def test_queue_counts_ignore_the_status_filter_but_keep_the_others(people, claims):
    claim_record_verdict(
        claim=claims[0], reviewer=people["alice"], verdict="verified", sources=SOURCE
    )
    english = queue_claims(user=people["victor"], language="en")
    assert status_counts(english) == {"verified": 1, "unreviewed": 1}


def test_the_panel_shows_the_verdicts_that_decide_the_status(people, claims):
    claim = claims[0]
    for reviewer, verdict in [("alice", "verified"), ("bob", "disputed")]:
        claim_record_verdict(
            claim=claim, reviewer=people[reviewer], verdict=verdict, sources=SOURCE
        )
    history = claim_history(claim)
    assert [v.verdict for v in history.opinions] == ["verified", "disputed"]
    claim_record_verdict(
        claim=claim, reviewer=people["erin"], verdict="verified", sources=SOURCE, settles=True
    )
    history = claim_history(claim)
    assert [(v.reviewer.username, v.verdict) for v in history.opinions] == [("erin", "verified")]
    assert Claim.objects.get(pk=claim.pk).status == "verified"
    assert len(history.entries) == 3


def test_the_article_page_and_the_api_show_the_latest_revision(people, claims):
    article = claims[0].article
    body = "Exports rose 12 percent. A second revision adds this sentence."
    ArticleRevision.objects.create(
        article=article,
        number=2,
        title=article.title,
        language="en",
        body=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
    )
    assert article.current_revision.number == 2
    page = ui(people["victor"]).get(reverse("claims:article", args=[article.pk]))
    assert page.context["revision"].number == 2
    assert "A second revision adds this sentence." in page.content.decode()
    record = token_client(people["victor"]).get(f"/api/v1/articles/{article.pk}/").json()
    assert (record["revision"], record["body"]) == (2, body)
