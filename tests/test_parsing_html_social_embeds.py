"""Posts embedded from social networks (issue 16 item 5): an embedded tweet's text is a claim
of its own (a politician's tweet is what a desk checks), so it stays in the body; its
signature ("— Name (@handle) April 26, 2024") and media links ("pic.twitter.com/...") leave
it. A WordPress card of another site's post (another story's headline) leaves whole, as a
paragraph that is only a link does. The story around them, and a story's own blockquote,
stay."""

from articles.parsing import parse_html
from claims.extraction import extract_claims
from tests.boilerplate_pages import body as _body
from tests.boilerplate_pages import page as _page
from tests.boilerplate_pages import pruned as _pruned

TWEET_TEXT = "Through our schools we have started distributing 5 million masks today"
TWEET = (
    f'<blockquote class="twitter-tweet" data-media-max-width="560"><p lang="en" dir="ltr">'
    f'{TWEET_TEXT} #cleanair <a href="https://t.co/x1">pic.twitter.com/x1</a> '
    '<a href="https://t.co/y2">https://t.co/y2</a></p>&mdash; A. Minister (@aminister) '
    '<a href="https://twitter.com/aminister/status/1">April 26, 2024</a></blockquote>'
    '<script async src="https://platform.twitter.com/widgets.js"></script>'
)
CARD = (
    '<blockquote class="wp-embedded-content" data-secret="Xy12"><p><a href="https://x.test/a">'
    "Mayor says 40 percent of roads were repaved in 2023</a></p></blockquote>"
)


def test_an_embedded_tweets_text_stays_without_its_signature_and_media_links():
    html = _page(inside=TWEET)
    for text in (_body(html), _pruned(html)):
        assert TWEET_TEXT in text
        assert "pic.twitter.com" not in text
        assert "t.co/" not in text
        assert "@aminister" not in text
        assert "April 26, 2024" not in text


def test_an_embedded_tweets_claim_holds_no_link_or_signature():
    (article,) = parse_html(_page(inside=TWEET))
    claims = extract_claims(article.body, language="en")
    tweet = [c for c in claims if "5 million masks" in c.text]
    assert len(tweet) == 1
    assert "twitter" not in tweet[0].text
    assert "aminister" not in tweet[0].text


def test_a_card_of_another_sites_post_leaves_the_body():
    html = _page(inside=CARD)
    assert "40 percent of roads" not in _body(html)
    assert "40 percent of roads" not in _pruned(html)


def test_the_storys_own_blockquote_stays_whole():
    quote = (
        "<blockquote><p>The bridge on Elm Street carried 18,000 cars a day before it closed in "
        'June, <a href="https://t.co/z3">https://t.co/z3</a></p>&mdash; the transport '
        "department's report</blockquote>"
    )
    body = _body(_page(inside=quote))
    assert "18,000 cars a day" in body
    assert "https://t.co/z3" in body
    assert "transport department's report" in body


def test_a_blockquote_whose_class_only_mentions_a_network_stays_whole():
    quote = (
        '<blockquote class="pull-quote twitter-share"><p>The bridge on Elm Street carried 18,000 '
        "cars a day before it closed in June</p>&mdash; the transport department</blockquote>"
    )
    body = _body(_page(inside=quote))
    assert "18,000 cars a day" in body
    assert "the transport department" in body
