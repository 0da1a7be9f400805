"""Assignments: who works on a claim, by when (due date) and how urgently (priority).

An editor assigns from the claim's panel or the queue's bulk form; each assignment is
recorded in the claim's history with its due date and priority and announced as
``claim.assigned`` (``claims.signals``). Unassigning clears the due date and the priority.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from claims import signals
from claims.models import Claim, ClaimEvent, Priority


@transaction.atomic
def claim_assign(
    *,
    claim: Claim,
    actor: Any,
    assignee: Any | None,
    due: date | None = None,
    priority: str = Priority.NORMAL,
) -> Claim:
    """Assign ``claim`` to ``assignee`` (None: unassign) with a due date and a priority."""
    if priority not in Priority.values:
        priority = Priority.NORMAL
    if assignee is None:
        due, priority = None, Priority.NORMAL
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    previous_id = locked.assigned_to_id
    locked.assigned_to, locked.assignment_due, locked.priority = assignee, due, priority
    locked.save(update_fields=["assigned_to", "assignment_due", "priority", "updated_at"])
    if locked.assigned_to_id != previous_id:
        signals.assigned(locked, actor=actor, previous_id=previous_id)
    detail: dict[str, Any] = {"to": assignee.get_username() if assignee else None}
    if assignee is not None:
        detail |= {"due": due.isoformat() if due else None, "priority": priority}
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.ASSIGNED, detail=detail
    )
    claim.assigned_to, claim.assignment_due, claim.priority = assignee, due, priority
    return locked


def assignment_sentence(detail: dict[str, Any], say: Any, person: Any) -> SafeString:
    """The history's sentence for an assignment (``claims.presentation.event_sentence``)."""
    if not detail.get("to"):
        return SafeString(say(_("Unassigned")))
    sentence = say(_("Assigned to %(name)s"), name=person(detail["to"]))
    priority = detail.get("priority")
    if priority and priority in Priority.values and priority != Priority.NORMAL:
        sentence = say(
            _("%(assigned)s, priority %(priority)s"),
            assigned=sentence,
            priority=Priority(priority).label,
        )
    if detail.get("due"):
        sentence = say(_("%(assigned)s, due %(due)s"), assigned=sentence, due=detail["due"])
    return SafeString(sentence)
