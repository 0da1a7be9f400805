"""Storing articles and their revisions. Knows nothing of claims."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction

from articles.models import Article, ArticleRevision, Outlet
from articles.parsing.types import ParsedArticle


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


def article_key(parsed: ParsedArticle) -> str:
    """The identity of an article across ingestions (see ``Article.key``)."""
    url = parsed.canonical_url or parsed.url
    if url:
        return "url:" + normalise_url(url)[:290]
    if parsed.outlet or parsed.published_at:
        published = parsed.published_at.isoformat() if parsed.published_at else ""
        return "meta:" + _digest(parsed.outlet, parsed.title.strip(), published)
    return "text:" + content_hash(parsed)


def outlet_for(name: str, url: str = "") -> Outlet | None:
    domain = urlsplit(url).hostname or "" if url else ""
    if not name and not domain:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name or domain, defaults={"domain": domain})
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


@transaction.atomic
def article_store(*, parsed: ParsedArticle, source: str) -> StoredRevision:
    """Store an article, or a new revision of it when its text changed; idempotent."""
    key = article_key(parsed)
    article = Article.objects.select_for_update().filter(key=key).first()
    article_created = article is None
    latest = None
    if article is None:
        article = Article(key=key, outlet=outlet_for(parsed.outlet, parsed.url))
    else:
        latest = article.current_revision
        if latest is not None and latest.content_hash == content_hash(parsed):
            return StoredRevision(article, latest, False, False)
    article.url = parsed.url[:2000]
    article.canonical_url = parsed.canonical_url[:2000]
    _apply_metadata(article, parsed)
    article.save()
    number = latest.number + 1 if latest else 1
    revision = _new_revision(article, parsed, source, number=number)
    return StoredRevision(article, revision, article_created, True)


def _new_revision(
    article: Article, parsed: ParsedArticle, source: str, *, number: int
) -> ArticleRevision:
    revision = ArticleRevision(
        article=article,
        number=number,
        body=parsed.body,
        content_hash=content_hash(parsed),
        source=source[:2000],
    )
    _apply_metadata(revision, parsed)
    revision.save()
    return revision
