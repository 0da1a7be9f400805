"""A caption's second line naming who is in front or at the back, and a subscription's pitch
("... offers you all the information you need") are page chrome, no claims (issue 16 item 5);
story sentences sharing their words stay claims, pasted alone or in a story."""

import pytest

from claims.extraction import extract_claims, read_sentences


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("In front are Ann Lee, from Eastside, Tom Park, from Westside, and Kim Poe.",
         "chrome_caption_people"),
        ("At the back, from left, are council members Jo Roe and Lin Doe, from Northside.",
         "chrome_caption_people"),
        ("Front row is Mayor Ann Lee, who opened the bridge in 2019.", "chrome_caption_people"),
        ("Sample Times Pro offers you all the information you need for 2024 including 12 "
         "research reports", "chrome_promotion"),
    ],
)  # fmt: skip
def test_a_captions_second_line_and_a_subscriptions_pitch_name_their_rule(line, rule):
    sentences = list(read_sentences(line, language="en"))
    assert sentences
    for sentence in sentences:
        assert not sentence.verdict.is_claim
    assert rule in sentences[0].verdict.rules


@pytest.mark.parametrize(
    "sentence",
    [
        "In front of the court, 200 protesters gathered on Monday, police said.",
        "At the back of the hall, 40 seats were left empty during the 2019 vote.",
        "The front row of seats cost $300 each, twice the 2019 price.",
        "The new law offers tenants 3 months of notice, the minister said on Tuesday.",
        "The bank offers you a 5% rate if you save $1,000 a month, its chief said in 2019.",
    ],
)
def test_story_sentences_sharing_their_words_stay_claims(sentence):
    assert [c.text for c in extract_claims(sentence, language="en")] == [sentence]
