"""Storing articles and their revisions. Knows nothing of claims."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import IntegrityError, transaction

from articles.models import Article, ArticleRevision, Outlet
from articles.parsing.types import ParsedArticle
from lib.urls import is_http_url, registrable_domain, same_registrable_domain


class SourceError(Exception):
    """A source cannot be read; ``reason`` is a short message for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True, slots=True)
class StoredRevision:
    article: Article
    revision: ArticleRevision
    article_created: bool
    revision_created: bool


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, fragment dropped: two spellings of a URL are one article."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _digest(*parts: str) -> str:
    joined = "\x1f".join(unicodedata.normalize("NFC", part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def content_hash(parsed: ParsedArticle) -> str:
    return _digest(parsed.title.strip(), " ".join(parsed.body.split()))


@dataclass(frozen=True, slots=True)
class PageAddress:
    """Where a page says it lives, sorted into what is trusted and what it only says.

    ``canonical_url`` is the page's canonical address when it may be trusted (see
    :func:`canonical_is_trusted`), else empty; ``named_canonical_url`` is one the page
    named on another site, kept as what the page says and never used as its identity.
    A canonical value that is not an http(s) address (``javascript:``, ``data:``) is
    dropped, not kept.
    """

    canonical_url: str
    named_canonical_url: str


def outlet_sites(url: str) -> set[str]:
    """The registrable domains of the outlets that publish under ``url``'s domain."""
    domain = registrable_domain(url)
    if not domain:
        return set()
    for outlet in Outlet.objects.exclude(known_domains=[]).only("domain", "known_domains"):
        sites = _sites_of(outlet)
        if domain in sites:
            return sites - {""}
    return {domain}


def canonical_is_trusted(canonical: str, url: str) -> bool:
    """True when a page fetched (or posted) from ``url`` may name ``canonical`` as itself.

    Only on the same registrable domain (Public Suffix List: ``m.news.co.kr`` may name
    ``www.news.co.kr``; ``evil.example`` may not name ``news.example``, nor
    ``a.github.io`` name ``b.github.io``), or on another of the known domains of the
    outlet that publishes under ``url``'s domain (``Outlet.known_domains``). A page with
    no http(s) address of its own can vouch for none.
    """
    if not (is_http_url(canonical) and is_http_url(url)):
        return False
    if same_registrable_domain(canonical, url):
        return True
    return registrable_domain(canonical) in outlet_sites(url)


def page_address(parsed: ParsedArticle) -> PageAddress:
    canonical = parsed.canonical_url
    if not is_http_url(canonical):
        return PageAddress("", "")
    if canonical_is_trusted(canonical, parsed.url):
        return PageAddress(canonical, "")
    return PageAddress("", canonical)


def article_key(parsed: ParsedArticle, address: PageAddress | None = None) -> str:
    """The identity of an article across ingestions (see ``Article.key``): its trusted
    canonical URL, else the URL it came from, else a digest of its metadata or text."""
    address = address or page_address(parsed)
    url = address.canonical_url or parsed.url
    if url:
        return "url:" + normalise_url(url)[:290]
    if parsed.outlet or parsed.published_at:
        published = parsed.published_at.isoformat() if parsed.published_at else ""
        return "meta:" + _digest(parsed.outlet, parsed.title.strip(), published)
    return "text:" + content_hash(parsed)


def _sites_of(outlet: Outlet) -> set[str]:
    hosts = [outlet.domain, *outlet.known_domains]
    return {registrable_domain(f"http://{host}/") for host in hosts if isinstance(host, str)}


def outlet_for(name: str, url: str = "") -> Outlet | None:
    """The outlet of a page: the one the page names, when the page comes from one of its
    sites (or the outlet has none on record yet). A page from another site naming an outlet
    it is not (``og:site_name`` is the page's word) gets an outlet of its own, named with
    its site: "News Example (evil.example)", never the real one."""
    domain = urlsplit(url).hostname or "" if url else ""
    if not name and not domain:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name or domain, defaults={"domain": domain})
    site = registrable_domain(url) if url else ""
    if name and site and outlet.domain and site not in _sites_of(outlet):
        outlet, _ = Outlet.objects.get_or_create(
            name=f"{name} ({site})"[:200], defaults={"domain": domain}
        )
    return outlet


def read_source_file(path: str, *, max_bytes: int) -> bytes:
    """The bytes of a local file, refusing what is missing, unreadable or too large."""
    file = Path(path)
    if not file.exists():
        raise SourceError(path, "no such file; check the path")
    if not file.is_file():
        raise SourceError(path, "not a regular file")
    size = file.stat().st_size
    if size > max_bytes:
        raise SourceError(
            path, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit; split it"
        )
    try:
        return file.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read the file ({error.strerror})") from error


def _apply_metadata(target: Article | ArticleRevision, parsed: ParsedArticle) -> None:
    target.title = parsed.title[:500]
    target.authors = list(parsed.authors)
    target.published_at = parsed.published_at
    target.modified_at = parsed.updated_at
    target.language = parsed.language


def _locked(key: str) -> Article | None:
    """The article with ``key``, locked until the transaction ends; None when there is none.

    A missing row locks nothing: two ingestions of one new article both find none, and
    the second one's insert meets the unique key (see ``_insert_or_find``).
    """
    return Article.objects.select_for_update().filter(key=key).first()


def _insert_or_find(article: Article) -> tuple[Article, bool]:
    """Insert a new article, or, when another ingestion stored it meanwhile, lock theirs.

    The insert runs in a savepoint, so a unique violation leaves the transaction usable
    (PostgreSQL aborts a transaction on any error otherwise); the other ingestion has
    committed by the time the violation is reported, so its row is there to lock.
    """
    try:
        with transaction.atomic():
            article.save(force_insert=True)
        return article, True
    except IntegrityError:
        found = _locked(article.key) or _same_page(article)
        if found is None:
            raise
        return found, False


def _same_page(article: Article) -> Article | None:
    """The stored article at the new one's outlet and address, locked, now keyed as the new
    one: the site moved the page's canonical URL (trusted: its own domain), the page stays
    one article. None when no article holds that address (another constraint failed)."""
    if not article.url:
        return None
    found = (
        Article.objects.select_for_update().filter(outlet=article.outlet, url=article.url).first()
    )
    if found is not None:
        Article.objects.filter(pk=found.pk).update(key=article.key)
        found.key = article.key
    return found


@transaction.atomic
def article_store(*, parsed: ParsedArticle, source: str) -> StoredRevision:
    """Store an article, or a new revision of it when its text changed; idempotent, also
    when several ingestions of one new article run at once (one article, no error)."""
    address = page_address(parsed)
    key = article_key(parsed, address)
    article = _locked(key)
    article_created = False
    if article is None:
        article = Article(key=key, outlet=outlet_for(parsed.outlet, parsed.url))
        _set_fields(article, parsed, address)
        article, article_created = _insert_or_find(article)
    latest = None if article_created else article.current_revision
    if latest is not None and latest.content_hash == content_hash(parsed):
        return StoredRevision(article, latest, False, False)
    if not article_created:
        _set_fields(article, parsed, address)
        article.save()
    number = latest.number + 1 if latest else 1
    revision = _new_revision(article, parsed, source, number=number, address=address)
    return StoredRevision(article, revision, article_created, True)


def _set_fields(article: Article, parsed: ParsedArticle, address: PageAddress) -> None:
    article.url = parsed.url[:2000]
    article.canonical_url = address.canonical_url[:2000]
    _apply_metadata(article, parsed)


def _new_revision(
    article: Article, parsed: ParsedArticle, source: str, *, number: int, address: PageAddress
) -> ArticleRevision:
    revision = ArticleRevision(
        article=article,
        number=number,
        body=parsed.body,
        content_hash=content_hash(parsed),
        source=source[:2000],
        named_canonical_url=address.named_canonical_url[:2000],
    )
    _apply_metadata(revision, parsed)
    revision.save()
    return revision
