"""Data and notices that look like claims to a scorer but are not sentences."""

from claims.extraction import extract_claims

PRICES = (
    "Asiana Airlines 13,310 UP 70 POSCO Holdings 412,000 DN 2,500 DB INSURANCE 82,400 UP 700 "
    "LS 97,000 UP 4,100 Fila Holdings 35,750 UP 300"
)


def test_a_price_list_is_not_a_claim():
    assert extract_claims(PRICES, language="en") == []


def test_a_sentence_with_several_scores_is_still_a_claim():
    sentence = (
        "Nadal beat Khachanov 6-3, 7-6 to level the series 1-1 after Rublev had rallied "
        "to beat Bautista-Agut 3-6, 6-3, 7-6 in the first match of the final."
    )
    assert [c.text for c in extract_claims(sentence, language="en")] == [sentence]


def test_a_photo_disclaimer_is_not_a_claim():
    assert extract_claims("▲위 사진은 기사 내용과 직접적인 관련이 없습니다.", language="ko") == []
