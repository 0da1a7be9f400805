"""Writes on claims: verdicts with their sources, dismissals, additions, status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleRevision
from claims.extraction import extract_figures, fingerprint
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimOrigin,
    ClaimStatus,
    Source,
    Stance,
    Verdict,
    VerdictChoice,
    figures_as_json,
)
from lib.urls import is_http_url

NEEDS_SOURCE = {VerdictChoice.VERIFIED, VerdictChoice.DISPUTED}


@dataclass(frozen=True, slots=True)
class SourceInput:
    url: str
    title: str = ""
    publisher: str = ""
    excerpt: str = ""
    stance: str = Stance.SUPPORTS
    accessed_at: datetime | None = None


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


Opinion = TypeVar("Opinion")


def _standing(history: Iterable[tuple[int, Opinion, bool]]) -> dict[int, Opinion]:
    """Each reviewer's latest opinion since the last settlement: (reviewer id, opinion,
    settles), oldest first. An editor's settlement wipes the slate; it counts itself."""
    opinions: dict[int, Opinion] = {}
    for reviewer_id, opinion, settles in history:
        if settles:
            opinions = {}
        opinions[reviewer_id] = opinion
    return opinions


def standing_verdicts(verdicts: Iterable[Verdict]) -> list[Verdict]:
    """The verdicts that decide a claim's status (oldest first in, first given first out)."""
    return list(_standing((v.reviewer_id, v, v.settles) for v in verdicts).values())


def status_from_history(verdicts: Iterable[tuple[int, str, bool]]) -> str:
    """The status that a verdict history gives, oldest first: (reviewer id, verdict, settles).

    An editor's settlement decides; after it (or without one) each reviewer's latest
    verdict counts, and the claim is contested while they disagree.
    """
    distinct = set(_standing(verdicts).values())
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
    if locked.dismissed_reason:
        raise ValidationError(
            {
                "verdict": _(
                    "This claim was dismissed as not a claim; restore it before recording a "
                    "verdict."
                )
            }
        )
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


def _save_status(claim: Claim, *changed: str) -> None:
    """Store the claim's status, computed again, with the other fields the caller changed."""
    claim.status = claim_refresh_status(claim)
    claim.save(update_fields=["status", *changed, "updated_at"])


@transaction.atomic
def claim_dismiss(*, claim: Claim, actor: Any, reason: str) -> Claim:
    """Mark a sentence as not a claim; kept, counted and reversible."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this is not a claim.")})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    locked.dismissed_reason = reason[:500]
    _save_status(locked, "dismissed_reason")
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
    _save_status(locked, "dismissed_reason")
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


# --- Corrections from the review interface: claims added, spans adjusted, duplicates merged.

MIN_CLAIM_CHARS = 3


def _trimmed_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace, refused when it leaves the body or is empty."""
    if not 0 <= start < end <= len(body):
        raise ValidationError({"span": _("The selection is outside the article's text.")})
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end - start < MIN_CLAIM_CHARS:
        raise ValidationError({"span": _("Select at least a few words of the article.")})
    return start, end


def _span_figures(text: str, *, start: int, article: Article) -> list[dict[str, Any]]:
    """The figures of a reviewer's span, recognised the way the extractor does."""
    language = article.language if article.language in ("ko", "en") else "ko"
    reference = article.published_at.date() if article.published_at else None
    return figures_as_json(
        extract_figures(text, language=language, reference_date=reference, offset=start)
    )


def _span_fingerprint(article: Article, text: str) -> str:
    taken = set(article.claims.values_list("fingerprint", flat=True))
    occurrence = 1
    while fingerprint(text, occurrence) in taken:
        occurrence += 1
    return fingerprint(text, occurrence)


@transaction.atomic
def claim_add(
    *, article: Article, actor: Any, start: int, end: int, kind: str = "factual"
) -> Claim:
    """Add a claim the extractor missed: a span of the article's current revision."""
    # Locked: additions to one article run one at a time, each seeing the fingerprints taken.
    revision = ArticleRevision.objects.select_for_update().filter(article=article).current()
    if revision is None:
        raise ValidationError({"span": _("This article has no text yet.")})
    if kind not in ClaimKind.values:
        raise ValidationError({"kind": _("Choose a kind of claim.")})
    start, end = _trimmed_span(revision.body, start, end)
    text = revision.body[start:end]
    overlapping = Claim.objects.filter(
        article=article, revision=revision, is_current=True, start__lt=end, end__gt=start
    ).first()
    if overlapping is not None and overlapping.start == start and overlapping.end == end:
        raise ValidationError({"span": _("This text is already a claim.")})
    claim = Claim.objects.create(
        article=article,
        revision=revision,
        text=text,
        start=start,
        end=end,
        kind=kind,
        figures=_span_figures(text, start=start, article=article),
        score=0.5,
        fingerprint=_span_fingerprint(article, text),
        origin=ClaimOrigin.REVIEWER,
        created_by=actor,
    )
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        action=ClaimEvent.Action.ADDED,
        detail={"start": start, "end": end, "revision": revision.number},
    )
    return claim


@transaction.atomic
def claim_adjust_span(*, claim: Claim, actor: Any, start: int, end: int) -> Claim:
    """Move a claim's span within its revision; its figures are recognised again.

    The fingerprint stays, so a re-extraction that finds the original sentence keeps
    this claim and its verdicts.
    """
    locked = (
        Claim.objects.select_for_update().select_related("revision", "article").get(pk=claim.pk)
    )
    start, end = _trimmed_span(locked.revision.body, start, end)
    before = {"start": locked.start, "end": locked.end, "text": locked.text}
    locked.start, locked.end = start, end
    locked.text = locked.revision.body[start:end]
    locked.figures = _span_figures(locked.text, start=start, article=locked.article)
    locked.save(update_fields=["start", "end", "text", "figures", "updated_at"])
    ClaimEvent.objects.create(
        claim=locked,
        actor=actor,
        action=ClaimEvent.Action.SPAN_CHANGED,
        detail={"from": before, "to": {"start": start, "end": end, "text": locked.text}},
    )
    return locked


@transaction.atomic
def claim_merge(*, duplicate: Claim, into: Claim, actor: Any) -> Claim:
    """Fold a duplicate claim into another: its verdicts move over, it is dismissed.

    Verdicts keep their reviewer, time and sources; both claims record the merge.
    """
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("A claim cannot be merged into itself.")})
    first, second = sorted([duplicate.pk, into.pk])
    locked = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=[first, second])}
    if len(locked) != 2:
        raise ValidationError({"into": _("That claim does not exist.")})
    dup, target = locked[duplicate.pk], locked[into.pk]
    moved = Verdict.objects.filter(claim=dup).update(claim=target)
    dup.dismissed_reason = (_("Duplicate of claim #%(id)s") % {"id": target.pk})[:500]
    _save_status(dup, "dismissed_reason")
    _save_status(target)
    ClaimEvent.objects.create(
        claim=dup,
        actor=actor,
        action=ClaimEvent.Action.MERGED,
        detail={"into": target.pk, "verdicts_moved": moved},
    )
    ClaimEvent.objects.create(
        claim=target,
        actor=actor,
        action=ClaimEvent.Action.MERGED,
        detail={"from": dup.pk, "verdicts_moved": moved},
    )
    return target
