"""One fact across articles: canonical-claim matching, numeric conflicts and duplicate
suggestions. Plain Python: nothing here imports Django.

    aliases = AliasTable(DEFAULT_ALIASES)
    stored = MemoryIndex(featurize(r, aliases) for r in old_records)
    for d in match([featurize(r, aliases) for r in new_records], stored, rejected=rejected):
        d.tier, d.score, d.conflict, d.explanation
"""

from claims.matching.aliases import AliasTable, unknown_names
from claims.matching.engine import (
    AUTO,
    SUGGEST,
    Decision,
    Thresholds,
    compare,
    decide,
    match,
    rank,
)
from claims.matching.features import ClaimFeatures, ClaimRecord, FigureSlot, featurize
from claims.matching.index import MatchIndex, MemoryIndex
from claims.matching.lexicon import CONCEPTS, DEFAULT_ALIASES

__all__ = [
    "AUTO",
    "CONCEPTS",
    "DEFAULT_ALIASES",
    "SUGGEST",
    "AliasTable",
    "ClaimFeatures",
    "ClaimRecord",
    "Decision",
    "FigureSlot",
    "MatchIndex",
    "MemoryIndex",
    "Thresholds",
    "compare",
    "decide",
    "featurize",
    "match",
    "rank",
    "unknown_names",
]
