"""Notifications (issue 19): assigned to you, mentioned, a claim you reviewed contested or
settled; never for your own action; the inbox page and the header's unread count (one query
at most); marking read; the API; and e-mail for those who turn it on, in their language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from claims.comments import comment_post
from claims.inbox_models import InboxSettings, Notification
from claims.services import SourceInput, claim_assign, claim_record_verdict
from tests.factories import client_for, token_client

SOURCE = SourceInput(url="https://stats.example/report", title="Report")


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the on-commit work (desk events, e-mail) of what the block writes."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def kinds(user: Any) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_assigning_a_claim_notifies_the_assignee_only(team, claim, committed):
    with committed():
        claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])
    assert kinds(team["bob"]) == ["assigned"]
    row = Notification.objects.get()
    assert row.claim_id == claim.pk and row.actor_id == team["erin"].pk and row.read_at is None


def test_assigning_yourself_notifies_nobody(team, claim, committed):
    with committed():
        claim_assign(claim=claim, actor=team["erin"], assignee=team["erin"])
    assert not Notification.objects.exists()


def test_a_mention_notifies_the_mentioned_with_the_comment(team, claim, committed):
    with committed():
        comment = comment_post(claim=claim, author=team["alice"], body="@bob @erin look")
    assert kinds(team["bob"]) == ["mentioned"] and kinds(team["erin"]) == ["mentioned"]
    assert Notification.objects.filter(recipient=team["bob"]).get().data["comment"] == comment.pk
    assert kinds(team["alice"]) == []


def test_a_claim_becoming_contested_notifies_its_earlier_reviewers(team, claim, committed):
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    with committed():
        claim_record_verdict(
            claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE]
        )
    assert kinds(team["alice"]) == ["contested"]
    assert kinds(team["bob"]) == []  # his own verdict made it contested


def test_an_editors_settlement_notifies_the_reviewers_but_not_the_editor(team, claim, committed):
    claim_record_verdict(claim=claim, reviewer=team["alice"], verdict="verified", sources=[SOURCE])
    claim_record_verdict(claim=claim, reviewer=team["bob"], verdict="disputed", sources=[SOURCE])
    with committed():
        claim_record_verdict(
            claim=claim, reviewer=team["erin"], verdict="verified", sources=[SOURCE], settles=True
        )
    assert kinds(team["alice"]) == ["settled"] and kinds(team["bob"]) == ["settled"]
    assert kinds(team["erin"]) == []


def test_nothing_is_notified_when_the_write_rolls_back(team, claim):
    # No commit in this test's transaction: the events never fire.
    claim_assign(claim=claim, actor=team["erin"], assignee=team["bob"])
    assert not Notification.objects.exists()


# --- The inbox page and the header ------------------------------------------------------------


def _mention(team: dict[str, Any], claim: Any, committed: Any, who: str = "bob") -> None:
    with committed():
        comment_post(claim=claim, author=team["alice"], body=f"@{who} please check")


def test_the_header_shows_the_unread_count_and_the_inbox_lists_it(team, claim, committed):
    _mention(team, claim, committed)
    client = client_for("bob")
    page = client.get(reverse("claims:queue")).content.decode()
    assert 'class="unread-count" aria-hidden="true">1</span>' in page
    inbox = client.get(reverse("claims:inbox")).content.decode()
    assert f"alice mentioned you in a comment on claim #{claim.pk}" in inbox
    assert "@bob please check" in inbox
    assert 'class="unread-count"' not in client_for("alice").get("/").content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_claims_panel(team, claim, committed):
    _mention(team, claim, committed)
    notification = Notification.objects.get()
    response = client_for("bob").get(reverse("claims:inbox_open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(claim.get_absolute_url() + "#comment-")
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_nobody_opens_anothers_notification(team, claim, committed):
    _mention(team, claim, committed)
    notification = Notification.objects.get()
    assert (
        client_for("erin").get(reverse("claims:inbox_open", args=[notification.pk])).status_code
        == 404
    )
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_mark_one_and_mark_all_read(team, claims, committed):
    for claim in claims:
        _mention(team, claim, committed)
    first, *rest = Notification.objects.order_by("pk")
    client = client_for("bob")
    client.post(reverse("claims:inbox_read"), {"id": [first.pk]})
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.unread().count() == len(rest) == 2
    client.post(reverse("claims:inbox_read"), {"all": "1"})
    assert Notification.objects.unread().count() == 0


@pytest.mark.parametrize("n", [1, 25])
def test_the_unread_count_costs_one_query_a_page(
    team, claims, committed, n, django_assert_max_num_queries
):
    for i in range(n):
        _mention(team, claims[i % 3], committed)
    client = client_for("bob")
    for url in (reverse("claims:dashboard"), reverse("claims:queue"), claims[0].get_absolute_url()):
        with django_assert_max_num_queries(60) as captured:
            page = client.get(url).content.decode()
        assert f'class="unread-count" aria-hidden="true">{n}</span>' in page
        asked = [q["sql"] for q in captured.captured_queries if "claims_notification" in q["sql"]]
        assert len(asked) == 1, url


@pytest.mark.parametrize("n", [1, 25])
def test_the_inbox_page_takes_the_same_queries_however_many(
    team, claims, committed, n, django_assert_max_num_queries
):
    for i in range(n):
        _mention(team, claims[i % 3], committed)
    client = client_for("bob")
    client.get(reverse("claims:inbox"))
    with django_assert_max_num_queries(9):
        page = client.get(reverse("claims:inbox")).content.decode()
    assert page.count('class="notification unread"') == n


def test_the_queue_page_cache_still_serves_and_the_count_stays_fresh(team, claim, committed):
    client = client_for("bob")
    first = client.get(reverse("claims:queue")).content.decode()
    assert 'class="unread-count"' not in first
    _mention(team, claim, committed)  # a comment does not change the queue's version
    again = client.get(reverse("claims:queue")).content.decode()
    assert 'class="unread-count" aria-hidden="true">1</span>' in again


# --- The API ----------------------------------------------------------------------------------


def test_the_api_lists_the_callers_own_notifications_newest_first(team, claims, committed):
    _mention(team, claims[0], committed)
    _mention(team, claims[1], committed)
    _mention(team, claims[2], committed, who="erin")
    body = token_client(team["bob"]).get(reverse("api:notifications")).json()
    assert body["unread"] == 2
    assert [n["claim"] for n in body["results"]] == [claims[1].pk, claims[0].pk]
    first = body["results"][0]
    assert first["kind"] == "mentioned" and first["actor"] == "alice" and first["read"] is False
    assert "mentioned you" in first["text"]


def test_the_api_marks_read_by_ids_or_all(team, claims, committed):
    for claim in claims:
        _mention(team, claim, committed)
    api = token_client(team["bob"])
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
    marked = api.post(reverse("api:notifications-read"), {"ids": ids[:1]}, format="json").json()
    assert marked == {"marked": 1, "unread": 2}
    assert Notification.objects.get(pk=ids[0]).read_at is not None
    rest = api.post(reverse("api:notifications-read"), {"all": True}, format="json").json()
    assert rest == {"marked": 2, "unread": 0}
    listed = api.get(reverse("api:notifications")).json()
    assert listed["unread"] == 0 and all(n["read"] for n in listed["results"])


def test_marking_anothers_notifications_read_changes_nothing(team, claim, committed):
    _mention(team, claim, committed)
    ids = [Notification.objects.get().pk]
    answer = token_client(team["erin"]).post(
        reverse("api:notifications-read"), {"ids": ids}, format="json"
    )
    assert answer.json()["marked"] == 0
    assert Notification.objects.get().read_at is None


def test_the_api_index_names_the_notifications(team):
    index = token_client(team["bob"]).get("/api/v1/").json()
    assert index["notifications"].endswith("/api/v1/notifications/")


def test_the_api_read_needs_ids_or_all(team):
    answer = token_client(team["bob"]).post(reverse("api:notifications-read"), {}, format="json")
    assert answer.status_code == 400


@pytest.mark.parametrize("n", [1, 30])
def test_the_notification_list_takes_the_same_queries_however_many(
    team, claims, committed, n, django_assert_num_queries
):
    for i in range(n):
        _mention(team, claims[i % 3], committed)
    api = token_client(team["bob"])
    with django_assert_num_queries(3):  # token, the unread count, the page with actors
        response = api.get(reverse("api:notifications"))
    assert len(response.json()["results"]) == n


# --- E-mail -----------------------------------------------------------------------------------


def _email_on(user: Any, language: str) -> None:
    InboxSettings.objects.create(user=user, email=True, language=language)


def test_no_email_unless_the_user_turned_it_on(team, claim, committed):
    team["bob"].email = "bob@desk.example"
    team["bob"].save()
    _mention(team, claim, committed)
    assert mail.outbox == []


def test_email_goes_after_commit_in_the_recipients_language(team, claim, committed, settings):
    settings.CLAIMDESK_SITE_URL = "https://desk.example"
    for name, language in (("bob", "ko"), ("erin", "en")):
        team[name].email = f"{name}@desk.example"
        team[name].save()
        _email_on(team[name], language)
    with committed():
        comment_post(claim=claim, author=team["alice"], body="@bob @erin see this")
        assert mail.outbox == []  # not before the comment has committed
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"bob@desk.example", "erin@desk.example"}
    assert "mentioned you in a comment on claim" in by_address["erin@desk.example"].subject
    korean = by_address["bob@desk.example"]
    assert "댓글" in korean.subject
    assert f"https://desk.example/claims/{claim.pk}/" in korean.body


def test_the_inbox_turns_email_on_in_the_language_in_use(team):
    client = client_for("bob")
    client.cookies["django_language"] = "ko"
    client.post(reverse("claims:inbox_email"), {"email": "on"})
    stored = InboxSettings.objects.get(user=team["bob"])
    assert stored.email is True and stored.language == "ko"
    client.post(reverse("claims:inbox_email"), {})
    assert InboxSettings.objects.get(user=team["bob"]).email is False


def test_email_is_sent_here_when_no_worker_can_be_reached(team, claim, committed, monkeypatch):
    from kombu.exceptions import OperationalError

    from claims import notifications

    def unreachable(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("broker down")

    monkeypatch.setattr(notifications.send_notification_emails_task, "delay", unreachable)
    team["bob"].email = "bob@desk.example"
    team["bob"].save()
    _email_on(team["bob"], "en")
    _mention(team, claim, committed)
    assert [m.to for m in mail.outbox] == [["bob@desk.example"]]
    assert Notification.objects.get().recipient_id == team["bob"].pk


def test_a_mail_server_that_fails_does_not_fail_the_comment(
    team, claim, committed, monkeypatch, caplog
):
    import smtplib

    from claims import notifications

    def refused(*args: Any, **kwargs: Any) -> int:
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(notifications, "send_notification_emails", refused)
    monkeypatch.setattr(notifications.send_notification_emails_task, "delay", refused)
    _email_on(team["bob"], "en")
    with committed():
        comment = comment_post(claim=claim, author=team["alice"], body="@bob hello")
    assert Notification.objects.get().data["comment"] == comment.pk
    assert "mail server went away" in caplog.text


# --- Paging the inbox ----------------------------------------------------------------------------


def _many(team: dict[str, Any], claim: Any, n: int) -> list[int]:
    """``n`` notifications for bob, some sharing a time (the keyset's tie on ids), oldest
    first: their ids."""
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() - timedelta(days=1)
    rows = Notification.objects.bulk_create(
        Notification(recipient=team["bob"], kind="assigned", claim=claim, actor=team["erin"])
        for _ in range(n)
    )
    for i, row in enumerate(rows):  # pairs share a second
        Notification.objects.filter(pk=row.pk).update(created_at=start + timedelta(seconds=i // 2))
    return [row.pk for row in rows]


def _shown_ids(page: str) -> list[int]:
    import re

    return [int(i) for i in re.findall(r'id="notification-(\d+)"', page)]


def test_the_inbox_pages_back_through_every_notification_with_an_older_link(team, claim):
    import re

    from claims.notifications import INBOX_SIZE

    ids = _many(team, claim, INBOX_SIZE * 2 + 5)
    client = client_for("bob")
    url, seen, pages = reverse("claims:inbox"), [], 0
    while url:
        page = client.get(url).content.decode()
        seen += _shown_ids(page)
        pages += 1
        older = re.search(r'<a href="(\?before=[^"]+)" rel="next">Older notifications', page)
        url = reverse("claims:inbox") + older.group(1).replace("&amp;", "&") if older else ""
        if pages > 1:
            assert "« Newest notifications" in page
    assert pages == 3
    assert seen == ids[::-1]  # each once, newest first, ties by id
    first = client.get(reverse("claims:inbox")).content.decode()
    assert f"{len(ids)} unread notifications" in first  # all of them, not the page's


def test_the_inbox_pager_is_in_korean_and_a_bad_position_shows_the_newest(team, claim):
    from claims.notifications import INBOX_SIZE

    ids = _many(team, claim, INBOX_SIZE + 1)
    client = client_for("bob")
    client.cookies["django_language"] = "ko"
    page = client.get(reverse("claims:inbox"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "이전 알림" in page and "Older notifications" not in page
    for bad in ("x", "1.", "99999999999999999999999.1", ".5"):
        shown = _shown_ids(client.get(reverse("claims:inbox"), {"before": bad}).content.decode())
        assert shown == ids[::-1][:INBOX_SIZE], bad


@pytest.mark.parametrize("pages", [1, 3])
def test_an_older_inbox_page_takes_the_same_queries_as_the_first(
    team, claim, pages, django_assert_max_num_queries
):
    import re

    from claims.notifications import INBOX_SIZE

    _many(team, claim, INBOX_SIZE * 3 + 1)
    client = client_for("bob")
    url = reverse("claims:inbox")
    for _ in range(pages):
        page = client.get(url).content.decode()
        url = reverse("claims:inbox") + re.findall(r'href="(\?before=[^"]+)"', page)[0]
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert len(_shown_ids(page)) == (INBOX_SIZE if pages < 3 else 1)


def test_the_api_pages_back_through_the_notifications_with_older(team, claim):
    from claims.notifications import INBOX_SIZE

    ids = _many(team, claim, INBOX_SIZE + 3)
    api = token_client(team["bob"])
    first = api.get(reverse("api:notifications")).json()
    assert [n["id"] for n in first["results"]] == ids[::-1][:INBOX_SIZE]
    assert first["older"] and first["unread"] == len(ids)
    rest = api.get(reverse("api:notifications"), {"before": first["older"]}).json()
    assert [n["id"] for n in rest["results"]] == ids[::-1][INBOX_SIZE:]
    assert rest["older"] is None
    refused = api.get(reverse("api:notifications"), {"before": "yesterday"})
    assert refused.status_code == 400 and "before" in refused.json()
