"""``@username`` mentions in comment text. No Django.

A mention is ``@`` followed by the characters Django allows in a username (letters, digits
and ``@ . + - _``), not preceded by one of them (so ``name@example.org`` is no mention).
Punctuation that ends a sentence (``@alice.``) is not part of the name unless a user has
that name: :func:`mention_candidates` gives both readings and the caller keeps the one that
names an existing user; :func:`split_mentions` marks the longest reading it is given.
"""

from __future__ import annotations

import re

MENTION = re.compile(r"(?<![\w.@+-])@([\w.@+-]+)")
TRAILING = ".-+@"


def _readings(name: str) -> list[str]:
    short = name.rstrip(TRAILING)
    return [name, short] if short and short != name else [name]


def mention_candidates(text: str) -> list[str]:
    """Every name a mention in ``text`` may mean, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text):
        for name in _readings(match.group(1)):
            seen.setdefault(name, None)
    return list(seen)


def resolve_mentions(text: str, known: set[str]) -> list[str]:
    """The names mentioned in ``text`` that are in ``known``, in order of first mention."""
    found: dict[str, None] = {}
    for match in MENTION.finditer(text):
        name = next((n for n in _readings(match.group(1)) if n in known), None)
        if name is not None:
            found.setdefault(name, None)
    return list(found)


def split_mentions(text: str, names: set[str]) -> list[tuple[str, bool]]:
    """``text`` in pieces, each ``(piece, is_mention)``; a mention piece is ``@name`` for a
    name in ``names``, everything else (other ``@words`` included) is plain."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in MENTION.finditer(text):
        name = next((n for n in _readings(match.group(1)) if n in names), None)
        if name is None:
            continue
        start = match.start()
        end = start + 1 + len(name)
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
