"""Serializer fields that clean what clients send (``lib.text``), as the forms do.

The value is cleaned before DRF checks it, so a value of nothing but control characters
is blank (refused where blank is not allowed) and a length limit applies to what is stored.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from lib.text import clean_typed_line as clean_line
from lib.text import clean_typed_text as clean_text


def _cleanable(data: Any) -> bool:
    # A NUL is refused, not cleaned (DRF's own check answers 400 for it, as before).
    return isinstance(data, str) and "\x00" not in data


class CleanLineField(serializers.CharField):
    """One line of text: control characters removed, whitespace folded (``clean_line``)."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        return super().run_validation(clean_line(data) if _cleanable(data) else data)


class CleanTextField(serializers.CharField):
    """Multi-line text: ``\\n`` line breaks and tabs kept, other controls removed."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        return super().run_validation(clean_text(data) if _cleanable(data) else data)
