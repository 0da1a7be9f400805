"""The seed page (a Newspim page dump holding three articles) parses into three clean articles."""

from datetime import datetime, timedelta, timezone

import pytest

from articles.parsing import ParsedArticle, parse_document, parse_text
from tests.conftest import corpus_path

SEOUL = timezone(timedelta(hours=9))
TITLES = [
    "문대통령, 'WTO 사무총장 도전' 유명희와 통화…\"반드시 성공하길\"",
    "[단독]삼성전자 '클래시스' 인수 추진",
    "알리바바, 영상생성 AI '완 2.1' 공개",
]


@pytest.fixture(scope="module")
def seed() -> list[ParsedArticle]:
    data = corpus_path("newspim-2020-10-08-wto-page.txt").read_bytes()
    return parse_document(data, filename="newspim-2020-10-08-wto-page.txt")


def test_seed_page_gives_three_articles_with_exact_titles(seed: list[ParsedArticle]) -> None:
    assert [a.title for a in seed] == TITLES


def test_seed_articles_carry_outlet_authors_and_korean_language(
    seed: list[ParsedArticle],
) -> None:
    assert [a.outlet for a in seed] == ["뉴스핌"] * 3
    assert [a.authors for a in seed] == [["노민호"], ["김연순"], ["고인원"]]
    assert {a.language for a in seed} == {"ko"}


def test_seed_times_are_seoul_time(seed: list[ParsedArticle]) -> None:
    assert seed[0].published_at == datetime(2020, 10, 8, 16, 57, tzinfo=SEOUL)
    assert seed[0].updated_at == datetime(2020, 10, 8, 17, 0, tzinfo=SEOUL)
    assert seed[1].published_at == datetime(2025, 2, 26, 6, 0, tzinfo=SEOUL)
    assert seed[2].published_at == datetime(2025, 2, 26, 19, 59, tzinfo=SEOUL)
    for article in seed:
        assert article.published_at is not None
        assert article.published_at.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    "chrome",
    [
        "기사입력",
        "최종수정",
        "[서울=뉴스핌]",
        "뉴스핌]",
        "기자 =",
        "[사진=",
        "@newspim.com",
        "사진=",
        "무단전재",
        "로그인",
        "회원가입",
        "전체메뉴",
    ],
)
def test_seed_bodies_hold_no_page_chrome(seed: list[ParsedArticle], chrome: str) -> None:
    assert len(seed) == 3
    for article in seed:
        assert chrome not in article.body, (article.title, chrome)


def test_seed_bodies_hold_no_bare_timestamp_lines(seed: list[ParsedArticle]) -> None:
    import re

    stamp = re.compile(r"^\s*\d{4}[.\-/년]\s*\d{1,2}[.\-/월]\s*\d{1,2}.{0,20}$")
    assert len(seed) == 3
    for article in seed:
        for line in article.body.split("\n"):
            assert not stamp.match(line), line


def test_seed_key_sentences_land_in_the_right_body(seed: list[ParsedArticle]) -> None:
    wto, samsung, alibaba = (a.body for a in seed)
    assert wto.startswith("문재인 대통령은 8일 세계무역기구(WTO) 사무총장 선거")
    assert "블룸버그통신에 따르면 WTO는" in wto
    assert "클래시스" not in wto and "알리바바" not in wto
    assert samsung.startswith("삼성전자가 'K뷰티' 미용의료기기 제조업체 클래시스")
    assert "당기순이익은 976억원으로 31% 증가했다" in samsung
    assert "WTO" not in samsung
    assert alibaba.startswith("중국 거대 전자상거래 기업 알리바바가 26일")
    assert "알리바바의 주가는 올해 들어서만 66% 상승" in alibaba
    assert "클래시스" not in alibaba


def test_plain_text_without_dateline_is_one_article_titled_by_its_first_line() -> None:
    text = "Council approves budget\n\nThe city council approved a budget of $3 million on Monday."
    (article,) = parse_text(text)
    assert article.title == "Council approves budget"
    assert "$3 million" in article.body
    assert article.language == "en"
