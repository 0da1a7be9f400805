"""No page can take over another article through its canonical URL (issue 17, item 1).

A page keyed itself on ``<link rel="canonical">`` whatever site it came from, so a page
posted (or fetched, or found in a feed) from ``https://evil.example/post/1`` naming an
existing article's URL as its canonical became a new revision of that article: its title
and body replaced, its reviewed claims out of the queue, and the ClaimReview export
publishing the old verdicts against the attacker's text. A canonical URL is now trusted
only on the page's own registrable domain (or another known domain of its outlet); else
the page is keyed on its own address and the canonical is kept as what the page names.
And a revision that replaces most of an article's text, taking reviewed claims with it,
is flagged for an editor.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.fetch import FetchResult
from articles.models import Article, ArticleRevision, Feed, FeedEntry, Outlet
from articles.parsing.types import ParsedArticle
from articles.services import canonical_is_trusted, page_address
from claims import pipeline
from claims.models import Claim, ClaimEvent
from lib.urls import registrable_domain
from tests.factories import make_team, token_client

VICTIM_URL = "https://news.example/2025/budget"
EVIL_URL = "https://evil.example/post/1"
FEED_URL = "https://evil.example/feed.xml"
VICTIM_SENTENCES = (
    "The ministry said exports rose 12 percent in 2024 to $3.5 billion. "
    "Imports fell 4 percent over the same period, the customs office said. "
    "The trade surplus reached $800 million, the largest since 2018."
)
EVIL_SENTENCES = (
    "The ministry said exports collapsed 90 percent in 2024 to $10 million. "
    "Officials admitted that 7 of 10 factories closed in the first quarter. "
    "Unemployment tripled to 30 percent, according to an anonymous source."
)


def page(title: str, sentences: str, *, canonical: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in sentences.split(". ") if s.strip())
    return (
        f"<html lang='en'><head><title>{title}</title>{link}"
        '<meta property="og:site_name" content="News Example">'
        '<meta property="article:published_time" content="2025-03-01T09:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


EVIL_PAGE = page("Exports collapse", EVIL_SENTENCES, canonical=VICTIM_URL)


@pytest.fixture
def team(db) -> dict[str, Any]:
    return make_team()


@pytest.fixture
def victim(team) -> Article:
    """An article from news.example whose claims carry verdicts (reviewed)."""
    outcome = pipeline.ingest_html(
        page("Exports rise", VICTIM_SENTENCES, canonical=VICTIM_URL), url=VICTIM_URL
    )
    article = outcome.articles[0].article
    claims = list(article.claims.all())
    assert claims, "the victim page must yield claims"
    api = token_client(team["alice"])
    for claim in claims:
        payload = {
            "verdict": "verified",
            "sources": [{"url": "https://stats.example/table", "title": "Trade table"}],
        }
        response = api.post(f"/api/v1/claims/{claim.pk}/verdicts/", payload, format="json")
        assert response.status_code == 201, response.content
    return article


@pytest.fixture
def web(monkeypatch) -> dict[str, tuple[bytes, str]]:
    """The pages a fetch finds, by URL (no network: the fetcher is replaced)."""
    pages: dict[str, tuple[bytes, str]] = {}

    def fake_fetch(url: str, **_: Any) -> FetchResult:
        data, content_type = pages[url]
        return FetchResult(url, url, 200, content_type, "utf-8", data)

    monkeypatch.setattr(pipeline, "fetch", fake_fetch)
    return pages


def snapshot(article: Article, team: dict[str, Any]) -> dict[str, Any]:
    """What a reader of the victim article sees: stored rows and the published export."""
    cache.clear()  # cached API pages would hide a change
    fresh = Article.objects.get(pk=article.pk)
    export = token_client(team["victor"]).get("/api/v1/export/claimreview.jsonld")
    assert export.status_code == 200
    return {
        "key": fresh.key,
        "title": fresh.title,
        "url": fresh.url,
        "canonical": fresh.canonical_url,
        "revisions": list(fresh.revisions.values_list("number", "body")),
        "claims": sorted(
            Claim.objects.filter(article=fresh).values_list("pk", "text", "status", "is_current")
        ),
        "events": ClaimEvent.objects.filter(claim__article=fresh).count(),
        "claimreview": b"".join(export.streaming_content) if export.streaming else export.content,
    }


def assert_hijack_refused(victim: Article, before: dict[str, Any], team: dict[str, Any]) -> None:
    assert snapshot(victim, team) == before
    attacker = Article.objects.exclude(pk=victim.pk).get()
    assert attacker.key == "url:" + EVIL_URL
    assert (attacker.url, attacker.canonical_url) == (EVIL_URL, "")
    assert attacker.title == "Exports collapse"
    revision = attacker.revisions.get()
    assert revision.named_canonical_url == VICTIM_URL
    assert "collapsed 90 percent" in revision.body


# The three ways in ---------------------------------------------------------------------------


def test_html_posted_through_the_api_cannot_take_over_another_sites_article(team, victim):
    before = snapshot(victim, team)
    response = token_client(team["bob"]).post(
        "/api/v1/articles/", {"html": EVIL_PAGE, "url": EVIL_URL}, format="json"
    )
    assert response.status_code == 201, response.content
    assert_hijack_refused(victim, before, team)


def test_a_url_fetched_through_the_ingest_form_cannot_take_over_another_sites_article(
    team, victim, web
):
    web[EVIL_URL] = (EVIL_PAGE.encode(), "text/html; charset=utf-8")
    before = snapshot(victim, team)
    client = Client()
    client.force_login(team["bob"])
    response = client.post(reverse("claims:ingest"), {"url": EVIL_URL})
    assert response.status_code == 200, response.content
    assert_hijack_refused(victim, before, team)


def test_a_feed_entry_cannot_take_over_another_sites_article(team, victim, web):
    web[FEED_URL] = (
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Evil</title>'
            f"<item><title>Exports collapse</title><link>{EVIL_URL}</link>"
            "<guid>evil-1</guid></item></channel></rss>"
        ).encode(),
        "application/rss+xml",
    )
    web[EVIL_URL] = (EVIL_PAGE.encode(), "text/html; charset=utf-8")
    before = snapshot(victim, team)
    feed = Feed.objects.create(url=FEED_URL)
    [entry] = pipeline.poll_feed(feed).new_entries
    assert pipeline.ingest_feed_entry(entry) is not None
    assert_hijack_refused(victim, before, team)
    assert FeedEntry.objects.get(pk=entry.pk).article_id != victim.pk


def test_pasted_html_with_no_address_of_its_own_vouches_for_no_canonical(team, victim):
    before = snapshot(victim, team)
    response = token_client(team["bob"]).post(
        "/api/v1/articles/", {"html": EVIL_PAGE}, format="json"
    )
    assert response.status_code == 201, response.content
    assert snapshot(victim, team) == before
    attacker = Article.objects.exclude(pk=victim.pk).get()
    assert not attacker.key.startswith("url:") and attacker.canonical_url == ""
    assert attacker.revisions.get().named_canonical_url == VICTIM_URL


# The same site's own canonical is still followed ----------------------------------------------


def test_a_page_on_the_same_registrable_domain_is_keyed_on_its_canonical(team, victim):
    mobile = "https://m.news.example/2025/budget?from=app"
    changed = VICTIM_SENTENCES.replace("largest since 2018", "largest since 2017")
    outcome = pipeline.ingest_html(page("Exports rise", changed, canonical=VICTIM_URL), url=mobile)
    assert outcome.articles[0].article.pk == victim.pk
    assert Article.objects.count() == 1
    latest = ArticleRevision.objects.filter(article=victim).order_by("-number").first()
    assert latest is not None and latest.number == 2 and latest.named_canonical_url == ""
    assert not latest.flagged


def test_an_outlets_known_domain_is_trusted_as_canonical(team, victim):
    Outlet.objects.create(
        name="Joong", domain="www.joongang.example", known_domains=["joins.example"]
    )
    parsed = ParsedArticle(
        title="t",
        body="b",
        language="en",
        url="https://www.joongang.example/article/1",
        canonical_url="https://news.joins.example/article/1",
    )
    assert page_address(parsed).canonical_url == "https://news.joins.example/article/1"
    parsed.url = EVIL_URL  # the outlet's other domain is no one else's to name
    assert page_address(parsed).canonical_url == ""


@pytest.mark.parametrize(
    ("canonical", "url", "trusted"),
    [
        ("https://www.news.example/a", "https://m.news.example/a", True),
        ("https://news.example/a", "http://news.example/b", True),
        ("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/a", True),
        ("https://news.example/a", "https://evil.example/post/1", False),
        ("https://news.example.evil.example/a", "https://evil.example/a", True),
        ("https://victim.github.io/a", "https://evil.github.io/a", False),
        ("https://other.co.uk/a", "https://evil.co.uk/a", False),
        ("https://10.0.0.2/a", "https://10.0.0.1/a", False),
        ("https://news.example/a", "", False),
        ("javascript:alert(1)", "https://news.example/a", False),
    ],
)
def test_a_canonical_url_is_trusted_only_on_the_pages_own_site(db, canonical, url, trusted):
    assert canonical_is_trusted(canonical, url) is trusted


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://news.example/a",
        "file:///etc/passwd",
        "JaVaScRiPt://news.example/%0Aalert(1)",
    ],
)
def test_a_non_http_canonical_value_is_dropped_not_stored(db, value):
    html = page("Exports rise", VICTIM_SENTENCES, canonical=value)
    outcome = pipeline.ingest_html(html, url=VICTIM_URL.replace("budget", "other"))
    article = outcome.articles[0].article
    assert article.canonical_url == ""
    assert article.revisions.get().named_canonical_url == ""
    assert article.key == "url:" + VICTIM_URL.replace("budget", "other")


def test_registrable_domains_come_from_the_public_suffix_list():
    assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_domain("https://m.yna.co.kr/x") == "yna.co.kr"
    assert registrable_domain("https://a.github.io/") == "a.github.io"
    assert registrable_domain("http://127.0.0.1:8000/") == "127.0.0.1"
    assert registrable_domain("javascript:alert(1)") == ""


# A rewrite that takes reviewed claims with it is flagged -------------------------------------


def test_a_revision_replacing_most_of_the_text_is_flagged_for_an_editor(team, victim):
    """The page's own site may change it; reviewed claims leaving with the text are flagged."""
    reviewed = set(victim.claims.values_list("pk", flat=True))
    outcome = pipeline.ingest_html(
        page("Exports collapse", EVIL_SENTENCES, canonical=VICTIM_URL), url=VICTIM_URL
    )
    assert outcome.articles[0].article.pk == victim.pk
    revision = ArticleRevision.objects.get(article=victim, number=2)
    assert revision.flagged and "reviewed claim" in revision.flag_reason
    events = ClaimEvent.objects.filter(claim__in=reviewed, action="flagged")
    assert set(events.values_list("claim", flat=True)) == reviewed
    assert all(e.detail == {"revision": 2} for e in events)

    client = Client()
    client.force_login(team["victor"])
    body = client.get(reverse("claims:article", args=[victim.pk])).content.decode()
    assert 'data-flagged-revision="2"' in body and "Flagged for an editor" in body


def test_a_small_correction_is_not_flagged(team, victim):
    changed = VICTIM_SENTENCES.replace("largest since 2018", "largest since 2017")
    pipeline.ingest_html(page("Exports rise", changed, canonical=VICTIM_URL), url=VICTIM_URL)
    revision = ArticleRevision.objects.get(article=victim, number=2)
    assert not revision.flagged
    assert not ClaimEvent.objects.filter(action="flagged").exists()


def test_the_admin_shows_the_flag_and_an_editor_clears_it(team, victim, admin_client):
    pipeline.ingest_html(
        page("Exports collapse", EVIL_SENTENCES, canonical=VICTIM_URL), url=VICTIM_URL
    )
    listing = admin_client.get(reverse("admin:articles_article_changelist") + "?flagged=yes")
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [victim]
    revision = ArticleRevision.objects.get(article=victim, number=2)
    shown = admin_client.get(reverse("admin:articles_articlerevision_change", args=[revision.pk]))
    assert "reviewed claim" in shown.content.decode()

    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "clear_flag", "_selected_action": [victim.pk]},
    )
    assert response.status_code == 302
    assert not ArticleRevision.objects.get(pk=revision.pk).flagged


def test_a_page_whose_own_canonical_moved_stays_one_article(team):
    """The same address fetched again after its site changed the canonical URL (a new slug)
    is the same article with a new revision, not a second article meeting the outlet-and-URL
    unique rule (that was a 500)."""
    first = pipeline.ingest_html(
        page("Exports rise", VICTIM_SENTENCES, canonical=VICTIM_URL), url=VICTIM_URL
    )
    moved = VICTIM_URL + "-exports-rise"
    edited = VICTIM_SENTENCES.replace("12 percent", "13 percent")
    second = pipeline.ingest_html(page("Exports rise", edited, canonical=moved), url=VICTIM_URL)
    assert second.articles[0].article.pk == first.articles[0].article.pk
    stored = Article.objects.get()
    assert stored.canonical_url == moved
    assert stored.key.endswith("news.example/2025/budget-exports-rise")
    assert list(stored.revisions.values_list("number", flat=True).order_by("number")) == [1, 2]
    again = pipeline.ingest_html(page("Exports rise", edited, canonical=moved), url=VICTIM_URL)
    assert again.articles[0].article.pk == stored.pk
    assert ArticleRevision.objects.filter(article=stored).count() == 2


def published_reviews(team: dict[str, Any]) -> list[str]:
    import json

    export = token_client(team["victor"]).get("/api/v1/export/claimreview.jsonld")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    return [review["claimReviewed"] for review in json.loads(body)["@graph"]]


def test_a_flagged_rewrite_publishes_no_review_until_an_editor_clears_it(
    team, victim, admin_client
):
    """A verdict on a sentence kept through a rewrite that took most of the reviewed text is
    not published as ClaimReview beside the new text until an editor has looked."""
    kept = "The trade surplus reached $800 million, the largest since 2018"
    assert any(kept in text for text in published_reviews(team))
    pipeline.ingest_html(
        page("Exports collapse", f"{EVIL_SENTENCES}. {kept}.", canonical=VICTIM_URL),
        url=VICTIM_URL,
    )
    revision = ArticleRevision.objects.get(article=victim, number=2)
    assert revision.flagged
    standing = Claim.objects.current().filter(article=victim, text__contains="$800 million")
    assert standing.filter(status="verified").exists()
    assert published_reviews(team) == []
    admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "clear_flag", "_selected_action": [victim.pk]},
    )
    assert any(kept in text for text in published_reviews(team))


def test_a_page_naming_another_sites_outlet_gets_an_outlet_of_its_own(team, victim):
    """og:site_name is the page's word: evil.example calling itself "News Example" is not
    filed under News Example; the real site's other hosts are."""
    evil = pipeline.ingest_html(page("Exports collapse", EVIL_SENTENCES), url=EVIL_URL)
    outlet = Article.objects.get(pk=evil.articles[0].article.pk).outlet
    assert outlet is not None
    assert outlet.name == "News Example (evil.example)"
    assert Outlet.objects.get(name="News Example").pk == victim.outlet_id != outlet.pk
    mobile = pipeline.ingest_html(
        page("Imports", EVIL_SENTENCES.replace("ministry", "agency")),
        url="https://m.news.example/2025/imports",
    )
    assert Article.objects.get(pk=mobile.articles[0].article.pk).outlet_id == victim.outlet_id
