"""Plain-text documents: one article, or a page dump holding several (like the seed page)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.parsing.korean import (
    DATELINE,
    SIGNOFF,
    STAMP,
    VERB_END,
    drop_caption_datelines,
    drop_captions,
    parse_when,
    split_names,
)
from articles.parsing.notices import copyright_notice
from articles.parsing.types import MAX_BODY_CHARS, ParsedArticle, ParseError, too_long
from lib.language import detect_language
from lib.text import clean_line, clean_text

SECTION_MARK = re.compile(r"^\s*\[[^\]]{2,30}\]\s*$")  # "[뉴스핌 베스트 기사]"


def finish(articles: list[ParsedArticle], *, max_chars: int) -> list[ParsedArticle]:
    """Metadata cleaned like the text; an article over the length limit refuses the document."""
    for article in articles:
        if len(article.body) > max_chars:
            raise too_long("article text", len(article.body), max_chars)
        article.title = clean_line(article.title)
        article.outlet = clean_line(article.outlet)
        article.authors = [name for name in map(clean_line, article.authors) if name]
        article.url = clean_line(article.url)
        article.canonical_url = clean_line(article.canonical_url)
    return articles


def _is_body_line(line: str) -> bool:
    """Sentences stay; short fragments without a sentence ending are page chrome."""
    line = line.strip()
    if not line or copyright_notice(line) or STAMP.match(line) or SIGNOFF.fullmatch(line):
        return False
    return len(line) >= 40 or bool(VERB_END.search(line)) or line.endswith((".", "?", "!"))


@dataclass(slots=True)
class _Start:
    line: int
    match: re.Match[str]


def _starts(lines: list[str]) -> list[_Start]:
    return [_Start(i, m) for i, line in enumerate(lines) for m in DATELINE.finditer(line)][:50]


def _header(lines: list[str], start: _Start, floor: int) -> tuple[str, list[str]]:
    """The title and the timestamp lines above a dateline that opens its line."""
    stamps: list[str] = []
    first_stamp = None
    for i in range(start.line - 1, max(floor, start.line - 12) - 1, -1):
        if STAMP.match(lines[i]):
            stamps.insert(0, lines[i])
            first_stamp = i
    top = first_stamp if first_stamp is not None else start.line
    for i in range(top - 1, max(floor, top - 8) - 1, -1):
        candidate = lines[i].strip()
        if candidate and not SECTION_MARK.match(candidate) and len(candidate) > 4:
            return candidate, stamps
    return "", stamps


def _article(lines: list[str], start: _Start, end: int, floor: int) -> ParsedArticle:
    line = lines[start.line]
    match = start.match
    prefix = line[: match.start()].strip()
    title, stamps = (prefix, []) if prefix else _header(lines, start, floor)
    rest = [line[match.end() :], *lines[start.line + 1 : end]]
    paragraphs: list[str] = []
    signoff = None
    for raw in rest:
        if SECTION_MARK.match(raw):
            break
        found = SIGNOFF.search(raw)
        if found:
            signoff = found
            raw = raw[: found.start()]
        text = drop_captions(raw.strip())
        if _is_body_line(text):
            paragraphs.append(text)
        if signoff:
            break
    published = updated = None
    for stamp in stamps:
        label = STAMP.match(stamp)
        when = parse_when(stamp)
        if label and label.group("label") in {"최종수정", "수정", "업데이트"}:
            updated = when
        else:
            published = when
    if published is None and signoff and signoff.group("when"):
        published = parse_when(signoff.group("when"))
    body = "\n\n".join(paragraphs)
    return ParsedArticle(
        title=title or body[:60],
        body=body,
        language=detect_language(body),
        outlet=match.group("outlet").strip(),
        authors=split_names(match.group("names")),
        published_at=published,
        updated_at=updated,
    )


def _single(lines: list[str], *, title: str) -> ParsedArticle:
    kept = [line.strip() for line in lines if line.strip()]
    stamps = [line for line in kept if STAMP.match(line)]
    if not title and kept and len(kept[0]) <= 200 and len(kept) > 1:
        title, kept = kept[0], kept[1:]
    paragraphs = [drop_captions(line) for line in kept if _is_body_line(line)]
    body = "\n\n".join(p for p in paragraphs if p)
    published = next((parse_when(s) for s in stamps if "수정" not in s), None)
    return ParsedArticle(
        title=title or body[:60], body=body, language=detect_language(body), published_at=published
    )


def parse_text(
    text: str, *, url: str = "", title: str = "", max_chars: int = MAX_BODY_CHARS
) -> list[ParsedArticle]:
    """Articles in a plain-text document; a page dump may hold several (one per dateline)."""
    if len(text) > max_chars:
        raise too_long("text", len(text), max_chars)
    text = clean_text(text)
    title = clean_line(title)
    if not text.strip():
        raise ParseError.because("empty_or_blank")
    lines = [drop_caption_datelines(line) for line in text.split("\n")]
    starts = _starts(lines)
    if not starts:
        articles = [_single(lines, title=title)]
    else:
        bounds = [s.line for s in starts[1:]] + [len(lines)]
        floors = [0] + [s.line + 1 for s in starts[:-1]]
        spans = zip(starts, bounds, floors, strict=True)
        articles = [_article(lines, start, end, floor) for start, end, floor in spans]
        if title and len(articles) == 1:
            articles[0].title = title
    articles = [a for a in articles if a.body.strip()]
    if not articles:
        raise ParseError.because("no_article_in_document")
    for article in articles:
        article.url = url
    return finish(articles, max_chars=max_chars)
