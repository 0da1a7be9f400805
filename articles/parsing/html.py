"""HTML pages: the main text by trafilatura, metadata from JSON-LD, meta tags and bylines.

The page is parsed once with lxml; metadata is read from that tree with XPath before
trafilatura takes it (building a second tree for metadata would double the cost).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from copy import deepcopy
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.htmlprocessing import prune_unwanted_nodes
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
from articles.parsing.meta import (
    Site,
    choose_title,
    class_author_names,
    copyright_names,
    headline_credit_names,
    letters,
    lone_by_authors,
    microdata_authors,
    names,
    people,
    rel_author_names,
    signature_names,
)
from articles.parsing.notices import copyright_notice, drop_leading_credit
from articles.parsing.scripted import arc_content, script_html_text
from articles.parsing.text import clean_text, detect_language, parse_text
from articles.parsing.types import ParsedArticle, ParseError

EARLIEST_YEAR = 1900
# "emma-mackenzie": an address's slug, not a name as written.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
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
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "MedicalWebPage",
    "WebPage",
}
AUTHOR_META = (("name", "author"), ("property", "article:author"), ("name", "byl"))
# Author tags of analytics and recommendation scripts (Parse.ly, Sailthru, Dable): the
# byline as the newsroom's system holds it; read after the standard tags.
TRACKER_AUTHOR_META = (
    ("name", "parsely-author"),
    ("name", "sailthru.author"),
    ("property", "dable:author"),
    ("name", "dable:author"),
    ("property", "article:author_name"),
)
# "홍길동 기자", not a photo credit's "사진=홍길동 기자".
BYLINE_KO = re.compile(r"(?<![=가-힣])(?<!=\s)([가-힣]{2,4})\s*(?:기자|특파원)(?![가-힣])")
NAME_EN = r"[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]*){0,3}"
# "By Jane Roe", "Posted by Jane Roe, John Doe and Ann Lee - Chrome team": one line (the
# next line is another thing); a role after a dash is not a name, nor a lower-case agency
# after a comma ("By Jane Roe, afp").
BYLINE_EN = re.compile(
    rf"^\s*(?:[-–—]+[ \t]*)?(?:(?:Posted|Written|Words|Reported)[ \t]+)?[Bb]y:?[ \t]+"
    rf"({NAME_EN}(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+){NAME_EN}){{0,5}})"
    r"(?:[ \t]+[-–—|][ \t]+[^\n]{0,60}|[ \t]*,[ \t]*[a-z][a-z-]{1,11})?[ \t]*$",
    re.M,
)
# German "Von Jana Roth, dpa": each name in two words or more (a heading "Von Risiken und
# Nebenwirkungen" is German nouns). Read for the author only; the body keeps such lines.
NAME_TWO = r"[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]*){1,3}"
BYLINE_VON = re.compile(
    rf"^\s*Von[ \t]+({NAME_TWO}(?:(?:[ \t]*,[ \t]*|[ \t]+und[ \t]+){NAME_TWO}){{0,3}})"
    r"(?:[ \t]*,[ \t]*[a-z][a-z-]{1,11})?[ \t]*$",
    re.M,
)


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
        # {"mainEntity": {"@type": "NewsArticle", ...}} (nature.com)
        main = node.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_ld(main)


def _ld_article(tree: Any) -> dict[str, Any]:
    """The page's article in its JSON-LD: the first article node, else the first WebPage node
    (a WordPress graph lists the WebPage, with its dates but no headline, before it). Its
    author given as {"@id": ...} (Yoast) is the graph's node of that id."""
    page: dict[str, Any] = {}
    found: dict[str, Any] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for element in tree.iter("script"):
        if element.get("type") != "application/ld+json" or not element.text:
            continue
        try:
            data = json.loads(element.text)
        except ValueError:
            continue
        for node in _walk_ld(data):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                nodes.setdefault(node["@id"], node)
            types = node.get("@type", [])
            types = {str(t) for t in (types if isinstance(types, list) else [types])}
            if found or not ARTICLE_TYPES.intersection(types):
                continue
            if node.get("headline") or node.get("datePublished"):
                if types - {"WebPage"}:
                    found = node
                page = page or node
    article = found or page
    if article and nodes:
        article = {**article, "author": _ld_refs(article.get("author"), nodes)}
    return article


def _ld_refs(value: Any, nodes: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, list):
        return [_ld_refs(item, nodes) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return nodes.get(str(value["@id"]), value)
    return value


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


def _meta_tags(tree: Any) -> dict[tuple[str, str], list[str]]:
    """Every <meta> tag's non-empty content by (attribute, value): one pass over the page
    instead of one XPath search of the whole tree per tag."""
    tags: dict[tuple[str, str], list[str]] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            value = element.get(attribute)
            if value:
                tags.setdefault((attribute, value), []).append(content)
    return tags


def _metadata(tree: Any, url: str) -> dict[str, Any]:
    ld = _ld_article(tree)
    tags = _meta_tags(tree)

    def tag(*keys: tuple[str, str]) -> str:
        return next((tags[key][0] for key in keys if key in tags), "")

    publisher = ld.get("publisher") or {}
    canonical = _first(tree, '//link[@rel="canonical"]/@href') or tag(("property", "og:url"))
    outlet = (publisher.get("name") if isinstance(publisher, dict) else "") or ""
    site_name = tag(("property", "og:site_name"))
    site = Site(url or canonical, outlet, site_name, tag(("name", "application-name")))
    headline = ld.get("headline")
    return {
        "ld_title": headline.strip() if isinstance(headline, str) else "",
        "og_title": tag(("property", "og:title")),
        "page_title": _first(tree, "//title/text()"),
        "headings": [" ".join(h.text_content().split()) for h in tree.iter("h1")][:5],
        "site": site,
        "outlet": outlet or site_name,
        **_authors(
            tree,
            ld,
            [v for key in AUTHOR_META for v in tags.get(key, [])],
            [v for key in TRACKER_AUTHOR_META for v in tags.get(key, []) if not SLUG.match(v)],
            site,
        ),
        "published": ld.get("datePublished")
        or tag(
            ("property", "article:published_time"),
            ("name", "article:published_time"),
            ("itemprop", "datePublished"),
            ("name", "pubdate"),
            ("name", "date"),
        )
        or _first(tree, "//time/@datetime"),
        "updated": ld.get("dateModified") or tag(("property", "article:modified_time")),
        "canonical": urljoin(url, canonical) if canonical else "",
        "lang": _first(tree, "/html/@lang").split("-")[0].lower(),
    }


def _authors(
    tree: Any, ld: dict[str, Any], meta_values: list[str], tracker_values: list[str], site: Site
) -> dict[str, list[str]]:
    """The people JSON-LD, meta tags or microdata name (the first that names one), and the
    outlet names given as authors, for a page that names no person anywhere. JSON-LD naming
    nobody the page's byline names gives way to that byline when a meta tag repeats it."""
    outlets: list[str] = []
    tagged = [n for value in meta_values + tracker_values for n in names(value)]
    for source, found in (
        ("ld", lambda: names(ld.get("author"))),
        ("meta", lambda: [n for value in meta_values for n in names(value)]),
        ("tracker", lambda: [n for value in tracker_values for n in names(value)]),
        ("microdata", lambda: microdata_authors(tree)),
    ):
        values = found()
        persons = people(values, site)
        if persons:
            if source == "ld":
                persons = _byline_over_ld(tree, persons, people(tagged, site), site) or persons
            return {"authors": persons, "outlet_authors": []}
        outlets = outlets or values
    return {"authors": [], "outlet_authors": outlets}


def _byline_over_ld(tree: Any, ld_persons: list[str], tagged: list[str], site: Site) -> list[str]:
    """The byline's people when JSON-LD names someone else (a CMS's JSON-LD often names the
    account that posted the story): the page's microdata byline names none of JSON-LD's
    people and a meta tag names each of the byline's. Else nothing."""
    ld_keys = {letters(n) for n in ld_persons}
    tagged_keys = {letters(n) for n in tagged}
    if not tagged_keys or tagged_keys & ld_keys:
        return []
    byline = people(microdata_authors(tree), site)
    keys = {letters(n) for n in byline}
    if keys and not keys & ld_keys and keys <= tagged_keys:
        return byline
    return []


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
    """The page's headline without the site's name (see ``meta.choose_title``)."""
    site = meta["site"]
    if outlet:
        site.names.add(letters(outlet))
    return choose_title(
        meta["ld_title"], meta["og_title"], meta["page_title"], meta["headings"], site
    )


BARE_URL = re.compile(r"^\s*https?://\S+\s*$")


def parse_html(html: str | bytes, *, url: str = "", fallbacks: bool = True) -> list[ParsedArticle]:
    """The article in an HTML page (main text and metadata). Without ``fallbacks``, an
    author or date the page's metadata does not give is not searched for in its text (the
    slow part of a long page; source archives need the text, not the byline)."""
    tree = _html_tree(html)
    meta = _metadata(tree, url)
    bylines, fallback_author = _unnamed_authors(tree, meta, fallbacks=fallbacks)
    readable_date = _time(meta["published"], language="en") is not None
    fallback_date = "" if readable_date or not fallbacks else _fallback_date(tree, url)
    raw = _main_text(tree, url)
    if not raw or not raw.strip():
        arc = arc_content(tree)
        raw = arc["text"]
        # The script's credits name the reporters; page meta often names only the outlet.
        meta["authors"] = arc["authors"] or meta["authors"]
    if not raw or not raw.strip():
        # A shell page whose script renders the article from an HTML string in its data.
        raw = script_html_text(tree)
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
    # A print header's address of the page ("https://.../Cat-found-in-...php") over the text.
    while BARE_URL.match(body.partition("\n\n")[0]):
        body = body.partition("\n\n")[2]
    first, _, rest = body.partition("\n\n")
    # The headline opening the text, however its quotes and dashes are spelled.
    if first.strip() == title.strip() or (letters(title) and letters(first) == letters(title)):
        body = rest
    if not body.strip():
        raise ParseError.because("no_article_in_page")
    language = meta["lang"] if meta["lang"] in {"ko", "en"} else detect_language(body)
    authors = (
        meta["authors"] or dl_authors or _found_authors(bylines, language, meta, fallback_author)
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


# What is no byline of the story, whatever its class says: comment threads (a WordPress
# "<ol class="commentlist">" with its "comment-author" cards, which trafilatura's own discard
# list misses), related-story cards, sidebars and navigation, and quotations ("<span
# class="quote-author">").
NOT_THE_STORYS = [
    lxml.etree.XPath(
        "//aside|//nav|//blockquote"
        '|//body//*[contains(@class, "comment") or contains(@id, "comment")'
        ' or contains(@class, "related") or contains(@id, "related")]'
    )
]


def _fallback_author(tree: Any) -> str:
    """trafilatura's author finders: meta tags, its JSON-LD reader, then byline XPaths on the
    page without its comments, sidebars, related cards and quotations."""
    try:
        found = examine_meta(tree)
        if found.author and " " not in found.author:
            found.author = None
        found = extract_meta_json(tree, found)
        story = prune_unwanted_nodes(deepcopy(tree), NOT_THE_STORYS)  # tails kept
        return str(found.author or extract_author(story) or "")
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


def _unnamed_authors(
    tree: Any, meta: dict[str, Any], *, fallbacks: bool
) -> tuple[dict[str, list[str]], str]:
    """For a page whose metadata names no author, on the intact tree: the bylines in its text
    (Korean and English), then trafilatura's own finders (slow) only when they name nobody."""
    if meta["authors"]:
        return {}, ""
    page_text = _page_text(tree)
    bylines = {lang: _byline_authors(page_text, lang, meta["site"]) for lang in ("ko", "en")}
    if not people(bylines["en"], meta["site"]):
        bylines["en"] = (
            lone_by_authors(tree)
            or rel_author_names(tree)
            or headline_credit_names(tree)
            or bylines["en"]
        )
    site = meta["site"]
    # "Written by <a>Miami Today</a>": a byline naming the outlet answers who wrote it; the
    # fallback's guesses (a commenter's name in a sidebar) are not asked.
    bylined = any(
        people(found, site) or (found and all(site.is_name(n) for n in found))
        for found in bylines.values()
    )
    if bylined or not fallbacks:
        return bylines, ""
    fallback = _fallback_author(tree)
    if not people(names(fallback.replace(";", ",")), site):
        # trafilatura's finders took a button ("Follow") or nothing from the author's card.
        fallback = (
            "; ".join(
                class_author_names(tree)
                or signature_names(tree)
                or people(copyright_names(tree), site)  # not the site's own name
            )
            or fallback
        )
    return bylines, fallback


def _found_authors(
    bylines: dict[str, list[str]], language: str, meta: dict[str, Any], fallback: str
) -> list[str]:
    """The people a byline in the page's text or trafilatura's finders name; for a page that
    names no person, the outlet it gives as the author. A byline in Latin letters ("By",
    "Von") is read by the English rules whatever the page's language."""
    bylined = bylines.get("ko" if language == "ko" else "en", [])
    site = meta["site"]
    fallback_names = names(fallback.replace(";", ","))
    return (
        people(bylined, site)
        or people(fallback_names, site)
        or meta["outlet_authors"]
        or bylined
        or fallback_names
    )


def _byline_authors(text: str, language: str, site: Site) -> list[str]:
    """The names of the page's first byline that names a person (not "By <Outlet>"), else of
    its first byline."""
    if language == "ko":
        korean = BYLINE_KO.search(text)
        return [korean.group(1)] if korean else []
    first: list[str] = []
    matches = itertools.chain(BYLINE_EN.finditer(text), BYLINE_VON.finditer(text))
    for match in itertools.islice(matches, 5):
        found = names(match.group(1))
        if people(found, site):
            return found
        first = first or found
    return first


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
