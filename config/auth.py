"""Sign-in: the form, and what django-axes records and shows after repeated failures."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# django-axes keeps the username of each failed sign-in in a column of this many characters.
AXES_USERNAME_LENGTH = 255


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the username's length checked before anyone looks it up.

    Django gives the field its maximum length after making it, so the length is never
    validated: a longer name went on to authentication and to django-axes' record.
    """

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        limit = self.username_field.max_length
        if limit is not None and len(username) > limit:
            raise forms.ValidationError(
                _("A username has at most %(limit)d characters."),
                code="max_length",
                params={"limit": limit},
            )
        return username


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The username django-axes records, cut to its column (the admin's sign-in form, too)."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else None


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 with the page that says why and how long to wait, in the user's language."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    context = {"failure_limit": get_failure_limit(request, credentials), "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
