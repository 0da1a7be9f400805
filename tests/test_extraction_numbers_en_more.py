"""English figures the grammar read wrongly: decades, display resolutions, numbers in
product and event names, a day glued to its month; each with value, unit, kind and offsets."""

from __future__ import annotations

from datetime import date

import pytest

from tests.figure_assertions import FigureRow, figure_rows
from tests.figure_assertions import at as _at

REF = date(2022, 6, 15)


def _figures(text: str, reference: date | None = REF) -> list[FigureRow]:
    return figure_rows(text, "en", reference)


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("Crime fell sharply in the 1990s.", "1990s", "1990"),
        ("Music of the 1960s was louder.", "1960s", "1960"),
        ("Homes built in the 1920's leak.", "1920's", "1920"),
        ("Prices doubled in the mid-1970s.", "1970s", "1970"),
        ("It was a hit in the '80s.", "'80s", "1980"),
        ("It was a hit in the ’90s.", "’90s", "1990"),
    ],
)
def test_a_decade_is_a_date_of_its_first_year(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "decade", "date")]


def test_a_two_digit_decade_takes_the_century_of_the_article_date() -> None:
    text = "Rents rose through the '20s."
    assert _figures(text) == [_at(text, "'20s", "2020", "decade", "date")]
    assert _figures(text, date(2019, 1, 1)) == [_at(text, "'20s", "1920", "decade", "date")]


def test_a_two_digit_decade_without_an_article_date_is_read_only_when_plain() -> None:
    text = "A hit of the '80s and the '20s."
    assert _figures(text, None) == [_at(text, "'80s", "1980", "decade", "date")]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("Most were in their 40s.", "40s", "40"),
        ("A man in his early 30s was hurt.", "30s", "30"),
    ],
)
def test_an_age_in_decades_is_an_age(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "years", "age")]


@pytest.mark.parametrize(
    "text",
    [
        "Sales of 4K TVs rose.",
        "An 8K display costs more.",
        "Most films stream in 4K resolution.",
        "The camera shoots 4K video.",
        "Netflix charges more for 4K streaming.",
    ],
)
def test_a_display_resolution_is_a_name(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("He paid $4K for the TV.", "$4K", "4000", "USD", "money"),
        ("About 4K runners joined.", "4K runners", "4000", "runners", "count"),
        ("Some 10K viewers watched in 4K.", "10K viewers", "10000", "viewers", "count"),
    ],
)
def test_thousands_written_with_k_stay_figures(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    assert _figures(text)[:1] == [_at(text, part, value, unit, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "Windows 11 users must update.",
        "iOS 17 users saw the bug.",
        "Android 14 devices get the patch.",
        "The Beijing 2022 Games cost billions.",
        "Tokyo 2020 organisers cut costs.",
        "Agenda 2030 goals are voluntary.",
    ],
)
def test_a_number_in_a_product_or_event_name_is_no_count(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "part", "value", "unit"),
    [
        ("Storm Kills 300 People", "300 People", "300", "people"),
        ("Windows crashed on 300 computers.", "300 computers", "300", "computers"),
        ("In Tokyo 300 people marched.", "300 people", "300", "people"),
    ],
)
def test_a_count_after_other_words_stays_a_count(
    text: str, part: str, value: str, unit: str
) -> None:
    assert _figures(text) == [_at(text, part, value, unit, "count")]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("He arrived on 18February 2020.", "18February 2020", "2020-02-18"),
        ("The rally on 3March drew crowds.", "3March", "2022-03-03"),
    ],
)
def test_a_day_glued_to_its_month_is_a_date(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "", "date")]


def test_a_day_glued_to_a_lowercase_month_abbreviation_is_no_date() -> None:
    assert _figures("Take 5mar tablets daily.") == []


# A month named alone after "last" or "next" is dated from the article's, as Korean "지난 8월"
# is (article of 15 June 2022): the last one before the article's month, or the next after it.
@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("Last August the plant closed for good.", "Last August", "2021-08"),
        ("Exports rose sharply last March.", "last March", "2022-03"),
        ("Inflation peaked last June, the bank said.", "last June", "2021-06"),
        ("The vote was moved to next June.", "next June", "2023-06"),
        ("The law takes effect next September.", "next September", "2022-09"),
        ("The plant reopens next Jan. at the earliest.", "next Jan", "2023-01"),
    ],
)
def test_a_month_after_last_or_next_is_dated_from_the_article(
    text: str, part: str, value: str
) -> None:
    assert _figures(text) == [_at(text, part, value, "", "date")]


def test_last_and_next_months_in_one_sentence() -> None:
    text = "The law passed last March and takes effect next July."
    assert _figures(text) == [
        _at(text, "last March", "2022-03", "", "date"),
        _at(text, "next July", "2022-07", "", "date"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The protesters joined the last march of the year.",  # a walk, not the month
        "The next may be harder.",  # the verb
    ],
)
def test_a_lowercase_month_word_after_last_or_next_is_no_date(text: str) -> None:
    assert _figures(text) == []


def test_a_month_after_last_needs_the_article_date() -> None:
    assert _figures("Exports rose last August.", None) == []


def test_a_day_after_a_month_after_next_is_not_read_as_the_month_alone() -> None:
    text = "The summit opens next June 5."
    assert [row[0] for row in _figures(text)] == ["June 5"]


# A day of a month after "next" or "last" (article of 15 June 2022): the next such day after
# the article's date, or the last before it, not the one of the article's year whatever it is.
@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("The summit opens next June 5.", "June 5", "2023-06-05"),
        ("The summit opens next July 4.", "July 4", "2022-07-04"),
        ("The plant closed last June 20.", "June 20", "2021-06-20"),
        ("The plant closed last March 3.", "March 3", "2022-03-03"),
    ],
)
def test_a_day_after_last_or_next_is_the_one_before_or_after_the_article(
    text: str, part: str, value: str
) -> None:
    assert _figures(text) == [_at(text, part, value, "", "date")]


# Torque in newton-metres, beside power in kW and hp.
@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("The engine makes 400 Nm of torque.", "400 Nm", "400"),
        ("Peak torque rises to 320Nm.", "320Nm", "320"),
        ("The motor delivers 250 N·m at the wheels.", "250 N·m", "250"),
        ("It develops 660 newton-metres of torque.", "660 newton-metres", "660"),
        ("It develops 540 newton meters of torque.", "540 newton meters", "540"),
    ],
)
def test_torque_in_newton_metres_is_a_quantity(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "Nm", "quantity")]


def test_torque_power_and_horsepower_in_one_sentence() -> None:
    text = "The motor makes 150 kW, or 201 hp, and 400 Nm of torque."
    assert _figures(text) == [
        _at(text, "150 kW", "150", "kW", "quantity"),
        _at(text, "201 hp", "201", "hp", "quantity"),
        _at(text, "400 Nm", "400", "Nm", "quantity"),
    ]


def test_nanometres_are_no_torque() -> None:
    text = "The chip is made on a 5 nm process."
    assert all(row[2] != "Nm" for row in _figures(text))


# Kilometres and kilograms with a capital K, glued or spaced, in either language's text.
@pytest.mark.parametrize(
    ("text", "part", "unit"),
    [
        ("The range is 900Km on one charge.", "900Km", "km"),
        ("The range is 900 Km on one charge.", "900 Km", "km"),
        ("The pack weighs 90KG.", "90KG", "kg"),
        ("It weighs 90Kg.", "90Kg", "kg"),
    ],
)
def test_a_capital_k_unit_is_read(text: str, part: str, unit: str) -> None:
    value = part.rstrip("KMmGg ")
    assert _figures(text) == [_at(text, part, value, unit, "quantity")]


def test_a_capital_k_unit_is_read_in_korean_text() -> None:
    text = "주행거리는 900Km에 이른다."
    assert figure_rows(text, "ko", REF) == [_at(text, "900Km", "900", "km", "quantity")]
