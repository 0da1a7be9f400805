"""HTML pages: the main text by trafilatura, metadata from JSON-LD, meta tags and bylines.

The page is parsed once with lxml; metadata is read from that tree with XPath before
trafilatura takes it (building a second tree for metadata would double the cost).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    find_date,
    set_date_params,
)

from articles.parsing.boilerplate import drop_boilerplate
from articles.parsing.korean import (
    DATELINE,
    SEOUL,
    SIGNOFF,
    STAMP,
    drop_caption_datelines,
    drop_captions,
    parse_when,
    split_names,
)
from articles.parsing.notices import copyright_notice, drop_leading_credit
from articles.parsing.text import clean_text, detect_language, parse_text
from articles.parsing.types import ParsedArticle, ParseError

EARLIEST_YEAR = 1900
# "https://pagesix.com/2020/02/24/...": the day the page went up, in its newsroom's calendar.
URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)")
# West of UTC, the evening's UTC instant falls on the next day.
AMERICAS = tuple(
    ZoneInfo(name)
    for name in ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "WebPage",
}
AUTHOR_META = (
    '//meta[@name="author"]/@content',
    '//meta[@property="article:author"]/@content',
    '//meta[@name="byl"]/@content',
)
NAME_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|·)\s*")
TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]\s+[^|\-–—]{2,60}$")
BYLINE_KO = re.compile(r"([가-힣]{2,4})\s*(?:기자|특파원)(?![가-힣])")
BYLINE_EN = re.compile(r"^\s*By\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*$", re.M)


def _first(tree: Any, *paths: str) -> str:
    for path in paths:
        found = tree.xpath(path)
        for value in found:
            text = str(value).strip()
            if text:
                return text
    return ""


def _walk_ld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item)
    elif isinstance(node, dict):
        yield node
        yield from _walk_ld(node.get("@graph", []))


def _ld_article(tree: Any) -> dict[str, Any]:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in _walk_ld(data):
            types = node.get("@type", [])
            types = types if isinstance(types, list) else [types]
            if ARTICLE_TYPES.intersection(str(t) for t in types) and (
                node.get("headline") or node.get("datePublished")
            ):
                return node
    return {}


TITLE_WORD = re.compile(r"\s*(?:기자|특파원|선임기자|논설위원|객원기자|인턴기자)\s*$")


def _names(value: Any) -> list[str]:
    """Person names from JSON-LD or meta values, without the Korean 기자 title; deduplicated."""
    found: list[str] = []
    if isinstance(value, list):
        found = [n for item in value for n in _names(item)]
    elif isinstance(value, dict):
        found = _names(value.get("name", ""))
    elif isinstance(value, str) and value.strip():
        for part in NAME_SEPARATORS.split(value):
            name = TITLE_WORD.sub("", part.strip()).strip()
            if name and not name.startswith(("http://", "https://", "javascript:")):
                found.append(name)
    return list(dict.fromkeys(found))


def _time(value: Any, *, language: str) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        parsed = parse_when(raw)
    if parsed is None or parsed.year < EARLIEST_YEAR:
        # "0001-01-01T00:00:00Z": a template's empty date, not the article's.
        return None
    if parsed.tzinfo is None:
        # Korean outlets omit the zone and mean Seoul time.
        parsed = parsed.replace(tzinfo=SEOUL if language == "ko" else UTC)
    return parsed


def _metadata(tree: Any, url: str) -> dict[str, Any]:
    ld = _ld_article(tree)
    publisher = ld.get("publisher") or {}
    canonical = _first(
        tree, '//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'
    )
    has_og_title = bool(tree.xpath('//meta[@property="og:title"]'))
    return {
        "title": str(ld.get("headline") or "").strip()
        or _first(tree, '//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"),
        "site_title": not ld.get("headline") and not has_og_title,
        "outlet": (publisher.get("name") if isinstance(publisher, dict) else "")
        or _first(tree, '//meta[@property="og:site_name"]/@content'),
        "authors": _names(ld.get("author")) or _names(_first(tree, *AUTHOR_META)),
        "published": ld.get("datePublished")
        or _first(
            tree,
            '//meta[@property="article:published_time"]/@content',
            '//meta[@name="article:published_time"]/@content',
            '//meta[@itemprop="datePublished"]/@content',
            '//meta[@name="pubdate"]/@content',
            '//meta[@name="date"]/@content',
            "//time/@datetime",
        ),
        "updated": ld.get("dateModified")
        or _first(tree, '//meta[@property="article:modified_time"]/@content'),
        "canonical": urljoin(url, canonical) if canonical else "",
        "lang": _first(tree, "/html/@lang").split("-")[0].lower(),
    }


def _clean_body(text: str) -> tuple[str, list[str], str]:
    """Paragraphs without bylines, captions, e-mail and copyright lines; plus dateline facts."""
    authors: list[str] = []
    outlet = ""
    paragraphs = []
    for line in clean_text(text).split("\n"):
        line = line.strip()
        if not line or STAMP.match(line) or SIGNOFF.fullmatch(line) or BYLINE_EN.fullmatch(line):
            continue
        line = drop_leading_credit(line)
        if copyright_notice(line):
            continue
        dateline = DATELINE.match(line)
        if dateline:
            authors, outlet = split_names(dateline.group("names")), dateline.group("outlet").strip()
            line = line[dateline.end() :]
        line = drop_captions(line)
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs), authors, outlet


def _page_text(tree: Any) -> str:
    return " ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))[
        :200_000
    ]


def _html_tree(html: str | bytes) -> Any:
    """The page parsed by lxml (bytes decoded as the page declares or as they read)."""
    if isinstance(html, bytes):
        from articles.parsing.decode import decode_bytes

        html = decode_bytes(html)
    # lxml refuses str input that keeps an XML encoding declaration; the text is decoded already.
    html = XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ParseError.because("bad_html", error=error) from error
    if "<!--" in html:
        # React writes "<!-- -->" between text nodes (nytimes.com): the text after a comment
        # is its tail, which the extractor's cleaning drops with the comment. Without the
        # comments, the pieces join into one text again.
        lxml.etree.strip_tags(tree, lxml.etree.Comment)
    return tree


def _page_title(meta: dict[str, Any], outlet: str) -> str:
    """The page's title without the site's name."""
    # MBN writes quotation marks as double primes (″); some pages escape entities twice.
    title = html_lib.unescape(meta["title"]).replace("\u2033", '"')
    if meta["site_title"]:
        return TITLE_SUFFIX.sub("", title)
    if outlet:
        return _drop_outlet(title, outlet)
    return title


def parse_html(html: str | bytes, *, url: str = "", fallbacks: bool = True) -> list[ParsedArticle]:
    """The article in an HTML page (main text and metadata). Without ``fallbacks``, an
    author or date the page's metadata does not give is not searched for in its text (the
    slow part of a long page; source archives need the text, not the byline)."""
    tree = _html_tree(html)
    meta = _metadata(tree, url)
    # trafilatura's own finders as fallbacks, on the intact tree, only when ours found nothing.
    fallback_author = "" if meta["authors"] or not fallbacks else _fallback_author(tree)
    readable_date = _time(meta["published"], language="en") is not None
    fallback_date = "" if readable_date or not fallbacks else _fallback_date(tree, url)
    raw = _main_text(tree, url)
    if not raw or not raw.strip():
        arc = _arc_content(tree)
        raw = arc["text"]
        # The script's credits name the reporters; page meta often names only the outlet.
        meta["authors"] = arc["authors"] or meta["authors"]
    if not raw or not raw.strip():
        raise ParseError.because("no_article_in_page")
    raw = "\n".join(drop_caption_datelines(line) for line in raw.split("\n"))
    if len(DATELINE.findall(raw)) >= 2:
        several = _several(raw, url=url, meta=meta)
        if several:
            return several
    body, dl_authors, dl_outlet = _clean_body(raw)
    outlet = meta["outlet"] or dl_outlet
    title = _page_title(meta, outlet)
    first, _, rest = body.partition("\n\n")
    if first.strip() == title.strip():
        body = rest
    if not body.strip():
        raise ParseError.because("no_article_in_page")
    language = meta["lang"] if meta["lang"] in {"ko", "en"} else detect_language(body)
    authors = (
        meta["authors"]
        or dl_authors
        or _byline_authors(tree, language)
        or _names(fallback_author.replace(";", ","))
    )
    published = _url_day(
        _time(meta["published"], language=language)
        or _stamp_time(tree)
        or _time(fallback_date, language=language),
        url,
    )
    return [
        ParsedArticle(
            title=title.strip() or body[:60],
            body=body,
            language=language,
            url=url,
            canonical_url=meta["canonical"],
            outlet=outlet,
            authors=authors,
            published_at=published,
            updated_at=_time(meta["updated"], language=language),
        )
    ]


def _main_text(tree: Any, url: str) -> str | None:
    """The page's main text by trafilatura, once the boxes the markup names are gone (the
    metadata has read the whole page before)."""
    extracted = trafilatura.bare_extraction(
        drop_boilerplate(tree),
        url=url or None,
        include_comments=False,
        include_tables=False,
        with_metadata=False,
    )
    return getattr(extracted, "text", None) if extracted is not None else None


ARC_CONTENT = "Fusion.globalContent="
TAGS = re.compile(r"<[^>]+>")


def _arc_content(tree: Any) -> dict[str, Any]:
    """Body and bylines of Arc XP pages (Chosun Ilbo) that render the article by script."""
    for script in tree.xpath(f"//script[contains(., '{ARC_CONTENT}')]/text()")[:1]:
        start = script.index(ARC_CONTENT) + len(ARC_CONTENT)
        try:
            data, _ = json.JSONDecoder().raw_decode(script, start)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        paragraphs = [
            html_lib.unescape(TAGS.sub("", str(element.get("content") or ""))).strip()
            for element in data.get("content_elements") or []
            if isinstance(element, dict) and element.get("type") == "text"
        ]
        authors = []
        for person in (data.get("credits") or {}).get("by") or []:
            if isinstance(person, dict):
                original = (person.get("additional_properties") or {}).get("original") or {}
                authors.extend(_names(original.get("byline") or person.get("name") or ""))
        return {"text": "\n".join(p for p in paragraphs if p), "authors": authors}
    return {"text": "", "authors": []}


def _fallback_author(tree: Any) -> str:
    """trafilatura's author finders: meta tags, its JSON-LD reader, then byline XPaths."""
    try:
        found = examine_meta(tree)
        if found.author and " " not in found.author:
            found.author = None
        found = extract_meta_json(tree, found)
        return str(found.author or extract_author(tree) or "")
    except Exception:  # noqa: BLE001 - a fallback never fails the page
        return ""


def _fallback_date(tree: Any, url: str) -> str:
    """htmldate (as trafilatura calls it) when the page metadata gave no date."""
    try:
        return str(find_date(tree, url=url or None, **set_date_params(True)) or "")
    except Exception:  # noqa: BLE001 - a fallback never fails the page
        return ""


def _several(raw: str, *, url: str, meta: dict[str, Any]) -> list[ParsedArticle]:
    """A page carrying several datelined articles (news "best of" blocks): one article each."""
    try:
        articles = parse_text(raw, url=url)
    except ParseError:
        return []
    if len(articles) < 2:
        return []
    for article in articles:
        article.canonical_url = article.canonical_url or meta["canonical"]
        article.outlet = article.outlet or meta["outlet"]
    return articles


def _drop_outlet(title: str, outlet: str) -> str:
    """'Headline | Yonhap News Agency' -> 'Headline' when the suffix (or prefix) is the outlet."""
    for sep in (" | ", " - ", " – ", " — ", " : "):
        head, found, tail = title.rpartition(sep)
        if found and head and tail.strip().lower() == outlet.strip().lower():
            return head.strip()
        head, found, tail = title.partition(sep)
        if found and tail and head.strip().lower() == outlet.strip().lower():
            return tail.strip()
    return title


def _byline_authors(tree: Any, language: str) -> list[str]:
    text = _page_text(tree)
    if language == "ko":
        found = BYLINE_KO.search(text)
        return [found.group(1)] if found else []
    found = BYLINE_EN.search(text)
    return [found.group(1)] if found else []


def _stamp_time(tree: Any) -> datetime | None:
    for node in tree.xpath(
        "//body//text()[contains(., '입력') or contains(., '기사입력') or contains(., '등록')]"
    )[:20]:
        match = re.search(
            r"(?:기사입력|입력|등록)\s*:?\s*(\d{4}[.\-/년]\s*\d{1,2}[.\-/월]\s*\d{1,2}.{0,12})",
            str(node),
        )
        if match:
            return parse_when(match.group(1))
    return None


def _url_day(published: datetime | None, url: str) -> datetime | None:
    """The published time on the page's calendar day when its address names the day: a UTC
    instant of a US page's evening is the next day in UTC ("2020-02-25T02:25Z" on
    /2020/02/24/) and is shown in the newsroom's zone; a date far from the address's day
    (a template's or a modification's) gives way to the address's day."""
    found = URL_DAY.search(url)
    if not found:
        return published
    try:
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return published
    if published is None:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    if published.date() == day:
        return published
    if published.utcoffset() == timedelta(0) and published.date() - day == timedelta(days=1):
        for zone in AMERICAS:
            local = published.astimezone(zone)
            if local.date() == day:
                return local
    if abs((published.date() - day).days) > 1:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return published
