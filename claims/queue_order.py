"""The queue's order, one claim at a time: "next" and "previous" in the queue a claim was
opened from, and the queue sorted by due date.

The queue (``claims.selectors.queue_page``) ranks claims within each language and takes the
languages in turn, the interface's language first in each round, unless a language filter
or plain score order (``QUEUE_ORDER``) makes it one stream; sorted by due date it is one
stream of the claims with a due date, soonest first. A step from a claim is keyset logic
on that order: the first claim after (or the last before) a position, one or two index
reads whatever the queue's size, never the queue counted or loaded.

A claim opened from the queue carries the queue's filters (``back``) and its place in the
interleaving (``at``): the language that leads each round, how many more claims of its
own language than of the other were taken up to it (``lead``; None when not known, after
a page that began with the other language used up), and the position of the last claim of
the other language taken before it. The claim's own position is its score and id (and
due date), which a verdict does not change: after a verdict that takes the claim out of
the filtered queue, "next" still goes to the claim after it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Q

from claims.models import Claim, ClaimQuerySet

SCORE, INTERLEAVE, DUE_DATE = "score", "interleave", "due"
STREAMS = ("ko", "en")


def queue_mode(*, sort: str, language: str, interleave: bool) -> str:
    """Which order the queue is in: by due date, one score-ranked stream, or interleaved."""
    if sort == DUE_DATE:
        return DUE_DATE
    return INTERLEAVE if interleave and not language else SCORE


def stream_of(claim: Claim) -> str:
    return "ko" if claim.article.language == "ko" else "en"


def in_stream(claims: ClaimQuerySet, stream: str) -> ClaimQuerySet:
    return claims.in_language("ko") if stream == "ko" else claims.exclude(article__language="ko")


# --- Positions and keyset reads ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    score: float
    id: int
    due: date | None = None

    @classmethod
    def of(cls, claim: Claim, mode: str = SCORE) -> Position:
        return cls(claim.score, claim.pk, claim.assignment_due if mode == DUE_DATE else None)

    @classmethod
    def parse(cls, raw: str) -> Position | None:
        """ "score:id" or "date:score:id" (as ``str`` writes them), else None."""
        parts = raw.split(":")
        try:
            if len(parts) == 3:
                return cls(float(parts[1]), int(parts[2]), date.fromisoformat(parts[0]))
            if len(parts) == 2:
                return cls(float(parts[0]), int(parts[1]))
        except ValueError:
            return None
        return None

    def __str__(self) -> str:
        plain = f"{self.score!r}:{self.id}"
        return f"{self.due.isoformat()}:{plain}" if self.due else plain


# Each condition carries its leading column's bound on its own (``score <= s`` before the
# "or"): the database reads the index from the position instead of filtering every row
# before it (the difference between a millisecond and half a second at 100,000 claims).


def _later(p: Position, mode: str) -> Q:
    """Claims after ``p`` in the order: score down, id down (due date up first)."""
    by_score = Q(score__lt=p.score) | Q(score=p.score, id__lt=p.id)
    if mode != DUE_DATE or p.due is None:
        return Q(score__lte=p.score) & by_score
    return Q(assignment_due__gte=p.due) & (
        Q(assignment_due__gt=p.due) | (Q(assignment_due=p.due) & by_score)
    )


def _earlier(p: Position, mode: str) -> Q:
    by_score = Q(score__gt=p.score) | Q(score=p.score, id__gt=p.id)
    if mode != DUE_DATE or p.due is None:
        return Q(score__gte=p.score) & by_score
    return Q(assignment_due__lte=p.due) & (
        Q(assignment_due__lt=p.due) | (Q(assignment_due=p.due) & by_score)
    )


def ordered(claims: ClaimQuerySet, mode: str, *, reverse: bool = False) -> ClaimQuerySet:
    fields = ["-score", "-id"]
    if mode == DUE_DATE:
        claims = claims.filter(assignment_due__isnull=False)
        fields = ["assignment_due", *fields]
    if reverse:
        fields = [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
    return claims.order_by(*fields)


STEP_FIELDS = ("id", "score", "assignment_due", "article__language")


def _claim(pk: int) -> Claim | None:
    return Claim.objects.filter(pk=pk).select_related("article").only(*STEP_FIELDS).first()


def first_after(claims: ClaimQuerySet, p: Position | None, mode: str) -> Claim | None:
    """The first claim after ``p`` (the first of all when ``p`` is None)."""
    rows = ordered(claims, mode)
    if p is not None:
        rows = rows.filter(_later(p, mode))
    return rows.select_related("article").only(*STEP_FIELDS).first()


def last_before(claims: ClaimQuerySet, p: Position | None, mode: str) -> Claim | None:
    """The last claim before ``p`` (the last of all when ``p`` is None)."""
    rows = ordered(claims, mode, reverse=True)
    if p is not None:
        rows = rows.filter(_earlier(p, mode))
    return rows.select_related("article").only(*STEP_FIELDS).first()


def page_after(claims: ClaimQuerySet, p: Position | None, mode: str, n: int) -> list[Claim]:
    """Up to ``n`` claims after ``p``, with what a queue row shows."""
    rows = ordered(claims, mode)
    if p is not None:
        rows = rows.filter(_later(p, mode))
    related = ("article", "article__outlet", "assigned_to", "canonical")
    return list(rows.select_related(*related).defer("match_features")[:n])


# --- A claim's place in the queue, and a step from it --------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where a claim stands in an interleaved queue (see the module's docstring)."""

    first: str = "ko"  # the language that leads each round
    lead: int | None = None  # own language's claims taken minus the other's, up to this one
    other: Position | None = None  # the other language's last claim taken before this one
    other_ended: bool = False  # the other language ran out before this claim's page

    def __str__(self) -> str:
        lead = "" if self.lead is None else str(self.lead)
        other = "end" if self.other_ended else (self.other or "")
        return f"{self.first}~{lead}~{other}"

    @classmethod
    def parse(cls, raw: str) -> Place:
        parts = (raw.split("~") + ["", "", ""])[:3]
        first = parts[0] if parts[0] in STREAMS else "ko"
        try:
            lead = int(parts[1]) if parts[1] else None
        except ValueError:
            lead = None
        if parts[2] == "end":
            return cls(first, lead, None, other_ended=True)
        return cls(first, lead, Position.parse(parts[2]) if parts[2] else None)


def row_places(rows: list[Claim], *, after: str, first: str, mode: str) -> list[Place]:
    """The place of each row of a queue page that starts after ``after`` (the queue's
    position parameter: "ko:score:id,en:end" when interleaved)."""
    if mode != INTERLEAVE:
        return [Place(first)] * len(rows)
    given = dict(part.split(":", 1) for part in after.split(",") if ":" in part)
    last = {s: Position.parse(given.get(s, "")) for s in STREAMS}
    # A page after a language ran out does not say how many of it there were.
    known = not any(given.get(s) == "end" for s in STREAMS)
    taken = dict.fromkeys(STREAMS, 0)
    places = []
    for row in rows:
        own = stream_of(row)
        other = "en" if own == "ko" else "ko"
        taken[own] += 1
        lead = taken[own] - taken[other] if known else None
        ended = given.get(other) == "end" and last[other] is None
        places.append(Place(first, lead, last[other], other_ended=ended))
        last[own] = Position.of(row)
    return places


def step(
    claims: ClaimQuerySet, claim: Claim, place: Place, *, mode: str, forward: bool
) -> tuple[Claim | None, Place]:
    """The claim after (or before) ``claim`` in the queue ``claims`` in ``mode``'s order,
    and its place; None at the end (or the start) of the queue."""
    here = Position.of(claim, mode)
    if mode != INTERLEAVE:
        found = first_after(claims, here, mode) if forward else last_before(claims, here, mode)
        return found, place
    own = stream_of(claim)
    mine = in_stream(claims, own)
    theirs = in_stream(claims, "en" if own == "ko" else "ko")
    lead = place.lead
    if forward:
        # The languages take turns: the other one's next claim, unless it has run out.
        found = None if place.other_ended else first_after(theirs, place.other, SCORE)
        if found is not None:
            return found, Place(place.first, None if lead is None else 1 - lead, here)
        found = first_after(mine, here, SCORE)
        return found, replace(place, lead=None if lead is None else lead + 1)
    # Back: the other language's last claim when it was taken just before this one.
    just_before = lead == (1 if own == place.first else 0)
    if place.other is not None and just_before:
        found = _claim(place.other.id)
        if found is not None:
            previous = last_before(mine, here, SCORE)
            mine_before = Position.of(previous) if previous is not None else None
            return found, Place(place.first, 1 - (lead or 0), mine_before)
    found = last_before(mine, here, SCORE)
    if found is None and lead is None:
        # The first claim of its language on a page after the other ran out: the other's
        # last claim came just before it.
        if place.other is not None:
            found = _claim(place.other.id)
        elif place.other_ended:
            found = last_before(theirs, None, SCORE)
        return found, Place(place.first, None, None)
    return found, replace(place, lead=None if lead is None else lead - 1)
