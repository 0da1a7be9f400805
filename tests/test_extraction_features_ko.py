"""The Korean structure tokens mark stance and modality from kiwipiepy's morphemes (issue 16's
Korean false positives): obligation, evaluation, belief against fact-reporting verbs,
prediction, plan, intention, hedge, definition, narrative lines, and whether a mark stands
inside a quotation. Pure text; sentences written for these tests."""

from __future__ import annotations

import pytest

from claims.extraction.features import korean_structure
from claims.extraction.ko_marks import KO_MARK_WORDS, KO_MARKS, mark
from claims.extraction.sentences import claim_units

MARK_NAMES = set(KO_MARK_WORDS) | {"WILL", "CAN"}


def _marks(text: str) -> list[str]:
    _, morphemes = claim_units(text, language="ko")
    tokens = korean_structure(text, 0, morphemes).split()
    return [t for t in tokens if t in MARK_NAMES or (t[:1] == "q" and t[1:] in MARK_NAMES)]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("정부는 규제를 더 과감히 풀어야 한다.", "EVAL OBLIGE"),
        ('김 교수는 "제도를 고쳐야 한다"고 말했다.', "qOBLIGE QUOT SAY PAST"),
        ('그는 "지난해 매출이 30% 늘었다"고 말했다.', "qWHEN qPAST QUOT SAY PAST"),
        ("경찰은 사망자가 3명이라고 밝혔다.", "QUOT REPORT PAST"),
        ("새 배터리는 내년부터 상용화될 수 있을 것으로 기대된다.", "WHEN CAN WILL PREDICT"),
        (
            "그는 이번 조치가 바람직하다고 생각한다고 강조했다.",
            "OBLIGE QUOT BELIEF QUOT BELIEF PAST",
        ),
        ("취재진이 만난 한 주민은 이렇게 말했다.", "NARR NARR SAY PAST"),
        ("시제품은 다음 달 3일 공개될 예정이다.", "WHEN REPORT PLAN"),
        ("스마트폰이란 휴대전화에 컴퓨터 기능을 더한 기기를 말한다.", "DEFINE SAY"),
        ('그는 "우리는 최선을 다하겠다"고 말했다.', "qFIRST qINTENT qINTENT QUOT SAY PAST"),
    ],
)
def test_stance_marks_follow_the_text_order_and_say_whether_they_are_quoted(text, marks):
    assert _marks(text) == marks.split()


def test_a_reported_opinion_and_a_reported_fact_differ_in_the_marks_before_the_quotative():
    assert _marks("그는 개혁이 필요하다고 주장했다.") == ["OBLIGE", "QUOT", "BELIEF", "PAST"]
    assert _marks("그는 3명이 숨졌다고 전했다.") == ["PAST", "QUOT", "REPORT", "PAST"]


def test_the_last_stance_mark_outside_quotations_is_repeated_as_the_ending():
    _, morphemes = claim_units("그는 개혁이 필요하다고 주장했다.", language="ko")
    tokens = korean_structure("그는 개혁이 필요하다고 주장했다.", 0, morphemes).split()
    assert "$BELIEF" in tokens  # the tense after it does not count
    assert "$PAST" not in tokens
    quoted = '그는 "제도를 고쳐야 한다"고 말했다.'
    _, morphemes = claim_units(quoted, language="ko")
    tokens = korean_structure(quoted, 0, morphemes).split()
    assert "$SAY" in tokens
    assert "$OBLIGE" not in tokens  # inside the quotation


def test_a_plain_fact_without_stance_carries_no_stance_mark():
    marks = _marks("이 장치는 운전자가 졸면 좌석을 진동시킨다.")
    assert marks == []


def test_the_prospective_ending_marks_a_prediction_before_geot_and_a_possibility_before_su():
    assert mark("것", "NNB", "ᆯ", "ETM") == "WILL"
    assert mark("수", "NNB", "을", "ETM") == "CAN"
    # The same nouns after a present or past modifier are no modality: "한 것", "먹은 수".
    assert mark("것", "NNB", "ᆫ", "ETM") == ""
    assert mark("수", "NNB", "은", "ETM") == ""


def test_a_mark_depends_on_the_tag_as_well_as_the_form():
    assert mark("말", "NNG", "", "") == "SAY"  # 말하다
    assert mark("말", "VX", "", "") == ""  # -지 말다
    assert mark("보", "VX", "", "") == "BELIEF"  # -다고 보다
    assert mark("보", "VV", "", "") == ""  # to see


def test_every_marked_morpheme_has_one_mark():
    count = sum(len(words.split()) for words in KO_MARK_WORDS.values())
    assert count > 100
    assert sum(len(tags) for tags in KO_MARKS.values()) == count


def test_english_units_carry_no_korean_mark():
    from claims.extraction.features import english_structure

    tokens = english_structure("The government must lift the rules, he said.").split()
    assert not {"OBLIGE", "SAY", "qOBLIGE"} & set(tokens)


def test_a_reaction_named_by_its_feeling_noun_is_marked_as_a_feeling():
    assert _marks("위원들은 회의 결과에 강한 불쾌감을 표했다.") == ["FEEL", "PAST"]


def test_a_policy_line_ending_in_bangchim_is_read_as_a_plan_not_an_assertion():
    from claims.extraction.rules import ko_not_assertion

    assert ko_not_assertion("금융위는 특례 채무조정을 적용할 방침입니다.")
    assert ko_not_assertion("정부는 규제를 완화할 방침이다.")
    # A fact before the plan keeps the sentence an assertion, as for 예정이다.
    assert not ko_not_assertion("정부는 지난달 규제를 풀었고, 추가 완화도 검토할 방침이다.")
