"""Each article's own arithmetic: relations the text ties, checked on intervals (no database)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from articles.parsing import parse_text
from bench.arithmetic_suite import REF_YEAR, suite
from claims.arithmetic import check_article

SEED = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpus"
    / "newspim-2020-10-08-wto-page.txt"
)
WHEN = datetime(REF_YEAR, 6, 1, tzinfo=UTC)


def checks(text: str, language: str = "ko"):
    return check_article(text, language=language, published_at=WHEN)


@pytest.fixture(scope="module")
def classys():
    articles = parse_text(SEED.read_text(encoding="utf-8"))
    return articles[1]


def stake_outcome(article, body: str) -> str:
    found = [
        c
        for c in check_article(body, language="ko", published_at=article.published_at)
        if c.relation == "stake_value"
    ]
    assert len(found) == 1
    return found[0].outcome


def test_the_seed_stake_value_agrees_with_market_value_times_share(classys):
    assert stake_outcome(classys, classys.body) == "consistent"


@pytest.mark.parametrize(
    ("old", "new"),
    [("지분 가치는 2조3000억원", "지분 가치는 2조8000억원"), ("지분 61.57%", "지분 71.57%")],
)
def test_an_edited_seed_figure_is_flagged_with_formula_and_intervals(classys, old, new):
    edited = classys.body.replace(old, new)
    assert edited != classys.body
    assert stake_outcome(classys, edited) == "inconsistent"
    check = next(c for c in check_article(edited, language="ko") if c.relation == "stake_value")
    assert "market value × share" in check.explanation and "[" in check.explanation
    shaped = check.as_dict()
    assert shaped["kind"] == "arithmetic" and shaped["outcome"] == "inconsistent"
    stated = "71.57%" if "71.57" in new else "61.57%"
    value = "2조8000억원" if "2조8000" in new else "2조3000억원"
    assert shaped["figures"] == ["3조7800억원", stated, value]


def test_a_growth_without_its_earlier_amount_is_undecidable_with_the_implied_value(classys):
    found = [c for c in check_article(classys.body, language="ko") if c.relation == "growth"]
    net = next(c for c in found if c.figures[0].text == "976억원")
    assert net.outcome == "undecidable"
    assert net.implied.startswith("[7.39")


def test_a_quarterly_margin_is_not_checked_against_the_year(classys):
    figures = {f.text for c in check_article(classys.body, language="ko") for f in c.figures}
    assert "48%" not in figures


@pytest.mark.parametrize(
    ("text", "language", "outcome"),
    [
        ("매출은 1813억원에서 2429억원으로 34% 증가했다.", "ko", "consistent"),
        ("매출은 1813억원에서 2429억원으로 38% 증가했다.", "ko", "inconsistent"),
        ("Sales rose 34 percent to 242.9 billion won from 181.3 billion won.", "en", "consistent"),
        (
            "Sales rose 30 percent to 242.9 billion won from 181.3 billion won.",
            "en",
            "inconsistent",
        ),
        ("설문에 응한 1,234명 중 567명(45.9%)이 찬성했다.", "ko", "consistent"),
        ("567 of the 1,234 respondents, or 48.9%, agreed.", "en", "inconsistent"),
        ("서울 1,234가구, 부산 567가구로 총 1,801가구다.", "ko", "consistent"),
        (
            "1,234 homes in Seoul and 567 homes in Busan, for a total of 1,901 homes.",
            "en",
            "inconsistent",
        ),
        ("1958년생인 김 대표는 올해 66세다.", "ko", "consistent"),
        ("Kim, who was born in 1958, is 61 years old.", "en", "inconsistent"),
        ("국빈 방문은 2011년 이후 13년 만이다.", "ko", "consistent"),
        ("시는 1,234가구에 가구당 50만원씩 총 6억1700만원을 지원한다.", "ko", "consistent"),
    ],
)
def test_each_relation_in_both_languages(text, language, outcome):
    found = checks(text, language)
    assert [c.outcome for c in found] == [outcome]


def test_ten_in_a_hundred_is_said_roundly():
    assert checks("응답자 10명 중 4명(40.5%)이 그렇다고 답했다.")[0].outcome == "consistent"


def test_figures_in_separate_sentences_without_a_reference_are_not_related():
    text = "매출은 2429억원이었다. 영업이익률은 48%였다. 영업이익은 1225억원이다."
    assert checks(text) == []


def test_the_generated_suite_flags_every_perturbed_snippet_and_no_correct_one():
    for snippet in suite(per_cell=2, seed=7):
        flagged = any(c.flagged for c in checks(snippet.text, snippet.language))
        assert flagged == snippet.expect_flag, snippet.text
