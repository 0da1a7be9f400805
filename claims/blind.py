"""Blind review (issue 21 item 7): the one place that says what a reviewer may see.

A claim is blind when the desk reviews blind (``CLAIMDESK_BLIND_REVIEW``) or an editor marked
it (``Claim.blind``). On a blind claim, a reviewer who is not an editor and has not recorded
a verdict of their own sees none of the other reviewers' verdicts, sources or notes: not in
the panel, the history, the API or the exports; the status they are shown is "in review"
rather than the status those verdicts made (``unreviewed`` in the API, whose statuses are
fixed). Once they have recorded their own, they see
everything, as editors always do. Viewers (readers of the desk's output) are not reviewers
and see what the desk publishes.

Everything that shows verdicts asks here: ``hides(user, claim)`` for one claim,
``hidden_claims_q(user)`` for a queryset (claims on which the user sees no one's verdicts),
``visible_verdicts(user, claim, verdicts)``, ``shown_status(user, claim)`` and the history's
``REVEALING_EVENTS``. Features that show more of a claim's review (comments) use the same
functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db import connections, router
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from claims import roles
from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict

# What a blind reviewer is shown instead of a status that verdicts made.
IN_REVIEW = "in_review"
# Statuses that say what reviewers decided (unreviewed and dismissed say nothing of it).
DECIDED = frozenset(
    {
        ClaimStatus.VERIFIED,
        ClaimStatus.DISPUTED,
        ClaimStatus.UNVERIFIABLE,
        ClaimStatus.CONTESTED,
    }
)
# History events whose detail tells what a verdict or a source said.
REVEALING_EVENTS = frozenset(
    {
        ClaimEvent.Action.RECHECK_DUE,  # the status at the time
        ClaimEvent.Action.VERDICT_APPLIED,
        ClaimEvent.Action.SOURCE_CHANGED,  # a cited source's address
        ClaimEvent.Action.SOURCE_VANISHED,
        ClaimEvent.Action.MERGED,  # verdicts moved
    }
)

V = TypeVar("V")


def desk_reviews_blind() -> bool:
    return bool(getattr(settings, "CLAIMDESK_BLIND_REVIEW", False))


def is_blind(claim: Claim) -> bool:
    return desk_reviews_blind() or bool(claim.blind)


def kept_blind(user: Any) -> bool:
    """Whether blind review applies to ``user`` at all: a reviewer who is not an editor."""
    return roles.can_review(user) and not roles.can_settle(user)


def hidden_claims_q(user: Any) -> Q | None:
    """Claims on which ``user`` sees no other reviewer's verdict (blind, and none of their
    own yet), as a filter; None when blind review hides nothing from them."""
    if not kept_blind(user):
        return None
    none_of_theirs = ~Q(Exists(Verdict.objects.filter(claim=OuterRef("pk"), reviewer_id=user.pk)))
    return none_of_theirs if desk_reviews_blind() else Q(blind=True) & none_of_theirs


def may_hide_anything(user: Any) -> bool:
    """Whether any claim may be hidden from ``user`` (one index read at most): lets a list
    keep its shared cached pages for everyone else."""
    if not kept_blind(user):
        return False
    return desk_reviews_blind() or any_claim_blind()


def any_claim_blind() -> bool:
    """Whether an editor marked any claim blind: one read of the partial index
    ``claim_blind_idx``, as plain SQL (the ORM's ``exists()`` took 1 ms of CPU to build, a
    fifth of an API page answered from the cache)."""
    using = router.db_for_read(Claim)
    quote = connections[using].ops.quote_name
    table, column = quote(Claim._meta.db_table), quote(Claim._meta.get_field("blind").column)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE {column} = %s LIMIT 1", [True])  # noqa: S608
        return cursor.fetchone() is not None


def hides(user: Any, claim: Claim) -> bool:
    """Whether ``user`` is kept from the other reviewers' verdicts on ``claim``."""
    if not is_blind(claim) or not kept_blind(user):
        return False
    return not Verdict.objects.filter(claim_id=claim.pk, reviewer_id=user.pk).exists()


def hides_source(user: Any, source_id: int) -> bool:
    """Whether the source belongs to a verdict on a claim hidden from ``user`` (its archive
    tells what the verdict cited); no query unless blind review may apply to them."""
    where = hidden_claims_q(user)
    if where is None:
        return False
    return Claim.objects.filter(where, verdicts__sources=source_id).exists()


def visible_verdicts(user: Any, claim: Claim, verdicts: Iterable[V]) -> list[V]:
    """The verdicts of ``claim`` that ``user`` may see: all, or none while it is hidden
    (the user has none of their own on it then)."""
    return [] if hides(user, claim) else list(verdicts)


def masked_status(status: str) -> str:
    return IN_REVIEW if status in DECIDED else status


def shown_status(user: Any, claim: Claim) -> str:
    """The status ``user`` is shown: "in review" in place of a decided status on a claim
    hidden from them."""
    return masked_status(claim.status) if hides(user, claim) else claim.status


def hidden_ids(user: Any, claim_ids: Iterable[int]) -> set[int]:
    """Of these claims, the ones hidden from ``user`` (one query; none without blind)."""
    where = hidden_claims_q(user)
    ids = list(claim_ids)
    if where is None or not ids:
        return set()
    return set(Claim.objects.filter(where, pk__in=ids).values_list("pk", flat=True))


def mask_record(record: dict[str, Any]) -> dict[str, Any]:
    """An API claim record as a blind reviewer sees it: no sources, no verdicts, no time of
    review, and ``unreviewed`` for a decided status (the API's statuses are the six of
    PRODUCT.md section 5, so "in review" reads "unreviewed" there: unreviewed by anyone
    the reviewer may see)."""
    shown = ClaimStatus.UNREVIEWED if record["status"] in DECIDED else record["status"]
    record = {**record, "status": str(shown), "sources": []}
    record["reviewed_at"] = None
    if "verdicts" in record:
        record["verdicts"] = []
    return record


# --- What the review interface shows ---------------------------------------------------------


class Shown(Protocol):
    """A claim as loaded for display: a model instance, or an article page's
    (``claims.article_text.ArticleClaim``)."""

    pk: Any
    blind: bool
    status: str


def mask_claims(user: Any, claims: Iterable[Shown]) -> set[int]:
    """Claims loaded for display only (never saved after): those hidden from ``user`` are
    given the status they are shown ("in review" for a decided one). Returns their ids."""
    claims = list(claims)
    if not kept_blind(user) or not (desk_reviews_blind() or any(c.blind for c in claims)):
        return set()
    hidden = hidden_ids(user, [c.pk for c in claims])
    for claim in claims:
        if claim.pk in hidden:
            claim.status = masked_status(claim.status)
    return hidden


def mask_same_fact(user: Any, fact: Any) -> Any:
    """The panel's "same fact elsewhere" (``claims.selectors.SameFact``) as ``user`` is
    shown it: the appearances and suggestions hidden from them "in review" (one query, none
    without blind review). Display only."""
    mask_claims(user, [a.claim for a in [*fact.appearances, *fact.suggestions]])
    return fact


def mask_appearances(user: Any, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical claim records (``claims.api.records.canonical_records``) as ``user`` is
    shown them: a hidden appearance's decided status reads ``unreviewed``, as in the claim's
    own record (one query, none unless something may be hidden)."""
    if not may_hide_anything(user):
        return records
    hidden = hidden_ids(user, [a["claim"] for r in records for a in r["appearances"]])
    for record in records:
        record["appearances"] = [
            {**a, "status": str(ClaimStatus.UNREVIEWED)}
            if a["claim"] in hidden and a["status"] in DECIDED
            else a
            for a in record["appearances"]
        ]
    return records


def masked_counts(
    user: Any, article_id: int, counts: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """An article's counts per status as ``user`` is shown them: the claims hidden from
    them counted "in review" rather than under the status verdicts made (one query)."""
    where = hidden_claims_q(user) if may_hide_anything(user) else None
    if where is None:
        return counts
    hidden = (
        Claim.objects.current()
        .filter(where, article_id=article_id, status__in=DECIDED)
        .values_list("status", flat=True)
    )
    moved: dict[str, int] = {}
    for status in hidden:
        moved[status] = moved.get(status, 0) + 1
    if not moved:
        return counts
    shown = [(status, n - moved.get(status, 0)) for status, n in counts]
    return [*shown, (IN_REVIEW, sum(moved.values()))]


C = TypeVar("C")


def masked_queue_counts(user: Any, claims: QuerySet[Claim], counts: C) -> C:
    """The queue's counts (``claims.selectors.QueueCounts`` of the filtered ``claims``) as
    ``user`` is shown them: a claim hidden from them is counted "in review", never under the
    decided status its verdicts made, as the status filters leave it out (one query, none
    unless something may be hidden)."""
    where = hidden_claims_q(user) if may_hide_anything(user) else None
    if where is None:
        return counts
    rows = (
        claims.filter(where, status__in=DECIDED)
        .order_by()
        .values_list("status", "is_due")
        .annotate(n=Count("id"))
    )
    by_status = dict(counts.by_status)  # type: ignore[attr-defined]
    due = dict(counts.due_by_status)  # type: ignore[attr-defined]
    hidden_open = 0
    for status, is_due, n in rows:
        by_status[status] = by_status.get(status, 0) - n
        by_status[IN_REVIEW] = by_status.get(IN_REVIEW, 0) + n
        if is_due:
            due[status] = due.get(status, 0) - n
            due[IN_REVIEW] = due.get(IN_REVIEW, 0) + n
        if is_due or status == ClaimStatus.CONTESTED:
            hidden_open += n
    return dataclasses.replace(  # type: ignore[type-var]
        counts, by_status=by_status, due_by_status=due, hidden_open=hidden_open
    )


def visible_history(user: Any, claim: Claim, entries: list[Any], opinions: list[V]) -> Any:
    """A claim's history entries and standing opinions as ``user`` may see them, and whether
    the claim is hidden from them: on a hidden claim, no verdict (with its sources and note)
    and no event that tells of one (the rest of the history stays), and the claim given
    the status they are shown. No query unless the claim is blind."""
    if not hides(user, claim):
        return entries, opinions, False
    kept = [
        e
        for e in entries
        if e.verdict is None and (e.event is None or e.event.action not in REVEALING_EVENTS)
    ]
    claim.status = masked_status(claim.status)
    return kept, [], True
