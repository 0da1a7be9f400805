"""Next in queue: from a claim opened from the queue, the next (or previous) claim of the
same filtered, same-ordered queue, across articles (claims.queue_order)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from claims import roles
from claims.models import Claim
from claims.queue_order import Place, step
from claims.views.common import role_required
from claims.views.queue import filtered_queue


def claim_in_queue_url(pk: int, back: str, place: Place | str) -> str:
    """A claim's page that remembers the queue it was opened from and its place in it."""
    return reverse("claims:claim", args=[pk]) + "?" + urlencode({"back": back, "at": str(place)})


def _queue_params(request: HttpRequest, claim: Claim) -> QueryDict | None:
    """The queue parameters of the claim's page: this request's, or for an htmx request
    (a save from the panel) those of the page it came from, when it is this claim's."""
    if "at" in request.GET:
        return request.GET
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    if current.path == claim.get_absolute_url():
        params = QueryDict(current.query)
        if "at" in params:
            return params
    return None


def queue_links(request: HttpRequest, claim: Claim) -> dict[str, Any] | None:
    """The panel's "previous" and "next" links when the claim was opened from the queue."""
    params = _queue_params(request, claim)
    if params is None:
        return None
    step_url = reverse("claims:queue_step", args=[claim.pk])
    kept = {"back": params.get("back", ""), "at": params.get("at", "")}
    return {
        "next": f"{step_url}?{urlencode({**kept, 'go': 'next'})}",
        "previous": f"{step_url}?{urlencode({**kept, 'go': 'previous'})}",
    }


@require_GET
@role_required(roles.can_view)
def queue_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Go to the claim after (``go=next``) or before (``go=previous``) this one in its queue;
    at either end, back to this claim saying so."""
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    back = request.GET.get("back", "")
    place = Place.parse(request.GET.get("at", ""))
    forward = request.GET.get("go") != "previous"
    queue = filtered_queue(request, QueryDict(back))
    found, there = step(queue.claims, claim, place, mode=queue.mode, forward=forward)
    if found is None:
        messages.info(
            request,
            _("End of the queue: no claim after this one matches its filters.")
            if forward
            else _("Start of the queue: no claim before this one matches its filters."),
        )
        return HttpResponseRedirect(claim_in_queue_url(claim.pk, back, place))
    return HttpResponseRedirect(claim_in_queue_url(found.pk, back, there))
