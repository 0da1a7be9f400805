"""Writes on claims: verdicts with their sources, dismissals, additions, status.

Who may change what (the editor rule; README "Decisions"):

1. A settled claim changes only by an editor. Once an editor's settlement is in force,
   reviewers cannot record a verdict on the claim, dismiss it or move its span.
2. Only an editor dismisses a claim on which an editor's verdict stands, and only an editor
   restores a claim that an editor dismissed or merged.
3. Only editors settle claims and merge duplicates.
4. Moving the span of a reviewed claim resets it to unreviewed: its verdicts stay in the
   history but no longer count (the span event records ``"reset": true`` and the last
   verdict it set aside), because they judged other text.

Refusals raise ``PermissionDenied`` with a sentence saying why; the review interface, the
API and the admin all write through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleRevision
from claims import roles, signals
from claims.archiving import pending_corroboration, queue_source_archiving
from claims.assignments import claim_assign as claim_assign  # the assignment lives there
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
from claims.rechecks import (  # noqa: F401  (claims_mark_due, proposed_recheck: named here)
    claims_mark_due,
    keep_due_flag,
    proposed_recheck,
    recheck_after_verdict,
    recheck_periods,
    record_recheck,
)
from claims.scale_models import RatingGrade
from claims.scales import grade_giving
from lib.text import clean_typed_line as clean_line
from lib.text import clean_typed_text as clean_text
from lib.urls import is_http_url

NEEDS_SOURCE = {VerdictChoice.VERIFIED, VerdictChoice.DISPUTED}
# A source given without a stance takes its verdict's: evidence for a verified claim
# supports it, for a disputed one refutes it, for an unverifiable one gives context.
STANCE_FOR_VERDICT: dict[str, str] = {
    VerdictChoice.VERIFIED: Stance.SUPPORTS,
    VerdictChoice.DISPUTED: Stance.REFUTES,
    VerdictChoice.UNVERIFIABLE: Stance.CONTEXT,
}


@dataclass(frozen=True, slots=True)
class SourceInput:
    url: str
    title: str = ""
    publisher: str = ""
    excerpt: str = ""
    stance: str = ""  # "" takes the verdict's (STANCE_FOR_VERDICT)
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
    bad_stance = [i for i, s in enumerate(sources) if s.stance and s.stance not in Stance.values]
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


def reset_point(span_events: Iterable[ClaimEvent]) -> int:
    """The id of the last verdict set aside by a span change (0 when none was)."""
    points = [
        int(e.detail.get("verdicts_up_to") or 0)
        for e in span_events
        if e.action == ClaimEvent.Action.SPAN_CHANGED and e.detail.get("reset")
    ]
    return max(points, default=0)


def counted_verdicts(claim: Claim) -> Any:
    """The claim's verdicts that count for its status: those after the last span reset."""
    events = claim.events.filter(action=ClaimEvent.Action.SPAN_CHANGED).only("action", "detail")
    return claim.verdicts.filter(id__gt=reset_point(events))


def claim_refresh_status(claim: Claim) -> str:
    if claim.dismissed_reason:
        return ClaimStatus.DISMISSED
    history = (
        counted_verdicts(claim)
        .order_by("created_at", "id")
        .values_list("reviewer_id", "verdict", "settles")
    )
    return status_from_history(history)


# --- The editor rule (see the module's docstring) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Refusals:
    """Why a user may not do each thing to a claim now ("" when they may)."""

    verdict: str = ""
    settle: str = ""
    dismiss: str = ""
    restore: str = ""
    span: str = ""
    merge: str = ""


def _settlement(verdicts: Sequence[Verdict]) -> Verdict | None:
    """The editor's settlement in force: the latest settling verdict that still counts."""
    settling = [v for v in verdicts if v.settles]
    return settling[-1] if settling else None


def _dismissed_by_editor(claim: Claim) -> bool:
    """Whether the dismissal in force (or the merge into another claim) was an editor's."""
    event = (
        claim.events.filter(action__in=[ClaimEvent.Action.DISMISSED, ClaimEvent.Action.MERGED])
        .exclude(action=ClaimEvent.Action.MERGED, detail__has_key="from")
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    return bool(event and event.actor and roles.can_settle(event.actor))


def claim_refusals(*, claim: Claim, user: Any) -> Refusals:
    """What ``user`` may not do to ``claim`` under the editor rule, and why."""
    if roles.can_settle(user):
        return Refusals()
    merge = _("Only an editor can merge claims.")
    settle = _("Only an editor can settle a claim.")
    verdicts = list(counted_verdicts(claim).select_related("reviewer").order_by("created_at", "id"))
    settlement = _settlement(verdicts)
    if settlement is not None:
        held = _("An editor (%(editor)s) settled this claim; only an editor can change it.") % {
            "editor": settlement.reviewer.get_username()
        }
        return Refusals(
            verdict=held, settle=settle, dismiss=held, restore=held, span=held, merge=merge
        )
    dismiss = ""
    if roles.editors_among(v.reviewer_id for v in standing_verdicts(verdicts)):
        dismiss = _("An editor's verdict stands on this claim; only an editor can dismiss it.")
    restore = ""
    if claim.dismissed_reason and _dismissed_by_editor(claim):
        restore = _("An editor dismissed this claim; only an editor can restore it.")
    return Refusals(settle=settle, dismiss=dismiss, restore=restore, merge=merge)


def _check_may(claim: Claim, user: Any, action: str) -> None:
    reason = getattr(claim_refusals(claim=claim, user=user), action)
    if reason:
        raise PermissionDenied(reason)


@transaction.atomic
def claim_record_verdict(
    *,
    claim: Claim,
    reviewer: Any,
    verdict: str,
    note: str = "",
    sources: Sequence[SourceInput] = (),
    settles: bool = False,
    grade: RatingGrade | None = None,
) -> Verdict:
    """Append a verdict with its sources and update the claim's status.

    ``grade``: the grade rated (claims.scales.grade_giving). The claim row is locked so
    two reviewers saving at once both land in the history and the status follows both.
    """
    check_verdict(verdict=verdict, sources=sources)
    grade = grade_giving(verdict, grade)
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    _check_may(locked, reviewer, "settle" if settles else "verdict")
    if locked.dismissed_reason:
        raise ValidationError(
            {
                "verdict": _(
                    "This claim was dismissed as not a claim; restore it before recording a "
                    "verdict."
                )
            }
        )
    # Cleaned here too (the forms and the API clean already): whatever calls this stores
    # no control characters (lib.text).
    graded = {"verdict": verdict, "grade": grade.code, "scale_grade": grade}
    stored = Verdict.objects.create(
        claim=locked, reviewer=reviewer, note=clean_text(note), settles=settles, **graded
    )
    now = timezone.now()
    created = Source.objects.bulk_create(
        Source(
            verdict=stored,
            url=s.url.strip(),
            title=clean_line(s.title),
            publisher=clean_line(s.publisher),
            excerpt=clean_text(s.excerpt),
            stance=s.stance or STANCE_FOR_VERDICT[verdict],
            accessed_at=s.accessed_at or now,
            corroboration=pending_corroboration(locked.figures),
        )
        for s in sources
    )
    changed = recheck_after_verdict(locked, reviewer=reviewer, day=timezone.localdate())
    _save_status(locked, *changed, actor=reviewer)
    signals.verdict_created(stored, claim=locked)
    claim.status, claim.recheck_due, claim.is_due = locked.status, locked.recheck_due, locked.is_due
    # Each source is fetched, kept and held against the claim once this commits.
    queue_source_archiving(s.pk for s in created if s.pk is not None)
    return stored


# --- Re-check dates --------------------------------------------------------------------------


@transaction.atomic
def claim_set_blind(*, claim: Claim, actor: Any, blind: bool) -> Claim:
    """Mark a claim for blind review, or take the mark off (editors; ``claims.blind``); the
    history records it."""
    if not roles.can_settle(actor):
        raise PermissionDenied(_("Only editors mark a claim for blind review."))
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.blind == blind:
        return locked
    locked.blind = blind
    locked.save(update_fields=["blind", "updated_at"])
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.BLIND_SET, detail={"blind": blind}
    )
    return locked


@transaction.atomic
def claim_set_recheck(*, claim: Claim, actor: Any, due: date | None) -> Claim:
    """Set (or clear, with None) a claim's re-check date by hand; the history records it."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    _check_may(locked, actor, "verdict")
    if locked.recheck_due == due:
        return locked
    record_recheck(locked, actor=actor, due=due, by_hand=True)
    locked.save(update_fields=["recheck_due", *keep_due_flag(locked), "updated_at"])
    return locked


def _save_status(claim: Claim, *changed: str, actor: Any = None) -> None:
    """Store the claim's status, computed again, with the other fields the caller changed;
    a new status is announced (``claim.status_changed``) once the write commits."""
    previous = claim.status
    claim.status = claim_refresh_status(claim)
    claim.save(update_fields=["status", *changed, *keep_due_flag(claim), "updated_at"])
    if claim.status != previous:
        signals.status_changed(claim, actor=actor, previous=previous)


@transaction.atomic
def claim_dismiss(*, claim: Claim, actor: Any, reason: str) -> Claim:
    """Mark a sentence as not a claim; kept, counted and reversible."""
    reason = clean_line(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why this is not a claim.")})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    _check_may(locked, actor, "dismiss")
    locked.dismissed_reason = reason[:500]
    _save_status(locked, "dismissed_reason", actor=actor)
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.DISMISSED, detail={"reason": reason}
    )
    return locked


@transaction.atomic
def claim_restore(*, claim: Claim, actor: Any) -> Claim:
    """Undo a dismissal; the status follows the verdict history again."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    _check_may(locked, actor, "restore")
    previous = locked.dismissed_reason
    locked.dismissed_reason = ""
    _save_status(locked, "dismissed_reason", actor=actor)
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.RESTORED, detail={"was": previous}
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
    """Move a claim's span within its revision; its figures are recognised again, and a
    reviewed claim goes back to unreviewed (rule 4 above).

    The fingerprint stays, so a re-extraction that finds the original sentence keeps
    this claim and its verdicts.
    """
    locked = (
        Claim.objects.select_for_update().select_related("revision", "article").get(pk=claim.pk)
    )
    _check_may(locked, actor, "span")
    start, end = _trimmed_span(locked.revision.body, start, end)
    before = {"start": locked.start, "end": locked.end, "text": locked.text}
    judged = counted_verdicts(locked).aggregate(last=Max("id"))["last"]
    locked.start, locked.end = start, end
    locked.text = locked.revision.body[start:end]
    locked.figures = _span_figures(locked.text, start=start, article=locked.article)
    ClaimEvent.objects.create(
        claim=locked,
        actor=actor,
        action=ClaimEvent.Action.SPAN_CHANGED,
        detail={
            "from": before,
            "to": {"start": start, "end": end, "text": locked.text},
            # The verdicts judged the old text: they stay in the history but stop counting.
            "reset": judged is not None,
            "verdicts_up_to": judged,
        },
    )
    _save_status(locked, "start", "end", "text", "figures", actor=actor)
    return locked


@transaction.atomic
def claim_merge(*, duplicate: Claim, into: Claim, actor: Any) -> Claim:
    """Fold a duplicate claim into another: its verdicts move over, it is dismissed.

    Verdicts keep their reviewer, time and sources; both claims record the merge.
    """
    if not roles.can_settle(actor):
        raise PermissionDenied(_("Only an editor can merge claims."))
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("A claim cannot be merged into itself.")})
    first, second = sorted([duplicate.pk, into.pk])
    locked = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=[first, second])}
    if len(locked) != 2:
        raise ValidationError({"into": _("That claim does not exist.")})
    dup, target = locked[duplicate.pk], locked[into.pk]
    moved = Verdict.objects.filter(claim=dup).update(claim=target)
    dup.dismissed_reason = (_("Duplicate of claim #%(id)s") % {"id": target.pk})[:500]
    _save_status(dup, "dismissed_reason", actor=actor)
    _save_status(target, actor=actor)
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


@transaction.atomic
def claim_correct(*, claim: Claim, actor: Any, kind: str, attribution: str) -> Claim:
    """An editor corrects a claim's kind or attribution; the change enters its history.

    The claim's text, offsets, figures, score and article are not corrected here: a span
    moves through ``claim_adjust_span``, which records it and resets the claim's verdicts.
    """
    if not roles.can_settle(actor):
        raise PermissionDenied(_("Only an editor can correct a claim."))
    if kind not in ClaimKind.values:
        raise ValidationError({"kind": _("Choose a kind of claim.")})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    attribution = clean_line(attribution)[:300]
    if attribution == clean_line(locked.attribution)[:300]:
        attribution = locked.attribution  # the same but for spacing: nothing to record
    changes = {
        field: {"from": getattr(locked, field), "to": value}
        for field, value in (("kind", kind), ("attribution", attribution))
        if getattr(locked, field) != value
    }
    if not changes:
        return locked
    locked.kind, locked.attribution = kind, attribution
    locked.save(update_fields=["kind", "attribution", "updated_at"])
    ClaimEvent.objects.create(
        claim=locked, actor=actor, action=ClaimEvent.Action.CORRECTED, detail=changes
    )
    return locked
