"""A claim's panel: figures, attribution, the verdict form with sources, other reviewers'
verdicts and the history, and the writes made from it (verdict, dismiss, restore, span,
assign, merge).

Every view that answers an htmx request returns the panel alone, with the claim's
highlight in the article swapped out of band, so the page updates in place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import blind, roles
from claims.comments import merged_here, panel_comments
from claims.forms import (
    AssignForm,
    DismissForm,
    MergeForm,
    RecheckForm,
    SourceFormSet,
    SpanForm,
    VerdictForm,
    sources_from,
)
from claims.models import Claim
from claims.scales import grade_code
from claims.selectors import (
    article_status_counts,
    claim_history,
    panel_claims,
    reviewer_choices,
    same_fact,
)
from claims.services import (
    Refusals,
    claim_adjust_span,
    claim_assign,
    claim_dismiss,
    claim_merge,
    claim_record_verdict,
    claim_refusals,
    claim_restore,
    claim_set_blind,
    claim_set_recheck,
)
from claims.templatetags.claimdesk import claim_mark
from claims.views.article import article_main, article_with_version
from claims.views.common import (
    UNPROCESSABLE,
    error_messages,
    htmx_redirect,
    is_htmx,
    role_required,
)
from claims.views.queue_steps import queue_links


def _panel_claim(pk: int) -> Claim:
    return get_object_or_404(panel_claims(), pk=pk)


def _assign_form(claim: Claim, can_settle: bool) -> AssignForm:
    initial = {
        "assignee": claim.assigned_to_id,
        "due": claim.assignment_due,
        "priority": claim.priority,
    }
    return AssignForm(initial=initial, reviewers=reviewer_choices() if can_settle else [])


def _panel_context(
    request: HttpRequest,
    claim: Claim,
    *,
    verdict_form: VerdictForm | None = None,
    sources: Any = None,
    errors: list[str] | None = None,
    dismiss_form: DismissForm | None = None,
    span_form: SpanForm | None = None,
    merge_form: MergeForm | None = None,
    recheck_form: RecheckForm | None = None,
    saved: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    history = claim_history(claim)
    mine = next((v for v in history.opinions if v.reviewer_id == request.user.pk), None)
    can_settle = roles.can_settle(request.user)
    can_review = roles.can_review(request.user)
    refusals = claim_refusals(claim=claim, user=request.user) if can_review else Refusals()
    entries, opinions, kept_blind = blind.visible_history(
        request.user, claim, history.entries, history.opinions
    )
    # Blind review keeps the other reviewers' comments from a reviewer too, until their own
    # verdict is in.
    events = [e.event for e in history.entries if e.event is not None]
    comments = panel_comments(
        claim, request.user, others_hidden=kept_blind, merged=merged_here(claim, events)
    )
    return {
        "claim": claim,
        "kept_blind": kept_blind,
        "claim_blind": blind.is_blind(claim),
        "desk_blind": blind.desk_reviews_blind(),
        "history": comments.history(entries),
        "comments": comments,
        "opinions": opinions,
        # My current verdict is the form's choice, so the panel says where I stand.
        "verdict_form": verdict_form or VerdictForm(initial={"verdict": mine and grade_code(mine)}),
        "my_verdict": mine,
        "saved": saved,
        "sources": sources or SourceFormSet(prefix="source"),
        "errors": errors or [],
        "dismiss_form": dismiss_form or DismissForm(),
        "span_form": span_form or SpanForm(initial={"start": claim.start, "end": claim.end}),
        "merge_form": merge_form or MergeForm(),
        "recheck_form": recheck_form or RecheckForm(initial={"due": claim.recheck_due}),
        "last_verdict": opinions[-1] if opinions else None,
        "assign_form": _assign_form(claim, can_settle),
        "can_review": can_review,
        "can_settle": can_settle,
        # A source still pending is asked for again only when something will archive it.
        "archiving": settings.CLAIMDESK_ARCHIVE_SOURCES,
        "refusals": refusals,
        "verdict_form_shown": can_review and not claim.dismissed_reason and not refusals.verdict,
        "same_fact": blind.mask_same_fact(request.user, same_fact(claim)),
        "queue_nav": queue_links(request, claim),
        **extra,  # what a comment view gives back (claims.views.comments)
    }


def _panel_response(
    request: HttpRequest, claim: Claim, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The panel alone for htmx (plus the claim's highlight out of band), else the page."""
    context = _panel_context(request, claim, **extra)
    if is_htmx(request):
        tally = article_status_counts(claim.article_id)
        counts = {
            # Counted again for a blind reviewer on a blind claim's article (claims.blind).
            "status_counts": blind.masked_counts(request.user, claim.article_id, tally)
            if blind.is_blind(claim)
            else tally,
            "oob": True,
        }
        html = (
            render_to_string("claims/_claim_panel.html", context, request=request)
            + str(claim_mark(claim, oob=True))
            + render_to_string("claims/_article_counts.html", counts, request=request)
        )
        return HttpResponse(html, status=status)
    # The article beside the panel, from the cache the article page fills (one query when
    # it holds this version of the article).
    article = article_with_version(claim.article_id)
    page = {"article": article, "article_main": article_main(request, article)} | context
    return render(request, "claims/article.html", page, status=status)


def _refused(request: HttpRequest, claim: Claim, refusal: PermissionDenied) -> HttpResponse:
    """The editor rule refused the write: the panel again, saying why (403).

    ``claimdesk.js`` lets htmx swap a 403 that carries ``X-Claimdesk-Refusal``; other 403s
    (no role at all) stay unswapped and show the page's error line.
    """
    response = _panel_response(
        request, _panel_claim(claim.pk), status=403, errors=[str(refusal.args[0])]
    )
    response["X-Claimdesk-Refusal"] = "1"
    return response


def _done(request: HttpRequest, claim: Claim) -> HttpResponse:
    """After a successful write: the fresh panel saying "saved" for htmx (and focus goes
    back to the claim in the text: claimdesk.js), a redirect with the message otherwise."""
    if is_htmx(request):
        response = _panel_response(request, _panel_claim(claim.pk), saved=True)
        response["HX-Trigger-After-Settle"] = json.dumps({"claimdesk:saved": {"claim": claim.pk}})
        return response
    messages.success(request, _("Saved."))
    return HttpResponseRedirect(claim.get_absolute_url())


def perform(
    request: HttpRequest, claim: Claim, write: Callable[[], object], **form: Any
) -> HttpResponse:
    """One write on the claim from its panel: the fresh panel when it went through, else the
    panel again saying why (403 when the editor rule refused it, 422 when it was invalid,
    with the ``form`` given back as typed)."""
    try:
        write()
    except PermissionDenied as refusal:
        return _refused(request, claim, refusal)
    except ValidationError as error:
        return _panel_response(
            request, claim, status=UNPROCESSABLE, errors=error_messages(error), **form
        )
    return _done(request, claim)


@require_GET
@role_required(roles.can_view)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel_response(request, _panel_claim(pk))


@require_POST
@role_required(roles.can_review)
def claim_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = VerdictForm(request.POST)
    sources = SourceFormSet(request.POST, prefix="source")
    if not (form.is_valid() and sources.is_valid()):
        return _panel_response(
            request, claim, status=UNPROCESSABLE, verdict_form=form, sources=sources
        )
    settles = form.cleaned_data["settles"]
    if settles and not roles.can_settle(request.user):
        raise PermissionDenied
    given = form.cleaned_data
    return perform(
        request,
        claim,
        lambda: claim_record_verdict(
            claim=claim,
            reviewer=request.user,
            verdict=form.grade().verdict,
            grade=form.grade(),
            note=given["note"],
            sources=sources_from(sources),
            settles=settles,
        ),
        verdict_form=form,
        sources=sources,
    )


@require_POST
@role_required(roles.can_review)
def claim_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, dismiss_form=form)
    reason = form.cleaned_data["reason"]
    return perform(
        request, claim, lambda: claim_dismiss(claim=claim, actor=request.user, reason=reason)
    )


@require_POST
@role_required(roles.can_review)
def claim_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    return perform(request, claim, lambda: claim_restore(claim=claim, actor=request.user))


@require_POST
@role_required(roles.can_review)
def claim_span(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = SpanForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, span_form=form)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return perform(
        request,
        claim,
        lambda: claim_adjust_span(claim=claim, actor=request.user, start=start, end=end),
        span_form=form,
    )
    if is_htmx(request):
        return htmx_redirect(claim.get_absolute_url())  # the highlight moved
    return HttpResponseRedirect(claim.get_absolute_url())


@require_POST
@role_required(roles.can_settle)
def claim_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = AssignForm(request.POST, reviewers=reviewer_choices())
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE)
    assignee_id = form.cleaned_data["assignee"]
    assignee = get_user_model().objects.get(pk=assignee_id) if assignee_id else None
    claim_assign(claim=claim, actor=request.user, assignee=assignee, **form.terms())
    return _done(request, claim)


@require_POST
@role_required(roles.can_settle)
def claim_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, merge_form=form)
    into = Claim.objects.filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        return _panel_response(
            request,
            claim,
            status=UNPROCESSABLE,
            merge_form=form,
            errors=[_("That claim does not exist.")],
        )
    return perform(
        request,
        claim,
        lambda: claim_merge(duplicate=claim, into=into, actor=request.user),
        merge_form=form,
    )


@require_POST
@role_required(roles.can_review)
def claim_recheck_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    form = RecheckForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, claim, status=UNPROCESSABLE, recheck_form=form)
    due = form.cleaned_data["due"]
    return perform(
        request, claim, lambda: claim_set_recheck(claim=claim, actor=request.user, due=due)
    )


@require_POST
@role_required(roles.can_settle)
def claim_blind_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor marks the claim for blind review, or takes the mark off."""
    claim = _panel_claim(pk)
    on = request.POST.get("blind") == "on"
    return perform(
        request, claim, lambda: claim_set_blind(claim=claim, actor=request.user, blind=on)
    )
