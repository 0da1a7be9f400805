"""A page kept as it was: URL in, archived copy out. No Django here; limits come in as
arguments.

``take_snapshot`` fetches a page through ``articles.fetch`` (the same SSRF guard, size
and time limits as ingestion; PDF accepted besides web pages) and returns a ``Snapshot``:
the body as fetched with its status, final URL, headers and time, its SHA-256, its WARC
record, and its main text (HTML by the article parser, with the whole visible text when
the parser finds no article; text in any encoding; PDF by pypdf, within a page limit). A
page that could not be fetched is an ``Unreachable`` with the reason and the HTTP status
when there was one: data to keep, not an exception, since a page vanishing is news.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import lxml.etree
import lxml.html

from articles.fetch import ACCEPTED_TYPES, FetchError, fetch
from articles.parsing import ParseError, decode_bytes, parse_document
from articles.parsing.pdf import is_pdf, pdf_text
from articles.parsing.text import clean_text
from articles.warc import response_bytes, sha256
from lib.language import detect_language

SOURCE_TYPES = (*ACCEPTED_TYPES, "application/pdf", "application/x-pdf")
VANISHED_STATUSES = (404, 410)
INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
BLANKS = re.compile(r"[ \t]+")
LINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class SnapshotLimits:
    """What a snapshot may cost: the fetcher's limits, and the text's."""

    user_agent: str
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_pdf_pages: int = 200
    max_chars: int = 2_000_000
    allowed_networks: tuple[str, ...] = ()
    allow_loopback: bool = False  # tests only: the test servers on 127.0.0.1
    min_delay: float = 1.0
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's text as archived; ``note`` says why there is none or what was left out."""

    text: str
    language: str = ""
    title: str = ""
    published_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A page as fetched, with its text."""

    url: str
    final_url: str
    status: int
    content_type: str
    fetched_at: datetime
    body: bytes
    page: PageText
    headers: tuple[tuple[str, str], ...] = field(default=())

    @property
    def sha256(self) -> str:
        return sha256(self.body)

    @property
    def text(self) -> str:
        return self.page.text

    def warc(self) -> bytes:
        """The page as a gzipped WARC response record."""
        return response_bytes(
            url=self.final_url,
            fetched_at=self.fetched_at,
            status=self.status,
            headers=self.headers or (("Content-Type", self.content_type),),
            body=self.body,
        )


@dataclass(frozen=True, slots=True)
class Unreachable:
    """A page that could not be fetched: why, and the HTTP status when the server gave one."""

    url: str
    fetched_at: datetime
    reason: str
    status: int | None = None
    transient: bool = False

    @property
    def vanished(self) -> bool:
        """The server says the page is gone (404, 410)."""
        return self.status in VANISHED_STATUSES


def _utcnow() -> datetime:
    return datetime.now(UTC)


def take_snapshot(
    url: str, *, limits: SnapshotLimits, now: Callable[[], datetime] = _utcnow
) -> Snapshot | Unreachable:
    """Fetch ``url`` behind the SSRF guard and keep what came back."""
    fetched_at = now()
    try:
        result = fetch(
            url,
            timeout=limits.timeout,
            max_bytes=limits.max_bytes,
            user_agent=limits.user_agent,
            accept=SOURCE_TYPES,
            respect_robots=limits.respect_robots,
            allowed_networks=limits.allowed_networks,
            allow_loopback=limits.allow_loopback,
            min_delay=limits.min_delay,
        )
    except FetchError as error:
        return Unreachable(url, fetched_at, error.reason, error.status, error.transient)
    page = page_text(
        result.data, content_type=result.content_type, url=result.final_url, limits=limits
    )
    return Snapshot(
        url=url,
        final_url=result.final_url,
        status=result.status,
        content_type=result.content_type,
        fetched_at=fetched_at,
        body=result.data,
        page=page,
        headers=result.headers,
    )


def page_text(data: bytes, *, content_type: str, url: str, limits: SnapshotLimits) -> PageText:
    """The text to archive from a fetched body: never an exception, a note instead."""
    if not data.strip():
        return PageText("", note="the page is empty")
    if is_pdf(data, content_type):
        try:
            pdf = pdf_text(data, max_pages=limits.max_pdf_pages, max_chars=limits.max_chars)
        except ParseError as error:
            return PageText("", note=str(error))
        return PageText(pdf.text, detect_language(pdf.text, sample=5000), pdf.title, note=pdf.note)
    try:
        articles = parse_document(
            data,
            url=url,
            content_type=content_type,
            max_bytes=sys.maxsize,
            max_chars=sys.maxsize,
            fallbacks=False,
        )
    except ParseError as error:
        return _visible(data, content_type, limits, str(error))
    text = "\n\n".join(
        part for article in articles for part in (article.title, article.body) if part.strip()
    )
    first = articles[0]
    return _cut(PageText(text, first.language, first.title, first.published_at), limits.max_chars)


def _visible(data: bytes, content_type: str, limits: SnapshotLimits, why: str) -> PageText:
    """The page's whole visible text, when no article was found in it."""
    if "html" not in content_type.lower() and not data.lstrip()[:1] == b"<":
        return PageText("", note=why)
    try:
        tree = lxml.html.fromstring(decode_bytes(data))
    except (lxml.etree.ParserError, ValueError, ParseError):
        return PageText("", note=why)
    for node in tree.xpath("|".join(f"//{tag}" for tag in INVISIBLE)):
        node.drop_tree()
    text = LINES.sub("\n", BLANKS.sub(" ", clean_text(tree.text_content()))).strip()
    if not text:
        return PageText("", note=why)
    note = "no article was found in the page: its whole visible text is kept"
    return _cut(PageText(text, detect_language(text, sample=5000), note=note), limits.max_chars)


def _cut(page: PageText, max_chars: int) -> PageText:
    if len(page.text) <= max_chars:
        return page
    note = "; ".join(n for n in (page.note, f"the text was cut at {max_chars:,} characters") if n)
    return PageText(page.text[:max_chars], page.language, page.title, page.published_at, note)
