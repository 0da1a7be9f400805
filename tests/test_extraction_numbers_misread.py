"""Figures read wrong on news the extractor had not seen (issue 16): weeks taken as shares,
speeds without their hour, a diploid read as a ratio, body parts counted, future weekdays
put in the past, units never read, months of last year; and numbers that are not figures of
a claim ("제2의 고향", "100% 안전한 것은 없다", "4차 산업혁명", "a thing or two")."""

from datetime import date

import pytest

from claims.extraction import extract_figures
from tests.figure_assertions import at as _at
from tests.figure_assertions import figure_rows

REF = date(2020, 10, 8)  # a Thursday


def _ko(text: str, reference: date | None = REF):
    return figure_rows(text, "ko", reference)


def _en(text: str, reference: date | None = REF):
    return figure_rows(text, "en", reference)


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        # 주 after a number is a week when time follows or nothing speaks of shares.
        ("임상시험은 3주 동안 진행됐다.", "3주", "3", "weeks", "duration"),
        ("개막 4주 만에 막을 내렸다.", "4주", "4", "weeks", "duration"),
        ("선수의 복귀는 최대 3주 이후가 될 전망이다.", "3주", "3", "weeks", "duration"),
        ("판결문을 받은 지 2주가 되는 날이다.", "2주", "2", "weeks", "duration"),
        ("임신 12주 이전에 검사한다.", "12주", "12", "weeks", "duration"),
        ("한 주 동안 비가 내렸다.", "한 주", "1", "weeks", "duration"),
        ("두 주 만에 돌아왔다.", "두 주", "2", "weeks", "duration"),
        ("시위는 5주째 이어지고 있다.", "5주", "5", "weeks", "duration"),
        # ... and a share when shares are spoken of.
        ("그는 삼성전자 주식 100주를 샀다.", "100주", "100", "shares", "count"),
        ("자사주 50만주를 소각한다.", "50만주", "500000", "shares", "count"),
        ("보통주 1주당 배당금이 늘었다.", "1주", "1", "shares", "count"),
        # Speeds: the hour is part of the unit.
        ("열차는 시속 80km로 달렸다.", "시속 80km", "80", "km/h", "quantity"),
        ("최고 시속 300㎞를 낸다.", "시속 300㎞", "300", "km/h", "quantity"),
        ("태풍은 초속 40m의 강풍을 동반했다.", "초속 40m", "40", "m/s", "quantity"),
        ("거북이는 한 시간에 40km를 이동한다.", "한 시간에 40km", "40", "km/h", "quantity"),
        ("이 배는 1시간에 30㎞를 간다.", "1시간에 30㎞", "30", "km/h", "quantity"),
        ("최고 속도는 120km/h다.", "120km/h", "120", "km/h", "quantity"),
        # Units never read before.
        ("출력 밀도는 5W/kg이다.", "5W/kg", "5", "W/kg", "quantity"),
        ("모터는 2.5kW/kg의 출력 밀도를 낸다.", "2.5kW/kg", "2.5", "kW/kg", "quantity"),
        ("최고출력 300마력을 낸다.", "300마력", "300", "hp", "quantity"),
        ("저장 용량은 128기가바이트다.", "128기가바이트", "128", "GB", "quantity"),
        ("2테라바이트 저장장치를 공개했다.", "2테라바이트", "2", "TB", "quantity"),
        ("용량은 512GB이다.", "512GB", "512", "GB", "quantity"),
        ("파일은 256MB이다.", "256MB", "256", "MB", "quantity"),
        ("발전 용량은 100kW이다.", "100kW", "100", "kW", "quantity"),
    ],
)
def test_korean_figures_read_right(text, part, value, unit, kind):
    assert _ko(text) == [_at(text, part, value, unit, kind)]


def test_a_frequency_keeps_its_period_in_weeks_and_its_count():
    text = "2주에 한 번 검사한다."
    assert _ko(text) == [
        _at(text, "2주", "2", "weeks", "duration"),
        _at(text, "한 번", "1", "times", "count"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2배체 식물이다.",  # diploid: no ratio
        "감자는 4배체 작물이다.",
        "그는 두 손을 모았다.",  # body parts: no count of a claim
        "두 다리로 섰다.",
        "두 팔을 벌려 환영했다.",
        "두 눈으로 똑똑히 봤다.",
        "그에게 한국은 제2의 고향이다.",  # "a second home": no rank
        "그는 제2의 전성기를 맞았다.",
        "은퇴 뒤 제2의 인생을 산다.",
        "세상에 100% 안전한 것은 없다.",  # "absolutely": no percentage
        "100% 확신할 수는 없다.",
        "4차 산업혁명 시대가 온다.",  # a name
        "4차산업혁명위원회가 열렸다.",
    ],
)
def test_korean_numbers_that_are_not_figures_of_a_claim(text):
    assert _ko(text) == []


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("한국 제2의 도시 부산에서 열렸다.", "제2", "2", "rank", "rank"),
        ("지분 100%를 인수했다.", "100%", "100", "percent", "percent"),
        ("그는 2배 빨랐다.", "2배", "2", "times", "ratio"),
        ("매출이 3배로 늘었다.", "3배", "3", "times", "ratio"),
        ("권총으로 두 발을 쏜", "두 발", "2", "", "count"),
        ("2차 회의가 열렸다.", "2차", "2", "rank", "rank"),
    ],
)
def test_korean_figures_near_those_shapes_stay_figures(text, part, value, unit, kind):
    assert _ko(text) == [_at(text, part, value, unit, kind)]


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        # "지난 8월": the most recent August before the article's month.
        ("지난 8월 출시됐다.", date(2020, 10, 8), "2020-08"),
        ("지난 8월 출시됐다.", date(2021, 2, 3), "2020-08"),
        ("지난 8월 출시됐다.", date(2020, 8, 20), "2019-08"),
        ("지난 8월에는 비가 많이 왔다.", date(2020, 9, 1), "2020-08"),
        ("오는 8월 출시된다.", date(2020, 8, 20), "2021-08"),
    ],
)
def test_last_month_of_that_name_is_before_the_article(text, reference, value):
    found = extract_figures(text, language="ko", reference_date=reference)
    month = text.split("월")[0] + "월"
    assert [(f.text, f.value, f.kind) for f in found] == [(month, value, "date")]


def test_a_month_before_a_word_opening_with_a_part_of_a_month_is_the_month():
    text = "지난 8월 말레이시아에서 열렸다."
    assert _ko(text) == [_at(text, "지난 8월", "2020-08", "", "date")]
    text = "지난 8월 초등학교에서 열렸다."
    assert _ko(text) == [_at(text, "지난 8월", "2020-08", "", "date")]


def test_a_range_of_days_after_a_month_is_in_that_month():
    text = "지난 8월 24~25일 열렸다."
    assert _ko(text) == [
        _at(text, "지난 8월 24", "2020-08-24", "", "date"),
        _at(text, "25일", "2020-08-25", "", "date"),
    ]


def test_both_months_of_a_range_of_months_are_dates():
    text = "지난 7~8월 늘었다."
    assert [(f[0], f[1]) for f in _ko(text)] == [("지난 7", "2020-07"), ("8월", "2020-08")]


def test_a_large_count_of_vehicles_with_a_scale_word_reads_without_error():
    text = "주택과 차량 2천여대 침수 등 총 100억원 가량의 피해가 발생했다."
    assert [(f[0], f[1], f[3]) for f in _ko(text)] == [
        ("2천여대", "2000", "count"),
        ("100억원", "10000000000", "money"),
    ]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        # A weekday the sentence puts in the future is the next one after the article date
        # (a Thursday): the same weekday is the article's own day, as news writes it.
        ("The Fed is expected to raise rates again on Tuesday.", "on Tuesday", "2020-10-13"),
        ("The ministry will announce a new strategy on Friday.", "on Friday", "2020-10-09"),
        ("The vote is scheduled for Wednesday.", "Wednesday", "2020-10-14"),
        ("Talks are set to resume Monday.", "Monday", "2020-10-12"),
        ("The Fed is expected to raise rates again on Thursday.", "on Thursday", "2020-10-08"),
        # ... and a past one stays in the past.
        ("The ministry announced a new strategy on Friday.", "on Friday", "2020-10-02"),
        ("He said on Monday that prices will rise.", "on Monday", "2020-10-05"),
        ("Prices rose on Thursday, the agency said.", "on Thursday", "2020-10-08"),
    ],
)
def test_english_weekdays_follow_the_tense(text, part, value):
    assert _en(text) == [_at(text, part, value, "", "date")]


def test_an_english_sentence_with_a_past_and_a_future_weekday():
    text = "The ministry said on Monday it will announce a new strategy on Friday."
    assert _en(text) == [
        _at(text, "on Monday", "2020-10-05", "", "date"),
        _at(text, "on Friday", "2020-10-09", "", "date"),
    ]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("정부는 화요일에 대책을 발표할 예정이다.", "화요일", "2020-10-13"),
        ("위원회는 월요일 회의를 열 계획이다.", "월요일", "2020-10-12"),
        ("정부는 화요일에 대책을 발표했다.", "화요일", "2020-10-06"),
        ("일요일에는 비가 내리겠다.", "일요일", "2020-10-11"),
    ],
)
def test_korean_weekdays_follow_the_tense(text, part, value):
    assert _ko(text) == [_at(text, part, value, "", "date")]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit"),
    [
        ("The car has 300 horsepower.", "300 horsepower", "300", "hp"),
        ("The engine makes 250 hp.", "250 hp", "250", "hp"),
        ("It tops out at 150 mph.", "150 mph", "150", "mph"),
        ("It travels at 80 km/h on the highway.", "80 km/h", "80", "km/h"),
        ("The phone has 128GB of storage.", "128GB", "128", "GB"),
        ("The phone has 128 GB of storage.", "128 GB", "128", "GB"),
        ("It ships with a 1TB drive.", "1TB", "1", "TB"),
        ("The motor delivers 5 kW/kg.", "5 kW/kg", "5", "kW/kg"),
        ("The cell stores 300 W/kg.", "300 W/kg", "300", "W/kg"),
    ],
)
def test_english_units_are_read(text, part, value, unit):
    assert _en(text) == [_at(text, part, value, unit, "quantity")]


@pytest.mark.parametrize(
    "text",
    [
        "He knows a thing or two about politics.",
        "She learned a trick or two.",
        "It is one of the shows that won an award.",
        "One of the shows was cancelled after the scandal.",
        "He raised two hands.",
        "She stood on two legs.",
        "I am 100 percent sure of it.",
        "We are 100% committed to the plan.",
    ],
)
def test_english_numbers_that_are_not_figures_of_a_claim(text):
    assert _en(text) == []


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("She lost two fingers in the blast.", "two fingers", "2"),
        ("The firm owns 100% of the unit.", "100%", "100"),
    ],
)
def test_english_counts_near_those_shapes_stay_figures(text, part, value):
    assert [(f[0], f[1]) for f in _en(text)] == [(part, value)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("후쿠시마 목재 방사선량, 100% 신뢰할 수 있다.", "ko"),  # a claim a desk checked
        ("The vaccine is 100% safe, the company said.", "en"),
    ],
)
def test_a_hundred_per_cent_asserted_stays_a_figure(text, language):
    found = extract_figures(text, language=language, reference_date=REF)
    assert [(f.value, f.kind) for f in found] == [("100", "percent")]


def test_a_hundred_per_cent_denied_is_no_figure_in_english():
    assert _en("No vaccine is 100% safe.") == []


@pytest.mark.parametrize(
    ("text", "part", "value", "unit"),
    [
        ("배터리 용량은 5000mAh다.", "5000mAh", "5000", "mAh"),
        ("에너지 밀도 250Wh/kg를 달성했다.", "250Wh/kg", "250", "Wh/kg"),
        ("저장 용량은 500Wh이다.", "500Wh", "500", "Wh"),
    ],
)
def test_korean_battery_units_are_read(text, part, value, unit):
    assert _ko(text) == [_at(text, part, value, unit, "quantity")]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit"),
    [
        ("It has a 5,000mAh battery.", "5,000mAh", "5000", "mAh"),
        ("The cell stores 4,500 mAh.", "4,500 mAh", "4500", "mAh"),
        ("The pack reaches 250 Wh/kg.", "250 Wh/kg", "250", "Wh/kg"),
    ],
)
def test_english_battery_units_are_read(text, part, value, unit):
    assert _en(text) == [_at(text, part, value, unit, "quantity")]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        # "is to", "are to": the plan of what is to come (REF is a Thursday).
        ("The central bank is to announce its decision on Tuesday.", "on Tuesday", "2020-10-13"),
        ("Ministers are to meet on Monday.", "on Monday", "2020-10-12"),
        # A weekday after a capitalised name is no number of that name.
        ("He will address a joint meeting of Congress on Wednesday.", "on Wednesday", "2020-10-14"),
        ("President Biden on Tuesday signed the bill.", "on Tuesday", "2020-10-06"),
    ],
)
def test_english_weekdays_of_plans_and_after_names(text, part, value):
    assert _en(text) == [_at(text, part, value, "", "date")]


def test_an_english_name_before_a_number_still_names_it():
    assert _en("He spoke at CES 2025 in Las Vegas.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A day after the article's (the 20th) in a sentence about what is to come is in the
        # article's month: "28일 ... 연설한다" is a speech eight days ahead.
        ("윤 대통령은 28일 미 의회 합동회의에서 연설한다.", "2023-04-28"),
        ("정부는 25일 대책을 발표할 예정이다.", "2023-04-25"),
        ("위원회는 27일 회의를 열어 결론을 낼 계획이다.", "2023-04-27"),
        ("그는 28일 연설한다고 밝혔다.", "2023-04-28"),
        # ... and in the past tense it is the month before.
        ("윤 대통령은 28일 미 의회에서 연설했다.", "2023-03-28"),
        ("28일 열린 회의에서 그는 이같이 말했다.", "2023-03-28"),
    ],
)
def test_a_korean_day_after_the_articles_follows_the_tense(text, value):
    found = extract_figures(text, language="ko", reference_date=date(2023, 4, 20))
    day = text[text.index("2") : text.index("일") + 1]
    assert [(f.text, f.value) for f in found] == [(day, value)]
