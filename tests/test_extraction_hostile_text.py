"""Extraction on text no article holds: enormous numbers, endless runs, control characters.
Each gives a correct result or none, never an exception, and stays anchored to the body."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.extraction.claims import extract_claims
from claims.extraction.figures import extract_figures
from claims.extraction.figures.numbers import format_decimal
from claims.extraction.sentences import MAX_SENTENCE, split_sentences


def test_korean_amount_of_500_digits_is_not_a_figure() -> None:
    body = "정부는 1" + "0" * 500 + "원을 썼다고 밝혔다."
    figures = [f for c in extract_claims(body, language="ko") for f in c.figures]
    assert figures == []


def test_large_but_real_korean_amount_keeps_its_exact_value() -> None:
    figures = extract_figures("예산은 9999조원으로 늘었다.", language="ko")
    assert [(f.value, f.unit) for f in figures] == [("9999000000000000", "KRW")]


def test_english_amount_of_400_digits_is_not_a_figure() -> None:
    body = "The deficit was $" + "9" * 400 + " billion, officials said."
    assert extract_figures(body, language="en") == []


def test_integral_decimals_print_without_exponent_at_any_size() -> None:
    assert format_decimal(Decimal("6.7E+11")) == "670000000000"
    assert format_decimal(Decimal("1E+40")) == "1" + "0" * 40


@pytest.mark.parametrize(
    "body",
    ["x" * 50_000, "1" * 50_000, "1 " * 25_000, "$1 " * 15_000, " " * 50_000, "35개국 " * 9_000],
    ids=["letters", "digits", "spaced-digits", "dollars", "blanks", "korean-counts"],
)
def test_sentences_of_overlong_text_are_cut_to_bounded_pieces(body: str) -> None:
    spans = split_sentences(body, language="ko")
    assert all(end - start <= MAX_SENTENCE for start, end in spans)
    for claim in extract_claims(body, language="ko"):
        assert body[claim.start : claim.end] == claim.text
        assert all(body[f.start : f.end] == f.text for f in claim.figures)


def test_bidirectional_overrides_do_not_hide_a_figure() -> None:
    body = "\u202e정부는 35개국에 친서를 보냈다.\u202c"
    (claim,) = extract_claims(body, language="ko")
    assert [(f.value, f.unit) for f in claim.figures] == [("35", "countries")]
