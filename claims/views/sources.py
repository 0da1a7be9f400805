"""A cited source's archive: the copies Claimdesk kept, shown as plain text (never the
archived HTML), what changed between them, and a re-fetch on demand."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import blind, roles
from claims.archiving import archive_storage, refetch_source
from claims.models import Source
from claims.presentation_checks import marked_text
from claims.selectors import source_detail, source_versions
from claims.views.common import View, is_htmx, role_required


def _viewer(view: View) -> View:
    """Viewers and up; anyone when the desk makes archived copies public."""
    guarded = role_required(roles.can_view)(view)

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.CLAIMDESK_PUBLIC_ARCHIVES:
            return view(request, *args, **kwargs)
        return guarded(request, *args, **kwargs)

    return wrapper


def _source(pk: int) -> Source:
    source = source_detail(pk)
    if source is None:
        raise Http404
    return source


def _version(request: HttpRequest) -> int | None:
    raw = request.GET.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None


@require_GET
@_viewer
def source_archive(request: HttpRequest, pk: int) -> HttpResponse:
    if blind.hides_source(request.user, pk):
        raise Http404  # cited on a claim under blind review the reviewer has not judged yet
    source = _source(pk)
    versions = source_versions(source, version=_version(request))
    shown = versions.shown
    text = ""
    if shown is not None:
        figures = shown.corroboration.get("figures") or []
        spans = [
            (f["found_start"], f["found_end"])
            for f in figures
            if f.get("found_start") is not None and f.get("found_end") is not None
        ]
        text = marked_text(shown.text, spans)
    return render(
        request,
        "claims/source_archive.html",
        {
            "source": source,
            "claim": source.verdict.claim,
            "versions": versions.rows,
            "shown": shown,
            "text": text,
            "diff_lines": (shown.diff.splitlines() if shown is not None else []),
            "can_review": request.user.is_authenticated and roles.can_review(request.user),
            "archiving": settings.CLAIMDESK_ARCHIVE_SOURCES,
        },
    )


@require_GET
@_viewer
def source_warc(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """The archived response as its WARC record, to download (never shown as a page)."""
    versions = source_versions(_source(pk), version=version)
    if versions.shown is None or versions.shown.pk != version:
        raise Http404
    with archive_storage().open(versions.shown.warc_path, "rb") as stream:
        data = stream.read()
    response = HttpResponse(data, content_type="application/warc")
    response["Content-Disposition"] = f'attachment; filename="source-{pk}-{version}.warc.gz"'
    return response


def _evidence(request: HttpRequest, source: Source) -> HttpResponse:
    return render(
        request,
        "claims/_source_evidence.html",
        {
            "src": source,
            "claim": source.verdict.claim,
            "can_review": roles.can_review(request.user),
            "archiving": settings.CLAIMDESK_ARCHIVE_SOURCES,
        },
    )


@require_GET
@role_required(roles.can_view)
def source_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """What a source's archive found, alone (the panel asks again while it is pending)."""
    return _evidence(request, _source(pk))


@require_POST
@role_required(roles.can_review)
def source_refetch(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(pk)
    queued = refetch_source(source=source)
    if is_htmx(request):
        return _evidence(request, _source(pk))
    if queued:
        messages.info(request, _("The source will be fetched again in a moment."))
    else:
        messages.success(request, _("The source was fetched again."))
    return HttpResponseRedirect(source.verdict.claim.get_absolute_url())
