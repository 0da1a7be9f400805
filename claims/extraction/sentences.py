"""Sentence splitting with offsets into the original text.

Korean goes through kiwipiepy (loaded once per process, on first use); English through a
splitter that knows abbreviations, decimals, initials and quotes. Sentences never cross
paragraph breaks.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from functools import lru_cache
from itertools import compress, repeat
from operator import add, attrgetter, ne
from typing import Any, NamedTuple

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
# A broadcast news script's cues sit inline too ("【 앵커멘트 】 ...", "... 취재했습니다. [기자]
# ...", "스탠딩 : 장가희 / 기자 - ..."): they name who speaks next, not part of any sentence.
# A bracketed word that heads a story ("[단독]", "[속보]") is not a cue. A screen capture's
# credit ends a paragraph the same way: "... 출연했다. 백아영 / 화면캡처 유튜브".
CUE = re.compile(
    r"【[^】\n]{0,20}】|\[\s*(?:앵커|기자|리포트)(?:\s*멘트)?\s*\]|"
    r"스탠딩\s*[:：]\s*[가-힣]{2,4}\s*/\s*기자\s*[-–—]?|"
    r"[가-힣]{2,4}\s*/\s*(?:[\w가-힣]+\s*){0,3}캡[처쳐](?:\s*[\w가-힣]+){0,2}\s*$"
)
CUTS = re.compile(f"{CAPTION.pattern}|{CUE.pattern}")
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


class Morpheme(NamedTuple):
    """A morpheme of a Korean sentence as kiwipiepy reads it: where it starts in the body,
    its form and its part-of-speech tag ("었", "EP")."""

    start: int
    form: str
    tag: str


_tuple = tuple.__new__
_SENTENCE = attrgetter("sent_position")
_START, _FORM, _TAG = attrgetter("start"), attrgetter("form"), attrgetter("tag")


def _korean_spans(
    paragraph: str, offset: int, morphemes: list[Morpheme] | None = None
) -> list[tuple[int, int]]:
    # kiwipiepy reads the morphemes to split anyway: keeping them costs little.
    with _kiwi_lock:
        # The analysis ``split_into_sents`` runs (its defaults are ``tokenize``'s), without
        # its Python pass that groups every token by its sentence (a call per token): the
        # sentences are the runs of tokens with one ``sent_position``, cut where it changes.
        tokens = kiwi().tokenize(paragraph)
    if morphemes is not None:
        # tuple.__new__: the named tuple's own constructor is a Python call per morpheme;
        # and each field read by map, without a Python loop over the tokens.
        starts = map(add, map(_START, tokens), repeat(offset))
        morphemes += map(
            _tuple,
            repeat(Morpheme),
            zip(starts, map(_FORM, tokens), map(_TAG, tokens), strict=True),
        )
    positions = list(map(_SENTENCE, tokens))
    cuts = [0, *compress(range(1, len(positions)), map(ne, positions[1:], positions))]
    ends = [*cuts[1:], len(tokens)]
    return [
        (offset + tokens[first].start, offset + tokens[last - 1].end)
        for first, last in zip(cuts, ends, strict=True)
        if last > first
    ]


def _english_spans(
    paragraph: str, offset: int, morphemes: list[Morpheme] | None = None
) -> list[tuple[int, int]]:
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
        if _may_hold_cuts(body, start, end):
            for caption in CUTS.finditer(body, start, end):
                pieces.append((at, caption.start()))
                at = caption.end()
        pieces.append((at, end))
    return pieces


def _may_hold_cuts(body: str, start: int, end: int) -> bool:
    """Whether ``body[start:end]`` holds what every match of ``CUTS`` holds: a bracket ("[",
    "(", "【"), "스탠딩", or a credit's "/" and "캡" (most sentences hold none: the pattern,
    which could start at any Korean syllable, is not run on them)."""
    find = body.find
    return (
        find("[", start, end) >= 0
        or find("(", start, end) >= 0
        or find("【", start, end) >= 0
        or find("스탠딩", start, end) >= 0
        or (find("캡", start, end) >= 0 and find("/", start, end) >= 0)
    )


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
    return _split(body, language, None)


def _split(body: str, language: str, morphemes: list[Morpheme] | None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for first, last in _paragraphs(body):
        text = body[first:last]
        korean = language == "ko" or detect_language(text) == "ko"
        found = (_korean_spans if korean else _english_spans)(text, first, morphemes)
        short = [p for s, e in found for p in bounded(body, s, e, MAX_SENTENCE)]
        for start, end in _cut_captions(body, short):
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans


# A quotation of several sentences is one unit for the claim decision: what it asserts is
# decided by the whole of it and by its frame ("...라고 말했다", "he said").
QUOTE_MARKS = {"“": 1, "”": -1}
MAX_QUOTED_UNITS = 8
# A curly mark's place says whether it opens or closes, whichever glyph was typed (Korean copy
# often closes with the opening one: "같다“고", "늘었다“며"): after a space or an opening
# bracket it opens; before a space, a punctuation mark or a Korean quotative ("“고", "”라며",
# "”이라는") it closes; between two spaces, or between two letters, the glyph decides.
OPENS_AFTER = frozenset("([{<'\"‘“—–-:·")
CLOSES_BEFORE = frozenset(".,!?;:)]}>…'\"’”")
KO_QUOTATIVE = re.compile(r"(?:이?라(?:고|며|는|면서)?|이?란|고|며|는|하(?:고|며|는|면서|자)|면서)")


def _quote_step(text: str, at: int) -> int:
    """+1 when the curly mark at ``at`` opens a quotation, -1 when it closes one."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = before.isspace() or before in OPENS_AFTER
    closes = after.isspace() or after in CLOSES_BEFORE or bool(KO_QUOTATIVE.match(text, at + 1))
    if opens != closes:
        return 1 if opens else -1
    return QUOTE_MARKS[text[at]]


def _still_open(text: str, depth: int, straight: int) -> tuple[int, int]:
    """The curly quotations left open after ``text`` and whether a straight one is."""
    if "“" in text or "”" in text:
        for at, char in enumerate(text):
            if char in QUOTE_MARKS:
                depth = max(0, depth + _quote_step(text, at))
    return depth, (straight + text.count('"')) % 2


def merge_quotations(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with the sentences of one quotation joined: a quotation mark opened in a
    sentence and closed in a later one of the same paragraph makes one span of them all (at
    most ``MAX_QUOTED_UNITS`` sentences and ``MAX_SENTENCE`` characters)."""
    merged: list[tuple[int, int]] = []
    depth, straight, joined = 0, 0, 0
    for start, end in spans:
        previous = merged[-1] if merged else None
        if (
            previous
            and (depth or straight)
            and "\n" not in body[previous[1] : start]
            and joined < MAX_QUOTED_UNITS
            and end - previous[0] <= MAX_SENTENCE
        ):
            merged[-1] = (previous[0], end)
            joined += 1
        else:
            merged.append((start, end))
            depth, straight, joined = 0, 0, 1
        depth, straight = _still_open(body[start:end], depth, straight)
    return merged


def claim_units(body: str, *, language: str) -> tuple[list[tuple[int, int]], list[Morpheme]]:
    """The units the claim decision reads (sentences, a quotation of several sentences
    joined into one) and, in Korean paragraphs, the morphemes of the body in order."""
    morphemes: list[Morpheme] = []
    spans = _split(body, language, morphemes)
    return merge_quotations(body, spans), morphemes


def morphemes_between(morphemes: list[Morpheme], start: int, end: int) -> list[Morpheme]:
    """The morphemes of ``morphemes`` (in body order) that start in ``[start, end)``."""
    starts = [m.start for m in morphemes]
    return morphemes[bisect_left(starts, start) : bisect_left(starts, end)]
