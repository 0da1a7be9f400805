"""The entity alias table: names of one entity in Korean and English under one id
(베인캐피탈 = Bain Capital). An input to the matcher; editors keep it in the admin, and a
confirmed match proposes the names the two claims hold that the table does not know."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class AliasTable:
    """``names``: entity id -> its names. Korean names match inside words (particles
    follow them); English names match whole words (a Korean particle may follow: "WTO는"),
    case-sensitively when written in capitals (US, LH, PPP)."""

    names: Mapping[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        korean: list[tuple[str, str]] = []
        english: list[tuple[str, str]] = []
        for entity, names in self.names.items():
            for name in names:
                (korean if re.search(r"[가-힣]", name) else english).append((name, entity))
        object.__setattr__(self, "_korean", sorted(korean, key=lambda p: -len(p[0])))
        patterns = []
        for name, entity in sorted(english, key=lambda p: -len(p[0])):
            flags = 0 if name.isupper() or len(name) <= 3 else re.I
            # A Korean particle may follow a Latin name ("WTO는"); a letter or digit may not.
            pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?![^\W가-힣])", flags)
            patterns.append((pattern, entity))
        object.__setattr__(self, "_english", patterns)

    def entities(self, text: str) -> frozenset[str]:
        """The ids of the entities a text names."""
        return frozenset(entity for _, entity in self.positions(text))

    def positions(self, text: str) -> list[tuple[int, str]]:
        """Where a text names each entity: (offset, id)."""
        found = []
        for name, entity in self._korean:  # type: ignore[attr-defined]
            at = text.find(name)
            while at >= 0:
                found.append((at, entity))
                at = text.find(name, at + 1)
        for pattern, entity in self._english:  # type: ignore[attr-defined]
            found.extend((m.start(), entity) for m in pattern.finditer(text))
        return found

    def extended(self, more: Mapping[str, Iterable[str]]) -> AliasTable:
        """This table with more names (the editors' rows, a confirmed match's names)."""
        names = {k: tuple(v) for k, v in self.names.items()}
        for entity, extra in more.items():
            names[entity] = tuple(dict.fromkeys((*names.get(entity, ()), *extra)))
        return AliasTable(names)


NAME_KO = re.compile(r"[가-힣]{2,}(?:캐피탈|캐피털|전자|그룹|공사|위원회|은행|증권|부|청|원)")
NAME_EN = re.compile(r"(?<![.!?]\s)\b[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*\b")


def unknown_names(text: str, table: AliasTable) -> list[str]:
    """Names a claim holds that the table does not know: what a confirmed match offers the
    editors to add (a Korean organisation's name, an English proper name)."""
    known = {n for names in table.names.values() for n in names}
    found = NAME_KO.findall(text) + NAME_EN.findall(text)
    return [n for n in dict.fromkeys(found) if n not in known and len(n) > 2]
