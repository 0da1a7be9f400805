"""Rating scales on the desk's faces (issue 19): the API takes a grade in place of a verdict,
the panel offers the desk scale's grades in the user's language, the ClaimReview export
rates on the verdict's scale, and old verdicts read as the three-grade scale's."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Verdict
from claims.scale_models import RatingScale
from claims.scales import THREE_GRADE, resolve_grade, scale_activate
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_article, make_claim, make_claims, make_team, token_client
from tests.test_claimreview import violations

SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1")
GOOD_SOURCE = {"url": "https://stats.example/t1", "title": "Table 1"}
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
FORMSET = {
    "source-TOTAL_FORMS": "2",
    "source-INITIAL_FORMS": "0",
    "source-MIN_NUM_FORMS": "0",
    "source-MAX_NUM_FORMS": "10",
}


def use_scale(code: str) -> RatingScale:
    return scale_activate(RatingScale.objects.get(code=code))


def post_verdict(client: Any, claim: Claim, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/claims/{claim.pk}/verdicts/", body, format="json")


# --- The API ----------------------------------------------------------------------------------


def test_the_api_takes_a_grade_of_the_desks_scale_in_place_of_a_verdict(team, claim):
    use_scale("snu-factcheck")
    response = post_verdict(
        token_client(team["alice"]), claim, {"grade": "mostly_false", "sources": [GOOD_SOURCE]}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["verdict"], body["grade"], body["scale"]) == (
        "disputed",
        "mostly_false",
        "snu-factcheck",
    )
    assert body["grade_label"] == {"en": "mostly false", "ko": "대체로 사실 아님"}
    assert body["claim_status"] == "disputed"
    fields = ("verdict", "grade", "scale_grade__label_ko")
    assert Verdict.objects.filter(claim_id=claim.pk).values_list(*fields).get() == (
        "disputed",
        "mostly_false",
        "대체로 사실 아님",
    )
    assert Claim.objects.get(pk=claim.pk).status == "disputed"


def test_an_unknown_grade_is_a_400_listing_the_scales_codes(team, claim):
    use_scale("snu-factcheck")
    response = post_verdict(token_client(team["alice"]), claim, {"grade": "pants_on_fire"})
    assert response.status_code == 400
    message = response.json()["grade"][0]
    assert "pants_on_fire" in message
    assert "true, mostly_true, half_true, mostly_false, false, unverifiable" in message
    assert not Verdict.objects.filter(claim_id=claim.pk).exists()


def test_a_grade_and_a_verdict_that_disagree_are_a_400(team, claim):
    use_scale("snu-factcheck")
    body = {"grade": "mostly_true", "verdict": "disputed", "sources": [GOOD_SOURCE]}
    response = post_verdict(token_client(team["alice"]), claim, body)
    assert response.status_code == 400
    assert "mostly_true" in response.json()["grade"][0]
    agreeing = {**body, "verdict": "verified"}
    assert post_verdict(token_client(team["alice"]), claim, agreeing).status_code == 201


def test_neither_grade_nor_verdict_is_a_400(team, claim):
    response = post_verdict(token_client(team["alice"]), claim, {"note": "hm"})
    assert response.status_code == 400
    assert "grade" in response.json()["verdict"][0]


@pytest.mark.parametrize(("grade", "code"), [("mostly_true", 400), ("unverifiable", 201)])
def test_a_grade_needs_a_source_as_its_status_does(team, claim, grade, code):
    use_scale("snu-factcheck")
    response = post_verdict(token_client(team["alice"]), claim, {"grade": grade})
    assert response.status_code == code
    if code == 400:
        assert "sources" in response.json()


def test_the_claim_shows_each_verdict_with_its_grade(team, claim):
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="verified", sources=[SOURCE])
    use_scale("politifact")
    post_verdict(
        token_client(team["alice"]), claim, {"grade": "pants_on_fire", "sources": [GOOD_SOURCE]}
    )
    verdicts = token_client(team["victor"]).get(f"/api/v1/claims/{claim.pk}/").json()["verdicts"]
    assert [(v["verdict"], v["grade"], v["scale"]) for v in verdicts] == [
        ("disputed", "pants_on_fire", "politifact"),
        ("verified", "verified", THREE_GRADE),
    ]
    assert verdicts[0]["grade_label"]["en"] == "pants on fire"


@pytest.mark.parametrize("n", [3, 9])
def test_a_claims_verdicts_with_grades_take_a_constant_number_of_queries(
    team, claim, django_assert_max_num_queries, n
):
    use_scale("snu-factcheck")
    for i in range(n):
        code = ("true", "half_true", "unverifiable")[i % 3]
        claim_record_verdict(
            claim=claim,
            reviewer=team["alice" if i % 2 else "bob"],
            verdict=resolve_grade(code).verdict,
            grade=resolve_grade(code),
            sources=[SOURCE],
        )
    client = token_client(team["victor"])
    with django_assert_max_num_queries(10):
        verdicts = client.get(f"/api/v1/claims/{claim.pk}/").json()["verdicts"]
    assert len(verdicts) == n


def test_the_schema_documents_the_grade(team):
    schema = Client().get("/api/schema/?format=json")
    assert schema.status_code == 200
    components = json.loads(schema.content)["components"]["schemas"]
    assert "grade" in components["VerdictInput"]["properties"]
    assert "grade" not in components["VerdictInput"].get("required", [])
    assert {"grade", "grade_label", "scale"} <= set(components["VerdictOutput"]["properties"])


# --- The panel --------------------------------------------------------------------------------


def panel(client: Client, claim: Claim) -> str:
    return client.get(reverse("claims:claim", args=[claim.pk]), **HTMX).content.decode()


def korean_client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(user)
    return client


def test_the_panel_offers_the_snu_grades_in_korean(team, claim):
    use_scale("snu-factcheck")
    html = panel(korean_client(team["alice"]), claim)
    for label in ("사실", "대체로 사실", "절반의 사실", "대체로 사실 아님", "판단 유보"):
        assert f" {label}</label>" in html
    assert 'value="mostly_false" id="id_verdict_3" required data-verdict="disputed"' in html
    assert 'value="verified"' not in html


def test_the_panel_offers_the_snu_grades_in_english(team, claim):
    use_scale("snu-factcheck")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(team["alice"])
    html = panel(client, claim)
    assert "✗ mostly false</label>" in html
    assert "대체로" not in html


def test_a_reviewer_records_a_grade_in_the_panel_and_the_history_shows_it(team, claim):
    use_scale("snu-factcheck")
    client = korean_client(team["alice"])
    data = {"verdict": "mostly_false", **FORMSET, "source-0-url": "https://stats.example/t1"}
    response = client.post(reverse("claims:verdict", args=[claim.pk]), data, **HTMX)
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim.pk).status == "disputed"
    assert Verdict.objects.get(claim_id=claim.pk).grade == "mostly_false"
    html = response.content.decode()
    assert '<span aria-hidden="true">✗</span> 대체로 사실 아님</span>' in html
    mine = re.search(r'<input type="radio" name="verdict" value="mostly_false"[^>]*>', html)
    assert mine is not None
    assert "checked" in mine.group(0)
    assert 'data-verdict="disputed"' in mine.group(0)


def test_a_grade_giving_disputed_needs_a_source_in_the_panel(team, claim):
    use_scale("snu-factcheck")
    client = korean_client(team["alice"])
    refused = client.post(
        reverse("claims:verdict", args=[claim.pk]), {"verdict": "half_true", **FORMSET}, **HTMX
    )
    assert refused.status_code == 422
    assert not Verdict.objects.filter(claim_id=claim.pk).exists()
    allowed = client.post(
        reverse("claims:verdict", args=[claim.pk]), {"verdict": "unverifiable", **FORMSET}, **HTMX
    )
    assert allowed.status_code == 200
    assert Claim.objects.get(pk=claim.pk).status == "unverifiable"


def test_a_grade_of_another_scale_is_refused_with_a_reason(team, claim):
    use_scale("snu-factcheck")
    client = korean_client(team["alice"])
    data = {"verdict": "pants_on_fire", **FORMSET, "source-0-url": "https://stats.example/t1"}
    response = client.post(reverse("claims:verdict", args=[claim.pk]), data, **HTMX)
    assert response.status_code == 422
    assert "데스크의 판정 척도에 없습니다" in response.content.decode()
    assert not Verdict.objects.filter(claim_id=claim.pk).exists()


def test_the_history_keeps_an_old_grade_after_the_scale_changes(team, claim):
    use_scale("politifact")
    claim_record_verdict(
        claim=claim,
        reviewer=team["bob"],
        verdict="disputed",
        grade=resolve_grade("pants_on_fire"),
        sources=[SOURCE],
    )
    use_scale("snu-factcheck")
    html = panel(korean_client(team["alice"]), claim)
    assert "새빨간 거짓말" in html
    assert 'value="pants_on_fire"' not in html


# --- ClaimReview for every built-in scale -----------------------------------------------------


@pytest.mark.parametrize("scale_code", [THREE_GRADE, "snu-factcheck", "politifact"])
def test_every_grade_of_a_built_in_scale_gives_a_valid_claimreview(team, viewer, scale_code):
    scale = use_scale(scale_code)
    grades = list(scale.grades.order_by("order"))
    article = make_article(
        sentences=[f"정부는 {i + 2}개국에 친서를 보냈다." for i in range(len(grades))],
        language="ko",
    )
    claims = make_claims(article)
    assert len(claims) == len(grades)
    for claim, grade in zip(claims, grades, strict=True):
        claim_record_verdict(
            claim=claim,
            reviewer=team["alice"],
            verdict=grade.verdict,
            grade=grade,
            sources=[SOURCE],
        )
    response = viewer.get("/api/v1/export/claimreview.jsonld")
    reviews = {r["claimReviewed"]: r for r in json.loads(b"".join(response))["@graph"]}
    assert len(reviews) == len(grades)
    for claim, grade in zip(claims, grades, strict=True):
        review = reviews[claim.text]
        assert violations(review) == []
        rating = review["reviewRating"]
        names = grade.published_names()
        assert rating["alternateName"] == [
            {"@value": names["ko"], "@language": "ko"},
            {"@value": names["en"], "@language": "en"},
        ]
        if grade.rating_value is None:
            assert "ratingValue" not in rating
        else:
            assert rating["ratingValue"] == grade.rating_value
            assert (rating["bestRating"], rating["worstRating"]) == (
                scale.best_rating,
                scale.worst_rating,
            )
            assert scale.worst_rating <= rating["ratingValue"] <= scale.best_rating


def test_a_snu_grade_is_published_under_its_korean_and_english_names(team, viewer):
    use_scale("snu-factcheck")
    claim = make_claim()
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="disputed",
        grade=resolve_grade("mostly_false"),
        sources=[SOURCE],
    )
    review = viewer.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert review["reviewRating"]["ratingValue"] == 2


# --- The migration ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_gives_old_verdicts_the_three_grade_scales_grade():
    team = make_team()
    claims = make_claims(make_article(sentences=["Item 1 costs 3 won.", "Item 2 costs 4 won."]))
    claim_record_verdict(
        claim=claims[0], reviewer=team["alice"], verdict="disputed", sources=[SOURCE]
    )
    claim_record_verdict(claim=claims[1], reviewer=team["bob"], verdict="unverifiable")
    try:
        call_command("migrate", "claims", "0011", verbosity=0)
        executor = MigrationExecutor(connection)
        old = executor.loader.project_state(
            ("claims", "0011_claimevent_actions_of_sources_and_links")
        )
        assert "grade" not in old.apps.get_model("claims", "Verdict")._meta.fields_map
    finally:
        call_command("migrate", "claims", verbosity=0)
    rows = Verdict.objects.order_by("claim_id").values_list(
        "verdict", "grade", "scale_grade__scale__code"
    )
    assert list(rows) == [
        ("disputed", "disputed", THREE_GRADE),
        ("unverifiable", "unverifiable", THREE_GRADE),
    ]
    assert RatingScale.objects.get(active=True).code == THREE_GRADE
