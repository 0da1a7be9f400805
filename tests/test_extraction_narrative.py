"""Narrative and discourse lines are no claims (bench/data/CODEBOOK.md rule 10 and its
"reporting process" edge case): a line that only hands over to what follows, or only tells
how the story was reported, is rejected by the named rule ``narrative_line`` after the model;
reported facts, quoted facts and lines with a measuring figure stay. Sentences written for
these tests, and lines of the form of the codebook's examples. No database."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract_claims, extract_figures
from claims.extraction.claims import assess
from claims.extraction.narrative import narrative_line
from claims.extraction.rules import CLAIM_RULES

REF = date(2024, 5, 8)


def _narrative(text: str, language: str) -> bool:
    figures = extract_figures(text, language=language, reference_date=REF)
    return narrative_line(text, figures, language)


HAND_OVERS = [
    ("In a long interview, she also said:", "en"),
    ("The ministry's statement read, in full:", "en"),
    ("Here is what they told us.", "en"),
    ("Here's what we know.", "en"),
    ("The charges are as follows.", "en"),
    ("Below are some lightly edited excerpts from the conversation.", "en"),
    ("TAYLORVILLE — The following are arrest reports as recorded by the police.", "en"),
    ("A former business partner stated in their testimony,", "en"),
    ("Alluding to his rivals, the senator declared,", "en"),
    ("취재진이 만난 한 주민은 이렇게 말했다.", "ko"),
    ("그는 다음과 같이 설명했다.", "ko"),
    ("이에 대해 A씨는 이렇게 답했다.", "ko"),
    ("나라별 성장률은 아래와 같이 전망했다.", "ko"),
    ("주요 발표 내용은 아래와 같다.", "ko"),
    ("다음은 사과문 전문이다.", "ko"),
    ("시가 밝힌 대책은 다음과 같습니다:", "ko"),
    ("이 고발에 대해 해당 단체는 입장을 밝히지 않았다.", "ko"),
    ("여러 번 접촉을 시도했으나 연락이 닿지 않았다.", "ko"),
]

REPORTING = [
    "The Times asked the ministry for comment.",
    "He spoke to reporters after the hearing.",
    "The company declined to comment.",
    "Through a spokesperson, the senator's office declined to comment for this story.",
    "Representatives for both firms did not respond to requests for comment.",
    "The mayor could not be reached for comment on Friday.",
    "She did not respond to the email containing the newspaper's questions.",
    "The senator did not return calls for comment.",
    "CNN has reached out to the royal family for comment.",
    "The company said in a statement.",
    "Deyal told this newspaper.",
    "King asked.",
]


@pytest.mark.parametrize(("text", "language"), HAND_OVERS)
def test_a_line_handing_over_to_what_follows_is_narrative(text, language):
    assert _narrative(text, language)


@pytest.mark.parametrize("text", REPORTING)
def test_a_line_that_only_tells_how_the_story_was_reported_is_narrative(text):
    assert _narrative(text, "en")


KEPT = [
    # Reported and quoted facts: the said content is the claim.
    ("The minister said unemployment had fallen.", "en"),
    ("The company said in a statement it would close the plant.", "en"),
    ('"We closed the plant in March," the chief executive said.', "en"),
    ("Unemployment fell to 3.1% in May, the agency said.", "en"),
    ("The company declined to comment, but confirmed that the plant had closed.", "en"),
    ("The company declined to comment on the layoff of 200 workers.", "en"),
    ("Biden spoke with Xi for two hours on Tuesday.", "en"),
    ("The soldiers did not return fire.", "en"),
    ("The patient did not respond to the treatment.", "en"),
    ("The official did not say Thursday whether the review would cut the fleet.", "en"),
    ('"We closed the plant," he said,', "en"),
    ("경찰은 용의자가 범행을 자백했다고 밝혔다.", "ko"),
    ('"저는 그 회의에 참석하지 않았습니다"라고 그는 말했다.', "ko"),
    # A hand-over holding a measuring figure reports it (a codebook statistic).
    ("검찰은 징역 35년과 벌금 300억원을 구형한 이유에 대해 이렇게 말했다.", "ko"),
    ("Here's what stood out in the Sixers' 106-103 win over 2 rivals:", "en"),
    # "이같이" points back to the content said before; "이렇게" before a verb that is no
    # saying reports an act.
    ("환경부는 간담회를 한 뒤 이같이 결정했다.", "ko"),
    ('문 대통령은 "양국의 연대는 견고하다"며 이렇게 말했다.', "ko"),
    ("경찰이 이렇게 강수를 두는 것은 내일 열차 운행 감축이 예고됐기 때문이다.", "ko"),
    ("시민단체는 의혹에 대해 선거관리위원회에 공개 질의했다.", "ko"),
    ("부검영장을 발부하면서 법원은 다음과 같은 조건을 걸었다.", "ko"),
    # A colon inside wiki markup ends no hand-over.
    ("고용노동부는 원·하청 관계자를 입건했다.[[분류:]]", "ko"),
]


@pytest.mark.parametrize(("text", "language"), KEPT)
def test_reported_facts_quoted_facts_and_figures_are_no_narrative_line(text, language):
    assert not _narrative(text, language)


def test_the_rule_is_named_with_a_reason():
    rule = CLAIM_RULES["narrative_line"]
    assert rule.effect == "rejects"
    assert "narrative" in rule.why


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In a long interview, the minister also said:", "en"),
        ("The Times asked the ministry for comment.", "en"),
        ("취재진이 만난 한 주민은 이렇게 말했다.", "ko"),
    ],
)
def test_a_narrative_line_is_rejected_after_the_model_with_its_probability(text, language):
    figures = extract_figures(text, language=language, reference_date=REF)
    verdict = assess(text, figures, language, 0, position=(3, 10))
    assert not verdict.is_claim
    assert verdict.rules[-1] == "narrative_line"
    assert verdict.model is not None


def test_an_article_keeps_the_quoted_claim_and_drops_its_hand_over():
    body = (
        "The plant closed last week after a fire.\n\n"
        "In a long interview, the chief executive also said:\n\n"
        '"We laid off 120 of our 400 workers in March."\n\n'
        "The union declined to comment."
    )
    claims = extract_claims(body, language="en")
    texts = [c.text for c in claims]
    assert any("120 of our 400 workers" in t for t in texts)
    assert not any("also said:" in t for t in texts)
    assert not any("declined to comment" in t for t in texts)
