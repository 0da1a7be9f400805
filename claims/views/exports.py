"""Downloads of the queue as filtered: CSV and JSON Lines, each claim with its latest verdict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from claims import blind, roles
from claims.export_verdicts import export_filename, queue_csv_chunks, queue_jsonl_chunks
from claims.models import Claim
from claims.views.common import role_required
from claims.views.queue import filtered_queue


def queue_selection(request: HttpRequest) -> tuple[QuerySet[Claim], dict[str, Any], str]:
    """The claims the queue shows for this request's filters (every page), the filters
    and the status: read exactly as the queue reads them (an unusable filter set is none).
    A claim blind review keeps from the reader is left out: a row carries its verdicts."""
    queue = filtered_queue(request, request.GET)
    claims = queue.claims
    hidden = blind.hidden_claims_q(request.user)
    if hidden is not None:
        claims = claims.exclude(hidden)
    return claims, queue.filters, queue.status


def _download(
    request: HttpRequest,
    chunks: Callable[[QuerySet[Claim]], Iterator[bytes]],
    content_type: str,
    extension: str,
) -> StreamingHttpResponse:
    claims, filters, status = queue_selection(request)
    response = StreamingHttpResponse(chunks(claims), content_type=content_type)
    name = export_filename(timezone.localdate(), filters, status, extension)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@role_required(roles.can_view)
def queue_csv(
    request: HttpRequest,
) -> Any:  # a StreamingHttpResponse (role_required types HttpResponse)
    return _download(request, queue_csv_chunks, "text/csv; charset=utf-8", "csv")


@require_GET
@role_required(roles.can_view)
def queue_jsonl(request: HttpRequest) -> Any:  # a StreamingHttpResponse
    return _download(request, queue_jsonl_chunks, "application/x-ndjson", "jsonl")
