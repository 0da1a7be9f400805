"""The inbox: the signed-in user's notifications, newest first, each opening its claim in
its article's panel; mark one or all read; turn e-mail on or off."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims import roles
from claims.inbox_models import InboxSettings, Notification
from claims.notifications import describe, inbox, mark_read, set_email, unread_count
from claims.views.common import role_required


def _inbox_url() -> str:
    return reverse("claims:inbox")


@require_GET
@role_required(roles.can_view)
def inbox_page(request: HttpRequest) -> HttpResponse:
    before = request.GET.get("before", "")
    page = inbox(request.user, before=before)
    user: Any = request.user  # signed in (role_required)
    wanted = InboxSettings.objects.filter(user=user, email=True).exists()
    return render(
        request,
        "claims/inbox.html",
        {
            "items": [(n, describe(n)) for n in page.rows],
            "older": urlencode({"before": page.older}) if page.older else "",
            "paged": bool(before),
            "unread": unread_count(user),
            "email_on": wanted,
            "has_address": bool(user.email),
        },
    )


@require_GET
@role_required(roles.can_view)
def inbox_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and open its claim in the article's panel."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(user=request.user, ids=[notification.pk])
    url = reverse("claims:claim", args=[notification.claim_id])
    if notification.data.get("comment"):
        url += "#comment-{}".format(int(notification.data["comment"]))
    return HttpResponseRedirect(url)


@require_POST
@role_required(roles.can_view)
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark read the notifications ticked (``id``), or all of them (``all``)."""
    if request.POST.get("all"):
        mark_read(user=request.user)
    else:
        ids = [int(i) for i in request.POST.getlist("id") if i.isdecimal()]
        mark_read(user=request.user, ids=ids)
    return HttpResponseRedirect(_inbox_url())


@require_POST
@role_required(roles.can_view)
def inbox_email(request: HttpRequest) -> HttpResponse:
    on = request.POST.get("email") == "on"
    set_email(user=request.user, email=on, language=get_language() or "")
    if on:
        messages.success(request, _("Notifications will also come by e-mail."))
    else:
        messages.success(request, _("Notifications will no longer come by e-mail."))
    return HttpResponseRedirect(_inbox_url())
