"""Korean claim rules: broadcast chrome, programme titles, interpretive and reaction
sentences are not claims; records and reported facts still are."""

import pytest

from claims.extraction import extract_claims


def _claims(body: str) -> list[str]:
    return [c.text for c in extract_claims(body, language="ko")]


@pytest.mark.parametrize(
    "line",
    [
        "■ 방송일시 : 2024년 3월 2일 (토요일)",
        "◆ 진행 : 홍길동 앵커",
        "KBS라디오(FM 97.3) [오늘의 경제 홍길동입니다]",
    ],
)
def test_broadcast_programme_lines_are_not_claims(line):
    assert _claims(line) == []


def test_an_interpretation_of_the_previous_sentence_is_not_a_claim():
    assert _claims("이를 최대한 활용해 수출을 늘리겠다는 뜻이다.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "이에 진행자는 “정말 대단하다”고 말하자 출연자들은 폭소를 터뜨렸다.",
        "방송을 본 시청자들은 당시 장면을 떠올리며 웃음을 터뜨렸다.",
    ],
)
def test_a_reaction_on_a_show_is_not_a_claim(sentence):
    assert _claims(sentence) == []


def test_an_anchor_lead_in_is_not_a_claim():
    assert _claims("[앵커]서울 도심 화재 사건 속보입니다.") == []


def test_a_record_is_still_a_claim():
    sentence = "지난해 반도체 수출은 사상 최대를 기록했다."
    assert _claims(sentence) == [sentence]


def test_a_reported_fact_with_a_glued_subheading_is_still_a_claim():
    body = "경찰은 행방이 묘연했던 실종자들을 모두 찾았습니다.‘수사 확대’"
    claims = _claims(body)
    assert len(claims) == 1
    assert claims[0].startswith("경찰은 행방이 묘연했던 실종자들을 모두 찾았습니다.")


def test_an_official_statement_with_figures_is_still_a_claim():
    sentence = "통계청에 따르면 지난달 취업자는 1년 전보다 32만명 늘었다."
    assert _claims(sentence) == [sentence]


def test_a_guest_introduction_is_not_a_claim():
    assert _claims("홍길동 한국경제연구원 선임연구위원입니다.") == []


def test_a_broadcast_date_line_is_not_a_claim():
    assert _claims("■ 일자 : 2024년 5월 3일 (금)") == []
