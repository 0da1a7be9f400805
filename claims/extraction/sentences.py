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

from lib.language import detect_language

PARAGRAPH = re.compile(r"[^\n]+")

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col",
    "lt", "capt", "sgt", "rev", "hon", "pres", "vs", "etc", "inc", "ltd", "co", "corp",
    "adm", "maj", "brig", "cmdr", "cdr", "cpl", "pvt", "det", "supt", "atty", "sens", "reps",
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
# Hostile or broken text (a megabyte without a line break or a full stop) must not cost
# quadratic time downstream: paragraphs reach the splitters, and sentences leave them, in
# pieces of bounded length, cut at a space where there is one. No real sentence is this long.
MAX_PARAGRAPH = 5000
MAX_SENTENCE = 1000


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


def bounded(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of ``text`` cut into pieces of at most ``limit`` characters, each
    ending after the last white space in its window when there is one."""
    pieces = []
    while end - start > limit:
        cut = max(text.rfind(" ", start, start + limit), text.rfind("\t", start, start + limit))
        cut = cut + 1 if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _paragraphs(body: str) -> list[tuple[int, int]]:
    return [
        piece
        for paragraph in PARAGRAPH.finditer(body)
        if paragraph.group(0).strip()
        for piece in bounded(body, paragraph.start(), paragraph.end(), MAX_PARAGRAPH)
    ]


def split_sentences(body: str, *, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``body``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    for first, last in _paragraphs(body):
        text = body[first:last]
        korean = language == "ko" or detect_language(text) == "ko"
        found = (_korean_spans if korean else _english_spans)(text, first)
        short = [p for s, e in found for p in bounded(body, s, e, MAX_SENTENCE)]
        for start, end in _cut_captions(body, short):
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans
