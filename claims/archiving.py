"""Source archives: a verdict's source fetched, kept and held against its claim.

The glue between ``articles.snapshot`` (URL in, archived copy out; no Django), the
"archives" storage (``STORAGES["archives"]``: local files by default, any Django storage
backend by settings) and ``SourceArchive`` rows. The worker that runs when a reviewer
attaches a source, and the scheduled re-fetch of the sources of open claims, call
``source_archive``; the API and the panel read ``source_corroboration`` and
``SourceArchive.as_api``.

Fetching happens outside any transaction (it can take the whole fetch timeout); the rows
and the stored record are written in one, and a record whose row could not be written is
deleted again.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from articles.diff import same_text, text_diff
from articles.snapshot import Snapshot, SnapshotLimits, Unreachable, take_snapshot
from articles.warc import WarcResponse, read_response
from claims.evidence import corroborate, unreachable
from claims.evidence.corroborate import pending
from claims.models import Claim, ClaimEvent, ClaimStatus, Source, SourceArchive
from claims.rechecks import keep_due_flag

__all__ = [
    "archive_limits",
    "archive_source_task",
    "archive_storage",
    "archived_response",
    "corroboration_of",
    "pending_corroboration",
    "queue_source_archiving",
    "refetch_source",
    "refetch_sources_task",
    "refresh_corroboration",
    "source_archive",
    "source_corroboration",
    "sources_to_refetch",
]

log = logging.getLogger(__name__)


def archive_storage() -> Storage:
    """Where WARC records are kept (``STORAGES["archives"]``)."""
    return storages["archives"]


def archive_limits() -> SnapshotLimits:
    """The fetcher's settings, with the archive's own size and text limits."""
    return SnapshotLimits(
        user_agent=settings.CLAIMDESK_USER_AGENT,
        timeout=settings.CLAIMDESK_FETCH_TIMEOUT,
        max_bytes=settings.CLAIMDESK_ARCHIVE_MAX_BYTES,
        max_pdf_pages=settings.CLAIMDESK_ARCHIVE_MAX_PDF_PAGES,
        max_chars=settings.CLAIMDESK_ARCHIVE_MAX_CHARS,
        allow_loopback=settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK,
        min_delay=settings.CLAIMDESK_FETCH_MIN_DELAY,
        respect_robots=settings.CLAIMDESK_FETCH_RESPECT_ROBOTS,
    )


def source_archive(*, source: Source) -> SourceArchive:
    """Fetch a source's page and keep what is new: the first version, a changed version
    (with its diff), or the page's vanishing. Returns the row this fetch wrote or moved.

    The source's own ``corroboration`` and ``archive`` follow; a page that changed or
    vanished since it was cited brings its claim back to the queue (``recheck_due`` today,
    and an event in the claim's history saying which source and what happened)."""
    snapshot = take_snapshot(source.url, limits=archive_limits())
    with transaction.atomic():
        Source.objects.select_for_update().filter(pk=source.pk).first()
        latest = source.archives.versions().order_by("-fetched_at", "-id").first()
        was_vanished = latest is not None and latest.vanished_at is not None
        if isinstance(snapshot, Unreachable):
            archive = _unreachable(source, snapshot, latest)
            if latest is not None and not was_vanished:
                _flag_recheck(source, ClaimEvent.Action.SOURCE_VANISHED, archive)
        elif latest is not None and _same_page(latest, snapshot):
            archive = _unchanged(latest, snapshot)
        else:
            archive = _new_version(source, snapshot, latest)
            if latest is not None:
                _flag_recheck(source, ClaimEvent.Action.SOURCE_CHANGED, archive)
        store_source_evidence(source)
    return archive


def _flag_recheck(source: Source, action: str, archive: SourceArchive) -> None:
    """A cited page changed or vanished: its claim is due for re-check today (when it was
    reviewed and not due sooner), and its history says so."""
    claim = Claim.objects.select_for_update().get(pk=source.verdict.claim_id)
    today = timezone.localdate()
    detail: dict[str, Any] = {
        "source": source.pk,
        "url": source.url,
        "archive": archive.pk,
        "status": archive.status,
        "at": _iso(archive.fetched_at),
    }
    reviewed = claim.status not in (ClaimStatus.UNREVIEWED, ClaimStatus.DISMISSED)
    if reviewed and (claim.recheck_due is None or claim.recheck_due > today):
        detail["recheck_from"] = claim.recheck_due.isoformat() if claim.recheck_due else None
        detail["recheck_due"] = today.isoformat()
        claim.recheck_due = today
        claim.save(update_fields=["recheck_due", *keep_due_flag(claim), "updated_at"])
    ClaimEvent.objects.create(claim=claim, action=action, detail=detail)


def _iso(value: datetime | None) -> str | None:
    """A time as the API prints it (UTC, "Z"), for JSON stored in the database."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def archive_summary(archives: list[SourceArchive]) -> dict[str, Any] | None:
    """The API's ``archive`` object from a source's rows (oldest first): the first version,
    the page as the reviewer cited it, with when it changed since, and when the page last
    answered or vanished; None when no copy could be kept."""
    versions = [a for a in archives if a.is_version]
    if not versions:
        return None
    first, latest = versions[0], versions[-1]
    return {
        "sha256": first.sha256,
        "fetched_at": _iso(first.fetched_at),
        "status": first.status,
        "final_url": first.final_url,
        "changed_since": _iso(first.changed_since),
        "versions": len(versions),
        "checked_at": _iso(max(a.checked_at for a in archives)),
        "vanished_at": _iso(latest.vanished_at),
    }


def store_source_evidence(source: Source) -> None:
    """Keep the source's ``corroboration`` and ``archive`` as its rows now say."""
    archives = list(source.archives.defer("text", "diff").order_by("fetched_at", "id"))
    source.corroboration = _from_rows(source, archives)
    source.archive = archive_summary(archives)
    source.save(update_fields=["corroboration", "archive"])


def _from_rows(source: Source, archives: list[SourceArchive]) -> dict[str, Any]:
    versions = [a for a in archives if a.is_version]
    if versions:
        return _public(versions[0].corroboration)
    if archives:
        return _public(archives[-1].corroboration)
    return pending_corroboration(source.verdict.claim.figures)


def pending_corroboration(figures: Iterable[Any]) -> dict[str, Any]:
    """The ``corroboration`` of a source not fetched yet."""
    return _public(pending(figures).as_dict())


# --- Work: archiving when a source is attached, and re-fetching on a schedule ----------------


@shared_task(name="claims.tasks.archive_source_task", ignore_result=True)
def archive_source_task(source_id: int) -> str:
    """Archive (or re-fetch) one source; a source deleted meanwhile is skipped."""
    source = Source.objects.select_related("verdict__claim").filter(pk=source_id).first()
    if source is None:
        return "gone"
    archive = source_archive(source=source)
    return archive.sha256 or f"unreachable: {archive.status or archive.error}"


def _hand_over(source_ids: list[int]) -> None:
    """Send each source to a worker; when the broker cannot be reached, fetch it here."""
    for source_id in source_ids:
        try:
            archive_source_task.delay(source_id)
            continue
        except BrokerError as error:
            log.warning(
                "background queue unreachable (%s): archiving source %s inline", error, source_id
            )
        archive_source_task(source_id)


def queue_source_archiving(source_ids: Iterable[int]) -> None:
    """Archive these sources once the transaction that stored them commits: on a worker
    when a broker is configured, in this process otherwise. A failure to archive is logged
    and never undoes the verdict (the source stays "pending" and the schedule tries again)."""
    if not settings.CLAIMDESK_ARCHIVE_SOURCES:
        return
    ids = list(source_ids)
    if ids:
        transaction.on_commit(lambda: _hand_over(ids), robust=True)


def sources_to_refetch(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Sources of claims still standing (current, not dismissed) not checked for
    ``CLAIMDESK_ARCHIVE_REFETCH_HOURS``, least recently checked first."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.CLAIMDESK_ARCHIVE_REFETCH_HOURS)
    sources = (
        Source.objects.filter(verdict__claim__is_current=True)
        .exclude(verdict__claim__status=ClaimStatus.DISMISSED)
        .annotate(last_checked=Max("archives__checked_at"))
        .filter(Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff))
        .order_by("last_checked", "id")
    )
    return list(sources.values_list("id", flat=True)[:limit])


@shared_task(name="claims.tasks.refetch_sources_task", ignore_result=True)
def refetch_sources_task() -> int:
    """Queue a re-fetch of every source due one (run on a schedule by celery beat)."""
    ids = sources_to_refetch()
    _hand_over(ids)
    return len(ids)


def _same_page(latest: SourceArchive, snapshot: Snapshot) -> bool:
    """The same bytes, or the same text (a page whose markup moves but says the same)."""
    if latest.sha256 == snapshot.sha256:
        return True
    return bool(snapshot.text.strip()) and same_text(latest.text, snapshot.text)


def _unchanged(latest: SourceArchive, snapshot: Snapshot) -> SourceArchive:
    latest.checked_at = snapshot.fetched_at
    latest.vanished_at = None
    latest.save(update_fields=["checked_at", "vanished_at"])
    return latest


def _new_version(
    source: Source, snapshot: Snapshot, previous: SourceArchive | None
) -> SourceArchive:
    storage = archive_storage()
    stamp = snapshot.fetched_at.strftime("%Y%m%dT%H%M%S")
    name = storage.save(
        f"sources/{source.pk}/{stamp}-{snapshot.sha256[:16]}.warc.gz",
        ContentFile(snapshot.warc()),
    )
    try:
        archive = SourceArchive.objects.create(
            source=source,
            fetched_at=snapshot.fetched_at,
            checked_at=snapshot.fetched_at,
            status=snapshot.status,
            final_url=snapshot.final_url[:2000],
            content_type=snapshot.content_type[:200],
            sha256=snapshot.sha256,
            size=len(snapshot.body),
            warc_path=name,
            text=snapshot.text,
            text_note=snapshot.page.note[:500],
            language=snapshot.page.language[:8],
            diff=text_diff(previous.text, snapshot.text) if previous else "",
            corroboration=_corroboration(source, snapshot),
        )
        if previous is not None and previous.changed_since is None:
            previous.changed_since = snapshot.fetched_at
            previous.save(update_fields=["changed_since"])
    except BaseException:
        storage.delete(name)  # no row points at it
        raise
    return archive


def _unreachable(
    source: Source, snapshot: Unreachable, latest: SourceArchive | None
) -> SourceArchive:
    if latest is not None and latest.vanished_at is None:
        latest.vanished_at = snapshot.fetched_at
        latest.save(update_fields=["vanished_at"])
    failure = source.archives.filter(sha256="").order_by("-fetched_at", "-id").first()
    if failure is not None and (latest is None or failure.fetched_at > latest.fetched_at):
        failure.checked_at = snapshot.fetched_at
        failure.status, failure.error = snapshot.status, snapshot.reason[:500]
        failure.transient = snapshot.transient
        failure.save(update_fields=["checked_at", "status", "error", "transient"])
        return failure
    claim = source.verdict.claim
    return SourceArchive.objects.create(
        source=source,
        fetched_at=snapshot.fetched_at,
        checked_at=snapshot.fetched_at,
        status=snapshot.status,
        error=snapshot.reason[:500],
        transient=snapshot.transient,
        corroboration=unreachable(
            claim.figures, status=snapshot.status, error=snapshot.reason
        ).as_dict(),
    )


def _corroboration(source: Source, snapshot: Snapshot) -> dict[str, Any]:
    published = snapshot.page.published_at
    return corroboration_of(
        source,
        text=snapshot.text,
        language=snapshot.page.language,
        reference=(published or snapshot.fetched_at).date(),
        status=snapshot.status,
        note=snapshot.page.note,
    )


def corroboration_of(
    source: Source, *, text: str, language: str, reference: date, status: int | None, note: str
) -> dict[str, Any]:
    """The source's claim held against an archived text. A page that came back without
    text to search (an encrypted PDF, an empty page) could not be looked at: it is
    reported unreachable with the reason, never "not found"."""
    figures = source.verdict.claim.figures
    if not text.strip():
        return unreachable(figures, status=status, error=note or "the page holds no text").as_dict()
    return corroborate(
        figures,
        text,
        excerpt=source.excerpt,
        language=language,
        reference_date=reference,
        claim_text=source.verdict.claim.text,
    ).as_dict()


def refresh_corroboration(archive: SourceArchive) -> SourceArchive:
    """Hold an archived version against its claim again (after the claim's figures or the
    source's excerpt changed), without fetching anything."""
    if archive.is_version:
        archive.corroboration = corroboration_of(
            archive.source,
            text=archive.text,
            language=archive.language,
            reference=archive.fetched_at.date(),
            status=archive.status,
            note=archive.text_note,
        )
        archive.save(update_fields=["corroboration"])
        store_source_evidence(archive.source)
    return archive


def source_corroboration(source: Source) -> dict[str, Any]:
    """The API's ``corroboration`` object of a source: of its first archived version (the
    page as the reviewer cited it), "unreachable" when it never could be fetched, "pending"
    before the first fetch. Reads ``source.archives`` (prefetch it for lists)."""
    archives = list(source.archives.all())
    versions = [a for a in archives if a.is_version]
    if versions:
        return _public(versions[0].corroboration)
    if archives:
        return _public(archives[-1].corroboration)
    return _public(pending(source.verdict.claim.figures).as_dict())


def _public(data: dict[str, Any]) -> dict[str, Any]:
    keep = ("state", "figures", "excerpt_found", "excerpt_start", "excerpt_end", "status", "error")
    return {key: data.get(key) for key in keep}


def archived_response(archive: SourceArchive) -> WarcResponse:
    """The archived response read back from its WARC record."""
    with archive_storage().open(archive.warc_path, "rb") as stream:
        data = stream.read()
    return read_response(io.BytesIO(data))


def refetch_source(*, source: Source) -> bool:
    """Fetch a source again now (a reviewer asked): on a worker when a broker is set
    (True: queued), here otherwise (False: done)."""
    _hand_over([source.pk])
    return not archive_source_task.app.conf.task_always_eager
