"""The engine of the figure grammar: rules read candidates from a text, each candidate naming
the rule that read it; ``select.py`` then keeps the ones that do not overlap.

A rule is a named function from a ``Scan`` (the text and the article's date) to candidates.
``registry.py`` lists the rules of each language in the order they run: when two candidates
tie in ``select.py`` (same kind, span and start), the one read first wins.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The regular-expression parser of the standard library (``sre_parse``; no type stubs).
_parser: Any = importlib.import_module("re._parser")
DIGIT = re.compile(r"\d")


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
    # By the pattern's id, the pattern kept beside its matches (so that no other object
    # takes its id while the scan lasts): hashing a pattern hashes its whole compiled code,
    # which for the long alternations of counters costs more than a search.
    _found: dict[int, tuple[re.Pattern[str], list[re.Match[str]]]] = field(default_factory=dict)
    _digits: bool | None = None

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of ``pattern`` in the text, found once however many rules read them;
        none, without a search, when every match needs a digit and the text holds none
        (``needs_digit``: most sentences of a story hold no digit)."""
        known = self._found.get(id(pattern))
        if known is not None:
            return known[1]
        found = (
            []
            if not self.holds_digit() and needs_digit(pattern)
            else list(pattern.finditer(self.text))
        )
        self._found[id(pattern)] = (pattern, found)
        return found

    def holds_digit(self) -> bool:
        """Whether the text holds a digit (looked for once)."""
        if self._digits is None:
            self._digits = DIGIT.search(self.text) is not None
        return self._digits


# By the pattern's id, with the pattern (kept alive, so the id stays its own).
_NEEDS_DIGIT: dict[int, tuple[re.Pattern[str], bool]] = {}


def needs_digit(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` can match only in a text that holds a digit (``\\d``): every
    alternative of it takes one, or looks ahead or behind for one. Read from the parsed
    pattern, once per pattern; False when unsure (a back-reference, a conditional)."""
    known = _NEEDS_DIGIT.get(id(pattern))
    if known is None:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        known = _NEEDS_DIGIT[id(pattern)] = (pattern, _sequence_needs_digit(parsed))
    return known[1]


def _sequence_needs_digit(items: Iterable[tuple[Any, Any]]) -> bool:
    return any(_item_needs_digit(op, av) for op, av in items)


def _item_needs_digit(op: Any, av: Any) -> bool:
    p = _parser
    if op is p.LITERAL:
        return _is_digit(av)
    if op is p.IN:
        return bool(av) and all(_set_item_is_digit(o, a) for o, a in av)
    if op is p.SUBPATTERN:
        return _sequence_needs_digit(av[-1])
    if op is p.ATOMIC_GROUP:
        return _sequence_needs_digit(av)
    if op is p.BRANCH:
        return all(_sequence_needs_digit(branch) for branch in av[1])
    if op in (p.MAX_REPEAT, p.MIN_REPEAT, p.POSSESSIVE_REPEAT):
        least, _, body = av
        return least >= 1 and _sequence_needs_digit(body)
    if op is p.ASSERT:  # a look-ahead or look-behind that must find one (not ASSERT_NOT)
        return _sequence_needs_digit(av[1])
    return False


def _set_item_is_digit(op: Any, av: Any) -> bool:
    """Whether an item of a character set ([...]) admits digits only."""
    p = _parser
    if op is p.LITERAL:
        return _is_digit(av)
    if op is p.RANGE:
        return _is_digit(av[0]) and _is_digit(av[1])
    if op is p.CATEGORY:
        return av is p.CATEGORY_DIGIT
    return False  # NEGATE, another category, ...


def _is_digit(code: int) -> bool:
    return ord("0") <= code <= ord("9")


Reader = Callable[[Scan], Iterable[Candidate]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named reading of one shape of figure.

    ``needs``: strings one of which the text must hold for the rule to match at all (a cheap
    test that spares the pattern); ``dated``: the rule reads only against an article date;
    ``digits``: the rule reads only in a text that holds a digit, every candidate coming from
    a match of a pattern that takes one (``needs_digit``). Most sentences of a story hold no
    digit: such a rule is then not called at all.
    """

    name: str
    read: Reader
    needs: tuple[str, ...] = ()
    dated: bool = False
    digits: bool = False

    @property
    def about(self) -> str:
        """The first line of the reader's docstring: what the rule reads."""
        return (self.read.__doc__ or "").strip().split("\n")[0]


def rule(
    name: str, *, needs: tuple[str, ...] = (), dated: bool = False, digits: bool = False
) -> Callable[[Reader], Rule]:
    """Make a reader function a named rule: ``@rule("ko_full_date")``."""

    def named(read: Reader) -> Rule:
        return Rule(name, read, needs, dated, digits)

    return named


def run(scan: Scan, rules: Sequence[Rule]) -> list[Candidate]:
    """The candidates of every rule that applies to the text, in the rules' order."""
    found: list[Candidate] = []
    text = scan.text
    digits = scan.holds_digit()
    for each in rules:
        if each.dated and scan.ref is None:
            continue
        if each.digits and not digits:
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
