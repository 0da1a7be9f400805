"""The desk's rating scales: the built-in ones, the active one, and a verdict's grade.

``BUILT_IN`` is what migration 0013 creates (frozen there) and what
``ensure_builtin_scales`` puts back on a database emptied since (transactional tests).
Each grade: (code, English label, Korean label, status, ratingValue, English and Korean
published names for ClaimReview's ``alternateName``, blank meaning the label).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from claims.models import Verdict, VerdictChoice
from claims.scale_models import RatingGrade, RatingScale

V, D, U = "verified", "disputed", "unverifiable"
THREE_GRADE = "three-grade"


class GradeSpec(NamedTuple):
    code: str
    label: str
    label_ko: str
    verdict: str
    rating_value: int | None
    alternate_name: str = ""
    alternate_name_ko: str = ""


class ScaleSpec(NamedTuple):
    code: str
    name: str
    name_ko: str
    best: int
    worst: int
    grades: tuple[GradeSpec, ...]


BUILT_IN: tuple[ScaleSpec, ...] = (
    # The desk's first scale: existing verdicts keep their meaning (and ClaimReview its 5/1).
    ScaleSpec(
        THREE_GRADE,
        "Verified / disputed / unverifiable",
        "사실 / 사실 아님 / 판단 불가",
        5,
        1,
        (
            GradeSpec(V, "verified", "사실", V, 5, "True", "사실"),
            GradeSpec(D, "disputed", "사실 아님", D, 1, "False", "사실 아님"),
            GradeSpec(U, "unverifiable", "판단 불가", U, None, "Unverifiable", "판단 유보"),
        ),
    ),
    ScaleSpec(
        "snu-factcheck",
        "SNU FactCheck (six grades)",
        "서울대 팩트체크 (6단계)",
        5,
        1,
        (
            GradeSpec("true", "true", "사실", V, 5, "True"),
            GradeSpec("mostly_true", "mostly true", "대체로 사실", V, 4, "Mostly true"),
            GradeSpec("half_true", "half true", "절반의 사실", D, 3, "Half true"),
            GradeSpec("mostly_false", "mostly false", "대체로 사실 아님", D, 2, "Mostly false"),
            GradeSpec("false", "false", "사실 아님", D, 1, "False"),
            GradeSpec("unverifiable", "unverifiable", "판단 유보", U, None, "Unverifiable"),
        ),
    ),
    # PolitiFact's Truth-O-Meter, plus an unverifiable grade: a desk must be able to record
    # that a claim cannot be checked (no source needed), which the meter has no grade for.
    ScaleSpec(
        "politifact",
        "PolitiFact-style Truth-O-Meter",
        "폴리티팩트식 진실 측정기",
        6,
        1,
        (
            GradeSpec("true", "true", "사실", V, 6, "True"),
            GradeSpec("mostly_true", "mostly true", "대체로 사실", V, 5, "Mostly True"),
            GradeSpec("half_true", "half true", "절반의 사실", D, 4, "Half True"),
            GradeSpec("mostly_false", "mostly false", "대체로 사실 아님", D, 3, "Mostly False"),
            GradeSpec("false", "false", "사실 아님", D, 2, "False"),
            GradeSpec("pants_on_fire", "pants on fire", "새빨간 거짓말", D, 1, "Pants on Fire!"),
            GradeSpec("unverifiable", "unverifiable", "판단 유보", U, None, "Unverifiable"),
        ),
    ),
)


def create_scales(scale_model: Any, grade_model: Any, specs: Iterable[ScaleSpec]) -> None:
    """Create the scales that are missing (by code); the three-grade one is active when no
    scale is. Takes the model classes so that migrations pass their frozen ones."""
    for spec in specs:
        scale, created = scale_model.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "name_ko": spec.name_ko,
                "best_rating": spec.best,
                "worst_rating": spec.worst,
                "built_in": True,
            },
        )
        if created:
            grade_model.objects.bulk_create(
                grade_model(scale=scale, order=i, **g._asdict()) for i, g in enumerate(spec.grades)
            )
    if not scale_model.objects.filter(active=True).exists():
        scale_model.objects.filter(code=THREE_GRADE).update(active=True)


def ensure_builtin_scales() -> None:
    create_scales(RatingScale, RatingGrade, BUILT_IN)


def active_scale() -> RatingScale:
    """The desk's scale (the built-in scales come back first on a database emptied since)."""
    scale = RatingScale.objects.filter(active=True).first()
    if scale is None:
        ensure_builtin_scales()
        scale = RatingScale.objects.get(active=True)
    return scale


def active_grades() -> list[RatingGrade]:
    """The desk's scale's grades in order, with their scale (one query)."""
    grades = list(RatingGrade.objects.filter(scale__active=True).select_related("scale"))
    return grades or scale_grades(active_scale())


def scale_grades(scale: RatingScale) -> list[RatingGrade]:
    return list(scale.grades.order_by("order", "id"))


def three_grade(verdict: str) -> RatingGrade:
    """The three-grade scale's grade for a plain verdict (what a verdict without a grade is)."""
    grade = RatingGrade.objects.filter(scale__code=THREE_GRADE, code=verdict).first()
    if grade is None:
        ensure_builtin_scales()
        grade = RatingGrade.objects.get(scale__code=THREE_GRADE, code=verdict)
    return grade


def grade_giving(verdict: str, grade: RatingGrade | None) -> RatingGrade:
    """The grade to store with ``verdict``: ``grade``, which must give that status, or
    without one the three-grade scale's grade of that name."""
    if grade is None:
        return three_grade(verdict)
    if grade.verdict != verdict:
        message = _(
            "The grade %(grade)s gives %(status)s, not %(verdict)s: send one of them, or both "
            "in agreement."
        )
        raise ValidationError(
            {"grade": message % {"grade": grade.code, "status": grade.verdict, "verdict": verdict}}
        )
    return grade


def unknown_grade_message(code: str, grades: list[RatingGrade]) -> str:
    return _("Unknown grade %(grade)s: the desk's scale has %(codes)s.") % {
        "grade": repr(code),
        "codes": ", ".join(g.code for g in grades),
    }


def resolve_grade(code: str, *, scale: RatingScale | None = None) -> RatingGrade:
    """The grade ``code`` names on ``scale`` (the desk's by default); a ValidationError
    keyed ``grade`` listing the valid codes otherwise."""
    grades = scale_grades(scale or active_scale())
    for grade in grades:
        if grade.code == code:
            return grade
    raise ValidationError({"grade": unknown_grade_message(code, grades)})


def check_grades(grades: Iterable[tuple[str, str]]) -> list[str]:
    """What is wrong with a scale's grades, given as (code, status) pairs: codes unique,
    each status one of the three, at least one verified and one disputed grade."""
    pairs = list(grades)
    problems = []
    codes = [code for code, _status in pairs]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        problems.append(_("Each grade needs its own code (repeated: %s).") % ", ".join(repeated))
    if any(status not in VerdictChoice.values for _code, status in pairs):
        problems.append(_("Each grade gives one status: verified, disputed or unverifiable."))
    statuses = {status for _code, status in pairs}
    if V not in statuses or D not in statuses:
        problems.append(
            _("A scale needs at least one grade giving verified and one giving disputed.")
        )
    return problems


def _others_off(scale: RatingScale) -> None:
    RatingScale.objects.filter(active=True).exclude(pk=scale.pk).update(active=False)


@transaction.atomic
def scale_activate(scale: RatingScale) -> RatingScale:
    """Make ``scale`` the desk's scale. Stored verdicts keep their grades.

    Two activations at once take turns: every scale row is locked first, in one order (a
    handful of rows), so the second waits for the first to commit and then turns the first's
    scale off. Turning the old scale off alone left the second blind to the first's new one
    and the two met on the one-active-scale constraint. Should one slip in between all the
    same, the others are turned off again once (the last activation wins)."""
    list(RatingScale.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    for attempt in range(2):
        _others_off(scale)
        try:
            with transaction.atomic():
                RatingScale.objects.filter(pk=scale.pk).update(active=True)
            break
        except IntegrityError:
            if attempt:
                raise
    scale.active = True
    return scale


def _three_grade_spec(verdict: str) -> GradeSpec:
    return next(g for g in BUILT_IN[0].grades if g.code == verdict)


def grade_fields(row: dict[str, Any]) -> dict[str, Any]:
    """A verdict row's ``grade``, ``grade_label`` ({"en", "ko"}) and ``scale`` for the API,
    from ``grade``, ``scale_grade__label``, ``scale_grade__label_ko`` and
    ``scale_grade__scale__code`` (a row without a grade reads as the three-grade scale's)."""
    if row.get("scale_grade__label"):
        return {
            "grade": row["grade"],
            "grade_label": {"en": row["scale_grade__label"], "ko": row["scale_grade__label_ko"]},
            "scale": row["scale_grade__scale__code"],
        }
    spec = _three_grade_spec(row["verdict"])
    return {
        "grade": spec.code,
        "grade_label": {"en": spec.label, "ko": spec.label_ko},
        "scale": THREE_GRADE,
    }


def grade_code(verdict: Verdict) -> str:
    """A stored verdict's grade code (its verdict for rows from before scales)."""
    return verdict.grade or verdict.verdict


def grade_label(verdict: Verdict) -> str:
    """A stored verdict's grade in the interface's language, as rated then."""
    grade = verdict.scale_grade
    if grade is None:
        return str(VerdictChoice(verdict.verdict).label)
    return grade.display_label
