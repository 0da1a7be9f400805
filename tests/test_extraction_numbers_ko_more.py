"""Korean news figures beyond the basic ones (KLUE-NER news shapes): counters of
sports, media and courts, native numerals before nouns, scores, ordinals, weekdays, bare
years; and the numbers that stay out (phones, e-mails, URLs, IDs, model names, event names).
"""

from datetime import date

import pytest

from claims.extraction import extract_figures
from tests.figure_assertions import FigureRow, figure_rows
from tests.figure_assertions import at as _at

REF = date(2020, 10, 8)  # a Thursday


def _figures(text: str) -> list[FigureRow]:
    return figure_rows(text, "ko", REF)


ONE_FIGURE = [
    ("사진 7장이다", "7장", "7", "sheets", "count"),
    ("16강에 진출했다", "16강", "16", "round_of", "rank"),
    ("4라운드에서 우승했다", "4라운드", "4", "round", "rank"),
    ("3학년 학생", "3학년", "3", "school_year", "rank"),
    ("3골을 넣었다", "3골", "3", "goals", "count"),
    ("5연승을 달렸다", "5연승", "5", "consecutive_wins", "count"),
    ("이통 3사가 합의했다", "3사", "3", "companies", "count"),
    ("2언더파를 쳤다", "2언더파", "2", "under_par", "quantity"),
    ("1심에서 무죄", "1심", "1", "instance", "rank"),
    ("2심 재판부는", "2심", "2", "instance", "rank"),
    ("제24회 청룡영화제", "제24회", "24", "edition", "rank"),
    ("김정은 제1위원장", "제1", "1", "rank", "rank"),
    ("제 2의 소니", "제 2", "2", "rank", "rank"),
    ("톱10을 결정", "톱10", "10", "top", "rank"),
    ("두 사람은 남남이 됐다", "두 사람", "2", "people", "count"),
    ("세 학자가 받았다", "세 학자", "3", "", "count"),
    ("두 딸을 살해한", "두 딸", "2", "daughters", "count"),
    ("한 쌍이 팔렸다", "한 쌍", "1", "pairs", "count"),
    ("첫째, 국민과 함께", "첫째", "1", "rank", "rank"),
    ("규모 8.2의 지진", "규모 8.2", "8.2", "magnitude", "quantity"),
    ("5분의 3에 해당", "5분의 3", "0.6", "fraction", "ratio"),
    ("최모 (41)씨를 붙잡았다", "41", "41", "years", "age"),
    ("징역1년6월에 집행유예", "1년6월", "18", "months", "duration"),
    ("일주일간 진행됐다", "일주일간", "1", "weeks", "duration"),
    ("1천800여만원을 훔쳤다", "1천800여만원", "18000000", "KRW", "money"),
    ("300여m 떨어진", "300여m", "300", "m", "quantity"),
    ("차량 2대를 갖고", "2대", "2", "units", "count"),
    ("16대 대선에서", "16대", "16", "term", "rank"),
    ("창간 10주년 기념", "10주년", "10", "anniversary", "rank"),
    ("서거 5주기 추도식", "5주기", "5", "anniversary", "rank"),
    ("올해 1분기 매출", "1분기", "1", "quarter", "rank"),
    ("8분기 연속 성장", "8분기", "8", "quarters", "duration"),
    ("22세기에서", "22세기", "22", "century", "rank"),
    ("5할 승률", "5할", "0.5", "fraction", "ratio"),
    ("1천200자 분량", "1천200자", "1200", "characters", "count"),
    ("1천550캐나다달러", "1천550캐나다달러", "1550", "CAD", "money"),
    ("벌금 2천 루피를", "2천 루피", "2000", "INR", "money"),
    ("36.6°C로 떨어졌다", "36.6°C", "36.6", "celsius", "quantity"),
    ("5.5 인치 화면", "5.5 인치", "5.5", "inches", "quantity"),
    ("단식 15일째인", "15일째", "15", "day", "rank"),
    ("참사가 일어난 지 300일이 지났다", "300일", "300", "days", "duration"),
    ("12일자로 임명", "12일", "2020-09-12", "", "date"),
    ("수요일인 9일은", "수요일인 9일", "2020-10-09", "", "date"),
    ("14일(목요일)까지", "14일(목요일)", "2020-09-14", "", "date"),
    ("일요일에는 비가", "일요일", "2020-10-11", "", "date"),
    ("지난 수요일", "지난 수요일", "2020-10-07", "", "date"),
    ("다음달 컴백", "다음달", "2020-11", "", "date"),
    ("2014 브라질 월드컵", "2014", "2014", "", "date"),
    ("2015 서울모터쇼에서", "2015", "2015", "", "date"),
    ("영화 '친구'(2001) 이후", "2001", "2001", "", "date"),
    ("오는 6·4 지방선거", "오는 6·4", "2021-06-04", "", "date"),
    ("가장 높은 8점을 얻었다", "8점", "8", "points", "quantity"),
    ("자신이 17살때 사고를", "17살", "17", "years", "age"),
    ("2심마저 패소했다", "2심", "2", "instance", "rank"),
    ("3선 의원으로", "3선", "3", "terms", "count"),
    ("홈런 2방에", "2방", "2", "shots", "count"),
    ("2루수 실책", "2루수", "2", "base", "rank"),
    ("3성 장군 출신", "3성", "3", "stars", "rank"),
    ("A(16·고1)양이", "고1", "1", "school_year", "rank"),
    ("두 회사와 그리고", "두 회사", "2", "", "count"),
    ("피처폰 1대 등을", "1대", "1", "units", "count"),
    ("3자회담을 제안", "3자회담", "3", "parties", "count"),
    ("3층짜리 건물", "3층", "3", "floors", "count"),
    ("류현진이 2014시즌 첫 이닝", "2014", "2014", "", "date"),
    ("루이비통 2015 봄/여름 콜렉션", "2015", "2015", "", "date"),
    ("올해 최대 3만 5천호까지", "3만 5천호", "35000", "households", "count"),
    ("64호 매점", "64호", "64", "number", "rank"),
    ("연지호 세 명입니다.", "세 명", "3", "people", "count"),
    ("방법은 두 가지죠.", "두 가지", "2", "kinds", "count"),
    ("권총으로 두 발을 쏜", "두 발", "2", "", "count"),
    ("두 아이가 있다", "두 아이", "2", "", "count"),
    ("두 혐의 모두", "두 혐의", "2", "", "count"),
    ("두 회사의 공식", "두 회사", "2", "", "count"),
    ("윤석민(28·볼티모어 오리올스)이", "28", "28", "years", "age"),
    ("일정상 수요일(15일) 최고위가", "수요일(15일)", "2020-09-15", "", "date"),
    ("2023년 4월 10일 (월요일)", "2023년 4월 10일", "2023-04-10", "", "date"),
]


@pytest.mark.parametrize(("text", "part", "value", "unit", "kind"), ONE_FIGURE)
def test_korean_news_figure_parses_with_value_unit_kind_and_offsets(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    assert _figures(text) == [_at(text, part, value, unit, kind)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("4-1로 역전승했다", [("4", "4"), ("1", "1")]),
        ("0대 1로 패배했다", [("0", "0"), ("1", "1")]),
        ("1 대 0 승리를 거뒀다", [("1", "1"), ("0", "0")]),
    ],
)
def test_a_score_gives_one_count_per_side(text: str, parts: list[tuple[str, str]]) -> None:
    found = _figures(text)
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [(p, v, "score", "count") for p, v in parts]
    assert found[0][4] == 0 and found[1][4] == text.rindex(parts[1][0], 0, found[1][5])


def test_three_all_draw_gives_both_sides() -> None:
    text = "3 대 3 무승부"
    assert _figures(text) == [
        ("3", "3", "score", "count", 0, 1),
        ("3", "3", "score", "count", 4, 5),
    ]


def test_wins_and_losses_are_separate_counts() -> None:
    text = "24승 23패로 마쳤다"
    assert _figures(text) == [
        _at(text, "24승", "24", "wins", "count"),
        _at(text, "23패", "23", "losses", "count"),
    ]


def test_two_bases_and_outs_in_baseball() -> None:
    assert _figures("무사 1,2루를 만들었다") == [
        ("1", "1", "base", "rank", 3, 4),
        ("2루", "2", "base", "rank", 5, 7),
    ]
    assert _figures("1사 1루에서 번트") == [
        ("1사", "1", "outs", "count", 0, 2),
        ("1루", "1", "base", "rank", 3, 5),
    ]


def test_par_of_a_hole_and_at_bats_and_hits() -> None:
    assert ("파5", "5", "par", "quantity", 5, 7) in _figures("17번홀(파5)에서")
    assert _figures("3타수 1안타로") == [
        ("3타수", "3", "at_bats", "count", 0, 3),
        ("1안타", "1", "hits", "count", 4, 7),
    ]


def test_labelled_measures_read_the_number_after_the_label() -> None:
    text = "승점 4, 골득실 -1"
    assert _figures(text) == [
        _at(text, "승점 4", "4", "points", "quantity"),
        _at(text, "골득실 -1", "-1", "goal_difference", "quantity"),
    ]
    text = "타율을 0.338에서 0.341로 올렸다"
    assert [f[1:4] for f in _figures(text)] == [
        ("0.338", "batting_average", "quantity"),
        ("0.341", "batting_average", "quantity"),
    ]


def test_par_and_yards_of_a_course() -> None:
    assert _figures("골프장(파72·6천626야드)에서") == [
        ("파72", "72", "par", "quantity", 4, 7),
        ("6천626야드", "6626", "yards", "quantity", 8, 15),
    ]


def test_measure_in_brackets_after_its_label_starts_at_the_number() -> None:
    assert _figures("팀 타율(0.262) 6위") == [
        ("0.262", "0.262", "batting_average", "quantity", 5, 10),
        ("6위", "6", "rank", "rank", 12, 14),
    ]


def test_number_glued_to_a_counter_starts_a_second_figure() -> None:
    assert _figures("18세1개월의 나이로") == [
        ("18세", "18", "years", "age", 0, 3),
        ("1개월", "1", "months", "duration", 3, 6),
    ]
    assert _figures("4대1로 이겼다") == [
        ("4", "4", "score", "count", 0, 1),
        ("1", "1", "score", "count", 2, 3),
    ]


def test_years_and_months_of_a_sentence_stay_two_figures() -> None:
    assert _figures("징역 4년 6개월, B 씨") == [
        ("4년", "4", "years", "duration", 3, 5),
        ("6개월", "6", "months", "duration", 6, 9),
    ]


def test_a_native_numeral_before_a_surname_is_not_a_count() -> None:
    assert _figures("패소하게 한 권 변호사가") == []


def test_a_parallel_is_not_a_count_of_terms() -> None:
    assert _figures("38선 이북") == []


def test_years_joined_by_a_middle_dot_are_both_dates() -> None:
    assert _figures("SK와이번스도 2007·2008년 정규시즌") == [
        ("2007", "2007", "", "date", 8, 12),
        ("2008년", "2008", "", "date", 13, 18),
    ]


def test_nights_and_days_are_two_durations() -> None:
    assert _figures("1박2일간 열린다") == [
        ("1박", "1", "nights", "duration", 0, 2),
        ("2일간", "2", "days", "duration", 2, 5),
    ]


def test_days_followed_by_particles_are_dates() -> None:
    assert _figures("10일과 19일 길어지고") == [
        ("10일", "2020-09-10", "", "date", 0, 3),
        ("19일", "2020-09-19", "", "date", 5, 8),
    ]


def test_day_range_written_with_two_days_stays_in_one_month() -> None:
    assert _figures("7일∼13일 전국에서") == [
        ("7일", "2020-09-07", "", "date", 0, 2),
        ("13일", "2020-09-13", "", "date", 3, 6),
    ]


def test_days_since_is_a_duration_and_the_day_after_it_a_date() -> None:
    assert _figures("25일만인 12일") == [
        ("25일만", "25", "days", "duration", 0, 4),
        ("12일", "2020-09-12", "", "date", 6, 9),
    ]


def test_time_glued_to_its_day_is_read() -> None:
    assert _figures("24일오후 11시가 지나") == [
        ("24일", "2020-09-24", "", "date", 0, 3),
        ("오후 11시", "23:00", "", "time", 3, 9),
    ]


def test_month_before_a_number_is_still_a_month() -> None:
    assert _figures("5월 4천983마리") == [
        ("5월", "2020-05", "", "date", 0, 2),
        ("4천983마리", "4983", "animals", "count", 3, 10),
    ]


def test_seasons_give_both_years() -> None:
    assert _figures("2015-16 프리미어리그") == [
        ("2015", "2015", "", "date", 0, 4),
        ("16", "2016", "", "date", 5, 7),
    ]
    assert _figures("2014-2015학년도를 시작") == [
        ("2014", "2014", "", "date", 0, 4),
        ("2015학년도", "2015", "", "date", 5, 12),
    ]


def test_weekday_without_an_article_date_is_no_figure() -> None:
    assert extract_figures("일요일에는 비가 오겠다", language="ko") == []


def test_recurring_weekday_is_no_date() -> None:
    assert [
        f.kind for f in extract_figures("매주 금요일 방송", language="ko", reference_date=REF)
    ] == []


def test_approximate_some_inside_an_amount_is_marked() -> None:
    (figure,) = extract_figures("2천여만원 상당", language="ko")
    assert (figure.value, figure.unit, figure.approximate) == ("20000000", "KRW", True)


@pytest.mark.parametrize(
    "text",
    [
        "응답하라 1988에서",  # a year after a name is part of the name
        "CES 2025에서 공개",
        "CES 2025 개막",
        "제주 4.3 사건",  # dates naming past events are names
        "6·25전쟁 당시",
        "한편 경찰은",  # "meanwhile"
        "세 부담 기준선",  # a tax burden
        "세대 간 갈등",
        "석방을 요구했다",
        "한 편의점에서",
        "문의 02-123-4567",
        "010-1234-5678로 연락",
        "noh@newspim.com 으로 제보",
        "https://www.newspim.com/news/view/20201008000123 참조",
        "큐원-7B(Qwen-7B)를 공개",
        "영상생성 AI '완 2.1' 공개",
        "기사입력 2020.10.08 16:57",
        "4대강 사업",
        "4대강을 살린다",
    ],
)
def test_news_numbers_that_are_not_figures_stay_out(text: str) -> None:
    assert extract_figures(text, language="ko", reference_date=REF) == []


def test_capital_p_after_percent_is_a_percentage_point() -> None:
    text = "금리 3%P 오르면 기업 절반 이자 못 낸다"
    assert _figures(text) == [_at(text, "3%P", "3", "percentage_points", "percentage_point")]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [("소득 증가율은 전 정부의 1/4이다", "1/4", "0.25"), ("평균의 1/3 수준", "1/3", "0.333333")],
)
def test_a_slash_fraction_before_a_particle_is_a_ratio(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "fraction", "ratio")]


@pytest.mark.parametrize("text", ["5/12 개막", "3/2 비율로", "https://a.kr/1/4 이다"])
def test_slashes_that_are_dates_improper_or_paths_are_not_fractions(text: str) -> None:
    assert [f for f in extract_figures(text, language="ko", reference_date=REF)
            if f.unit == "fraction"] == []  # fmt: skip


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("오는 26일 발표한다", "26일", "2020-10-26"),  # later this month
        ("오는 8일 발표한다", "8일", "2020-10-08"),  # the article's own day
        ("오는 5일 발표한다", "5일", "2020-11-05"),  # passed this month: next month
        ("오는 31일까지 받는다", "31일", "2020-10-31"),
        ("오는 5일(목요일) 열린다", "5일(목요일)", "2020-11-05"),
        ("오는 목요일인 5일 열린다", "목요일인 5일", "2020-11-05"),
        ("오는 5일께 발표한다", "5일", "2020-11-05"),
    ],
)
def test_an_upcoming_day_is_on_or_after_the_article_date(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "", "date")]


def test_an_upcoming_day_range_is_on_or_after_the_article_date() -> None:
    text = "오는 3∼4일 열린다"
    assert _figures(text) == [
        _at(text, "3", "2020-11-03", "", "date"),
        _at(text, "4일", "2020-11-04", "", "date"),
    ]


@pytest.mark.parametrize(
    ("text", "first", "first_value", "last", "last_value"),
    [
        ("오는 3일부터 5일까지 열린다", "3일", "2020-11-03", "5일", "2020-11-05"),
        ("오는 23일부터 25일까지 열린다", "23일", "2020-10-23", "25일", "2020-10-25"),
        ("오는 28일부터 3일까지 열린다", "28일", "2020-10-28", "3일", "2020-11-03"),
        ("오는 28일에서 3일 사이", "28일", "2020-10-28", "3일", "2020-11-03"),
        ("지난 3일부터 5일까지 열렸다", "3일", "2020-10-03", "5일", "2020-10-05"),
        ("지난 27일부터 2일까지 열렸다", "27일", "2020-09-27", "2일", "2020-10-02"),
        ("지난 25일부터 29일까지 열렸다", "25일", "2020-09-25", "29일", "2020-09-29"),
        # Under way: the range began before the article date and ends after it.
        ("지난 1일부터 15일까지 열리고 있다", "1일", "2020-10-01", "15일", "2020-10-15"),
        ("3월 3일부터 5일까지 열렸다", "3월 3일", "2020-03-03", "5일", "2020-03-05"),
        ("지난달 28일부터 2일까지 열렸다", "지난달 28일", "2020-09-28", "2일", "2020-10-02"),
    ],
)
def test_the_last_day_of_a_range_follows_the_first(
    text: str, first: str, first_value: str, last: str, last_value: str
) -> None:
    """The last day of "…일부터 …일까지" is in the month of the first day (the next
    month when it is smaller), so it is upcoming after 오는 and never before the first."""
    last_start = text.index(last, text.index(first) + len(first))
    assert _figures(text) == [
        _at(text, first, first_value, "", "date"),
        (last, last_value, "", "date", last_start, last_start + len(last)),
    ]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("지난 5일 발표했다", "5일", "2020-10-05"),
        ("지난 8일 발표했다", "8일", "2020-10-08"),
        ("지난 26일 발표했다", "26일", "2020-09-26"),
        ("지난 9일 발표했다", "9일", "2020-09-09"),  # the day after the article: last month
    ],
)
def test_a_past_day_is_on_or_before_the_article_date(text: str, part: str, value: str) -> None:
    assert _figures(text) == [_at(text, part, value, "", "date")]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("출산율이 0.84에서 더 떨어졌다", "0.84", "0.84"),
        ("지니계수는 0.35였다", "0.35", "0.35"),
        ("출산율 1.05를 기록했다", "1.05", "1.05"),
        ("평점 7.80이 왜 이래", "7.80", "7.8"),
    ],
)
def test_a_bare_decimal_before_a_particle_is_a_plain_number(
    text: str, part: str, value: str
) -> None:
    assert _figures(text) == [_at(text, part, value, "", "count")]


def test_a_fertility_rate_after_its_year_is_a_plain_number() -> None:
    text = "합계출산율은 2018년 1.22로 올라설까"
    assert _figures(text) == [
        _at(text, "2018년", "2018", "", "date"),
        _at(text, "1.22", "1.22", "", "count"),
    ]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("성장률 4.3으로 올라섰다", "4.3"),
        ("실업률은 3.1로 내려왔다", "3.1"),
        ("지수가 6.25에서 멈췄다", "6.25"),
        ("평균 점수 5.18을 받았다", "5.18"),
    ],
)
def test_a_decimal_like_an_event_date_after_a_quantity_word_is_a_plain_number(
    text: str, part: str
) -> None:
    """After a rate, an index or a score, "4.3" is that quantity, not the Jeju 4·3 events."""
    assert _figures(text) == [_at(text, part, part, "", "count")]


def test_a_percentage_like_an_event_date_is_a_percentage() -> None:
    text = "올해 4.3% 성장했다"
    assert _figures(text) == [_at(text, "4.3%", "4.3", "percent", "percent")]


@pytest.mark.parametrize(
    "text",
    [
        "제주 4.3은 비극이다",
        "5.18을 왜곡했다",
        "제주 4.3으로 숨진 이들",
        "4.3 사건의 희생자",
        "영상생성 AI '완 2.1'로 만든 영상",
        "버전 2.1로 올렸다",
    ],
)
def test_event_dates_and_versions_before_a_particle_are_no_plain_numbers(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("맘카페에서 제기된 이슬람 5대 루머", "5대"),
        ("국회의원 하지 말아야 할 3대쇼", "3대"),
        ("게임을 마약처럼 4대 악으로 규정했다", "4대"),
        ("4대 고궁과 종묘를 개방한다", "4대"),
        ("국정 3대 키워드인 창조경제", "3대"),
        ("뉴욕증시 3대 지수가 올랐다", "3대"),
    ],
)
def test_a_counted_named_set_is_a_count(text: str, part: str) -> None:
    value = part.rstrip("대")
    assert _figures(text) == [_at(text, part, value, "", "count")]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit", "kind"),
    [
        ("3대 대통령에 올랐다", "3대", "3", "term", "rank"),
        ("19대 국회에서", "19대", "19", "term", "rank"),
        ("2대 주주가 됐다", "2대", "2", "rank", "rank"),
        ("20대 남성이", "20대", "20", "years", "age"),
        ("차량 2대를 갖고", "2대", "2", "units", "count"),
        ("차량 2대 모두 불탔다", "2대", "2", "units", "count"),
    ],
)
def test_terms_of_office_ages_and_vehicles_stay_as_they_were(
    text: str, part: str, value: str, unit: str, kind: str
) -> None:
    assert _figures(text) == [_at(text, part, value, unit, kind)]


def test_a_bare_year_before_a_superlative_is_a_date() -> None:
    text = "JTBC 시청자가 뽑은 2017 최악의 가짜뉴스"
    assert _figures(text) == [_at(text, "2017", "2017", "", "date")]


def test_a_scaled_number_before_dae_is_read_without_failing():
    """ "차량 2천여대 침수" (Korean Wikinews) once raised ValueError in the 대 reading; it is
    about 2,000 vehicles."""
    figures = extract_figures("주택과 차량 2천여대 침수 등 총 100억원 가량의 피해", language="ko")
    assert [(f.text, f.value, f.approximate) for f in figures] == [
        ("2천여대", "2000", True),
        ("100억원", "10000000000", True),
    ]
