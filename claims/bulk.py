"""Bulk actions of the queue: the same write on each ticked claim, through the service
functions one claim at a time (so the editor rule, the history, the desk's events and the
tallies stay right), with an outcome per claim: done, or refused and why.

Each claim's write is its own transaction: a refusal on one claim (an editor's verdict
stands on it, it was dismissed) leaves the others done and is reported, never skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from claims.assignments import claim_assign
from claims.models import Claim, Priority
from claims.scale_models import RatingGrade
from claims.scales import active_grades
from claims.services import NEEDS_SOURCE, claim_dismiss, claim_record_verdict


def sourceless_verdicts() -> list[tuple[str, str]]:
    """The grades a bulk action may record (code, label): those of the desk's rating scale
    that need no source, the ones giving unverifiable.

    The one place that decides it (claims.scales holds the desk's scale)."""
    return [(g.code, g.display_label) for g in _sourceless_grades()]


def _sourceless_grades() -> list[RatingGrade]:
    return [g for g in active_grades() if g.verdict not in NEEDS_SOURCE]


@dataclass(slots=True)
class BulkReport:
    done: list[int] = field(default_factory=list)  # claim ids, in id order
    refused: list[tuple[int, str]] = field(default_factory=list)  # claim id, why


def _reason(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def bulk_apply(claim_ids: Iterable[int], write: Callable[[Claim], object]) -> BulkReport:
    """``write`` on each claim of ``claim_ids`` (in id order), each in its own transaction."""
    wanted = sorted(set(claim_ids))
    found = {c.pk: c for c in Claim.objects.filter(pk__in=wanted).select_related("article")}
    report = BulkReport()
    for pk in wanted:
        claim = found.get(pk)
        if claim is None:
            report.refused.append((pk, _("This claim no longer exists.")))
            continue
        try:
            write(claim)
        except PermissionDenied as refusal:
            report.refused.append((pk, str(refusal.args[0]) if refusal.args else _("Refused.")))
        except ValidationError as error:
            report.refused.append((pk, _reason(error)))
        else:
            report.done.append(pk)
    return report


def bulk_dismiss(claim_ids: Iterable[int], *, actor: Any, reason: str) -> BulkReport:
    return bulk_apply(claim_ids, lambda c: claim_dismiss(claim=c, actor=actor, reason=reason))


def bulk_verdict(
    claim_ids: Iterable[int], *, actor: Any, verdict: str, note: str = ""
) -> BulkReport:
    """Record the grade ``verdict`` (a code of the desk's scale) without a source on each
    claim; only a grade that needs none (``sourceless_verdicts``) is taken."""
    grade = next((g for g in _sourceless_grades() if g.code == verdict), None)
    if grade is None:
        raise ValidationError(
            {"verdict": _("Only a verdict that needs no source can be set in bulk.")}
        )
    return bulk_apply(
        claim_ids,
        lambda c: claim_record_verdict(
            claim=c, reviewer=actor, verdict=grade.verdict, note=note, grade=grade
        ),
    )


def bulk_assign(
    claim_ids: Iterable[int],
    *,
    actor: Any,
    assignee: Any | None,
    due: date | None = None,
    priority: str = Priority.NORMAL,
) -> BulkReport:
    return bulk_apply(
        claim_ids,
        lambda c: claim_assign(claim=c, actor=actor, assignee=assignee, due=due, priority=priority),
    )
