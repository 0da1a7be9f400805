"""Page chrome on English HTML pages (issue 16): captions, credits, related links, bylines,
author bios, comment counts and first-published lines never become claims; the story's
sentences next to them stay claims."""

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
    "Top left: Mayor Ann Lee at the vote in 2019. Bottom: Workers repair Main Street.",
    "Mayor Ann Lee (right) speaks with council member Tom Park (left) on March 3, 2019.",
    "Related: City raised parking fees by 12% in 2018",
    "[Read: Why the roads fell apart in 2017]",
    "READ MORE: Two diagnosed with plague in 2019",
    "- 312 comments",
    "View all 48 comments",
    "Today on The Sample Times",
    "Jane Doe is a senior reporter at The Sample Times.",
    "She has covered city hall since 2015.",
    "First published March 3, 2019",
    "Header Image: People have lived in these forests for 2,000 years.",
]


def _page() -> str:
    """A news page shaped like the failing ones: chrome lines between story paragraphs,
    where the markup does not say they are chrome (plain paragraphs)."""
    paragraphs = []
    for i, line in enumerate(CHROME_LINES):
        if i < len(STORY):
            paragraphs.append(f"<p>{STORY[i]}</p>")
        paragraphs.append(f"<p>{line}</p>")
    return (
        '<html lang="en"><head><title>Council approves road budget</title></head><body>'
        "<article><h1>Council approves road budget</h1>" + "".join(paragraphs) + "</article>"
        "</body></html>"
    )


def test_chrome_lines_on_a_page_are_not_claims_and_its_story_sentences_are():
    (article,) = parse_html(_page())
    claims = [c.text for c in extract_claims(article.body, language="en")]
    assert claims == STORY


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Related: City raised parking fees by 12% in 2018", "chrome_related_link"),
        ("[Read: Why the roads fell apart in 2017]", "chrome_related_link"),
        ("READ MORE: Two diagnosed with plague in 2019", "chrome_related_link"),
        ("- 312 comments", "chrome_comment_count"),
        ("View all 48 comments", "chrome_comment_count"),
        ("Today on The Sample Times", "chrome_site_today"),
        ("He is a senior reporter at The Sample Times.", "chrome_author_bio"),
        ("She has covered markets since 2015.", "chrome_author_bio"),
        ("First published March 3, 2019", "chrome_first_published"),
        (
            "This article was originally published in 2019 by The Conversation.",
            "chrome_first_published",
        ),
        ("Top left: Mayor Ann Lee at the vote in 2019.", "chrome_caption"),
        ("Bottom: Workers repair Main Street in 2019.", "chrome_caption"),
        ("Ann Lee (right) and Tom Park at the vote on March 3, 2019.", "chrome_caption"),
        ("Northward prison holds 180 inmates Photo: Alvaro Serey", "chrome_caption"),
        ("Copyright 2019 The Sample Times", "chrome_copyright"),
        ("Also on rt.com Ministers threatened with 12 arrests in Bolivia", "chrome_related_link"),
        ("Plane passengers quarantined after 3 cases of plague [NEWS]", "chrome_related_link"),
        ("2019-11-19T07:23:12+01:00", "chrome_time_line"),
        ("17:41 JST, October 13, 2024", "chrome_time_line"),
        ("The company's logo outside a space it rents in New York.Reuters", "chrome_caption"),
        ("- Published 18 November 2019", "en_page_line"),
    ],
)
def test_each_kind_of_page_chrome_names_its_rule(line, rule):
    sentences = list(read_sentences(line, language="en"))
    assert sentences
    for sentence in sentences:
        assert not sentence.verdict.is_claim
    assert rule in sentences[-1].verdict.rules


@pytest.mark.parametrize(
    "sentence",
    [
        "The jury found the band copied 8 bars, a copyright infringement worth $2.5 million.",
        "Today on Capitol Hill, senators voted 52-48 to confirm the judge.",
        "The post drew 312 comments within 2 hours of going up.",
        "The book was first published in 1859 and sold 1,250 copies on its first day.",
        "Police said the victim, a reporter for the Daily News, was 34 years old.",
        "The shares rose 3% on Tuesday to $41.20, according to Reuters.",
        "The meeting ended at 10:30 a.m. on Friday after 3 hours of talks.",
    ],
)
def test_story_sentences_that_share_words_with_chrome_stay_claims(sentence):
    assert [c.text for c in extract_claims(sentence, language="en")] == [sentence]
