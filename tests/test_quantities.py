"""Printed figures read as intervals: precision, hedges, units and renderings (no database)."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.extraction import extract_figures
from claims.quantities import Interval, comparable, read_quantity


def quantity(text: str, language: str = "ko", index: int = 0):
    figures = extract_figures(text, language=language)
    q = read_quantity(figures[index], text)
    assert q is not None
    return q


def test_a_decimal_stands_for_the_values_that_round_or_are_cut_to_it():
    q = quantity("지분 61.57%를 보유")
    assert q.interval == Interval(Fraction("61.565"), Fraction("61.58"))


def test_korean_money_is_read_to_its_last_significant_printed_digit():
    assert quantity("시가총액은 3조7800억원이다").step == 10**10
    assert quantity("지분 가치는 2조3000억원이다").step == 10**11
    assert quantity("매출액 2429억원을 기록").step == 10**8


def test_a_count_printed_to_the_unit_is_exact_in_either_language():
    for text, language in (("35개국에 친서를", "ko"), ("letters to 35 countries", "en"),
                           ("letters to thirty-five countries", "en")):  # fmt: skip
        assert quantity(text, language).interval == Interval.point(35)


def test_one_trailing_zero_is_a_printed_digit_and_two_are_rounding():
    assert quantity("30개국에 친서를").interval == Interval.point(30)
    assert quantity("1,200 jobs were cut", "en").interval.lo == 1150


def test_renderings_of_one_amount_overlap_across_languages():
    assert quantity("2조3000억원에 달한다").interval.overlaps(
        quantity("2.3 trillion won", "en").interval
    )
    assert quantity("약 6700억원에 인수").interval.overlaps(
        quantity("670 billion won", "en").interval
    )


def test_a_hedge_widens_and_a_bound_opens_one_end():
    assert quantity("약 60%가 찬성").interval.overlaps(quantity("61.57%가 찬성").interval)
    assert not quantity("60%가 찬성").interval.overlaps(quantity("61.57%가 찬성").interval)
    more = quantity("more than 30 countries", "en")
    assert more.hedge == "more_than" and more.interval.hi is None
    assert quantity("30여 개국").interval == Interval(Fraction(30), Fraction(40))


def test_different_values_of_one_unit_do_not_overlap():
    assert not quantity("35개국").interval.overlaps(quantity("30 countries", "en").interval)


def test_units_and_currencies_must_agree():
    assert not comparable(quantity("35%가").dimension, quantity("35개국").dimension)
    assert not comparable(quantity("100달러").dimension, quantity("100원").dimension)
    assert comparable(quantity("55개 사업").dimension, quantity("55 projects", "en").dimension)


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=4),
    st.sampled_from([Decimal("0.1"), Decimal("0.01")]),
)
def test_every_value_that_rounds_to_a_printed_percentage_is_in_its_interval(true, step):
    printed = true.quantize(step, rounding=ROUND_HALF_UP)
    places = -int(step.as_tuple().exponent)
    text = f"비율은 {printed:.{places}f}%다"
    q = quantity(text)
    assert q.interval.contains(Fraction(true))


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_korean_and_english_money_in_one_value_overlap(hundred_millions, jo):
    value = jo * 10**12 + hundred_millions * 10**8
    ko = f"{jo}조{hundred_millions}억원" if hundred_millions else f"{jo}조원"
    en = f"{Decimal(value) / 10**9:,f} billion won".replace(".000000", "")
    assert quantity(ko).interval.overlaps(quantity(en, "en").interval)


@pytest.mark.parametrize("text", ["2025년 2월 26일", "지난 6월 24일"])
def test_a_date_is_the_interval_of_its_day(text):
    from datetime import date

    figures = extract_figures(text, language="ko", reference_date=date(2025, 2, 26))
    q = read_quantity(figures[0], text)
    assert q is not None and q.interval.is_point


def test_interval_arithmetic_holds_every_combination():
    a, b = Interval(Fraction(2), Fraction(3)), Interval(Fraction(-1), Fraction(4))
    assert a * b == Interval(Fraction(-3), Fraction(12))
    assert a - b == Interval(Fraction(-2), Fraction(4))
    assert b.reciprocal() is None
    assert (a / a) == Interval(Fraction(2, 3), Fraction(3, 2))
