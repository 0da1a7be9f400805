"""Korean reported stance (rule ``ko_reported_stance``, ``claims/extraction/ko_stance.py``):
a sentence that only reports an obligation, a judgement, a feeling or an intention is no
claim, named as such after the model; a reported fact, a reported figure and a sentence with
an event beside the opinion stay claims. Every sentence here is written for these tests."""

import pytest

from claims.extraction.claims import read_sentences
from claims.extraction.ko_stance import reported_stance
from claims.extraction.rules import CLAIM_RULES
from claims.extraction.sentences import claim_units


def _stance(sentence: str) -> bool:
    _, morphemes = claim_units(sentence, language="ko")
    return reported_stance(sentence, 0, morphemes)


def _verdict(sentence: str):
    readings = list(read_sentences(sentence, language="ko"))
    assert len(readings) == 1
    return readings[0].verdict


REPORTED_OPINIONS = [
    "김 교수는 “제도를 고쳐야 한다”고 말했다.",
    '그는 "이번 결정은 매우 유감스럽다"고 밝혔다.',
    "시민단체는 정부가 규제를 더 과감히 풀어야 한다고 주장했다.",
    '박 의원은 "이번 인사는 명백히 부당하다"고 비판했다.',
    "그는 이번 합의가 바람직하다고 평가했다.",
    '이 대표는 "끝까지 책임을 다하겠다"고 말했다.',
    "야당은 총리의 사과를 촉구한다고 밝혔다.",
    "노동조합은 사측이 성실하게 교섭에 나서야 한다고 밝혔다.",
]


@pytest.mark.parametrize("sentence", REPORTED_OPINIONS)
def test_a_reported_obligation_judgement_feeling_or_intention_is_a_reported_stance(sentence):
    assert _stance(sentence)


@pytest.mark.parametrize("sentence", REPORTED_OPINIONS)
def test_a_reported_stance_is_no_claim(sentence):
    assert not _verdict(sentence).is_claim


@pytest.mark.parametrize(
    "sentence",
    [
        # Each scores over the Korean model's bar alone (0.45 to 0.58).
        "야당 의원들은 국회 기자회견에서 장관의 즉각적인 해임을 촉구한다고 밝혔다.",
        "환경단체는 정부에 원전 정책의 전면 재검토를 촉구한다고 밝혔다.",
        "노동조합은 사측이 성실하게 교섭에 나서야 한다고 밝혔다.",
    ],
)
def test_a_reported_demand_the_model_would_take_is_rejected_by_the_named_rule(sentence):
    verdict = _verdict(sentence)
    assert not verdict.is_claim
    assert verdict.rules[-1] == "ko_reported_stance"
    assert verdict.model is not None and verdict.model >= 0.42


REPORTED_FACTS = [
    # A reported fact, whatever verb frames it (codebook rule 5).
    "경찰은 용의자가 범행을 자백했다고 밝혔다.",
    "협회는 회원 기업들이 지난달 공장 가동을 멈췄다고 밝혔다.",
    "야당은 정부가 관련 자료를 숨겼다고 주장했다.",
    # An obligation that was: something that happened.
    "그는 “공장을 닫아야 했다”고 말했다.",
    # An event beside the reported opinion.
    "추모식이 어제 열렸고, 대통령은 “희생을 잊지 말자”고 말했다.",
    # A fact quoted before the opinion.
    '노조는 "임금이 동결됐다"며 "처우를 개선해야 한다"고 강조했다.',
    # Not the end of the sentence: the quotative sits in a relative clause.
    "정부는 동의가 필요 없다고 알려진 새 방안을 검토하고 있다.",
]


@pytest.mark.parametrize("sentence", REPORTED_FACTS)
def test_a_reported_fact_figure_or_event_is_no_reported_stance(sentence):
    assert not _stance(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "경찰은 용의자가 범행을 자백했다고 밝혔다.",
        "그는 매출이 30% 늘었다고 말했다.",
        "협회는 회원 기업들이 지난달 공장 가동을 멈췄다고 밝혔다.",
        # A figure in the reported clause: the rule reads only units without figures.
        '김 교수는 "올해 예산이 20% 줄어 연구를 줄여야 한다"고 말했다.',
    ],
)
def test_a_reported_fact_or_figure_is_still_a_claim(sentence):
    verdict = _verdict(sentence)
    assert verdict.is_claim
    assert "ko_reported_stance" not in verdict.rules


def test_a_plain_statement_without_a_quotative_is_no_reported_stance():
    assert not _stance("정부는 규제를 더 과감히 풀어야 한다.")
    assert not _stance("지난해 반도체 수출은 사상 최대를 기록했다.")


def test_the_rule_is_named_and_rejects():
    rule = CLAIM_RULES["ko_reported_stance"]
    assert rule.effect == "rejects"
    assert "ko_stance.reported_stance" in rule.why


# Framed by a verb or noun of opinion (주장, 강조, 지적, 평가: BELIEF), a reported clause that
# holds an evaluation word, an intensifier included, or ends in an obligation is a judgement,
# in one clause or several.
JUDGED = [
    "전문가들은 새 제도가 매우 효과적이라고 평가했다.",
    "그는 이번 판결이 너무 가혹하다고 지적했다.",
    "시민단체는 예산을 늘리고 감시를 강화해야 한다고 주장했다.",
    '야당은 "청문회를 열고 책임자를 문책해야 한다"고 강조했다.',
]


@pytest.mark.parametrize("sentence", JUDGED)
def test_a_judgement_framed_by_a_verb_of_opinion_is_a_reported_stance(sentence):
    assert _stance(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # The same frames over a fact: past tense, no evaluation word.
        "그는 실업률이 크게 떨어졌다고 강조했다.",
        "야당은 장관이 회의에 참석하지 않았다고 지적했다.",
        "그는 사고 당시 현장이 매우 혼란스러웠다고 주장했다.",
        # An evaluation word, but a verb of reporting, not of opinion, and a fact before it.
        "경찰은 용의자가 도주했으며 매우 위험하다고 설명했다.",
    ],
)
def test_a_fact_framed_by_a_verb_of_opinion_is_no_reported_stance(sentence):
    assert not _stance(sentence)


def test_a_judgement_beside_a_figure_is_still_a_claim():
    # The rule reads only units without figures: the figure is the claim.
    verdict = _verdict("협회는 수출이 20% 늘어 매우 이례적이라고 평가했다.")
    assert verdict.is_claim
    assert "ko_reported_stance" not in verdict.rules


@pytest.mark.parametrize("sentence", JUDGED)
def test_a_judgement_framed_by_a_verb_of_opinion_is_no_claim(sentence):
    assert not _verdict(sentence).is_claim
