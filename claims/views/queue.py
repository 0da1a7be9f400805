"""The queue: open work first, ranked by check-worthiness, with filters and counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from claims import blind, roles
from claims.forms import (
    ANY_STATUS,
    DUE_SORT,
    OPEN_WORK,
    BulkAssignForm,
    BulkDismissForm,
    BulkVerdictForm,
    QueueFilterForm,
)
from claims.models import DUE, ClaimQuerySet, ClaimStatus
from claims.queue_order import Position, page_after, queue_mode, row_places
from claims.selectors import (
    QUEUE_ORDER,
    QueueCounts,
    QueuePage,
    outlet_choices,
    queue_claims,
    queue_counts,
    queue_page,
    queue_version,
    reviewer_choices,
)
from claims.templatetags.page import kept_template
from claims.views.common import CSRF_MARK, cached_part, role_required

PAGE_SIZE = 50
# "← Queue" goes back to the queue as filtered: its links carry the query as ``back``
# (no session write per request). Only the queue's own parameters are kept.
QUEUE_PARAMETERS = {*QueueFilterForm.base_fields, "after"}
# The queue filters the API and its exports understand too.
EXPORT_FILTERS = ("q", "kind", "outlet", "language", "conflict")


def _with(params: Any, **values: str) -> str:
    copy = params.copy()
    for key, value in values.items():
        copy[key] = value
    return str(copy.urlencode())


def _status_links(request: HttpRequest, counts: QueueCounts) -> list[dict[str, Any]]:
    """Open work, one link per status, the claims due for re-check and every status, the
    other filters kept."""
    params = request.GET.copy()
    for key in ("after", "status"):
        params.pop(key, None)
    links = [
        {
            "value": OPEN_WORK,
            "label": _("Open work"),
            "count": counts.open_work,
            "query": params.urlencode(),
        }
    ]
    links += [
        {
            "value": value,
            "label": label,
            "count": counts.by_status.get(value, 0),
            "query": _with(params, status=value),
        }
        for value, label in ClaimStatus.choices
    ]
    links.append(
        {"value": DUE, "label": "", "count": counts.due, "query": _with(params, status=DUE)}
    )
    links.append(
        {
            "value": ANY_STATUS,
            "label": _("All"),
            "count": sum(counts.by_status.values()),
            "query": _with(params, status=ANY_STATUS),
        }
    )
    return links


def _with_status(claims: ClaimQuerySet, status: str) -> ClaimQuerySet:
    if status == ANY_STATUS:
        return claims
    if status == DUE:
        return claims.due()
    if status in ClaimStatus.values:
        return claims.with_status(status)
    return claims.open_work()


def _export_query(request: HttpRequest, status: str) -> str:
    """The API's filters for the claims the queue shows (status when it is one status)."""
    given = {k: request.GET[k] for k in EXPORT_FILTERS if request.GET.get(k)}
    if status in ClaimStatus.values or status == DUE:
        given["status"] = status
    return urlencode(given)


def queue_url(request: HttpRequest) -> str:
    """The queue with the filters it was opened from (``back``), for "← Queue"."""
    given = QueryDict(request.GET.get("back", ""))
    kept = QueryDict(mutable=True)
    for key in given:
        if key in QUEUE_PARAMETERS:
            kept.setlist(key, given.getlist(key))
    query = kept.urlencode()
    return reverse("claims:queue") + (f"?{query}" if query else "")


# The queue's page is cached whole below its header, keyed on the queue's last change
# (``queue_version``), the full URL, the interface language, the role (reviewers see tick
# boxes, editors the assign form too), the day (overdue) and, for "mine", the user. A change
# to the claims or articles makes a new version, so their state is never shown stale; the
# filters' choices (outlets, reviewers) are not in the version and show a new one within
# QUEUE_CACHE_SECONDS. The CSRF token is put in per request.
QUEUE_CACHE_SECONDS = 60
# "Save this view" (claims/_save_view.html) goes in per request too: it holds a CSRF token.
SAVE_VIEW_MARK = SafeString("<!--claimdesk:save-view-->")


def _role(user: Any) -> str:
    """Who sees what in the queue: editors assign, reviewers tick claims for bulk writes."""
    if roles.can_settle(user):
        return "editor"
    return "reviewer" if roles.can_review(user) else "viewer"


def _queue_cache_key(request: HttpRequest, role: str) -> list[str]:
    # A reviewer whom blind review may keep from some claims sees pages of their own
    # (claims.blind); editors and viewers share theirs.
    mine = request.user.pk if request.GET.get("mine") or blind.kept_blind(request.user) else ""
    # Today: what is overdue changes at midnight.
    today = timezone.localdate().isoformat()
    return [queue_version(), get_language() or "", role, str(mine), today]


@dataclass(frozen=True, slots=True)
class FilteredQueue:
    """The queue as a query string asks for it (the page's, or a claim's ``back``)."""

    form: QueueFilterForm
    filters: dict[str, Any]  # the filters but status and order
    status: str
    mode: str  # claims.queue_order's: interleaved, one score-ranked stream, by due date
    claims: ClaimQuerySet  # every claim of the queue, its status filter applied
    reviewers: list[tuple[int, str]]


def filtered_queue(request: HttpRequest, params: QueryDict) -> FilteredQueue:
    reviewers = reviewer_choices()
    form = QueueFilterForm(params or None, outlets=outlet_choices(), reviewers=reviewers)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    status = filters.pop("status", "") or OPEN_WORK
    sort = filters.pop("sort", "") or ""
    mode = queue_mode(
        sort=sort, language=filters.get("language") or "", interleave=QUEUE_ORDER == "interleave"
    )
    claims = queue_claims(user=request.user, **filters)
    shown = _with_status(claims, status)
    hidden = blind.hidden_claims_q(request.user)
    if hidden is not None and status in blind.DECIDED:
        shown = shown.exclude(hidden)  # a decided status would tell what others decided
    return FilteredQueue(form, filters, status, mode, shown, reviewers)


def _page(queue: FilteredQueue, after: str, first: str) -> QueuePage:
    if queue.mode == DUE_SORT:
        position = Position.parse(after)
        rows = page_after(queue.claims, position, DUE_SORT, PAGE_SIZE + 1)
        more = len(rows) > PAGE_SIZE
        next_after = str(Position.of(rows[PAGE_SIZE - 1], DUE_SORT)) if more else ""
        return QueuePage(rows[:PAGE_SIZE], more, position is not None, next_after)
    return queue_page(
        queue.claims,
        after=after,
        size=PAGE_SIZE,
        first=first,
        language=queue.filters.get("language") or "",
    )


def _queue_body(request: HttpRequest, role: str) -> str:
    """The page below the header: counts, filters, the page of claims, the pager."""
    queue = filtered_queue(request, request.GET)
    form, filters, status = queue.form, queue.filters, queue.status
    claims = queue_claims(user=request.user, **filters)
    counts = blind.masked_queue_counts(request.user, claims, queue_counts(claims, filters))
    first = "en" if (get_language() or "").startswith("en") else "ko"
    after = request.GET.get("after", "")
    page = _page(queue, after, first)
    for row, place in zip(
        page.rows, row_places(page.rows, after=after, first=first, mode=queue.mode), strict=True
    ):
        row.queue_at = str(place)  # type: ignore[attr-defined]
    blind.mask_claims(request.user, page.rows)
    params = request.GET.copy()
    params.pop("after", None)
    next_query = _with(params, after=page.next_after) if page.more else ""
    statuses = _status_links(request, counts)
    return render_to_string(
        "claims/_queue_body.html",
        {
            "form": form,
            "status": status,
            "claims": page.rows,
            "statuses": statuses,
            "next_query": next_query,
            "paged": page.paged,
            "first_query": params.urlencode() if page.paged else "",
            "can_settle": role == "editor",
            "can_review": role in ("editor", "reviewer"),
            "assign_form": BulkAssignForm(reviewers=queue.reviewers),
            "dismiss_form": BulkDismissForm(),
            "bulk_verdict_form": BulkVerdictForm(),
            "export_query": _export_query(request, status),
            "back": urlencode({"back": request.GET.urlencode()}) if request.GET else "",
            "export_every_status": status not in (*ClaimStatus.values, DUE),
            "csrf_mark": CSRF_MARK,
            "save_view_mark": SAVE_VIEW_MARK,
            "download_query": params.urlencode(),
        },
        request=request,
    )


def _save_view_form(request: HttpRequest, can_share: bool) -> str:
    """ "Save this view", drawn once per language (claims.templatetags.page): the query and
    the CSRF token go in per request."""
    params = request.GET.copy()
    params.pop("after", None)
    context = {"can_share": can_share}
    fill = {"query": params.urlencode()}
    return kept_template(request, "claims/_save_view.html", context, (can_share,), fill)


@require_GET
@role_required(roles.can_view)
def queue(request: HttpRequest) -> HttpResponse:
    role = _role(request.user)
    key = _queue_cache_key(request, role)
    body = cached_part(
        request, "queue", key, QUEUE_CACHE_SECONDS, lambda: _queue_body(request, role)
    )
    body = body.replace(SAVE_VIEW_MARK, _save_view_form(request, role == "editor"), 1)
    return render(request, "claims/queue.html", {"body": SafeString(body)})
