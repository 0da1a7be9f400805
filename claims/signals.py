"""The desk's events, announced once the write that caused them has committed.

One signal, ``desk_event``, carries every event other parts of Claimdesk react to (the
in-app inbox, e-mail, signed webhooks). Receivers get ``event`` (a dotted name such as
``verdict.created``), ``claim`` or ``canonical`` (the row, as committed), ``actor`` (the
user who acted, or None for the system) and ``data`` (a JSON-ready dict of the event's
details). Sent on commit, so a receiver never sees a write that was rolled back, and a
receiver's failure never undoes the write.

Events:

- ``verdict.created``: data ``verdict_id``, ``verdict``, ``grade`` (its code on its rating
  scale, claims.scales), ``settles``.
- ``claim.status_changed``: data ``previous``, ``status``.
- ``claim.assigned``: data ``assignee`` (username or None), ``assignee_id``, ``previous_id``,
  ``due`` (ISO date or None) and ``priority`` of the assignment.
- ``canonical.conflict``: a canonical claim became flagged "conflicting figures";
  data ``figures`` (the conflicting pairs) and ``claims`` (the ids of its appearances).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

desk_event = Signal()

# The events and what each says, for the admin's lists (webhook subscriptions, deliveries).
EVENTS = {
    "verdict.created": _("a verdict was recorded"),
    "claim.status_changed": _("a claim's status changed"),
    "claim.assigned": _("a claim was assigned"),
    "canonical.conflict": _("a fact's appearances carry conflicting figures"),
}


def announce(event: str, *, actor: Any = None, data: dict[str, Any], **rows: Any) -> None:
    """Send ``desk_event`` once the current transaction commits (at once outside one).

    A receiver that raises is logged and skipped: the write it reacts to has landed."""
    if event not in EVENTS:
        raise ValueError(f"unknown desk event {event!r}")

    def send() -> None:
        for receiver, result in desk_event.send_robust(
            sender=event, event=event, actor=actor, data=data, **rows
        ):
            if isinstance(result, Exception):
                log.error(
                    "desk event %s: receiver %r failed",
                    event,
                    receiver,
                    exc_info=(type(result), result, result.__traceback__),
                )

    transaction.on_commit(send)


def verdict_created(verdict: Any, *, claim: Any) -> None:
    data = {
        "verdict_id": verdict.pk,
        "verdict": verdict.verdict,
        "grade": verdict.grade or verdict.verdict,
        "settles": verdict.settles,
    }
    announce("verdict.created", claim=claim, actor=verdict.reviewer, data=data)


def status_changed(claim: Any, *, actor: Any, previous: str) -> None:
    data = {"previous": previous, "status": claim.status}
    announce("claim.status_changed", claim=claim, actor=actor, data=data)


def assigned(claim: Any, *, actor: Any, previous_id: int | None) -> None:
    assignee = claim.assigned_to
    data = {
        "assignee": assignee.get_username() if assignee else None,
        "assignee_id": claim.assigned_to_id,
        "previous_id": previous_id,
        "due": claim.assignment_due.isoformat() if claim.assignment_due else None,
        "priority": claim.priority,
    }
    announce("claim.assigned", claim=claim, actor=actor, data=data)
