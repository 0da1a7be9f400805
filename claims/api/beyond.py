"""The API's views of what lies beyond one claim: canonical claims (one fact as several
articles report it) and a cited source's archive (its corroboration, every fetch, and a
fetch again on demand)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from claims import blind
from claims.api import serializers as s
from claims.api.filters import CanonicalClaimFilter
from claims.api.permissions import CanRead, CanReview
from claims.api.records import canonical_records, source_archive_record
from claims.api.views import FILTER_ERRORS, ApiView, Cursor, Filtered, read_one
from claims.archiving import refetch_source
from claims.models import CanonicalClaim, Source

# Canonical claims: one fact across articles -------------------------------------------


class CanonicalClaimList(ApiView, Filtered):
    queryset = CanonicalClaim.objects.all()
    serializer_class = s.CanonicalClaimSerializer
    filterset_class = CanonicalClaimFilter
    pagination_class = Cursor
    permission_classes = [CanRead]

    @extend_schema(
        operation_id="canonical_claims_list",
        summary="List canonical claims (one fact as several articles report it)",
        description=(
            "Newest first, 50 a page; follow `next` and `previous` (cursor links). "
            "`conflict=true` lists the facts reported with figures that cannot agree."
        ),
        responses={
            200: s.CanonicalClaimSerializer(many=True),
            400: FILTER_ERRORS,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: OpenApiResponse(s.ErrorSerializer, description="Invalid cursor"),
        },
    )
    def get(self, request: Request) -> Response:
        canonicals = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(canonicals)
        records = canonical_records(list(page or []))
        return self.get_paginated_response(blind.mask_appearances(request.user, records))


class CanonicalClaimDetail(ApiView):
    permission_classes = [CanRead]

    @extend_schema(
        summary="A canonical claim with its appearances and conflicting figures",
        responses=read_one(s.CanonicalClaimSerializer),
    )
    def get(self, request: Request, pk: int) -> Response:
        canonical = CanonicalClaim.objects.filter(pk=pk).first()
        if canonical is None:
            raise NotFound("No canonical claim with this id.")
        return Response(blind.mask_appearances(request.user, canonical_records([canonical]))[0])


# Sources -----------------------------------------------------------------------------


class SourceArchiveDetail(ApiView):
    permission_classes = [CanRead]

    @extend_schema(
        summary="A source's archive: its corroboration and every fetch, with texts and diffs",
        responses=read_one(s.SourceArchiveSerializer),
    )
    def get(self, request: Request, pk: int) -> Response:
        record = source_archive_record(pk)
        if record is None or blind.hides_source(request.user, pk):
            raise NotFound("No source with this id.")
        return Response(record)


class SourceRefetch(ApiView):
    permission_classes = [CanReview]

    @extend_schema(
        summary="Fetch a source again now (reviewers)",
        description=(
            "200 with the source's archive when the fetch ran here; 202 when a worker runs "
            "it (poll the archive). A changed page becomes a new version with its diff; a "
            "vanished page keeps its archive; either brings the claim back as due."
        ),
        request=None,
        responses={
            200: s.SourceArchiveSerializer,
            202: s.SourceArchiveSerializer,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: s.ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        source = get_object_or_404(Source.objects.select_related("verdict__claim"), pk=pk)
        queued = refetch_source(source=source)
        return Response(
            source_archive_record(pk),
            status=status.HTTP_202_ACCEPTED if queued else status.HTTP_200_OK,
        )
