"""Reads of claims for the review interface: the queue, an article's page, a claim's panel
and the dashboard.

Filters are ``ClaimQuerySet`` methods, one meaning each, shared with the API's filters and
the exports; the functions here put them together for one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from articles.models import Article, ArticleRevision, Outlet
from claims import roles
from claims.evidence.agreement import Agreement, agreement, by_claim, contested_rate
from claims.models import (
    OPEN_STATUSES,
    Claim,
    ClaimEvent,
    ClaimQuerySet,
    ClaimStatus,
    Source,
    SourceArchive,
    Verdict,
    due_q,
)
from claims.services import reset_point, standing_verdicts

# --- The queue ---------------------------------------------------------------------------


def queue_claims(
    *,
    user: Any,
    q: str = "",
    kind: str = "",
    outlet: int | None = None,
    language: str = "",
    since: date | None = None,
    until: date | None = None,
    reviewer: int | None = None,
    mine: bool = False,
) -> ClaimQuerySet:
    """The current claims matching the queue's filters (all but the status filter)."""
    claims = Claim.objects.current().search(q).published_between(since, until)
    if kind:
        claims = claims.of_kind(kind)
    if outlet:
        claims = claims.from_outlet(outlet)
    if language:
        claims = claims.in_language(language)
    if reviewer:
        claims = claims.reviewed_by(reviewer)
    if mine:
        claims = claims.assigned_to(user)
    return claims


def status_counts(claims: ClaimQuerySet) -> dict[str, int]:
    """How many of these claims have each status (statuses without any are absent)."""
    rows = claims.order_by().values_list("status").annotate(n=Count("id"))
    return dict(rows.values_list("status", "n"))


@dataclass(frozen=True, slots=True)
class QueueCounts:
    by_status: dict[str, int]
    due_by_status: dict[str, int]  # claims due for re-check, by their status

    @property
    def due(self) -> int:
        return sum(self.due_by_status.values())

    @property
    def open_work(self) -> int:
        """Unreviewed and contested claims, and claims due for re-check (``open_work``)."""
        due_elsewhere = sum(
            n for status, n in self.due_by_status.items() if status not in OPEN_STATUSES
        )
        return sum(self.by_status.get(s, 0) for s in OPEN_STATUSES) + due_elsewhere


def queue_counts(claims: ClaimQuerySet) -> QueueCounts:
    """Counts per status and of the claims due for re-check (one query)."""
    due = due_q()
    rows = (
        claims.order_by()
        .values_list("status")
        .annotate(n=Count("id"), due=Count("id", filter=due))
        .values_list("status", "n", "due")
    )
    by_status, due_by_status = {}, {}
    for status, n, n_due in rows:
        by_status[status] = n
        if n_due:
            due_by_status[status] = n_due
    return QueueCounts(by_status, due_by_status)


# How the queue is ordered. The English model's probabilities (~0.99) and the Korean rules'
# scores (0.15-0.95) do not mean the same, so until the scores are calibrated across
# languages (the claim-precision work) the queue ranks claims within each language and
# interleaves the languages. Once they are, set this to "score": plain score order.
QUEUE_ORDER = "interleave"
# The queue's streams: Korean, and the rest (detect_language gives "ko" or "en").
STREAMS = ("ko", "en")


def _position(raw: str) -> tuple[float, int] | None:
    """A keyset position "score:id", or None when it is not one."""
    try:
        score_text, id_text = raw.split(":", 1)
        return float(score_text), int(id_text)
    except ValueError:
        return None


def _rows_after(claims: ClaimQuerySet, position: tuple[float, int] | None, n: int) -> list[Claim]:
    """Up to ``n`` claims after ``position`` in (-score, -id) order."""
    page = claims.select_related("article", "article__outlet", "assigned_to").order_by(
        "-score", "-id"
    )
    if position is not None:
        score, pk = position
        page = page.filter(Q(score__lt=score) | Q(score=score, id__lt=pk))
    return list(page[:n])


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: list[Claim]
    more: bool
    paged: bool  # the page starts after a position, not at the top
    next_after: str = ""  # the position the next page starts after


def _stream(claims: ClaimQuerySet, language: str) -> ClaimQuerySet:
    return claims.in_language("ko") if language == "ko" else claims.exclude(article__language="ko")


def _interleaved_page(claims: ClaimQuerySet, *, after: str, size: int, first: str) -> QueuePage:
    """Each language ranked by score, then taken in turn: the interface's language first.

    ``after`` holds one position per language ("ko:0.9:12,en:end"); "end" marks a language
    whose claims are all shown.
    """
    given = dict(part.split(":", 1) for part in after.split(",") if ":" in part)
    order = sorted(STREAMS, key=lambda language: language != first)
    streams: dict[str, list[Claim]] = {}
    for language in order:
        raw = given.get(language, "")
        streams[language] = (
            [] if raw == "end" else _rows_after(_stream(claims, language), _position(raw), size + 1)
        )
    rows: list[Claim] = []
    taken = dict.fromkeys(order, 0)
    while len(rows) < size and any(taken[lang] < len(streams[lang]) for lang in order):
        for language in order:
            if len(rows) < size and taken[language] < len(streams[language]):
                rows.append(streams[language][taken[language]])
                taken[language] += 1
    positions = []
    for language in order:
        if taken[language] == len(streams[language]) and len(streams[language]) <= size:
            positions.append(f"{language}:end")
        elif taken[language]:
            last = streams[language][taken[language] - 1]
            positions.append(f"{language}:{last.score!r}:{last.pk}")
        elif given.get(language):
            positions.append(f"{language}:{given[language]}")
    more = any(taken[lang] < len(streams[lang]) for lang in order)
    paged = any(language in given for language in order)
    return QueuePage(rows, more, paged, ",".join(positions) if more else "")


def queue_page(claims: ClaimQuerySet, *, after: str, size: int, first: str = "ko") -> QueuePage:
    """``size`` claims in the queue's order (``QUEUE_ORDER``), after the position ``after``.

    The one place the queue's order is decided; ``first`` is the language whose claims
    lead each round of the interleaving (the interface's).
    """
    if QUEUE_ORDER == "interleave":
        return _interleaved_page(claims, after=after, size=size, first=first)
    position = _position(after)
    rows = _rows_after(claims, position, size + 1)
    more = len(rows) > size
    last = rows[size - 1] if more else None
    next_after = f"{last.score!r}:{last.pk}" if last is not None else ""
    return QueuePage(rows[:size], more, position is not None, next_after)


def reviewer_choices() -> list[tuple[int, str]]:
    """Active reviewers and editors, by name: who can be assigned or filtered on."""
    users = (
        get_user_model()
        .objects.filter(groups__name__in=[roles.REVIEWER, roles.EDITOR], is_active=True)
        .distinct()
        .order_by("username")
        .values_list("id", "username")
    )
    return list(users)


def outlet_choices() -> list[tuple[int, str]]:
    return list(Outlet.objects.order_by("name").values_list("id", "name"))


# --- An article and a claim's panel ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleText:
    revision: ArticleRevision | None
    claims: list[Claim]  # current claims, in reading order


def article_text(article: Article) -> ArticleText:
    """The article's current revision and its current claims, for highlighting in place."""
    revision = article.current_revision
    claims = list(
        Claim.objects.current()
        .filter(article=article)
        .order_by("start", "id")
        .only("id", "text", "start", "end", "status", "kind", "revision_id", "article_id")
    )
    return ArticleText(revision, claims)


def article_status_counts(article_id: int) -> list[tuple[str, int]]:
    """How many of an article's current claims have each status, every status listed."""
    tally = status_counts(Claim.objects.current().filter(article_id=article_id))
    return [(value, tally.get(value, 0)) for value in ClaimStatus.values]


def ingested_claims(article: Article, *, limit: int = 200) -> list[Claim]:
    """An article's current claims in reading order, as the ingest page lists them."""
    return list(Claim.objects.current().filter(article=article).order_by("start")[:limit])


def panel_claims() -> ClaimQuerySet:
    """Claims with what their panel shows alongside them."""
    return Claim.objects.select_related(
        "article", "article__outlet", "revision", "assigned_to", "created_by"
    )


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: datetime
    who: Any
    verdict: Verdict | None = None
    event: ClaimEvent | None = None
    set_aside: bool = False  # a verdict that a later span change stopped counting


@dataclass(frozen=True, slots=True)
class ClaimHistory:
    entries: list[HistoryEntry]  # verdicts and events, newest first
    opinions: list[Verdict]  # the verdicts that decide the status (claims.services' rule)


def claim_history(claim: Claim) -> ClaimHistory:
    verdicts = list(
        claim.verdicts.select_related("reviewer")
        .prefetch_related("sources")
        .order_by("created_at", "id")
    )
    events = list(claim.events.select_related("actor").order_by("created_at", "id"))
    cut = reset_point(events)
    entries = sorted(
        [HistoryEntry(v.created_at, v.reviewer, verdict=v, set_aside=v.pk <= cut) for v in verdicts]
        + [HistoryEntry(e.created_at, e.actor, event=e) for e in events],
        key=lambda h: h.when,
        reverse=True,
    )
    return ClaimHistory(entries, standing_verdicts([v for v in verdicts if v.pk > cut]))


# --- A source's archive ------------------------------------------------------------------


def source_detail(pk: int) -> Source | None:
    """A source with its verdict, claim and article."""
    return (
        Source.objects.select_related("verdict__reviewer", "verdict__claim__article")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True, slots=True)
class SourceVersions:
    rows: list[SourceArchive]  # every fetch kept, oldest first, without their texts
    shown: SourceArchive | None  # the version asked for (the first by default), with its text


def source_versions(source: Source, *, version: int | None = None) -> SourceVersions:
    """The archive of a source: its rows (two queries whatever their number)."""
    rows = list(source.archives.defer("text", "diff").order_by("fetched_at", "id"))
    kept = [row.pk for row in rows if row.is_version]
    wanted = version if version in kept else (kept[0] if kept else None)
    shown = SourceArchive.objects.filter(pk=wanted).first() if wanted else None
    return SourceVersions(rows, shown)


# --- The dashboard -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    by_status: dict[str, int]
    by_outlet: list[dict[str, Any]]  # article__outlet__name, total, reviewed; 20 largest
    verdicts_per_day: list[tuple[date, int]]  # the last ``days`` days, oldest first


def dashboard_figures(*, days: int) -> DashboardFigures:
    current = Claim.objects.current()
    by_outlet = list(
        current.order_by()
        .values("article__outlet__name")
        .annotate(
            total=Count("id"),
            reviewed=Count("id", filter=~Q(status=ClaimStatus.UNREVIEWED)),
        )
        .order_by("-total")[:20]
    )
    first = timezone.localdate() - timedelta(days=days - 1)
    per_day = dict(
        Verdict.objects.filter(created_at__date__gte=first)
        .order_by()
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
    )
    dates = [first + timedelta(days=i) for i in range(days)]
    return DashboardFigures(
        by_status=status_counts(current),
        by_outlet=by_outlet,
        verdicts_per_day=[(d, per_day.get(d, 0)) for d in dates],
    )


# --- Reviewer agreement ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgreementFigures:
    agreement: Agreement  # kappa per reviewer pair (usernames), nominal alpha, claims behind
    contested: list[tuple[date, int, int]]  # month, claims disagreed on, claims rated by 2+


def agreement_figures() -> AgreementFigures:
    """How far reviewers agree on the current claims (one query): each reviewer's latest
    verdict on a claim counts (editors' settlements are decisions, not ratings), over the
    claims two reviewers or more rated; and per month (of the second verdict) how many of
    those they disagreed on."""
    rows = (
        Verdict.objects.filter(claim__is_current=True, settles=False)
        .order_by("claim_id", "created_at", "id")
        .values_list("claim_id", "reviewer__username", "verdict", "created_at")
    )
    ratings: list[tuple[int, str, str]] = []
    second_at: dict[int, datetime] = {}
    seen: dict[int, set[str]] = {}
    for claim_id, reviewer, verdict, created_at in rows:
        ratings.append((claim_id, reviewer, verdict))
        reviewers = seen.setdefault(claim_id, set())
        reviewers.add(reviewer)
        if len(reviewers) == 2 and claim_id not in second_at:
            second_at[claim_id] = created_at
    table = by_claim(ratings)
    months = [
        (timezone.localdate(when), len(set(table[claim_id].values())) > 1)
        for claim_id, when in second_at.items()
    ]
    return AgreementFigures(agreement(ratings), contested_rate(months, period="month"))
