"""Matching new claims against stored ones: the slot first, then the values.

For each new claim the index gives candidates sharing a figure's dimension and size (or an
entity, for claims without figures). Each candidate is compared:

1. **Figures aligned by slot.** Figures of comparable dimensions are paired, those named by
   the same words first ("매출액 2429억원" with "sales of 242.9 billion won", not with
   "operating profit of 122.5 billion won"). Time scopes that differ (2024 and 2023) make
   them different facts whatever the values.
2. **The slot's agreement** from the text: shared concepts and entities (the bridge across
   languages), character n-grams (within one), and the embedding's cosine when on.
3. **Values last.** Aligned figures whose intervals overlap agree (35개국 = thirty-five
   countries; 2조3000억원 = 2.3 trillion won; 61.57% ~ 약 60%); intervals that cannot meet
   are a conflict (35 and 30 countries) when the slot agrees and the values are near enough
   to be one fact misreported (within a factor of 3).

Tiers: ``auto`` (grouped without asking: slot agreement high, values agree, not a short or
figure-only sentence), ``suggest`` (a reviewer confirms or rejects), and nothing. A conflict
is always a suggestion flagged ``conflict``: never grouped automatically. A rejected pair
is never suggested again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claims.matching.features import ClaimFeatures, FigureSlot
from claims.matching.index import MatchIndex
from claims.matching.lexicon import METRICS
from claims.quantities import Interval

AUTO = "auto"
SUGGEST = "suggest"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The decision's thresholds (tuned on the tuning half of the matching set)."""

    auto: float = 0.55
    suggest: float = 0.30
    conflict: float = 0.40
    local: float = 0.5
    near: float = 3.0  # conflicting values within this factor may be one fact misreported
    min_content: dict[str, int] = field(default_factory=lambda: {"ko": 14, "en": 30})


AGREE, DISJOINT, APART = "agree", "disjoint", "apart"


@dataclass(frozen=True, slots=True)
class Aligned:
    a: FigureSlot
    b: FigureSlot
    local: float  # agreement of the words about the two figures (0..1; 0.5 when unknown)
    relation: str  # agree | disjoint | apart (a bound and a value far below it)
    other_subject: bool = False

    @property
    def agree(self) -> bool:
        return self.relation == AGREE


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything a decision rests on, for one pair."""

    aligned: tuple[Aligned, ...]
    scope_differs: bool
    other_predicate: bool
    concepts: float
    entities: float
    lexical: float
    embedding: float | None
    text: float
    specific: float
    unmatched_values: bool = False

    @property
    def agreeing(self) -> list[Aligned]:
        return [x for x in self.aligned if x.agree]

    @property
    def conflicting(self) -> list[Aligned]:
        return [x for x in self.aligned if x.relation == DISJOINT]


@dataclass(frozen=True, slots=True)
class Decision:
    """A new claim and a stored one: ``tier`` auto or suggest, the score the tier rests on,
    ``conflict`` when their figures for one slot cannot agree (with the two figures), and an
    explanation naming the slot, the intervals and the evidence."""

    pair: tuple[str, str]
    tier: str
    score: float
    conflict: bool
    explanation: str
    conflicting_figures: tuple[str, str] | None = None


def overlap(a: frozenset[str], b: frozenset[str], unknown: float = 0.0) -> float:
    """Overlap coefficient; ``unknown`` when either side names nothing."""
    if not a or not b:
        return unknown
    return len(a & b) / min(len(a), len(b))


def local_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """Whether the words about two figures name one thing: what is measured when both say
    (sales and sales: 1; sales and operating profit: 0), else their concepts in common
    (0.5 when either says nothing)."""
    ma, mb = a & METRICS, b & METRICS
    if ma and mb:
        return overlap(ma, mb)
    return 0.5 + 0.5 * overlap(a, b) if (a and b) else 0.5


def scopes_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Different times: years that do not meet (2024 and 2023), or a quarter against a
    year ("4분기 영업이익률" and "2024 operating profit")."""
    if not a or not b:
        return False
    qa = {x for x in a if x.startswith("q")}
    qb = {x for x in b if x.startswith("q")}
    if qa != qb:
        return True
    ya, yb = a - qa, b - qb
    return bool(ya and yb and not ya & yb)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    return float(sum(x * y for x, y in zip(a, b, strict=True)))


def compare(q: ClaimFeatures, c: ClaimFeatures) -> Comparison:
    """What two claims share: their figures aligned by slot, time scope, concepts, entities,
    letters and embedding."""
    aligned = _align(q.figures, c.figures)
    scope_differs = scopes_differ(q.years, c.years)
    q_metrics, c_metrics = q.concepts & METRICS, c.concepts & METRICS
    other_predicate = bool(q_metrics and c_metrics and not q_metrics & c_metrics) or any(
        (x.local == 0.0 or x.other_subject) and not (x.a.secondary or x.b.secondary)
        for x in aligned
    )
    concepts = overlap(q.concepts, c.concepts)
    # Entities named on both sides and none shared: weak evidence (the alias table is never
    # complete); named on one side only: none.
    entities = overlap(q.entities, c.entities, unknown=0.5) or 0.25
    same_language = q.language == c.language
    lexical = overlap(q.grams, c.grams) if same_language else 0.0
    embedding = None
    if q.embedding is not None and c.embedding is not None:
        embedding = cosine(q.embedding, c.embedding)
    text = _text_score(concepts, entities, lexical, embedding, same_language)
    specific = max((min(x.a.digits, x.b.digits) for x in aligned if x.agree), default=0) / 4
    specific = (
        min(specific, 0.5) if all(x.a.dimension.startswith("date") for x in aligned) else specific
    )
    agreeing_ids = {id(x.a) for x in aligned if x.agree} | {id(x.b) for x in aligned if x.agree}
    unmatched = any(not _weak(f) and id(f) not in agreeing_ids for f in (*q.figures, *c.figures))
    return Comparison(
        tuple(aligned), scope_differs, other_predicate, concepts, entities, lexical,
        embedding, text, min(specific, 1.0), unmatched,
    )  # fmt: skip


def _text_score(
    concepts: float, entities: float, lexical: float, embedding: float | None, same: bool
) -> float:
    if same:
        score = 0.5 * lexical + 0.3 * concepts + 0.2 * entities
    else:
        score = 0.6 * concepts + 0.4 * entities
    if embedding is not None:
        # e5's cosines crowd between 0.75 (unrelated news) and 0.95 (one fact). The embedding
        # adds evidence of one slot, never takes it away: it is blind to the figures and weak
        # across languages, where the lexicon and the aliases already speak.
        scaled = min(max((embedding - 0.78) / 0.14, 0.0), 1.0)
        score = max(score, 0.6 * score + 0.4 * scaled)
    return score


def _align(a: Sequence[FigureSlot], b: Sequence[FigureSlot]) -> list[Aligned]:
    """Figures paired one to one, best first: the same words about them, then values that
    agree, then values near each other."""
    options = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if not _comparable(x, y):
                continue
            local = local_agreement(x.local, y.local)
            relation = _relation(x, y)
            if relation == AGREE:
                bonus = (
                    1.0
                    if x.dimension.startswith("date")
                    else 0.6 + 0.1 * min(x.digits, y.digits, 4)
                )
            else:
                bonus = 0.35 if _near(x, y, 3.0) and not x.dimension.startswith("date") else 0.1
            options.append((0.4 * local + bonus, i, j, local, relation))
    options.sort(key=lambda o: o[0], reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j, local, relation in options:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = a[i], b[j]
        other = bool(x.subjects and y.subjects and not x.subjects & y.subjects)
        pairs.append(Aligned(x, y, local, relation, other))
    return pairs


def _comparable(x: FigureSlot, y: FigureSlot) -> bool:
    if x.dimension == y.dimension:
        return True
    kx, ux = x.dimension.split(":", 1)
    ky, uy = y.dimension.split(":", 1)
    if kx != ky:
        return False
    if kx == "count":
        generic = {"", "items", "kinds", "units", "cases"}
        return ux in generic or uy in generic
    return kx == "date"


ONE_SIDED = ({"at_most", "less_than"}, {"at_least", "more_than"})


def _relation(x: FigureSlot, y: FigureSlot) -> str:
    """agree: the two figures can be one value; disjoint: they cannot; apart: a bound and a
    value it allows but far from ("최대 3만 5천호" and "9천호"): no evidence either way.
    Two bounds of one direction ("up to 35,000", "최대 3만 5천호") compare as printed: the
    bound is what was reported. A bare day ("26일") agrees in any month it may be in."""
    for side in ONE_SIDED:
        if x.hedge in side and y.hedge in side:
            return AGREE if x.printed.overlaps(y.printed) else DISJOINT
    if not x.interval.overlaps(y.interval):
        if _alternate_meets(x, y) or _alternate_meets(y, x):
            return AGREE
        if _rest_meets(x, y) or _rest_meets(y, x):
            return APART  # the other part of a total the sentence splits
        return DISJOINT
    one_sided = any(h in side for side in ONE_SIDED for h in (x.hedge, y.hedge))
    if one_sided and not _near(x, y, 1.2):
        return APART
    return AGREE


def _alternate_meets(x: FigureSlot, y: FigureSlot) -> bool:
    return any(y.interval.contains(alt) for alt in x.alternates)


def _rest_meets(x: FigureSlot, y: FigureSlot) -> bool:
    """Whether ``y`` may be the rest of the total ``x`` is (or is a part of). A figure that
    is itself a total or a part is compared with its counterpart, not with a rest."""
    return not y.rests and any(y.printed.overlaps(Interval(lo, hi)) for lo, hi in x.rests)


def _near(x: FigureSlot, y: FigureSlot, factor: float) -> bool:
    if x.dimension.startswith("date"):
        return abs(float(x.value - y.value)) <= 62  # a date misreported by days or a month
    a, b = abs(float(x.value)), abs(float(y.value))
    if a == 0 or b == 0:
        return False
    return max(a, b) / min(a, b) <= factor


def decide(
    q: ClaimFeatures, c: ClaimFeatures, thresholds: Thresholds | None = None
) -> Decision | None:
    """The decision for one pair, or None when they are not the same fact."""
    t = thresholds or Thresholds()
    cmp = compare(q, c)
    pair = (q.id, c.id)
    if cmp.scope_differs:
        return None
    if q.figures and c.figures and not cmp.aligned:
        return None  # nothing they measure is comparable
    if not cmp.aligned:
        return _text_only(q, c, cmp, t)
    slot_local = max((x.local for x in cmp.aligned), default=0.0)
    conflicts = [
        x
        for x in cmp.conflicting
        if x.local >= t.local and _near(x.a, x.b, t.near) and not (x.a.secondary or x.b.secondary)
    ]
    agreeing = [x for x in cmp.agreeing if x.local >= t.local]
    # A conflict rests on the words' agreement about what is measured: some shared concept
    # that names it, said about the two figures (not only "rose" or "a year earlier": a subway
    # operator's loss up 12% and hourly earnings up 4.1% are two facts; nor "a survey" named
    # elsewhere in both), or a shared name; not an embedding's or the letters' resemblance
    # alone.
    same_subject = bool(conflicts) and _same_subject(q, c, conflicts[0])
    if same_subject and not cmp.other_predicate and cmp.text >= t.conflict:
        x = conflicts[0]
        explanation = _explain(cmp, f"conflicting figures {x.a.text} {x.a.interval.describe()} "
                                    f"and {x.b.text} {x.b.interval.describe()}")  # fmt: skip
        return Decision(pair, SUGGEST, cmp.text, True, explanation, (x.a.text, x.b.text))
    if not agreeing:
        return None
    score = _same_score(cmp, slot_local)
    short = min(q.content, c.content) < min(t.min_content[q.language], t.min_content[c.language])
    primary_conflict = any(not (x.a.secondary or x.b.secondary) for x in cmp.conflicting)
    # Attribution is part of the slot: two sources credited, none shared ("기재부에 따르면",
    # "the lawmaker said") may report different things; a reviewer decides.
    credited = bool(q.attribution and c.attribution and not q.attribution & c.attribution)
    blocked = short or primary_conflict or cmp.other_predicate or credited
    if score >= t.auto and not blocked:
        return Decision(pair, AUTO, score, False, _explain(cmp, "figures agree"))
    if score >= t.suggest:
        return Decision(pair, SUGGEST, score, False, _explain(cmp, "figures agree"))
    return None


# Concepts that say how a figure moved or when, not what it measures.
GENERIC = frozenset({"growth", "decline", "first", "cumulative", "quarter", "annual", "older"})


def _same_subject(q: ClaimFeatures, c: ClaimFeatures, x: Aligned) -> bool:
    """Some concept in common, and either a name in common or a concept in common that
    names what is measured and is said beside both figures ``x`` aligns."""
    shared = q.concepts & c.concepts
    about = (shared - GENERIC) & x.a.local & x.b.local
    return bool(shared and (about or q.entities & c.entities))


def _text_only(
    q: ClaimFeatures, c: ClaimFeatures, cmp: Comparison, t: Thresholds
) -> Decision | None:
    """Claims without comparable figures: a near copy in one language groups (a story's
    two versions); otherwise a strong textual match is only suggested."""
    pair = (q.id, c.id)
    short = min(q.content, c.content) < min(t.min_content[q.language], t.min_content[c.language])
    if cmp.lexical >= 0.85 and not short:
        return Decision(pair, AUTO, cmp.lexical, False, _explain(cmp, "the same sentence"))
    if cmp.text >= t.auto:
        return Decision(pair, SUGGEST, cmp.text, False, _explain(cmp, "text only"))
    return None


def _same_score(cmp: Comparison, slot_local: float) -> float:
    """How surely two claims whose figures agree are one fact: the text's agreement, with
    the figures' own weight (a specific value such as 61.57% or 2429억원 says more than 5)."""
    figures = 0.5 * slot_local + 0.5 * cmp.specific
    if cmp.agreeing and all(_weak(x.a) for x in cmp.agreeing):
        figures *= cmp.text  # a shared date or "first" counts only as far as the words agree
    penalty = 0.15 if cmp.other_predicate else 0.0
    score = max(0.0, 0.65 * cmp.text + 0.35 * figures - penalty)
    # Only a date or "first" agrees ("since 2022") while a claim holds an amount that found no
    # agreeing partner ("지난해 7월 이후 7조7000억원"): the fact's value is unmatched.
    if cmp.agreeing and all(_weak(x.a) for x in cmp.agreeing) and cmp.unmatched_values:
        score *= 0.5
    return score


def _weak(f: FigureSlot) -> bool:
    """A date, or "first": figures too common to stand for a fact alone."""
    return f.dimension.startswith("date") or (f.dimension.startswith("rank") and f.value == 1)


def _explain(cmp: Comparison, verdict: str) -> str:
    slots = "; ".join(
        f"{x.a.dimension} {x.a.text} {x.a.interval.describe()} ~ "
        f"{x.b.text} {x.b.interval.describe()} ({x.relation})"
        for x in cmp.aligned
    )
    parts = [
        verdict,
        f"slot: {slots or 'no figures'}",
        f"concepts {cmp.concepts:.2f}, entities {cmp.entities:.2f}, lexical {cmp.lexical:.2f}",
    ]
    if cmp.embedding is not None:
        parts.append(f"embedding {cmp.embedding:.3f}")
    return "; ".join(parts)


def match(
    new_claims: Iterable[ClaimFeatures],
    index: MatchIndex,
    *,
    rejected: frozenset[frozenset[str]] = frozenset(),
    thresholds: Thresholds | None = None,
    limit: int = 5,
) -> list[Decision]:
    """Decisions for each new claim against the index's claims (best ``limit`` each), never
    a pair in ``rejected``. New claims are not added to the index here: the caller adds
    them once stored."""
    decisions: list[Decision] = []
    for q in new_claims:
        found = []
        for c in index.candidates(q):
            if c.id == q.id or frozenset((q.id, c.id)) in rejected:
                continue
            d = decide(q, c, thresholds)
            if d is not None:
                found.append(d)
        found.sort(key=lambda d: (d.tier == AUTO, d.conflict, d.score), reverse=True)
        decisions.extend(found[:limit])
    return decisions


def rank(q: ClaimFeatures, pool: Iterable[ClaimFeatures]) -> list[tuple[float, str]]:
    """Every claim of ``pool`` by how surely it states ``q``'s fact (retrieval: the best
    first), whether or not it reaches a tier."""
    scored = []
    for c in pool:
        cmp = compare(q, c)
        if cmp.scope_differs:
            score = 0.0
        elif not cmp.aligned:
            score = 0.35 * cmp.text
        else:
            slot_local = max(x.local for x in cmp.aligned)
            if cmp.agreeing:
                score = _same_score(cmp, slot_local)
            else:  # a conflicting candidate: below any agreeing one of equal words
                weak = all(_weak(x.a) for x in cmp.aligned)
                score = 0.3 * cmp.text * (0.5 if weak else 1.0)
        if cmp.embedding is not None:  # ranking only: the embedding orders near candidates
            score += 0.1 * min(max((cmp.embedding - 0.78) / 0.14, 0.0), 1.0)
        scored.append((score, c.id))
    scored.sort(reverse=True)
    return scored
