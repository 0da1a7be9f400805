"""The claims endpoints: the fields of a claim record, filters, pagination, verdicts, caching."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from claims.api import caching
from claims.api.serializers import (
    ArticleRefSerializer,
    ClaimDetailSerializer,
    ClaimOutputSerializer,
)
from claims.models import Claim, ClaimStatus, Source, Verdict
from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.factories import make_article, make_claim, make_claims
from tests.factories import token_client as client_for

SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1", publisher="Stats Office")
GOOD_SOURCE = {
    "url": "https://kosis.kr/table/1",
    "title": "Population table",
    "publisher": "Statistics Korea",
    "excerpt": "35 countries",
    "stance": "supports",
}


@pytest.fixture
def alice(team):
    """An API client signed in with alice's token (reviewer)."""
    return client_for(team["alice"])


def test_a_claim_in_the_list_carries_its_article_figures_attribution_status_and_sources(
    team, viewer
):
    article = make_article(sentences=["정부는 35개국에 친서를 보냈다."], language="ko")
    claim = make_claims(
        article,
        figures=[
            {
                "text": "35개국",
                "value": "35",
                "unit": "countries",
                "kind": "count",
                "start": 4,
                "end": 9,
                "approximate": False,
            }
        ],
        attribution="청와대에 따르면",
    )[0]
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])

    body = viewer.get("/api/v1/claims/").json()

    assert set(body) == {"next", "previous", "results"}
    [item] = body["results"]
    assert item["id"] == claim.pk
    assert item["article"] == {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "outlet": "Test Wire",
        "published_at": "2025-01-01T09:00:00Z",
        "language": "ko",
    }
    assert item["text"] == "정부는 35개국에 친서를 보냈다."
    assert item["kind"] == "statistical"
    assert item["figures"][0]["value"] == "35"
    assert item["attribution"] == "청와대에 따르면"
    assert item["status"] == "verified"
    assert item["sources"][0]["url"] == SOURCE.url
    assert item["sources"][0]["verdict"] == "verified"
    assert item["updated_at"].endswith("Z")
    assert item["reviewed_at"] is not None


def test_list_records_have_exactly_the_documented_fields(viewer, db):
    make_claim()
    [item] = viewer.get("/api/v1/claims/").json()["results"]
    assert set(item) == set(ClaimOutputSerializer().fields)
    assert set(item["article"]) == set(ArticleRefSerializer().fields)


def test_claim_detail_has_the_verdict_history_with_sources_newest_first(team, viewer):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])

    body = viewer.get(f"/api/v1/claims/{claim.pk}/").json()

    assert set(body) == set(ClaimDetailSerializer().fields)
    assert body["status"] == "contested"
    assert [v["reviewer"] for v in body["verdicts"]] == ["bob", "alice"]
    assert [v["verdict"] for v in body["verdicts"]] == ["disputed", "verified"]
    assert body["verdicts"][1]["sources"][0]["publisher"] == "Stats Office"
    assert len(body["sources"]) == 2


def test_claim_detail_of_a_missing_claim_is_404_with_a_message(viewer):
    response = viewer.get("/api/v1/claims/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No claim with this id."}


def test_list_item_matches_the_detail_without_the_history(team, viewer):
    claim = make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    [item] = viewer.get("/api/v1/claims/").json()["results"]
    detail = viewer.get(f"/api/v1/claims/{claim.pk}/").json()
    detail.pop("verdicts")
    assert item == detail


# Verdicts -----------------------------------------------------------------------------


def test_reviewer_records_a_verdict_and_gets_it_back_with_201(team, alice):
    claim = make_claim()
    response = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"verdict": "verified", "note": "matches the table", "sources": [GOOD_SOURCE]},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["verdict"] == "verified"
    assert body["reviewer"] == "alice"
    assert body["claim"] == claim.pk
    assert body["claim_status"] == "verified"
    assert body["sources"][0]["url"] == GOOD_SOURCE["url"]
    assert body["sources"][0]["excerpt"] == "35 countries"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED
    assert Verdict.objects.get().note == "matches the table"


@pytest.mark.parametrize("verdict", ["verified", "disputed"])
def test_verified_or_disputed_verdict_without_a_source_is_400_on_sources(alice, verdict):
    claim = make_claim()
    response = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"verdict": verdict, "note": ""}, format="json"
    )
    assert response.status_code == 400
    assert "sources" in response.json()
    assert Verdict.objects.count() == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/a", "data:,x", ""])
def test_a_source_url_that_is_not_http_is_400_naming_the_source_field(alice, url):
    claim = make_claim()
    response = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"verdict": "disputed", "sources": [{**GOOD_SOURCE, "url": url}]},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["sources"]
    assert "url" in errors["0"]
    assert Source.objects.count() == 0


def test_unknown_verdict_or_stance_is_400(alice):
    claim = make_claim()
    bad_verdict = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"verdict": "true"}, format="json"
    )
    bad_stance = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"verdict": "verified", "sources": [{**GOOD_SOURCE, "stance": "agrees"}]},
        format="json",
    )
    assert bad_verdict.status_code == 400 and "verdict" in bad_verdict.json()
    assert bad_stance.status_code == 400 and "stance" in bad_stance.json()["sources"]["0"]


def test_unverifiable_verdict_needs_no_source(alice):
    claim = make_claim()
    response = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"verdict": "unverifiable"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["claim_status"] == "unverifiable"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.UNVERIFIABLE
    assert Verdict.objects.get(claim=claim).verdict == "unverifiable"


def test_verdict_on_a_missing_claim_is_404(alice):
    response = alice.post("/api/v1/claims/999999/verdicts/", {"verdict": "unverifiable"})
    assert response.status_code == 404


def test_only_an_editor_may_settle(team, alice):
    claim = make_claim()
    refused = alice.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"verdict": "unverifiable", "settles": True},
        format="json",
    )
    assert refused.status_code == 403
    assert "editor" in refused.json()["detail"]
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])
    settled = client_for(team["erin"]).post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"verdict": "disputed", "settles": True, "sources": [GOOD_SOURCE]},
        format="json",
    )
    assert settled.status_code == 201
    assert settled.json()["claim_status"] == "disputed"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.DISPUTED


def test_a_session_post_without_a_csrf_token_is_refused_with_403(team):
    claim = make_claim()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(team["alice"])
    response = client.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"verdict": "unverifiable"}, format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Verdict.objects.exists()


@pytest.fixture
def table_data_version(monkeypatch):
    """The cache's data version read from this database's tables, as on SQLite.

    On PostgreSQL the version is the server's WAL position, which any write to the server
    moves: another xdist worker's test database, another checkout's test run. A test that
    needs the version to hold still between two requests uses this; the other caching tests
    run on the WAL position.
    """
    monkeypatch.setattr(caching, "PG_VERSION_SQL", caching.VERSION_SQL)


# Filters ------------------------------------------------------------------------------


def ids(client, query: str) -> list[int]:
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200, response.content
    return sorted(item["id"] for item in response.json()["results"])


def test_filters_select_by_status_kind_article_outlet_and_language(team, viewer):
    ko = make_claims(
        make_article(sentences=["정부는 35개국에 친서를 보냈다."], language="ko", outlet="뉴스핌"),
        kind="quote",
    )[0]
    en = make_claim()
    claim_record_verdict(claim=en, reviewer=team["alice"], verdict="verified", sources=[SOURCE])

    assert ids(viewer, "status=verified") == [en.pk]
    assert ids(viewer, "status=unreviewed") == [ko.pk]
    assert ids(viewer, "kind=quote") == [ko.pk]
    assert ids(viewer, f"article={en.article_id}") == [en.pk]
    assert ids(viewer, "outlet=뉴스핌") == [ko.pk]
    assert ids(viewer, f"outlet={en.article.outlet_id}") == [en.pk]
    assert ids(viewer, "language=ko") == [ko.pk]
    assert ids(viewer, "language=en&status=verified") == [en.pk]


def test_q_searches_claim_text_and_attribution(viewer, db):
    a = make_claims(make_article(sentences=["Exports rose 34 percent in May."]))[0]
    b = make_claims(make_article(sentences=["블룸버그통신에 따르면 주가는 66% 올랐다."]))[0]
    Claim.objects.filter(pk=a.pk).update(attribution="according to the customs office")
    assert ids(viewer, "q=exports") == [a.pk]
    assert ids(viewer, "q=CUSTOMS") == [a.pk]
    assert ids(viewer, "q=블룸버그") == [b.pk]


def test_updated_since_and_reviewed_since_keep_the_claims_changed_or_reviewed_later(team, viewer):
    old, fresh = make_claim(), make_claim()
    long_ago = timezone.now() - timedelta(days=30)
    Claim.objects.filter(pk=old.pk).update(updated_at=long_ago)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(viewer, f"updated_since={since.replace('+', '%2B')}") == [fresh.pk]
    claim_record_verdict(claim=old, reviewer=team["alice"], verdict="unverifiable")
    Verdict.objects.update(created_at=long_ago)
    claim_record_verdict(claim=fresh, reviewer=team["alice"], verdict="unverifiable")
    assert ids(viewer, f"reviewed_since={since.replace('+', '%2B')}") == [fresh.pk]


def test_status_dismissed_lists_the_dismissed_claims_only(team, viewer):
    claim, other = make_claim(), make_claim()
    claim_dismiss(claim=claim, actor=team["alice"], reason="navigation text")
    assert ids(viewer, "status=dismissed") == [claim.pk]
    assert other.pk in ids(viewer, "status=unreviewed")


@pytest.mark.parametrize(
    "query", ["status=true", "kind=opinion", "updated_since=yesterday", "article=abc"]
)
def test_bad_filter_values_are_400_naming_the_filter(viewer, db, query):
    response = viewer.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


@pytest.mark.parametrize(
    "query",
    [
        "updated_since=",
        "updated_since=%20",
        "reviewed_since=",
        "current=maybe",
        "current=yes",
        "current=2",
    ],
)
def test_empty_times_and_words_other_than_true_or_false_are_400_naming_the_filter(
    viewer, db, query
):
    for path in ("/api/v1/claims/", "/api/v1/export/claims.jsonl"):
        response = viewer.get(f"{path}?{query}")
        assert response.status_code == 400, path
        name = query.split("=")[0]
        assert name in response.json()
        assert response.json()[name][0].startswith("Give ")


def test_empty_updated_since_on_articles_is_400(viewer, db):
    response = viewer.get("/api/v1/articles/?updated_since=")
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_current_filter_takes_true_false_1_and_0(team, viewer):
    kept, gone = make_claim(), make_claim()
    Claim.objects.filter(pk=gone.pk).update(is_current=False)
    for word in ("true", "True", "1"):
        assert ids(viewer, f"current={word}") == [kept.pk]
    for word in ("false", "FALSE", "0"):
        assert ids(viewer, f"current={word}") == [gone.pk]
    assert sorted(ids(viewer, "current=")) == sorted([kept.pk, gone.pk])


# Pagination ---------------------------------------------------------------------------


def test_cursor_pagination_walks_every_claim_once_newest_first(viewer, db):
    article = make_article(sentences=[f"Sentence {i} has {i} apples." for i in range(7)])
    claims = make_claims(article)
    seen, url, pages = [], "/api/v1/claims/?page_size=3", 0
    while url:
        body = viewer.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url, pages = body["next"], pages + 1
    assert seen == sorted((c.pk for c in claims), reverse=True)
    assert pages == 3
    back = viewer.get(viewer.get("/api/v1/claims/?page_size=3").json()["next"]).json()
    assert viewer.get(back["previous"]).json()["results"][0]["id"] == seen[0]


def test_a_page_holds_50_claims_by_default(viewer, db):
    make_claims(make_article(sentences=[f"Item {i} costs {i} won." for i in range(55)]))
    body = viewer.get("/api/v1/claims/").json()
    assert len(body["results"]) == 50
    assert body["next"] and body["previous"] is None


# Query counts -------------------------------------------------------------------------


def _populate(team, n: int) -> None:
    article = make_article(sentences=[f"Item {i} costs {i} won." for i in range(n)])
    for claim in make_claims(article)[: n // 2]:
        claim_record_verdict(
            claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE, SOURCE]
        )


@pytest.mark.parametrize("n", [3, 30])
def test_claims_list_takes_a_constant_number_of_queries(
    team, django_assert_num_queries, table_data_version, n
):
    _populate(team, n)
    client = APIClient()
    client.force_authenticate(team["victor"])
    # permission check (2: user and group perms), data version, claims page, its reviews
    # (on PostgreSQL the page query builds the records with their reviews: one query).
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 5):
        response = client.get("/api/v1/claims/")
    assert len(response.json()["results"]) == n
    # The same page again comes from the cache: permission check and data version only.
    client.force_authenticate(type(team["victor"]).objects.get(username="victor"))
    with django_assert_num_queries(3):
        again = client.get("/api/v1/claims/")
    assert again.content == response.content


@pytest.mark.parametrize("n", [2, 20])
def test_claim_detail_takes_a_constant_number_of_queries(team, django_assert_num_queries, n):
    claim = make_claim()
    for i in range(n):
        claim_record_verdict(
            claim=claim,
            reviewer=team["alice" if i % 2 else "bob"],
            verdict="verified",
            sources=[SOURCE],
        )
    client = APIClient()
    client.force_authenticate(team["victor"])
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/claims/{claim.pk}/")
    assert len(response.json()["verdicts"]) == n


def test_times_are_given_in_utc_as_iso_8601(viewer, db):
    make_claim()
    [item] = viewer.get("/api/v1/claims/").json()["results"]
    parsed = datetime.fromisoformat(item["created_at"].replace("Z", "+00:00"))
    assert parsed.tzinfo is not None and parsed.utcoffset() == UTC.utcoffset(None)


# HTTP caching ----------------------------------------------------------------------------


def test_list_answers_304_to_its_etag_until_a_verdict_changes_it(team, viewer, table_data_version):
    claim = make_claim()
    first = viewer.get("/api/v1/claims/")
    etag = first["ETag"]
    assert viewer.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    fresh = viewer.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert fresh.json()["results"][0]["status"] == "verified"


def test_cached_list_shows_new_claims_dismissals_and_article_edits(team, viewer):
    claim = make_claim()
    assert len(viewer.get("/api/v1/claims/").json()["results"]) == 1
    other = make_claim()
    assert len(viewer.get("/api/v1/claims/").json()["results"]) == 2
    claim_dismiss(claim=other, actor=team["alice"], reason="not a claim")
    statuses = {c["id"]: c["status"] for c in viewer.get("/api/v1/claims/").json()["results"]}
    assert statuses[other.pk] == "dismissed"
    article = claim.article
    article.title = "Corrected title"
    article.save()
    titles = {c["article"]["title"] for c in viewer.get("/api/v1/claims/").json()["results"]}
    assert "Corrected title" in titles


def test_each_query_string_is_its_own_cached_page(team, viewer):
    claim, other = make_claim(), make_claim()
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    assert ids(viewer, "status=verified") == [claim.pk]
    assert ids(viewer, "status=unreviewed") == [other.pk]
    assert ids(viewer, "status=verified") == [claim.pk]


def test_browsable_api_still_renders_html(viewer, db):
    make_claim()
    response = viewer.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_unknown_api_address_is_a_json_404(viewer, db):
    for url in ("/api/v1/claims/-1/", "/api/v1/claims/abc/", "/api/v1/nothing/"):
        response = viewer.get(url)
        assert response.status_code == 404
        assert "/api/docs/" in response.json()["detail"]
