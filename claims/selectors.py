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

from articles.models import Article, ArticleRevision, Outlet
from claims import roles
from claims.models import Claim, ClaimEvent, ClaimQuerySet, ClaimStatus, ClaimTally, Verdict
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


def queue_counts(claims: ClaimQuerySet, filters: dict[str, Any]) -> dict[str, int]:
    """The queue's counts per status: from the tally when no filter but the language is set
    (the first page and the language pages), else counted from the filtered claims."""
    if any(value for key, value in filters.items() if key != "language"):
        return status_counts(claims)
    return tally_counts(filters.get("language") or "")


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
       (SELECT max(id) FROM articles_article)
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
