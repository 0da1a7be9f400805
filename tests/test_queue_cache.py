"""The queue's page is cached, keyed on the queue's last change (issue 18, "Pages as fast
as the API"): a repeat costs three queries, and no change to the claims is ever shown stale.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from claims.models import Claim
from claims.services import SourceInput, claim_dismiss, claim_record_verdict
from tests.factories import PASSWORD, make_article, make_claims, make_user

QUEUE = reverse("claims:queue")


def client_for(name: str, **options: Any) -> Client:
    client = Client(**options)
    assert client.login(request=HttpRequest(), username=name, password=PASSWORD)
    return client


def get(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def count_of(html: str, status: str) -> int:
    found = re.search(rf'class="st-{status}"[^>]*>.*?<b>(\d+)</b>', html)
    assert found, status
    return int(found.group(1))


@pytest.fixture
def claims(team: dict[str, Any]) -> list[Claim]:
    made = make_claims(make_article(sentences=[f"Item {i} cost {i} dollars." for i in range(4)]))
    made += make_claims(make_article(sentences=["품목 값은 3만 원이다."], language="ko"))
    return made


def test_a_repeated_queue_page_takes_three_queries(claims):
    client = client_for("alice")
    # session, the user with their permissions and unread notifications (claims.auth_backend),
    # the queue's version, reviewers, outlets, the tally, the claims due for re-check (through
    # the re-check date's index), then a page of each language, the desk scale's grades a
    # bulk verdict may record (reviewers), and (reviewers) whether any claim is blind, which
    # the counts would leave out (claims.blind.masked_queue_counts).
    _, first = get(client, QUEUE)
    assert first == 11
    # session, the user with their permissions and unread notifications, the queue's version:
    # the page below the header comes from the cache.
    _, again = get(client, QUEUE)
    assert again == 3
    # A language filter reads one language's claims only (and its due claims).
    _, filtered = get(client, QUEUE + "?status=unreviewed&language=ko")
    assert filtered == 10


def test_a_verdict_shows_in_the_queue_at_once(claims, team):
    client = client_for("alice")
    html, _ = get(client, QUEUE)
    assert count_of(html, "verified") == 0
    get(client, QUEUE)
    claim_record_verdict(
        claim=claims[0],
        reviewer=team["bob"],
        verdict="verified",
        sources=[SourceInput("https://stats.example/t")],
    )
    html, _ = get(client, QUEUE)
    assert count_of(html, "verified") == 1
    claim_dismiss(claim=claims[1], actor=team["bob"], reason="an opinion")
    html, _ = get(client, QUEUE)
    assert count_of(html, "dismissed") == 1


def test_deleted_claims_and_edited_articles_show_at_once(claims):
    client = client_for("alice")
    html, _ = get(client, QUEUE)
    assert count_of(html, "unreviewed") == 5
    Claim.objects.filter(pk=claims[0].pk).delete()
    html, _ = get(client, QUEUE)
    assert count_of(html, "unreviewed") == 4
    article = Article.objects.get(pk=claims[4].article_id)
    article.title = "A corrected title"
    article.save()
    html, _ = get(client, QUEUE)
    assert "A corrected title" in html


def test_each_editor_gets_a_working_csrf_token_from_the_cached_page(claims, team):
    make_user("edna", "editor")
    tokens = []
    for name in ("erin", "edna"):
        client = client_for(name, enforce_csrf_checks=True)
        html, _ = get(client, QUEUE)
        form = html[html.index('id="assign-form"') :]
        token = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[0]
        tokens.append(token)
        response = client.post(
            reverse("claims:queue_assign"),
            {"csrfmiddlewaretoken": token, "claim": [claims[0].pk], "assignee": team["bob"].pk},
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]
    assert Claim.objects.get(pk=claims[0].pk).assigned_to == team["bob"]


def test_a_reviewer_and_an_editor_do_not_share_a_cached_page(claims):
    editor_html, _ = get(client_for("erin"), QUEUE)
    reviewer_html, _ = get(client_for("alice"), QUEUE)
    assert 'id="assign-form"' in editor_html
    assert 'id="assign-form"' not in reviewer_html
    assert "<!--claimdesk:csrf-->" not in editor_html + reviewer_html


def test_the_article_page_takes_five_queries_then_three(claims):
    # session, the user with their permissions and unread notifications, the article with its
    # outlet and its version (its claims' last change, its revisions and how many are
    # flagged: none, so no query for their numbers), its revision, its claims.
    client = client_for("alice")
    url = reverse("claims:article", args=[claims[0].article_id])
    _, n = get(client, url)
    assert n == 5
    # Again: session, user, the article with its version; the rest from the cache.
    _, n = get(client, url)
    assert n == 3


def test_a_conflict_found_across_articles_shows_in_the_cached_queue_at_once(claims):
    """The conflict mark reads the canonical claim, which changes without its claims."""
    from claims.models import CanonicalClaim

    canonical = CanonicalClaim.objects.create(text=claims[0].text)
    Claim.objects.filter(pk=claims[0].pk).update(canonical=canonical)
    client = client_for("alice")
    html, _ = get(client, QUEUE)
    assert 'class="conflict-mark"' not in html
    get(client, QUEUE)
    canonical.conflict = True
    canonical.save(update_fields=["conflict", "updated_at"])
    html, _ = get(client, QUEUE)
    assert html.count('class="conflict-mark"') == 1
