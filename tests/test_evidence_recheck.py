"""Re-check dates: claims whose truth ages come back after the desk's period for their kind;
forecasts on their own date; claims about a period long over never."""

from __future__ import annotations

from datetime import date

import pytest

from claims.evidence.recheck import DEFAULT_PERIODS, propose_recheck
from claims.extraction.figures import extract_figures

PUBLISHED = date(2025, 2, 26)


def recheck(text: str, language: str = "ko", periods: dict | None = None):
    figures = [
        f.as_dict() for f in extract_figures(text, language=language, reference_date=PUBLISHED)
    ]
    return propose_recheck(text=text, figures=figures, published=PUBLISHED, periods=periods)


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다.", "ko", "stake"),
        ("Bain Capital holds a 61.57% stake in Classys.", "en", "stake"),
        ("클래시스 시가총액은 전일(24일) 기준 3조7800억원 수준이다.", "ko", "price"),
        ("알리바바 주가는 올해 들어서만 66% 상승했다.", "ko", "running_count"),
        ("누적 확진자는 15만 명이다.", "ko", "running_count"),
        ("Cases so far have reached 150,000.", "en", "running_count"),
        ("수출은 역대 최대인 6,800억 달러를 기록했다.", "ko", "record"),
        ("한국은 이 부문 세계 3위다.", "ko", "rank"),
        ("Korea is the world's third largest producer.", "en", "rank"),
    ],
)
def test_claims_whose_truth_ages_get_the_desks_period_for_their_kind(text, language, reason):
    proposed = recheck(text, language)
    assert proposed is not None and proposed.reason == reason
    assert (proposed.due - PUBLISHED).days == DEFAULT_PERIODS[reason]


@pytest.mark.parametrize(
    "text",
    [
        "베인캐피탈은 2021년 초 이 지분을 약 6700억원에 인수했다.",  # a past transaction
        "클래시스는 2024년 매출액 2429억원, 영업이익 1225억원을 기록했다.",  # a closed year
        "정부는 35개국에 친서를 보냈다.",  # an event
        "문 대통령은 오후 3시부터 20분간 통화했다.",
    ],
)
def test_claims_whose_truth_does_not_age_get_no_date(text):
    assert recheck(text) is None


def test_a_forecast_comes_due_the_day_after_its_own_date():
    proposed = recheck("정부는 2025년 6월 출시할 예정이라고 밝혔다.")
    assert proposed is not None and proposed.reason == "forecast"
    assert proposed.due == date(2025, 7, 1)
    by_year = recheck("The market will reach $5 billion by 2030.", "en")
    assert by_year is not None and by_year.due == date(2031, 1, 1)


def test_the_desks_periods_replace_the_defaults():
    proposed = recheck("베인캐피탈이 보유한 지분 61.57%다.", periods={"stake": 7})
    assert proposed is not None and proposed.due == date(2025, 3, 5)


def test_a_stake_as_of_a_year_long_over_does_not_age_but_a_count_so_far_does():
    assert recheck("2019년 말 베인캐피탈이 보유한 지분은 61.57%였다.") is None
    running = recheck("2019년 이후 지금까지 누적 투자액은 3조원이다.")
    assert running is not None and running.reason == "running_count"
