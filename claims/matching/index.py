"""Where the matcher finds candidates: an index of stored claims' features by blocking key.

``MatchIndex`` is what the engine needs; ``MemoryIndex`` keeps it in memory (tests,
benchmarks, a one-off run). The database's index stores each claim's features as JSON and
one row per (claim, blocking key), and answers ``candidates`` with one query on the keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Protocol

from claims.matching.features import ClaimFeatures


class MatchIndex(Protocol):
    def candidates(self, claim: ClaimFeatures) -> Iterable[ClaimFeatures]:
        """Stored claims sharing a blocking key with ``claim``'s query keys."""
        ...

    def add(self, claim: ClaimFeatures) -> None: ...


class MemoryIndex:
    """An in-memory index: key -> claim ids, id -> features."""

    def __init__(self, claims: Iterable[ClaimFeatures] = ()) -> None:
        self._claims: dict[str, ClaimFeatures] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            self.add(claim)

    def add(self, claim: ClaimFeatures) -> None:
        self._claims[claim.id] = claim
        for key in claim.blocking_keys():
            self._postings[key].add(claim.id)

    def candidates(self, claim: ClaimFeatures) -> Iterator[ClaimFeatures]:
        keys = claim.query_keys() if claim.figures else {f"ent:{e}" for e in claim.entities}
        ids: set[str] = set()
        for key in keys:
            ids |= self._postings.get(key, set())
        for claim_id in ids:
            yield self._claims[claim_id]

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[ClaimFeatures]:
        return iter(self._claims.values())
