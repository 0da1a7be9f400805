"""Re-check dates: when a judged claim comes back to the queue, and the flag that says it has.

A claim's ``recheck_due`` follows from what makes its truth age (``claims.evidence.recheck``)
or is set by hand; ``is_due`` says the date has come. The flag is stored (issue 18) so that
open work (``OPEN_WORK_Q``) is a predicate over stored columns that the queue's partial index
covers: ``claims_mark_due`` sets it when the date comes (celery beat, hourly), and every
write of the date or of the status keeps it (``Claim.due_on``). A new verdict moves the date
on, so it clears the flag.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.evidence.recheck import DEFAULT_PERIODS, propose_recheck
from claims.models import Claim, ClaimEvent, ClaimStatus


def recheck_periods() -> dict[str, int]:
    """The desk's re-check periods in days (``CLAIMDESK_RECHECK_DAYS`` over the defaults)."""
    given = settings.CLAIMDESK_RECHECK_DAYS
    return {**DEFAULT_PERIODS, **{str(k): int(str(v)) for k, v in given.items()}}


def proposed_recheck(claim: Claim, *, day: date) -> tuple[date | None, str]:
    """When a claim judged on ``day`` should be checked again, and what makes it age.

    The date follows the claim's kind of ageing and its figures' time scope
    (``claims.evidence.recheck``), counted from the article's date; a claim judged after
    that date comes due one period after the verdict instead, and a forecast whose date
    has passed was judged on its outcome and comes back no more."""
    periods = recheck_periods()
    published = claim.article.published_at
    proposal = propose_recheck(
        text=claim.text,
        figures=claim.figures,
        published=timezone.localdate(published) if published else day,
        periods=periods,
    )
    if proposal is None:
        return None, ""
    if proposal.reason == "forecast":
        return (proposal.due if proposal.due > day else None), proposal.reason
    return max(proposal.due, day + timedelta(days=periods[proposal.reason])), proposal.reason


def recheck_after_verdict(claim: Claim, *, reviewer: Any, day: date) -> tuple[str, ...]:
    """A verdict answers any re-check that was due: the claim's next date follows from it
    (recorded in the history when it moves). Returns the fields it changed."""
    due, reason = proposed_recheck(claim, day=day)
    if due == claim.recheck_due:
        return ()
    record_recheck(claim, actor=reviewer, due=due, reason=reason)
    return ("recheck_due",)


def record_recheck(claim: Claim, *, actor: Any, due: date | None, **why: Any) -> None:
    """Move the claim's re-check date to ``due``, the history saying from what, to what and
    why (``reason`` proposed after a verdict, or ``by_hand``); the caller saves the row."""
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        action=ClaimEvent.Action.RECHECK_SET,
        detail={
            "from": claim.recheck_due.isoformat() if claim.recheck_due else None,
            "to": due.isoformat() if due else None,
            **why,
        },
    )
    claim.recheck_due = due


def keep_due_flag(claim: Claim) -> tuple[str, ...]:
    """Set ``is_due`` from the claim's date and status as they are now (before a save);
    returns the field to save when it changed."""
    due = claim.due_on(timezone.localdate())
    if due == claim.is_due:
        return ()
    claim.is_due = due
    return ("is_due",)


def _waiting(today: date) -> Any:
    """Current claims whose date has come and whose flag is not set yet (few: read through
    the re-check date's index)."""
    return (
        Claim.objects.current()
        .filter(recheck_due__lte=today, is_due=False)
        .exclude(status=ClaimStatus.DISMISSED)
    )


def claims_mark_due(*, today: date | None = None) -> int:
    """Flag each claim whose date has come as due and record "due for re-check" in its
    history, once per date (run on a schedule). The claim keeps its status and verdicts;
    the queue shows it as open work until a new verdict is recorded. Returns how many
    claims were marked in the history."""
    today = today or timezone.localdate()
    marked = 0
    waiting = list(_waiting(today).values_list("id", flat=True))
    flagged = Claim.objects.current().filter(is_due=True, recheck_due__lte=today)
    for pk in [*waiting, *flagged.values_list("id", flat=True)]:
        with transaction.atomic():
            locked = Claim.objects.select_for_update().get(pk=pk)
            if not locked.due_on(today):
                continue
            if not locked.is_due:
                locked.is_due = True
                locked.save(update_fields=["is_due", "updated_at"])
            due = locked.recheck_due.isoformat() if locked.recheck_due else ""
            if locked.events.filter(action=ClaimEvent.Action.RECHECK_DUE, detail__due=due).exists():
                continue
            ClaimEvent.objects.create(
                claim=locked,
                action=ClaimEvent.Action.RECHECK_DUE,
                detail={"due": due, "status": locked.status},
            )
            marked += 1
    return marked
