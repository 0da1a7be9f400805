"""Feeds: parsing RSS and Atom, refusing what is not a feed, and ingesting entries once."""

import pytest

from articles.feeds import FeedError, parse_feed
from articles.models import Article, Feed, FeedEntry
from claims.tasks import poll_feed_task
from tests.localserver import serve
from tests.pages import article_page, rss_feed

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>First</title><id>urn:1</id><link href="https://news.example/a"/>
<updated>2025-03-01T09:00:00Z</updated></entry>
<entry><title>No link</title><id>urn:2</id></entry>
<entry><title>Bad link</title><id>urn:3</id><link href="javascript:alert(1)"/></entry>
</feed>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>연합뉴스 정치</title><link>https://news.example/</link><description>d</description>
<item><title>정부, 35개국에 친서</title><link>https://news.example/view/1</link>
<guid isPermaLink="false">AKR2020100800001</guid>
<pubDate>Thu, 08 Oct 2020 16:57:00 +0900</pubDate><dc:creator>노민호</dc:creator></item>
<item><title>상대 링크</title><link>/view/2</link></item>
<item><title>링크 없음</title><guid isPermaLink="false">AKR3</guid></item>
<item><title>정부, 35개국에 친서 (반복)</title><link>https://news.example/view/1</link>
<guid isPermaLink="false">AKR2020100800001</guid></item>
<item><title>No date</title><link>http://news.example/view/4</link></item>
</channel></rss>""".encode()


def test_a_korean_rss_feed_gives_linked_entries_once_with_aware_times():
    feed = parse_feed(RSS, url="https://news.example/rss.xml")
    assert feed.title == "연합뉴스 정치"
    assert [(e.url, e.guid) for e in feed.entries] == [
        ("https://news.example/view/1", "AKR2020100800001"),
        ("https://news.example/view/2", "https://news.example/view/2"),
        ("http://news.example/view/4", "http://news.example/view/4"),
    ]
    first = feed.entries[0]
    assert first.title == "정부, 35개국에 친서"
    assert first.published_at is not None
    assert first.published_at.isoformat() == "2020-10-08T07:57:00+00:00"
    assert feed.entries[2].published_at is None


def test_rss_entries_carry_link_title_guid_and_time():
    feed = parse_feed(rss_feed("https://news.example", [("One", "/1"), ("Two", "/2")]))
    assert feed.title == "Test Wire"
    assert [e.url for e in feed.entries] == ["https://news.example/1", "https://news.example/2"]
    published = feed.entries[0].published_at
    assert published is not None and published.isoformat() == "2025-03-01T09:00:00+00:00"


def test_atom_entries_without_an_http_link_are_skipped():
    feed = parse_feed(ATOM, url="https://news.example/atom.xml")
    assert [(e.title, e.guid) for e in feed.entries] == [("First", "urn:1")]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "HTML page"),
        (b"\x00\x01garbage\xff", "not an RSS or Atom feed"),
        (b"   \n\t ", "empty"),
        (b'{"items": [{"url": "https://news.example/1"}]}', "not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><note><to>x</to></note>", "not an RSS or Atom feed"),
    ],
)
def test_what_is_not_a_feed_is_refused_with_the_reason(data, words):
    with pytest.raises(FeedError, match=words):
        parse_feed(data)


@pytest.mark.django_db
def test_polling_a_feed_ingests_each_entry_once(fetch_loopback):
    pages = {
        "/a": (200, "text/html", article_page("Council passes budget", day=1)),
        "/b": (200, "text/html", article_page("Housing grants grow", day=2)),
    }
    with serve(pages) as base:
        pages["/feed"] = (200, "application/rss+xml", rss_feed(base, [("A", "/a"), ("B", "/b")]))
        feed = Feed.objects.create(url=f"{base}/feed")
        assert poll_feed_task.delay(feed.pk).get() == 2
        assert poll_feed_task.delay(feed.pk).get() == 0
    assert Article.objects.count() == 2
    assert FeedEntry.objects.filter(article__isnull=False).count() == 2


@pytest.mark.django_db
def test_a_feed_that_is_not_a_feed_records_the_error(fetch_loopback):
    with serve({"/feed": (200, "text/html", article_page("Not a feed"))}) as base:
        feed = Feed.objects.create(url=f"{base}/feed")
        assert poll_feed_task.delay(feed.pk).get() == 0
    feed.refresh_from_db()
    assert "not an RSS or Atom feed" in feed.last_error
    assert Article.objects.count() == 0
