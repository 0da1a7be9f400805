"""The queue: open work first, ranked by check-worthiness, with filters and counts."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import blind, roles
from claims.forms import ANY_STATUS, OPEN_WORK, BulkAssignForm, QueueFilterForm
from claims.models import DUE, Claim, ClaimQuerySet, ClaimStatus
from claims.selectors import (
    QueueCounts,
    outlet_choices,
    queue_claims,
    queue_counts,
    queue_page,
    queue_version,
    reviewer_choices,
)
from claims.services import claim_assign
from claims.views.common import role_required

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
# (``queue_version``), the full URL, the interface language, the role (editors see tick
# boxes and the assign form) and, for "mine", the user. A change to the claims or articles
# makes a new version, so their state is never shown stale; the filters' choices (outlets,
# reviewers) are not in the version and show a new one within QUEUE_CACHE_SECONDS. The CSRF
# token is put in per request.
QUEUE_CACHE_SECONDS = 60
CSRF_MARK = SafeString("<!--claimdesk:csrf-->")
# "Save this view" (claims/_save_view.html) goes in per request too: it holds a CSRF token.
SAVE_VIEW_MARK = SafeString("<!--claimdesk:save-view-->")


def _queue_cache_key(request: HttpRequest, can_settle: bool) -> str:
    # A reviewer whom blind review may keep from some claims sees pages of their own
    # (claims.blind); editors and viewers share theirs.
    mine = request.user.pk if request.GET.get("mine") or blind.kept_blind(request.user) else ""
    parts = [queue_version(), get_language() or "", str(can_settle), str(mine)]
    digest = hashlib.blake2b(
        "|".join([*parts, request.get_full_path()]).encode(), digest_size=16
    ).hexdigest()
    return f"claimdesk:queue:{digest}"


def _queue_body(request: HttpRequest, can_settle: bool) -> str:
    """The page below the header: counts, filters, the page of claims, the pager."""
    reviewers = reviewer_choices()
    form = QueueFilterForm(request.GET or None, outlets=outlet_choices(), reviewers=reviewers)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    status = filters.pop("status", "") or OPEN_WORK
    claims = queue_claims(user=request.user, **filters)
    counts = queue_counts(claims, filters)
    shown = _with_status(claims, status)
    hidden = blind.hidden_claims_q(request.user)
    if hidden is not None and status in blind.DECIDED:
        shown = shown.exclude(hidden)  # a decided status would tell what others decided
    page = queue_page(
        shown,
        after=request.GET.get("after", ""),
        size=PAGE_SIZE,
        first="en" if (get_language() or "").startswith("en") else "ko",
        language=filters.get("language") or "",
    )
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
            "can_settle": can_settle,
            "assign_form": BulkAssignForm(reviewers=reviewers),
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
    params = request.GET.copy()
    params.pop("after", None)
    context = {"query": params.urlencode(), "can_share": can_share}
    return render_to_string("claims/_save_view.html", context, request=request)


@require_GET
@role_required(roles.can_view)
def queue(request: HttpRequest) -> HttpResponse:
    can_settle = roles.can_settle(request.user)
    key = _queue_cache_key(request, can_settle)
    body = cache.get(key)
    if body is None:
        body = _queue_body(request, can_settle)
        cache.set(key, body, QUEUE_CACHE_SECONDS)
    if can_settle:
        body = body.replace(CSRF_MARK, csrf_input(request), 1)
    body = body.replace(SAVE_VIEW_MARK, _save_view_form(request, can_settle), 1)
    return render(request, "claims/queue.html", {"body": SafeString(body)})


@require_POST
@role_required(roles.can_settle)
def queue_assign(request: HttpRequest) -> HttpResponse:
    """An editor assigns the claims ticked in the queue to one reviewer, or unassigns them;
    nothing ticked or nobody chosen is said, not silently ignored."""
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("claims:queue")
    ids = [int(v) for v in request.POST.getlist("claim") if v.isdigit()][:PAGE_SIZE]
    if not ids:
        messages.error(request, _("Tick the claims to assign first."))
        return HttpResponseRedirect(back)
    form = BulkAssignForm(request.POST, reviewers=reviewer_choices())
    if not form.is_valid():
        for error in form.errors.get("assignee", []):
            messages.error(request, str(error))
        return HttpResponseRedirect(back)
    assignee_id = form.assignee_id()
    assignee = get_user_model().objects.get(pk=assignee_id) if assignee_id else None
    claims = list(Claim.objects.filter(pk__in=ids))
    for claim in claims:
        claim_assign(claim=claim, actor=request.user, assignee=assignee)
    n = len(claims)
    if assignee is None:
        done = ngettext("%(n)d claim unassigned.", "%(n)d claims unassigned.", n) % {"n": n}
    else:
        done = ngettext(
            "%(n)d claim assigned to %(name)s.", "%(n)d claims assigned to %(name)s.", n
        ) % {"n": n, "name": assignee.get_username()}
    messages.success(request, done)
    return HttpResponseRedirect(back)
