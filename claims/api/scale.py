"""The desk's rating scale, read: which grades a verdict may be given (``POST
claims/{id}/verdicts/`` takes their codes as ``grade``), what each is called in English and
Korean, the status it gives and its ClaimReview rating."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api import serializers as s
from claims.api.permissions import CanRead
from claims.api.views import ApiView
from claims.models import VerdictChoice
from claims.scale_models import RatingGrade, RatingScale
from claims.scales import active_grades, active_scale


class ScaleGradeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="What `grade` takes and returns.")
    # A declared field (the metaclass takes it out of the class), not Field.label.
    label = s.GradeLabelSerializer(help_text="The grade's name in English and Korean.")  # type: ignore[assignment]
    verdict = serializers.ChoiceField(
        choices=VerdictChoice.choices,
        help_text="The status the grade gives a claim (and the verdict's `verdict`).",
    )
    rating_value = serializers.IntegerField(
        allow_null=True,
        help_text="ClaimReview's ratingValue; null for a grade outside the scale (unverifiable).",
    )
    published_name = s.GradeLabelSerializer(
        help_text="ClaimReview's alternateName in English and Korean."
    )


class RatingScaleSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = s.GradeLabelSerializer(help_text="The scale's name in English and Korean.")
    built_in = serializers.BooleanField()
    best_rating = serializers.IntegerField(help_text="ClaimReview's bestRating.")
    worst_rating = serializers.IntegerField(help_text="ClaimReview's worstRating.")
    grades = ScaleGradeSerializer(many=True, help_text="In the scale's order, truest first.")


def grade_record(grade: RatingGrade) -> dict[str, Any]:
    return {
        "code": grade.code,
        "label": {"en": grade.label, "ko": grade.label_ko or grade.label},
        "verdict": grade.verdict,
        "rating_value": grade.rating_value,
        "published_name": grade.published_names(),
    }


def scale_record(scale: RatingScale, grades: list[RatingGrade]) -> dict[str, Any]:
    return {
        "code": scale.code,
        "name": {"en": scale.name, "ko": scale.name_ko or scale.name},
        "built_in": scale.built_in,
        "best_rating": scale.best_rating,
        "worst_rating": scale.worst_rating,
        "grades": [grade_record(g) for g in grades],
    }


class DeskRatingScale(ApiView):
    permission_classes = [CanRead]

    @extend_schema(
        operation_id="rating_scale_retrieve",
        summary="The desk's rating scale: its grades, their names and the status each gives",
        description=(
            "The scale the desk rates on now (an admin chooses it). A verdict's `grade` is one "
            "of these codes; stored verdicts keep the grade they were given on an earlier scale."
        ),
        responses={200: RatingScaleSerializer, 401: s.ErrorSerializer, 403: s.ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        grades = active_grades()  # with their scale, one query
        scale = grades[0].scale if grades else active_scale()
        return Response(scale_record(scale, grades))
