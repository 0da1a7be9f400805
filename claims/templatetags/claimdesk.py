"""Template helpers of the review interface. Everything they emit is escaped."""

from __future__ import annotations

from datetime import datetime
from html import escape as escape_text
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from articles import presentation as article_presentation
from claims import presentation, presentation_checks
from claims.blind import IN_REVIEW
from claims.models import DUE, ClaimStatus, Verdict
from claims.scales import grade_label
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
    IN_REVIEW: "◔",
}


def status_label(status: str) -> str:
    if status == DUE:
        return str(_("due for re-check"))
    if status == IN_REVIEW:
        return str(_("in review"))
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
def verdict_badge(verdict: Verdict) -> SafeString:
    """A stored verdict as its status's colour and icon with its grade's label as rated."""
    return format_html(
        '<span class="badge st-{}"><span aria-hidden="true">{}</span> {}</span>',
        verdict.verdict,
        ICONS.get(verdict.verdict, "·"),
        grade_label(verdict),
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


_MARK = (
    '<mark id="claim-{pk}" class="claim st-{status}" data-start="{start}" data-end="{end}"{oob}>'
    '<a href="{url}" class="claim-link" hx-get="{url}" hx-target="#panel" hx-push-url="true"'
    ' data-claim="{pk}"><span class="st-icon" aria-hidden="true">{icon}</span>'
    '<span class="visually-hidden">{label}: </span><span data-o="{start}">{text}</span></a></mark>'
)
_URL_HOLE = 2_147_483_647


class _Marks:
    """Claim marks for one page: the claim URL reversed once and the status labels
    translated once, then each mark formatted with its parts escaped (``claim_mark``; with
    the standard library's escape, which Django's wraps, 100 claims' worth of lazy-text
    checks less, the same bytes)."""

    def __init__(self) -> None:
        self.url = escape(reverse("claims:claim", args=[_URL_HOLE])).replace(str(_URL_HOLE), "{}")
        self.labels: dict[str, str] = {}

    def mark(self, claim: Any, oob: bool = False) -> str:
        status = str(claim.status)
        label = self.labels.get(status)
        if label is None:
            label = self.labels[status] = escape(status_label(status))
        return _MARK.format(
            pk=int(claim.pk),
            status=escape_text(status),
            start=int(claim.start),
            end=int(claim.end),
            oob=' hx-swap-oob="true"' if oob else "",
            url=self.url.format(int(claim.pk)),
            icon=ICONS.get(status, "·"),
            label=label,
            text=escape_text(claim.text),
        )


@register.simple_tag
def claim_mark(claim: Any, oob: bool = False) -> SafeString:
    """A claim highlighted in the article text; the text keeps its offsets in data-o."""
    return SafeString(_Marks().mark(claim, oob))


@register.simple_tag
def article_body(segments: list[Any]) -> SafeString:
    """The article text with its claims in place; plain runs keep their offsets too."""
    marks = _Marks()
    return SafeString(
        "".join(
            marks.mark(s.claim)
            if s.claim is not None
            else f'<span data-o="{int(s.start)}">{escape_text(s.text)}</span>'
            for s in segments
        )
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
def check_summary(check: Any) -> SafeString:
    return presentation_checks.check_summary(check)


@register.filter
def check_formula(check: Any) -> str:
    return presentation_checks.check_formula(check)


@register.filter
def figures_apart(appearance: Any, claim: Any) -> tuple[str, str]:
    return appearance.figures_apart(claim)


@register.filter
def interval_phrase(row: dict[str, Any]) -> SafeString:
    return presentation_checks.interval_phrase(row)


@register.filter
def corroboration_label(state: str) -> str:
    return presentation_checks.corroboration_label(state or "")


@register.filter
def marked_passage(result: dict[str, Any]) -> SafeString:
    return presentation_checks.marked_passage(result or {})


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
