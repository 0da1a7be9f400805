"""Every page's header and footer (templates/base.html), drawn once and kept in this process.

They were 14 URL reversals and 34 translations on every page (about 1 ms of CPU, five times
the bare view). What they show depends only on the interface language, the URLs' prefix
and what they show of the user (signed in, their name, staff, the review and view roles,
the unread count): that is the key, so a part is never shown to a user, role or language
it was not drawn for, and nothing needs invalidating (a change of role, staff flag or
unread count is a new key from the next request). The CSRF token and the page's own address
(the language form's "next") go in per request. The parts are kept in this process's memory:
the templates and translations only change with a new deployment, which starts new
processes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from claims.templatetags.inbox import unread_notifications
from config.csrf import request_token

register = template.Library()

# Stand-ins drawn into a kept part; no page's own text holds a NUL character.
TOKEN_MARK = SafeString("\x00claimdesk-csrf\x00")
PATH_MARK = SafeString("\x00claimdesk-path\x00")
# Parts kept at most (a part per language and user shown: a few kilobytes each).
LIMIT = 2000
_parts: dict[tuple[Any, ...], str] = {}


def clear() -> None:
    """Forget every kept part (tests)."""
    _parts.clear()


def _place() -> tuple[Any, ...]:
    """The language and what the URLs are reversed with."""
    return (get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)


def _kept(key: tuple[Any, ...], draw: Callable[[], str]) -> str:
    """The part kept under ``key``, drawn by ``draw`` and kept the first time."""
    part = _parts.get(key)
    if part is None:
        part = draw()
        if len(_parts) >= LIMIT:
            _parts.clear()
        _parts[key] = part
    return part


def kept_template(
    request: HttpRequest,
    name: str,
    context: dict[str, Any],
    key: tuple[Any, ...],
    fill: dict[str, str],
) -> SafeString:
    """The template ``name`` drawn with ``context`` once per language and ``key`` (what in
    ``context`` it shows); the value of each variable named in ``fill`` (escaped) and the
    request's CSRF token go in per request."""
    marks = {variable: _mark(variable) for variable in fill}
    part = _kept(
        (name, *_place(), *key),
        lambda: render_to_string(name, {**context, **marks, "csrf_token": TOKEN_MARK}),
    )
    for variable, value in fill.items():
        part = part.replace(_mark(variable), escape(value))
    return SafeString(part.replace(TOKEN_MARK, request_token(request)))


def _mark(variable: str) -> SafeString:
    return SafeString(f"\x00claimdesk-{variable}\x00")


def _user_key(context: template.Context) -> tuple[Any, ...]:
    """What the header shows of the signed-in user (or that nobody is)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return (False,)
    can_view = user.has_perm("claims.view_claim")
    return (
        True,
        user.get_username(),
        bool(user.is_staff),
        user.has_perm("claims.review_claim"),
        can_view,
        unread_notifications(context) if can_view else 0,
    )


def _part(context: template.Context, name: str) -> SafeString:
    drawn = context.template.engine.get_template(name)  # type: ignore[union-attr]
    request = context.get("request")
    token = str(context.get("csrf_token") or "")
    if request is None or token in ("", "NOTPROVIDED"):  # noqa: S105  (Django: no token)
        # Not a page request (an error page drawn without one): drawn as it comes.
        with context.push(page_path=request.get_full_path() if request else ""):
            return SafeString(drawn.render(context))

    def draw() -> str:
        with context.push(csrf_token=TOKEN_MARK, page_path=PATH_MARK):
            return drawn.render(context)

    part = _kept((name, *_place(), *_user_key(context)), draw)
    if PATH_MARK in part:
        part = part.replace(PATH_MARK, escape(request.get_full_path()))
    return SafeString(part.replace(TOKEN_MARK, token))


@register.simple_tag(takes_context=True)
def language_part(context: template.Context, name: str) -> SafeString:
    """The template ``name`` drawn once per language: for parts that show nothing of the
    page, the user or the data (the empty claim panel and its keyboard shortcuts, the
    unbound add-claim form's fields)."""
    engine = context.template.engine  # type: ignore[union-attr]
    return SafeString(_kept((name, *_place()), lambda: engine.get_template(name).render(context)))


@register.simple_tag(takes_context=True)
def page_header(context: template.Context) -> SafeString:
    return _part(context, "_page_header.html")


@register.simple_tag(takes_context=True)
def page_footer(context: template.Context) -> SafeString:
    return _part(context, "_page_footer.html")
