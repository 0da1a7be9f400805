"""Saved views: the header's menu, saving the queue's filters, applying, renaming, deleting."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from articles.forms import CleanLineField
from claims import roles, saved_views
from claims.forms import Form
from claims.models import SavedView
from claims.views.common import error_messages, role_required


class ViewNameForm(Form):
    name = CleanLineField(label=pgettext_lazy("saved view", "Name"), max_length=80)


class SaveViewForm(ViewNameForm):
    query = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)
    shared = forms.BooleanField(label=gettext_lazy("Share with the desk"), required=False)


def queue_with(filters: dict[str, str]) -> str:
    return reverse("claims:queue") + (f"?{urlencode(filters)}" if filters else "")


def _visible(request: HttpRequest, pk: int) -> SavedView:
    view = SavedView.objects.visible_to(request.user).filter(pk=pk).first()
    if view is None:
        raise Http404(_("No saved view of yours or of the desk has this number."))
    return view


def _say_dropped(request: HttpRequest, name: str, checked: saved_views.CheckedFilters) -> None:
    if checked.unknown:
        messages.warning(
            request,
            _(
                "The view “%(view)s” had filters the queue does not have (%(names)s): "
                "they were left out."
            )
            % {"view": name, "names": ", ".join(checked.unknown)},
        )
    if checked.gone:
        messages.warning(
            request,
            _(
                "The view “%(view)s” filtered on %(labels)s, whose value no longer exists "
                "(a deleted reviewer or outlet, or a value the queue no longer takes): that "
                "filter was left out. Save the view again to keep it this way."
            )
            % {"view": name, "labels": ", ".join(f"“{label}”" for label in checked.gone)},
        )


@require_GET
@role_required(roles.can_view)
def views_menu(request: HttpRequest) -> HttpResponse:
    """The header's menu of views (loaded when opened: pages pay no query for it)."""
    views = list(SavedView.objects.visible_to(request.user).only("id", "name", "shared"))
    return render(request, "claims/_views_menu.html", {"views": views})


@require_GET
@role_required(roles.can_view)
def apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = _visible(request, pk)
    checked = saved_views.check_filters(view.filters if isinstance(view.filters, dict) else {})
    _say_dropped(request, view.name, checked)
    return HttpResponseRedirect(queue_with(checked.kept))


@require_POST
@role_required(roles.can_view)
def save_view(request: HttpRequest) -> HttpResponse:
    form = SaveViewForm(request.POST)
    query = QueryDict(request.POST.get("query", ""))
    back = queue_with({k: query[k] for k in query if k not in saved_views.NOT_SAVED})
    if not form.is_valid():
        for error in form.errors.get("name", []):
            messages.error(request, _("The view was not saved: %(why)s") % {"why": error})
        return HttpResponseRedirect(back)
    name = form.cleaned_data["name"]
    checked = saved_views.check_filters({k: query[k] for k in query})
    try:
        saved_views.save_view(
            owner=request.user, name=name, filters=checked.kept, shared=form.cleaned_data["shared"]
        )
    except (ValidationError, PermissionDenied) as problem:
        for message in _problem_messages(problem):
            messages.error(request, message)
        return HttpResponseRedirect(back)
    _say_dropped(request, name, checked)
    messages.success(request, _("View “%(name)s” saved: it is in the Views menu.") % {"name": name})
    return HttpResponseRedirect(queue_with(checked.kept))


def _problem_messages(problem: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(problem, ValidationError):
        return error_messages(problem)
    return [str(problem)]


@require_GET
@role_required(roles.can_view)
def saved_views_page(request: HttpRequest) -> HttpResponse:
    views = list(SavedView.objects.visible_to(request.user).select_related("owner"))
    form = saved_views.filter_form()
    rows: list[dict[str, Any]] = [
        {
            "view": v,
            "manage": saved_views.can_manage(request.user, v),
            "filters": saved_views.describe(v.filters if isinstance(v.filters, dict) else {}, form),
        }
        for v in views
    ]
    return render(request, "claims/saved_views.html", {"rows": rows})


def _managed(request: HttpRequest, pk: int) -> SavedView:
    view = _visible(request, pk)
    if not saved_views.can_manage(request.user, view):
        raise PermissionDenied
    return view


@require_POST
@role_required(roles.can_view)
def rename_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = _managed(request, pk)
    form = ViewNameForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("name", []):
            messages.error(request, _("The view was not renamed: %(why)s") % {"why": error})
        return HttpResponseRedirect(reverse("claims:saved_views"))
    old = view.name
    try:
        saved_views.rename_view(view=view, actor=request.user, name=form.cleaned_data["name"])
    except (ValidationError, PermissionDenied) as problem:
        for message in _problem_messages(problem):
            messages.error(request, message)
    else:
        messages.success(request, _("“%(old)s” is now “%(new)s”.") % {"old": old, "new": view.name})
    return HttpResponseRedirect(reverse("claims:saved_views"))


@require_POST
@role_required(roles.can_view)
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = _managed(request, pk)
    name = view.name
    saved_views.delete_view(view=view, actor=request.user)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": name})
    return HttpResponseRedirect(reverse("claims:saved_views"))
