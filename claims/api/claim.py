"""One claim in the API: read it (as the caller may see it: ``claims.blind``), and change what
a reviewer sets on it besides verdicts (its re-check date; an editor also its blind review)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from claims import blind
from claims.api import serializers as s
from claims.api.permissions import ReadOrReview
from claims.api.records import claim_detail
from claims.api.views import ApiView, read_one
from claims.models import Claim
from claims.services import claim_set_blind, claim_set_recheck

CHANGEABLE = ("recheck_due", "blind")


class ClaimChangeSerializer(serializers.Serializer[Any]):
    """What a reviewer changes on a claim here; verdicts are recorded under
    `claims/{id}/verdicts/`. At least one field."""

    recheck_due = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="When the claim comes back to the queue to be checked again (YYYY-MM-DD), "
        "or null for never. A date that has come makes the claim due at once.",
    )
    blind = serializers.BooleanField(
        required=False,
        help_text="Blind review for this claim (editors only): reviewers see no one else's "
        "verdicts, sources or notes on it until they have recorded their own.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = self.initial_data if isinstance(self.initial_data, dict) else {}
        unknown = sorted(set(given) - set(CHANGEABLE))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: [
                        "This field cannot be changed here: only recheck_due and blind can "
                        "(record a verdict under claims/{id}/verdicts/)."
                    ]
                    for name in unknown
                }
            )
        if not attrs:
            raise serializers.ValidationError(
                {"detail": ["Send recheck_due (a date or null) or blind (true or false)."]}
            )
        return attrs


def seen_by(user: Any, pk: int) -> dict[str, Any]:
    """The claim's record as ``user`` may see it (hidden parts taken out on a blind claim)."""
    record = claim_detail(pk)
    if record is None:
        raise NotFound("No claim with this id.")
    hidden = blind.hidden_claims_q(user)
    if hidden is not None and Claim.objects.filter(hidden, pk=pk).exists():
        return blind.mask_record(record)
    return record


class ClaimDetail(ApiView):
    permission_classes = [ReadOrReview]

    @extend_schema(
        operation_id="claims_retrieve",
        summary="A claim with its verdict history and sources",
        description=(
            "On a claim under blind review, a reviewer who has not recorded a verdict on it "
            "sees no verdicts or sources, and `status` `unreviewed` in place of what "
            "others decided."
        ),
        responses=read_one(s.ClaimDetailSerializer),
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(seen_by(request.user, pk))

    @extend_schema(
        operation_id="claims_partial_update",
        summary="Change a claim's re-check date (reviewers) or blind review (editors)",
        description=(
            "`recheck_due` sets the date the claim comes back to the queue (null clears "
            "it); the history records the change. A claim an editor settled changes only by "
            "an editor (403). Answers the claim as `GET` does."
        ),
        request=ClaimChangeSerializer,
        responses={
            200: s.ClaimDetailSerializer,
            400: OpenApiResponse(description="Field errors: {field: [message, ...]}"),
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: s.ErrorSerializer,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(Claim, pk=pk)
        data = ClaimChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            if "blind" in data.validated_data:
                claim_set_blind(claim=claim, actor=request.user, blind=data.validated_data["blind"])
            if "recheck_due" in data.validated_data:
                due = data.validated_data["recheck_due"]
                claim_set_recheck(claim=claim, actor=request.user, due=due)
        return Response(seen_by(request.user, pk))
