"""A Korean broadcast news script (issue 16: chrome and narrative lines): the script's cues
("【 앵커멘트 】", "[기자]", "스탠딩 : 장가희 / 기자 -") are not part of the sentence next to
them, the anchor's hand-over to the reporter ("장가희 기자가 취재했습니다") and a screen
capture's credit ("백아영 / 화면캡처 유튜브") are not claims; the anchor's and the reporter's
sentences of fact stay claims, without the cue in their text."""

import pytest

from claims.extraction import extract_claims
from claims.extraction.sentences import split_sentences

SCRIPT = (
    "【 앵커멘트 】 어제 서울의 최고기온이 35도까지 올라 올여름 들어 가장 더웠습니다. "
    "장가희 기자가 취재했습니다. 【 기자 】 서울 낮 기온이 35도를 기록했습니다.\n"
    "[앵커] 정부가 전세사기 피해자 2만 명에게 저리 대출을 지원합니다. 이준삼 기자입니다. "
    "[기자] 국토교통부는 오늘 대책을 발표했습니다.\n"
    '스탠딩 : 장가희 / 기자 - "우유 1리터 가격이 3천 원을 넘었습니다."\n'
    "백아영 / 화면캡처 유튜브"
)


def _claims(body: str) -> list[str]:
    return [c.text for c in extract_claims(body, language="ko")]


def test_the_scripts_cues_are_cut_out_of_its_sentences():
    sentences = [SCRIPT[s:e] for s, e in split_sentences(SCRIPT, language="ko")]
    assert "어제 서울의 최고기온이 35도까지 올라 올여름 들어 가장 더웠습니다." in sentences
    assert "장가희 기자가 취재했습니다." in sentences
    assert "정부가 전세사기 피해자 2만 명에게 저리 대출을 지원합니다." in sentences
    assert '"우유 1리터 가격이 3천 원을 넘었습니다."' in sentences
    assert not [s for s in sentences if "【" in s or "[앵커]" in s or "[기자]" in s]
    assert not [s for s in sentences if "스탠딩" in s]


def test_the_anchors_and_reporters_facts_are_claims_and_the_cues_are_not():
    claims = _claims(SCRIPT)
    assert "어제 서울의 최고기온이 35도까지 올라 올여름 들어 가장 더웠습니다." in claims
    assert "서울 낮 기온이 35도를 기록했습니다." in claims
    assert "정부가 전세사기 피해자 2만 명에게 저리 대출을 지원합니다." in claims
    assert not [c for c in claims if "【" in c or "[앵커]" in c or "스탠딩" in c]


@pytest.mark.parametrize(
    "line",
    [
        "장가희 기자가 취재했습니다.",
        "워싱턴에서 홍길동 특파원이 보도합니다.",
        "자세한 내용 김민수 기자가 전해드립니다.",
        "백아영 / 화면캡처 유튜브",
        "사진=MBC 방송 화면 캡처",
    ],
)
def test_a_hand_over_to_the_reporter_or_a_screen_captures_credit_is_not_a_claim(line):
    assert _claims(line) == []


def test_a_sentence_about_what_a_reporter_covered_is_still_a_claim():
    sentence = "홍길동 기자가 2019년 취재한 이 사건으로 경찰관 3명이 징계를 받았다."
    assert _claims(sentence) == [sentence]


def test_a_bracketed_word_in_a_sentence_is_not_taken_for_a_cue():
    body = "[단독] 정부가 전세사기 피해자 2만 명에게 저리 대출을 지원합니다."
    sentences = [body[s:e] for s, e in split_sentences(body, language="ko")]
    assert sentences == [body]


def test_a_screen_captures_credit_at_a_paragraphs_end_leaves_the_sentence_before_it():
    sentence = "한편 임현태는 2014년 빅플로로 데뷔했으며 최근 드라마에 출연했다."
    body = f"{sentence} 백아영 / 화면캡처 유튜브"
    sentences = [body[s:e] for s, e in split_sentences(body, language="ko")]
    assert sentences == [sentence]
    assert _claims(body) == sentences
