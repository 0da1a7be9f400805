"""The extractor's shortcuts (issue 16's speed budget) change no reading: each skips work
only where the work could find nothing."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import figures as figures_package
from claims.extraction.figures import (
    en,
    en_dates,
    extract_figures,
    ko_amounts,
    ko_dates,
    ko_days,
    ko_durations,
    ko_native,
    ko_news,
    numbers,
)
from claims.extraction.figures.engine import Scan, needs_digit

FIGURE_MODULES: tuple[ModuleType, ...] = (
    en,
    en_dates,
    ko_amounts,
    ko_dates,
    ko_days,
    ko_durations,
    ko_native,
    ko_news,
    numbers,
)


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\d+", True),
        (r"[0-9]+명", True),
        (r"(?P<num>\d[\d,]*)\s*(?:명|개)", True),
        (r"(?:\d+|[0-9]{2})년|(?<=\d)월", True),
        (r"(?=\d)\w+", True),
        (r"x(?>\d)|\d++", True),
        (r"(?i:\d)percent", True),
        (r"\d*명", False),  # no digit needed: "명" alone matches
        (r"[\d,]+", False),  # a comma alone matches
        (r"한|\d", False),
        (r"(?!\d)\w", False),
        (r"[^\d]", False),
        (r"\w+", False),  # \w admits digits, and letters too
        (r"(a)?(?(1)\d|\d)", False),  # a conditional: unsure, so no
    ],
)
def test_needs_digit_reads_whether_every_match_takes_a_digit(pattern: str, needs: bool) -> None:
    assert needs_digit(re.compile(pattern)) is needs


def test_a_scan_without_a_digit_finds_nothing_for_a_pattern_that_needs_one_unsearched() -> None:
    digit_pattern, word_pattern = re.compile(r"\d+명"), re.compile(r"명")
    scan = Scan("세 명이 왔다", None)
    assert scan.matches(digit_pattern) == []
    assert [m.group(0) for m in scan.matches(word_pattern)] == ["명"]
    with_digit = Scan("3명이 왔다", None)
    assert [m.group(0) for m in with_digit.matches(digit_pattern)] == ["3명"]


def test_a_scan_counts_digits_beyond_ascii_as_the_patterns_do() -> None:
    # Full-width digits are digits to \d, so a pattern needing one still runs on them.
    pattern = re.compile(r"\d+개국")
    assert [m.group(0) for m in Scan("３５개국", None).matches(pattern)] == ["３５개국"]


def _figure_patterns() -> list[re.Pattern[str]]:
    found = {
        id(value): value
        for module in (*FIGURE_MODULES, figures_package)
        for value in vars(module).values()
        if isinstance(value, re.Pattern)
    }
    return list(found.values())


def test_the_figure_patterns_that_need_a_digit_are_many() -> None:
    patterns = _figure_patterns()
    needing = [p for p in patterns if needs_digit(p)]
    assert len(patterns) > 60
    assert len(needing) > 40


PIECES = [
    "세 명", "한 시간에", "열두 번째", "두 달간", "수십억 원", "지난달 말", "오늘", "어제",
    "첫날", "이번 주", "일주일", "삼분의 일", "만 명", "십여 년", "$", "US$ ", "percent",
    "million", "first", "one", "twelve", "%", "년", "월", "일", "시", "분", "~", ".", ",",
    "-", "/", "(", ")", "원", "달러", "개국", "퍼센트", "제", "호", "위", " ", "\n",
]  # fmt: skip
DIGITLESS = st.lists(
    st.sampled_from(PIECES) | st.text(max_size=6).map(lambda s: re.sub(r"\d", "", s)),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(DIGITLESS)
def test_a_figure_pattern_that_needs_a_digit_matches_no_text_without_one(text: str) -> None:
    assert re.search(r"\d", text) is None
    checked = 0
    for pattern in _figure_patterns():
        if needs_digit(pattern):
            checked += 1
            assert pattern.search(text) is None, pattern.pattern
    assert checked > 30


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("세 명이 숨졌다.", "세 명"),
        ("두 달간 조사했다.", "두 달"),
        ("열두 번째 대회다.", "열두 번째"),
        ("3명이 숨졌다.", "3명"),
    ],
)
def test_figures_without_digits_are_still_read_beside_those_with(text: str, figure: str) -> None:
    assert figure in [f.text for f in extract_figures(text, language="ko")]
