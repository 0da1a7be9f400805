"""Hostile files, fetched pages and feeds through the commands and the feed poller.

Pages and feeds come from a server on 127.0.0.1. The fetcher's compression-bomb, redirect and
size defences are tested at the fetcher in test_fetch.py (``/bomb``, ``/deflate-bomb``,
``/big``); here the same kinds of input go end to end and must store nothing.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleRevision, Feed, FeedEntry
from articles.parsing import MAX_BODY_CHARS
from claims.models import Claim
from claims.pipeline import ingest_feed_entry, poll_feed
from tests.factories import row_counts as counts
from tests.factories import run_command as run
from tests.localserver import serve

SENTENCE = "The city spent 35 million dollars on roads in 2024, the mayor said."
PAGE = (
    "<html><head><title>Roads</title></head>"
    f"<body><article><p>{SENTENCE}</p></article></body></html>"
)
FIFTY_MB = 50 * 1024 * 1024


# Files ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_50_mb_file_is_refused_naming_both_sizes(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as file:
        file.truncate(FIFTY_MB)
    out, err, code = run("ingest", str(path))
    assert code == 1
    assert "52,428,800 bytes" in err and "10,485,760-byte limit" in err
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_text_over_the_body_character_limit_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text((SENTENCE + "\n") * (MAX_BODY_CHARS // len(SENTENCE) + 10))
    out, err, code = run("ingest", str(path))
    assert code == 1
    assert f"{MAX_BODY_CHARS:,}-character limit" in err
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("surrogate.txt", b"Bad \xed\xa0\x80 bytes here. " + SENTENCE.encode()),
        ("nul.txt", b"NUL \x00 in the text. " + SENTENCE.encode() + b"\x00"),
        ("control.txt", b"\x1b[31mred\x1b[0m \x07 " + SENTENCE.encode()),
        ("bidi.txt", f"\u202eevil\u202c\n{SENTENCE}".encode()),
        ("nested.html", b"<html><body>" + b"<div>" * 100_000 + PAGE.encode()),
        ("huge-number.txt", f"Debt: {'9' * 500} won. 9999조 원. {SENTENCE}".encode()),
        (
            "template.html",
            b"<title>{{ settings.SECRET_KEY }}</title><p>{% debug %} "
            + SENTENCE.encode()
            + b"</p>",
        ),
        ("only-nul.txt", b"\x00" * 1000),
        ("utf16-nul.txt", SENTENCE.encode("utf-16-le")),
    ],
)
def test_hostile_files_are_ingested_clean_or_refused_with_one_line(db, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    out, err, code = run("extract", str(path))
    [document] = [json.loads(line) for line in out.splitlines()]
    assert "claimdesk-test-secret" not in out
    out, err, code = run("ingest", str(path))
    if code:
        assert name in err and document["error"] in err
        assert counts() == (0, 0, 0, 0, 0)
        return
    revisions = list(ArticleRevision.objects.all())
    assert revisions and Claim.objects.exists(), "the roads sentence is stored as a claim"
    for revision in revisions:
        for text in (revision.body, revision.title, *revision.authors):
            assert "\x00" not in text and "\u202e" not in text and "\x1b" not in text
        for claim in Claim.objects.filter(revision=revision):
            assert revision.body[claim.start : claim.end] == claim.text
    assert (
        "{{ settings.SECRET_KEY }}"
        in "".join(r.title + r.body for r in ArticleRevision.objects.all())
        or name != "template.html"
    )


# Fetched pages ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_50_mb_page_is_refused_naming_the_limit_and_nothing_is_stored(fetch_loopback):
    with serve({"/huge": (200, "text/html", b"<p>" + b"a" * FIFTY_MB)}) as base:
        out, err, code = run("ingest", f"{base}/huge")
    assert code == 1
    assert "10,485,760" in err
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("/nested", "text/html", b"<html><body>" + b"<div>" * 100_000 + PAGE.encode()),
        ("/nul", "text/html; charset=utf-8", PAGE.replace("Roads", "Ro\x00ads").encode()),
        (
            "/surrogate",
            "text/html; charset=utf-8",
            PAGE.encode().replace(b"Roads", b"R\xed\xa0\x80"),
        ),
        ("/bidi", "text/html", PAGE.replace("Roads", "\u202eRoads\u202c").encode()),
        ("/long", "text/html", ("<p>" + SENTENCE + "</p>\n").encode() * 10_000),
        ("/template", "text/html", PAGE.replace("Roads", "{{ settings.SECRET_KEY }}").encode()),
    ],
)
def test_hostile_pages_are_ingested_clean_or_refused_with_the_reason(
    db, fetch_loopback, path, content_type, body
):
    with serve({path: (200, content_type, body)}) as base:
        out, err, code = run("ingest", f"{base}{path}")
    if code:
        assert f"{base}{path}" in err
        assert counts() == (0, 0, 0, 0, 0)
        return
    revision = ArticleRevision.objects.get()
    assert "\x00" not in revision.title + revision.body
    assert "\u202e" not in revision.title
    assert "35 million" in revision.body


# Feeds ---------------------------------------------------------------------------------


def rss(base: str, items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Wire</title><link>{base}/</link>{items}</channel></rss>"
    ).encode()


def item(title: str, link: str, guid: str = "") -> str:
    guid_tag = f"<guid>{guid}</guid>" if guid else ""
    return f"<item><title>{title}</title><link>{link}</link>{guid_tag}</item>"


@pytest.mark.django_db
def test_a_feed_with_hostile_items_keeps_the_usable_ones_clean(fetch_loopback):
    pages = {"/a": (200, "text/html", PAGE.encode())}
    with serve(pages) as base:
        items = "".join(
            [
                item("\u202eevil\u202c &#x1b;[31m", f"{base}/a", "g1"),
                item("{{ settings.SECRET_KEY }}", f"{base}/a?x=1", "g2"),
                item("' OR 1=1 --", f"{base}/a?x=2", "x" * 5000),
                item("T" * 10_000, f"{base}/a?x=3", "g4"),
                item("javascript", "javascript:alert(1)", "g5"),
                item("bad ipv6", "http://[::1", "g6"),
                item("nul", f"{base}/a?x=%00", "g7"),
            ]
        )
        pages["/feed"] = (200, "application/rss+xml", rss(base, items))
        feed = Feed.objects.create(url=f"{base}/feed")
        outcome = poll_feed(feed)
        for entry in outcome.new_entries:
            ingest_feed_entry(entry)
    titles = list(FeedEntry.objects.values_list("title", flat=True))
    assert "javascript" not in titles
    assert "{{ settings.SECRET_KEY }}" in titles
    assert all(len(t) <= 500 and "\x00" not in t for t in titles)
    assert all("\u202e" not in t and "\x1b" not in t for t in titles)
    assert Article.objects.count() >= 1


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&xxe;</title>'
        b"<item><title>&xxe;</title><link>http://127.0.0.1/a</link></item></channel></rss>",
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<rss version="2.0"><channel><title>&d;</title>'
        b"<item><title>&d;</title><link>http://127.0.0.1/a</link></item></channel></rss>",
        b'<rss version="2.0"><channel>' + b"<x>" * 100_000 + b"</channel></rss>",
        b'<rss version="2.0"><channel><title>\x00\x01</title>'
        b"<item><title>t\x00</title><link>http://127.0.0.1/a</link></item></channel></rss>",
        b"\xff\xfe<\x00r\x00s\x00s\x00",
    ],
    ids=["external entity", "entity expansion", "deep nesting", "nul bytes", "utf-16 garbage"],
)
def test_hostile_feed_documents_are_parsed_safely_or_refused(db, fetch_loopback, document):
    with serve({"/feed": (200, "application/rss+xml", document)}) as base:
        feed = Feed.objects.create(url=f"{base}/feed")
        try:
            outcome = poll_feed(feed)
        except Exception as error:  # noqa: BLE001 (the reason is what is checked)
            from articles.services import SourceError

            assert isinstance(error, SourceError), repr(error)
            assert error.reason
            assert FeedEntry.objects.count() == 0
            return
    feed.refresh_from_db()
    for text in [feed.title, *(e.title for e in outcome.new_entries)]:
        assert "root:" not in text
        assert "\x00" not in text
        assert len(text) <= 500


# The article text limit, in the parser ---------------------------------------------------


def test_the_parser_takes_text_up_to_the_limit_and_refuses_one_character_more():
    from articles.parsing import ParseError, parse_text

    assert parse_text(SENTENCE, max_chars=len(SENTENCE))[0].body == SENTENCE
    with pytest.raises(ParseError, match=f"{len(SENTENCE) - 1:,}-character limit"):
        parse_text(SENTENCE, max_chars=len(SENTENCE) - 1)


def test_the_parser_cleans_titles_outlets_and_authors_of_invisible_characters():
    from articles.parsing import parse_document

    page = (
        "<html><head><title>\u202eRoads\u202c \x07plan</title>"
        '<meta name="author" content="Kim\u200b Min\x1b">'
        '<meta property="og:site_name" content="Wire\u2066">'
        f"</head><body><article><p>{SENTENCE}</p></article></body></html>"
    )
    [article] = parse_document(page.encode(), content_type="text/html; charset=utf-8")
    assert article.title == "Roads plan"
    assert article.authors == ["Kim Min"]
    assert "\u2066" not in article.outlet


def test_the_body_limit_setting_holds_for_files_ingested_by_command(tmp_path, settings, db):

    from articles.models import Article

    settings.CLAIMDESK_MAX_BODY_CHARS = 200
    path = tmp_path / "long.txt"
    path.write_text("The city spent $5 million on roads in 2024. " * 20, encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stderr=errors)
    assert "over the 200-character limit" in errors.getvalue()
    assert Article.objects.count() == 0


def test_an_unparseable_url_is_not_an_http_url() -> None:
    from claims.services import is_http_url

    assert is_http_url("http://[::1") is False
    assert is_http_url("https://news.example/a") is True
