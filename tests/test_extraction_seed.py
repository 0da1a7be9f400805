"""The seed page's three articles yield their claims with figures and attribution, and no
chrome."""

from datetime import datetime, timedelta, timezone

import pytest

from claims.extraction import ExtractedClaim, extract_claims
from tests.conftest import SEED_PAGE, corpus_path

KST = timezone(timedelta(hours=9))


def _lines() -> list[str]:
    return corpus_path(SEED_PAGE.name).read_text(encoding="utf-8").split("\n")


def _wto_body(with_chrome: bool = False) -> str:
    """The main article's paragraphs (dateline to the reporter's e-mail line)."""
    lines = _lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("[서울=뉴스핌] 노민호"))
    end = next(i for i, line in enumerate(lines) if "@newspim.com" in line)
    first = start - 10 if with_chrome else start
    last = end + 1 if with_chrome else end
    return "\n\n".join(line for line in lines[first:last] if line.strip())


def _best_article(marker: str) -> str:
    return next(line for line in _lines() if marker in line)


def _claims(body: str, published: datetime) -> list[ExtractedClaim]:
    return extract_claims(body, language="ko", published_at=published)


ARTICLES = {
    "wto": (lambda: _wto_body(), datetime(2020, 10, 8, 16, 57, tzinfo=KST)),
    "classys": (
        lambda: _best_article("[단독]삼성전자 '클래시스'"),
        datetime(2025, 2, 26, 6, 0, tzinfo=KST),
    ),
    "alibaba": (
        lambda: _best_article("알리바바, 영상생성 AI"),
        datetime(2025, 2, 26, 19, 59, tzinfo=KST),
    ),
}
EXPECTED = [
    ("wto", "35개국에 친서", ["35"]),
    ("wto", "5개국 정상과 전화통화", ["5"]),
    ("wto", "20분간", ["20"]),
    ("wto", "13살이 많다", ["66", "13"]),
    ("classys", "지분 61.57%", ["61.57"]),
    ("classys", "6700억원에 인수", ["670000000000"]),
    ("classys", "3조7800억원", ["3780000000000", "2300000000000"]),
    ("classys", "매출액 2429억원", ["242900000000", "122500000000", "34", "36"]),
    ("classys", "영업이익률은 48%", ["48"]),
    ("classys", "976억원으로 31%", ["97600000000", "31"]),
    ("alibaba", "86.22%", ["86.22", "84.28"]),
    ("alibaba", "네 가지 모델", ["4"]),
    ("alibaba", "66% 상승", ["66"]),
]


@pytest.mark.parametrize(("article", "phrase", "values"), EXPECTED)
def test_seed_claim_is_found_in_its_article_with_its_values(
    article: str, phrase: str, values: list[str]
) -> None:
    body_of, published = ARTICLES[article]
    claims = [c for c in _claims(body_of(), published) if phrase in c.text]
    assert claims, f"no claim holding {phrase!r}"
    assert set(values) <= {f.value for f in claims[0].figures}


def test_seed_figures_carry_units_and_kinds() -> None:
    body_of, published = ARTICLES["wto"]
    figures = {f.text: f for c in _claims(body_of(), published) for f in c.figures}
    assert (figures["35개국"].unit, figures["35개국"].kind) == ("countries", "count")
    assert (figures["20분간"].unit, figures["20분간"].kind) == ("minutes", "duration")
    assert (figures["66세"].kind, figures["13살"].kind) == ("age", "age")
    assert figures["지난달 19일"].value == "2020-09-19"
    assert figures["이달 말"].value == "2020-10-31"
    assert figures["내달 6일"].value == "2020-11-06"
    assert figures["지난 6월 24일"].value == "2020-06-24"


def test_seed_approximate_amount_is_marked_approximate() -> None:
    body_of, published = ARTICLES["classys"]
    figures = [f for c in _claims(body_of(), published) for f in c.figures]
    amount = next(f for f in figures if f.value == "670000000000")
    assert (amount.unit, amount.kind, amount.approximate) == ("KRW", "money", True)


def test_first_time_claim_without_a_figure_is_a_claim() -> None:
    body_of, published = ARTICLES["wto"]
    assert any("이번이 처음이다" in c.text for c in _claims(body_of(), published))


@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_seed_offsets_point_into_the_body(article: str) -> None:
    body_of, published = ARTICLES[article]
    body = body_of()
    claims = _claims(body, published)
    assert claims and any(claim.figures for claim in claims)
    for claim in claims:
        assert body[claim.start : claim.end] == claim.text
        for figure in claim.figures:
            assert body[figure.start : figure.end] == figure.text
            assert claim.start <= figure.start and figure.end <= claim.end


CHROME = ["전체기사 최신뉴스", "Top으로 이동", "기사입력", "최종수정", "@newspim.com", "[사진"]
CHROME += ["뉴스핌]"]


def test_chrome_left_in_a_body_never_becomes_a_claim() -> None:
    lines = _lines()
    body = "\n".join(lines)  # the whole page, navigation and all
    claims = _claims(body, datetime(2020, 10, 8, 16, 57, tzinfo=KST))
    assert claims
    for claim in claims:
        assert not any(marker in claim.text for marker in CHROME), claim.text


def test_inline_caption_text_is_not_a_claim() -> None:
    body_of, published = ARTICLES["alibaba"]
    assert not any("전시 부스" in c.text for c in _claims(body_of(), published))


def test_opinion_inside_a_quote_is_not_a_claim() -> None:
    body = '문 대통령은 "어려운 여건에서 선전했다"며 "진심으로 축하한다"고 말했다.'
    assert extract_claims(body, language="ko") == []


def test_attribution_names_the_credited_source() -> None:
    body_of, published = ARTICLES["wto"]
    claims = _claims(body_of(), published)
    by_phrase = {p: next(c for c in claims if p in c.text) for p in ("20분간", "내달 6일")}
    assert by_phrase["20분간"].attribution == "강민석 청와대 대변인"
    assert by_phrase["내달 6일"].attribution == "블룸버그통신"
