"""Rating scales (issue 19): the desk rates on one scale; each grade gives a status, which the
claim's status, filters, tallies and the API's ``verdict`` follow; a stored verdict keeps
the grade it was rated with whatever the desk's scale becomes."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from claims.canonical import claim_apply_verdict
from claims.models import Claim, Verdict
from claims.scale_models import RatingGrade, RatingScale
from claims.scales import (
    BUILT_IN,
    THREE_GRADE,
    active_scale,
    check_grades,
    grade_label,
    resolve_grade,
    scale_activate,
)
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_user, token_client
from tests.test_canonical_claims import three  # noqa: F401 (the fixture)

SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1")
SNU = {
    "true": "사실",
    "mostly_true": "대체로 사실",
    "half_true": "절반의 사실",
    "mostly_false": "대체로 사실 아님",
    "false": "사실 아님",
    "unverifiable": "판단 유보",
}


def use_scale(code: str) -> RatingScale:
    return scale_activate(RatingScale.objects.get(code=code))


def fresh(verdict: Verdict) -> Verdict:
    return Verdict.objects.select_related("scale_grade__scale").get(pk=verdict.pk)


def graded(verdict: Verdict) -> tuple[str, str, str]:
    """A stored verdict read back: (verdict, grade, its scale's code)."""
    fields = ("verdict", "grade", "scale_grade__scale__code")
    return Verdict.objects.filter(pk=verdict.pk).values_list(*fields).get()


# --- The scales -------------------------------------------------------------------------------


def test_the_three_grade_scale_is_the_desks_scale_after_migrating(db):
    scale = active_scale()
    assert scale.code == THREE_GRADE
    assert [g.code for g in scale.grades.all()] == ["verified", "disputed", "unverifiable"]
    assert RatingScale.objects.filter(active=True).count() == 1


def test_the_snu_scale_has_the_six_grades_of_the_contract_in_order(db):
    grades = RatingScale.objects.get(code="snu-factcheck").grades.order_by("order")
    assert {g.code: g.label_ko for g in grades} == SNU
    assert [g.code for g in grades] == list(SNU)
    statuses = {g.code: g.verdict for g in grades}
    assert statuses["true"] == statuses["mostly_true"] == "verified"
    assert statuses["mostly_false"] == statuses["false"] == "disputed"
    assert statuses["unverifiable"] == "unverifiable"


def test_the_politifact_scale_runs_from_true_to_pants_on_fire_with_an_unverifiable_grade(db):
    scale = RatingScale.objects.get(code="politifact")
    grades = list(scale.grades.order_by("order"))
    assert [g.code for g in grades] == [
        "true",
        "mostly_true",
        "half_true",
        "mostly_false",
        "false",
        "pants_on_fire",
        "unverifiable",
    ]
    assert (scale.best_rating, scale.worst_rating) == (6, 1)
    assert [g.rating_value for g in grades] == [6, 5, 4, 3, 2, 1, None]


def test_every_built_in_scale_passes_the_admins_checks(db):
    scales = list(RatingScale.objects.filter(built_in=True))
    assert len(scales) == 3
    for scale in scales:
        assert check_grades(scale.grades.values_list("code", "verdict")) == []


def test_the_migration_holds_the_built_in_scales_as_claims_scales_defines_them():
    migration = importlib.import_module("claims.migrations.0019_built_in_rating_scales")
    defined = tuple(
        (s.code, s.name, s.name_ko, s.best, s.worst, tuple(tuple(g) for g in s.grades))
        for s in BUILT_IN
    )
    assert migration.SCALES == defined


def test_a_scale_without_a_disputed_grade_or_with_a_repeated_code_is_refused():
    problems = check_grades([("yes", "verified"), ("yes", "unverifiable"), ("huh", "maybe")])
    assert len(problems) == 3
    assert "yes" in problems[0]


# --- Verdicts keep their grade ------------------------------------------------------------------


def test_a_verdict_without_a_grade_is_the_three_grade_scales_grade_of_its_name(team, claim):
    use_scale("snu-factcheck")
    stored = claim_record_verdict(
        claim=claim, reviewer=team["alice"], verdict="disputed", sources=[SOURCE]
    )
    assert graded(stored) == (
        "disputed",
        "disputed",
        THREE_GRADE,
    )


def test_a_grade_gives_the_claim_its_status(team, claim):
    use_scale("snu-factcheck")
    grade = resolve_grade("mostly_false")
    claim_record_verdict(
        claim=claim, reviewer=team["alice"], verdict="disputed", grade=grade, sources=[SOURCE]
    )
    assert Claim.objects.get(pk=claim.pk).status == "disputed"
    row = Verdict.objects.get(claim=claim)
    assert (row.grade, row.scale_grade_id) == ("mostly_false", grade.pk)


def test_a_grade_that_gives_another_status_than_the_verdict_is_refused(team, claim):
    grade = resolve_grade("mostly_true", scale=RatingScale.objects.get(code="snu-factcheck"))
    with pytest.raises(ValidationError) as refused:
        claim_record_verdict(
            claim=claim, reviewer=team["alice"], verdict="disputed", grade=grade, sources=[SOURCE]
        )
    assert "grade" in refused.value.message_dict
    assert not Verdict.objects.filter(claim=claim).exists()


def test_changing_the_desks_scale_never_changes_a_stored_verdict(team, claim):
    use_scale("snu-factcheck")
    stored = claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="disputed",
        grade=resolve_grade("half_true"),
        sources=[SOURCE],
    )
    use_scale("politifact")
    use_scale(THREE_GRADE)
    row = fresh(stored)
    assert graded(stored) == ("disputed", "half_true", "snu-factcheck")
    with translation.override("en"):
        assert grade_label(row) == "half true"
    with translation.override("ko"):
        assert grade_label(row) == "절반의 사실"
    assert active_scale().code == THREE_GRADE
    assert RatingScale.objects.filter(active=True).count() == 1


def test_an_unknown_grade_names_the_scales_codes(db):
    use_scale("snu-factcheck")
    with pytest.raises(ValidationError) as refused:
        resolve_grade("pants_on_fire")
    message = refused.value.message_dict["grade"][0]
    assert "pants_on_fire" in message
    for code in SNU:
        assert code in message


def test_the_built_in_scales_come_back_on_an_emptied_database(db):
    Verdict.objects.all().delete()
    RatingScale.objects.all().delete()
    assert active_scale().code == THREE_GRADE
    assert RatingScale.objects.count() == 3


# --- The admin --------------------------------------------------------------------------------


@pytest.fixture
def root(db: None) -> Client:
    make_user("root", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(make_user("root2", is_superuser=True, is_staff=True))
    return client


def scale_form(scale: RatingScale, **fields: Any) -> dict[str, Any]:
    data = {
        "code": scale.code,
        "name": scale.name,
        "name_ko": scale.name_ko,
        "best_rating": scale.best_rating,
        "worst_rating": scale.worst_rating,
        "grades-TOTAL_FORMS": "0",
        "grades-INITIAL_FORMS": "0",
        "grades-MIN_NUM_FORMS": "0",
        "grades-MAX_NUM_FORMS": "1000",
        **fields,
    }
    return {k: v for k, v in data.items() if v is not False}


def test_an_admin_makes_the_snu_scale_the_desks(root):
    snu = RatingScale.objects.get(code="snu-factcheck")
    response = root.post(
        f"/admin/claims/ratingscale/{snu.pk}/change/", scale_form(snu, active="on")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(RatingScale.objects.filter(active=True).values_list("code", flat=True)) == [
        "snu-factcheck"
    ]


def test_the_admin_action_makes_one_scale_the_desks(root):
    politifact = RatingScale.objects.get(code="politifact")
    response = root.post(
        "/admin/claims/ratingscale/",
        {"action": "make_the_desks_scale", "_selected_action": [politifact.pk]},
    )
    assert response.status_code == 302
    assert RatingScale.objects.get(active=True).code == "politifact"


def test_the_desks_scale_cannot_be_switched_off_without_choosing_another(root):
    default = RatingScale.objects.get(code=THREE_GRADE)
    response = root.post(f"/admin/claims/ratingscale/{default.pk}/change/", scale_form(default))
    assert response.status_code == 200
    assert "make another scale the desk" in response.content.decode()
    assert RatingScale.objects.get(active=True).code == THREE_GRADE


def grade_rows(
    rows: list[tuple[str, str, int | None]] | list[tuple[str, str, int]],
) -> dict[str, Any]:
    data: dict[str, Any] = {"grades-TOTAL_FORMS": str(len(rows))}
    for i, (code, verdict, value) in enumerate(rows):
        data |= {
            f"grades-{i}-order": str(i),
            f"grades-{i}-code": code,
            f"grades-{i}-label": code,
            f"grades-{i}-label_ko": "등급",
            f"grades-{i}-verdict": verdict,
            f"grades-{i}-rating_value": "" if value is None else str(value),
        }
    return data


def custom_scale(**fields: Any) -> dict[str, Any]:
    return {
        "code": "desk-four",
        "name": "Four grades",
        "name_ko": "4단계",
        "best_rating": "4",
        "worst_rating": "1",
        "grades-INITIAL_FORMS": "0",
        "grades-MIN_NUM_FORMS": "0",
        "grades-MAX_NUM_FORMS": "1000",
        **fields,
    }


def test_an_admin_adds_a_custom_scale_with_its_grades(root):
    rows = [("right", "verified", 4), ("wrong", "disputed", 1), ("open", "unverifiable", None)]
    response = root.post("/admin/claims/ratingscale/add/", custom_scale(**grade_rows(rows)))
    assert response.status_code == 302, response.content.decode()[:3000]
    scale = RatingScale.objects.get(code="desk-four")
    assert list(scale.grades.values_list("code", "verdict", "rating_value")) == rows
    assert not scale.active


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        ([("right", "verified", 4), ("right", "disputed", 1)], "duplicate data for code"),
        ([("right", "verified", 4), ("open", "unverifiable", None)], "at least one grade"),
        ([("right", "verified", 9), ("wrong", "disputed", 1)], "between the worst"),
    ],
)
def test_the_admin_refuses_a_custom_scale_that_cannot_rate(root, rows, says):
    response = root.post("/admin/claims/ratingscale/add/", custom_scale(**grade_rows(rows)))
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not RatingScale.objects.filter(code="desk-four").exists()


def test_a_grade_stored_verdicts_carry_keeps_its_status(root, team, claim):
    rows = [("right", "verified", 4), ("wrong", "disputed", 1)]
    root.post("/admin/claims/ratingscale/add/", custom_scale(**grade_rows(rows)))
    scale = RatingScale.objects.get(code="desk-four")
    wrong = RatingGrade.objects.get(scale=scale, code="wrong")
    claim_record_verdict(
        claim=claim, reviewer=team["alice"], verdict="disputed", grade=wrong, sources=[SOURCE]
    )
    edit = grade_rows([("right", "verified", 4), ("wrong", "verified", 1)])
    edit |= {"grades-INITIAL_FORMS": "2"}
    for i, grade in enumerate(scale.grades.order_by("order")):
        edit |= {f"grades-{i}-id": str(grade.pk), f"grades-{i}-scale": str(scale.pk)}
    response = root.post(
        f"/admin/claims/ratingscale/{scale.pk}/change/", {**custom_scale(), **edit}
    )
    assert response.status_code == 200
    assert "cannot change" in response.content.decode()
    assert RatingGrade.objects.get(pk=wrong.pk).verdict == "disputed"


def test_built_in_scales_are_read_only_but_for_being_the_desks(root):
    snu = RatingScale.objects.get(code="snu-factcheck")
    html = root.get(f"/admin/claims/ratingscale/{snu.pk}/change/").content.decode()
    assert 'name="grades-0-code"' not in html
    assert "대체로 사실 아님" in html
    assert 'name="active"' in html


def test_the_verdict_admin_shows_the_grade_as_rated(root, team, claim):
    use_scale("snu-factcheck")
    stored = claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="disputed",
        grade=resolve_grade("mostly_false"),
        sources=[SOURCE],
    )
    korean = Client(HTTP_ACCEPT_LANGUAGE="ko")
    korean.force_login(make_user("root3", is_superuser=True, is_staff=True))
    html = korean.get(f"/admin/claims/verdict/{stored.pk}/change/").content.decode()
    assert "대체로 사실 아님" in html


def test_tokens_still_post_plain_verdicts(team, claim):
    client = token_client(team["alice"])
    response = client.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"verdict": "unverifiable"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["grade"] == "unverifiable"


def test_a_verdict_applied_to_another_appearance_keeps_its_grade(three, team):  # noqa: F811
    use_scale("snu-factcheck")
    claim_record_verdict(
        claim=three["ko35"],
        reviewer=team["alice"],
        verdict="verified",
        grade=resolve_grade("mostly_true"),
        sources=[SOURCE],
    )
    use_scale(THREE_GRADE)
    claim_apply_verdict(claim=three["en35"], source=three["ko35"], reviewer=team["bob"])
    assert graded(Verdict.objects.get(claim=three["en35"])) == (
        "verified",
        "mostly_true",
        "snu-factcheck",
    )
