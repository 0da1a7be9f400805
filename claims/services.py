"""Writes on claims: verdicts with their sources, dismissals, additions, status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimEvent, ClaimStatus, Source, Stance, Verdict, VerdictChoice

NEEDS_SOURCE = {VerdictChoice.VERIFIED, VerdictChoice.DISPUTED}


@dataclass(frozen=True, slots=True)
class SourceInput:
    url: str
    title: str = ""
    publisher: str = ""
    excerpt: str = ""
    stance: str = Stance.SUPPORTS
    accessed_at: datetime | None = None


def is_http_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def check_verdict(*, verdict: str, sources: Sequence[SourceInput]) -> None:
    """Refuse a verdict that cannot be stored, with errors keyed by field."""
    errors: dict[str, Any] = {}
    if verdict not in VerdictChoice.values:
        errors["verdict"] = _("Choose verified, disputed or unverifiable.")
    elif verdict in NEEDS_SOURCE and not sources:
        errors["sources"] = _("A verified or disputed verdict needs at least one source.")
    bad = [i for i, s in enumerate(sources) if not is_http_url(s.url)]
    if bad:
        errors["sources"] = _("Source URLs must start with http:// or https:// (source %s).") % (
            ", ".join(str(i + 1) for i in bad)
        )
    bad_stance = [i for i, s in enumerate(sources) if s.stance not in Stance.values]
    if bad_stance:
        errors["stance"] = _("A source's stance is supports, refutes or context.")
    if errors:
        raise ValidationError(errors)


def status_from_history(verdicts: Iterable[tuple[int, str, bool]]) -> str:
    """The status that a verdict history gives, oldest first: (reviewer id, verdict, settles).

    An editor's settlement decides; after it (or without one) each reviewer's latest
    verdict counts, and the claim is contested while they disagree.
    """
    opinions: dict[int, str] = {}
    for reviewer_id, verdict, settles in verdicts:
        if settles:
            opinions = {}
        opinions[reviewer_id] = verdict
    distinct = set(opinions.values())
    if not distinct:
        return ClaimStatus.UNREVIEWED
    return distinct.pop() if len(distinct) == 1 else ClaimStatus.CONTESTED


def claim_refresh_status(claim: Claim) -> str:
    if claim.dismissed_reason:
        return ClaimStatus.DISMISSED
    history = claim.verdicts.order_by("created_at", "id").values_list(
        "reviewer_id", "verdict", "settles"
    )
    return status_from_history(history)


@transaction.atomic
def claim_record_verdict(
    *,
    claim: Claim,
    reviewer: Any,
    verdict: str,
    note: str = "",
    sources: Sequence[SourceInput] = (),
    settles: bool = False,
) -> Verdict:
    """Append a verdict with its sources and update the claim's status.

    The claim row is locked so two reviewers saving at once both land in the history
    and the status is computed from both.
    """
    check_verdict(verdict=verdict, sources=sources)
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    stored = Verdict.objects.create(
        claim=locked, reviewer=reviewer, verdict=verdict, note=note, settles=settles
    )
    now = timezone.now()
    Source.objects.bulk_create(
        Source(
            verdict=stored,
            url=s.url.strip(),
            title=s.title,
            publisher=s.publisher,
            excerpt=s.excerpt,
            stance=s.stance,
            accessed_at=s.accessed_at or now,
        )
        for s in sources
    )
    _save_status(locked)
    claim.status = locked.status
    return stored


def _save_status(claim: Claim) -> None:
    claim.status = claim_refresh_status(claim)
    claim.save(update_fields=["status", "updated_at"])


@transaction.atomic
def claim_dismiss(*, claim: Claim, actor: Any, reason: str) -> Claim:
    """Mark a sentence as not a claim; kept, counted and reversible."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this is not a claim.")})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    locked.dismissed_reason = reason[:500]
    _save_status(locked)
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.DISMISSED, detail={"reason": reason}
    )
    return locked


@transaction.atomic
def claim_restore(*, claim: Claim, actor: Any) -> Claim:
    """Undo a dismissal; the status follows the verdict history again."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    previous = locked.dismissed_reason
    locked.dismissed_reason = ""
    _save_status(locked)
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.RESTORED, detail={"was": previous}
    )
    return locked


@transaction.atomic
def claim_assign(*, claim: Claim, actor: Any, assignee: Any | None) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    locked.assigned_to = assignee
    locked.save(update_fields=["assigned_to", "updated_at"])
    ClaimEvent.objects.create(
        claim=locked,
        actor=actor,
        action=ClaimEvent.Action.ASSIGNED,
        detail={"to": assignee.get_username() if assignee else None},
    )
    return locked
