"""Blind review (issue 21 item 7; the rule in ``claims/blind.py``): on a blind claim (an
editor marked it, or the desk reviews blind), a reviewer who has not recorded a verdict of
their own sees no other reviewer's verdict, source or note, in the panel, the history, the
API and the exports, and is shown "in review" rather than the status others' verdicts made.
Once they have recorded their own, they see everything; editors always do."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from claims import blind
from claims.models import Claim, ClaimEvent
from claims.services import SourceInput, claim_record_verdict, claim_set_blind
from tests.factories import client_for, make_article, make_claims, token_client
from tests.test_queue_exports import body_of
from tests.test_ui_views import HTMX, verdict_data

pytestmark = pytest.mark.django_db

SECRET_URL = "https://secret-source.example/alice"
SECRET_NOTE = "checked against the private ledger"


@pytest.fixture
def judged(team: dict[str, Any]) -> Claim:
    """A claim marked blind by erin, which alice has verified with a source and a note."""
    claim = make_claims(make_article(sentences=["Exports rose 12 percent in 2024."]))[0]
    claim_set_blind(claim=claim, actor=team["erin"], blind=True)
    claim_record_verdict(
        claim=claim,
        reviewer=team["alice"],
        verdict="verified",
        note=SECRET_NOTE,
        sources=[SourceInput(url=SECRET_URL, title="Alice's table")],
    )
    return Claim.objects.get(pk=claim.pk)


def _title_and_history(panel: str) -> str:
    """The panel's heading (with the status) and its history: where verdicts would show."""
    history = panel.split('<ol class="history">')[-1].split("</ol>")[0]
    return panel.split("</h2>")[0] + history


def _panel(name: str, claim: Claim) -> str:
    response = client_for(name).get(reverse("claims:claim", args=[claim.pk]), **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_sees_no_other_verdict_source_or_note_before_recording_their_own(judged):
    panel = _panel("bob", judged)
    assert SECRET_URL not in panel and SECRET_NOTE not in panel
    shown = _title_and_history(panel)
    assert "st-verified" not in shown  # neither the status nor alice's verdict in the history
    assert "st-in_review" in shown and "Blind review" in panel


def test_the_reviewer_sees_everything_once_their_verdict_is_recorded(judged):
    client = client_for("bob")
    response = client.post(
        reverse("claims:verdict", args=[judged.pk]), verdict_data("disputed"), **HTMX
    )
    assert response.status_code == 200
    panel = response.content.decode()
    assert SECRET_URL in panel and SECRET_NOTE in panel
    assert Claim.objects.get(pk=judged.pk).status == "contested"
    assert "st-contested" in panel


def test_editors_and_the_author_always_see_everything(judged):
    for name in ("erin", "alice"):
        panel = _panel(name, judged)
        assert SECRET_URL in panel and SECRET_NOTE in panel
        assert "st-verified" in _title_and_history(panel)


def test_a_claim_not_marked_blind_shows_the_verdicts(team, claim):
    claim_record_verdict(
        claim=claim, reviewer=team["alice"], verdict="verified", sources=[SourceInput(SECRET_URL)]
    )
    assert SECRET_URL in _panel("bob", claim)


def test_the_desk_setting_makes_every_claim_blind(team, claim, settings):
    claim_record_verdict(
        claim=claim, reviewer=team["alice"], verdict="verified", sources=[SourceInput(SECRET_URL)]
    )
    settings.CLAIMDESK_BLIND_REVIEW = True
    assert not Claim.objects.get(pk=claim.pk).blind
    assert SECRET_URL not in _panel("bob", claim)
    assert "The desk reviews every claim blind." in _panel("erin", claim)


def test_the_history_hides_events_that_tell_of_a_verdict(judged):
    ClaimEvent.objects.create(
        claim=judged,
        action=ClaimEvent.Action.RECHECK_DUE,
        detail={"due": "2025-01-01", "status": "verified"},
    )
    panel = _panel("bob", judged)
    assert "Due for re-check (date" not in panel
    assert "Marked for blind review by an editor" in panel  # what does not tell stays
    assert "Due for re-check (date" in _panel("erin", judged)


def test_an_editor_marks_a_claim_blind_in_the_panel_and_a_reviewer_cannot(team, claim):
    url = reverse("claims:blind", args=[claim.pk])
    assert client_for("alice").post(url, {"blind": "on"}, **HTMX).status_code == 403
    assert not Claim.objects.get(pk=claim.pk).blind
    response = client_for("erin").post(url, {"blind": "on"}, **HTMX)
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim.pk).blind
    client_for("erin").post(url, {}, **HTMX)
    assert not Claim.objects.get(pk=claim.pk).blind
    details = list(
        ClaimEvent.objects.filter(claim=claim, action="blind_set")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == [{"blind": True}, {"blind": False}]


def test_the_api_detail_hides_verdicts_and_sources_until_the_reviewers_own(
    team, judged, django_assert_max_num_queries
):
    client = token_client(team["bob"])
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/v1/claims/{judged.pk}/").json()
    assert body["verdicts"] == [] and body["sources"] == [] and body["reviewed_at"] is None
    assert body["status"] == "unreviewed"
    assert SECRET_URL not in json.dumps(body)
    claim_record_verdict(
        claim=judged, reviewer=team["bob"], verdict="verified", sources=[SourceInput(SECRET_URL)]
    )
    body = client.get(f"/api/v1/claims/{judged.pk}/").json()
    assert len(body["verdicts"]) == 2 and body["status"] == "verified"


def test_viewers_and_editors_read_the_full_record_through_the_api(team, judged):
    for name in ("victor", "erin"):
        body = token_client(team[name]).get(f"/api/v1/claims/{judged.pk}/").json()
        assert body["status"] == "verified" and body["verdicts"][0]["note"] == SECRET_NOTE


def test_the_api_list_masks_hidden_claims_and_a_status_filter_leaves_them_out(
    team, judged, claims, django_assert_max_num_queries
):
    client = token_client(team["bob"])
    with django_assert_max_num_queries(14):
        listed = client.get("/api/v1/claims/").json()["results"]
    assert len(listed) == 4
    mine = next(r for r in listed if r["id"] == judged.pk)
    assert mine["status"] == "unreviewed" and mine["sources"] == []
    assert SECRET_URL not in json.dumps(listed)
    assert client.get("/api/v1/claims/?status=verified").json()["results"] == []
    shared = token_client(team["victor"]).get("/api/v1/claims/?status=verified").json()
    assert [r["id"] for r in shared["results"]] == [judged.pk]  # cached pages kept apart


def test_the_exports_leave_out_claims_hidden_from_the_reviewer(team, judged):
    client = token_client(team["bob"])
    for path in ("export/claims.csv", "export/claims.jsonl", "export/claimreview.jsonld"):
        body = b"".join(client.get(f"/api/v1/{path}").streaming_content).decode("utf-8-sig")
        assert SECRET_URL not in body and judged.text not in body, path
    editor = token_client(team["erin"]).get("/api/v1/export/claims.jsonl")
    assert SECRET_URL in b"".join(editor.streaming_content).decode()
    review = client.get(f"/api/v1/claims/{judged.pk}/claimreview/")
    assert review.status_code == 404 and "blind review" in review.json()["detail"]


def test_the_queue_and_the_article_page_show_in_review_to_the_blind_reviewer(judged):
    client = client_for("bob")
    queue = client.get(reverse("claims:queue") + "?status=all").content.decode()
    rows = queue[queue.index("<tbody") : queue.index("</tbody>")]
    assert judged.text in rows and "st-in_review" in rows and "st-verified" not in rows
    verified = client.get(reverse("claims:queue") + "?status=verified").content.decode()
    assert judged.text not in verified
    page = client.get(reverse("claims:article", args=[judged.article_id])).content.decode()
    assert "st-in_review" in page and 'data-status="verified" data-count="0"' in page
    editor = client_for("erin").get(reverse("claims:queue") + "?status=verified").content
    assert judged.text in editor.decode()


def test_the_rule_as_a_queryset_filter(team, judged, claim):
    hidden = blind.hidden_claims_q(team["bob"])
    assert hidden is not None
    assert list(Claim.objects.filter(hidden)) == [judged]
    assert blind.hidden_claims_q(team["erin"]) is None
    assert blind.hidden_claims_q(team["victor"]) is None
    assert blind.hides(team["bob"], judged) and not blind.hides(team["alice"], judged)


def test_whether_anything_may_be_hidden_follows_the_blind_marks_in_the_database(team, claim):
    assert not blind.any_claim_blind()
    assert not blind.may_hide_anything(team["bob"])
    claim_set_blind(claim=claim, actor=team["erin"], blind=True)
    assert blind.any_claim_blind()
    assert blind.may_hide_anything(team["bob"])
    assert not blind.may_hide_anything(team["erin"])  # an editor sees everything
    claim_set_blind(claim=Claim.objects.get(pk=claim.pk), actor=team["erin"], blind=False)
    assert not blind.any_claim_blind()


def test_a_hidden_verdicts_source_archive_is_not_found_for_the_blind_reviewer(team, judged):
    from claims.models import Source

    source = Source.objects.get(verdict__claim=judged)
    url = f"/api/v1/sources/{source.pk}/archive/"
    assert token_client(team["bob"]).get(url).status_code == 404
    assert token_client(team["erin"]).get(url).status_code == 200
    page = client_for("bob").get(reverse("claims:source_archive", args=[source.pk]))
    assert page.status_code == 404


def test_the_queue_downloads_leave_out_a_claim_hidden_from_the_reader(judged):
    """A download row carries the latest verdict (reviewer, note, sources): a blind claim
    is left out of a reviewer's download until their own verdict is in."""
    for name, shown in (("bob", False), ("erin", True)):
        client = client_for(name)
        response = client.get(reverse("claims:queue_csv"), {"status": "all"})
        body = body_of(response).decode()
        assert (SECRET_NOTE in body) is shown
        assert (str(judged.text) in body) is shown
    alice = body_of(
        client_for("alice").get(reverse("claims:queue_jsonl"), {"status": "all"})
    ).decode()
    assert SECRET_NOTE in alice  # her own verdict


def test_other_reviewers_comments_stay_hidden_until_the_readers_verdict(judged, team):
    from claims.comments import comment_post

    comment_post(claim=judged, author=team["alice"], body="The ledger says 12.4 percent.")
    comment_post(claim=judged, author=team["bob"], body="Looking at customs data.")
    panel = _panel("bob", judged)
    assert "ledger says" not in panel and "Looking at customs data." in panel
    api = token_client(team["bob"]).get(f"/api/v1/claims/{judged.pk}/comments/")
    assert [c["author"] for c in api.json()] == ["bob"]
    claim_record_verdict(claim=judged, reviewer=team["bob"], verdict="unverifiable")
    assert "ledger says" in _panel("bob", judged)
    api = token_client(team["bob"]).get(f"/api/v1/claims/{judged.pk}/comments/")
    assert [c["author"] for c in api.json()] == ["alice", "bob"]
    assert "ledger says" in _panel("erin", judged)


# What else could tell a blind reviewer what others decided (the fixes follow-up) ----------


def _count(queue: str, status: str) -> int:
    """The number on the queue's link for ``status`` (its ``st-<status>`` class)."""
    import re

    found = re.search(rf'class="st-{status}[^"]*"[^>]*>.*?<b>(\d+)</b>', queue, re.S)
    assert found is not None, status
    return int(found.group(1))


def test_the_queue_counts_give_no_hidden_decided_status(team, judged, claim):
    """bob's verified link counts what it lists: not the claim whose verdict he may not see,
    which stays counted under "All" (it is listed there, "in review")."""
    url = reverse("claims:queue")
    for query in ("", "?status=all", "?language=en", "?kind=" + judged.kind):
        bob = client_for("bob").get(url + query).content.decode()
        erin = client_for("erin").get(url + query).content.decode()
        assert _count(bob, "verified") == 0 and _count(erin, "verified") == 1, query
        assert _count(bob, "all") == _count(erin, "all") == 2, query
    # Once contested, the claim is open work for everyone, "in review" to bob.
    claim_record_verdict(claim=judged, reviewer=team["erin"], verdict="unverifiable")
    bob = client_for("bob").get(url).content.decode()
    assert _count(bob, "contested") == 0 and _count(bob, "open") == 2
    assert _count(client_for("erin").get(url).content.decode(), "contested") == 1


def _grouped_with(judged: Claim, team: dict[str, Any]) -> Claim:
    from claims.canonical import claims_group

    other = make_claims(make_article(sentences=["Exports grew 12 percent in 2024, data show."]))[0]
    claims_group(claim=other, other=judged, actor=team["erin"])
    return Claim.objects.get(pk=other.pk)


def test_the_same_fact_list_shows_no_hidden_appearances_status(team, judged):
    other = _grouped_with(judged, team)
    panel = _panel("bob", other)
    same = panel.split('class="same-fact"')[1].split("</section>")[0]
    assert f"#{judged.pk}" in same
    assert "st-verified" not in same and "st-in_review" in same
    assert "Apply its verdict here" not in same
    apply = reverse("claims:apply_verdict", args=[other.pk, judged.pk])
    assert client_for("bob").post(apply, **HTMX).status_code == 404
    assert not other.verdicts.exists()
    assert (
        "st-verified" in _panel("erin", other).split('class="same-fact"')[1].split("</section>")[0]
    )
    canonical = Claim.objects.get(pk=judged.pk).canonical_id
    for url in (f"/api/v1/canonical-claims/{canonical}/", "/api/v1/canonical-claims/"):
        bob = json.dumps(token_client(team["bob"]).get(url).json())
        erin = json.dumps(token_client(team["erin"]).get(url).json())
        assert '"status": "verified"' not in bob and '"status": "verified"' in erin, url


def test_a_mention_on_a_hidden_claim_carries_no_text_to_the_blind_reviewer(
    team, judged, django_capture_on_commit_callbacks
):
    """alice's comment is hidden from bob until his verdict: the notification of her
    mention of him carries none of its text (inbox, API, e-mail); erin's carries it."""
    from django.core import mail

    from claims.comments import comment_post
    from claims.inbox_models import InboxSettings, Notification

    for name in ("bob", "erin"):
        team[name].email = f"{name}@desk.example"
        team[name].save()
        InboxSettings.objects.create(user=team[name], email=True, language="en")
    body = "@bob @erin the ledger says 12.4 percent, I verified it."
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(claim=judged, author=team["alice"], body=body)
    bob = Notification.objects.get(recipient=team["bob"])
    erin = Notification.objects.get(recipient=team["erin"])
    assert "ledger" not in json.dumps(bob.data) and "ledger" in erin.data["excerpt"]
    inbox = client_for("bob").get(reverse("claims:inbox")).content.decode()
    assert "ledger" not in inbox and f"#{judged.pk}" in inbox
    api = json.dumps(token_client(team["bob"]).get("/api/v1/notifications/").json())
    assert "ledger" not in api and f"#{judged.pk}" in api
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"bob@desk.example", "erin@desk.example"}
    assert "ledger" not in by_address["bob@desk.example"].body
    assert "ledger" in by_address["erin@desk.example"].body
