"""Sentence splitting with offsets into the original text.

Korean goes through kiwipiepy (loaded once per process, on first use); English through a
splitter that knows abbreviations, decimals, initials and quotes. Sentences never cross
paragraph breaks.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
PARAGRAPH = re.compile(r"[^\n]+")

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col",
    "lt", "capt", "sgt", "rev", "hon", "pres", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "fig", "approx", "est", "dept", "univ", "mt", "ft", "vol", "p", "pp",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "d.c",
}  # fmt: skip
EN_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9가-힣])")
# Photo captions sit inline in some bodies ("... 밝혔다. [사진 = 알리바바그룹] 2019년 ... 부스.");
# a sentence never runs across one.
CAPTION = re.compile(
    r"\[\s*(?:사진|그래픽|자료|표|영상|이미지|Photo|Image)[^\]\n]{0,80}\]|\(\s*사진\s*=[^)\n]{0,80}\)"
)
_kiwi_lock = threading.Lock()


def detect_language(text: str) -> str:
    """'ko' when Hangul is a fair share of the letters, else 'en'."""
    sample = text[:5000]
    hangul, latin = len(HANGUL.findall(sample)), len(LATIN.findall(sample))
    return "ko" if hangul and hangul * 3 >= latin else "en"


@lru_cache(maxsize=1)
def kiwi() -> Any:
    """The Kiwi analyser, loaded once per process (loading takes about a second)."""
    from kiwipiepy import Kiwi

    return Kiwi()


def _korean_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    with _kiwi_lock:
        sentences = kiwi().split_into_sents(paragraph)
    return [(offset + s.start, offset + s.end) for s in sentences]


def _english_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in EN_BOUNDARY.finditer(paragraph):
        end = match.end()
        word = re.search(r"([\w.]+)[.!?]+[\"'”’)\]]*$", paragraph[start:end])
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue  # "Mr. Moon", "J. Smith", "U.S. officials"
        spans.append((offset + start, offset + end))
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if start < len(paragraph):
        spans.append((offset + start, offset + len(paragraph)))
    return spans


def _cut_captions(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        at = start
        for caption in CAPTION.finditer(body, start, end):
            pieces.append((at, caption.start()))
            at = caption.end()
        pieces.append((at, end))
    return pieces


def split_sentences(body: str, *, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``body``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    for paragraph in PARAGRAPH.finditer(body):
        text = paragraph.group(0)
        if not text.strip():
            continue
        korean = language == "ko" or detect_language(text) == "ko"
        found = (_korean_spans if korean else _english_spans)(text, paragraph.start())
        for start, end in _cut_captions(body, found):
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans
