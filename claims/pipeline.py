"""Ingestion end to end: acquire, parse, extract claims, store the revision and its claims.

The one module that joins the two apps. The commands, the tasks, the API and the UI
all ingest through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.feeds import FeedError, parse_feed
from articles.models import Article, ArticleRevision, Feed, FeedEntry
from articles.parsing import parse_document, parse_text
from articles.parsing.types import ParsedArticle, ParseError
from articles.services import SourceError, StoredRevision, article_store, read_source_file
from claims.extraction import extract_claims
from claims.extraction.types import ExtractedClaim
from claims.models import Claim, ClaimEvent, ClaimOrigin

IngestError = SourceError


class TransientIngestError(SourceError):
    """A failure worth retrying later (a timeout, a server error, a database hiccup)."""


@dataclass(slots=True)
class ArticleExtraction:
    parsed: ParsedArticle
    claims: list[ExtractedClaim]


@dataclass(slots=True)
class SourceExtraction:
    source: str
    articles: list[ArticleExtraction]


@dataclass(slots=True)
class ArticleOutcome:
    article: Article
    revision: ArticleRevision
    article_created: bool
    revision_created: bool
    claims_new: int = 0
    claims_kept: int = 0
    claims_gone: int = 0


@dataclass(slots=True)
class IngestOutcome:
    source: str
    articles: list[ArticleOutcome] = field(default_factory=list)

    @property
    def stored_anything(self) -> bool:
        return any(a.revision_created for a in self.articles)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def acquire(source: str) -> tuple[bytes, str, str]:
    """The bytes of a source (a file path or an http(s) URL), its final URL and content type."""
    if not is_url(source):
        return read_source_file(source, max_bytes=settings.CLAIMDESK_MAX_DOCUMENT_BYTES), "", ""
    from articles.fetch import FetchError, fetch

    try:
        result = fetch(
            source,
            timeout=settings.CLAIMDESK_FETCH_TIMEOUT,
            max_bytes=settings.CLAIMDESK_MAX_DOCUMENT_BYTES,
            user_agent=settings.CLAIMDESK_USER_AGENT,
            allow_loopback=settings.CLAIMDESK_FETCH_ALLOW_LOOPBACK,
            min_delay=settings.CLAIMDESK_FETCH_MIN_DELAY,
            respect_robots=settings.CLAIMDESK_FETCH_RESPECT_ROBOTS,
        )
    except FetchError as error:
        kind = TransientIngestError if error.transient else SourceError
        raise kind(source, error.reason) from error
    return result.data, result.final_url, result.content_type


def _plausible_date(item: ParsedArticle) -> ParsedArticle:
    """Pages sometimes carry placeholder dates (year 1, year 9999); they date nothing."""
    for name in ("published_at", "updated_at"):
        value = getattr(item, name)
        if value is not None and not 1900 <= value.year <= 2100:
            setattr(item, name, None)
    return item


def extract_parsed(parsed: Sequence[ParsedArticle], *, source: str) -> SourceExtraction:
    articles = [
        ArticleExtraction(
            parsed=item,
            claims=extract_claims(
                item.body, language=item.language, published_at=item.published_at
            ),
        )
        for item in map(_plausible_date, parsed)
    ]
    return SourceExtraction(source=source, articles=articles)


def extract_document(
    data: bytes, *, source: str, url: str = "", filename: str = "", content_type: str = ""
) -> SourceExtraction:
    """Parse a document and extract its claims, writing nothing."""
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


def extract_source(source: str) -> SourceExtraction:
    data, final_url, content_type = acquire(source)
    url = final_url or (source if is_url(source) else "")
    filename = "" if is_url(source) else source
    return extract_document(
        data, source=source, url=url, filename=filename, content_type=content_type
    )


def extract_text(text: str, *, title: str = "", source: str = "pasted text") -> SourceExtraction:
    try:
        parsed = parse_text(text, title=title, max_chars=settings.CLAIMDESK_MAX_BODY_CHARS)
    except ParseError as error:
        raise SourceError(source, str(error)) from error
    return extract_parsed(parsed, source=source)


def ingest_source(source: str) -> IngestOutcome:
    """Fetch or read, parse, extract and store one source; all or nothing."""
    return store_extraction(extract_source(source))


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
        outcome.articles.append(result)
    return outcome


def figures_as_json(claim: ExtractedClaim) -> list[dict[str, object]]:
    return [figure.as_dict() for figure in claim.figures]


def _claim_values(found: ExtractedClaim, revision: ArticleRevision) -> dict[str, object]:
    return {
        "revision": revision,
        "text": found.text,
        "start": found.start,
        "end": found.end,
        "kind": found.kind,
        "figures": figures_as_json(found),
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
    ClaimEvent.objects.bulk_create(
        ClaimEvent(claim=c, action=ClaimEvent.Action.GONE, detail={"revision": revision.number})
        for c in gone
        if c.is_current
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
    revision = article.revisions.order_by("-number").first()
    if revision is None:
        raise SourceError(f"article {article.pk}", "the article has no stored text")
    found = extract_claims(
        revision.body, language=revision.language, published_at=revision.published_at
    )
    result = ArticleOutcome(article, revision, False, False)
    with transaction.atomic():
        _store_claims(StoredRevision(article, revision, False, False), found, result)
    return result


@dataclass(slots=True)
class FeedPollOutcome:
    feed: Feed
    new_entries: list[FeedEntry]


def poll_feed(feed: Feed) -> FeedPollOutcome:
    """Fetch a feed and record its entries not seen before (each is ingested once)."""
    data, final_url, _content_type = acquire(feed.url)
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
        outcome = ingest_source(entry.url)
    except TransientIngestError:
        raise
    except SourceError as error:
        FeedEntry.objects.filter(pk=entry.pk).update(error=error.reason[:500])
        return None
    first = outcome.articles[0].article if outcome.articles else None
    FeedEntry.objects.filter(pk=entry.pk).update(article=first, error="")
    return outcome
