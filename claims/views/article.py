"""An article's page: its text with every claim highlighted in place, and adding a claim."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from claims import blind, roles
from claims.forms import AddClaimForm
from claims.models import Claim, ClaimStatus
from claims.selectors import article_text
from claims.services import claim_add
from claims.views.common import (
    UNPROCESSABLE,
    error_messages,
    htmx_redirect,
    is_htmx,
    role_required,
)
from claims.views.queue import queue_url


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    claim: Claim | None = None


def segments_of(body: str, claims: list[Claim]) -> list[Segment]:
    """The body cut into plain text and claims, in order; overlapping claims are skipped."""
    out: list[Segment] = []
    at = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < at or claim.end > len(body) or body[claim.start : claim.end] != claim.text:
            continue
        if claim.start > at:
            out.append(Segment(body[at : claim.start], at))
        out.append(Segment(claim.text, claim.start, claim))
        at = claim.end
    if at < len(body):
        out.append(Segment(body[at:], at))
    return out


def article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    """What the article page shows (the claim panel adds to it when opened without htmx)."""
    text = article_text(article)
    revision, claims = text.revision, text.claims
    in_revision = [c for c in claims if revision and c.revision_id == revision.pk]
    segments = segments_of(revision.body, in_revision) if revision else []
    placed = {s.claim.pk for s in segments if s.claim}
    blind.mask_claims(request.user, claims)  # display only: a blind reviewer's statuses
    tally = Counter(c.status for c in claims)
    shown = [*ClaimStatus.values, blind.IN_REVIEW] if tally[blind.IN_REVIEW] else ClaimStatus.values
    return {
        "status_counts": [(value, tally.get(value, 0)) for value in shown],
        "article": article,
        "revision": revision,
        "flagged_revisions": list(
            article.revisions.filter(flagged=True)
            .order_by("number")
            .values_list("number", flat=True)
        ),
        "segments": segments,
        "claims": claims,
        "unplaced": [c for c in claims if c.pk not in placed],
        "add_form": AddClaimForm(),
        "can_review": roles.can_review(request.user),
        "can_settle": roles.can_settle(request.user),
        "queue_url": queue_url(request),
    }


@require_GET
@role_required(roles.can_view)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    return render(request, "claims/article.html", article_context(request, article))


@require_POST
@role_required(roles.can_review)
def article_add_claim(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_outlet(), pk=pk)
    form = AddClaimForm(request.POST)
    context = article_context(request, article)
    if not form.is_valid():
        context |= {"add_form": form}
        return render(request, "claims/article.html", context, status=UNPROCESSABLE)
    revision = context["revision"]
    span = form.span_in(revision.body) if revision else None
    try:
        if span is None:
            raise ValidationError({"text": _("That text is not in the article.")})
        claim = claim_add(
            article=article,
            actor=request.user,
            start=span[0],
            end=span[1],
            kind=form.cleaned_data["kind"],
        )
    except ValidationError as error:
        context |= {"add_form": form, "add_errors": error_messages(error)}
        return render(request, "claims/article.html", context, status=UNPROCESSABLE)
    if is_htmx(request):
        return htmx_redirect(claim.get_absolute_url())
    return HttpResponseRedirect(claim.get_absolute_url())
