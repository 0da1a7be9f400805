"""No input from the web reaches the file reader, at any entry that takes an address, and a
hostile source URL on a verdict is a field error, never a 500 (issue 17, item 3).

``read_source_file()`` is for the command line only. Every entry below that takes a URL
(the API's article and verdict endpoints, the ingest form, the verdict form, the admin's
feed form, and the links a polled feed carries) is tried with addresses that once slipped
through (``urlsplit`` drops tabs and leading control characters), ``file:`` URLs and plain
file paths, with the file reader replaced by one that fails the test when called.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.context import Context
from django.test import Client
from django.urls import reverse

from articles import services as article_services
from articles.fetch import FetchError, FetchResult
from articles.models import Article, Feed, FeedEntry, IngestJob
from claims import pipeline
from claims.models import Claim, Source, Verdict
from tests.factories import make_article, make_claims, make_team, token_client

HOSTILE = {
    "tab": "ht\ttp://x/../../etc/passwd",
    "leading control": "\u0001http://news.example/a",
    "newline": "h\nttp://news.example/a",
    "carriage return": "http://news.example/a\rb",
    "zero-width space": "https://news.example/\u200ba",
    "file url": "file:///etc/passwd",
    "file url, host": "file://localhost/etc/passwd",
    "absolute path": "/etc/passwd",
    "relative path": "../../etc/passwd",
    "bare relative path": "etc/passwd",
    "dot path": "./page.html",
    "home path": "~/page.html",
    "windows path": "C:\\Windows\\win.ini",
    "unc path": "\\\\server\\share\\page.html",
}
CASES = list(HOSTILE.values())
IDS = list(HOSTILE)
SENTENCE = "The ministry said exports rose 12 percent in 2024 to $3.5 billion."


@pytest.fixture
def team(db) -> dict[str, Any]:
    return make_team()


@pytest.fixture(autouse=True)
def file_reader_forbidden(monkeypatch) -> Iterator[list[str]]:
    """read_source_file fails the test (and records the path) wherever it is called from."""
    calls: list[str] = []

    def forbidden(path: str, *, max_bytes: int) -> bytes:
        calls.append(path)
        raise AssertionError(f"read_source_file reached with {path!r}")

    monkeypatch.setattr(article_services, "read_source_file", forbidden)
    monkeypatch.setattr(pipeline, "read_source_file", forbidden)
    yield calls
    assert calls == [], "a web input reached the file reader"


@pytest.fixture(params=["inline", "queued"])
def mode(request, settings, monkeypatch) -> list[int]:
    """Both ways a URL is handled: ingested at once, or queued for a worker."""
    handed: list[int] = []
    if request.param == "queued":
        settings.CELERY_TASK_ALWAYS_EAGER = False
        monkeypatch.setattr(pipeline.ingest_job_task, "delay", handed.append)
    return handed


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def nothing_stored() -> bool:
    return not (
        Article.objects.exists()
        or IngestJob.objects.exists()
        or Verdict.objects.exists()
        or Source.objects.exists()
    )


# Article entries -------------------------------------------------------------------------


@pytest.mark.parametrize("url", CASES, ids=IDS)
def test_api_article_url_refused_on_the_url_field(team, mode, url):
    cache.clear()
    response = token_client(team["alice"]).post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["url"]
    assert nothing_stored() and mode == []


@pytest.mark.parametrize("url", CASES, ids=IDS)
def test_api_html_with_a_hostile_address_refused_on_the_url_field(team, mode, url):
    cache.clear()
    payload = {"html": f"<html><body><p>{SENTENCE}</p></body></html>", "url": url}
    response = token_client(team["alice"]).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["url"]
    assert nothing_stored() and mode == []


@pytest.mark.parametrize("url", CASES, ids=IDS)
def test_ingest_form_url_refused_on_the_url_field(team, mode, url):
    response = signed_in(team["alice"]).post(reverse("claims:ingest"), {"url": url})
    assert response.status_code == 422
    assert response.context["form"].errors["url"]
    assert nothing_stored() and mode == []


@pytest.mark.parametrize("name", CASES[5:], ids=IDS[5:])
def test_an_uploaded_file_named_like_a_path_is_read_from_the_upload_only(team, name):
    upload = SimpleUploadedFile(name, f"Trade\n\n{SENTENCE} More.".encode(), "text/plain")
    response = signed_in(team["alice"]).post(reverse("claims:ingest"), {"file": upload})
    assert response.status_code in (200, 422)
    for article in Article.objects.all():
        assert SENTENCE in article.revisions.get().body  # the upload's text, no file's


# Verdict sources ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", CASES, ids=IDS)
def test_api_verdict_source_url_is_a_400_naming_the_field(team, url):
    claim = make_claims(make_article())[0]
    payload = {"verdict": "verified", "sources": [{"url": url, "title": "Table"}]}
    response = token_client(team["alice"]).post(
        f"/api/v1/claims/{claim.pk}/verdicts/", payload, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["sources"]["0"]["url"], response.json()
    assert not Verdict.objects.exists() and not Source.objects.exists()
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"


@pytest.mark.parametrize("url", CASES, ids=IDS)
def test_ui_verdict_source_url_is_a_form_error_on_the_field(team, url):
    claim = make_claims(make_article())[0]
    response = signed_in(team["alice"]).post(
        reverse("claims:verdict", args=[claim.pk]),
        {
            "verdict": "verified",
            "source-TOTAL_FORMS": "1",
            "source-INITIAL_FORMS": "0",
            "source-0-url": url,
            "source-0-stance": "supports",
        },
    )
    assert response.status_code == 422
    # The panel's context (the page renders templates of its own with an "errors" first).
    contexts = cast(list[Context], response.context)
    panel = next(c for c in contexts if "sources" in c)
    [row] = panel["sources"].forms
    # On the field; a scheme other than http(s) is named by the verdict's check, by row.
    assert row.errors.get("url") or panel["errors"] == [
        "Source URLs must start with http:// or https:// (source 1)."
    ]
    assert not Verdict.objects.exists() and not Source.objects.exists()
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"


# Feeds ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", CASES, ids=IDS)
def test_admin_feed_form_refuses_a_hostile_address(db, admin_client, url):
    response = admin_client.post(
        reverse("admin:articles_feed_add"), {"url": url, "title": "", "active": "on"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert not Feed.objects.exists()


def test_links_in_a_polled_feed_never_reach_the_file_reader(db, monkeypatch):
    feed_url = "https://feeds.example/rss"
    items = "".join(
        f"<item><title>t{i}</title><link>{link}</link><guid>g{i}</guid></item>"
        for i, link in enumerate(CASES)
        if "\n" not in link and "\r" not in link  # one XML line each
    )
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    )
    fetched: list[str] = []

    def fake_fetch(url: str, **_: Any) -> FetchResult:
        """The feed; any other address (a relative link resolved on the feed's site) is
        a page that is not there."""
        fetched.append(url)
        if url != feed_url:
            raise FetchError(url, "the server answered 404 (not found)", status=404)
        return FetchResult(url, url, 200, "application/rss+xml", "utf-8", rss.encode())

    monkeypatch.setattr(pipeline, "fetch", fake_fetch)
    feed = Feed.objects.create(url=feed_url)
    entries = pipeline.poll_feed(feed).new_entries
    for entry in entries:
        assert pipeline.ingest_feed_entry(entry) is None
    assert entries and fetched[0] == feed_url
    assert all(url.startswith("https://feeds.example/") for url in fetched), fetched
    assert not Article.objects.exists()
    assert all(FeedEntry.objects.get(pk=e.pk).error for e in entries)
