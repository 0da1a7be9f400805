"""A reviewer's quoted passage looked for in a source's archived text.

Pasting loses and adds things that do not change what a passage says: line breaks and
spaces (Korean spacing too: "6,700억 원" for "6,700억원"), invisible characters (soft
hyphens, zero-width spaces), full-width forms, the style of quotation marks (“ ” ‘ ’ " '
「 」, or none), dashes and middle dots, letter case. All of those are tolerated. An
ellipsis in the excerpt ("정부는 … 35개국에") stands for text left out: the pieces must
appear in order, each within ``GAP`` characters of the one before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from claims.evidence.scan import FULLWIDTH

IGNORED_RUN = re.compile(
    r"[\s\u00ad\u200b-\u200f\u2060\ufeff"
    r"\"'`\u00b4\u2018-\u201f\u2032\u2033\u00ab\u00bb\u300c-\u300f\u301d-\u301f\u3003]+"
)
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Hangul araea, katakana middle dot and hyphenation point, typed for a middle dot.
DOTS = "\u318d\u30fb\u2027"
SAME = {**FULLWIDTH, **{ord(c): ord("-") for c in DASHES}, **{ord(c): 0xB7 for c in DOTS}}
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\)|\.{3,}|…+|⋯+)\s*")
# How far apart two pieces of an excerpt around an ellipsis may be, in characters.
GAP = 2000
# Pieces shorter than this (after the ellipsis is cut) say too little to be looked for.
MIN_PIECE = 2


@dataclass(frozen=True, slots=True)
class ExcerptMatch:
    """Where an excerpt is in the text: the span from its first character to its last."""

    start: int
    end: int


class _Normal:
    """``text`` with what is tolerated taken out (``.text``), and the way back to offsets
    of the original: each run of removed characters is remembered, not each character."""

    def __init__(self, text: str) -> None:
        same = text.translate(SAME)
        lowered = same.lower()
        if len(lowered) == len(same):
            same = lowered
        self.text = IGNORED_RUN.sub("", same)
        self._at: list[int] = []  # where, in .text, each removed run was
        self._removed: list[int] = []  # characters removed up to and with that run
        removed = 0
        for match in IGNORED_RUN.finditer(same):
            removed += match.end() - match.start()
            self._at.append(match.end() - removed)
            self._removed.append(removed)

    def offset(self, index: int) -> int:
        """The offset in the original text of the character at ``index`` of ``.text``."""
        runs = bisect_right(self._at, index)
        return index + (self._removed[runs - 1] if runs else 0)


def _pieces(excerpt: str) -> list[str]:
    pieces = [_Normal(piece).text for piece in ELLIPSIS.split(excerpt)]
    return [piece for piece in pieces if len(piece) >= MIN_PIECE]


def find_excerpt(excerpt: str, text: str) -> ExcerptMatch | None:
    """Where ``excerpt`` is in ``text``, or None when it is not there (or says nothing)."""
    pieces = _pieces(excerpt)
    if not pieces:
        return None
    normal = _Normal(text)
    haystack = normal.text
    at = haystack.find(pieces[0])
    while at >= 0:
        end = _rest(haystack, pieces[1:], at + len(pieces[0]))
        if end is not None:
            return ExcerptMatch(normal.offset(at), normal.offset(end - 1) + 1)
        at = haystack.find(pieces[0], at + 1)
    return None


def _rest(haystack: str, pieces: list[str], after: int) -> int | None:
    """The end of the last of ``pieces`` found in order after ``after``, each near the last."""
    for piece in pieces:
        at = haystack.find(piece, after, after + GAP + len(piece))
        if at < 0:
            return None
        after = at + len(piece)
    return after


def excerpt_found(excerpt: str, text: str) -> bool | None:
    """True or False; None when there is no excerpt to look for."""
    if not _pieces(excerpt):
        return None
    return find_excerpt(excerpt, text) is not None
