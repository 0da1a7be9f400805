"""Form fields that clean what people type (``lib.text``), for the review interface's forms
and the admin console of both apps.

A field cleans before it checks, so a value of nothing but control characters is blank
(and refused where a value is required) and a length limit applies to what is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lib.text import clean_typed_line as clean_line
from lib.text import clean_typed_text as clean_text
from lib.urls import URLError, clean_http_url

NOT_HTTP = _("Only http:// and https:// addresses can be fetched.")
UNREADABLE_URL = _("This web address cannot be read; check it.")
URL_CHARACTERS = _(
    "This web address holds a space, a tab, a line break or a control character; "
    "type it again without it."
)


def url_message(problem: URLError) -> Any:
    """A problem of ``lib.urls`` in the interface's language."""
    if problem.code == "scheme":
        return NOT_HTTP
    return URL_CHARACTERS if problem.code == "characters" else UNREADABLE_URL


def _cleanable(value: Any) -> bool:
    # A NUL is refused, not cleaned (Django's own check answers 422 for it, as before).
    return isinstance(value, str) and "\x00" not in value


class CleanLineField(forms.CharField):
    """One line of text: control characters removed, whitespace folded (``clean_line``)."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(clean_line(value) if _cleanable(value) else value)


class CleanTextField(forms.CharField):
    """Multi-line text: ``\\n`` line breaks and tabs kept, other controls removed."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(clean_text(value) if _cleanable(value) else value)


class HttpURLField(forms.CharField):
    """An http(s) address, refused (never cleaned) when ``lib.urls`` refuses it."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value:
            try:
                clean_http_url(value)
            except URLError as problem:
                raise forms.ValidationError(url_message(problem), code=problem.code) from None
        return value


class CleanTextAdmin:
    """Admin console forms that clean typed text like every other input.

    Text columns become :class:`CleanTextField`, other character columns
    :class:`CleanLineField`, web addresses :class:`HttpURLField`. Fields with choices, and
    fields a form declares itself (the username's, which refuses control characters),
    are left as they are.
    """

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if not db_field.choices and "form_class" not in kwargs:
            if isinstance(db_field, models.URLField):
                kwargs["form_class"] = HttpURLField
            elif type(db_field) is models.TextField:
                kwargs["form_class"] = CleanTextField
            elif type(db_field) is models.CharField:
                kwargs["form_class"] = CleanLineField
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
