"""Data and notices that look like claims to a scorer but are not sentences."""

import pytest

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


@pytest.mark.parametrize(
    "line",
    [
        "Joint Chiefs of Staff Chairman Gen. Kim Seung-kyum (3rd from L) speaks with Adm. "
        "Samuel J. Paparo at the JCS headquarters in Seoul on April 19, 2023.",
        "President Yoon Suk Yeol (C) poses with troops at a base in Paju on April 19, 2023.",
        "(Graphic: Global assets in 2019 - here)",
        "[2] Joint Commission National Patient Safety Goal: Alarm Management, 2015.",
        "2015; 28: 685-690.",
        "DOI: 10.1007/978-3-319-09575-2_199-1",
    ],
)
def test_captions_graphics_and_references_are_not_claims(line):
    assert extract_claims(line, language="en") == []


def test_a_party_letter_after_a_name_is_not_a_caption():
    sentence = (
        "South Dakota Gov. Kristi Noem (R) said the state spent $449,000 on the anti-drug "
        "campaign in 2019."
    )
    assert [c.text for c in extract_claims(sentence, language="en")] == [sentence]


def test_a_photo_disclaimer_is_not_a_claim():
    assert extract_claims("▲위 사진은 기사 내용과 직접적인 관련이 없습니다.", language="ko") == []


@pytest.mark.parametrize(
    "line",
    [
        # An embedded tweet's signature line.
        "— PFF CLE Browns (@PFF_Browns) November 16, 2019",
        # A time stamp of the page.
        "(Published Monday, Nov. 18, 2019)",
        "Updated: March 3, 2021 4:05 PM ET",
        # A tour's list of dates and places.
        "June 20 – Raleigh, NC @ Coastal Credit Union Music Park at Walnut Creek",
        "Oct. 3 -- Ak-Chin Pavilion, Phoenix, AZ",
        # The page's calls to act.
        "Catch up on the 2020 election campaign with AP experts on our weekly politics "
        "podcast, “Ground Game.”",
        "Sign up for our newsletter to get 3 stories a day in your inbox.",
    ],
)
def test_tweet_signatures_time_stamps_listings_and_calls_to_act_are_not_claims(line):
    assert extract_claims(line, language="en") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # A timeline's entry says what happened: a claim.
        "March 3 – The president signed the order, which cut 2,000 jobs at the agency.",
        # Names in capitals inside an ordinary sentence.
        "The Bank of Korea raised its base rate to 3.5 percent on Thursday.",
        # A headline-like sentence that ends in a full stop is a sentence.
        "Samsung Electronics Posts 35 Percent Drop In Operating Profit.",
        "Follow-up tests found 12 more cases in the same ward.",
        # A headline in title case is what a desk checks.
        "Adam Schiff Paid Witnesses Over $40 Million To Testify Against Trump",
    ],
)
def test_timeline_entries_and_ordinary_sentences_stay_claims(sentence):
    assert [c.text for c in extract_claims(sentence, language="en")] == [sentence]


@pytest.mark.parametrize(
    "line",
    [
        "This shop has been compensated by #CollectiveBias, Inc. and its advertiser.",
        "This post is sponsored by Acme Foods; all opinions are my own.",
        "We may earn a commission when you buy through links on our site.",
        "When you buy through links on our site, we may earn an affiliate commission.",
        "This article contains affiliate links, which means we earn a small fee at no cost to you.",
        "Disclosure: This post may contain affiliate links.",
    ],
)
def test_a_sponsorship_or_affiliate_disclosure_is_not_a_claim(line):
    assert extract_claims(line, language="en") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The company was compensated by the state with $2 million for the land in 2019.",
        "Amazon earns a commission of up to 15 percent on products sold through its site.",
        "The study was sponsored by the National Institutes of Health and enrolled 400 people.",
    ],
)
def test_a_sentence_about_commissions_or_sponsors_stays_a_claim(sentence):
    assert [c.text for c in extract_claims(sentence, language="en")] == [sentence]
