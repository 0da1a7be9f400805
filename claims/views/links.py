"""One fact across articles, from a claim's panel: confirm or reject a suggested match,
apply another appearance's verdict, and (editors) group two claims or take one out of its
group. Each answers with the panel, as the other writes of the panel do."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims import blind, roles
from claims.canonical import canonical_split, claim_apply_verdict, claims_group, link_decide
from claims.models import Claim, ClaimLink
from claims.views.common import UNPROCESSABLE, role_required
from claims.views.panel import _panel_claim, _panel_response, perform


def _link_of(claim: Claim, link_pk: int) -> ClaimLink:
    return get_object_or_404(
        ClaimLink.objects.filter(Q(claim_a=claim) | Q(claim_b=claim)), pk=link_pk
    )


def _decide(request: HttpRequest, pk: int, link_pk: int, *, confirm: bool) -> HttpResponse:
    claim = _panel_claim(pk)
    link = _link_of(claim, link_pk)
    return perform(
        request, claim, lambda: link_decide(link=link, actor=request.user, confirm=confirm)
    )


@require_POST
@role_required(roles.can_review)
def link_confirm(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    return _decide(request, pk, link_pk, confirm=True)


@require_POST
@role_required(roles.can_review)
def link_reject(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    return _decide(request, pk, link_pk, confirm=False)


@require_POST
@role_required(roles.can_review)
def apply_verdict(request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    source = get_object_or_404(Claim, pk=source_pk)
    if blind.hides(request.user, source):  # its verdict is not theirs to see, nor to copy
        raise Http404
    return perform(
        request,
        claim,
        lambda: claim_apply_verdict(claim=claim, source=source, reviewer=request.user),
    )


@require_POST
@role_required(roles.can_settle)
def split(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    return perform(request, claim, lambda: canonical_split(claim=claim, actor=request.user))


@require_POST
@role_required(roles.can_settle)
def group(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    raw = request.POST.get("other", "").strip().lstrip("#")
    other = Claim.objects.filter(pk=int(raw)).first() if raw.isdecimal() and len(raw) < 18 else None
    if other is None:
        return _panel_response(
            request, claim, status=UNPROCESSABLE, errors=[_("That claim does not exist.")]
        )
    return perform(
        request, claim, lambda: claims_group(claim=claim, other=other, actor=request.user)
    )
