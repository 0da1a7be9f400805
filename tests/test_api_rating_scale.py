"""``GET /api/v1/rating-scale/``: the desk's rating scale as a client needs it to record a
verdict with a ``grade``: its grades in order, with their codes, their names in English and
Korean, the status each gives and ClaimReview's rating."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.test import APIClient

from claims.scale_models import RatingScale
from claims.scales import scale_activate
from tests.factories import token_client

URL = "/api/v1/rating-scale/"


def test_the_default_is_the_three_grade_scale(team):
    body = token_client(team["victor"]).get(URL).json()
    assert body["code"] == "three-grade" and body["built_in"] is True
    assert [(g["code"], g["verdict"]) for g in body["grades"]] == [
        ("verified", "verified"),
        ("disputed", "disputed"),
        ("unverifiable", "unverifiable"),
    ]
    assert all(set(g["label"]) == {"en", "ko"} and g["label"]["ko"] for g in body["grades"])


def test_the_active_scale_is_listed_with_its_korean_labels_mapping_and_ratings(team):
    scale_activate(RatingScale.objects.get(code="snu-factcheck"))
    body = token_client(team["alice"]).get(URL).json()
    assert body["code"] == "snu-factcheck"
    assert body["name"]["ko"] and body["name"]["en"]
    grades = {g["code"]: g for g in body["grades"]}
    assert list(grades) == [
        "true",
        "mostly_true",
        "half_true",
        "mostly_false",
        "false",
        "unverifiable",
    ]
    assert grades["mostly_false"]["label"] == {"en": "mostly false", "ko": "대체로 사실 아님"}
    assert grades["true"]["verdict"] == "verified" and grades["false"]["verdict"] == "disputed"
    assert grades["unverifiable"]["rating_value"] is None
    values = [g["rating_value"] for g in body["grades"] if g["rating_value"] is not None]
    assert values and all(body["worst_rating"] <= v <= body["best_rating"] for v in values)


def test_a_listed_grade_is_what_the_verdict_endpoint_takes(team, claim):
    scale_activate(RatingScale.objects.get(code="politifact"))
    api = token_client(team["alice"])
    codes = [g["code"] for g in api.get(URL).json()["grades"]]
    assert "pants_on_fire" in codes
    given = api.post(
        reverse("api:verdicts", args=[claim.pk]),
        {"grade": "pants_on_fire", "sources": [{"url": "https://stats.example/t1"}]},
        format="json",
    )
    assert given.status_code == 201, given.json()
    assert given.json()["grade"] == "pants_on_fire"


def test_it_is_read_by_the_desk_only_and_in_a_constant_number_of_queries(
    team, django_assert_num_queries
):
    assert APIClient().get(URL).status_code == 401
    assert token_client(team["oscar"]).get(URL).status_code == 403
    api = token_client(team["victor"])
    api.get(URL)
    # the token with its user's permissions, the grades with their scale
    with django_assert_num_queries(2):
        assert api.get(URL).status_code == 200


def test_the_index_and_the_schema_name_it(team):
    index = APIClient().get("/api/v1/").json()
    assert index["rating_scale"].endswith(URL)
    schema = APIClient().get("/api/schema/?format=json").json()
    operation = schema["paths"][URL]["get"]
    assert operation["operationId"] == "rating_scale_retrieve"
    component = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][component.rsplit("/", 1)[1]]["properties"]
    assert {"code", "name", "grades", "best_rating", "worst_rating"} <= set(fields)
