"""The admin console: changelists in a constant number of queries, inlines, bulk actions."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Feed, FeedEntry, IngestJob
from claims.models import Claim, ClaimEvent, ClaimStatus
from claims.services import SourceInput, claim_record_verdict
from tests.factories import make_article, make_claims

SOURCE = SourceInput(url="https://stats.example/t1", title="Table 1 <b>")
CHANGELISTS = [
    "claims/claim",
    "claims/verdict",
    "claims/source",
    "claims/claimevent",
    "articles/article",
    "articles/articlerevision",
    "articles/outlet",
    "articles/feed",
    "articles/feedentry",
    "articles/ingestjob",
]


@pytest.fixture
def admin_client(client, team):
    root = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(root)
    return client


def populate(team, n: int) -> None:
    for i in range(n):
        article = make_article(outlet=f"Outlet {i % 5}")
        for claim in make_claims(article):
            claim_record_verdict(
                claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE]
            )
        feed = Feed.objects.create(url=f"https://feeds.example/{article.pk}.xml")
        FeedEntry.objects.create(feed=feed, guid="1", url=article.url, article=article)
        IngestJob.objects.create(source=article.url, created_by=team["erin"])


def changelist_queries(admin_client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/admin/{path}/")
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize("path", CHANGELISTS)
def test_changelist_takes_the_same_number_of_queries_for_3_or_30_rows(team, admin_client, path):
    populate(team, 3)
    few = changelist_queries(admin_client, path)
    populate(team, 27)
    assert changelist_queries(admin_client, path) == few


def test_claim_page_shows_verdicts_with_sources_and_the_history(team, admin_client):
    [claim] = make_claims(make_article())
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    admin_client.post(
        "/admin/claims/claim/",
        {"action": "assign_to_me", "_selected_action": [claim.pk]},
    )
    html = admin_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert 'href="https://stats.example/t1"' in html
    assert "Table 1 &lt;b&gt;" in html, "source titles are escaped"
    assert "assigned" in html


def test_article_page_lists_its_claims(team, admin_client):
    article = make_article(sentences=["One costs 5 won.", "Two costs 6 won."])
    make_claims(article)
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "One costs 5 won." in html and "Two costs 6 won." in html


def test_assign_to_me_records_who_assigned(team, client):
    claims = make_claims(make_article(sentences=["One costs 5 won.", "Two costs 6 won."]))
    alice = team["erin"]  # an editor: reviewers work in the review interface
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    response = client.post(
        "/admin/claims/claim/",
        {"action": "assign_to_me", "_selected_action": [c.pk for c in claims]},
        follow=True,
    )
    assert "2 claims assigned to you." in response.content.decode()
    assert set(Claim.objects.values_list("assigned_to", flat=True)) == {alice.pk}
    events = ClaimEvent.objects.filter(action=ClaimEvent.Action.ASSIGNED)
    assert {e.actor_id for e in events} == {alice.pk} and events.count() == 2


def test_bulk_dismiss_goes_through_the_service_and_records_who(team, admin_client):
    claims = make_claims(make_article(sentences=["One costs 5 won.", "Two costs 6 won."]))
    admin_client.post(
        "/admin/claims/claim/",
        {"action": "dismiss", "_selected_action": [c.pk for c in claims]},
    )
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.DISMISSED}
    events = ClaimEvent.objects.filter(action=ClaimEvent.Action.DISMISSED)
    assert events.count() == 2
    assert {e.actor.get_username() for e in events if e.actor} == {"root"}


def test_staff_without_the_reviewer_role_cannot_run_review_actions(team, client):
    victor = team["victor"]
    victor.is_staff = True
    victor.save()
    client.force_login(victor)
    [claim] = make_claims(make_article())
    response = client.get("/admin/claims/claim/")
    assert response.status_code == 302  # the console is for editors and admins
    client.post("/admin/claims/claim/", {"action": "dismiss", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


def test_verdicts_cannot_be_edited_or_added_in_the_admin(team, admin_client):
    [claim] = make_claims(make_article())
    verdict = claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="unverifiable")
    page = admin_client.get(f"/admin/claims/verdict/{verdict.pk}/change/").content.decode()
    assert 'name="note"' not in page
    assert admin_client.get("/admin/claims/verdict/add/").status_code == 403


def test_reextract_action_runs_the_extractor_and_records_who(team, admin_client):
    from django.contrib.admin.models import LogEntry

    article = make_article(sentences=["The city spent $5 million on roads in 2024."])
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "reextract", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Re-extraction queued for 1 article." in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(article.pk), user__username="root")
    assert "Re-extraction" in entry.get_change_message()
    # Without workers the re-extraction runs at once: the sentence is a claim now.
    assert Claim.objects.filter(article=article, text__contains="$5 million").exists()
