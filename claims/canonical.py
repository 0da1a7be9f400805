"""One fact across articles: canonical claims and the decisions on links (the writes;
``claims.services``' sibling, under the same rules: keyword-only, row locks, events).

Claims are grouped under a canonical claim by their links (``ClaimLink.groups``): grouped
automatically, confirmed by a reviewer, or a conflict not yet rejected (flagged, so the
desk sees it at once). A reviewer confirms or rejects a suggestion; a decision is kept and
the matcher never overrides it (only an editor changes a decision). Editors group two
claims by hand and take a claim out of its group. Every decision enters both claims'
history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import roles
from claims.matching import DEFAULT_ALIASES, AliasTable, unknown_names
from claims.models import (
    GROUPING_LINKS,
    CanonicalClaim,
    Claim,
    ClaimEvent,
    ClaimLink,
    EntityAlias,
    Verdict,
)
from claims.services import SourceInput, claim_record_verdict
from claims.signals import announce


def _linked_component(seed: set[int]) -> set[int]:
    """The claims reachable from ``seed`` through grouping links, and the claims that shared
    a canonical claim with them (a split may leave those on their own)."""
    seen = set(seed)
    canonicals = Claim.objects.filter(pk__in=seed, canonical__isnull=False).values("canonical")
    seen |= set(Claim.objects.filter(canonical__in=canonicals).values_list("pk", flat=True))
    frontier = set(seen)
    while frontier:
        pairs = ClaimLink.objects.filter(GROUPING_LINKS).filter(
            Q(claim_a__in=frontier) | Q(claim_b__in=frontier)
        )
        found = {x for pair in pairs.values_list("claim_a", "claim_b") for x in pair} - seen
        seen |= found
        frontier = found
    return seen


def _components(ids: set[int], links: list[ClaimLink]) -> list[set[int]]:
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        if link.groups:
            parent[root(link.claim_a_id)] = root(link.claim_b_id)
    groups: dict[int, set[int]] = {}
    for i in ids:
        groups.setdefault(root(i), set()).add(i)
    return list(groups.values())


def _conflicts_of(members: set[int], links: list[ClaimLink]) -> list[dict[str, Any]]:
    return [
        {
            "claims": [link.claim_a_id, link.claim_b_id],
            "figures": list(link.conflicting_figures),
            "confirmed": link.state == ClaimLink.State.CONFIRMED,
        }
        for link in links
        if link.conflict and link.groups and {link.claim_a_id, link.claim_b_id} <= members
    ]


@transaction.atomic
def claims_regroup(*, claim_ids: Iterable[int]) -> list[CanonicalClaim]:
    """Put the claims around ``claim_ids`` under canonical claims again, from their links.

    A group keeps the oldest canonical claim among its members (its id is stable while the
    group grows); a claim left on its own has none; a canonical claim left empty is deleted.
    The claims whose canonical claim changed are saved (their ``updated_at`` moves).
    """
    ids = _linked_component(set(claim_ids))
    if not ids:
        return []
    locked = {
        c.pk: c
        for c in Claim.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .select_related("article")
        .only("pk", "text", "canonical_id", "article__published_at")
    }
    links = list(
        ClaimLink.objects.filter(claim_a__in=ids, claim_b__in=ids).exclude(
            state=ClaimLink.State.REJECTED
        )
    )
    before = {c.canonical_id for c in locked.values()} - {None}
    taken: set[int] = set()
    kept: list[CanonicalClaim] = []
    changed: list[Claim] = []
    for members in sorted(_components(set(locked), links), key=min):
        target: CanonicalClaim | None = None
        if len(members) > 1:
            target = _group_canonical(members, locked, links, taken)
            kept.append(target)
        for pk in members:
            claim = locked[pk]
            new = target.pk if target else None
            if claim.canonical_id != new:
                claim.canonical_id = new
                changed.append(claim)
    now = timezone.now()
    for claim in changed:
        claim.updated_at = now
    Claim.objects.bulk_update(changed, ["canonical", "updated_at"])
    CanonicalClaim.objects.filter(pk__in=before - taken).delete()
    return kept


def _group_canonical(
    members: set[int], claims: dict[int, Claim], links: list[ClaimLink], taken: set[int]
) -> CanonicalClaim:
    """The canonical claim of one group: its oldest one not taken by another group, or new."""
    owned = sorted(
        {pk for m in members if (pk := claims[m].canonical_id) is not None and pk not in taken}
    )
    first = min(
        (claims[pk] for pk in members),
        key=lambda c: (c.article.published_at is None, c.article.published_at or 0, c.pk),
    )
    conflicts = _conflicts_of(members, links)
    values = {"text": first.text, "conflict": bool(conflicts), "conflicting_figures": conflicts}
    was_conflict = False
    if owned:
        canonical = CanonicalClaim.objects.get(pk=owned[0])
        was_conflict = canonical.conflict
        if any(getattr(canonical, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(canonical, key, value)
            canonical.save()
    else:
        canonical = CanonicalClaim.objects.create(**values)
    taken.add(canonical.pk)
    if canonical.conflict and not was_conflict:
        announce(
            "canonical.conflict",
            canonical=canonical,
            data={"figures": conflicts, "claims": sorted(members)},
        )
    return canonical


def alias_table() -> AliasTable:
    """The matcher's names of entities: the built-in table with the editors' rows."""
    more: dict[str, list[str]] = {}
    for entity, name in EntityAlias.objects.values_list("entity", "name"):
        more.setdefault(entity, []).append(name)
    return AliasTable(DEFAULT_ALIASES).extended(more)


def _learn_aliases(link: ClaimLink) -> list[str]:
    """A confirmed match across languages teaches the alias table a name: when each claim
    holds exactly one name the table does not know, one Korean and one English, they are
    taken as one entity's (editors correct or delete them in the admin)."""
    table = alias_table()
    names = [unknown_names(c.text, table) for c in (link.claim_a, link.claim_b)]
    if any(len(found) != 1 for found in names):
        return []
    pair = [found[0] for found in names]
    korean = [n for n in pair if any("가" <= ch <= "힣" for ch in n)]
    if len(korean) != 1:
        return []
    english = next(n for n in pair if n not in korean)
    entity = "-".join(english.lower().split())[:100]
    for name in pair:
        EntityAlias.objects.get_or_create(entity=entity, name=name[:200])
    return pair


def _link_events(link: ClaimLink, action: str, actor: Any, **detail: Any) -> None:
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim_id=pk,
            actor=actor,
            action=action,
            detail={"other": link.other(pk), "link": link.pk, **detail},
        )
        for pk in (link.claim_a_id, link.claim_b_id)
    )


@transaction.atomic
def link_decide(*, link: ClaimLink, actor: Any, confirm: bool) -> ClaimLink:
    """A reviewer confirms a suggested match (the two claims join one canonical claim; a
    conflict stays flagged, now confirmed) or rejects it (never suggested again; a conflict
    flag it raised goes). The decision enters both claims' history."""
    if not roles.can_review(actor):
        raise PermissionDenied(_("Only a reviewer can confirm or reject a match."))
    locked = ClaimLink.objects.select_for_update().get(pk=link.pk)
    state = ClaimLink.State.CONFIRMED if confirm else ClaimLink.State.REJECTED
    if locked.state in (ClaimLink.State.CONFIRMED, ClaimLink.State.REJECTED) and not (
        roles.can_settle(actor)
    ):
        if locked.state != state:
            raise PermissionDenied(
                _("This match was already decided; only an editor can change the decision.")
            )
        return locked
    previous = locked.state
    locked.state, locked.decided_by, locked.decided_at = state, actor, timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    action = ClaimEvent.Action.LINK_CONFIRMED if confirm else ClaimEvent.Action.LINK_REJECTED
    learned = _learn_aliases(locked) if confirm and not locked.conflict else []
    _link_events(locked, action, actor, conflict=locked.conflict, was=previous, aliases=learned)
    claims_regroup(claim_ids=[locked.claim_a_id, locked.claim_b_id])
    _touch(locked.claim_a_id, locked.claim_b_id)
    return locked


def _touch(*claim_ids: int) -> None:
    """Their API records changed (suggestions, canonical claim): move ``updated_at``."""
    Claim.objects.filter(pk__in=claim_ids).update(updated_at=timezone.now())


def _pair(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def claims_group(*, claim: Claim, other: Claim, actor: Any) -> ClaimLink:
    """An editor puts two claims of different articles under one canonical claim (their
    groups merge); recorded as a confirmed link in both histories."""
    if not roles.can_settle(actor):
        raise PermissionDenied(_("Only an editor can group claims."))
    if claim.pk == other.pk:
        raise ValidationError({"other": _("A claim cannot be grouped with itself.")})
    a, b = _pair(claim, other)
    link, _created = ClaimLink.objects.select_for_update().get_or_create(
        claim_a=a, claim_b=b, defaults={"state": ClaimLink.State.CONFIRMED, "score": 1.0}
    )
    link.state, link.decided_by, link.decided_at = ClaimLink.State.CONFIRMED, actor, timezone.now()
    link.explanation = link.explanation or _("grouped by an editor")
    link.save()
    _link_events(link, ClaimEvent.Action.GROUPED, actor)
    claims_regroup(claim_ids=[a.pk, b.pk])
    return link


@transaction.atomic
def canonical_split(*, claim: Claim, actor: Any) -> Claim:
    """An editor takes a claim out of its canonical claim: its grouping links to the other
    members are rejected (kept, never suggested again) and the rest regroup."""
    if not roles.can_settle(actor):
        raise PermissionDenied(_("Only an editor can take a claim out of its group."))
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.canonical_id is None:
        raise ValidationError({"claim": _("This claim is not grouped with any other.")})
    canonical_id = locked.canonical_id
    members = set(Claim.objects.filter(canonical_id=canonical_id).values_list("pk", flat=True))
    links = ClaimLink.objects.filter(GROUPING_LINKS).filter(
        Q(claim_a=locked, claim_b__in=members) | Q(claim_b=locked, claim_a__in=members)
    )
    now = timezone.now()
    rejected = list(links)
    for link in rejected:
        link.state, link.decided_by, link.decided_at = ClaimLink.State.REJECTED, actor, now
    ClaimLink.objects.bulk_update(rejected, ["state", "decided_by", "decided_at", "updated_at"])
    ClaimEvent.objects.create(
        claim=locked,
        actor=actor,
        action=ClaimEvent.Action.SPLIT,
        detail={"canonical": canonical_id, "links": [link.pk for link in rejected]},
    )
    claims_regroup(claim_ids=members)
    locked.refresh_from_db(fields=["canonical", "updated_at"])
    return locked


@transaction.atomic
def claim_apply_verdict(*, claim: Claim, source: Claim, reviewer: Any) -> Verdict:
    """Apply another appearance's verdict (the latest that agrees with its status, with
    its sources) to this claim, as the reviewer's own verdict: one click, never silent.
    Refused when the two are not one fact or their figures conflict."""
    if claim.canonical_id is None or claim.canonical_id != source.canonical_id:
        raise ValidationError({"source": _("These claims are not the same fact.")})
    a, b = _pair(claim, source)
    if ClaimLink.objects.filter(claim_a=a, claim_b=b, conflict=True).exists():
        raise ValidationError(
            {"source": _("Their figures conflict: a verdict on one does not hold for the other.")}
        )
    given = (
        source.verdicts.filter(verdict=source.status)
        .select_related("scale_grade")
        .prefetch_related("sources")
        .order_by("-created_at", "-id")
        .first()
    )
    if given is None:
        raise ValidationError({"source": _("That appearance has no verdict to apply.")})
    stored = claim_record_verdict(
        claim=claim,
        reviewer=reviewer,
        verdict=given.verdict,
        grade=given.scale_grade,  # the same grade, on the scale it was rated on
        note=given.note,
        sources=[
            SourceInput(
                url=s.url,
                title=s.title,
                publisher=s.publisher,
                excerpt=s.excerpt,
                stance=s.stance,
                accessed_at=s.accessed_at,
            )
            for s in given.sources.all()
        ],
    )
    ClaimEvent.objects.create(
        claim=claim,
        actor=reviewer,
        action=ClaimEvent.Action.VERDICT_APPLIED,
        detail={"from": source.pk, "verdict": given.pk},
    )
    return stored
