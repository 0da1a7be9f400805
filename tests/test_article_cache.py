"""The article page is cached below its header, keyed on its article's claims' last change
(issue 18): no change is ever shown stale, and no user or role is shown another's page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticleRevision
from claims.models import Claim
from claims.services import (
    SourceInput,
    claim_dismiss,
    claim_record_verdict,
    claim_set_blind,
)
from tests.factories import client_for, make_article, make_claims, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(team: dict[str, Any]) -> list[Claim]:
    article = make_article(sentences=[f"Item {i} cost {i} dollars." for i in range(3)])
    return make_claims(article)


def page_of(client: Client, article_id: int, **query: str) -> str:
    response = client.get(reverse("claims:article", args=[article_id]), query)
    assert response.status_code == 200
    return response.content.decode()


def mark_of(html: str, claim: Claim) -> str:
    found = re.search(rf'<mark id="claim-{claim.pk}" class="claim st-(\w+)"', html)
    assert found, claim.pk
    return found.group(1)


def test_a_verdict_shows_on_the_cached_page_at_once(claims, team):
    client = client_for("erin")
    page_of(client, claims[0].article_id)
    assert mark_of(page_of(client, claims[0].article_id), claims[0]) == "unreviewed"
    claim_record_verdict(
        claim=claims[0],
        reviewer=team["erin"],
        verdict="verified",
        sources=[SourceInput("https://stats.example/t")],
    )
    html = page_of(client, claims[0].article_id)
    assert mark_of(html, claims[0]) == "verified"
    assert 'data-status="verified" data-count="1"' in html


def test_claims_dismissed_added_and_deleted_show_at_once(claims, team):
    client = client_for("erin")
    article_id = claims[0].article_id
    page_of(client, article_id)
    claim_dismiss(claim=claims[1], actor=team["erin"], reason="not a claim")
    assert mark_of(page_of(client, article_id), claims[1]) == "dismissed"
    Claim.objects.filter(pk=claims[2].pk).delete()
    assert f'id="claim-{claims[2].pk}"' not in page_of(client, article_id)
    [added] = make_claims(make_article(sentences=["Exports rose 5% in 2024."]))
    Claim.objects.filter(pk=added.pk).update(article_id=article_id)  # updated_at unchanged
    # Not in this revision's text: listed below it.
    assert reverse("claims:claim", args=[added.pk]) in page_of(client, article_id)


def test_an_edited_article_and_a_cleared_flag_show_at_once(claims):
    client = client_for("erin")
    article_id = claims[0].article_id
    ArticleRevision.objects.filter(article_id=article_id).update(flagged=True)
    assert "data-flagged-revision" in page_of(client, article_id)
    ArticleRevision.objects.filter(article_id=article_id).update(flagged=False)
    assert "data-flagged-revision" not in page_of(client, article_id)
    Article.objects.filter(pk=article_id).update(title="A title changed in place")
    assert "A title changed in place" in page_of(client, article_id)


def test_roles_do_not_share_a_cached_page(claims):
    article_id = claims[0].article_id
    pages = {name: page_of(client_for(name), article_id) for name in ("alice", "victor")}
    pages["alice again"] = page_of(client_for("alice"), article_id)
    assert 'id="add-claim-form"' in pages["alice"] and 'id="add-claim-form"' in pages["alice again"]
    assert 'id="add-claim-form"' not in pages["victor"]
    for html in pages.values():
        assert "<!--claimdesk:csrf-->" not in html


def test_languages_do_not_share_a_cached_page(claims):
    article_id = claims[0].article_id
    english, korean = client_for("alice"), client_for("alice")
    korean.cookies["django_language"] = "ko"
    for _ in range(2):  # the second time from the cache
        assert "Add a missed claim" in page_of(english, article_id)
        html = page_of(korean, article_id)
        assert "빠진 주장 추가" in html and "Add a missed claim" not in html


def test_a_blind_reviewer_is_not_shown_another_reviewers_cached_page(claims, team):
    claim = claims[0]
    claim_set_blind(claim=claim, actor=team["erin"], blind=True)
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        sources=[SourceInput("https://stats.example/t")],
    )
    # alice (her own verdict) and erin (an editor) see it verified; bob has none of his own.
    assert mark_of(page_of(client_for("alice"), claim.article_id), claim) == "verified"
    assert mark_of(page_of(client_for("erin"), claim.article_id), claim) == "verified"
    bob = page_of(client_for("bob"), claim.article_id)
    assert mark_of(bob, claim) == "in_review"
    assert 'data-status="verified" data-count="0"' in bob


def test_each_reviewer_gets_a_working_csrf_token_from_the_cached_page(claims, team):
    make_user("rita", "reviewer")
    article_id = claims[0].article_id
    tokens = []
    for name in ("alice", "rita"):
        client = client_for(name)
        client.handler.enforce_csrf_checks = True
        html = page_of(client, article_id)
        form = html[html.index('id="add-claim-form"') :]
        token = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[0]
        tokens.append(token)
        response = client.post(
            reverse("claims:add_claim", args=[article_id]),
            {"csrfmiddlewaretoken": token, "text": "no such sentence", "kind": "factual"},
        )
        assert response.status_code == 422  # past the CSRF check, refused by the form
    assert tokens[0] != tokens[1]


def claim_page_queries(client: Client, claim: Claim) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("claims:claim", args=[claim.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def article_part(html: str) -> str:
    """The article beside the panel, its CSRF token (masked anew per response) left out."""
    part = html[html.index('<article class="article"') : html.index("</article>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", part)


def test_a_claims_page_opened_without_htmx_draws_the_article_from_the_pages_cache(claims):
    client = client_for("alice")
    cache.clear()
    fresh, drawn = claim_page_queries(client, claims[1])
    article = page_of(client, claims[0].article_id)
    cached, served = claim_page_queries(client, claims[1])
    assert served < drawn
    assert article_part(cached) == article_part(fresh) == article_part(article)
    assert "<!--claimdesk:csrf-->" not in cached


def test_a_verdict_shows_at_once_on_a_claims_page_drawn_from_the_cache(claims, team):
    client = client_for("erin")
    claim_page_queries(client, claims[0])
    claim_record_verdict(
        claim=claims[0],
        reviewer=team["erin"],
        verdict="verified",
        sources=[SourceInput("https://stats.example/t")],
    )
    html, _ = claim_page_queries(client, claims[0])
    assert mark_of(html, claims[0]) == "verified"
    assert 'data-status="verified" data-count="1"' in html


def test_the_cached_article_keeps_the_queues_filters_in_its_way_back(claims):
    client = client_for("alice")
    article_id = claims[0].article_id
    assert 'href="/">← ' in page_of(client, article_id)
    back = page_of(client, article_id, back="status=verified&language=ko&x=1")
    assert 'href="/?status=verified&amp;language=ko">← ' in back
    html, _ = claim_page_queries(client, claims[1])
    assert 'href="/">← ' in html


def test_an_article_that_does_not_exist_is_not_found(claims):
    response = client_for("alice").get(reverse("claims:article", args=[10**9]))
    assert response.status_code == 404


def test_the_page_names_the_outlet_and_an_article_without_one_shows_a_dash(claims):
    client = client_for("alice")
    article = Article.objects.select_related("outlet").get(pk=claims[0].article_id)
    assert article.outlet is not None
    html = page_of(client, article.pk)
    assert f'<dd translate="no">{article.outlet.name}</dd>' in html
    Article.objects.filter(pk=article.pk).update(outlet=None)
    assert '<dt>Outlet</dt><dd translate="no">—</dd>' in page_of(client, article.pk)
