"""One fact across articles in the product: the analysis after extraction (arithmetic
checks, matching, canonical claims), the decisions on links and their history, the API's
fields and endpoints (PRODUCT.md section 9), the panel and the queue's conflict filter."""

from __future__ import annotations

import io
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import HttpRequest
from rest_framework.test import APIClient

from claims import pipeline
from claims.canonical import canonical_split, claim_apply_verdict, claims_group, link_decide
from claims.models import (
    ArithmeticCheck,
    CanonicalClaim,
    Claim,
    ClaimEvent,
    ClaimLink,
    Verdict,
)
from claims.pipeline import ingest_text
from claims.services import SourceInput, claim_record_verdict
from tests.conftest import corpus_path
from tests.factories import PASSWORD

NEWSPIM = (
    "문재인 대통령은 8일 유명희 산업통상자원부 통상교섭본부장과 통화했다. 정부는 유명희 "
    "본부장의 WTO 사무총장 선출을 지지해 달라며 35개국에 친서를 보냈다고 청와대가 밝혔다."
)
OTHER_KO = (
    "청와대에 따르면 정부는 유명희 통상교섭본부장의 WTO 사무총장 당선을 지지해 달라며 "
    "30개국에 친서를 보냈다. 문 대통령은 이날 통화에서 격려했다."
)
ENGLISH = (
    "The government sent letters to 35 countries asking them to back Yoo Myung-hee for WTO "
    "director-general, the presidential office said."
)
SOURCE = SourceInput(url="https://www.president.go.kr/briefing", title="Briefing")


def ingest(text: str, capture: Any) -> Any:
    """Ingest text as the pipeline does, the analysis after the commit included."""
    with capture(execute=True):
        outcome = ingest_text(text, title="t")
    return outcome.articles[0].article


def claim_with(figure: str) -> Claim:
    return Claim.objects.get(text__contains=figure)


@pytest.fixture
def three(team: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Claim]:
    """Newspim's 35 countries, a Korean report of 30, and an English report of 35."""
    for text in (NEWSPIM, OTHER_KO, ENGLISH):
        ingest(text, django_capture_on_commit_callbacks)
    return {
        "ko35": claim_with("35개국"),
        "ko30": claim_with("30개국"),
        "en35": claim_with("35 countries"),
    }


def link(a: Claim, b: Claim) -> ClaimLink:
    first, second = sorted([a.pk, b.pk])
    return ClaimLink.objects.get(claim_a=first, claim_b=second)


# --- The analysis after extraction -------------------------------------------------------------


def test_ingestion_groups_one_fact_across_languages_and_flags_conflicting_figures(three):
    ko35, ko30, en35 = (Claim.objects.get(pk=c.pk) for c in three.values())
    assert link(ko35, en35).state == ClaimLink.State.AUTO
    assert not link(ko35, en35).conflict
    conflict = link(ko35, ko30)
    assert conflict.conflict and conflict.state == ClaimLink.State.SUGGESTED
    assert conflict.conflicting_figures == (
        ["35개국", "30개국"] if ko35.pk < ko30.pk else ["30개국", "35개국"]
    )
    assert "disjoint" in conflict.explanation
    assert ko35.canonical_id is not None
    assert ko35.canonical_id == ko30.canonical_id == en35.canonical_id
    canonical = CanonicalClaim.objects.get(pk=ko35.canonical_id)
    assert canonical.conflict
    assert {tuple(c["figures"]) for c in canonical.conflicting_figures} >= {
        tuple(sorted(["35개국", "30개국"], key=lambda f: f != conflict.conflicting_figures[0]))
    }
    found = ClaimEvent.objects.filter(claim=ko30, action=ClaimEvent.Action.LINKED)
    assert found.filter(detail__conflict=True).exists()


def test_analysis_is_queued_on_a_worker_when_a_broker_is_set(team, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queued = mock.Mock()
    monkeypatch.setattr(pipeline.analyse_revision_task, "delay", queued)
    with mock.patch.object(pipeline, "analyse_revision") as inline:
        pipeline._hand_over_analysis(42)
    queued.assert_called_once_with(42)
    inline.assert_not_called()


def test_analysis_runs_inline_without_a_broker(team, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with mock.patch.object(pipeline, "analyse_revision") as inline:
        pipeline._hand_over_analysis(42)
    inline.assert_called_once_with(42)


def test_match_claims_command_links_claims_stored_before_the_analysis(team):
    for text in (NEWSPIM, ENGLISH):
        ingest_text(text, title="t")  # no commit in the test: the hook never ran
    assert not ClaimLink.objects.exists()
    out = io.StringIO()
    call_command("match_claims", stdout=out, stderr=io.StringIO())
    assert "1 new link(s)" in out.getvalue()
    assert claim_with("35개국").canonical_id == claim_with("35 countries").canonical_id


def test_seed_page_stake_check_is_consistent_and_an_edited_copy_is_flagged(
    team, django_capture_on_commit_callbacks
):
    page = corpus_path("newspim-2020-10-08-wto-page.txt").read_text(encoding="utf-8")
    edited = page.replace("2조3000억원", "2조8000억원")
    assert edited != page
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.ingest_text(page)
    stake = ArithmeticCheck.objects.get(relation="stake_value")
    assert stake.outcome == "consistent"
    assert [f["text"] for f in stake.figures] == ["3조7800억원", "61.57%", "2조3000억원"]
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.ingest_text(edited)
    flagged = ArithmeticCheck.objects.filter(relation="stake_value", outcome="inconsistent")
    assert flagged.count() == 1
    claim = Claim.objects.filter(text__contains="2조8000억원").get()
    assert Claim.objects.with_conflict("arithmetic").filter(pk=claim.pk).exists()


# --- Decisions on links, in the history ----------------------------------------------------


def test_rejecting_a_conflict_splits_it_off_and_it_is_never_suggested_again(three, team):
    ko35, ko30 = three["ko35"], three["ko30"]
    link_decide(link=link(ko35, ko30), actor=team["alice"], confirm=False)
    # The English 35 still links to 30 as a conflict: reject it too.
    link_decide(link=link(three["en35"], ko30), actor=team["alice"], confirm=False)
    assert Claim.objects.get(pk=ko30.pk).canonical_id is None
    assert Claim.objects.get(pk=ko35.pk).canonical_id is not None
    still = Claim.objects.get(pk=ko35.pk).canonical
    assert still is not None and not still.conflict
    call_command("match_claims", stdout=io.StringIO(), stderr=io.StringIO())
    assert link(ko35, ko30).state == ClaimLink.State.REJECTED
    assert Claim.objects.get(pk=ko30.pk).canonical_id is None
    rejected = ClaimEvent.objects.filter(claim=ko30, action=ClaimEvent.Action.LINK_REJECTED)
    assert rejected.count() == 2
    assert {e.actor for e in rejected} == {team["alice"]}


def test_confirming_a_conflict_keeps_it_flagged_as_confirmed(three, team):
    decided = link_decide(link=link(three["ko35"], three["ko30"]), actor=team["bob"], confirm=True)
    assert ClaimLink.objects.get(pk=decided.pk).state == ClaimLink.State.CONFIRMED
    canonical = Claim.objects.get(pk=three["ko30"].pk).canonical
    assert canonical is not None
    assert any(c["confirmed"] for c in canonical.conflicting_figures)
    assert ClaimEvent.objects.filter(
        claim=three["ko35"], action=ClaimEvent.Action.LINK_CONFIRMED, actor=team["bob"]
    ).exists()


def test_a_reviewer_cannot_overturn_a_decided_match_but_an_editor_can(three, team):
    pair = link(three["ko35"], three["ko30"])
    link_decide(link=pair, actor=team["alice"], confirm=False)
    with pytest.raises(PermissionDenied):
        link_decide(link=pair, actor=team["bob"], confirm=True)
    link_decide(link=pair, actor=team["erin"], confirm=True)
    assert ClaimLink.objects.get(pk=pair.pk).state == ClaimLink.State.CONFIRMED


def test_editor_splits_a_claim_out_and_groups_it_back_with_provenance(three, team):
    en35 = three["en35"]
    canonical_split(claim=en35, actor=team["erin"])
    assert Claim.objects.get(pk=en35.pk).canonical_id is None
    assert ClaimEvent.objects.filter(claim=en35, action=ClaimEvent.Action.SPLIT).exists()
    claims_group(claim=en35, other=three["ko35"], actor=team["erin"])
    assert (
        Claim.objects.get(pk=en35.pk).canonical_id
        == Claim.objects.get(pk=three["ko35"].pk).canonical_id
    )
    assert ClaimEvent.objects.filter(claim=en35, action=ClaimEvent.Action.GROUPED).exists()
    with pytest.raises(PermissionDenied):
        canonical_split(claim=en35, actor=team["alice"])


def test_a_verdict_is_applied_to_another_appearance_with_its_sources_on_request(three, team):
    claim_record_verdict(
        claim=three["ko35"], reviewer=team["alice"], verdict="verified", sources=[SOURCE]
    )
    claim_apply_verdict(claim=three["en35"], source=three["ko35"], reviewer=team["bob"])
    applied = Verdict.objects.get(claim=three["en35"])
    assert applied.verdict == "verified" and applied.reviewer == team["bob"]
    assert [s.url for s in applied.sources.all()] == [SOURCE.url]
    assert Claim.objects.get(pk=three["en35"].pk).status == "verified"
    assert ClaimEvent.objects.filter(
        claim=three["en35"], action=ClaimEvent.Action.VERDICT_APPLIED
    ).exists()


def test_a_verdict_is_never_applied_across_conflicting_figures(three, team):
    from django.core.exceptions import ValidationError

    claim_record_verdict(
        claim=three["ko35"], reviewer=team["alice"], verdict="verified", sources=[SOURCE]
    )
    with pytest.raises(ValidationError):
        claim_apply_verdict(claim=three["ko30"], source=three["ko35"], reviewer=team["bob"])
    assert not Verdict.objects.filter(claim=three["ko30"]).exists()


# --- API ------------------------------------------------------------------------------------


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_claim_record_carries_canonical_suggestions_and_checks(three, team):
    record = api(team["victor"]).get(f"/api/v1/claims/{three['ko30'].pk}/").json()
    ko30 = Claim.objects.get(pk=three["ko30"].pk)
    assert record["canonical"] == ko30.canonical_id
    assert set(record["suggested_duplicates"]) == {three["ko35"].pk, three["en35"].pk}
    assert record["checks"] == []
    listed = api(team["victor"]).get("/api/v1/claims/").json()["results"]
    by_id = {r["id"]: r for r in listed}
    assert by_id[ko30.pk]["suggested_duplicates"] == record["suggested_duplicates"]
    assert by_id[three["en35"].pk]["canonical"] == ko30.canonical_id


def test_seed_claim_record_shows_its_arithmetic_check(team, django_capture_on_commit_callbacks):
    page = corpus_path("newspim-2020-10-08-wto-page.txt").read_text(encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.ingest_text(page)
    claim = Claim.objects.filter(text__contains="2조3000억원").get()
    record = api(team["victor"]).get(f"/api/v1/claims/{claim.pk}/").json()
    [check] = [c for c in record["checks"] if c["relation"] == "stake_value"]
    assert check == {
        "kind": "arithmetic",
        "outcome": "consistent",
        "relation": "stake_value",
        "figures": ["3조7800억원", "61.57%", "2조3000억원"],
        "explanation": check["explanation"],
    }
    assert "market value × share" in check["explanation"]
    # The list builds records another way on PostgreSQL (in SQL): the same checks.
    listed = api(team["victor"]).get(f"/api/v1/claims/?article={claim.article_id}").json()
    [same] = [r for r in listed["results"] if r["id"] == claim.pk]
    assert same["checks"] == record["checks"]


def test_canonical_claims_endpoint_follows_the_contract_and_filters(three, team):
    client = api(team["victor"])
    page = client.get("/api/v1/canonical-claims/").json()
    assert set(page) == {"next", "previous", "results"}
    [item] = page["results"]
    assert {"id", "text", "conflict", "appearances", "conflicting_figures"} <= set(item)
    assert item["conflict"] is True
    assert {a["claim"] for a in item["appearances"]} == {c.pk for c in three.values()}
    first = item["appearances"][0]
    assert {"claim", "article", "outlet", "published_at", "figures", "status"} <= set(first)
    assert client.get("/api/v1/canonical-claims/?conflict=false").json()["results"] == []
    assert len(client.get("/api/v1/canonical-claims/?conflict=true").json()["results"]) == 1
    assert len(client.get("/api/v1/canonical-claims/?language=en").json()["results"]) == 1
    assert client.get("/api/v1/canonical-claims/?q=nothing-like-it").json()["results"] == []
    assert len(client.get("/api/v1/canonical-claims/?q=30개국").json()["results"]) == 1
    future = client.get("/api/v1/canonical-claims/?updated_since=2999-01-01T00:00:00Z")
    assert future.json()["results"] == []
    detail = client.get(f"/api/v1/canonical-claims/{item['id']}/").json()
    assert detail == item
    assert client.get("/api/v1/canonical-claims/999999/").status_code == 404
    claims = client.get("/api/v1/claims/?conflict=figures").json()["results"]
    assert {c["id"] for c in claims} == {c.pk for c in three.values()}


@pytest.mark.parametrize("n", [1, 4])
def test_canonical_claims_list_takes_a_constant_number_of_queries(
    team, django_assert_num_queries, django_capture_on_commit_callbacks, n
):
    capture = django_capture_on_commit_callbacks
    for i in range(n):
        amount = f"{325 * 10**i / 100:,} billion won"  # facts apart: no conflicts
        ingest(f"The ministry spent {amount} on new roads in 2024, officials said.", capture)
        ingest(f"Officials said the ministry spent {amount} on new roads in 2024.", capture)
    assert CanonicalClaim.objects.count() == n
    client = api(team["victor"])
    # permission check (2), the page, its appearances
    with django_assert_num_queries(4):
        response = client.get("/api/v1/canonical-claims/")
    assert response.status_code == 200


# --- The review interface --------------------------------------------------------------------


def signed_in(client: Any, user: Any) -> Any:
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Conflicting figures", "Same fact elsewhere"]),
        ("ko", ["수치 충돌", "다른 기사의 같은 사실"]),
    ],
)
def test_panel_shows_a_conflict_side_by_side_with_its_decision(
    three, team, client, language, words
):
    signed_in(client, team["alice"])
    page = client.get(
        f"/claims/{three['ko30'].pk}/",
        HTTP_ACCEPT_LANGUAGE=language,
        headers={"HX-Request": "true"},
    ).content.decode()
    for word in words:
        assert word in page
    assert three["ko35"].text in page and three["ko30"].text in page
    assert f"/links/{link(three['ko35'], three['ko30']).pk}/reject/" in page


def test_reject_from_the_panel_is_recorded(three, team, client):
    signed_in(client, team["alice"])
    pair = link(three["ko35"], three["ko30"])
    response = client.post(f"/claims/{three['ko30'].pk}/links/{pair.pk}/reject/")
    assert response.status_code == 302
    assert ClaimLink.objects.get(pk=pair.pk).state == ClaimLink.State.REJECTED
    assert ClaimLink.objects.get(pk=pair.pk).decided_by == team["alice"]


def test_a_viewer_cannot_decide_a_link(three, team, client):
    signed_in(client, team["victor"])
    pair = link(three["ko35"], three["ko30"])
    assert client.post(f"/claims/{three['ko30'].pk}/links/{pair.pk}/confirm/").status_code == 403
    assert ClaimLink.objects.get(pk=pair.pk).state == ClaimLink.State.SUGGESTED


def test_queue_filters_claims_with_conflicts_in_constant_queries(
    three, team, client, django_assert_num_queries
):
    signed_in(client, team["alice"])
    client.get("/")  # session and language settle
    # session, the user with their permissions and unread notifications, the queue's
    # version, its choices (outlets, reviewers), counts per status, the due claims' counts,
    # the page and its languages' streams, the desk scale's grades a bulk verdict may record,
    # and (alice reviews) whether any claim is blind, which her counts would have to leave out
    with django_assert_num_queries(11):
        page = client.get("/?conflict=figures&status=all").content.decode()
    assert three["ko30"].text[:30] in page
    unrelated = Claim.objects.exclude(pk__in=[c.pk for c in three.values()]).first()
    assert unrelated is not None and unrelated.text[:30] not in page


@pytest.mark.parametrize("n", [1, 5])
def test_the_panel_takes_a_constant_number_of_queries_whatever_the_appearances(
    team, client, django_assert_num_queries, n
):
    from claims.canonical import claims_regroup
    from tests.factories import make_article, make_claims

    [claim] = make_claims(make_article(sentences=["Exports rose 5% in 2024."]))
    others = [
        make_claims(make_article(sentences=[f"Exports rose {i + 6}% in 2024."]))[0]
        for i in range(n)
    ]
    for i, other in enumerate(others):
        state = ClaimLink.State.AUTO if i % 2 else ClaimLink.State.SUGGESTED
        ClaimLink.objects.create(
            claim_a=claim, claim_b=other, state=state, conflict=not i % 2, score=0.6
        )
    claims_regroup(claim_ids=[claim.pk])
    assert Claim.objects.filter(canonical__isnull=False).count() == n + 1
    signed_in(client, team["alice"])
    client.get(f"/claims/{claim.pk}/")
    # session, the user with their permissions and unread notifications, the claim,
    # refusals and history (as before), and the same fact: its links, the other appearances,
    # the checks; the claim's comments; the desk's rating scale's grades
    with django_assert_num_queries(13):
        page = client.get(f"/claims/{claim.pk}/", headers={"HX-Request": "true"})
    assert page.content.decode().count('class="conflict-card"') == (n + 1) // 2


def test_a_confirmed_match_across_languages_teaches_the_alias_table_a_name(team):
    from claims.models import EntityAlias
    from tests.factories import make_article, make_claims

    [ko] = make_claims(
        make_article(
            sentences=["한빛전자는 올해 매출이 1200억원에 달한다고 밝혔다."], language="ko"
        )
    )
    [en] = make_claims(
        make_article(sentences=["Hanbit Electronics said sales hit 120 billion won."])
    )
    pair = ClaimLink.objects.create(claim_a=ko, claim_b=en, state=ClaimLink.State.SUGGESTED)
    link_decide(link=pair, actor=team["alice"], confirm=True)
    names = set(EntityAlias.objects.values_list("entity", "name"))
    assert names == {
        ("hanbit-electronics", "한빛전자"),
        ("hanbit-electronics", "Hanbit Electronics"),
    }
    event = ClaimEvent.objects.get(claim=ko, action=ClaimEvent.Action.LINK_CONFIRMED)
    assert sorted(event.detail["aliases"]) == sorted(["한빛전자", "Hanbit Electronics"])
