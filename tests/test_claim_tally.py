"""The per-status claim tally the database keeps (issue 18, "Pages as fast as the API").

After every write path that adds, removes, re-states or moves a current claim, the tally
read by the queue equals a fresh COUNT of the claims. Runs on SQLite and on PostgreSQL
(DATABASE_URL), whose triggers differ.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.parsing.types import ParsedArticle
from claims.models import Claim, ClaimStatus, ClaimTally
from claims.pipeline import extract_parsed, reextract_article, store_extraction
from claims.selectors import tally_counts
from claims.services import (
    SourceInput,
    claim_adjust_span,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
    claim_restore,
)
from claims.tally_sql import rebuild_tally
from tests.factories import PASSWORD, make_article, make_claims

SOURCE = [SourceInput("https://stats.example/table")]


def client_for(name: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=name, password=PASSWORD)
    return client


def fresh_counts() -> dict[tuple[str, str], int]:
    rows = (
        Claim.objects.current()
        .order_by()
        .values_list("status", "article__language")
        .annotate(n=Count("id"))
    )
    return {(status, language): n for status, language, n in rows}


def kept_counts() -> dict[tuple[str, str], int]:
    rows = ClaimTally.objects.exclude(n=0).values_list("status", "language", "n")
    return {(status, language): n for status, language, n in rows}


def assert_tally_is_fresh() -> None:
    fresh = fresh_counts()
    assert kept_counts() == fresh
    for language in ("", "en", "ko"):
        expected: dict[str, int] = {}
        for (status, lang), n in fresh.items():
            if not language or lang == language:
                expected[status] = expected.get(status, 0) + n
        assert tally_counts(language) == expected


@pytest.fixture
def desk(team: dict[str, Any]) -> dict[str, Any]:
    english = make_article(sentences=[f"Item {i} cost {i} dollars." for i in range(6)])
    korean = make_article(
        sentences=[f"품목 {i}의 값은 {i}만 원이다." for i in range(4)], language="ko"
    )
    claims = make_claims(english) + make_claims(korean)
    assert len(claims) == 10
    assert_tally_is_fresh()
    return {**team, "english": english, "korean": korean, "claims": claims}


def test_new_claims_are_counted(desk):
    assert tally_counts() == {ClaimStatus.UNREVIEWED: 10}
    assert tally_counts("ko") == {ClaimStatus.UNREVIEWED: 4}
    assert tally_counts("en") == {ClaimStatus.UNREVIEWED: 6}


def test_verdicts_and_a_contest_move_the_counts(desk):
    first, second = desk["claims"][0], desk["claims"][6]
    claim_record_verdict(claim=first, reviewer=desk["alice"], verdict="verified", sources=SOURCE)
    assert_tally_is_fresh()
    claim_record_verdict(
        claim=second,
        reviewer=desk["alice"],
        verdict="disputed",
        sources=[SourceInput("https://stats.example/a", stance="refutes")],
    )
    claim_record_verdict(claim=second, reviewer=desk["bob"], verdict="verified", sources=SOURCE)
    assert Claim.objects.get(pk=second.pk).status == ClaimStatus.CONTESTED
    assert_tally_is_fresh()
    assert tally_counts("ko")[ClaimStatus.CONTESTED] == 1


def test_dismissal_restore_and_merge_move_the_counts(desk):
    claims = desk["claims"]
    claim_dismiss(claim=claims[1], actor=desk["alice"], reason="an opinion")
    assert_tally_is_fresh()
    claim_restore(claim=Claim.objects.get(pk=claims[1].pk), actor=desk["bob"])
    assert_tally_is_fresh()
    claim_record_verdict(claim=claims[2], reviewer=desk["bob"], verdict="unverifiable")
    claim_merge(duplicate=claims[2], into=claims[3], actor=desk["erin"])
    assert_tally_is_fresh()
    assert tally_counts()[ClaimStatus.DISMISSED] == 1


def test_a_span_change_that_reopens_a_claim_moves_the_counts(desk):
    claim = desk["claims"][0]
    claim_record_verdict(claim=claim, reviewer=desk["alice"], verdict="verified", sources=SOURCE)
    claim = Claim.objects.get(pk=claim.pk)
    claim_adjust_span(claim=claim, actor=desk["alice"], start=claim.start, end=claim.end - 1)
    assert_tally_is_fresh()


def test_bulk_assign_and_bulk_updates_keep_the_counts(desk):
    client = client_for("erin")
    ids = [c.pk for c in desk["claims"][:5]]
    response = client.post(
        reverse("claims:queue_assign"), {"claim": ids, "assignee": desk["bob"].pk}
    )
    assert response.status_code == 302
    assert Claim.objects.filter(assigned_to=desk["bob"]).count() == 5
    assert_tally_is_fresh()
    Claim.objects.filter(pk__in=ids[:3]).update(status=ClaimStatus.VERIFIED)
    assert_tally_is_fresh()
    Claim.objects.filter(pk__in=ids[3:]).update(is_current=False)
    assert_tally_is_fresh()
    assert tally_counts() == {ClaimStatus.UNREVIEWED: 5, ClaimStatus.VERIFIED: 3}


def test_deletes_remove_from_the_counts(desk):
    claims = desk["claims"]
    claims[0].delete()
    assert_tally_is_fresh()
    Claim.objects.filter(pk__in=[claims[1].pk, claims[7].pk]).delete()
    assert_tally_is_fresh()
    # An article goes with its claims (its revisions protect them from going alone).
    Claim.objects.filter(article=desk["korean"]).delete()
    Article.objects.get(pk=desk["korean"].pk).delete()
    assert_tally_is_fresh()
    assert tally_counts("ko") == {}


def test_an_article_whose_language_changes_moves_its_claims(desk):
    article = Article.objects.get(pk=desk["english"].pk)
    claim_record_verdict(
        claim=desk["claims"][0], reviewer=desk["alice"], verdict="verified", sources=SOURCE
    )
    article.language = "ko"
    article.save()
    assert_tally_is_fresh()
    assert tally_counts("en") == {}
    Article.objects.filter(pk=article.pk).update(language="en")
    assert_tally_is_fresh()
    assert tally_counts("en") == {ClaimStatus.UNREVIEWED: 5, ClaimStatus.VERIFIED: 1}


URL = "https://news.example/2025/budget"
BODY = (
    "The council approved a budget of $2.1 billion on Tuesday.\n\n"
    "Unemployment in the region stood at 4.2 percent in February, the statistics office said.\n\n"
    "The council said 4,500 households would benefit from the new housing grants."
)


def _ingest(body: str) -> Any:
    parsed = ParsedArticle(
        title="Council passes budget",
        body=body,
        language="en",
        url=URL,
        outlet="Test Wire",
        published_at=datetime(2025, 3, 4, 9, tzinfo=UTC),
    )
    return store_extraction(extract_parsed([parsed], source=URL))


def test_ingest_a_new_revision_and_reextraction_keep_the_counts(desk):
    article = _ingest(BODY).articles[0].article
    assert article.claims.exists()
    assert_tally_is_fresh()
    claim = article.claims.get(text__contains="4.2 percent")
    claim_record_verdict(claim=claim, reviewer=desk["alice"], verdict="verified", sources=SOURCE)
    _ingest(BODY.replace("$2.1 billion", "$2.4 billion").replace("4.2 percent", "4.4 percent"))
    assert Claim.objects.filter(article=article, is_current=False).exists()
    assert_tally_is_fresh()
    reextract_article(Article.objects.get(pk=article.pk))
    assert_tally_is_fresh()


def test_rebuild_recounts_a_tally_that_was_wiped(desk):
    ClaimTally.objects.all().delete()
    rebuild_tally()
    assert_tally_is_fresh()


def test_the_queue_counts_from_the_tally_not_the_claims(desk):
    client = client_for("alice")
    for query in ("", "?language=ko", "?status=verified&language=ko"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("claims:queue") + query)
        assert response.status_code == 200
        sql = [q["sql"] for q in ctx.captured_queries]
        assert any("claims_claimtally" in s for s in sql)
        counting = [s for s in sql if "COUNT(" in s.upper() and '"claims_claim"."status"' in s]
        # Only the claims due for re-check are counted, through the due flag's partial index
        # (few are due at a time); the statuses come from the tally.
        assert all('"claims_claim"."is_due"' in s for s in counting), counting
        assert len(counting) <= 1, counting
    links = {s["value"]: s["count"] for s in response.context["statuses"]}
    assert links["unreviewed"] == 4 and links["all"] == 4
