"""Hostile input at the REST API: a clear 4xx or a right result, no 500, nothing half-written.

Runs on SQLite and on PostgreSQL (DATABASE_URL), which refuses NUL in text.
The fetcher's own defences (gzip and deflate bombs, size limits, SSRF) are in test_fetch.py;
hostile text inside the extractor is in test_extraction_hostile_text.py.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from articles.models import ArticleRevision
from claims.models import Claim
from tests.factories import make_article, make_claims
from tests.factories import row_counts as counts
from tests.factories import token_client as client_for

SENTENCE = "The city spent 35 million dollars on roads in 2024, the mayor said."
TEMPLATE_INJECTIONS = ["{{ settings.SECRET_KEY }}", "{% debug %}", "{{ request.user.password }}"]
SQL_INJECTIONS = ["'; DROP TABLE claims_claim; --", "1' OR '1'='1", '" OR 1=1 --']
HOSTILE_TEXTS = {
    "bidi override": f"\u202e{SENTENCE}\u202c The budget grew by 12 percent.",
    "control chars": f"\x01\x02\x1b[31m{SENTENCE}\x07 The budget grew by 12 percent.",
    "zero width and bom": f"\ufeff\u200b{SENTENCE} The budget grew by 12 percent.",
    "huge number": f"The debt reached {'1' + '0' * 500} won. {SENTENCE}",
    "korean huge unit": f"정부는 9999조 원을 투입했다고 밝혔다. {SENTENCE}",
    "sql injection": f"{SQL_INJECTIONS[0]} {SENTENCE} {SQL_INJECTIONS[1]}",
    "template injection": f"{TEMPLATE_INJECTIONS[0]} {SENTENCE} {TEMPLATE_INJECTIONS[1]}",
    "html in text": f"<script>alert(1)</script> {SENTENCE} <img src=x onerror=alert(2)>",
}


def post_raw(api: APIClient, path: str, body: bytes, content_type="application/json"):
    return api.generic("POST", path, body, content_type=content_type)  # type: ignore[arg-type]


def assert_clear_error(response, status=400) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body, "an error names what went wrong"
    return body


def assert_offsets_hold(article: dict) -> None:
    for claim in article["claims"]:
        assert article["body"][claim["start"] : claim["end"]] == claim["text"]


# Articles: POST text ----------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_hostile_text_is_stored_clean_with_offsets_that_hold(team, text):
    response = client_for(team["alice"]).post("/api/v1/articles/", {"text": text}, format="json")
    assert response.status_code == 201, response.content[:500]
    [article] = response.json()["articles"]
    stored = ArticleRevision.objects.get(article_id=article["id"]).body
    assert stored == article["body"]
    for invisible in ("\u202e", "\u202c", "\x01", "\x1b", "\x07", "\ufeff", "\u200b"):
        assert invisible not in stored
    assert "35 million" in stored
    assert article["claims"], "the sentence about the roads budget is a claim"
    assert_offsets_hold(article)


@pytest.mark.parametrize("injection", TEMPLATE_INJECTIONS + SQL_INJECTIONS)
def test_injection_strings_come_back_verbatim_in_body_and_title(team, injection):
    api = client_for(team["alice"])
    response = api.post(
        "/api/v1/articles/",
        {"text": f"{injection} {SENTENCE}", "title": injection},
        format="json",
    )
    assert response.status_code == 201, response.content[:500]
    [article] = response.json()["articles"]
    assert article["title"] == injection
    assert article["body"].startswith(injection)
    stored = api.get(f"/api/v1/articles/{article['id']}/").json()
    assert stored["title"] == injection
    assert "claimdesk-test-secret" not in json.dumps(stored)


def test_bidi_and_control_characters_are_dropped_from_the_title(team):
    response = client_for(team["alice"]).post(
        "/api/v1/articles/",
        {"text": SENTENCE, "title": "\u202eevil\u202c title\x07"},
        format="json",
    )
    assert response.status_code == 201, response.content[:500]
    [article] = response.json()["articles"]
    assert article["title"] == "evil title"
    assert ArticleRevision.objects.get(article_id=article["id"]).title == "evil title"


@pytest.mark.parametrize("field", ["text", "title", "html", "url"])
def test_nul_in_any_field_is_400_naming_the_field_and_stores_nothing(team, field):
    payload = {"text": SENTENCE, field: f"bad\x00value {SENTENCE}"}
    if field in ("html", "url"):
        payload.pop("text")
    if field == "url":
        payload["url"] = "https://news.example/a\x00b"
    before = counts()
    response = client_for(team["alice"]).post("/api/v1/articles/", payload, format="json")
    body = assert_clear_error(response)
    assert field in body
    assert counts() == before


@pytest.mark.parametrize("field", ["text", "title", "html"])
def test_lone_surrogate_escape_in_json_is_400_and_stores_nothing(team, field):
    payload = {field: f"bad \\ud800 value {SENTENCE}"}
    if field == "title":
        payload["text"] = SENTENCE
    raw = json.dumps(payload).replace("\\\\ud800", "\\ud800").encode()
    assert b"\\ud800 value" in raw
    before = counts()
    response = post_raw(client_for(team["alice"]), "/api/v1/articles/", raw)
    body = assert_clear_error(response)
    assert field in body
    assert counts() == before


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"text": "unterminated', "application/json"),
        (b"{'text': 'single quotes'}", "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b'"just a string"', "application/json"),
        (b"null", "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
        (b'{"text": NaN}', "application/json"),
        (b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "application/json"),
        (b"text=hello", "text/plain"),
        (b"<text>hello</text>", "application/xml"),
        (b"%PDF-1.4", "application/pdf"),
    ],
    ids=[
        "truncated",
        "single-quoted",
        "array",
        "string",
        "null",
        "binary",
        "nan",
        "deeply nested",
        "text/plain",
        "xml",
        "pdf",
    ],
)
def test_malformed_bodies_and_wrong_content_types_are_4xx_json(team, body, content_type):
    before = counts()
    response = post_raw(client_for(team["alice"]), "/api/v1/articles/", body, content_type)
    assert 400 <= response.status_code < 500, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json() or "non_field_errors" in response.json()
    assert counts() == before


@pytest.mark.parametrize("value", [123, 1e308, True, ["a"], {"a": 1}, None])
def test_a_text_that_is_not_a_string_is_400(team, value):
    response = client_for(team["alice"]).post("/api/v1/articles/", {"text": value}, format="json")
    assert response.status_code == 400, response.content[:500]
    assert counts() == (0, 0, 0, 0, 0)


def test_a_json_body_over_the_upload_limit_is_413_json_and_stores_nothing(team, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    raw = json.dumps({"text": SENTENCE * 3000}).encode()
    assert len(raw) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = post_raw(client_for(team["alice"]), "/api/v1/articles/", raw)
    body = assert_clear_error(response, 413)
    assert "100,000" in body["detail"]
    assert counts() == (0, 0, 0, 0, 0)


def test_text_over_the_body_character_limit_is_400_naming_the_limit(team, settings):
    settings.CLAIMDESK_MAX_BODY_CHARS = 1000
    response = client_for(team["alice"]).post(
        "/api/v1/articles/", {"text": SENTENCE * 20}, format="json"
    )
    body = assert_clear_error(response)
    assert "1,000" in json.dumps(body)
    assert counts() == (0, 0, 0, 0, 0)


def test_html_whose_article_text_is_over_the_limit_is_400_naming_the_limit(team, settings):
    settings.CLAIMDESK_MAX_BODY_CHARS = 1000
    html = "<html><head><title>Long</title></head><body><article>"
    html += "".join(f"<p>{SENTENCE} Paragraph {i}.</p>" for i in range(40))
    html += "</article></body></html>"
    response = client_for(team["alice"]).post("/api/v1/articles/", {"html": html}, format="json")
    body = assert_clear_error(response)
    assert "1,000" in body["reason"]
    assert counts() == (0, 0, 0, 0, 0)


def test_text_at_the_limit_is_accepted(team, settings):
    settings.CLAIMDESK_MAX_BODY_CHARS = len(SENTENCE)
    response = client_for(team["alice"]).post(
        "/api/v1/articles/", {"text": SENTENCE}, format="json"
    )
    assert response.status_code == 201, response.content[:500]
    assert ArticleRevision.objects.get().body == SENTENCE


def test_deeply_nested_html_is_a_clear_answer_not_a_crash(team):
    html = (
        "<html><head><title>Nested</title></head><body>"
        + "<div>" * 100_000
        + f"<p>{SENTENCE}</p>"
        + "</div>" * 100_000
        + "</body></html>"
    )
    before = counts()
    response = client_for(team["alice"]).post("/api/v1/articles/", {"html": html}, format="json")
    assert response.status_code in (201, 400), response.content[:500]
    if response.status_code == 400:
        assert response.json()["reason"]
        assert counts() == before
    else:
        [article] = response.json()["articles"]
        assert_offsets_hold(article)


@pytest.mark.parametrize("injection", TEMPLATE_INJECTIONS)
def test_template_injection_in_html_title_is_stored_verbatim(team, injection):
    html = (
        f"<html><head><title>{injection}</title></head>"
        f"<body><article><h1>{injection}</h1><p>{SENTENCE} {injection}</p>"
        f"<p>{SENTENCE}</p></article></body></html>"
    )
    response = client_for(team["alice"]).post("/api/v1/articles/", {"html": html}, format="json")
    assert response.status_code == 201, response.content[:500]
    [article] = response.json()["articles"]
    assert injection in article["title"] or injection in article["body"]
    assert "claimdesk-test-secret" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "https://" + "a" * 5000 + ".example/",
        "http://[::1",
        "https://news.example/%00",
        "https://news.example:99999999/",
        "https://\u202eelpmaxe.news/",
        "http://exa mple.com/",
    ],
    ids=["too long", "bad ipv6", "percent nul", "huge port", "bidi host", "space"],
)
def test_hostile_urls_are_400_naming_the_problem(team, url):
    response = client_for(team["alice"]).post("/api/v1/articles/", {"url": url}, format="json")
    body = assert_clear_error(response)
    assert body.get("url") or body.get("reason")
    assert counts() == (0, 0, 0, 0, 0)


# Hypothesis: random text in, 201/200/400 out, offsets hold -------------------------------


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
        max_size=300,
    )
    | st.lists(
        st.sampled_from(
            [
                SENTENCE,
                "정부는 35개국에 친서를 보냈다.",
                "\x00",
                "\u202e",
                "9999조",
                "{{ x }}",
                "\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_fuzzed_ingest_answers_201_200_or_400_and_offsets_hold(team, text):
    cache.clear()
    api = client_for(team["alice"])
    response = api.post("/api/v1/articles/", {"text": text}, format="json")
    assert response.status_code in (200, 201, 400), response.content[:500]
    if response.status_code == 400:
        assert response.json()
        return
    assert response.json()["articles"]
    for article in response.json()["articles"]:
        assert "\x00" not in article["body"]
        assert_offsets_hold(article)


# Verdicts -------------------------------------------------------------------------------


def verdict_payload(**fields):
    source = {"url": "https://stats.example/table", "title": "Table"}
    source.update(fields.pop("source", {}))
    return {"verdict": "verified", "note": "checked", "sources": [source], **fields}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (verdict_payload(note="a\x00b"), "note"),
        (verdict_payload(source={"title": "t\x00"}), "sources"),
        (verdict_payload(source={"excerpt": "x\x00y"}), "sources"),
        (verdict_payload(source={"url": "https://a.example/\x00"}), "sources"),
        (verdict_payload(source={"url": "javascript:alert(1)"}), "sources"),
        (verdict_payload(source={"url": "JaVaScRiPt:alert(1)//https://x"}), "sources"),
        (verdict_payload(source={"url": "data:text/html,<script>alert(1)</script>"}), "sources"),
        (verdict_payload(source={"accessed_at": "9" * 500}), "sources"),
        (verdict_payload(source={"accessed_at": "99999-01-01T00:00:00Z"}), "sources"),
        (verdict_payload(source={"stance": "{{ settings.SECRET_KEY }}"}), "sources"),
        (verdict_payload(verdict="'; DROP TABLE claims_verdict; --"), "verdict"),
        (verdict_payload(settles="1" + "0" * 500), "settles"),
        (verdict_payload(note="n" * 10_001), "note"),
        (verdict_payload(sources="not a list"), "sources"),
        (verdict_payload(sources=[{"url": "https://a.example"}] * 10_000), None),
    ],
    ids=[
        "nul note",
        "nul title",
        "nul excerpt",
        "nul url",
        "javascript url",
        "mixed-case javascript",
        "data url",
        "huge date",
        "year 99999",
        "template stance",
        "sql verdict",
        "huge bool",
        "long note",
        "sources string",
        "ten thousand sources",
    ],
)
def test_hostile_verdicts_are_400_and_write_nothing(team, claim, payload, field):
    before = counts()
    response = client_for(team["alice"]).post(
        f"/api/v1/claims/{claim.pk}/verdicts/", payload, format="json"
    )
    body = assert_clear_error(response)
    if field:
        assert field in body
    assert counts() == before
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_lone_surrogate_in_a_verdict_note_is_400(team, claim):
    raw = b'{"verdict": "unverifiable", "note": "bad \\ud800 note"}'
    before = counts()
    response = post_raw(client_for(team["alice"]), f"/api/v1/claims/{claim.pk}/verdicts/", raw)
    assert "note" in assert_clear_error(response)
    assert counts() == before


@pytest.mark.parametrize("injection", TEMPLATE_INJECTIONS + SQL_INJECTIONS + ["\u202eevil"])
def test_injection_strings_in_a_verdict_are_stored_verbatim(team, claim, injection):
    api = client_for(team["alice"])
    payload = verdict_payload(note=injection, source={"title": injection, "excerpt": injection})
    response = api.post(f"/api/v1/claims/{claim.pk}/verdicts/", payload, format="json")
    assert response.status_code == 201, response.content[:500]
    assert response.json()["note"] == injection
    detail = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert detail["verdicts"][0]["note"] == injection
    assert detail["verdicts"][0]["sources"][0]["title"] == injection


@pytest.mark.parametrize("pk", ["1" + "0" * 30, "-1", "abc"])
def test_verdict_on_an_absurd_claim_id_is_404_json(team, pk):
    response = client_for(team["alice"]).post(
        f"/api/v1/claims/{pk}/verdicts/", verdict_payload(), format="json"
    )
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


# List filters and cursors -----------------------------------------------------------------


HOSTILE_QUERIES = [
    "\x00",
    "a\x00b",
    "%00",
    "\ud800",
    "\u202e",
    "' OR 1=1 --",
    "%' OR '1'='1",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "1" + "0" * 500,
    "9999조",
    "x" * 10_000,
]


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/export/claims.jsonl"]
)
@pytest.mark.parametrize(
    "param",
    ["q", "status", "kind", "article", "outlet", "language", "updated_since", "reviewed_since"],
)
@pytest.mark.parametrize("value", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_filter_values_are_a_result_or_a_400_never_a_500(team, claim, path, param, value):
    query = f"{param}={quote(value, errors='surrogatepass')}"
    response = client_for(team["alice"]).get(f"{path}?{query}")
    assert response.status_code in (200, 400), response.content[:500]
    if response.status_code == 400:
        assert response["Content-Type"].startswith("application/json")
        assert response.json()
    if response.status_code == 200 and not response.streaming:
        assert "claimdesk-test-secret" not in response.content.decode()


@pytest.mark.parametrize("q", TEMPLATE_INJECTIONS + SQL_INJECTIONS)
def test_injection_search_matches_literally(team, q):
    article = make_article(sentences=[f"He wrote {q} in the report.", SENTENCE])
    make_claims(article)
    response = client_for(team["alice"]).get("/api/v1/claims/", {"q": q})
    assert response.status_code == 200
    assert [c["text"] for c in response.json()["results"]] == [f"He wrote {q} in the report."]
    assert Claim.objects.count() == 2


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "\x00",
        "%00",
        "cD0xMjM=",  # p=123
        "cD0nIE9SIDE9MQ==",  # p=' OR 1=1
        "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5",  # p=9999...
        "bz05OTk5OTk5OTk5OTk5OTk5OTk5OTk5",  # o=99999...
        "cj0xJnA9LTE=",  # r=1&p=-1
        "A" * 20_000,
        "////",
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/"])
def test_garbage_cursors_are_404_json_or_a_page(team, claim, cursor, path):
    response = client_for(team["alice"]).get(path, {"cursor": cursor})
    assert response.status_code in (200, 404), response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    if response.status_code == 404:
        assert "cursor" in response.json()["detail"].lower()


@pytest.mark.parametrize("size", ["0", "-1", "1" + "0" * 500, "abc", "\x00", "1e9"])
def test_odd_page_sizes_give_a_page(team, claim, size):
    response = client_for(team["alice"]).get("/api/v1/claims/", {"page_size": size})
    assert response.status_code == 200, response.content[:500]
    assert len(response.json()["results"]) <= 200


def test_a_huge_query_string_is_answered_without_a_500(team, claim):
    params = {f"p{i}": "x" * 50 for i in range(2000)}
    params["q"] = "y" * 50_000
    response = client_for(team["alice"]).get("/api/v1/claims/", params)
    assert response.status_code in (200, 400), response.content[:500]
    assert response["Content-Type"].startswith("application/json")
