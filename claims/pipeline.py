"""Ingestion end to end: acquire, parse, extract claims, store the revision and its claims.

The one module that joins the two apps, and the only way in: the ingest form, the API,
the commands, feed polling and the background tasks all call the entries below and
nothing under them.

- One entry per kind of source: ``ingest_url``, ``ingest_html``, ``ingest_text``,
  ``ingest_upload`` and ``ingest_path`` (file paths: the command line only, never a web
  request), each with its ``extract_*`` twin that parses and extracts but stores nothing.
- ``submit`` takes what a person sent through the form or the API: a URL becomes a job
  for a background worker when workers run, anything else is ingested at once.
- Background work: ``run_ingest_job`` (a queued job, by the kind of source it records),
  ``poll_feed``, ``ingest_feed_entry`` and ``reextract_article``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from articles.feeds import FeedError, parse_feed
from articles.fetch import FetchError, fetch
from articles.models import Article, ArticleRevision, Feed, FeedEntry, IngestJob
from articles.parsing import ParsedArticle, ParseError, parse_document, parse_text
from articles.services import SourceError, StoredRevision, article_store, read_source_file
from claims.analysis import analyse_revision
from claims.claim_embeddings import claim_embedder
from claims.extraction import ExtractedClaim, extract_claims
from claims.leases import lease_end, lease_renewed, take_lost_jobs
from claims.models import Claim, ClaimEvent, ClaimOrigin, figures_as_json
from claims.pipeline_types import (
    ArticleExtraction,
    ArticleOutcome,
    HtmlSource,
    IngestOutcome,
    SourceExtraction,
    Submission,
    TextSource,
    UploadSource,
    UrlSource,
)
from claims.rewrites import flag_rewrite
from lib.urls import URLError, clean_http_url

# What the faces (form, API, commands, admin) and the tasks may use; the rest is the
# pipeline's own steps (tests/test_import_contracts.py holds them to it).
__all__ = [
    "RETRY",
    "TRANSIENT",
    "HtmlSource",
    "IngestOutcome",
    "SourceError",
    "SourceExtraction",
    "Submission",
    "TextSource",
    "TransientIngestError",
    "UploadSource",
    "analyse_revision",
    "analyse_revision_task",
    "UrlSource",
    "extract_html",
    "extract_path",
    "extract_text",
    "extract_upload",
    "extract_url",
    "ingest_feed_entry",
    "ingest_html",
    "ingest_job_task",
    "ingest_path",
    "ingest_text",
    "ingest_upload",
    "ingest_url",
    "poll_feed",
    "reextract_article",
    "requeue_lost_jobs",
    "run_ingest_job",
    "submit",
    "work_is_queued",
]

log = logging.getLogger(__name__)


class TransientIngestError(SourceError):
    """A failure worth retrying later (a timeout, a server error, a database hiccup)."""


# Acquiring: the only places that fetch a URL or read a file --------------------------


def _fetch(url: str) -> tuple[bytes, str, str]:
    """The bytes of an http(s) page, its final URL and content type."""
    try:
        clean_http_url(url)
    except URLError as error:
        raise SourceError(url, error.reason) from None
    try:
        result = fetch(
            url,
            timeout=settings.CLAIMDESK_FETCH_TIMEOUT,
            max_bytes=settings.CLAIMDESK_MAX_DOCUMENT_BYTES,
            user_agent=settings.CLAIMDESK_USER_AGENT,
            allow_loopback=settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK,
            min_delay=settings.CLAIMDESK_FETCH_MIN_DELAY,
            respect_robots=settings.CLAIMDESK_FETCH_RESPECT_ROBOTS,
        )
    except FetchError as error:
        kind = TransientIngestError if error.transient else SourceError
        raise kind(url, error.reason) from error
    return result.data, result.final_url, result.content_type


def _plausible_date(item: ParsedArticle) -> ParsedArticle:
    """Pages sometimes carry placeholder dates (year 1, year 9999); they date nothing."""
    for name in ("published_at", "updated_at"):
        value = getattr(item, name)
        if value is not None and not 1900 <= value.year <= 2100:
            setattr(item, name, None)
    return item


def extract_parsed(parsed: Sequence[ParsedArticle], *, source: str) -> SourceExtraction:
    """Extract the claims of parsed articles (the step under every ``extract_*`` entry)."""
    articles = [
        ArticleExtraction(
            parsed=item,
            claims=extract_claims(
                item.body,
                language=item.language,
                published_at=item.published_at,
                embedder=claim_embedder(),
            ),
        )
        for item in map(_plausible_date, parsed)
    ]
    return SourceExtraction(source=source, articles=articles)


def extract_document(
    data: bytes, *, source: str, url: str = "", filename: str = "", content_type: str = ""
) -> SourceExtraction:
    """Parse a document's bytes and extract its claims, writing nothing."""
    try:
        parsed = parse_document(
            data,
            filename=filename,
            url=url,
            content_type=content_type,
            max_bytes=settings.CLAIMDESK_MAX_DOCUMENT_BYTES,
            max_chars=settings.CLAIMDESK_MAX_BODY_CHARS,
        )
    except ParseError as error:
        raise SourceError(source, str(error)) from error
    return extract_parsed(parsed, source=source)


# Extract: parse and extract one source, writing nothing --------------------------------


def extract_url(url: str) -> SourceExtraction:
    """Fetch an http(s) page (behind the SSRF guard) and extract its claims."""
    data, final_url, content_type = _fetch(url)
    return extract_document(data, source=url, url=final_url or url, content_type=content_type)


def extract_path(path: str) -> SourceExtraction:
    """Read a local file and extract its claims. For the command line only."""
    data = read_source_file(path, max_bytes=settings.CLAIMDESK_MAX_DOCUMENT_BYTES)
    return extract_document(data, source=path, filename=path)


def extract_html(html: str, *, url: str = "") -> SourceExtraction:
    """A page's HTML as sent (not fetched); ``url`` is the address it came from, if known."""
    return extract_document(
        html.encode("utf-8", "surrogatepass"),
        source=url or "pasted HTML",
        url=url,
        content_type="text/html; charset=utf-8",
    )


def extract_text(text: str, *, title: str = "") -> SourceExtraction:
    source = "pasted text"
    try:
        parsed = parse_text(text, title=title, max_chars=settings.CLAIMDESK_MAX_BODY_CHARS)
    except ParseError as error:
        raise SourceError(source, str(error)) from error
    return extract_parsed(parsed, source=source)


def extract_upload(upload: File[Any]) -> SourceExtraction:
    name = upload.name or "upload"
    if (upload.size or 0) > settings.CLAIMDESK_MAX_DOCUMENT_BYTES:
        raise SourceError(name, _("The file is too large."))
    return extract_document(upload.read(), source=name, filename=name)


# Ingest: the same, stored in one transaction ---------------------------------------------


def ingest_url(url: str) -> IngestOutcome:
    """Fetch, parse, extract and store one page; all or nothing."""
    return store_extraction(extract_url(url))


def ingest_path(path: str) -> IngestOutcome:
    """Read, parse, extract and store one local file. For the command line only."""
    return store_extraction(extract_path(path))


def ingest_html(html: str, *, url: str = "") -> IngestOutcome:
    return store_extraction(extract_html(html, url=url))


def ingest_text(text: str, *, title: str = "") -> IngestOutcome:
    return store_extraction(extract_text(text, title=title))


def ingest_upload(upload: File[Any]) -> IngestOutcome:
    return store_extraction(extract_upload(upload))


def submit(source: Submission, *, user: Any | None = None) -> IngestOutcome | IngestJob:
    """Ingest what a person sent: the stored outcome, or the job when a worker will do it.

    A URL becomes an ``IngestJob`` for a background worker when workers run (fetching
    may take long); everything else, and every URL when no broker is configured, is
    ingested now. When the broker cannot be reached the job runs here and now, and the
    answer is what it would be without a broker: the outcome, or the ``SourceError``
    (the job records it too). A file path is never a submission.
    """
    if isinstance(source, UrlSource) and work_is_queued():
        job = IngestJob.objects.create(source=source.url[:2000], created_by=user)  # a URL
        if connection.in_atomic_block:
            # Handed over once the caller's transaction commits.
            transaction.on_commit(lambda: _hand_over_later(job))
            return job
        outcome = _hand_over(job)
        return job if outcome is None else outcome
    match source:
        case UrlSource(url=url):
            return ingest_url(url)
        case HtmlSource(html=html, url=url):
            return ingest_html(html, url=url)
        case TextSource(text=text, title=title):
            return ingest_text(text, title=title)
        case UploadSource(upload=upload):
            return ingest_upload(upload)


@transaction.atomic
def store_extraction(extraction: SourceExtraction) -> IngestOutcome:
    """Store every article of a source with its claims in one transaction."""
    outcome = IngestOutcome(source=extraction.source)
    for item in extraction.articles:
        stored = article_store(parsed=item.parsed, source=extraction.source)
        result = ArticleOutcome(
            stored.article, stored.revision, stored.article_created, stored.revision_created
        )
        if stored.revision_created:
            _store_claims(stored, item.claims, result)
            after_extraction(stored.revision.pk)
        outcome.articles.append(result)
    return outcome


def _claim_values(found: ExtractedClaim, revision: ArticleRevision) -> dict[str, object]:
    return {
        "revision": revision,
        "text": found.text,
        "start": found.start,
        "end": found.end,
        "kind": found.kind,
        "figures": figures_as_json(found.figures),
        "attribution": found.attribution[:300],
        "score": min(max(found.score, 0.0), 1.0),
        "is_current": True,
    }


def _store_claims(
    stored: StoredRevision, found: list[ExtractedClaim], result: ArticleOutcome
) -> None:
    """Anchor the extracted claims to the new revision, carrying over known ones.

    Claims whose fingerprint survives keep their verdicts; claims that vanished are
    marked gone from the current revision, never deleted with their history.
    """
    article, revision = stored.article, stored.revision
    existing = {c.fingerprint: c for c in article.claims.all()}
    new, carried = [], []
    for item in found:
        claim = existing.pop(item.fingerprint, None)
        values = _claim_values(item, revision)
        if claim is None:
            new.append(Claim(article=article, fingerprint=item.fingerprint, **values))
            continue
        for name, value in values.items():
            setattr(claim, name, value)
        carried.append(claim)
    gone = _carry_reviewer_claims(list(existing.values()), revision, carried)
    Claim.objects.bulk_create(new)
    # bulk_update and update() skip auto_now: set updated_at so API caches and the
    # updated_since filter see re-extracted claims.
    now = timezone.now()
    for claim in carried:
        claim.updated_at = now
    fields = ["revision", "text", "start", "end", "kind", "figures", "attribution", "score"]
    Claim.objects.bulk_update(carried, [*fields, "is_current", "updated_at"])
    Claim.objects.filter(pk__in=[c.pk for c in gone]).update(is_current=False, updated_at=now)
    leaving = [c for c in gone if c.is_current]
    flagged = (
        flag_rewrite(stored.article, stored.revision, leaving) if stored.revision_created else set()
    )
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=c,
            action=ClaimEvent.Action.FLAGGED if c.pk in flagged else ClaimEvent.Action.GONE,
            detail={"revision": revision.number},
        )
        for c in leaving
    )
    result.claims_new, result.claims_kept, result.claims_gone = len(new), len(carried), len(gone)


def _carry_reviewer_claims(
    leftovers: list[Claim], revision: ArticleRevision, carried: list[Claim]
) -> list[Claim]:
    """Claims a reviewer added stay when their text is still in the body; others are gone."""
    gone = []
    for claim in leftovers:
        at = revision.body.find(claim.text) if claim.origin == ClaimOrigin.REVIEWER else -1
        if at < 0:
            gone.append(claim)
            continue
        claim.revision, claim.start, claim.end, claim.is_current = (
            revision,
            at,
            at + len(claim.text),
            True,
        )
        carried.append(claim)
    return gone


def reextract_article(article: Article) -> ArticleOutcome:
    """Run the current extractor over the article's current revision, keeping verdicts."""
    revision = article.current_revision
    if revision is None:
        raise SourceError(f"article {article.pk}", "the article has no stored text")
    found = extract_claims(
        revision.body,
        language=revision.language,
        published_at=revision.published_at,
        embedder=claim_embedder(),
    )
    result = ArticleOutcome(article, revision, False, False)
    with transaction.atomic():
        _store_claims(StoredRevision(article, revision, False, False), found, result)
        after_extraction(revision.pk)
    return result


# After extraction: the article's arithmetic and its claims matched across articles ---------


def after_extraction(revision_id: int) -> None:
    """Analyse a revision once its claims are committed (``claims.analysis``): on a worker
    when workers run, else here, after the commit. A failure of the analysis is logged and
    never undoes the ingestion (``match_claims`` runs it again)."""
    transaction.on_commit(lambda: _hand_over_analysis(revision_id), robust=True)


def _hand_over_analysis(revision_id: int) -> None:
    if work_is_queued():
        try:
            analyse_revision_task.delay(revision_id)
            return
        except BrokerError as error:
            log.warning("background queue unreachable (%s): analysing inline", error)
    analyse_revision(revision_id)


# Feeds -------------------------------------------------------------------------------------


@dataclass(slots=True)
class FeedPollOutcome:
    feed: Feed
    new_entries: list[FeedEntry]


def poll_feed(feed: Feed) -> FeedPollOutcome:
    """Fetch a feed and record its entries not seen before (each is ingested once)."""
    data, final_url, _content_type = _fetch(feed.url)
    try:
        parsed = parse_feed(data, url=final_url or feed.url)
    except FeedError as error:
        raise SourceError(feed.url, str(error)) from error
    new_entries = []
    with transaction.atomic():
        seen = set(feed.entries.values_list("guid", flat=True))
        for entry in parsed.entries:
            guid = (entry.guid or entry.url)[:500]
            if guid in seen:
                continue
            seen.add(guid)
            new_entries.append(
                FeedEntry.objects.create(
                    feed=feed, guid=guid, url=entry.url[:2000], title=entry.title[:500]
                )
            )
        feed.title = feed.title or parsed.title[:300]
        feed.last_polled_at = timezone.now()
        feed.last_error = ""
        feed.save(update_fields=["title", "last_polled_at", "last_error"])
    return FeedPollOutcome(feed, new_entries)


def ingest_feed_entry(entry: FeedEntry) -> IngestOutcome | None:
    """Ingest one feed entry's page; the error is kept on the entry when it fails for good."""
    if entry.article_id is not None:
        return None
    try:
        outcome = ingest_url(entry.url)
    except TransientIngestError:
        raise
    except SourceError as error:
        FeedEntry.objects.filter(pk=entry.pk).update(error=error.reason[:500])
        return None
    first = outcome.articles[0].article if outcome.articles else None
    FeedEntry.objects.filter(pk=entry.pk).update(article=first, error="")
    return outcome


# Background jobs ---------------------------------------------------------------------------

# Transient failures (timeouts, 5xx, a database that went away) retry with backoff;
# permanent ones (a 404, a page that is not an article) are recorded and not retried.
# Outcomes are recorded in the database (IngestJob, FeedEntry, Feed), never in a result
# backend: ignore_result also spares each send a subscription to the result store, which
# would hang for many seconds instead of failing fast when Redis is down.
TRANSIENT = (TransientIngestError, DatabaseError)
RETRY: dict[str, Any] = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
    "ignore_result": True,
}
# What a worker runs for each kind of job. A file path is no kind: jobs come from the web.
JOB_ENTRIES: dict[str, Callable[[str], IngestOutcome]] = {IngestJob.Kind.URL: ingest_url}


def work_is_queued() -> bool:
    """True when a broker is configured and jobs run on workers, not inline."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def _hand_over(job: IngestJob) -> IngestOutcome | None:
    """Send the job to a worker (None); when the broker cannot be reached, run it here
    and return its outcome, or raise its ``SourceError`` (recorded on the job as failed)."""
    try:
        ingest_job_task.delay(job.pk)
        return None
    except BrokerError as error:
        log.warning(
            "background queue unreachable (%s): running ingest job %s inline", error, job.pk
        )
    outcome = _run_job(job.pk, last_attempt=True)
    job.refresh_from_db()
    if outcome is None:
        raise SourceError(job.source, job.error)
    return outcome


def _hand_over_later(job: IngestJob) -> None:
    """``_hand_over`` after a commit, where nobody waits for the answer: the job has it."""
    try:
        _hand_over(job)
    except (SourceError, DatabaseError):
        job.refresh_from_db()  # recorded on the job as failed, with the reason


# Defined here rather than in claims.tasks, which re-exports it under its historical name:
# ``submit`` queues it, and the task runs the pipeline, so either place would need the other.
@shared_task(bind=True, name="claims.tasks.ingest_job_task", **RETRY)
def ingest_job_task(self: Any, job_id: int) -> str:
    """Ingest a queued job's source and record the outcome on the job."""
    last = self.request.retries >= (self.max_retries or 0)
    return run_ingest_job(job_id, last_attempt=last)


def run_ingest_job(job_id: int, *, last_attempt: bool) -> str:
    """Ingest a job's source by its kind and record the outcome on the job; safe to rerun.

    A transient failure (a timeout, a database that went away mid-ingest) leaves nothing
    stored, since the ingestion is one transaction, and is recorded on the job: queued
    again with the reason when a retry follows, failed on the last attempt. It is raised
    again so that Celery retries. A finished job (done or failed) is left as it is.
    """
    _run_job(job_id, last_attempt=last_attempt)
    return IngestJob.objects.values_list("state", flat=True).get(pk=job_id)


def _run_job(job_id: int, *, last_attempt: bool) -> IngestOutcome | None:
    """``run_ingest_job``, giving the outcome (None when the job failed or had finished)."""
    job = IngestJob.objects.get(pk=job_id)
    if job.state in (IngestJob.State.DONE, IngestJob.State.FAILED):
        return None
    entry = JOB_ENTRIES.get(job.kind)
    if entry is None:
        _finish(job, IngestJob.State.FAILED, error=f"unknown kind of source: {job.kind!r}")
        return None
    IngestJob.objects.filter(pk=job_id).update(
        state=IngestJob.State.RUNNING, lease_expires_at=lease_end()
    )
    try:
        with lease_renewed(job_id):
            outcome = entry(job.source)
    except TRANSIENT as error:
        _record_transient(job, error, last_attempt=last_attempt)
        raise
    except SourceError as error:
        _finish(job, IngestJob.State.FAILED, error=error.reason)
        return None
    _finish(job, IngestJob.State.DONE, article_ids=[a.article.pk for a in outcome.articles])
    return outcome


def requeue_lost_jobs() -> list[int]:
    """Queue again the running jobs whose lease ran out (their worker was killed or lost);
    fail those lost too often (``claims.leases``). Run on a schedule by celery beat."""
    requeued = take_lost_jobs()
    for job_id in requeued:
        try:
            ingest_job_task.delay(job_id)
        except BrokerError as error:
            log.warning("ingest job %s: could not be queued again (%s)", job_id, error)
    return requeued


def _record_transient(job: IngestJob, error: Exception, *, last_attempt: bool) -> None:
    if isinstance(error, SourceError):
        why = error.reason
    else:
        why = f"database error: {str(error).strip() or type(error).__name__}"
    log.warning("ingest job %s: %s", job.pk, why)
    try:
        # A connection the server dropped stays broken: replace it (outside a transaction).
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        if last_attempt:
            _finish(job, IngestJob.State.FAILED, error=f"Gave up after retries: {why}")
        else:
            IngestJob.objects.filter(pk=job.pk).update(
                state=IngestJob.State.QUEUED,
                lease_expires_at=None,
                error=f"Temporary failure, retrying: {why}"[:1000],
            )
    except DatabaseError:
        log.exception("ingest job %s: could not record the failure", job.pk)


def _finish(
    job: IngestJob, state: str, *, error: str = "", article_ids: list[int] | None = None
) -> None:
    job.state = state
    job.error = error[:1000]
    job.article_ids = article_ids or []
    job.finished_at = timezone.now()
    job.lease_expires_at = None
    job.save(update_fields=["state", "error", "article_ids", "finished_at", "lease_expires_at"])


@shared_task(name="claims.tasks.analyse_revision_task", **RETRY)
def analyse_revision_task(revision_id: int) -> int:
    """Arithmetic checks and cross-article matching of one stored revision."""
    return analyse_revision(revision_id).links
