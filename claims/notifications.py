"""The in-app inbox and its e-mail: who hears of what.

Notifications come from the desk's events (``claims.signals.desk_event``: assigned to you,
a claim you reviewed became contested or was settled by an editor) and from comments that
mention you (``claims.comments``). Nobody is notified of their own action. A user who
turned e-mail on in their inbox also gets each notification by e-mail, in the language
they used then, sent once the write has committed: by a worker when one runs, else at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from articles.models import MAX_ID
from claims.inbox_models import InboxSettings, Notification, NotificationKind
from claims.models import Claim, ClaimStatus, Verdict

log = logging.getLogger(__name__)


def notify(
    *,
    recipients: Iterable[int],
    kind: str,
    claim: Claim,
    actor: Any = None,
    data: dict[str, Any] | None = None,
) -> list[Notification]:
    """One notification for each active recipient but the actor; e-mail after commit."""
    ids = set(recipients) - {getattr(actor, "pk", None)}
    if not ids:
        return []
    active = get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk")
    rows = Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, claim=claim, actor=actor, data=data or {})
        for pk in active.values_list("pk", flat=True)
    )
    made = [n.pk for n in rows]
    if made:
        # robust: an unreachable mail server is logged, never an error for the write.
        transaction.on_commit(lambda: queue_emails(made), robust=True)
    return rows


def _reviewers(claim: Claim) -> set[int]:
    return set(Verdict.objects.filter(claim=claim).values_list("reviewer_id", flat=True))


def on_desk_event(
    sender: Any, *, event: str, data: dict[str, Any], actor: Any = None, **rows: Any
) -> None:
    """``desk_event`` receiver: the events that concern a user become their notifications."""
    claim = rows.get("claim")
    if claim is None:
        return
    if event == "claim.assigned" and data.get("assignee_id"):
        notify(
            recipients=[data["assignee_id"]],
            kind=NotificationKind.ASSIGNED,
            claim=claim,
            actor=actor,
        )
    elif event == "claim.status_changed" and data.get("status") == ClaimStatus.CONTESTED:
        notify(
            recipients=_reviewers(claim),
            kind=NotificationKind.CONTESTED,
            claim=claim,
            actor=actor,
            data={"previous": data.get("previous")},
        )
    elif event == "verdict.created" and data.get("settles"):
        notify(
            recipients=_reviewers(claim),
            kind=NotificationKind.SETTLED,
            claim=claim,
            actor=actor,
            data={"verdict": data.get("verdict")},
        )


# Reading ----------------------------------------------------------------------------------

INBOX_SIZE = 100


def unread_count(user: Any) -> int:
    return Notification.objects.unread().filter(recipient=user).count()


@dataclass(frozen=True, slots=True)
class InboxPage:
    rows: list[Notification]
    older: str  # the position to ask for the next (older) page from; empty at the oldest


def inbox_position(notification: Notification) -> str:
    """A keyset position in the inbox's order: the row's time (microseconds) and id."""
    when = notification.created_at
    micros = int(when.timestamp()) * 1_000_000 + when.microsecond
    return f"{micros}.{notification.pk}"


def parse_position(raw: str) -> tuple[datetime, int] | None:
    micros, dot, pk = raw.partition(".")
    if not dot or not micros.isdecimal() or not pk.isdecimal() or len(raw) > 40:
        return None
    seconds, rest = divmod(int(micros), 1_000_000)
    try:
        when = datetime.fromtimestamp(seconds, tz=UTC).replace(microsecond=rest)
    except (OverflowError, OSError, ValueError):
        return None
    return (when, int(pk)) if int(pk) <= MAX_ID else None  # no row id is larger


def inbox(user: Any, *, before: str = "", limit: int = INBOX_SIZE) -> InboxPage:
    """A page of the user's notifications, newest first, with their claims and actors: the
    newest, or those after ``before`` (``InboxPage.older`` of the page above) in that order
    (one query, through the recipient's time index, however far back)."""
    rows = (
        Notification.objects.filter(recipient=user)
        .select_related("claim", "actor")
        .defer("claim__match_features", "claim__figures")
        .order_by("-created_at", "-id")
    )
    position = parse_position(before) if before else None
    if position is not None:
        when, pk = position
        rows = rows.filter(Q(created_at__lt=when) | Q(created_at=when, pk__lt=pk))
    page = list(rows[: limit + 1])
    older = inbox_position(page[limit - 1]) if len(page) > limit else ""
    return InboxPage(page[:limit], older)


def mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read (those of ``ids``, or all): how many."""
    rows = Notification.objects.unread().filter(recipient=user)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def set_email(*, user: Any, email: bool, language: str) -> InboxSettings:
    found, _created = InboxSettings.objects.update_or_create(
        user=user, defaults={"email": email, "language": language}
    )
    return found


def describe(notification: Notification) -> str:
    """What happened, as a sentence in the active language (plain text, escape to show)."""
    who = notification.actor.get_username() if notification.actor else _("The desk")
    values = {"who": who, "id": notification.claim_id}
    if notification.kind == NotificationKind.ASSIGNED:
        return _("%(who)s assigned claim #%(id)s to you") % values
    if notification.kind == NotificationKind.MENTIONED and notification.data.get("blind"):
        return (
            _(
                "%(who)s mentioned you in a comment on claim #%(id)s, under blind review: "
                "the comment shows once you have recorded your own verdict"
            )
            % values
        )
    if notification.kind == NotificationKind.MENTIONED:
        return _("%(who)s mentioned you in a comment on claim #%(id)s") % values
    if notification.kind == NotificationKind.CONTESTED:
        return _("Claim #%(id)s, which you reviewed, is contested: reviewers disagree") % values
    return _("%(who)s settled claim #%(id)s, which you reviewed") % values


# E-mail ----------------------------------------------------------------------------------


def queue_emails(ids: list[int]) -> None:
    """Send the e-mail of these notifications on a worker, or here when none is reachable."""
    try:
        send_notification_emails_task.delay(ids)
    except BrokerError:
        log.warning("no worker reachable: sending %d notification e-mail(s) here", len(ids))
        send_notification_emails(ids)


def _message(notification: Notification) -> EmailMessage:
    recipient = notification.recipient
    language = recipient.inbox_settings.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = describe(notification)
        url = settings.CLAIMDESK_SITE_URL + reverse("claims:claim", args=[notification.claim_id])
        lines = [subject + ".", "", f"«{notification.claim.text}»"]
        if notification.kind == NotificationKind.MENTIONED:
            lines += ["", notification.data.get("excerpt", "")]
        lines += ["", _("Open the claim: %(url)s") % {"url": url}, "", "-- ", _("Claimdesk")]
        footer = _("You get these e-mails because you turned them on in your inbox.")
        return EmailMessage(
            subject=f"[Claimdesk] {subject}",
            body="\n".join([*lines, footer]),
            to=[recipient.email],
        )


def send_notification_emails(ids: list[int]) -> int:
    """E-mail each of these notifications whose recipient wants e-mail: how many were sent."""
    rows = (
        Notification.objects.filter(
            pk__in=ids, recipient__inbox_settings__email=True, recipient__is_active=True
        )
        .exclude(recipient__email="")
        .select_related("recipient__inbox_settings", "actor", "claim")
        .order_by("pk")
    )
    messages = [_message(n) for n in rows]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


@shared_task(ignore_result=True)
def send_notification_emails_task(ids: list[int]) -> int:
    return send_notification_emails(ids)
