"""How much a source's passage speaks of what the claim speaks of: the share of the claim's
words that the passage holds. A page may print "2시간" or "61.57%" in many places; the
passage nearest the claim's own words is the one to show, and the share tells a reviewer
(or a threshold, later) whether the figure stands in the claim's context at all.

Words are matched by their first two syllables in Korean (particles and endings vary:
"지분을", "지분은") and as lower-case words of three letters or more in English, common
function words left out. Across languages the share is 0: a ranking signal, not a verdict.
"""

from __future__ import annotations

import re

HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
STOP_WORDS = frozenset(
    "the and for that with was were are has have had said this from its than into over "
    "about after before their there which would could will been also more most such".split()
)
KO_STOP = frozenset({"있다", "했다", "한다", "이다", "것으", "것이", "이번", "지난", "따르"})


def keywords(claim: str) -> frozenset[str]:
    """The words of a claim that a passage about it would share."""
    korean = {word[:2] for word in HANGUL_WORD.findall(claim)} - KO_STOP
    english = {word.lower() for word in LATIN_WORD.findall(claim)} - STOP_WORDS
    return frozenset(korean | english)


def share(words: frozenset[str], passage: str) -> float | None:
    """The share of ``words`` in ``passage`` (None without words to look for)."""
    if not words:
        return None
    lowered = passage.lower()
    return sum(word in lowered for word in words) / len(words)
