"""Page metadata, fourth round (issue 16 item 5): bylines that name the outlet, and titles
and authors a reader finds where the metadata gives none. Each page here is written for
the test."""

from articles.parsing import parse_html
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
