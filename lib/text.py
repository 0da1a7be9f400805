"""Text that people and pages give: one cleaning for every way in. No Django.

Article text has been cleaned this way since the first parser; every other input edge
(verdict notes, source titles, publishers and excerpts, dismissal reasons, attributions,
names typed in the admin, the API's fields) now goes through the same two functions:

- :func:`clean_text` for multi-line text (a body, a note, a quoted passage): line breaks
  become ``\\n`` (``\\r\\n`` and ``\\r`` too, as browsers send a textarea's), tabs stay,
  and every other C0 control character goes, with DEL;
- :func:`clean_line` for one-line values (a title, a name, a reason): the same, then every
  run of whitespace (tabs and line breaks included) folded into one space.

Page text (``invisible=True``, the parsers' default) also loses zero-width spaces,
bidirectional overrides and isolates, the byte-order mark, lone surrogates and U+FFFE and
U+FFFF. What people type keeps those (``invisible=False``): a note may quote them, and
they are stored as typed. Web addresses are not cleaned but refused (``lib.urls``), and
usernames and passwords are never cleaned (they would name a different account).
"""

from __future__ import annotations

import re

# Control characters (tab, line feed and carriage return are handled apart) and DEL.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What page text loses besides: invisible formatting and what no text should hold.
INVISIBLE = re.compile("[\u200b\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str, *, invisible: bool = True) -> str:
    """Multi-line text: ``\\n`` line breaks, tabs kept, other control characters removed
    (and, with ``invisible``, the invisible formatting characters of page text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = CONTROL.sub("", text)
    return INVISIBLE.sub("", text) if invisible else text


def clean_line(text: str, *, invisible: bool = True) -> str:
    """A one-line value (a title, a name): no control characters, spaces folded."""
    return " ".join(clean_text(text, invisible=invisible).split())


def clean_typed_text(text: str) -> str:
    """Multi-line text a person typed: :func:`clean_text` keeping invisible formatting."""
    return clean_text(text, invisible=False)


def clean_typed_line(text: str) -> str:
    """A one-line value a person typed: :func:`clean_line` keeping invisible formatting."""
    return clean_line(text, invisible=False)


def needs_cleaning(text: str) -> bool:
    """True when :func:`clean_typed_text` would change ``text`` other than its spaces."""
    return "\r" in text or CONTROL.search(text) is not None
