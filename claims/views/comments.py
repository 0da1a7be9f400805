"""Comments from a claim's panel: post, reply, edit (their author, for ten minutes).

Like the panel's other writes, each answers htmx with the fresh panel; a refused or invalid
comment comes back with the reason beside the comment form and the text as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims import roles
from claims.comments import comment_edit, comment_post
from claims.inbox_models import Comment
from claims.models import Claim
from claims.views.common import UNPROCESSABLE, error_messages, is_htmx, role_required
from claims.views.panel import _panel_claim, _panel_response


def _comment_write(
    request: HttpRequest, claim: Claim, write: Callable[[], object], *, kind: str, target: int
) -> HttpResponse:
    """Run ``write``; the panel again with the comment posted, or saying why not."""
    form: dict[str, Any] = {"comment_form_kind": kind, "comment_form_id": target}
    try:
        write()
    except PermissionDenied as refusal:
        response = _panel_response(
            request, claim, status=403, comment_errors=[str(refusal.args[0])], **form
        )
        response["X-Claimdesk-Refusal"] = "1"
        return response
    except ValidationError as error:
        typed = request.POST.get("body", "")
        return _panel_response(
            request,
            claim,
            status=UNPROCESSABLE,
            comment_errors=error_messages(error),
            comment_typed=typed,
            **form,
        )
    if is_htmx(request):
        return _panel_response(request, _panel_claim(claim.pk), comment_saved=True, **form)
    messages.success(request, _("Comment saved."))
    return HttpResponseRedirect(claim.get_absolute_url() + "#comments")


def _parent(request: HttpRequest) -> int | None:
    raw = request.POST.get("parent", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return -1  # no such comment: the service says so


@require_POST
@role_required(roles.can_review)
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    parent = _parent(request)
    body = request.POST.get("body", "")
    return _comment_write(
        request,
        claim,
        lambda: comment_post(claim=claim, author=request.user, body=body, parent=parent),
        kind="reply" if parent else "new",
        target=parent or 0,
    )


@require_POST
@role_required(roles.can_review)
def comment_update(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    claim = _panel_claim(pk)
    comment = get_object_or_404(Comment, pk=comment_pk, claim=claim)
    body = request.POST.get("body", "")
    return _comment_write(
        request,
        claim,
        lambda: comment_edit(comment=comment, editor=request.user, body=body),
        kind="edit",
        target=comment.pk,
    )
