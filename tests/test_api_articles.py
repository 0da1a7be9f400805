"""The articles endpoints: list, detail with text and claims, and ingestion by POST."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article, IngestJob
from claims.api.serializers import ArticleDetailSerializer, ArticleOutputSerializer
from claims.models import Claim
from tests.factories import make_article, make_claims
from tests.factories import token_client as client_for

KOREAN_TEXT = (
    "정부는 유명희 본부장의 WTO 사무총장 선출을 지원하기 위해 35개국에 친서를 보냈다. "
    "문 대통령은 독일과 러시아 등 5개국 정상과 전화통화를 했다."
)


def test_article_list_shows_metadata_and_current_claim_count(team):
    article = make_article(sentences=["One costs 5 won.", "Two costs 6 won."], language="ko")
    claims = make_claims(article)
    Claim.objects.filter(pk=claims[0].pk).update(is_current=False)
    [item] = client_for(team["victor"]).get("/api/v1/articles/").json()["results"]
    assert set(item) == set(ArticleOutputSerializer().fields)
    assert item["id"] == article.pk
    assert item["outlet"] == "Test Wire"
    assert item["authors"] == ["Reporter"]
    assert item["language"] == "ko"
    assert item["published_at"] == "2025-01-01T09:00:00Z"
    assert item["claim_count"] == 1


def test_article_list_filters_by_language_outlet_and_title(team):
    ko = make_article(language="ko", outlet="뉴스핌")
    en = make_article(language="en")
    api = client_for(team["victor"])

    def found(query):
        return [a["id"] for a in api.get(f"/api/v1/articles/?{query}").json()["results"]]

    assert found("language=ko") == [ko.pk]
    assert found("outlet=뉴스핌") == [ko.pk]
    assert found(f"q={en.title}") == [en.pk]


def test_article_detail_has_body_revision_and_claims_anchored_in_it(team):
    article = make_article(sentences=["One costs 5 won.", "Two costs 6 won."])
    make_claims(article)
    body = client_for(team["victor"]).get(f"/api/v1/articles/{article.pk}/").json()
    assert set(body) == set(ArticleDetailSerializer().fields)
    assert body["revision"] == 1
    assert [c["text"] for c in body["claims"]] == ["One costs 5 won.", "Two costs 6 won."]
    for claim in body["claims"]:
        assert body["body"][claim["start"] : claim["end"]] == claim["text"]
        assert claim["article"]["id"] == article.pk


def test_missing_article_is_404(team):
    response = client_for(team["victor"]).get("/api/v1/articles/999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "No article with this id."


@pytest.mark.parametrize("n", [2, 20])
def test_article_list_takes_a_constant_number_of_queries(team, django_assert_num_queries, n):
    for _ in range(n):
        make_claims(make_article())
    api = APIClient()
    api.force_authenticate(team["victor"])
    # permission check (2), data version, the page.
    with django_assert_num_queries(4):
        response = api.get("/api/v1/articles/")
    assert len(response.json()["results"]) == n


@pytest.mark.parametrize("n", [2, 20])
def test_article_detail_takes_a_constant_number_of_queries(team, django_assert_num_queries, n):
    article = make_article(sentences=[f"Item {i} costs {i} won." for i in range(n)])
    make_claims(article)
    api = APIClient()
    api.force_authenticate(team["victor"])
    # with the claims' suggested duplicates and arithmetic checks: one query each
    with django_assert_num_queries(8):
        response = api.get(f"/api/v1/articles/{article.pk}/")
    assert len(response.json()["claims"]) == n


@pytest.mark.parametrize("n", [10, 20])
def test_job_detail_takes_a_constant_number_of_queries(team, django_assert_num_queries, n):
    articles = [make_article() for _ in range(n)]
    job = IngestJob.objects.create(
        source="https://news.example/a",
        state=IngestJob.State.DONE,
        article_ids=[a.pk for a in articles],
        created_by=team["alice"],
    )
    submitter = client_for(team["alice"])
    # the token with its user's permissions, the job (read by its submitter).
    with django_assert_num_queries(2):
        response = submitter.get(f"/api/v1/jobs/{job.pk}/")
    assert response.json()["state"] == "done"
    assert len(response.json()["articles"]) == n


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "non_field_errors"),
        ({"text": "a", "html": "<p>b</p>"}, "non_field_errors"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "file:///etc/passwd"}, "url"),
        ({"text": "some text", "url": "https://news.example/a"}, "non_field_errors"),
    ],
)
def test_bad_ingest_requests_are_400_with_a_message(team, payload, field):
    response = client_for(team["alice"]).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Article.objects.count() == 0


def test_posting_text_stores_the_article_with_its_claims_and_answers_201(team):
    api = client_for(team["alice"])
    response = api.post(
        "/api/v1/articles/", {"text": KOREAN_TEXT, "title": "WTO 통화"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["source"] == "pasted text"
    [article] = body["articles"]
    assert article["article_created"] is True
    assert article["language"] == "ko"
    assert article["claims"], "the figures of the text make claims"
    for claim in article["claims"]:
        assert article["body"][claim["start"] : claim["end"]] == claim["text"]
    assert Article.objects.filter(pk=article["id"]).exists()

    again = api.post("/api/v1/articles/", {"text": KOREAN_TEXT, "title": "WTO 통화"}, format="json")
    assert again.status_code == 200
    assert again.json()["articles"][0]["id"] == article["id"]


def test_posting_html_stores_the_article(team):
    html = (
        "<html><head><title>Exports rise</title></head><body><article><h1>Exports rise</h1>"
        "<p>Exports rose 34 percent in May to $2.1 billion, the ministry said.</p>"
        "<p>The country sent goods to 35 countries.</p></article></body></html>"
    )
    response = client_for(team["alice"]).post(
        "/api/v1/articles/", {"html": html, "url": "https://news.example/exports"}, format="json"
    )
    assert response.status_code == 201, response.content
    [item] = response.json()["articles"]
    stored = Article.objects.get(pk=item["id"])
    assert stored.title == item["title"] == "Exports rise"
    assert stored.url == "https://news.example/exports"
    assert "34 percent" in stored.revisions.get().body
    assert stored.claims.exists()


def test_posting_whitespace_text_is_400_naming_the_reason(team):
    response = client_for(team["alice"]).post(
        "/api/v1/articles/", {"text": "   \n "}, format="json"
    )
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_posting_a_url_when_workers_fetch_answers_202_with_a_job_to_poll(team, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    api = client_for(team["alice"])
    response = api.post("/api/v1/articles/", {"url": "https://news.example/a"}, format="json")
    assert response.status_code == 202
    job = response.json()
    assert job["state"] == "queued"
    assert job["source"] == "https://news.example/a"
    assert response["Location"] == job["url"]
    stored = IngestJob.objects.get(pk=job["id"])
    assert (stored.source, stored.state, stored.created_by) == (
        "https://news.example/a",
        IngestJob.State.QUEUED,
        team["alice"],
    )
    polled = api.get(job["url"])
    assert polled.status_code == 200
    assert polled.json()["id"] == job["id"]
    # Another reader does not see what alice sent.
    assert client_for(team["victor"]).get(job["url"]).status_code == 404


def test_posting_a_url_to_a_private_address_is_400_naming_source_and_reason(team):
    response = client_for(team["alice"]).post(
        "/api/v1/articles/", {"url": "http://127.0.0.1:9/article"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["source"] == "http://127.0.0.1:9/article"
    assert body["reason"]
    assert body["detail"].startswith("Could not ingest http://127.0.0.1:9/article: ")
    assert Article.objects.count() == 0
