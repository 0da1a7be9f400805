"""The queue's bulk actions: assign, dismiss, or record a verdict that needs no source, on
the ticked claims (claims.bulk), each claim's outcome said: done, or refused and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from claims import roles
from claims.bulk import BulkReport, bulk_assign, bulk_dismiss, bulk_verdict
from claims.forms import BulkAssignForm, BulkDismissForm, BulkVerdictForm
from claims.selectors import reviewer_choices
from claims.views.common import error_messages, role_required

MAX_TICKED = 50  # a page of the queue


def _back(request: HttpRequest) -> str:
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("claims:queue")
    return back


def _ticked(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("claim") if v.isdecimal()][:MAX_TICKED]


def _report(request: HttpRequest, report: BulkReport, done: Callable[[int], str]) -> None:
    if report.done:
        messages.success(request, done(len(report.done)))
    for pk, reason in report.refused:
        messages.error(
            request,
            _("Claim #%(id)s was left as it was: %(reason)s") % {"id": pk, "reason": reason},
        )


def _bulk(
    request: HttpRequest,
    form: Form,
    act: Callable[[list[int], dict[str, Any]], BulkReport],
    done: Callable[[int], str],
    nothing: str,
) -> HttpResponse:
    """Check the ticks and the form, run the action, report each claim's outcome."""
    ids = _ticked(request)
    if not ids:
        messages.error(request, nothing)
        return HttpResponseRedirect(_back(request))
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
        return HttpResponseRedirect(_back(request))
    try:
        report = act(ids, form.cleaned_data)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
        return HttpResponseRedirect(_back(request))
    _report(request, report, done)
    return HttpResponseRedirect(_back(request))


@require_POST
@role_required(roles.can_settle)
def queue_assign(request: HttpRequest) -> HttpResponse:
    """An editor assigns the ticked claims to one reviewer (with a due date and a priority),
    or unassigns them; nothing ticked or nobody chosen is said, not silently ignored."""
    form = BulkAssignForm(request.POST, reviewers=reviewer_choices())
    chosen: dict[str, Any] = {}

    def act(ids: list[int], data: dict[str, Any]) -> BulkReport:
        assignee_id = form.assignee_id()
        chosen["user"] = get_user_model().objects.get(pk=assignee_id) if assignee_id else None
        return bulk_assign(ids, actor=request.user, assignee=chosen["user"], **form.terms())

    def done(n: int) -> str:
        user = chosen.get("user")
        if user is None:
            return ngettext("%(n)d claim unassigned.", "%(n)d claims unassigned.", n) % {"n": n}
        return ngettext(
            "%(n)d claim assigned to %(name)s.", "%(n)d claims assigned to %(name)s.", n
        ) % {"n": n, "name": user.get_username()}

    return _bulk(request, form, act, done, _("Tick the claims to assign first."))


@require_POST
@role_required(roles.can_review)
def queue_dismiss(request: HttpRequest) -> HttpResponse:
    """Dismiss the ticked claims with one reason."""
    form = BulkDismissForm(request.POST)
    return _bulk(
        request,
        form,
        lambda ids, data: bulk_dismiss(ids, actor=request.user, reason=data["reason"]),
        lambda n: ngettext("%(n)d claim dismissed.", "%(n)d claims dismissed.", n) % {"n": n},
        _("Tick the claims to dismiss first."),
    )


@require_POST
@role_required(roles.can_review)
def queue_verdict(request: HttpRequest) -> HttpResponse:
    """Record a verdict that needs no source (unverifiable) on the ticked claims."""
    form = BulkVerdictForm(request.POST)
    return _bulk(
        request,
        form,
        lambda ids, data: bulk_verdict(
            ids, actor=request.user, verdict=data["verdict"], note=data["note"]
        ),
        lambda n: (
            ngettext("Verdict recorded on %(n)d claim.", "Verdict recorded on %(n)d claims.", n)
            % {"n": n}
        ),
        _("Tick the claims to record the verdict on first."),
    )
