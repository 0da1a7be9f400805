"""English stance in the speaker's own voice (claims/extraction/en_stance.py,
``voiced_stance``): a line or quotation that opens with what its speaker thinks, feels,
wants or says ought to be done is no claim (codebook rule 7); facts said in the first
person, beliefs over a fact and reported facts stay claims."""

import pytest

from claims.extraction.claims import extract_claims, read_sentences
from claims.extraction.en_stance import voiced_stance
from claims.extraction.rules import CLAIM_RULES


@pytest.mark.parametrize(
    "text",
    [
        "I think the committee was far too cautious about the whole thing.",
        '"We really need to listen to the people who live next to the plant," she said.',
        "“We are so proud of what the volunteers have achieved together.”",
        "They don't want to lose the house they grew up in, the neighbour said.",
        "PAT MORGAN: I don't believe the board will ever change its mind.",
        "You should always talk to your doctor before changing your diet.",
        "I’m deeply disappointed by the way the club treated its supporters.",
        "People hate waiting in line at the post office.",
    ],
)
def test_a_line_opening_with_its_speakers_stance_is_no_claim(text):
    assert voiced_stance(text)
    [sentence] = read_sentences(text, language="en")
    assert sentence.verdict.rules == ["en_voiced_stance"]
    assert not sentence.verdict.is_claim


@pytest.mark.parametrize(
    "text",
    [
        # Facts in the first person or reported: no stance verb opens them.
        "He said unemployment had fallen in every region of the country.",
        "We closed the plant in March after the inspectors found the leak.",
        "I was born and raised in the town where the factory now stands.",
        # A belief over a fact (codebook rule 5) and a feeling that announces a fact.
        "They believe that much of the oil is still present underwater in the Gulf.",
        "We are excited to announce that the new bridge is open to traffic.",
        # The stance does not open the line: an earlier clause states a fact.
        "The ministry confirmed the closure, and officials said they hope to reopen it.",
        # A second clause beside the stance may state a fact.
        "I don't think it's the end of the world, but the funding has been cut.",
        "We have to look at who built the dam: it was the army, in secret.",
    ],
)
def test_a_fact_is_not_read_as_a_voiced_stance(text):
    assert not voiced_stance(text)
    [sentence] = read_sentences(text, language="en")
    assert "en_voiced_stance" not in sentence.verdict.rules


def test_a_voiced_stance_with_a_figure_is_left_to_the_figure_rules():
    text = "We need to hire 300 more nurses before the winter, the director said."
    assert voiced_stance(text)
    [sentence] = read_sentences(text, language="en")
    assert "en_voiced_stance" not in sentence.verdict.rules


def test_the_voiced_stance_rule_is_registered_with_its_reason():
    assert CLAIM_RULES["en_voiced_stance"].effect == "rejects"
    assert "stance" in CLAIM_RULES["en_voiced_stance"].why


def test_a_stance_line_among_claims_leaves_the_claims():
    body = (
        "The council closed the Elm Street bridge on Monday after engineers found cracks. "
        "I think the council waited far too long to act."
    )
    texts = [c.text for c in extract_claims(body, language="en")]
    assert texts == [
        "The council closed the Elm Street bridge on Monday after engineers found cracks."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I think we have to be patient and I think the agency is already trying to help.",
        "So I think the voters know that I have always backed the reform.",
    ],
)
def test_a_stance_beside_a_clause_of_fact_is_not_read_as_a_voiced_stance(text):
    assert not voiced_stance(text)


@pytest.mark.parametrize(
    "text",
    [
        # The stance hands over to a fact, or likes a fact.
        "We should also note that the index is calculated on the price of a pure gram.",
        "I love that the council finally published the figures.",
    ],
)
def test_a_stance_that_hands_over_to_a_fact_is_not_read_as_a_voiced_stance(text):
    assert not voiced_stance(text)
