"""Template tags of comments and the inbox: the header's unread count (one query a page at
most) and a comment's text with its mentions marked (escaped, never rendered as HTML)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.notifications import unread_count
from lib.mentions import split_mentions

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """How many unread notifications the signed-in user has, counted once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_claimdesk_unread"):
        # claims.auth_backend counts them with the user; else one query here.
        loaded = getattr(user, "_claimdesk_unread", None)
        request._claimdesk_unread = unread_count(user) if loaded is None else loaded
    return int(request._claimdesk_unread)


@register.filter
def comment_body(comment: Any) -> SafeString:
    """The comment's text, escaped, with each stored mention marked."""
    pieces = split_mentions(comment.body, set(comment.mentions or []))
    html = [
        format_html('<b class="mention" translate="no">{}</b>', text) if mention else escape(text)
        for text, mention in pieces
    ]
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above
