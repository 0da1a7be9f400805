"""The engine of the figure grammar: rules read candidates from a text, each candidate naming
the rule that read it; ``select.py`` then keeps the ones that do not overlap.

A rule is a named function from a ``Scan`` (the text and the article's date) to candidates.
``registry.py`` lists the rules of each language in the order they run: when two candidates
tie in ``select.py`` (same kind, span and start), the one read first wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Candidate:
    """A figure a rule read, before selection; ``rule`` is set by the engine."""

    start: int
    end: int
    value: str
    unit: str
    kind: str
    approximate: bool = False
    rule: str = ""
    # Taken before candidates of other kinds it overlaps: a reading that holds what another
    # rule reads alone ("한 시간에 40km" is a speed, not an hour and a distance).
    first: bool = False


@dataclass(slots=True)
class Scan:
    """One text being read: its characters, the article's date (None when unknown), and the
    matches of the patterns several rules share, found once."""

    text: str
    ref: date | None
    _found: dict[re.Pattern[str], list[re.Match[str]]] = field(default_factory=dict)

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of ``pattern`` in the text, found once however many rules read them."""
        found = self._found.get(pattern)
        if found is None:
            found = self._found[pattern] = list(pattern.finditer(self.text))
        return found


Reader = Callable[[Scan], Iterable[Candidate]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named reading of one shape of figure.

    ``needs``: strings one of which the text must hold for the rule to match at all (a cheap
    test that spares the pattern); ``dated``: the rule reads only against an article date.
    """

    name: str
    read: Reader
    needs: tuple[str, ...] = ()
    dated: bool = False

    @property
    def about(self) -> str:
        """The first line of the reader's docstring: what the rule reads."""
        return (self.read.__doc__ or "").strip().split("\n")[0]


def rule(
    name: str, *, needs: tuple[str, ...] = (), dated: bool = False
) -> Callable[[Reader], Rule]:
    """Make a reader function a named rule: ``@rule("ko_full_date")``."""

    def named(read: Reader) -> Rule:
        return Rule(name, read, needs, dated)

    return named


def run(scan: Scan, rules: Sequence[Rule]) -> list[Candidate]:
    """The candidates of every rule that applies to the text, in the rules' order."""
    found: list[Candidate] = []
    text = scan.text
    for each in rules:
        if each.dated and scan.ref is None:
            continue
        if each.needs and not _holds_any(text, each.needs):
            continue
        for candidate in each.read(scan):
            candidate.rule = each.name
            found.append(candidate)
    return found


def _holds_any(text: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:
        if needle in text:
            return True
    return False
