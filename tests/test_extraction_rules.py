"""Every figure and every claim decision names the rule that made it; the names are unique,
registered and stable."""

import re
from datetime import date

import pytest

from claims.extraction import extract_claims, extract_figures, read_sentences
from claims.extraction.chrome import CHROME_RULES
from claims.extraction.figures import (
    en,
    en_dates,
    ko_amounts,
    ko_dates,
    ko_days,
    ko_durations,
    ko_native,
    ko_news,
    read_figures,
)
from claims.extraction.figures.engine import Rule
from claims.extraction.figures.registry import ALL, ENGLISH, KOREAN, RULES
from claims.extraction.rules import CLAIM_RULES, MORE_WEIGHTY_CAP, WEIGHT
from tests.conftest import SEED_PAGE, corpus_path

REF = date(2020, 10, 8)
SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("text", "language", "figure", "rule"),
    [
        ("투자 규모는 3조7800억원이다.", "ko", "3조7800억원", "ko_money"),
        ("지분 61.57%를 보유했다.", "ko", "61.57%", "ko_percent"),
        ("35개국에 친서를 보냈다.", "ko", "35개국", "ko_counter"),
        ("지난달 19일 발표했다.", "ko", "지난달 19일", "ko_relative_day"),
        ("지난 6월 24일 열렸다.", "ko", "지난 6월 24일", "ko_month_day"),
        ("이달 말 나온다.", "ko", "이달 말", "ko_relative_month_part"),
        ("오후 3시에 시작했다.", "ko", "오후 3시", "ko_time"),
        ("네 가지 모델을 공개했다.", "ko", "네 가지", "ko_native_counter"),
        ("한국이 2-3으로 졌다.", "ko", "2", "ko_score"),
        ("제24회 대회가 열렸다.", "ko", "제24회", "ko_ordinal"),
        ("일주일 만에 끝났다.", "ko", "일주일", "ko_one_week_year"),
        ("주 4일제를 도입했다.", "ko", "4일", "ko_days_a_week"),
        ("사고 7일 전에 점검했다.", "ko", "7일", "ko_days_from_event"),
        ("매출은 $2.1 billion을 넘었다.", "ko", "$2.1 billion", "en_money"),
        ("The deal is worth $2.1 billion.", "en", "$2.1 billion", "en_money"),
        ("It fell 34 percent.", "en", "34 percent", "en_percent"),
        ("They met on June 24.", "en", "June 24", "en_date"),
        ("She spoke last Tuesday.", "en", "last Tuesday", "en_relative_day"),
        ("It sent letters to 35 countries.", "en", "35 countries", "en_count"),
        ("It grew in the 1990s.", "en", "1990s", "en_decade"),
    ],
)
def test_a_figure_names_the_rule_that_read_it(text, language, figure, rule):
    found = extract_figures(text, language=language, reference_date=REF)
    assert [(f.text, f.rule) for f in found if f.text == figure] == [(figure, rule)]


def test_every_figure_rule_has_a_unique_snake_case_name_and_a_description():
    names = [rule.name for rule in ALL]
    assert len(names) == len(set(names)) > 50
    assert all(SNAKE.fullmatch(name) and name[:3] in ("ko_", "en_") for name in names)
    assert all(rule.about for rule in ALL), [rule.name for rule in ALL if not rule.about]


def test_every_rule_written_in_a_rule_module_is_registered():
    modules = (en, en_dates, ko_amounts, ko_dates, ko_days, ko_durations, ko_native, ko_news)
    written = {v for m in modules for v in vars(m).values() if isinstance(v, Rule)}
    assert written == set(ALL)


def test_each_language_runs_its_own_rules_first_and_korean_reads_english_money_only():
    assert RULES["en"][: len(ENGLISH)] == ENGLISH
    assert RULES["en"][len(ENGLISH) :] == KOREAN
    assert [rule.name for rule in RULES["ko"] if rule.name.startswith("en_")] == ["en_money"]


def test_claim_rule_names_are_unique_across_every_table():
    figures = {rule.name for rule in ALL}
    assert not set(CLAIM_RULES) & set(CHROME_RULES)
    assert not (set(CLAIM_RULES) | set(CHROME_RULES)) & figures
    for name in [*CLAIM_RULES, *CHROME_RULES]:
        assert SNAKE.fullmatch(name), name
    assert {rule.effect for rule in CLAIM_RULES.values()} == {
        "rejects",
        "keeps",
        "drops",
        "adds",
        "scores",
    }
    assert all(rule.why for rule in CLAIM_RULES.values())
    assert all(why for _, why in CHROME_RULES.values())


def _seed_sentences():
    body = corpus_path(SEED_PAGE.name).read_text(encoding="utf-8")
    return list(read_sentences(body, language="ko"))


def test_every_verdict_on_the_seed_page_names_registered_rules():
    sentences = _seed_sentences()
    named = {name for s in sentences for name in s.verdict.rules}
    assert len(sentences) > 50
    assert all(s.verdict.rules for s in sentences)
    assert named <= set(CLAIM_RULES) | set(CHROME_RULES)
    assert {"chrome_timestamp", "model_accepts", "weighty_figure"} <= named
    figure_rules = {f.rule for s in sentences for f in s.figures}
    assert figure_rules <= {rule.name for rule in ALL}
    assert "" not in figure_rules


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("ⓒ 뉴스핌 무단전재 및 재배포 금지", "chrome_copyright"),
        ("연합뉴스 홍길동 기자 hong@yna.co.kr", "chrome_email"),
        ("[서울=뉴스핌] 노민호 기자 = 대통령이 35개국에 친서를 보냈다.", "chrome_wire_byline"),
        ("기사입력 : 2020년10월08일 16:57", "chrome_timestamp"),
        ("DOI: 10.1007/978-3-319-09575-2_199-1", "chrome_citation"),
        ("What will the government do about housing next year?", "question"),
    ],
)
def test_a_rejected_line_names_the_rule_that_rejected_it(line, rule):
    (sentence,) = read_sentences(line)
    assert not sentence.verdict.is_claim
    assert sentence.verdict.rules == [rule]


def test_a_korean_claims_score_is_the_models_probability_and_the_rules_weights_feed_it():
    claims = [s.verdict for s in _seed_sentences() if s.verdict.is_claim]
    figure_claims = [v for v in claims if "weighty_figure" in v.rules]
    assert len(figure_claims) >= 5
    for verdict in claims:
        assert verdict.model is not None
        assert verdict.score == min(0.99, max(0.01, verdict.model))
    assert WEIGHT["weighty_figure"] > 0 and MORE_WEIGHTY_CAP > 0


def test_an_english_claim_carries_the_model_score_among_its_reasons():
    text = "The company said on Monday its revenue rose 34 percent to $2.1 billion last year."
    (claim,) = extract_claims(text, language="en")
    assert claim.model_score is not None
    assert claim.reasons[-1] == f"model:{round(claim.model_score, 4)}"
    assert claim.reasons[:-1] == list(claim.rules)
    assert {"figure_or_record", "weighty_figure"} <= set(claim.rules)
    assert [f.rule for f in claim.figures] == ["en_percent", "en_money"]


def test_a_candidate_selection_leaves_out_says_why():
    text = "Qwen-7B has 7 billion parameters, CES 2025 lists it and it costs $5."
    reading = read_figures(text, language="en", reference_date=REF)
    assert [(f.text, f.rule) for f in reading.figures] == [
        ("7 billion parameters", "en_count"),
        ("$5", "en_money"),
    ]
    dropped = {(text[c.start : c.end], c.rule, why) for c, why in reading.dropped}
    assert ("7B has", "en_count", "glued") in dropped
    assert ("2025", "en_year", "name") in dropped
    assert ("5", "en_count", "overlap:en_money") in dropped
