"""Korean reported stance: "김 교수는 “제도를 고쳐야 한다”고 말했다", "그는 “이번 결정은
매우 유감스럽다”고 밝혔다" (codebook example lines of ``reported_opinion``). All the sentence
asserts is its reported clause, and what that clause ends on is an obligation, a judgement,
a feeling, a hedge or an intention, not a fact a checker can source. Plain Python, no Django.

Read from the morphemes kiwipiepy already gave the splitter and their ``ko_marks`` (no
second pass). The reported clause is what stands before the last quotative ending outside
quotations (-다고, -라고, "…"고, -다는: the QUOT mark): the last quotation's own words when
the ending closes one, else the words back to the quotative before it. Its predicate is what
follows the clause's last case or topic particle ("제도를 | 고쳐야 한다"). The rule reads a
unit as a reported stance only when every one of these holds, so that a reported fact stays
a claim whatever verb frames it (codebook rule 5):

- the unit holds no figure (``claims.decide`` asks only then, and only of a unit the model
  would take: the walk costs nothing on the others);
- what follows the quotative is the saying and nothing more: it opens with a verb or noun
  of saying ("말했다", "밝혔다", "주장했다", "…는 입장이다", "했다"), holds no second
  clause ("밝혔고, …") and no object of its own ("…다고 알려진 방안을 검토하고 있다");
- the reported clause is one clause (no "…했고", "…하며", "…지만", "…하자" inside it) and its
  predicate carries a stance mark: OBLIGE (-어야 하다, 필요하다, 촉구하다), FEEL, an EVAL
  word (유감, 부당, 잘못: not an intensifier such as 매우, nor 중요, 심각 or 가치, which
  also describe checkable states), HEDGE or INTENT (-겠다, -자), with no past tense after
  it ("고쳐야 했다" is something that happened);
- nothing before the quotative is in the past tense or reports ("…이 열렸고, 대통령은
  “…하자”고 말했다" holds an event; "…했다고 밝혔다" is a reported fact).

When the frame opens with a verb or noun of opinion (BELIEF: 주장, 강조, 지적, 평가, 입장),
the frame's and the past tense's conditions still hold, but the reported clause may have
several clauses and a judgement is read more widely: an evaluation word anywhere in it, an
intensifier or 중요/심각 included ("…이 매우 유용하다고 평가했다"), or an obligation in its
predicate ("…을 늘리고 감시를 강화해야 한다고 주장했다"). On the training units (h31-koop)
this adds 12 matches, 11 of them no claims (the twelfth the model turns down).

What it leaves to the model: reported opinions whose own predicate is plain or past ("정부의
대응이 부적절했다고 비판했다"), predictions (WILL, PREDICT: "…할 것이라고 밝혔다" is often a
schedule), and anything with a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from claims.extraction.ko_marks import KO_MARK_WORDS, mark
from claims.extraction.rules import quoted_spans
from claims.extraction.sentences import Morpheme

# The marks of a reported predicate that make it a stance, not a fact.
STANCE_MARKS = frozenset(("OBLIGE", "FEEL", "EVAL", "HEDGE", "INTENT"))
# EVAL words that also describe a checkable state ("상황이 매우 심각하다고 발표했다").
WEAK_EVAL = frozenset(("중요", "심각", "가치"))
# Stance words kiwipiepy tags otherwise than ``ko_marks`` lists them ("부당하다" as 부당/NNG,
# "바람직하다" whole as VA), read here only: the model's marks stay as it was trained on.
EXTRA_STANCE = {
    ("부당", "NNG"): "EVAL",
    ("바람직하", "VA"): "OBLIGE",
    ("부적절하", "VA"): "EVAL",
    ("적절하", "VA"): "EVAL",
    ("미안", "NNG"): "FEEL",
    ("우려", "NNG"): "FEEL",
}
# The forms a quotative ("QUOT") can take: a unit holding none reports nothing.
QUOT_FORMS = frozenset(word.rsplit("/", 1)[0] for word in KO_MARK_WORDS["QUOT"].split())
# What opens the frame after the quotative: a verb or noun of saying.
SAYING_MARKS = frozenset(("SAY", "REPORT", "BELIEF"))
# Connective endings that start a second clause ("…했고,", "…하며", "…지만").
CLAUSE_ENDS = frozenset(
    "고 며 으며 면서 으면서 지만 는데 ᆫ데 은데 으나 나 어서 아서 여서 니 으니 므로 으므로 자".split()
)
# Particles after which the predicate of a clause starts.
PARTICLES = frozenset(("JKS", "JKO", "JX", "JKB", "JKC"))
# Symbols kept in the walk: the end of a sentence inside a quotation.
_KEPT_SYMBOLS = frozenset(("SN", "SL", "SH", "SF"))


class _Morph:
    __slots__ = ("form", "tag", "mark", "quoted")

    def __init__(self, form: str, tag: str, found: str, quoted: bool) -> None:
        self.form, self.tag, self.mark, self.quoted = form, tag, found, quoted


def _walk(text: str, offset: int, morphemes: Sequence[Morpheme]) -> list[_Morph]:
    spans = [(s + offset, e + offset) for s, e in quoted_spans(text)]
    walked, previous_form, previous_tag = [], "", ""
    # Morphemes and quotations both run in text order (the quotations apart): one walk
    # finds the quotation each morpheme starts in, if any.
    at, last = 0, len(spans) - 1
    for start, form, tag in morphemes:
        found = mark(form, tag, previous_form, previous_tag)
        found = EXTRA_STANCE.get((form, tag), found)
        previous_form, previous_tag = form, tag
        if tag[0] == "S" and tag not in _KEPT_SYMBOLS:
            continue
        quoted = False
        if spans:
            while at < last and spans[at][1] <= start:
                at += 1
            quoted = spans[at][0] <= start < spans[at][1]
        walked.append(_Morph(form, tag, found, quoted))
    return walked


def _second_clause(words: Sequence[_Morph]) -> bool:
    """Whether a connective ending starts another clause ("-고 있다" is no second clause)."""
    for i, word in enumerate(words):
        if word.tag == "EC" and word.form in CLAUSE_ENDS:
            if word.form == "고" and i + 1 < len(words) and words[i + 1].form == "있":
                continue
            return True
    return False


def reported_stance(text: str, offset: int, morphemes: Sequence[Morpheme]) -> bool:
    """Whether a Korean unit (without figures) only reports an obligation, a judgement, a
    feeling, a hedge or an intention, its reported clause read as the module says.
    ``offset``: where the unit starts in the body its ``morphemes`` index."""
    if QUOT_FORMS.isdisjoint(map(itemgetter(1), morphemes)):
        return False  # no quotative ending: nothing reported (most units, read cheaply)
    words = _walk(text, offset, morphemes)
    last = next(
        (
            i
            for i in range(len(words) - 1, -1, -1)
            if words[i].mark == "QUOT" and not words[i].quoted
        ),
        None,
    )
    if last is None:
        return False
    frame = [w for w in words[last + 1 :] if w.tag != "SF"]
    opening = next((w for w in frame if w.tag[0] in "NV" and w.tag != "VCP"), None)
    if opening is None or not (
        opening.mark in SAYING_MARKS or (opening.form == "하" and opening.tag in ("VV", "XSV"))
    ):
        return False
    if _second_clause(frame) or any(w.tag == "JKO" for w in frame):
        return False
    before = words[:last]
    if any(w.mark in ("PAST", "REPORT") for w in before):
        return False
    clause = _reported_clause(before)
    if not clause:
        return False
    predicate = clause
    for i in range(len(clause) - 1, -1, -1):
        if clause[i].tag in PARTICLES:
            predicate = clause[i + 1 :]
            break
    if opening.mark == "BELIEF" and _judged(clause, predicate):
        return True  # a judgement framed as one, in one clause or several
    if _second_clause(clause[:-1]):
        return False
    stance = [
        i
        for i, w in enumerate(predicate)
        if w.mark in STANCE_MARKS
        and not (w.mark == "EVAL" and (w.tag == "MAG" or w.form in WEAK_EVAL))
    ]
    return bool(stance) and not any(w.mark == "PAST" for w in predicate[stance[-1] :])


def _judged(clause: Sequence[_Morph], predicate: Sequence[_Morph]) -> bool:
    """Whether a clause framed by a verb or noun of opinion (주장, 강조, 지적, 평가, 입장:
    BELIEF) is a judgement: it holds an evaluation word anywhere, an intensifier or 중요 and
    심각 too ("…이 매우 유용하다고 평가했다"), or its predicate an obligation with no past
    tense ("…이 반드시 이뤄져야 한다고 강조했다")."""
    if any(w.mark == "EVAL" for w in clause):
        return True
    return any(w.mark == "OBLIGE" for w in predicate) and not any(
        w.mark == "PAST" for w in predicate
    )


def _reported_clause(before: list[_Morph]) -> list[_Morph]:
    """The reported clause's words: the last quotation's last sentence when the quotative
    closes a quotation, else the words back to the quotative before it."""
    if before and before[-1].quoted:
        start = len(before)
        while start and before[start - 1].quoted:
            start -= 1
        clause = before[start:]
    else:
        start = len(before)
        while start and not (before[start - 1].mark == "QUOT" and not before[start - 1].quoted):
            start -= 1
        clause = before[start:]
    ends = [i for i, w in enumerate(clause[:-1]) if w.tag == "SF"]
    clause = clause[ends[-1] + 1 :] if ends else clause
    return [w for w in clause if w.tag != "SF"]
