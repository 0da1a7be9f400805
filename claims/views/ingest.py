"""The ingest page: a URL, pasted text or a file, through the pipeline's ``submit``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article, IngestJob
from articles.presentation import reason_text, source_name
from claims import roles
from claims.forms import IngestForm
from claims.pipeline import (
    IngestOutcome,
    SourceError,
    Submission,
    TextSource,
    UploadSource,
    UrlSource,
    submit,
)
from claims.selectors import ingested_claims
from claims.views.common import UNPROCESSABLE, role_required


def _submission(data: dict[str, Any]) -> Submission:
    """What the valid form holds: exactly one of a URL (checked), text or a file."""
    if data["url"]:
        return UrlSource(data["url"])
    if data["text"]:
        return TextSource(data["text"], title=data["title"])
    return UploadSource(data["file"])


def _submitted(request: HttpRequest, form: IngestForm) -> tuple[Any, str]:
    """Submit the valid form: (the outcome or the job, "") or (None, why it failed)."""
    try:
        result = submit(_submission(form.cleaned_data), user=request.user)
    except SourceError as failure:
        # The source is the reviewer's own input; the reason is translated from its code.
        sentence = _("%(source)s could not be ingested: %(reason)s")
        source = source_name(failure.source)
        params = {"source": source, "reason": reason_text(failure.reason)}
        return None, SafeString(sentence % params)
    if isinstance(result, IngestOutcome) and not result.articles:
        return None, _("No article was found in this source.")
    return result, ""


@require_http_methods(["GET", "POST"])
@role_required(roles.can_review)
def ingest(request: HttpRequest) -> HttpResponse:
    form = IngestForm(request.POST or None, request.FILES or None)
    result, error = None, ""
    if request.method == "POST" and form.is_valid():
        result, error = _submitted(request, form)
    outcome = result if isinstance(result, IngestOutcome) else None
    results = [
        {"outcome": item, "claims": ingested_claims(item.article)}
        for item in (outcome.articles if outcome else [])
    ]
    failed = request.method == "POST" and (error or not form.is_valid())
    return render(
        request,
        "claims/ingest.html",
        {
            # Stored (or queued): the form is blank for the next article; failed: as typed.
            "form": IngestForm() if result is not None else form,
            "error": error,
            "results": results,
            "job": result if isinstance(result, IngestJob) else None,
        },
        status=UNPROCESSABLE if failed else 200,
    )


@require_GET
@role_required(roles.can_review)
def ingest_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A queued ingestion's progress; the page polls it until the job is done or failed.
    Its submitter's and editors' only (as in the API): anyone else finds no such job."""
    job = get_object_or_404(IngestJob, pk=pk)
    if not roles.can_see_job(request.user, job):
        raise Http404(_("No ingestion job of yours with this number."))
    articles = list(Article.objects.with_outlet().filter(pk__in=job.article_ids or []))
    return render(request, "claims/_ingest_job.html", {"job": job, "articles": articles})
