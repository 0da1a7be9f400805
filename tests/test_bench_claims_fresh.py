"""The fresh-set benchmark maps the extractor's units onto the labelled ones by coverage, so
its figures survive a change of the splitter."""

from __future__ import annotations

from bench.bench_claims_fresh import Unit, top_third_precision, unit_outcome
from claims.extraction.claims import SentenceReading
from claims.extraction.rules import Assessment


def _reading(start: int, end: int, claim: bool, score: float = 0.5) -> SentenceReading:
    verdict = Assessment(claim, score=score if claim else 0.0, rules=["x"], model=score)
    return SentenceReading(start, end, "ko", (), verdict)


def test_a_labelled_unit_is_taken_when_claims_cover_most_of_it():
    # One extractor unit (a joined quotation) over two labelled units.
    joined = [_reading(0, 100, True, 0.8)]
    assert unit_outcome(0, 40, joined)[0]
    assert unit_outcome(40, 100, joined)[0]
    half = [_reading(0, 30, True), _reading(31, 100, False)]
    assert not unit_outcome(0, 100, half)[0]
    assert unit_outcome(0, 100, half)[2] == 0.5


def test_the_top_third_is_taken_per_article_by_score():
    def unit(article: str, gold: bool, score: float) -> Unit:
        return Unit("ko", article, gold, "event", False, True, False, score, "x")

    units = [unit("a", True, 0.9), unit("a", False, 0.2), unit("a", False, 0.1)]
    units += [unit("b", False, 0.7), unit("b", True, 0.6)]
    precision, count = top_third_precision(units)
    assert count == 2
    assert precision == 0.5
