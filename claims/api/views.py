"""REST API views: authorize, parse, call the service or the reader, render."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from orjson import Fragment
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    UnsupportedMediaType,
    ValidationError,
)
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import Cursor as CursorPosition
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from articles.models import Article, IngestJob
from claims import blind
from claims.api import serializers as s
from claims.api.authentication import RoleTokenAuthentication
from claims.api.caching import cached_json
from claims.api.filters import ArticleFilter, ClaimFilter
from claims.api.permissions import CanRead, CanReview, ReadOrReview
from claims.api.records import (
    article_detail,
    article_record,
    article_values,
    job_record,
    stored_verdict,
)
from claims.api.renderers import ORJSONRenderer, SafeJSONParser
from claims.api.throttles import IngestThrottle
from claims.claimreview import claimreview_batches, claimreview_chunks
from claims.exports import (
    builds_json,
    claim_json,
    claim_records,
    claim_values,
    csv_chunks,
    jsonl_chunks,
)
from claims.models import Claim
from claims.pipeline import (
    HtmlSource,
    IngestOutcome,
    SourceError,
    Submission,
    TextSource,
    UrlSource,
    submit,
)
from claims.roles import can_see_job, can_settle
from claims.services import claim_record_verdict

SIGN_IN = (
    "Sign in, or send the header 'Authorization: Token <key>' "
    "(an admin makes a key with: python manage.py drf_create_token <username>)."
)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with service validation errors as 400 and a clearer 401."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            {
                "detail": f"The request body is over the {limit:,}-byte limit; send a smaller "
                "document, or post its URL instead of its content."
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, TooManyFieldsSent):
        return Response(
            {"detail": "The request has too many parameters; send only the filters you need."},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, NotAuthenticated):
        response.data = {"detail": SIGN_IN}
    if response is not None and isinstance(exc, UnsupportedMediaType):
        response.data = {
            "detail": f"{exc.detail} The API takes JSON bodies only: send the body as JSON "
            "with the header 'Content-Type: application/json'."
        }
    return response


@csrf_exempt
def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"detail": "No API endpoint at this address; the endpoints are listed at /api/docs/."},
        status=404,
    )


def read_one(serializer: type) -> dict[int, type]:
    """Responses of a view that reads one object: it, or why not (401, 403, 404)."""
    return {200: serializer, 401: s.ErrorSerializer, 403: s.ErrorSerializer, 404: s.ErrorSerializer}


class ApiView(APIView):
    """Token first, so that a request without credentials is answered 401, not 403.

    Request bodies are JSON only (any other content type is a 415): the review interface
    has its own forms, and no endpoint takes a file (a page's HTML goes in a JSON string),
    so one body per operation is declared and generated clients get one way to send it.
    """

    authentication_classes = [RoleTokenAuthentication, SessionAuthentication]
    renderer_classes = [ORJSONRenderer, BrowsableAPIRenderer]
    parser_classes = [SafeJSONParser]

    def get_exception_handler(self) -> Callable[..., Response | None]:
        return api_exception_handler


class Filtered(GenericAPIView[Any]):
    """Filters from the query string; no filter form is built when none is given."""

    def filter_queryset(self, queryset: Any) -> Any:
        names = self.filterset_class.base_filters  # type: ignore[attr-defined]
        if not any(name in self.request.query_params for name in names):
            return queryset
        return super().filter_queryset(queryset)


class Cursor(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def decode_cursor(self, request: Request) -> CursorPosition | None:
        """DRF's cursor, with a position that is not a row id refused like any bad cursor."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        position = str(cursor.position)
        if not (position.isascii() and position.isdigit() and int(position) <= 2**63 - 1):
            raise NotFound(self.invalid_cursor_message)
        return cursor


FILTER_ERRORS = OpenApiResponse(
    description="A filter value that cannot be used: {filter: [message, ...]}"
)


def _ingest_error(error: SourceError) -> Response:
    return Response(
        {
            "detail": f"Could not ingest {error.source}: {error.reason}",
            "source": error.source,
            "reason": error.reason,
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


class ApiIndex(ApiView):
    """What the API offers, by address: a client (or a person) starts here."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="api_index",
        summary="The API's endpoints, by name",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        def url(name: str) -> str:
            return request.build_absolute_uri(reverse(f"api:{name}"))

        return Response(
            {
                "claims": url("claims"),
                "canonical_claims": url("canonical-claims"),
                "articles": url("articles"),
                "notifications": url("notifications"),
                "rating_scale": url("rating-scale"),
                "exports": {
                    "csv": url("export-csv"),
                    "jsonl": url("export-jsonl"),
                    "claimreview": url("export-claimreview"),
                },
                "schema": url("schema"),
                "docs": url("docs"),
            }
        )


# Claims ------------------------------------------------------------------------------


class ClaimList(ApiView, Filtered):
    queryset = Claim.objects.all()
    serializer_class = s.ClaimOutputSerializer
    filterset_class = ClaimFilter
    pagination_class = Cursor
    permission_classes = [CanRead]

    @extend_schema(
        summary="List claims",
        description="Newest first, 50 a page; follow `next` and `previous` (cursor links).",
        responses={
            200: s.ClaimOutputSerializer(many=True),
            400: FILTER_ERRORS,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: OpenApiResponse(s.ErrorSerializer, description="Invalid cursor"),
        },
    )
    def get(self, request: Request) -> Response | HttpResponse:
        if blind.may_hide_anything(request.user):
            variant = f"blind:{request.user.pk}"
            return cached_json(request, self.blind_page, variant) or Response(self.blind_page())
        return cached_json(request, lambda: self.page(as_json=True)) or Response(self.page())

    def blind_page(self) -> dict[str, Any]:
        """The page as a reviewer kept blind sees it (``claims.blind``): a decided status
        filter leaves out the claims hidden from them, and the others are masked."""
        claims = self.filter_queryset(self.get_queryset())
        hidden = blind.hidden_claims_q(self.request.user)
        if hidden is not None and self.request.query_params.get("status") in blind.DECIDED:
            claims = claims.exclude(hidden)
        page = self.page(claims=claims)
        masked = blind.hidden_ids(self.request.user, [r["id"] for r in page["results"]])
        page["results"] = [
            blind.mask_record(r) if r["id"] in masked else r for r in page["results"]
        ]
        return page

    def page(self, *, as_json: bool = False, claims: Any = None) -> dict[str, Any]:
        if claims is None:
            claims = self.filter_queryset(self.get_queryset())
        if as_json and builds_json(claims):
            # PostgreSQL writes each record's JSON; it is passed through untouched.
            rows = self.paginate_queryset(claim_json(claims))
            return self.get_paginated_response([Fragment(r["json"]) for r in rows or []]).data
        rows = self.paginate_queryset(claim_values(claims))
        return self.get_paginated_response(claim_records(rows or [])).data


class ClaimVerdicts(ApiView):
    permission_classes = [CanReview]

    @extend_schema(
        summary="Record a verdict (reviewers)",
        description=(
            "Send `verdict` (verified, disputed or unverifiable) or `grade` (a grade code of "
            "the desk's rating scale, e.g. `mostly_false` on the SNU FactCheck scale: the "
            "verdict is the status it maps to; an unknown grade, or a grade and a verdict "
            "that disagree, is a 400). "
            "Verified and disputed verdicts need at least one source with an http(s) URL. "
            "The verdict is appended to the claim's history; the claim's status follows. "
            "A claim an editor settled changes only by an editor: a reviewer's verdict on it "
            "is refused with 403 saying so. A dismissed claim takes no verdict (400) until "
            "it is restored."
        ),
        request=s.VerdictInputSerializer,
        responses={
            201: s.VerdictOutputSerializer,
            400: OpenApiResponse(description="Field errors: {field: [message, ...]}"),
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: s.ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(Claim, pk=pk)
        data = s.VerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["settles"] and not can_settle(request.user):
            raise PermissionDenied("Only editors can settle a contested claim.")
        verdict = claim_record_verdict(
            claim=claim,
            reviewer=request.user,
            verdict=data.validated_data["verdict"],
            note=data.validated_data["note"],
            sources=data.source_inputs(),
            settles=data.validated_data["settles"],
            grade=data.validated_data.get("grade"),
        )
        return Response(stored_verdict(verdict, claim.status), status=status.HTTP_201_CREATED)


class ClaimReviewDetail(ApiView):
    permission_classes = [CanRead]

    @extend_schema(
        summary="The claim's schema.org ClaimReview (JSON-LD)",
        responses={
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: s.ErrorSerializer,
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        claims = Claim.objects.filter(pk=pk)
        hidden = blind.hidden_claims_q(request.user)
        if hidden is not None and claims.filter(hidden).exists():
            raise NotFound(
                "This claim is under blind review: its ClaimReview shows once you have "
                "recorded your own verdict on it."
            )
        reviews = [
            r for batch in claimreview_batches(claims, base_url=_base(request)) for r in batch
        ]
        if not reviews:
            get_object_or_404(Claim, pk=pk)
            raise NotFound(
                "This claim has no ClaimReview yet: only verified, disputed or unverifiable "
                "claims (reviewers agree) have one."
            )
        return Response(reviews[0], content_type="application/ld+json")


# Articles ----------------------------------------------------------------------------


INGEST_REQUEST = PolymorphicProxySerializer(
    component_name="ArticleInput",
    serializers=[s.UrlIngestSerializer, s.HtmlIngestSerializer, s.TextIngestSerializer],
    resource_type_field_name=None,
    many=False,
)


class ArticleList(ApiView, Filtered):
    queryset = Article.objects.all()
    serializer_class = s.ArticleInputSerializer
    filterset_class = ArticleFilter
    pagination_class = Cursor
    permission_classes = [ReadOrReview]
    throttle_classes = [*ApiView.throttle_classes, IngestThrottle]

    @extend_schema(
        summary="List articles",
        responses={
            200: s.ArticleOutputSerializer(many=True),
            400: FILTER_ERRORS,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            404: OpenApiResponse(s.ErrorSerializer, description="Invalid cursor"),
        },
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return cached_json(request, self.page) or Response(self.page())

    def page(self) -> dict[str, Any]:
        articles = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(article_values(articles))
        return self.get_paginated_response([article_record(row) for row in rows or []]).data

    @extend_schema(
        summary="Ingest an article: a URL to fetch, a page's HTML, or text (reviewers)",
        description=(
            "Send exactly one of `url` (a page to fetch), `html` (a page's source, with "
            "its `url` when known) or `text` (with its `title`). Answers 201 with the "
            "stored articles and their claims (one page can hold several articles), 200 "
            "when the same text was already stored, or 202 with a job to poll when a "
            "background worker fetches the URL. When the background queue cannot be "
            "reached the URL is fetched at once and the answer is 201, 200 or 400 as "
            "without workers."
        ),
        request=INGEST_REQUEST,
        responses={
            200: s.IngestResultSerializer,
            201: s.IngestResultSerializer,
            202: s.JobOutputSerializer,
            400: OpenApiResponse(
                description=(
                    "Field errors `{field: [message, ...]}` for a request that cannot be "
                    "used, or `{detail, source, reason}` when the source could not be "
                    "ingested (unreachable, not an article, empty, too large...)."
                )
            ),
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
        },
        filters=False,
    )
    def post(self, request: Request) -> Response:
        data = s.ArticleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = submit(_submission(data.validated_data), user=request.user)
        except SourceError as error:
            return _ingest_error(error)
        if isinstance(result, IngestJob):
            body = job_record(result, request.build_absolute_uri)
            return Response(
                body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]}
            )
        return Response(
            _ingest_result(result),
            status=status.HTTP_201_CREATED if result.stored_anything else status.HTTP_200_OK,
        )


def _submission(given: dict[str, Any]) -> Submission:
    """What the valid input holds: text, HTML (with its address), or a URL (checked)."""
    if given.get("text") is not None:
        return TextSource(given["text"], title=given["title"])
    if given.get("html") is not None:
        return HtmlSource(given["html"], url=given.get("url", ""))
    return UrlSource(given["url"])


def _ingest_result(outcome: IngestOutcome) -> dict[str, Any]:
    articles = []
    for item in outcome.articles:
        record = article_detail(item.article.pk) or {}
        record["article_created"] = item.article_created
        record["revision_created"] = item.revision_created
        articles.append(record)
    return {"source": outcome.source, "articles": articles}


class ArticleDetail(ApiView):
    permission_classes = [CanRead]

    @extend_schema(
        summary="An article with its current text and claims",
        responses=read_one(s.ArticleDetailSerializer),
    )
    def get(self, request: Request, pk: int) -> Response:
        record = article_detail(pk)
        if record is None:
            raise NotFound("No article with this id.")
        return Response(record)


class JobDetail(ApiView):
    permission_classes = [CanRead]

    @extend_schema(
        summary="A queued ingestion job (its submitter's and editors')",
        description=(
            "A job shows what a reviewer sent, so only the reviewer who submitted it and "
            "editors see it; anyone else gets 404, as for a job that does not exist."
        ),
        responses=read_one(s.JobOutputSerializer),
    )
    def get(self, request: Request, pk: int) -> Response:
        job = IngestJob.objects.filter(pk=pk).first()
        if job is None or not can_see_job(request.user, job):
            raise NotFound("No ingestion job of yours with this id.")
        return Response(job_record(job, request.build_absolute_uri))


# Exports -----------------------------------------------------------------------------


def _base(request: Request) -> str:
    return request.build_absolute_uri("/")


class Export(ApiView, Filtered):
    """A streamed export of the claims that the list's filters select."""

    queryset = Claim.objects.all()
    serializer_class = s.ClaimOutputSerializer
    filterset_class = ClaimFilter
    permission_classes = [CanRead]
    content_type = ""
    filename = ""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The body is the export's own format; errors before it are JSON.
        return (ORJSONRenderer(), ORJSONRenderer.media_type)

    def chunks(self, claims: Any, request: Request) -> Iterator[bytes]:
        raise NotImplementedError

    def get(self, request: Request) -> StreamingHttpResponse:
        claims = self.filter_queryset(self.get_queryset())
        hidden = blind.hidden_claims_q(request.user)
        if hidden is not None:  # a reviewer kept blind exports no claim hidden from them
            claims = claims.exclude(hidden)
        response = StreamingHttpResponse(
            self.chunks(claims, request), content_type=self.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


class ExportCSV(Export):
    content_type = "text/csv; charset=utf-8"
    filename = "claims.csv"

    @extend_schema(
        filters=True,
        summary="Claims as CSV (UTF-8 with BOM, for spreadsheets)",
        description=(
            "Streamed, one row per claim in id order, with the list's filters. UTF-8 with a "
            "byte order mark so spreadsheet programs read Korean text; times ISO 8601 UTC; "
            "`figures` is a JSON array."
        ),
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            400: FILTER_ERRORS,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        return super().get(request)

    def chunks(self, claims: Any, request: Request) -> Iterator[bytes]:
        return csv_chunks(claims)


class ExportJSONL(Export):
    content_type = "application/x-ndjson"
    filename = "claims.jsonl"

    @extend_schema(
        filters=True,
        summary="Claims as JSON Lines (one claim record a line)",
        responses={
            (200, "application/x-ndjson"): OpenApiTypes.STR,
            400: FILTER_ERRORS,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        return super().get(request)

    def chunks(self, claims: Any, request: Request) -> Iterator[bytes]:
        return jsonl_chunks(claims)


class ExportClaimReview(Export):
    content_type = "application/ld+json"
    filename = "claimreview.jsonld"

    @extend_schema(
        filters=True,
        summary="schema.org ClaimReview JSON-LD of every reviewed claim",
        description='`{"@context": "https://schema.org", "@graph": [ClaimReview, ...]}`',
        responses={
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            400: FILTER_ERRORS,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        return super().get(request)

    def chunks(self, claims: Any, request: Request) -> Iterator[bytes]:
        return claimreview_chunks(claims, base_url=_base(request))
