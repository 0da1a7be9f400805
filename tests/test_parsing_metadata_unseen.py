"""Page metadata, fourth round (issue 16 item 5): bylines that name the outlet, and titles
and authors a reader finds where the metadata gives none. Each page here is written for
the test."""

import lxml.html
import pytest

from articles.parsing import parse_html
from articles.parsing.meta import headline_credit_names
from tests.test_parsing_metadata import STORY  # the same made-up story

URL = "https://www.harbour-daily.com/2024/03/05/bus-fares/"


def _page(head: str, *, body: str = "", before: str = "") -> str:
    """A WordPress post: its class names the post's category."""
    return (
        f'<html lang="en"><head>{head}</head><body>{before}'
        f'<div class="post category-transport">{body}{STORY}</div></body></html>'
    )


# ---------------------------------------------------------------- authors

# A sidebar widget placed before the article in the page's markup.
RECENT_COMMENTS = (
    '<aside><h3>Recent Comments</h3><ul><li class="recentcomments">'
    '<span class="comment-author-link"><a href="http://example.org" class="url">Ann Lee</a>'
    '</span> on <a href="/2024/02/01/ferry/#comment-3">Ferry times</a></li></ul></aside>'
)


def test_a_byline_naming_the_outlet_is_the_author_not_a_commenter_in_the_sidebar():
    byline = (
        '<div class="post-head">Written by <a href="/author/admin/" rel="author">'
        "Harbour Daily</a> on March 5, 2024</div>"
    )
    head = (
        '<meta property="og:site_name" content="Harbour Daily">'
        "<title>Bus fares rise - Harbour Daily</title>"
    )
    (article,) = parse_html(_page(head, body=byline, before=RECENT_COMMENTS), url=URL)
    assert article.authors == ["Harbour Daily"]


def test_a_credit_line_under_the_headline_names_the_agency_that_wrote_the_story():
    header = (
        '<header><hgroup><h3 class="section">Crime</h3><h1>Bus fares rise by 10 cents</h1>'
        '</hgroup><p class="credit">JIJI</p></header>'
    )
    (article,) = parse_html(_page("<title>Bus fares rise</title>", body=header), url=URL)
    assert article.authors == ["JIJI"]


def test_a_byline_under_the_headline_loses_its_von_and_a_trailing_dash():
    header = '<h1>Fahrpreise steigen</h1><div class="td-post-author">Von Jana Roth -</div>'
    (article,) = parse_html(_page("<title>Fahrpreise steigen</title>", body=header), url=URL)
    assert article.authors == ["Jana Roth"]


def test_a_photo_credit_under_the_headline_is_no_author():
    header = (
        '<h1>Bus fares rise by 10 cents</h1><figure><img src="/bus.jpg">'
        '<figcaption class="credit">Ann Lee</figcaption></figure>'
    )
    (article,) = parse_html(_page("<title>Bus fares rise</title>", body=header), url=URL)
    assert article.authors == []


def test_a_story_signed_at_its_end_in_italics_is_by_the_signer():
    signed = f'{STORY}<p align="right"><em><font size="2">Denis Clerc</font></em></p>'
    page = f"<html><head><title>Les tarifs</title></head><body><div>{signed}</div></body></html>"
    (article,) = parse_html(page, url="https://www.example-revue.fr/hs7/tarifs.html")
    assert article.authors == ["Denis Clerc"]


def test_an_italic_line_of_lower_case_words_signs_nothing():
    signed = f"{STORY}<p><i>voir page deux</i></p>"
    page = f"<html><head><title>Les tarifs</title></head><body><div>{signed}</div></body></html>"
    (article,) = parse_html(page, url="https://www.example-revue.fr/hs7/tarifs.html")
    assert article.authors == []


def test_an_italic_heading_between_link_lists_signs_nothing():
    related = (
        '<p><a href="/a">Ferry times</a></p><p><em>Related Stories</em></p>'
        '<ul><li><a href="/b">Tram fares</a></li></ul>'
    )
    page = (
        "<html><head><title>Les tarifs</title></head>"
        f"<body><div>{STORY}</div><div>{related}</div></body></html>"
    )
    (article,) = parse_html(page, url="https://www.example-revue.fr/hs7/tarifs.html")
    assert article.authors == []


NO_CREDIT_LINE = {
    # A menu entry under a logo's <h1>.
    "menu under the logo": (
        '<h1 class="logo">Harbour Daily</h1><ul class="menu"><li class="menu-authors">'
        "Our Writers</li><li>Sports</li></ul>"
    ),
    # A credit glued to a "more articles" link: two pieces, not one name.
    "credit glued to a link": (
        '<h1>Bus fares rise</h1><div class="author-box"><a class="name" href="/a/jo">Jo Roe</a>'
        '<a class="more" href="/a/jo">View More Articles</a></div>'
    ),
}


@pytest.mark.parametrize("markup", NO_CREDIT_LINE.values(), ids=NO_CREDIT_LINE.keys())
def test_a_menu_entry_or_a_glued_link_under_the_headline_is_no_credit_line(markup):
    tree = lxml.html.fromstring(f"<html><body>{markup}<div>{STORY}</div></body></html>")
    assert headline_credit_names(tree) == []


def test_a_menu_heading_such_as_our_writers_is_nobody():
    menu = (
        '<nav><ul><li class="menu-authors"><a href="/writers">Our Writers</a></li>'
        '<li><a href="/">Home</a></li></ul></nav>'
    )
    (article,) = parse_html(_page("<title>Bus fares rise</title>", before=menu), url=URL)
    assert article.authors == []


def test_a_name_that_only_looks_like_a_heading_is_still_a_person():
    head = '<meta name="author" content="Aurora Allman"><title>Bus fares rise</title>'
    (article,) = parse_html(_page(head), url=URL)
    assert article.authors == ["Aurora Allman"]
