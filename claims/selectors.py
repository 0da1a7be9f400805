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
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from articles.models import Article, Outlet
from claims import roles
from claims.blind import IN_REVIEW
from claims.evidence.agreement import Agreement, agreement, by_claim, contested_rate
from claims.models import (
    OPEN_STATUSES,
    ArithmeticCheck,
    Claim,
    ClaimEvent,
    ClaimLink,
    ClaimQuerySet,
    ClaimStatus,
    ClaimTally,
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
    conflict: str = "",
    priority: str = "",
    overdue: bool = False,
    due_before: date | None = None,
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
    if conflict:
        claims = claims.with_conflict(conflict)
    if priority:
        claims = claims.filter(priority=priority)
    if overdue:
        claims = claims.overdue()
    if due_before:
        claims = claims.due_before(due_before)
    return claims


def status_counts(claims: ClaimQuerySet) -> dict[str, int]:
    """How many of these claims have each status (statuses without any are absent)."""
    rows = claims.order_by().values_list("status").annotate(n=Count("id"))
    return dict(rows.values_list("status", "n"))


def tally_counts(language: str = "") -> dict[str, int]:
    """How many current claims have each status (of articles in ``language``, or all), from
    the tally the database keeps (``ClaimTally``): a dozen rows read, no claims counted."""
    rows = ClaimTally.objects.filter(n__gt=0)
    if language:
        rows = rows.filter(language=language)
    counts: dict[str, int] = {}
    for status, n in rows.values_list("status", "n"):
        counts[status] = counts.get(status, 0) + n
    return counts


@dataclass(frozen=True, slots=True)
class QueueCounts:
    by_status: dict[str, int]
    due_by_status: dict[str, int]  # claims due for re-check, by their status
    # Claims hidden from a blind reviewer that open work lists (contested or due): counted
    # "in review" in the two dicts above, so open work counts them here (claims.blind).
    hidden_open: int = 0

    @property
    def due(self) -> int:
        return sum(self.due_by_status.values())

    @property
    def open_work(self) -> int:
        """Unreviewed and contested claims, and claims due for re-check (``open_work``)."""
        due_elsewhere = sum(
            n
            for status, n in self.due_by_status.items()
            if status not in OPEN_STATUSES and status != IN_REVIEW
        )
        listed = sum(self.by_status.get(s, 0) for s in OPEN_STATUSES)
        return listed + due_elsewhere + self.hidden_open


def queue_counts(claims: ClaimQuerySet, filters: dict[str, Any]) -> QueueCounts:
    """The queue's counts per status, and of the claims due for re-check by status.

    Per status from the tally when no filter but the language is set (the first page and
    the language pages), else counted from the filtered claims. The due claims are counted
    through the re-check date's index: few are due at a time."""
    if any(value for key, value in filters.items() if key != "language"):
        by_status = status_counts(claims)
    else:
        by_status = tally_counts(filters.get("language") or "")
    due_rows = claims.filter(due_q()).order_by().values_list("status").annotate(n=Count("id"))
    return QueueCounts(by_status, dict(due_rows.values_list("status", "n")))


# What the queue shows changes only with these: a claim saved (``updated_at``: verdicts,
# dismissals, assignment, span changes, claims gone from an article), a claim added, the
# tally (claims deleted, bulk status changes), an article edited or added. Each is one
# index read, in this database alone (the WAL position the API keys on moves with every
# write to any database of the server, and with none of them this version moves).
QUEUE_VERSION_SQL = """
SELECT (SELECT max(updated_at) FROM claims_claim),
       (SELECT max(id) FROM claims_claim),
       (SELECT {concat}(row, ',') FROM (SELECT status || ':' || language || ':' || n AS row
        FROM claims_claimtally ORDER BY status, language) tally),
       (SELECT max(updated_at) FROM articles_article),
       (SELECT max(id) FROM articles_article),
       (SELECT max(updated_at) FROM claims_canonicalclaim)
"""


def queue_version() -> str:
    """The queue's last change, as a string that changes whenever the queue may."""
    # An order the aggregate does not keep would only cost a cache hit, never show stale.
    concat = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    with connection.cursor() as cursor:
        cursor.execute(QUEUE_VERSION_SQL.format(concat=concat))
        return repr(cursor.fetchone())


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
    page = (
        claims.select_related("article", "article__outlet", "assigned_to", "canonical")
        .defer("match_features")
        .order_by("-score", "-id")
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


def _interleaved_page(
    claims: ClaimQuerySet, *, after: str, size: int, first: str, language: str = ""
) -> QueuePage:
    """Each language ranked by score, then taken in turn: the interface's language first.

    ``after`` holds one position per language ("ko:0.9:12,en:end"); "end" marks a language
    whose claims are all shown. With a language filter (``language``) only its stream is
    read: the other one is empty, and finding that out walks every claim of the status.
    """
    given = dict(part.split(":", 1) for part in after.split(",") if ":" in part)
    streams_read: tuple[str, ...] = STREAMS
    if language:
        streams_read = ("ko",) if language == "ko" else ("en",)
    order = sorted(streams_read, key=lambda stream: stream != first)
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


def queue_page(
    claims: ClaimQuerySet, *, after: str, size: int, first: str = "ko", language: str = ""
) -> QueuePage:
    """``size`` claims in the queue's order (``QUEUE_ORDER``), after the position ``after``.

    The one place the queue's order is decided; ``first`` is the language whose claims
    lead each round of the interleaving (the interface's); ``language`` is the queue's
    language filter, when it has one (``claims`` are already filtered by it).
    """
    if QUEUE_ORDER == "interleave":
        return _interleaved_page(claims, after=after, size=size, first=first, language=language)
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
        "article", "article__outlet", "revision", "assigned_to", "created_by", "canonical"
    ).defer("match_features")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: datetime
    who: Any
    verdict: Verdict | None = None
    event: ClaimEvent | None = None
    set_aside: bool = False  # a verdict that a later span change stopped counting
    comment: Any = None  # a claims.inbox_models.Comment (claims.comments.PanelComments)


@dataclass(frozen=True, slots=True)
class ClaimHistory:
    entries: list[HistoryEntry]  # verdicts and events, newest first
    opinions: list[Verdict]  # the verdicts that decide the status (claims.services' rule)


def claim_history(claim: Claim) -> ClaimHistory:
    verdicts = list(
        claim.verdicts.select_related("reviewer", "scale_grade")
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


# --- One fact across articles, and the article's arithmetic, in a claim's panel ------------


@dataclass(frozen=True, slots=True)
class Appearance:
    """Another claim stating the same fact: a member of the claim's canonical claim, or a
    suggestion. ``link`` is the link between the two when there is one."""

    claim: Claim
    link: ClaimLink | None

    @property
    def conflict(self) -> bool:
        return bool(self.link and self.link.conflict)

    @property
    def pending(self) -> bool:
        """A reviewer has yet to confirm or reject it."""
        return bool(self.link and self.link.state == ClaimLink.State.SUGGESTED)

    def figures_apart(self, claim: Claim) -> tuple[str, str]:
        """The two figures that cannot agree: this claim's first, then the other's."""
        if self.link is None or len(self.link.conflicting_figures) != 2:
            return ("", "")
        first, second = self.link.conflicting_figures
        return (first, second) if self.link.claim_a_id == claim.pk else (second, first)


@dataclass(frozen=True, slots=True)
class SameFact:
    appearances: list[Appearance]  # the canonical claim's other members, earliest first
    suggestions: list[Appearance]  # suggested as the same fact, not yet decided (no conflict)
    conflicts: list[Appearance]  # members whose figures cannot agree with this claim's
    checks: list[ArithmeticCheck]  # the article's arithmetic that touches this claim


def _published(claim: Claim) -> tuple[bool, Any, int]:
    when = claim.article.published_at
    return (when is None, when or 0, claim.pk)


def same_fact(claim: Claim) -> SameFact:
    """What the panel shows of the claim's fact elsewhere and of its article's arithmetic
    (three queries)."""
    related = ("claim_a__article__outlet", "claim_b__article__outlet")
    links = list(
        ClaimLink.objects.filter(Q(claim_a=claim) | Q(claim_b=claim))
        .exclude(state=ClaimLink.State.REJECTED)
        .select_related(*related)
        .defer("claim_a__match_features", "claim_b__match_features")
    )
    by_other = {link.other(claim.pk): link for link in links}
    members: list[Claim] = []
    if claim.canonical_id is not None:
        members = list(
            Claim.objects.filter(canonical_id=claim.canonical_id)
            .exclude(pk=claim.pk)
            .select_related("article", "article__outlet")
            .defer("match_features")
        )
    appearances = [Appearance(c, by_other.get(c.pk)) for c in sorted(members, key=_published)]
    grouped = {c.pk for c in members}
    suggestions = [
        Appearance(link.claim_b if link.claim_a_id == claim.pk else link.claim_a, link)
        for link in sorted(links, key=lambda x: -x.score)
        if link.state == ClaimLink.State.SUGGESTED and link.other(claim.pk) not in grouped
    ]
    checks = list(
        ArithmeticCheck.objects.filter(
            revision_id=claim.revision_id, start__lt=claim.end, end__gt=claim.start
        )
    )
    return SameFact(
        appearances=appearances,
        suggestions=suggestions,
        conflicts=[a for a in appearances if a.conflict],
        checks=checks,
    )


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
        by_status=tally_counts(),
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


# --- The same fact in claim records (the API and the exports) -----------------------------


def suggestions_by_claim(claim_ids: list[int]) -> dict[int, list[int]]:
    """For each claim, the claims suggested as the same fact and not yet decided, best
    first (one query)."""
    found: dict[int, list[int]] = {}
    if not claim_ids:
        return found
    links = (
        ClaimLink.objects.filter(state=ClaimLink.State.SUGGESTED)
        .filter(Q(claim_a__in=claim_ids) | Q(claim_b__in=claim_ids))
        .order_by("-score", "id")
        .values_list("claim_a_id", "claim_b_id")
    )
    wanted = set(claim_ids)
    for a, b in links:
        if a in wanted:
            found.setdefault(a, []).append(b)
        if b in wanted:
            found.setdefault(b, []).append(a)
    return found


def checks_by_claim(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """For each claim, the arithmetic checks of its revision that overlap it (one query)."""
    found: dict[int, list[dict[str, Any]]] = {}
    revisions = {row["revision_id"] for row in rows}
    if not revisions:
        return found
    checks = list(ArithmeticCheck.objects.filter(revision__in=revisions).order_by("start", "id"))
    for row in rows:
        found[row["id"]] = [
            check.as_api()
            for check in checks
            if check.revision_id == row["revision_id"]
            and check.start < row["end"]
            and check.end > row["start"]
        ]
    return found
