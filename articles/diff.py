"""What changed between two revisions of an article, sentence by sentence. No Django here."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

SENTENCE_BREAK = re.compile(r"(?<=[.!?。])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Change:
    """One piece of text: kept ("="), removed ("-") or added ("+")."""

    op: str
    text: str


def _pieces(body: str) -> list[str]:
    return [piece for piece in SENTENCE_BREAK.split(body) if piece.strip()]


def revision_changes(before: str, after: str) -> list[Change]:
    """The sentences removed and added between two bodies, with unchanged ones between."""
    old, new = _pieces(before), _pieces(after)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(Change("=", text) for text in old[i1:i2])
            continue
        changes.extend(Change("-", text) for text in old[i1:i2])
        changes.extend(Change("+", text) for text in new[j1:j2])
    return changes


def replaced_share(before: str, after: str) -> float:
    """How much of ``before`` (0 to 1, by characters of its sentences) is gone from ``after``."""
    old, new = _pieces(before), _pieces(after)
    total = sum(len(piece) for piece in old)
    if not total:
        return 0.0
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    kept = sum(
        len(piece)
        for block in matcher.get_matching_blocks()
        for piece in old[block.a : block.a + block.size]
    )
    return 1 - kept / total


def same_text(before: str, after: str) -> bool:
    """Whether two texts say the same, white space aside."""
    return before.split() == after.split()


def text_diff(before: str, after: str, *, context: int = 2) -> str:
    """A unified diff of two texts, a sentence a line ("" when they say the same)."""
    if same_text(before, after):
        return ""
    lines = difflib.unified_diff(
        _pieces(before), _pieces(after), "before", "after", n=context, lineterm=""
    )
    return "\n".join(lines)
