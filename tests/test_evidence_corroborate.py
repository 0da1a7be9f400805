"""A claim's figures looked for in a source's text: renderings found, near misses and other
units not, stakes' values found by computation, unreachable never "not found"."""

from __future__ import annotations

import pytest

from claims.evidence import corroborate, unreachable
from claims.evidence.corroborate import pending
from claims.extraction.figures import extract_figures

SEED = (
    "매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다. "
    "베인캐피탈은 2021년 초 이 지분을 약 6700억원에 인수했다. "
    "클래시스 시가총액은 3조7800억원 수준으로 단순 지분 가치는 2조3000억원 수준에 달한다. "
    "정부는 35개국에 친서를 보냈다."
)


def figure(text: str, language: str = "ko") -> dict:
    """The figure printed as ``text`` in the seed sentences (or in ``text`` itself), as
    ``Claim.figures`` stores it."""
    source = SEED if text in SEED else text
    [found] = [f for f in extract_figures(source, language=language) if f.text == text]
    return found.as_dict()


def state(fig: dict, text: str, **options) -> str:
    return corroborate([fig], text, **options).figures[0].state


@pytest.mark.parametrize(
    "page",
    [
        "Bain Capital bought the stake for 670 billion won.",
        "인수가는 6,700억 원이었다.",
        "인수가는 0.67조 원이었다.",
        "인수가는 약 6700억 수준이었다.",
        "The deal was worth KRW 670 billion.",
    ],
)
def test_each_rendering_of_an_amount_is_found(page):
    assert state(figure("6700억원"), page) == "found"


@pytest.mark.parametrize(
    ("printed", "page"),
    [
        ("61.57%", "지분율은 61.57 퍼센트다."),
        ("61.57%", "지분 61.57 프로가 매물로 나왔다."),
        ("61.57%", "Bain holds 61.57 percent."),
        ("35개국", "The government sent letters to 35 countries."),
        ("35개국", "Letters went to thirty-five countries."),
        ("35개국", "친서를 받은 나라는 35개 나라다."),
        ("3조7800억원", "Classys has a market value of 3.78 trillion won."),
        ("3조7800억원", "Its market value is 3.78 trillion."),
        ("3조7800억원", "시총은 3.78조원이다."),
    ],
)
def test_renderings_across_languages_and_scale_words_are_found(printed, page):
    assert state(figure(printed), page) == "found"


@pytest.mark.parametrize(
    ("printed", "page"),
    [
        ("6700억원", "인수가는 6,070억원이었다."),
        ("61.57%", "매각 대상은 지분 61.75%다."),
        ("35개국", "정부는 53개국에 친서를 보냈다."),
        ("35개국", "응답자의 35%가 찬성했다."),
        ("6700억원", "The stake was bought for 670 billion dollars."),
        ("3조7800억원", "Its market value is 4 trillion won."),
        ("61.57%", "지분율이 61.57%p 높아졌다."),
    ],
)
def test_near_misses_and_the_same_number_of_something_else_are_not_found(printed, page):
    assert state(figure(printed), page) == "not_found"


def test_an_approximate_claim_is_found_within_its_rounding_only():
    approximate = figure("6700억원")
    assert approximate["approximate"] is True
    assert state(approximate, "인수가는 6,712억원이었다.") == "found"
    assert state(approximate, "인수가는 6,780억원이었다.") == "not_found"


def test_a_one_digit_claim_that_is_not_approximate_needs_the_same_value():
    forty_million = figure("4천만 원", "ko")
    assert state(forty_million, "그가 받은 돈은 4,000만 원이다.") == "found"
    assert state(forty_million, "그가 받은 돈은 4,400만 원이다.") == "not_found"


def test_the_passage_and_the_printing_are_offsets_into_the_archived_text():
    text = "First paragraph about nothing.\n\nBain Capital paid 670 billion won. Then more."
    [result] = corroborate([figure("6700억원")], text).figures
    assert result.state == "found"
    assert text[result.start : result.end] == result.passage == "Bain Capital paid 670 billion won."
    assert text[result.found_start : result.found_end] == result.found_text == "670 billion won"


def test_full_width_digits_are_read_and_offsets_still_hold():
    text = "지분율 ６１．５７％."
    [result] = corroborate([figure("61.57%")], text).figures
    assert result.state == "found"
    assert result.found_text == "６１．５７％"


def test_a_korean_page_quoting_an_english_count_is_read_both_ways():
    text = "외신은 35 countries 정상들이 서한을 받았다고 전했다."
    assert state(figure("35개국"), text, language="ko") == "found"


def test_the_stakes_value_is_found_derived_from_market_value_and_share_with_the_computation():
    page = (
        "클래시스의 시가총액은 3조7800억원이다. 베인캐피탈은 클래시스 지분 61.57%를 보유하고 있다."
    )
    [result] = corroborate([figure("2조3000억원")], page).figures
    assert result.state == "found_derived"
    assert result.computation == "3조7800억원 × 61.57% = 2조3273억원"
    assert page[result.start : result.end] == result.passage
    assert "3조7800억원" in result.passage and "61.57%" in result.passage


def test_a_percentage_that_is_no_holding_derives_nothing():
    page = "선물 예산은 3조7800억원이다. 응답자의 61.57%가 상품권을 골랐다."
    assert state(figure("2조3000억원"), page) == "not_found"


def test_the_whole_source_is_not_found_when_any_figure_is_missing_and_derived_when_any_is():
    figures = [figure("61.57%"), figure("2조3000억원")]
    holding = "시가총액은 3조7800억원이다. 베인캐피탈은 지분 61.57%를 보유하고 있다."
    assert corroborate(figures, holding).state == "found_derived"
    assert corroborate(figures, "베인캐피탈은 지분 61.57%를 보유하고 있다.").state == "not_found"
    assert corroborate(figures[:1], holding).state == "found"


def test_dates_are_reported_but_do_not_decide_the_state_when_other_figures_exist():
    figures = [f.as_dict() for f in extract_figures("2021년 초 약 6700억원에 인수", language="ko")]
    assert [f["kind"] for f in figures] == ["date", "money"]
    result = corroborate(figures, "The price was 670 billion won.")
    assert [r.state for r in result.figures] == ["not_found", "found"]
    assert result.state == "found"


def test_an_unreachable_source_is_never_reported_as_not_found():
    result = unreachable([figure("6700억원")], status=404, error="the page was not found")
    assert result.state == "unreachable"
    assert {r.state for r in result.figures} == {"unreachable"}
    assert result.status == 404 and result.excerpt_found is None


def test_a_source_not_fetched_yet_is_pending():
    assert pending([figure("6700억원")]).state == "pending"


def test_a_claim_without_figures_takes_its_state_from_the_excerpt():
    text = "The minister said the plan was final."
    assert corroborate([], text, excerpt="the plan was final").state == "found"
    assert corroborate([], text, excerpt="the plan was dropped").state == "not_found"
    assert corroborate([], text).excerpt_found is None


def test_the_result_has_the_apis_corroboration_shape():
    data = corroborate([figure("6700억원")], "It cost 670 billion won.", excerpt="x y").as_dict()
    assert {"state", "figures", "excerpt_found"} <= data.keys()
    assert {"figure", "state", "passage", "start", "end"} <= data["figures"][0].keys()
    assert data["excerpt_found"] is False


def test_a_figure_in_a_long_page_of_other_numbers_is_found_at_its_place():
    filler = "올해 1월 3일 12개 기업이 5.5% 성장했다. " * 5000
    page = filler + "베인캐피탈은 6,700억 원에 지분을 샀다. " + filler
    [result] = corroborate([figure("6700억원")], page).figures
    assert result.state == "found"
    assert result.found_start == len(filler) + page[len(filler) :].index("6,700억 원")


def test_among_several_printings_the_passage_nearest_the_claims_words_is_shown():
    page = (
        "응답자의 61.57%가 만족한다고 답했다.\n"
        "베인캐피탈이 보유한 클래시스 지분은 61.57%로 매각 대상이다."
    )
    claim = "매각 대상은 베인캐피탈이 보유한 클래시스 지분 61.57%다."
    [result] = corroborate([figure("61.57%")], page, claim_text=claim).figures
    assert result.passage.startswith("베인캐피탈이 보유한")
    assert result.context is not None and result.context > 0.5
    [first] = corroborate([figure("61.57%")], page).figures  # without the claim: the first
    assert first.passage.startswith("응답자의") and first.context is None


def test_a_lone_one_digit_scale_number_does_not_stand_for_an_amount():
    claimed = [f.as_dict() for f in extract_figures("정부는 1조 원을 쓴다.", language="ko")]
    assert corroborate(claimed, "전력은 1조 분의 1W 수준이다.").state == "not_found"
    assert corroborate(claimed, "The government will spend 1 trillion won.").state == "found"


def test_a_generic_counter_in_the_claim_does_not_match_a_bare_number():
    claimed = [f.as_dict() for f in extract_figures("후보 35개를 추렸다.", language="ko")]
    assert claimed[0]["unit"] == "items"
    assert corroborate(claimed, "There were 35 in all.").state == "not_found"
    assert corroborate(claimed, "They shortlisted 35 candidates.").state == "found"
