"""The pipeline's vocabulary: what a source gave (``SourceExtraction``), what storing it
did (``IngestOutcome``), and what a person may send (``Submission``). Plain data, no
behaviour; ``claims.pipeline`` re-exports it for the faces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files import File

from articles.models import Article, ArticleRevision
from articles.parsing import ParsedArticle
from claims.extraction import ExtractedClaim


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


# What people send through the ingest form or the API (see ``submit``) ----------------


@dataclass(frozen=True, slots=True)
class UrlSource:
    """A page to fetch, at an address the edge has checked with ``lib.urls``."""

    url: str


@dataclass(frozen=True, slots=True)
class HtmlSource:
    """A page's HTML, with the address it came from when known."""

    html: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class TextSource:
    text: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class UploadSource:
    """An uploaded HTML or text file (any encoding)."""

    upload: File[Any]


Submission = UrlSource | HtmlSource | TextSource | UploadSource
