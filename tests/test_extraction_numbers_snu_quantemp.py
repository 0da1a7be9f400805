"""Figures that checked claims hold and the grammar used to miss (SNU FactCheck, QuanTemp
shapes): each one with its value, unit, kind and offsets."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract_figures
from tests.figure_assertions import FigureRow, figure_rows
from tests.figure_assertions import at as _at

REF = date(2022, 6, 15)


def _figures(text: str, language: str = "ko") -> list[FigureRow]:
    return figure_rows(text, language, REF)


def test_a_dotted_date_is_a_date_and_not_a_version_number() -> None:
    text = "그는 2019.3.5 담화에서 밝혔다"
    assert _figures(text) == [_at(text, "2019.3.5", "2019-03-05", "", "date")]
    assert _figures("버전 2.3.5 배포") == []


def test_a_two_digit_birth_year_is_a_date_in_the_century_before_the_article() -> None:
    text = "가장 많은 나이는 58년생이다"
    assert _figures(text) == [_at(text, "58년생", "1958", "birth_year", "date")]
    text = "04년생 선수가 뛰었다"
    assert _figures(text) == [_at(text, "04년생", "2004", "birth_year", "date")]


def test_a_range_of_birth_years_gives_both_years() -> None:
    text = "대상자 가운데 71~79년생이 많다"
    assert _figures(text) == [
        _at(text, "71", "1971", "birth_year", "date"),
        _at(text, "79년생", "1979", "birth_year", "date"),
    ]


def test_a_four_digit_birth_year_is_a_birth_year() -> None:
    text = "1975년생 남성이 가장 많다"
    assert _figures(text) == [_at(text, "1975년생", "1975", "birth_year", "date")]


def test_a_two_digit_year_with_nyeondo_is_a_year() -> None:
    text = "93년도 이후 처음이다"
    assert _figures(text) == [_at(text, "93년도", "1993", "", "date")]


def test_years_followed_by_even_are_a_duration() -> None:
    text = "떠난 지 20년도 넘었다"
    assert _figures(text) == [_at(text, "20년", "20", "years", "duration")]


def test_a_two_digit_year_needs_the_article_date() -> None:
    assert extract_figures("58년생이다", language="ko") == []


def test_days_before_or_after_an_event_are_a_duration() -> None:
    text = "계약 해지를 5일전에 알렸다"
    assert _figures(text) == [_at(text, "5일", "5", "days", "duration")]
    text = "공고 10일 전까지 내야 한다"
    assert _figures(text) == [_at(text, "10일", "10", "days", "duration")]
    text = "투표 3일 뒤 발표했다"
    assert _figures(text) == [_at(text, "3일", "3", "days", "duration")]


def test_a_day_before_former_stays_a_date() -> None:
    text = "지난 9일 전 장관이 말했다"
    assert _figures(text) == [_at(text, "9일", "2022-06-09", "", "date")]


def test_only_so_many_days_is_a_duration() -> None:
    text = "겨울방학이 6일뿐이다"
    assert _figures(text) == [_at(text, "6일", "6", "days", "duration")]


def test_days_and_hours_a_week_are_durations() -> None:
    text = "주 5일제를 도입했다"
    assert _figures(text) == [_at(text, "5일", "5", "days", "duration")]
    text = "주40시간제가 원칙이다"
    assert _figures(text) == [_at(text, "40시간", "40", "hours", "duration")]


def test_a_day_after_jinan_before_jeon_stays_a_date() -> None:
    text = "지난 12일 전까지 냈다"
    assert _figures(text) == [_at(text, "12일", "2022-06-12", "", "date")]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("후렴 4마디가 같다", "4마디", "4", "bars", "count"),
        ("1바이알당 접종 인원을 늘린다", "1바이알", "1", "vials", "count"),
        ("2주택자의 세금이 늘었다", "2주택", "2", "homes", "count"),
        ("3.5GHz 대역을 쓴다", "3.5GHz", "3.5", "GHz", "quantity"),
        ("그는 논문 1저자였다", "1저자", "1", "author", "rank"),
        ("3자대결에서 앞섰다", "3자대결", "3", "parties", "count"),
        ("불교의 4교리를 배운다", "4교리", "4", "doctrines", "count"),
        ("원전을 6기나 더 짓는다", "6기", "6", "units", "count"),
        ("2기 신도시 입주", "2기", "2", "rank", "rank"),
        ("수출 순위 탑5에 들었다", "탑5", "5", "top", "rank"),
        ("고2 학생이 늘었다", "고2", "2", "school_year", "rank"),
    ],
)
def test_counters_of_checked_claims(text: str, part: str, value: str, unit: str, kind: str) -> None:
    assert _figures(text) == [_at(text, part, value, unit, kind)]


def test_an_election_named_by_a_date_with_a_middle_dot_variant_is_a_date() -> None:
    for dot in ("‧", "ㆍ"):
        text = f"지난 3{dot}9 대선 결과"
        assert _figures(text) == [_at(text, f"지난 3{dot}9", "2022-03-09", "", "date")]


def test_two_ordinals_in_a_list_are_two_ranks() -> None:
    text = "제1, 2 사단이 이동했다"
    assert _figures(text) == [
        _at(text, "제1", "1", "rank", "rank"),
        _at(text, "2", "2", "rank", "rank"),
    ]


def test_a_spaced_tally_is_one_count_per_side() -> None:
    text = "찬반이 58 대 41 비율로 갈렸다"
    assert _figures(text) == [
        _at(text, "58", "58", "score", "count"),
        _at(text, "41", "41", "score", "count"),
    ]


def test_a_bare_year_before_a_latin_event_name_is_a_date() -> None:
    text = "2019 G20 정상회의 사진"
    assert _figures(text) == [_at(text, "2019", "2019", "", "date")]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("He was fined N250 million last year.", "N250 million", "250000000", "NGN", "money"),
        ("The grant was ₦3,500.", "₦3,500", "3500", "NGN", "money"),
        ("Exports fell by KSh2.5 billion.", "KSh2.5 billion", "2500000000", "KES", "money"),
        ("She Is Battling Stage 3 Cancer", "Stage 3", "3", "stage", "rank"),
        ("A 700-Pound Bear Was Spotted", "700-Pound", "700", "lb", "quantity"),
        ("a 5.8-magnitude quake hit", "5.8-magnitude", "5.8", "magnitude", "quantity"),
        ("a 12-foot-tall fence", "12-foot", "12", "ft", "quantity"),
        ("Says 2,000 Iowa nurses quit every week.", "2,000", "2000", "", "count"),
        ("Did 40 US Senators Vote Against It", "40", "40", "", "count"),
        ("Officials Have 300 Voting Machines", "300", "300", "", "count"),
        ("The Summer 2021 issue was pulled.", "2021", "2021", "", "date"),
    ],
)
def test_english_figures_of_checked_claims(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    assert _figures(text, "en") == [_at(text, part, value, unit, kind)]


def test_a_number_after_a_title_case_verb_is_a_count() -> None:
    text = "Says 1,500 Ohio bridges are unsafe."
    assert _figures(text, "en") == [_at(text, "1,500", "1500", "", "count")]


def test_a_mask_name_and_a_letter_before_a_bare_amount_are_no_naira() -> None:
    assert _figures("One N95 mask is enough.", "en") == []
    assert [f.unit for f in extract_figures("Room N70 is closed.", language="en")] != ["NGN"]


def test_a_day_this_week_is_a_date_not_days_a_week() -> None:
    text = "이번 주 16일 회의가 열린다"
    assert _figures(text) == [_at(text, "16일", "2022-06-16", "", "date")]


def test_a_range_of_full_years_gives_the_first_year_too() -> None:
    text = "1968∼1974년생 인구가 많다"
    assert _figures(text) == [
        _at(text, "1968", "1968", "birth_year", "date"),
        _at(text, "1974년생", "1974", "birth_year", "date"),
    ]
    text = "2011~2016년 사이 늘었다"
    assert _figures(text) == [
        _at(text, "2011", "2011", "", "date"),
        _at(text, "2016년", "2016", "", "date"),
    ]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        (
            "Working On Impeachment For The Past 2 1/2 Years",
            "2 1/2 Years",
            "2.5",
            "years",
            "duration",
        ),
        ("He served 2 1/2 years in prison.", "2 1/2 years", "2.5", "years", "duration"),
        ("The flight takes 3 ½ hours.", "3 ½ hours", "3.5", "hours", "duration"),
        ("The flight takes 3½ hours.", "3½ hours", "3.5", "hours", "duration"),
        ("Rates rose 4 1/2 percent.", "4 1/2 percent", "4.5", "percent", "percent"),
        ("Add 1 1/2 cups of sugar.", "1 1/2 cups", "1.5", "cups", "count"),
    ],
)
def test_a_mixed_fraction_is_one_figure(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    assert _figures(text, "en") == [_at(text, part, value, unit, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "It has a Radeon Pro 5500M graphics card.",
        "Options for a AMD Radeon Pro 5300M or 5500M.",
        "The 5500M chipset is toasty.",
        "An Intel i7-9750H laptop.",
        "An Intel Core i9 9900K chip.",
        "The RTX 3080 costs more.",
        "A Ryzen 7 5800X desktop.",
        "A 3080Ti card.",
    ],
)
def test_numbers_in_model_names_are_not_figures(text: str) -> None:
    assert [row for row in _figures(text, "en") if row[3] != "money"] == []


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("They raised $5M last year.", "$5M", "5000000", "USD", "money"),
        ("5M people lost their jobs.", "5M people", "5000000", "people", "count"),
        ("It set aside 5.5M for roads.", "5.5M", "5500000", "", "count"),
        ("Sold 500K copies.", "500K copies", "500000", "copies", "count"),
    ],
)
def test_amounts_and_counts_with_a_scale_letter_stay_figures(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    assert _figures(text, "en") == [_at(text, part, value, unit, kind)]


def test_a_number_after_a_place_name_counted_at_a_time_is_a_count() -> None:
    text = "He is importing them to Idaho 300 at a time."
    assert _figures(text, "en") == [_at(text, "300", "300", "", "count")]


def test_a_number_after_a_title_case_gerund_is_a_count() -> None:
    text = "Trump Waiting To Welcome Hostages After Holding 4 Campaign Rallies"
    assert _figures(text, "en") == [_at(text, "4", "4", "", "count")]


@pytest.mark.parametrize("text", ["A Boeing 737 crashed.", "Beijing 2022 was cold."])
def test_a_number_after_a_name_ending_in_ing_stays_a_name(text: str) -> None:
    assert _figures(text, "en") == []
