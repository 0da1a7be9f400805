"""English reported belief and feeling (claims/extraction/en_stance.py): the codebook's
``reported_opinion`` lines are no claim, reported facts stay claims."""

import pytest

from claims.extraction.claims import extract_claims, read_sentences
from claims.extraction.en_stance import reported_stance
from claims.extraction.rules import CLAIM_RULES


@pytest.mark.parametrize(
    "text",
    [
        "He said he believed the vote would unite the country.",
        'She said she was "shocked" by the decision.',
        "British Foreign Secretary Elizabeth Truss said she was ‘appalled’ by the allegations.",
        "He told reporters he hoped the talks would end the strike before Christmas.",
        "The senator said she wanted to bring the bill back to the floor.",
        "Li says that he is particularly excited about the study of planets.",
    ],
)
def test_a_reported_belief_or_feeling_is_no_claim(text):
    assert reported_stance(text)
    [sentence] = read_sentences(text, language="en")
    assert sentence.verdict.rules == ["en_reported_stance"]
    assert not sentence.verdict.is_claim


@pytest.mark.parametrize(
    "text",
    [
        # A belief over a checkable fact, or an estimate of the past (codebook rules 5, 9).
        "The fire chief said he believed the fire was set deliberately.",
        "The inspector said she believed the fire may have started in the kitchen.",
        # The saying does not open the sentence: an earlier clause states a fact.
        "Mr. Cueto told the trust that it could see the scorecard, but members said they "
        "wanted a copy.",
        # A second clause that may state a fact.
        "Sen. Scott Beason said he hoped the law would work, but he has received calls from "
        "employers who replaced illegal immigrants.",
        # No speaker reporting on himself.
        "The ministry said the new rules would cut emissions from the plant.",
    ],
)
def test_a_reported_fact_is_not_read_as_a_reported_stance(text):
    assert not reported_stance(text)
    [sentence] = read_sentences(text, language="en")
    assert "en_reported_stance" not in sentence.verdict.rules


def test_a_reported_feeling_with_a_figure_is_left_to_the_figure_rules():
    text = "The mayor said she was shocked that 1,200 homes were flooded on Sunday."
    assert reported_stance(text)
    claims = extract_claims(text, language="en")
    assert [c.text for c in claims] == [text]
    assert "en_reported_stance" not in claims[0].rules


def test_the_reported_stance_rule_is_registered_with_its_reason():
    assert CLAIM_RULES["en_reported_stance"].effect == "rejects"
    assert "belief" in CLAIM_RULES["en_reported_stance"].why
