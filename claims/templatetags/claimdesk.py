"""Template helpers of the review interface. Everything they emit is escaped."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from articles import presentation as article_presentation
from claims import presentation
from claims.models import DUE, ClaimStatus
from claims.services import is_http_url

register = template.Library()

ICONS: dict[str, str] = {
    ClaimStatus.UNREVIEWED: "○",
    ClaimStatus.VERIFIED: "✓",
    ClaimStatus.DISPUTED: "✗",
    ClaimStatus.UNVERIFIABLE: "?",
    ClaimStatus.CONTESTED: "⚠",
    ClaimStatus.DISMISSED: "–",
    DUE: "↻",
}


def status_label(status: str) -> str:
    if status == DUE:
        return str(_("due for re-check"))
    return str(dict(ClaimStatus.choices).get(status, status))


@register.simple_tag
def status_badge(status: str) -> SafeString:
    """A status shown by colour, icon and word together (never colour alone)."""
    return format_html(
        '<span class="badge st-{}"><span aria-hidden="true">{}</span> {}</span>',
        status,
        ICONS.get(status, "·"),
        status_label(status),
    )


@register.simple_tag
def status_icon(status: str) -> str:
    return ICONS.get(status, "·")


@register.filter
def safe_link(url: str, text: str = "") -> SafeString:
    """An http(s) URL as a link; anything else (javascript:, data:...) as plain text."""
    label = text or url
    if url and is_http_url(url):
        return format_html('<a href="{}" rel="noopener noreferrer nofollow">{}</a>', url, label)
    return format_html('<span class="inert-url">{}</span>', label)


@register.simple_tag
def claim_mark(claim: Any, oob: bool = False) -> SafeString:
    """A claim highlighted in the article text; the text keeps its offsets in data-o."""
    url = reverse("claims:claim", args=[claim.pk])
    return format_html(
        '<mark id="claim-{}" class="claim st-{}" data-start="{}" data-end="{}"{}>'
        '<a href="{}" class="claim-link" hx-get="{}" hx-target="#panel" hx-push-url="true"'
        ' data-claim="{}"><span class="st-icon" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}: </span><span data-o="{}">{}</span></a></mark>',
        claim.pk,
        claim.status,
        claim.start,
        claim.end,
        SafeString(' hx-swap-oob="true"') if oob else "",
        url,
        url,
        claim.pk,
        ICONS.get(claim.status, "·"),
        status_label(claim.status),
        claim.start,
        claim.text,
    )


@register.simple_tag
def article_body(segments: list[Any]) -> SafeString:
    """The article text with its claims in place; plain runs keep their offsets too."""
    return format_html_join(
        "",
        "{}",
        (
            (
                claim_mark(s.claim)
                if s.claim is not None
                else format_html('<span data-o="{}">{}</span>', s.start, s.text),
            )
            for s in segments
        ),
    )


@register.filter
def figure_rows(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A claim's figures as people read them (``claims.presentation``)."""
    return presentation.figure_rows(figures or [])


@register.filter
def language_name(code: str) -> str:
    return article_presentation.language_name(code)


@register.filter
def event_sentence(event: Any) -> SafeString:
    return presentation.event_sentence(event)


@register.filter
def reason_text(reason: str) -> SafeString:
    return article_presentation.reason_text(reason or "")


@register.filter
def corroboration_label(state: str) -> str:
    return presentation.corroboration_label(state or "")


@register.filter
def marked_passage(result: dict[str, Any]) -> SafeString:
    return presentation.marked_passage(result or {})


@register.filter
def ageing_reason(reason: str) -> str:
    return presentation.ageing_reason(reason or "")


@register.filter
def iso_time(value: Any) -> datetime | None:
    """A time stored as ISO 8601 text in JSON (a source's ``archive``), as a datetime."""
    if isinstance(value, datetime) or not value:
        return value or None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
