"""Selection: of the candidates the rules read, which become figures.

Candidates are taken in order of kind (an amount before a date before a count), then the
longer first, then the earlier (a candidate its rule marks ``first`` before all others); one
that overlaps a figure already taken, lies in a span of noise (a URL, a phone number, a
version), is glued to the letters of a name (Qwen-7B, 코로나19) or is an English name's
number ("CES 2025") is dropped. The rules' order in
``registry.py`` breaks the remaining ties.
"""

from __future__ import annotations

import re

from claims.extraction.figures.en_names import name_number
from claims.extraction.figures.engine import Candidate

PRIORITY = {
    "money": 0,
    "percent": 0,
    "percentage_point": 0,
    "date": 1,
    "time": 1,
    "age": 2,
    "duration": 2,
    "ratio": 2,
    "rank": 3,
    "quantity": 3,
    "count": 4,
}
# Spans that hold digits but no figures. A version number (1.2.3) is noise, and so is a
# dotted date stamped with a time (기사입력 2020.10.08 16:57); a dotted date alone is a date.
NOISE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b0\d{1,2}[-.)\s]\d{3,4}[-.\s]\d{4}\b|\+\d{1,3}[-\s]\d{1,4}[-\s]\d{3,4}[-\s]\d{3,4}"
    r"|\b\d{3}-\d{3,4}-\d{4}\b|\b\d{8,}\b(?![,.]\d)"
    r"|\b(?!(?:19|20)\d\d\.\d{1,2}\.\d{1,2}\b(?!\.?\s?\d{1,2}:\d\d))v?\d+\.\d+\.\d+\b"
)
# A number glued to Hangul is a name (코로나19), unless what it is glued to is a particle, a
# prefix such as 약 or 총, or another figure's counter ("1박2일").
KO_GLUE_OK = re.compile(
    r"(약|총|각|연|월|무려|최대|최소|전년|전체|모두|또|및"
    r"|는|은|이|가|을|를|에|의|로|와|과|도|만|씩|\(|~"
    r"|\d(?:일|박|세|년|시간|개월|대)|징역|금고|(?<![가-힣])주)$"
)
APPROX_BEFORE = re.compile(
    r"(약|대략|거의|얼추|무려|최대|최소|about|nearly|almost|around|roughly|"
    r"approximately|some|more than|over|less than|under|at least|up to|"
    r"an estimated|close to)\s*$",
    re.I,
)
APPROX_AFTER = re.compile(
    r"^\s*(가량|여|남짓|안팎|이상|이하|미만|초과|수준|정도|넘게|넘는|께|or more|plus)"
)


def select(
    text: str,
    candidates: list[Candidate],
    language: str,
    dropped: list[tuple[Candidate, str]] | None = None,
) -> list[Candidate]:
    """The candidates that become figures, in text order. With ``dropped``, each candidate
    left out is added to it with the reason: "empty", "noise", "overlap:<rule>" (the rule
    of the figure taken over it), "glued" or "name"."""
    if not candidates:
        return []  # and no span of noise to look for
    noise = [(m.start(), m.end()) for m in NOISE.finditer(text)]
    chosen: list[Candidate] = []
    ranked = sorted(
        candidates, key=lambda c: (not c.first, PRIORITY[c.kind], -(c.end - c.start), c.start)
    )
    for c in ranked:
        reason = _left_out(text, c, noise, chosen, language)
        if reason is None:
            chosen.append(c)
        elif dropped is not None:
            dropped.append((c, reason))
    return sorted(chosen, key=lambda c: c.start)


def _left_out(
    text: str,
    c: Candidate,
    noise: list[tuple[int, int]],
    chosen: list[Candidate],
    language: str,
) -> str | None:
    if not c.value or c.end <= c.start:
        return "empty"
    if any(c.start < e and s < c.end for s, e in noise):
        return "noise"
    for o in chosen:
        if c.start < o.end and o.start < c.end:
            return f"overlap:{o.rule}"
    if _glued(text, c.start, language):
        return "glued"
    if language == "en" and name_number(text, c):
        return "name"
    return None


def _glued(text: str, start: int, language: str) -> bool:
    """A figure glued to the letters before it is part of a name (Qwen-7B, 코로나19)."""
    if start == 0:
        return False
    before = text[max(0, start - 6) : start]
    if re.search(r"[A-Za-z]$|[A-Za-z가-힣]-$", before) and not re.search(
        r"(US|[A-Z]{3}\s?|\b(?:[Mm]id|[Ee]arly|[Ll]ate)-)$", before
    ):
        return True
    if language == "ko" and re.search(r"[가-힣]$", before):
        return not KO_GLUE_OK.search(before)
    return False


def approximate(text: str, c: Candidate) -> bool:
    """Whether a figure is approximate: read so, or after "약", "about", before "가량"."""
    return c.approximate or bool(
        APPROX_BEFORE.search(text[max(0, c.start - 20) : c.start])
        or APPROX_AFTER.search(text[c.end : c.end + 8])
    )
