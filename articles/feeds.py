"""RSS and Atom feeds: entries with their links, parsed by feedparser. No Django here."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from articles.parsing.text import clean_line
from lib.reasons import reason


class FeedError(ValueError):
    """The document is not a usable feed; the message says why, ``code`` names the reason
    (``lib.reasons``)."""

    def __init__(self, code: str) -> None:
        super().__init__(reason(code))
        self.code = code


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One linked entry; ``guid`` is the entry's id, or its link when it has none (dedup key)."""

    url: str
    title: str
    guid: str
    published_at: datetime | None = None


@dataclass(slots=True)
class Feed:
    title: str
    entries: list[FeedEntry] = field(default_factory=list)


def _when(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _entry(entry: Any, base: str) -> FeedEntry | None:
    link = urljoin(base, (entry.get("link") or "").strip()) if entry.get("link") else ""
    if urlsplit(link).scheme not in ("http", "https"):
        return None
    return FeedEntry(
        url=link,
        title=clean_line(entry.get("title") or ""),
        guid=clean_line(entry.get("id") or "") or link,
        published_at=_when(entry),
    )


def _unique(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """Feeds sometimes repeat an item; the first one with a guid stands for it."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.guid not in seen:
            seen.add(entry.guid)
            kept.append(entry)
    return kept


def parse_feed(data: bytes, *, url: str = "") -> Feed:
    """The entries of an RSS or Atom document; FeedError when it is not a feed."""
    if not data.strip():
        raise FeedError("feed_empty")
    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    version = parsed.get("version") or ""
    if not version:
        html = data.lstrip()[:200].lower().find(b"<html") >= 0
        raise FeedError("feed_is_html" if html else "not_a_feed")
    entries = _unique(e for e in (_entry(item, url) for item in parsed.entries) if e is not None)
    return Feed(title=clean_line(parsed.feed.get("title") or ""), entries=entries)
