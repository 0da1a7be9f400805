"""Figures as people write them, in the interface's language, with the raw value kept for
hover: one formatting function, checked on the seed page's figures (issue 18 item 6 and
the translation of figure units and kinds)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from claims.extraction import extract_figures
from claims.presentation import figure_phrase, figure_rows, money_text
from tests.conftest import SEED_PAGE

SEED_MONEY = [
    # (figure text on the seed page, value, Korean, English)
    ("3조7800억원", "3780000000000", "3조 7,800억 원", "3.78 trillion won"),
    ("2조3000억원", "2300000000000", "2조 3,000억 원", "2.3 trillion won"),
    ("6700억원", "670000000000", "6,700억 원", "670 billion won"),
    ("2429억원", "242900000000", "2,429억 원", "242.9 billion won"),
    ("1225억원", "122500000000", "1,225억 원", "122.5 billion won"),
    ("976억원", "97600000000", "976억 원", "97.6 billion won"),
    ("3조원", "3000000000000", "3조 원", "3 trillion won"),
]


@pytest.mark.parametrize(("text", "value", "korean", "english"), SEED_MONEY)
def test_the_seed_pages_amounts_read_as_people_write_them(text, value, korean, english):
    """The figures the extractor reads on the seed page, formatted in each language."""
    seed = SEED_PAGE.read_text(encoding="utf-8")
    assert text in seed
    [figure] = [f for f in extract_figures(text, language="ko") if f.kind == "money"]
    assert (figure.value, figure.unit) == (value, "KRW")
    assert money_text(Decimal(figure.value), "KRW", "ko") == korean
    assert money_text(Decimal(figure.value), "KRW", "en") == english


@pytest.mark.parametrize(
    ("value", "currency", "korean", "english"),
    [
        ("2100000000", "USD", "21억 달러", "$2.1 billion"),
        ("40000000", "KRW", "4,000만 원", "40 million won"),
        ("80539", "KRW", "8만 539 원", "80,539 won"),
        ("5000", "KRW", "5,000 원", "5,000 won"),
        ("1.5", "USD", "1.5 달러", "$1.5"),
        ("1234567890123", "KRW", "1조 2,345억 6,789만 123 원", "1.235 trillion won"),
    ],
)
def test_money_in_both_languages(value, currency, korean, english):
    assert money_text(Decimal(value), currency, "ko") == korean
    assert money_text(Decimal(value), currency, "en") == english


def test_a_figure_shows_its_phrase_with_the_raw_value_on_hover():
    figure = {"text": "3조7800억원", "value": "3780000000000", "unit": "KRW", "kind": "money"}
    with translation.override("ko"):
        html = str(figure_phrase(figure))
    assert ">3조 7,800억 원<" in html
    assert 'value="3780000000000"' in html and 'title="3780000000000"' in html
    with translation.override("en"):
        assert ">3.78 trillion won<" in str(figure_phrase(figure))


@pytest.mark.parametrize(
    ("figure", "korean", "english"),
    [
        ({"value": "35", "unit": "countries", "kind": "count"}, "35개국", "35 countries"),
        ({"value": "1", "unit": "years", "kind": "duration"}, "1년", "1 year"),
        ({"value": "66", "unit": "years", "kind": "age"}, "66세", "66 years old"),
        ({"value": "20", "unit": "minutes", "kind": "duration"}, "20분", "20 minutes"),
        ({"value": "61.57", "unit": "percent", "kind": "percent"}, "61.57%", "61.57%"),
        ({"value": "1.8", "unit": "times", "kind": "ratio"}, "1.8배", "1.8 times"),
        ({"value": "150000", "unit": "people", "kind": "count"}, "15만 명", "150,000 people"),
        ({"value": "4", "unit": "quarter", "kind": "rank"}, "4분기", "quarter 4"),
        ({"value": "2020-10-08", "unit": "", "kind": "date"}, "2020년 10월 8일", "Oct. 8, 2020"),
        ({"value": "2025-01", "unit": "", "kind": "date"}, "2025년 1월", "January 2025"),
    ],
)
def test_units_and_kinds_are_said_in_the_interfaces_language(figure, korean, english):
    with translation.override("ko"):
        assert f">{korean}<" in str(figure_phrase(figure))
    with translation.override("en"):
        assert f">{english}<" in str(figure_phrase(figure))


def test_every_unit_the_figure_grammar_names_has_a_korean_phrase():
    from claims.extraction.figures import tables
    from claims.presentation import UNITS

    named = {u for _, u in tables.KO_COUNTERS.values()} | set(tables.KO_NATIVE_NAMES.values())
    named |= {u for _, u in tables.KO_NATIVE_UNITS.values()} | set(tables.KO_ORDINAL_UNITS.values())
    named |= set(tables.KO_LABEL_UNITS.values()) | set(tables.EN_DURATIONS.values())
    named |= set(tables.EN_MEASURES.values())
    missing = sorted(named - set(UNITS))
    assert not missing, missing
    symbols = {"cm", "mm", "km", "kg", "g", "mg", "ml", "GHz", "MHz", "GW", "MW", "kWh", "kcal"}
    symbols |= {"GB", "MB", "TB", "kW", "kW/kg", "W/kg", "km/h", "시속km", "mAh", "Wh", "Wh/kg"}
    with translation.override("ko"):
        latin = {
            unit: phrase
            for unit in named
            if re.search(r"[A-Za-z]", phrase := str(UNITS[unit] % {"count": 2, "n": 2}))
            and re.sub(r"[0-9 ]", "", phrase) not in symbols
        }
    assert not latin, latin  # only symbols of measure stay in Latin letters


def test_kinds_are_translated():
    rows = None
    with translation.override("ko"):
        rows = figure_rows(
            [{"text": "35개국", "value": "35", "unit": "countries", "kind": "count"}]
        )
    assert rows[0]["kind"] == "개수"
