"""Which language a text is in, for the two Claimdesk reads: Korean or English. Pure Python."""

from __future__ import annotations

import re

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str, *, sample: int | None = None) -> str:
    """'ko' when Hangul syllables are at least a quarter of the Hangul and Latin letters,
    else 'en'. With ``sample``, only the first ``sample`` characters are counted (bounded
    time on a long body; the start of an article says its language)."""
    if sample is not None:
        text = text[:sample]
    if not LATIN.search(text):
        return "ko" if HANGUL.search(text) else "en"
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    return "ko" if hangul and hangul * 3 >= latin else "en"
