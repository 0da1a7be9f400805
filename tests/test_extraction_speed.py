"""The extractor's shortcuts (issue 16's speed budget) change no reading: each skips work
only where the work could find nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import figures as figures_package
from claims.extraction.attribution import ko_frame, ko_last_say
from claims.extraction.chrome import (
    CAPS_LETTERS,
    CHROME_PATTERNS,
    NEEDLE_RULES,
    OTHER_NEEDLE_RULES,
    RULE_ORDER,
    chrome_rule,
)
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
from claims.extraction.figures.engine import Scan, needs_digit, run
from claims.extraction.figures.registry import ALL, RULES
from claims.extraction.ko_marks import KO_MARKS
from claims.extraction.ko_stance import EXTRA_STANCE, QUOT_FORMS, reported_stance
from claims.extraction.rules import COMPARISON, HEDGE, SUPERLATIVE
from claims.extraction.sentences import CUTS, Morpheme, _cut_captions, _korean_spans, kiwi

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


def test_a_scan_searches_each_pattern_once_and_tells_equal_patterns_apart() -> None:
    first, same_source = re.compile(r"\d+명"), re.compile(r"\d+명", re.I)
    scan = Scan("3명과 4명", None)
    found = scan.matches(first)
    assert [m.group(0) for m in found] == ["3명", "4명"]
    assert scan.matches(first) is found
    assert scan.matches(same_source) is not found
    assert [m.group(0) for m in scan.matches(same_source)] == ["3명", "4명"]


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


DIGIT_RULES = [each for each in ALL if each.digits]


def test_the_rules_that_read_only_digits_are_many_and_each_names_a_pattern_needing_one() -> None:
    assert len(DIGIT_RULES) > 30
    for each in DIGIT_RULES:
        names = each.read.__code__.co_names
        patterns = [each.read.__globals__.get(n) for n in names]
        assert any(isinstance(p, re.Pattern) and needs_digit(p) for p in patterns), each.name


@settings(max_examples=300, deadline=None)
@given(DIGITLESS)
def test_a_rule_that_reads_only_digits_reads_nothing_in_a_text_without_one(text: str) -> None:
    # The engine does not call such a rule on a text without a digit: called, it finds
    # nothing there (with the article's date, so that the dated rules read too).
    for each in DIGIT_RULES:
        assert list(each.read(Scan(text, date(2020, 10, 8)))) == [], each.name


def test_skipping_the_rules_that_read_only_digits_reads_the_same_figures() -> None:
    everyone = tuple(replace(each, digits=False) for each in RULES["ko"])
    for text in ("세 명이 두 달간 첫날 일주일 만에 왔다", "3명이 2020년 10월 8일 오후 3시에 왔다"):
        for ref in (None, date(2020, 10, 8)):
            assert run(Scan(text, ref), RULES["ko"]) == run(Scan(text, ref), everyone)


CUT_PIECES = [
    "[사진 = 알리바바그룹]", "[사진", "(사진=연합뉴스)", "(사진", "【 앵커멘트 】", "【", "】",
    "[기자]", "[앵커 멘트]", "스탠딩 : 장가희 / 기자 - ", "스탠딩", "백아영 / 화면캡처 유튜브",
    " / ", "캡처", "캡쳐", "밝혔다. ", "2019년 ", "부스", " ", "\n", "[", "]", "(", ")", "/",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUT_PIECES) | st.text(max_size=4), max_size=12).map("".join))
def test_captions_and_cues_are_cut_as_the_pattern_alone_cuts_them(text: str) -> None:
    body = "앞 문장. " + text
    spans = [(0, len(body)), (6, len(body))]
    alone = []
    for start, end in spans:
        at = start
        for cut in CUTS.finditer(body, start, end):
            alone.append((at, cut.start()))
            at = cut.end()
        alone.append((at, end))
    assert _cut_captions(body, spans) == alone


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


KOREAN_PARAGRAPHS = [
    "정부는 35개국에 친서를 보냈다. 청와대는 “협력을 요청했다”고 밝혔다.",
    "그는 “내일 발표하겠다. 결과는 좋다”라고 말했다! 정말일까? 아직 모른다",
    "한 줄뿐인 문단",
    "서울=뉴스핌) 김아무개 기자 = 3.1운동 100주년 기념식이 1일 열렸다...다음 날에도.",
]


@pytest.mark.parametrize("paragraph", KOREAN_PARAGRAPHS)
def test_korean_sentences_and_morphemes_are_those_kiwipiepy_splits(paragraph: str) -> None:
    offset = 17
    morphemes: list[Morpheme] = []
    spans = _korean_spans(paragraph, offset, morphemes)
    sentences = kiwi().split_into_sents(paragraph, return_tokens=True, return_sub_sents=False)
    assert spans == [(offset + s.start, offset + s.end) for s in sentences]
    assert morphemes == [
        (offset + t.start, t.form, t.tag) for s in sentences for t in s.tokens or []
    ]
    assert all(type(m) is Morpheme for m in morphemes)
    assert len(sentences) >= 1


def test_a_paragraph_kiwipiepy_reads_no_token_in_has_no_sentence() -> None:
    assert _korean_spans("", 0, []) == []


def _chrome_rule_reading_every_needle(text: str) -> str | None:
    low = text.lower()
    opened = {name for needle, names in NEEDLE_RULES.items() if needle in low for name in names}
    if text == text.upper() and sum("A" <= ch <= "Z" for ch in text) >= CAPS_LETTERS:
        opened.add("chrome_caps_headline")
    found = None
    for name in opened:
        match = CHROME_PATTERNS[name].search(text)
        if match:
            key = (match.start(), RULE_ORDER[name], name)
            found = key if found is None or key < found else found
    return found[2] if found else None


CHROME_PIECES = [*NEEDLE_RULES, "기자", "사진=연합뉴스", "무단 전재", "K", "İ", "A" * 21, "가", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CHROME_PIECES) | st.text(max_size=5), max_size=12).map("".join))
def test_chrome_rule_reads_as_it_would_trying_every_needle(text: str) -> None:
    assert chrome_rule(text) == _chrome_rule_reading_every_needle(text)


def test_a_line_without_latin_letters_is_tried_only_for_needles_without_them() -> None:
    assert OTHER_NEEDLE_RULES
    assert all(re.search("[A-Za-z]", needle) is None for needle in OTHER_NEEDLE_RULES)
    assert chrome_rule("홍길동 기자 hong@example.com") == chrome_rule(
        "홍길동 기자 hong@example.com"
    )
    assert chrome_rule("무단 전재 및 재배포 금지") == "chrome_copyright"


@pytest.mark.parametrize(
    ("frame", "start"),
    [
        ("그는 Q 라고 말했다. 또 Q 라고 밝혔다", 20),  # at "밝혔다", not "말했다"
        ("아무 말도 없는 문장", -1),
        ("밝혔다", 0),
    ],
)
def test_ko_last_say_finds_where_the_last_reporting_verb_starts(frame: str, start: int) -> None:
    assert ko_last_say(frame) == start
    assert ko_frame('그는 "좋다"라고 말했다') == "그는  Q 라고 말했다"


@pytest.mark.parametrize(
    "text",
    ["매출이 늘었다", "sales rose", "가장 큰", "the largest", "아무것도", "", "보다 more"],
)
def test_alternatives_answer_again_as_they_did_first(text: str) -> None:
    for alternatives in (HEDGE, SUPERLATIVE, COMPARISON):
        first = alternatives.search(text)
        assert alternatives.search(text) is first
        assert alternatives._search(text) is first


def test_only_a_quotative_form_can_open_a_reported_stance() -> None:
    assert QUOT_FORMS >= {"다고", "라고", "고", "라며"}
    assert "QUOT" not in EXTRA_STANCE.values()
    for form in KO_MARKS:
        for tag, found in KO_MARKS[form].items():
            assert found != "QUOT" or form in QUOT_FORMS, (form, tag)
    plain = [Morpheme(0, "정부", "NNG"), Morpheme(2, "는", "JX"), Morpheme(4, "필요", "NNG")]
    assert reported_stance("정부는 필요", 0, plain) is False
