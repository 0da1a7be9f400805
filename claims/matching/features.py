"""What the matcher knows of one claim, computed once when the claim is stored: its figures
as slots (dimension, interval, hedge, the words about them), its time scope, entities,
concepts, character n-grams and, when embeddings are on, its embedding.

``ClaimFeatures.as_json`` / ``from_json`` keep them in a database column; ``blocking_keys``
are the index's keys (a table of (claim, key) rows in SQL).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from claims.extraction.types import Figure
from claims.matching.aliases import AliasTable
from claims.matching.lexicon import CONCEPTS
from claims.quantities import Interval, read_quantity

# Words around a figure that say what it counts, in characters (Korean puts the noun
# before the number; English around it).
BEFORE = {"ko": 14, "en": 60}
AFTER = {"ko": 14, "en": 28}
LAST_YEAR = re.compile(r"지난해|작년|last year|a year earlier|previous year")
THIS_YEAR = re.compile(r"올해|올 한해|this year")
MASK = "#"


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A claim as the matcher receives it: its sentence, language and figures (offsets into
    the article body; ``base`` is the body offset of ``text``), plus where it appeared."""

    id: str
    text: str
    language: str
    figures: tuple[Figure, ...] = ()
    base: int = 0
    attribution: str = ""
    published_at: datetime | None = None
    outlet: str = ""
    article: str = ""


@dataclass(frozen=True, slots=True)
class FigureSlot:
    """One figure as a slot's value: its dimension key, its interval (hedged) and printed
    interval, the concepts named near it, and how specific its printed value is."""

    text: str
    dimension: str
    value: Fraction
    lo: Fraction | None
    hi: Fraction | None
    printed_lo: Fraction | None
    printed_hi: Fraction | None
    hedge: str
    local: frozenset[str]
    digits: int
    subjects: frozenset[str] = frozenset()
    # A date beside other figures is context (when it was said or done), not a value of the
    # slot: it neither decides nor contradicts.
    secondary: bool = False
    # A day named without its month ("26일") may be in the month before or after the one the
    # grammar chose: the other readings, as day ordinals.
    alternates: tuple[Fraction, ...] = ()
    # A total whose part the sentence names ("including 9,000 ..., a total of 35,000"), and
    # that part: the interval of the rest (total minus part). Another claim's figure there
    # is the other part, not this figure misreported.
    rests: tuple[tuple[Fraction, Fraction], ...] = ()

    @property
    def interval(self) -> Interval:
        return Interval(self.lo, self.hi)

    @property
    def printed(self) -> Interval:
        return Interval(self.printed_lo, self.printed_hi)


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    id: str
    language: str
    text: str
    figures: tuple[FigureSlot, ...]
    years: frozenset[str]
    entities: frozenset[str]
    attribution: frozenset[str]
    concepts: frozenset[str]
    grams: frozenset[str]
    content: int
    published_at: datetime | None = None
    outlet: str = ""
    article: str = ""
    embedding: tuple[float, ...] | None = field(default=None, compare=False)

    def blocking_keys(self) -> set[str]:
        """``fig:<dimension>:<magnitude>`` for each value figure (half-decade buckets, so a
        figure and a conflicting one a few steps away share a key or a neighbour's), and
        ``ent:<id>`` for each entity."""
        keys = {f"fig:{f.dimension}:{bucket(f)}" for f in self.figures}
        return keys | {f"ent:{e}" for e in self.entities}

    def query_keys(self) -> set[str]:
        """The keys whose claims are candidates: each figure's bucket and its neighbours."""
        keys: set[str] = set()
        for f in self.figures:
            b = bucket(f)
            keys.update(f"fig:{f.dimension}:{b + d}" for d in (-1, 0, 1))
        return keys

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "language": self.language, "text": self.text,
            "figures": [_slot_json(f) for f in self.figures],
            "years": sorted(str(y) for y in self.years), "entities": sorted(self.entities),
            "attribution": sorted(self.attribution), "concepts": sorted(self.concepts),
            "grams": sorted(self.grams), "content": self.content,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "outlet": self.outlet, "article": self.article,
            "embedding": list(self.embedding) if self.embedding is not None else None,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimFeatures:
        when = data.get("published_at")
        embedding = data.get("embedding")
        return cls(
            id=data["id"], language=data["language"], text=data["text"],
            figures=tuple(_slot_from_json(f) for f in data["figures"]),
            years=frozenset(data["years"]), entities=frozenset(data["entities"]),
            attribution=frozenset(data["attribution"]), concepts=frozenset(data["concepts"]),
            grams=frozenset(data["grams"]), content=data["content"],
            published_at=datetime.fromisoformat(when) if when else None,
            outlet=data.get("outlet", ""), article=data.get("article", ""),
            embedding=tuple(embedding) if embedding is not None else None,
        )  # fmt: skip


def bucket(f: FigureSlot) -> int:
    """Half-decades of the value's size (dates: months)."""
    if f.dimension.startswith("date"):
        return int(f.value) // 30
    size = abs(float(f.value))
    return int(math.floor(math.log10(size) * 2)) if size > 0 else -99


def featurize(
    record: ClaimRecord,
    aliases: AliasTable,
    embedding: Sequence[float] | None = None,
) -> ClaimFeatures:
    """The features of one claim (``embedding``: its vector when embeddings are on)."""
    text, language = record.text, record.language
    lowered = text.lower()
    found = _concept_positions(lowered, language)
    named = aliases.positions(text)
    quantities = [
        q for f in record.figures if (q := read_quantity(f, text, record.base)) is not None
    ]
    has_values = any(q.dimension.kind not in ("date", "time") for q in quantities)
    # "2011년 ... 이후 12년 만", "in 12 years, since 2011": the year is the span's start.
    spans_years = any(q.dimension.key == "duration:years" for q in quantities)
    slots: list[FigureSlot] = []
    years: set[str] = set()
    rests = _rests(quantities, text, record.base)
    for q in quantities:
        start, end = q.figure.start - record.base, q.figure.end - record.base
        if has_values and not spans_years and _scope(q, text, start, end):
            years.add(q.figure.value if q.dimension.kind == "date" else f"q{q.figure.value}")
            continue
        window = (start - BEFORE[language], end + AFTER[language])
        local = frozenset(
            c for pos, c in found if window[0] <= pos < window[1] and not _place(lowered, pos)
        )
        secondary = q.dimension.kind in ("date", "time") and _when_said(text, start, end)
        subject = frozenset[str]()
        if q.dimension.kind == "age":
            subject = _subject(named, text, start)
        elif q.dimension.kind == "date" and not secondary:
            subject = _doers(named, text, start)
        alternates = _alternates(q, text, start)
        dimension = "age:years" if _older(q, text, end) else ""
        slots.append(_slot(q, local, subject, secondary, alternates, dimension, rests.get(id(q))))
    if record.published_at is not None and has_values:
        if LAST_YEAR.search(lowered):
            years.add(str(record.published_at.year - 1))
        if THIS_YEAR.search(lowered) and not years:
            years.add(str(record.published_at.year))
    masked = _masked(text, record)
    return ClaimFeatures(
        id=record.id,
        language=language,
        text=text,
        figures=tuple(slots),
        years=frozenset(years),
        entities=aliases.entities(text),
        attribution=aliases.entities(record.attribution) if record.attribution else frozenset(),
        concepts=frozenset(c for _, c in found),
        grams=grams(masked),
        content=len(re.sub(r"[\W\d_#]", "", masked)),
        published_at=record.published_at,
        outlet=record.outlet,
        article=record.article,
        embedding=tuple(float(x) for x in embedding) if embedding is not None else None,
    )


KO_WORD_REST = re.compile(r"[가-힣·]*")


def _place(text: str, at: int) -> bool:
    """Whether the word at ``at`` names where something happens, not what a figure is of:
    a Korean noun marked 에서 ("28일 합동회의에서 연설한다" is a speech's date; the
    meeting is its place)."""
    word = KO_WORD_REST.match(text, at)
    return word is not None and word.group(0).endswith("에서")


SINCE = re.compile(r"^\s*(?:년\s?)?(?:이후|이래|부터|만에|전)|^\s*(?:to|until)\b", re.I)
SINCE_BEFORE = re.compile(r"(?:since|from|after|before)\s+(?:the\s)?$", re.I)
BARE_DAY = re.compile(r"\d{1,2}\s?일")


def _scope(q: Any, text: str, start: int, end: int) -> bool:
    """Whether a figure is the time of the claim's other figures, not a value: a year
    ("2024년 매출액", "in 2022") or a quarter ("4분기 영업이익률"), unless it is the start of
    a span ("2011년 이후 12년 만", "since 2011")."""
    if q.dimension.kind == "rank" and q.dimension.unit == "quarter":
        return True
    if q.dimension.kind != "date" or not re.fullmatch(r"\d{4}", q.figure.value):
        return False
    return not (
        SINCE.match(text[end : end + 8]) or SINCE_BEFORE.search(text[max(0, start - 12) : start])
    )


SAID_AFTER = re.compile(
    r"^[^.]{0,14}?(?:밝혔|말했|발표했|설명했|전했|보도했|공개했)|^\s?\((?:Yonhap|AFP|AP|Reuters)\)"
)
SAID_BEFORE = re.compile(
    r"(?:오늘|어제|said|announced|told\s\w+)\s?\(?\s?$|\b(?:said|announced)\s(?:on\s)?$|^[A-Z]+,\s$"
)


def _when_said(text: str, start: int, end: int) -> bool:
    """A date that says when something was said or reported ("19일 밝혔다", "SEOUL, April
    19 (Yonhap)", "오늘(20일)"): context, not the fact's value."""
    before = text[max(0, start - 16) : start]
    return bool(SAID_AFTER.match(text[end : end + 20]) or SAID_BEFORE.search(before))


TOPIC = re.compile(r"^[^\s,]*(?:\s[^\s,]+){0,2}?(?:은|는|이|가)(?:\s|$)")
NAMED_MONTH = re.compile(r"(?:오는|지난|이달|내달|다음\s?달|지난달|\d{1,2}월)\s?$")


def _subject(named: list[tuple[int, str]], text: str, at: int) -> frozenset[str]:
    """Whose age a figure is: in Korean the named entity marked as the sentence's topic
    (은/는 within a few words; else 이/가) nearest the figure; in English the first named."""
    if not named:
        return frozenset()
    if not re.search(r"[가-힣]", text):
        return frozenset({min(named)[1]})
    for marks in ("은는", "이가"):
        topics = [(pos, e) for pos, e in named if _marked(text[pos : pos + 16], marks)]
        if topics:
            return frozenset({min(topics, key=lambda p: abs(p[0] - at))[1]})
    return frozenset({min(named, key=lambda p: abs(p[0] - at))[1]})


def _doers(named: list[tuple[int, str]], text: str, at: int) -> frozenset[str]:
    """Who holds or does the event a date is the day of: in Korean the entities named in
    the sentence's subject (a name marked 은/는 within a few words, else 이/가: "원희룡
    국토교통부 장관은", "김소영 금융위 부위원장은"), in English those named before the date
    ("Land Minister Won Hee-ryong held an emergency meeting ... on April 21"). Two meetings
    held by different bodies on different days are two facts, not a conflict of one."""
    if not re.search(r"[가-힣]", text):
        return frozenset(e for pos, e in named if pos < at)
    for marks in ("은는", "이가"):
        found = frozenset(e for pos, e in named if _marked(text[pos : pos + 16], marks))
        if found:
            return found
    return frozenset()


def _marked(after: str, marks: str) -> bool:
    m = TOPIC.match(after)
    return m is not None and m.group(0).rstrip()[-1] in marks


def _alternates(q: Any, text: str, at: int) -> tuple[Fraction, ...]:
    """A bare day ("26일") read against an article date, its month unsaid: the same day a
    month before and after, as the grammar may have picked the wrong month."""
    if q.dimension.kind != "date" or not BARE_DAY.fullmatch(q.figure.text.strip()):
        return ()
    if NAMED_MONTH.search(text[max(0, at - 8) : at]):
        return ()
    from datetime import date

    day = date.fromordinal(int(q.printed.lo))
    found = []
    for shift in (-1, 1):
        month = day.month + shift
        year = day.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        try:
            found.append(Fraction(date(year, month, day.day).toordinal()))
        except ValueError:
            continue
    return tuple(found)


PART_BEFORE = re.compile(
    r"(?:\b(?:including|includes|included|of which|of whom|among them|among which)"
    r"|(?:이|그)\s?(?:중|가운데))\s(?:about |some |nearly |약\s?)?$",
    re.I,
)
PART_AFTER = re.compile(r"^(?:을|를)?\s?포함")


def _rests(quantities: Sequence[Any], text: str, base: int) -> dict[int, tuple[Any, ...]]:
    """A part the sentence names with its total ("Including 9,000 units ..., a total of
    35,000 homes", "9천호를 포함하면 총 3만5천호", "이 중 9천호"): for the total and the
    part (by ``id`` of their quantities), the interval of the rest, total minus part."""
    found: dict[int, list[tuple[Fraction, Fraction]]] = {}
    for part in quantities:
        start, end = part.figure.start - base, part.figure.end - base
        if part.dimension.kind in ("date", "time") or not (
            PART_BEFORE.search(text[max(0, start - 16) : start])
            or PART_AFTER.match(text[end : end + 4])
        ):
            continue
        wholes = [
            q
            for q in quantities
            if q is not part and q.dimension.kind == part.dimension.kind and q.value > part.value
        ]
        if not wholes:
            continue
        whole = min(wholes, key=lambda q: abs(q.figure.start - part.figure.start))
        w, p = whole.interval, part.interval
        if None in (w.lo, w.hi, p.lo, p.hi):
            continue
        rest = (w.lo - p.hi, w.hi - p.lo)
        for q in (whole, part):
            found.setdefault(id(q), []).append(rest)
    return {k: tuple(v) for k, v in found.items()}


OLDER = re.compile(r"^\s(?:older|younger)\b")


def _older(q: Any, text: str, end: int) -> bool:
    """ "13 years older": a difference of ages, as "13살 많다" reads."""
    return q.dimension.key == "duration:years" and OLDER.match(text[end : end + 12]) is not None


def _slot(
    q: Any,
    local: frozenset[str],
    subjects: frozenset[str],
    secondary: bool,
    alternates: tuple[Fraction, ...],
    dimension: str = "",
    rests: tuple[tuple[Fraction, Fraction], ...] | None = None,
) -> FigureSlot:
    printed = re.sub(r"\D", "", q.figure.text) or re.sub(r"\D", "", q.figure.value)
    digits = len(printed.strip("0")) if q.dimension.kind != "date" else 3
    return FigureSlot(
        text=q.figure.text,
        dimension=dimension or q.dimension.key,
        value=q.printed.lo if q.dimension.kind in ("date", "time") else q.value,
        lo=q.interval.lo,
        hi=q.interval.hi,
        printed_lo=q.printed.lo,
        printed_hi=q.printed.hi,
        hedge=q.hedge,
        local=local,
        digits=max(digits, 1),
        subjects=subjects,
        secondary=secondary,
        alternates=alternates,
        rests=rests or (),
    )


def _concept_positions(lowered: str, language: str) -> list[tuple[int, str]]:
    found = []
    for concept, (korean, english) in CONCEPTS.items():
        for stem in korean if language == "ko" else english:
            stem = stem.lower()
            at = lowered.find(stem)
            while at >= 0:
                if language == "ko" or _english_word(lowered, at, stem):
                    found.append((at, concept))
                at = lowered.find(stem, at + 1)
    if language == "ko":  # Korean text quotes English names and words
        for concept, (_, english) in CONCEPTS.items():
            for stem in english:
                if len(stem) > 4 and stem in lowered:
                    found.append((lowered.find(stem), concept))
    return found


def _english_word(text: str, at: int, stem: str) -> bool:
    """An English stem at a word's start; a short one ("bid", "unit") only as a whole word
    or its plural (not "Biden", "United")."""
    if at > 0 and text[at - 1].isalpha():
        return False
    if len(stem) >= 5 or not stem[-1].isalpha():
        return True
    rest = text[at + len(stem) : at + len(stem) + 2]
    return not rest[:1].isalpha() or (rest[:1] == "s" and not rest[1:2].isalpha())


def _masked(text: str, record: ClaimRecord) -> str:
    pieces, at = [], 0
    for f in sorted(record.figures, key=lambda f: f.start):
        s, e = f.start - record.base, f.end - record.base
        if s < at or s < 0 or e > len(text):
            continue
        pieces.append(text[at:s])
        pieces.append(MASK)
        at = e
    pieces.append(text[at:])
    return "".join(pieces)


def grams(text: str, n: int = 3) -> frozenset[str]:
    """Character n-grams of a text, lowercased, its white space one underscore."""
    normal = "_".join(re.sub(r"[^\w#]+", " ", text.lower()).split())
    return frozenset(normal[i : i + n] for i in range(max(len(normal) - n + 1, 0)))


def _slot_json(f: FigureSlot) -> dict[str, Any]:
    def s(x: Fraction | None) -> str | None:
        return None if x is None else str(x)

    return {
        "text": f.text, "dimension": f.dimension, "value": str(f.value), "lo": s(f.lo),
        "hi": s(f.hi), "printed_lo": s(f.printed_lo), "printed_hi": s(f.printed_hi),
        "hedge": f.hedge, "local": sorted(f.local), "digits": f.digits,
        "subjects": sorted(f.subjects), "alternates": [str(x) for x in f.alternates],
        "secondary": f.secondary, "rests": [[str(lo), str(hi)] for lo, hi in f.rests],
    }  # fmt: skip


def _slot_from_json(d: dict[str, Any]) -> FigureSlot:
    def r(x: str | None) -> Fraction | None:
        return None if x is None else Fraction(x)

    return FigureSlot(
        text=d["text"], dimension=d["dimension"], value=Fraction(d["value"]), lo=r(d["lo"]),
        hi=r(d["hi"]), printed_lo=r(d["printed_lo"]), printed_hi=r(d["printed_hi"]),
        hedge=d["hedge"], local=frozenset(d["local"]), digits=d["digits"],
        subjects=frozenset(d.get("subjects", ())), secondary=d.get("secondary", False),
        alternates=tuple(Fraction(x) for x in d.get("alternates", ())),
        rests=tuple((Fraction(lo), Fraction(hi)) for lo, hi in d.get("rests", ())),
    )  # fmt: skip
