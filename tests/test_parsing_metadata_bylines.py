"""Page metadata, third round (issue 16 item 5): breadcrumb titles, the byline against a
JSON-LD author, analytics author tags, roles and split person names. Each page here is
written for the test."""

import json

from articles.parsing import parse_html
from articles.parsing.meta import Site, names, people, strip_site

STORY = "".join(
    f"<p>{line}</p>"
    for line in (
        "The city council voted 7 to 2 on Tuesday to raise bus fares by 10 cents in March.",
        "Fares last rose in 2019, when the council added 25 cents to a single ride.",
        "The transit agency said the increase would bring in $4 million a year.",
    )
)
URL = "https://www.example-news.com/2024/03/05/bus-fares/"


def _page(head: str, *, body: str = "") -> str:
    return (
        f'<html lang="en"><head>{head}</head><body><article>{body}{STORY}</article></body></html>'
    )


def _ld(node: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def _byline(*people_names: str) -> str:
    links = ", ".join(
        f'<a rel="author" href="/author/{i}">{n}</a>' for i, n in enumerate(people_names)
    )
    return f'<div class="byline" itemprop="author">By {links}</div>'


# ---------------------------------------------------------------- titles


def test_a_breadcrumb_title_gives_its_last_part_when_the_sites_name_is_unknown():
    site = Site("https://www.rcc-example.de/news/12")
    title = "Riverside Cycling Club e.V. - News » Spring ride to the coast"
    assert strip_site(title, site) == "Spring ride to the coast"


def test_a_page_with_only_a_breadcrumb_title_is_headed_by_its_last_part():
    head = "<title>Riverside Cycling Club e.V. - News » Spring ride to the coast</title>"
    (article,) = parse_html(
        _page(head, body="<h1>Latest news</h1><h1>Club shop</h1>"),
        url="https://www.rcc-example.de/news/12",
        fallbacks=False,
    )
    assert article.title == "Spring ride to the coast"


def test_a_breadcrumb_that_opens_with_the_headline_is_not_cut_to_its_last_part():
    site = Site("https://www.rcc-example.de/news/12")
    title = "Council raises bus fares for March » Local » News » Riverside Daily"
    assert strip_site(title, site) == title


def test_a_title_without_a_breadcrumb_keeps_its_parts():
    site = Site("https://www.rcc-example.de/news/12")
    assert strip_site("Spring ride - to the coast", site) == "Spring ride - to the coast"


# ---------------------------------------------------------------- authors


def test_a_json_ld_author_the_byline_and_a_meta_tag_do_not_name_gives_way_to_the_byline():
    head = _ld({"@type": "NewsArticle", "headline": "Bus fares", "author": {"name": "Web Poster"}})
    head += '<meta name="parsely-author" content="Jane Roe">'
    head += '<meta name="parsely-author" content="Bo Kim">'
    (article,) = parse_html(
        _page(head, body=_byline("Jane Roe", "Bo Kim")), url=URL, fallbacks=False
    )
    assert article.authors == ["Jane Roe", "Bo Kim"]


def test_a_json_ld_author_stays_when_no_meta_tag_repeats_the_byline():
    head = _ld({"@type": "NewsArticle", "headline": "Bus fares", "author": {"name": "Ann Lee"}})
    (article,) = parse_html(
        _page(head, body=_byline("Jane Roe", "Bo Kim")), url=URL, fallbacks=False
    )
    assert article.authors == ["Ann Lee"]


def test_a_json_ld_author_the_meta_tags_also_name_stays():
    head = _ld({"@type": "NewsArticle", "headline": "Bus fares", "author": {"name": "Ann Lee"}})
    head += '<meta name="author" content="Ann Lee, Bo Kim">'
    (article,) = parse_html(_page(head, body=_byline("Bo Kim")), url=URL, fallbacks=False)
    assert article.authors == ["Ann Lee"]


def test_analytics_author_tags_name_the_author_when_the_standard_tags_do_not():
    head = '<meta property="dable:author" content="Digital News Desk">'
    head += '<meta name="author" content="Example News">'
    head += '<meta property="og:site_name" content="Example News">'
    (article,) = parse_html(_page(head), url=URL, fallbacks=False)
    assert article.authors == ["Digital News Desk"]


def test_an_address_slug_in_an_author_tag_is_no_name():
    head = '<meta name="parsely-author" content="jane-roe">'
    (article,) = parse_html(_page(head), url=URL, fallbacks=False)
    assert "jane-roe" not in article.authors


def test_a_role_beside_a_name_is_dropped_and_a_role_alone_stays():
    site = Site(URL, "Example News")
    assert people(names("By Jane Roe, Senior Political Correspondent"), site) == ["Jane Roe"]
    assert people(names("Jane Roe; Staff Writer"), site) == ["Jane Roe"]
    assert people(names("Metro staff reporter"), site) == ["Metro staff reporter"]


def test_a_byline_of_two_names_joined_by_and_gives_both():
    site = Site(URL)
    assert people(names("By Jane Roe and Bo Kim"), site) == ["Jane Roe", "Bo Kim"]


def test_a_json_ld_person_given_by_given_and_family_name_is_named():
    author = [
        {"@type": "Person", "givenName": "Jane", "familyName": "Roe"},
        {"@type": "Person", "name": "Bo Kim"},
    ]
    head = _ld({"@type": "NewsArticle", "headline": "Bus fares", "author": author})
    (article,) = parse_html(_page(head), url=URL, fallbacks=False)
    assert article.authors == ["Jane Roe", "Bo Kim"]
