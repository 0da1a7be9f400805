"""The number grammar: value, unit, kind and offsets of Korean and English figures."""

from datetime import date

import pytest

from claims.extraction import extract_figures, split_sentences

REF = date(2020, 10, 8)

KOREAN = [
    ("35개국", "35", "countries", "count"),
    ("5개국 정상", "5", "countries", "count"),
    ("20분간", "20", "minutes", "duration"),
    ("66세", "66", "years", "age"),
    ("13살", "13", "years", "age"),
    ("1주일", "1", "weeks", "duration"),
    ("61.57%", "61.57", "percent", "percent"),
    ("3.5%p", "3.5", "percentage_points", "percentage_point"),
    ("1.8배", "1.8", "times", "ratio"),
    ("3조7800억원", "3780000000000", "KRW", "money"),
    ("2조3000억원", "2300000000000", "KRW", "money"),
    ("15만 명", "150000", "people", "count"),
    ("8만539명", "80539", "people", "count"),
    ("4천만 원", "40000000", "KRW", "money"),
    ("네 가지", "4", "kinds", "count"),
    ("세 번째", "3", "rank", "rank"),
    ("2020년10월08일", "2020-10-08", "", "date"),
    ("지난 6월 24일", "2020-06-24", "", "date"),
    ("이달 말", "2020-10-31", "", "date"),
    ("지난달 19일", "2020-09-19", "", "date"),
    ("내달 6일", "2020-11-06", "", "date"),
    ("8일", "2020-10-08", "", "date"),
    ("오후 3시", "15:00", "", "time"),
    ("100달러", "100", "USD", "money"),
    ("50엔", "50", "JPY", "money"),
    ("20위안", "20", "CNY", "money"),
    ("30유로", "30", "EUR", "money"),
    ("6개월", "6", "months", "duration"),
    ("10년간", "10", "years", "duration"),
    ("2시간", "2", "hours", "duration"),
    ("3 퍼센트", "3", "percent", "percent"),
]
ENGLISH = [
    ("35 countries", "35", "countries", "count"),
    ("$2.1 billion", "2100000000", "USD", "money"),
    ("9 million jobs", "9000000", "jobs", "count"),
    ("34 percent", "34", "percent", "percent"),
    ("3.5 percentage points", "3.5", "percentage_points", "percentage_point"),
    ("three", "3", "", "count"),
    ("1.8 times", "1.8", "times", "ratio"),
    ("June 24", "2020-06-24", "", "date"),
    ("last Tuesday", "2020-10-06", "", "date"),
    ("USD 300", "300", "USD", "money"),
]


def _only(text: str, language: str) -> tuple[str, str, str, int, int]:
    figures = extract_figures(text, language=language, reference_date=REF)
    assert len(figures) == 1, figures
    f = figures[0]
    assert text[f.start : f.end] == f.text
    return f.value, f.unit, f.kind, f.start, f.end


@pytest.mark.parametrize(("text", "value", "unit", "kind"), KOREAN)
def test_korean_example_parses(text: str, value: str, unit: str, kind: str) -> None:
    found = _only(f"그는 {text} 발표했다", "ko")
    assert found[:3] == (value, unit, kind)
    assert found[3] == 3  # after "그는 "


@pytest.mark.parametrize(("text", "value", "unit", "kind"), ENGLISH)
def test_english_example_parses(text: str, value: str, unit: str, kind: str) -> None:
    found = _only(f"He said {text}", "en")
    assert found[:3] == (value, unit, kind)
    assert found[3] == len("He said ")


def test_a_quarter_of_is_a_ratio_of_one_fourth() -> None:
    (figure,) = extract_figures("a quarter of voters", language="en")
    assert (figure.value, figure.kind, figure.text) == ("0.25", "ratio", "a quarter")


@pytest.mark.parametrize(
    ("text", "value"),
    [("약 6700억원", "670000000000"), ("100명 가량", "100"), ("3만 명 이상", "30000")],
)
def test_korean_approximations_are_marked(text: str, value: str) -> None:
    (figure,) = extract_figures(text, language="ko")
    assert figure.value == value and figure.approximate


@pytest.mark.parametrize("text", ["nearly 40%", "about 300 people", "more than 3,000 people"])
def test_english_approximations_are_marked(text: str) -> None:
    (figure,) = extract_figures(text, language="en")
    assert figure.approximate


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Days after the article's (the 8th): past in the past tense, ahead in the present.
        ("17~18일 열렸다", ["2020-09-17", "2020-09-18"]),
        ("17~18일 열린다", ["2020-10-17", "2020-10-18"]),
    ],
)
def test_day_range_gives_both_ends(text: str, values: list[str]) -> None:
    figures = extract_figures(text, language="ko", reference_date=REF)
    assert [f.value for f in figures] == values


def test_amount_range_gives_both_ends_with_the_scale_of_each() -> None:
    figures = extract_figures("3조~4조원", language="ko")
    assert [f.value for f in figures] == ["3000000000000", "4000000000000"]


@pytest.mark.parametrize(
    "text",
    [
        "문의 02-123-4567",
        "010-1234-5678로 연락",
        "noh@newspim.com",
        "https://www.newspim.com/news/view/20201008000123",
        "큐원-7B(Qwen-7B)를 공개",
        "CES 2025 in Las Vegas",
    ],
)
def test_non_figures_are_left_out(text: str) -> None:
    language = "en" if text.startswith("CES") else "ko"
    values = [f.value for f in extract_figures(text, language=language)]
    assert not any(v in ("7", "2025", "4567", "1234") for v in values), values
    assert not [f for f in extract_figures(text, language=language) if f.kind != "date"]


def test_version_name_in_quotes_is_not_a_figure() -> None:
    assert extract_figures("영상생성 AI '완 2.1' 공개", language="ko") == []


def test_english_sentences_split_around_abbreviations_and_decimals() -> None:
    body = "Mr. Kim met Dr. Lee in the U.S. on Jan. 5. Growth was 2.1 percent. J. Smith agreed."
    spans = split_sentences(body, language="en")
    assert [body[s:e] for s, e in spans] == [
        "Mr. Kim met Dr. Lee in the U.S. on Jan. 5.",
        "Growth was 2.1 percent.",
        "J. Smith agreed.",
    ]


def test_english_sentences_do_not_split_after_military_and_official_titles() -> None:
    body = "Adm. Samuel Paparo met Maj. Gen. Lee and Det. Kim. Sens. Warren and Cruz agreed."
    spans = split_sentences(body, language="en")
    assert [body[s:e] for s, e in spans] == [
        "Adm. Samuel Paparo met Maj. Gen. Lee and Det. Kim.",
        "Sens. Warren and Cruz agreed.",
    ]


def test_sentences_never_cross_paragraph_breaks() -> None:
    body = "첫 문단은 마침표가 없다\n둘째 문단이다.\n\nA third one"
    spans = split_sentences(body, language="ko")
    assert all("\n" not in body[s:e] for s, e in spans)
    assert len(spans) == 3


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("총 40억이다", "4000000000", "", "count"),
        ("매년 100조 이상", "100000000000000", "", "count"),
        ("70대 이상", "70", "years", "age"),
        ("3년 전", "3", "years", "duration"),
        ("1차 회의", "1", "rank", "rank"),
        ("5인 미만", "5", "people", "count"),
        ("7급 공무원", "7", "grade", "rank"),
        ("두 해 동안", "2", "years", "duration"),
    ],
)
def test_korean_news_shorthand_parses(text: str, value: str, unit: str, kind: str) -> None:
    (figure,) = extract_figures(text, language="ko")
    assert (figure.value, figure.unit, figure.kind) == (value, unit, kind)
    assert text[figure.start : figure.end] == figure.text


def test_age_in_brackets_after_a_name_is_an_age() -> None:
    text = "박씨(32)와 김모(33·여)씨"
    figures = extract_figures(text, language="ko")
    assert [(f.value, f.kind) for f in figures] == [("32", "age"), ("33", "age")]


@pytest.mark.parametrize("text", ["4대강 사업", "4대강을", "61년생이다"])
def test_names_built_on_counters_are_not_figures(text: str) -> None:
    assert extract_figures(text, language="ko") == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("배우 중 한 명이다", "1", "people", "count"),
        ("싸이(본명 박재상·35)의", "35", "years", "age"),
        ("국보 2점이 있다", "2", "points", "quantity"),
        ("지하 19층으로", "19", "floors", "count"),
        ("지하철 2호선", "2", "line", "rank"),
        ("이창호 9단과", "9", "dan", "rank"),
    ],
)
def test_korean_counters_of_news_parse(text: str, value: str, unit: str, kind: str) -> None:
    (figure,) = extract_figures(text, language="ko")
    assert (figure.value, figure.unit, figure.kind) == (value, unit, kind)


def test_next_day_resolves_against_the_article_date() -> None:
    (figure,) = extract_figures("다음날 발표했다", language="ko", reference_date=REF)
    assert (figure.value, figure.kind) == ("2020-10-09", "date")
