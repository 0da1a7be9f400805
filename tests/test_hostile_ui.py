"""Hostile input at the review interface's forms and queue: a 4xx page or a right result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Article, ArticleRevision
from claims.models import Verdict
from tests.factories import row_counts as counts

SENTENCE = "The city spent 35 million dollars on roads in 2024, the mayor said."
INJECTIONS = [
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "<script>alert(1)</script>",
    "'; DROP TABLE claims_claim; --",
]
HUGE = "1" + "0" * 500


@pytest.fixture
def alice(team) -> Client:
    """A browser session signed in as alice (reviewer)."""
    client = Client()
    client.force_login(team["alice"])
    return client


def assert_no_secret(response) -> None:
    assert b"claimdesk-test-secret" not in response.content


# Ingest form ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"text": f"a\x00b {SENTENCE}"},
        {"text": SENTENCE, "title": "t\x00"},
        {"url": "https://news.example/\x00"},
        {"url": "http://[::1"},
        {"url": "javascript:alert(1)"},
        {"url": "https://" + "a" * 3000},
        {"text": "   \n\t  "},
        {"text": "\u202e\u200b\ufeff"},
    ],
    ids=[
        "nul text",
        "nul title",
        "nul url",
        "bad ipv6",
        "javascript",
        "long url",
        "blank",
        "invisible",
    ],
)
def test_hostile_ingest_form_input_is_a_422_page_and_stores_nothing(alice, fields):
    response = alice.post("/ingest/", fields)
    assert response.status_code == 422
    assert counts() == (0, 0, 0, 0, 0)


def test_pasted_text_over_the_body_limit_is_refused_naming_the_limit(alice, settings):
    settings.CLAIMDESK_MAX_BODY_CHARS = 1000
    response = alice.post("/ingest/", {"text": SENTENCE * 20})
    assert response.status_code == 422
    assert "1,000" in response.content.decode()
    assert counts() == (0, 0, 0, 0, 0)


def test_an_uploaded_page_over_the_body_limit_is_refused_naming_the_limit(alice, settings):
    settings.CLAIMDESK_MAX_BODY_CHARS = 1000
    html = "<html><head><title>Long</title></head><body><article>"
    html += "".join(f"<p>{SENTENCE} Paragraph {i}.</p>" for i in range(40)) + "</article></body>"
    upload = SimpleUploadedFile("long.html", html.encode(), content_type="text/html")
    response = alice.post("/ingest/", {"file": upload})
    assert response.status_code == 422
    assert "1,000" in response.content.decode()
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("injection", INJECTIONS)
def test_injection_in_pasted_text_and_title_is_shown_escaped(alice, injection):
    response = alice.post("/ingest/", {"text": f"{injection} {SENTENCE}", "title": injection})
    assert response.status_code == 200, response.content[:300]
    assert_no_secret(response)
    assert b"<script>alert(1)</script>" not in response.content
    article = Article.objects.get()
    assert article.title == injection
    page = alice.get(f"/articles/{article.pk}/")
    assert page.status_code == 200
    assert_no_secret(page)
    assert b"<script>alert(1)</script>" not in page.content


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("surrogate.txt", b"Bad \xed\xa0\x80 bytes. " + SENTENCE.encode()),
        ("nul.txt", b"NUL \x00 byte. " + SENTENCE.encode()),
        ("latin.txt", b"\xff\xfe\xfd" * 50 + SENTENCE.encode()),
        ("nested.html", b"<html><body>" + b"<div>" * 100_000 + SENTENCE.encode() + b"</body>"),
        ("bidi.html", f"<title>\u202eevil</title><p>{SENTENCE}</p>".encode()),
    ],
)
def test_hostile_uploads_are_stored_clean_or_refused_with_a_message(alice, name, data):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    response = alice.post("/ingest/", {"file": upload})
    assert response.status_code in (200, 422), response.content[:300]
    if response.status_code == 422:
        assert counts() == (0, 0, 0, 0, 0)
        assert name.encode() in response.content
        return
    revision = ArticleRevision.objects.get()
    assert "\x00" not in revision.body and "\u202e" not in revision.title
    assert "35 million" in revision.body


# Review forms ----------------------------------------------------------------------------


def verdict_form(**fields):
    data = {
        "verdict": "verified",
        "note": "checked",
        "source-TOTAL_FORMS": "1",
        "source-INITIAL_FORMS": "0",
        "source-0-url": "https://stats.example/t",
        "source-0-stance": "supports",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    "fields",
    [
        {"note": "a\x00b"},
        {"source-0-url": "https://a.example/\x00"},
        {"source-0-url": "http://[::1"},
        {"source-0-url": "javascript:alert(1)"},
        {"source-0-title": "t\x00"},
        {"verdict": "{{ settings.SECRET_KEY }}"},
        {"source-TOTAL_FORMS": HUGE},
        {"source-TOTAL_FORMS": "-1"},
        {"source-TOTAL_FORMS": "garbage"},
    ],
    ids=[
        "nul note",
        "nul url",
        "bad ipv6",
        "javascript",
        "nul title",
        "template verdict",
        "huge total",
        "negative total",
        "garbage total",
    ],
)
def test_hostile_verdict_forms_are_422_and_write_nothing(alice, claim, fields):
    before = counts()
    response = alice.post(f"/claims/{claim.pk}/verdict/", verdict_form(**fields))
    assert response.status_code in (400, 422), response.content[:300]
    assert_no_secret(response)
    assert counts() == before


@pytest.mark.parametrize("injection", INJECTIONS)
def test_injection_in_a_verdict_note_is_stored_verbatim_and_shown_escaped(alice, claim, injection):
    response = alice.post(
        f"/claims/{claim.pk}/verdict/",
        verdict_form(note=injection, **{"source-0-title": injection}),
    )
    assert response.status_code == 302, response.content[:300]
    assert Verdict.objects.get().note == injection
    panel = alice.get(f"/claims/{claim.pk}/")
    assert_no_secret(panel)
    assert b"<script>alert(1)</script>" not in panel.content


@pytest.mark.parametrize("reason", ["a\x00b", "x" * 501, ""])
def test_hostile_dismiss_reasons_are_422(alice, claim, reason):
    response = alice.post(f"/claims/{claim.pk}/dismiss/", {"reason": reason})
    assert response.status_code == 422
    claim.refresh_from_db()
    assert claim.status != "dismissed"


@pytest.mark.parametrize(
    "fields",
    [
        {"start": HUGE, "end": HUGE + "1"},
        {"start": "0", "end": HUGE},
        {"start": str(2**63), "end": str(2**63 + 5)},
        {"start": "-5", "end": "3"},
        {"start": "5", "end": "2"},
        {"start": "1e3", "end": "2e3"},
        {"start": "NaN", "end": "inf"},
    ],
)
def test_hostile_span_adjustments_are_422(alice, claim, fields):
    before = (claim.start, claim.end)
    response = alice.post(f"/claims/{claim.pk}/span/", fields)
    assert response.status_code == 422, response.content[:300]
    claim.refresh_from_db()
    assert (claim.start, claim.end) == before


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "a\x00b", "kind": "factual"},
        {"text": "{{ settings.SECRET_KEY }}", "kind": "factual"},
        {"text": "Not in the article at all.", "kind": "factual"},
        {"start": HUGE, "end": HUGE + "1", "kind": "factual"},
        {"start": str(2**63), "end": str(2**63 + 1), "kind": "factual"},
        {"start": "0", "end": "5", "kind": "'; DROP TABLE claims_claim; --"},
    ],
)
def test_hostile_add_claim_requests_are_422_and_add_nothing(alice, claim, fields):
    before = counts()
    response = alice.post(f"/articles/{claim.article_id}/claims/add/", fields)
    assert response.status_code == 422, response.content[:300]
    assert_no_secret(response)
    assert counts() == before


# Queue search and filters -----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=%ED%A0%80",
        "q=%E2%80%AE",
        "q=%7B%7B+settings.SECRET_KEY+%7D%7D",
        "q=%25%27+OR+%271%27%3D%271",
        f"q={'x' * 10_000}",
        f"outlet={HUGE}",
        f"reviewer={HUGE}",
        "since=99999-01-01",
        "until=0000-00-00",
        f"after=1:{HUGE}",
        "after=nan:1",
        "after=inf:1",
        "after=-inf:-1",
        f"after={HUGE}:1",
        "after=%00:%00",
        "status=%00&kind=%00&language=%00",
        "&".join(f"p{i}=x" for i in range(2000)),
    ],
)
def test_hostile_queue_queries_give_a_page_never_a_500(alice, claim, query):
    response = alice.get(f"/?{query}")
    assert response.status_code in (200, 400), response.content[:300]
    assert_no_secret(response)


def test_a_template_injection_search_is_echoed_escaped_in_the_search_box(alice, claim):
    response = alice.get("/", {"q": "{{ settings.SECRET_KEY }}<b>"})
    assert response.status_code == 200
    assert_no_secret(response)
    assert b"{{ settings.SECRET_KEY }}&lt;b&gt;" in response.content
