"""The queue: the claims to review, most check-worthy first, with filters and counts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from claims import roles
from claims.forms import AssignForm, QueueFilterForm
from claims.models import Claim, ClaimStatus
from claims.selectors import (
    outlet_choices,
    queue_claims,
    queue_page,
    reviewer_choices,
    status_counts,
)
from claims.services import claim_assign
from claims.views.common import role_required

PAGE_SIZE = 50


def _with(params: Any, **values: str) -> str:
    copy = params.copy()
    for key, value in values.items():
        copy[key] = value
    return str(copy.urlencode())


def _status_links(request: HttpRequest, counts: dict[str, int]) -> tuple[list[dict], str]:
    """One link per status (the other filters kept), and the query without a status."""
    params = request.GET.copy()
    for key in ("after", "status"):
        params.pop(key, None)
    statuses = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "query": _with(params, status=value),
        }
        for value, label in ClaimStatus.choices
    ]
    return statuses, params.urlencode()


@require_GET
@role_required(roles.can_view)
def queue(request: HttpRequest) -> HttpResponse:
    reviewers = reviewer_choices()
    form = QueueFilterForm(request.GET or None, outlets=outlet_choices(), reviewers=reviewers)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    status = filters.pop("status", "")
    claims = queue_claims(user=request.user, **filters)
    counts = status_counts(claims)
    page = queue_page(
        claims.with_status(status) if status else claims,
        after=request.GET.get("after", ""),
        size=PAGE_SIZE,
    )
    params = request.GET.copy()
    params.pop("after", None)
    next_query = ""
    if page.more:
        params["after"] = f"{page.rows[-1].score!r}:{page.rows[-1].pk}"
        next_query = params.urlencode()
    statuses, all_query = _status_links(request, counts)
    return render(
        request,
        "claims/queue.html",
        {
            "form": form,
            "claims": page.rows,
            "statuses": statuses,
            "total": sum(counts.values()),
            "all_query": all_query,
            "next_query": next_query,
            "paged": page.paged,
            "first_query": params.urlencode() if page.paged else "",
            "can_settle": roles.can_settle(request.user),
            "assign_form": AssignForm(reviewers=reviewers),
        },
    )


@require_POST
@role_required(roles.can_settle)
def queue_assign(request: HttpRequest) -> HttpResponse:
    """An editor assigns the claims ticked in the queue to one reviewer (or to nobody)."""
    form = AssignForm(request.POST, reviewers=reviewer_choices())
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("claims:queue")
    if not form.is_valid():
        return HttpResponseRedirect(back)
    ids = [int(v) for v in request.POST.getlist("claim") if v.isdigit()][:PAGE_SIZE]
    assignee_id = form.cleaned_data["assignee"]
    assignee = get_user_model().objects.get(pk=assignee_id) if assignee_id else None
    for claim in Claim.objects.filter(pk__in=ids):
        claim_assign(claim=claim, actor=request.user, assignee=assignee)
    return HttpResponseRedirect(back)
