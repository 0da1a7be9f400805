"""More page chrome on HTML pages (issue 16): desk credits, captions naming who is pictured,
subscription offers, other stories' headlines in capitals, a share button's message and
time stamps alone on their line never become claims; story sentences that share their
words stay claims."""

import pytest

from articles.parsing import parse_html
from claims.extraction import extract_claims, read_sentences

STORY = [
    "The city council approved a budget of $4.2 million for road repairs on Tuesday.",
    "The vote was 7 to 2, and work will start in March on 14 streets across the east side.",
    "The repairs will cost about $300,000 per mile, according to the city's engineer.",
    "Last year the city spent $1.1 million on the same streets, a record at the time.",
]
CHROME_LINES = [
    "MAYOR SAYS CITY WILL FIX 40 BRIDGES BY 2026 AFTER STORM",
    "Pictured from left, are council members Ann Lee, from Eastside, and Tom Park.",
    "12 issues for £11.99.",
    "Reporting by Jane Roe; additional reporting by John Doe; Editing by Kim Poe",
]


def _page() -> str:
    """Chrome lines between story paragraphs, in plain paragraphs (the markup does not say
    they are chrome), as on the failing pages."""
    paragraphs = []
    for story, chrome in zip(STORY, CHROME_LINES, strict=True):
        paragraphs += [f"<p>{story}</p>", f"<p>{chrome}</p>"]
    return (
        '<html lang="en"><head><title>Council approves road budget</title></head><body>'
        "<article><h1>Council approves road budget</h1>" + "".join(paragraphs) + "</article>"
        "</body></html>"
    )


def test_more_chrome_lines_on_a_page_are_not_claims_and_its_story_sentences_are():
    (article,) = parse_html(_page())
    assert all(line in article.body for line in CHROME_LINES)
    claims = [c.text for c in extract_claims(article.body, language="en")]
    assert claims == STORY


@pytest.mark.parametrize(
    ("line", "language", "rule"),
    [
        ("Reporting by Jane Roe; Editing by Kim Poe and Tom Park", "en", "chrome_credit_line"),
        ("Roe reported from New York and Doe from Washington.", "en", "chrome_credit_line"),
        (
            "Associated Press writer Tom Park in London contributed to this report.",
            "en",
            "chrome_credit_line",
        ),
        ("With reporting by Associated Press writer Tom Park", "en", "chrome_credit_line"),
        (
            "For non-personal use or to order multiple copies, please contact Sample Reprints"
            " at 1-800-555-0100 or visit www.example.com.",
            "en",
            "chrome_reprints",
        ),
        ("The Sample App Bundle delivers over 40 apps from just $1 each by @janeroe", "en",
         "chrome_social_credit"),
        ("Pictured right, is reader Ann Lee, from Eastside, speaking in 2019.", "en",
         "chrome_caption_people"),
        ("Flood victims from left: Ann Lee, Tom Park, Kim Poe", "en", "chrome_caption_people"),
        ("12 issues for £11.99.", "en", "chrome_promotion"),
        (
            "Get access to the fastest growing news service for as little as $5 for 1 year.",
            "en",
            "chrome_promotion",
        ),
        (
            'Her book about the 2019 floods, "High Water" (Sample Press, 2021), is out now.',
            "en",
            "chrome_promotion",
        ),
        (
            "The Sample Times will soon launch Royal Notes, a weekly newsletter bringing you the"
            " inside track on the palace.",
            "en",
            "chrome_promotion",
        ),
        ("First-time subscribers also receive a welcome gift made by 3 artisans!", "en",
         "chrome_promotion"),
        ("• The Long Summer is out now on Blu-ray and DVD.", "en", "chrome_promotion"),
        ("Jane Roe is the Sample Times's deals editor and tests 40 gadgets a year.", "en",
         "chrome_author_bio"),
        ("Bridge closed after 3 cracks were found [REACTION]", "en", "chrome_related_link"),
        ("An error has occurred, please try again later.", "en", "chrome_widget_message"),
        ("기사 URL이 복사되었습니다.", "ko", "chrome_widget_message"),
        ("- 입력 2023-04-07 08:26:22", "ko", "chrome_timestamp"),
        ("입력 2023.04.07 08:26 수정 2023.04.07 09:10", "ko", "chrome_timestamp"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", "en", "chrome_timestamp"),
    ],
)  # fmt: skip
def test_each_kind_of_more_page_chrome_names_its_rule(line, language, rule):
    sentences = list(read_sentences(line, language=language))
    assert sentences
    for sentence in sentences:
        assert not sentence.verdict.is_claim
    assert rule in sentences[-1].verdict.rules


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("CHINA has sent 3,000 troops to the border, the ministry said on Tuesday.", "en"),
        ("The NATO and EU leaders met the IMF and WHO chiefs on 3 May in Brussels.", "en"),
        ("The magazine printed 12 issues in 2019 and sold 40,000 copies of each.", "en"),
        ("The court found the error occurred twice in 2019 and fined the bank $2 million.", "en"),
        ("Tickets sell for as little as $5, and 3,000 were sold on the first day.", "en"),
        ("Reporters from 12 countries were expelled in 2019, the group said.", "en"),
        ("The publisher ordered 2,000 copies of the book in 2019, records show.", "en"),
        ("The threat was posted by @janeroe at 3 a.m. on Tuesday, police said.", "en"),
        ("The ban covers 12 drugs for personal use, the ministry said on Monday.", "en"),
        ("The newsletter had 40,000 subscribers in 2019, the company said.", "en"),
        ("Netflix subscribers rose by 8 million in the first quarter of 2024.", "en"),
        ("The album sold 2 million copies after it came out in 2019.", "en"),
        ("The bill passed 52-48 after 3 weeks, via a vote of the Senate.", "en"),
        ("55-year-old teacher bullied while taking an online class via Zoom", "en"),
        ("수정 예산안은 2023년 4월 7일 국회를 통과해 12조 원이 늘었다.", "ko"),
        ("입력 오류로 1만 2천 명의 성적이 잘못 매겨졌다고 교육청이 밝혔다.", "ko"),
    ],
)
def test_story_sentences_that_share_words_with_more_chrome_stay_claims(sentence, language):
    assert [c.text for c in extract_claims(sentence, language=language)] == [sentence]


def test_a_claim_pasted_alone_in_capitals_stays_a_claim():
    claim = "MAYOR SAYS CITY WILL FIX 40 BRIDGES BY 2026 AFTER STORM"
    assert [c.text for c in extract_claims(claim, language="en")] == [claim]


def test_a_line_in_capitals_between_story_sentences_is_another_storys_headline():
    headline = "SENATOR SAYS 2 BILLS WILL PASS BEFORE THE 2026 ELECTION"
    body = f"{STORY[0]}\n\n{headline}\n\n{STORY[1]}"
    readings = {body[r.start : r.end]: r for r in read_sentences(body, language="en")}
    assert not readings[headline].verdict.is_claim
    assert "chrome_caps_headline" in readings[headline].verdict.rules
    assert readings[STORY[0]].verdict.is_claim


SPECS = ["- Fill: 650 Fill Power Down", "- Weight: 2 lb 3 oz", "Calories : 216"]


def test_a_specification_list_between_story_paragraphs_gives_no_claims():
    body = "\n\n".join([STORY[0], *SPECS, STORY[1]])
    claims = [c.text for c in extract_claims(body, language="en")]
    assert claims == [STORY[0], STORY[1]]
    readings = {body[r.start : r.end]: r for r in read_sentences(body, language="en")}
    assert all("en_label_value" in readings[line].verdict.rules for line in SPECS)


@pytest.mark.parametrize(
    "sentence",
    [
        "Fire: 3 homes were destroyed on Tuesday, the county said.",
        "Update: The council approved the $4.2 million budget.",
        "The result: 52 votes for and 48 against in 2019.",
    ],
)
def test_a_label_before_a_sentence_leaves_the_sentence_a_claim(sentence):
    body = f"{STORY[0]}\n\n{sentence}\n\n{STORY[1]}"
    assert sentence in [c.text for c in extract_claims(body, language="en")]


def test_a_label_and_figure_pasted_alone_is_left_to_the_model():
    (reading,) = read_sentences("Deaths: 1,234 in 2020", language="en")
    assert "en_label_value" not in reading.verdict.rules
