"""Rules that follow the claim codebook (bench/data/CODEBOOK.md v1): numbers in idioms are no
figures, a date of saying makes no opinion a claim, a schedule with a date is no hedge, a
forecast without a figure is no claim. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract_figures
from claims.extraction.rules import CLAIM_RULES, rule_assessment
from claims.extraction.types import Figure

REF = date(2024, 5, 8)


def _rules(text: str, language: str):
    figures = extract_figures(text, language=language, reference_date=REF)
    return rule_assessment(text, figures, language, 0)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("그에게 부산은 제2의 고향이나 다름없다.", "ko"),
        ("4차 산업혁명 시대에는 누구나 배워야 한다.", "ko"),
        ("세상에 100% 안전한 것은 없다.", "ko"),
        ("He knows a thing or two about old engines.", "en"),
        ("I am 100 percent sure about this team.", "en"),
    ],
)
def test_a_number_in_an_idiom_is_no_figure_claim(text, language):
    """The figure grammar reads no figure in these idioms; the idiom rule is the net behind
    it for a grammar that would (both kept the unit from being a figure claim)."""
    verdict = _rules(text, language)
    assert "figure_or_record" not in verdict.rules
    assert verdict.kind == "factual"


@pytest.mark.parametrize(
    ("text", "language", "start", "end"),
    [
        ("그에게 부산은 제2의 고향이나 다름없다.", "ko", 7, 9),
        ("세상에 100% 안전한 것은 없다.", "ko", 4, 8),
        ("I am 100 percent sure about this team.", "en", 5, 16),
    ],
)
def test_the_idiom_rule_drops_a_figure_the_grammar_would_read_in_an_idiom(
    text, language, start, end
):
    figure = Figure(text[start:end], "2", "", "count", start, end, False)
    verdict = rule_assessment(text, [figure], language, 0)
    assert "idiom_figure" in verdict.rules
    assert "figure_or_record" not in verdict.rules


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("정부는 규제를 더 과감히 풀어야 한다.", False),
        ("개정법에 따라 사업주는 안전교육을 해야 한다.", True),
    ],
)
def test_an_obligation_is_an_opinion_unless_a_rule_imposes_it(text, claim):
    assert _rules(text, "ko").is_claim is claim


def test_a_real_figure_beside_an_idiom_still_counts():
    verdict = _rules("4차 산업혁명 관련 예산은 지난해 3조원으로 늘었다.", "ko")
    assert verdict.is_claim
    assert verdict.kind == "statistical"


def test_the_date_an_opinion_was_said_makes_no_temporal_claim():
    verdict = _rules("김 교수는 지난 3일 “제도를 고쳐야 한다. 이대로는 곤란하다”고 말했다.", "ko")
    assert "date_of_saying" in verdict.rules
    assert verdict.kind != "temporal"


def test_the_date_of_a_quoted_fact_is_kept():
    verdict = _rules("시장은 지난 3일 “다리는 1998년에 지어졌다”고 말했다.", "ko")
    assert "date_of_saying" not in verdict.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("길이 2m짜리 시제품은 다음 달 3일 공개될 예정이다.", "ko"),
        ("공판은 다음 달 20일 열린다.", "ko"),
        ("The ministry will announce a new strategy on Friday.", "en"),
    ],
)
def test_a_schedule_with_a_date_or_figure_is_a_claim_not_a_hedge(text, language):
    verdict = _rules(text, language)
    assert verdict.is_claim
    assert "hedged" not in verdict.rules


def test_a_hedged_schedule_stays_hedged():
    verdict = _rules("시제품은 다음 달 3일 공개될 것으로 보인다.", "ko")
    assert "scheduled" not in verdict.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("새 배터리는 내년부터 상용화될 수 있을 것으로 기대된다.", "ko"),
        ("후속 제품도 나올 수 있을 것이다.", "ko"),
        ("Prices are expected to keep rising across the region.", "en"),
    ],
)
def test_a_forecast_without_a_figure_is_no_claim_for_the_rules(text, language):
    verdict = _rules(text, language)
    assert verdict.rules == ["hedged_future"]
    assert not verdict.is_claim


def test_a_hedged_estimate_about_the_past_is_not_a_forecast():
    verdict = _rules("경찰은 불이 부엌에서 시작된 것으로 추정된다고 밝혔다.", "ko")
    assert "hedged_future" not in verdict.rules


def test_the_new_rules_are_registered_with_their_reasons():
    for name in ("idiom_figure", "date_of_saying", "scheduled", "hedged_future", "figure_floor"):
        assert CLAIM_RULES[name].why
