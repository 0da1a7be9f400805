"""Page metadata, third round (issue 16 item 5): breadcrumb titles, the byline against a
JSON-LD author, analytics author tags, roles and split person names. Each page here is
written for the test."""

import json

import pytest

from articles.parsing import ParseError, parse_html
from articles.parsing.meta import Site, names, people, strip_site
from tests.test_parsing_metadata import STORY  # the same made-up story

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


# ---------------------------------------------------------------- script-rendered pages


def _shell(head: str, data: dict) -> str:
    state = json.dumps({"queries": [{"state": {"data": data}}]})
    return (
        f'<html lang="ko"><head>{head}</head><body><main><div class="spinner"></div></main>'
        f'<script>window["__STATE__"] = window["__STATE__"] || [];'
        f'window["__STATE__"].push({state});</script></body></html>'
    )


def test_a_shell_page_gives_the_article_its_script_data_holds_as_html():
    paragraphs = [
        "시의회가 화요일 시내버스 요금을 다음 달부터 10원 올리는 안을 7대 2로 통과시켰다.",
        "요금이 마지막으로 오른 것은 2019년으로, 당시 한 번 타는 데 25원이 올랐다.",
        "교통공사는 이번 인상으로 한 해 40억원의 수입이 늘 것으로 내다봤다.",
    ]
    content = (
        '<div class="editor-img-box"><img src="/a.jpg"><div class="caption"><p>시의회 본회의장'
        " 모습. 예시일보 자료사진</p></div></div>$$ARTICLEAD$$"
        + "".join(f'<p class="editor-p">{p}</p>' for p in paragraphs)
    )
    head = '<meta property="og:title" content="시내버스 요금 10원 오른다-사회ㅣ예시일보">'
    head += '<meta property="og:site_name" content="예시일보">'
    head += '<meta name="author" content="홍길동 기자">'
    (article,) = parse_html(
        _shell(head, {"detail": {"contentHtml": content}}),
        url="https://www.example-ilbo.co.kr/news/article/A1",
        fallbacks=False,
    )
    assert article.body.split("\n\n") == paragraphs
    assert article.title == "시내버스 요금 10원 오른다"
    assert article.authors == ["홍길동"]


def test_a_title_set_with_a_typographic_dash_is_kept_over_its_ascii_social_copy():
    head = '<meta property="og:title" content="Whisky tastings January - May 2020 in Halle">'
    head += "<title>Whisky tastings January – May 2020 in Halle - tasting-example.com</title>"
    page = _page(head, body="<h1>tasting-example.com</h1>")
    (article,) = parse_html(page, url="https://www.tasting-example.com/dates/5", fallbacks=False)
    assert article.title == "Whisky tastings January – May 2020 in Halle"


def test_a_social_title_in_other_words_than_the_page_title_is_not_respelled():
    head = '<meta property="og:title" content="Whisky tastings - the dates">'
    head += "<title>Whisky tastings – January to May - tasting-example.com</title>"
    page = _page(head, body="<h1>tasting-example.com</h1>")
    (article,) = parse_html(page, url="https://www.tasting-example.com/dates/5", fallbacks=False)
    assert article.title == "Whisky tastings - the dates"


def test_a_korean_title_ending_in_a_figure_before_the_sites_name_keeps_it():
    site = Site("https://www.example-ilbo.co.kr/news/1", "예시일보")
    assert (
        strip_site("확진자 300명 넘어 코로나-19ㅣ예시일보", site) == "확진자 300명 넘어 코로나-19"
    )


def test_a_shell_page_without_article_data_is_still_no_article():
    with pytest.raises(ParseError):
        parse_html(_shell("<title>예시일보</title>", {"detail": {"title": "x"}}), fallbacks=False)


# ---------------------------------------------------------------- bylines in the page's text

GERMAN_STORY = "".join(
    f"<p>{line}</p>"
    for line in (
        "Der Stadtrat hat am Dienstag mit sieben zu zwei Stimmen höhere Busfahrpreise beschlossen.",
        "Eine einfache Fahrt kostet ab März zehn Cent mehr als bisher.",
        "Die Verkehrsbetriebe rechnen mit Mehreinnahmen von vier Millionen Euro im Jahr.",
    )
)


def test_a_german_byline_with_its_agency_names_the_reporter_not_the_site():
    head = '<meta name="author" content="example-zeitung.de">'
    page = (
        f'<html lang="de"><head>{head}</head><body><article><h1>Busfahren wird teurer</h1>'
        f"<p>Quelle: Agentur</p>\n<div>Von Jana Roth, dpa</div>\n{GERMAN_STORY}"
        "</article></body></html>"
    )
    (article,) = parse_html(page, url="https://www.example-zeitung.de/news/123", fallbacks=False)
    assert article.authors == ["Jana Roth"]


def test_a_lone_author_label_names_the_user_name_after_it():
    byline = (
        '<div class="left">Author: <a href="/profile/58"><b>Bo2man</b></a>'
        " am 29.12.2010, 13:36 Uhr</div>"
    )
    (article,) = parse_html(_page("", body=byline), url=URL, fallbacks=False)
    assert article.authors == ["Bo2man"]


def test_an_author_card_names_its_person_not_its_follow_button():
    card = (
        '<div class="author-info"><div class="mini-card"><h3 class="mini-card__title">'
        '<a href="/in/jane-roe">Jane Roe</a>'
        '<a class="author-info__follow-button" href="/login">Follow</a></h3>'
        '<h4 class="mini-card__subtitle">Transport reporter covering buses, trains and the'
        " city's roads since 2015, before that at the Riverside Daily for ten years</h4>"
        "</div></div>"
    )
    (article,) = parse_html(_page("", body=card), url=URL)
    assert article.authors == ["Jane Roe"]


def test_a_page_without_an_author_card_names_no_one_from_its_links():
    links = '<div class="share"><a href="/s">Share</a></div><a href="/more">More news</a>'
    (article,) = parse_html(_page("", body=links), url=URL)
    assert article.authors == []


def _after_story(html: str) -> str:
    return f'<html lang="en"><head></head><body><article>{STORY}</article>{html}</body></html>'


@pytest.mark.parametrize(
    "outside",
    [
        # a WordPress comment list, which trafilatura's own discard list misses
        '<ol class="commentlist"><li><div class="comment-author vcard">'
        '<cite class="fn">Bob Smith</cite></div><p>Great news for the city.</p></li></ol>',
        # a related story's card in a sidebar
        '<aside class="sidebar"><div class="card"><h3>Trams return to the harbour</h3>'
        '<span class="author-name">Mary Jones</span></div></aside>',
    ],
)
def test_a_name_in_a_comment_list_or_a_sidebar_card_is_no_author(outside):
    (article,) = parse_html(_after_story(outside), url=URL)
    assert article.authors == []


def test_the_author_of_a_quotation_in_the_story_is_no_author():
    quote = (
        "<blockquote><p>Public transport is the backbone of a city.</p>"
        '<span class="quote-author">Winston Example</span></blockquote>'
    )
    (article,) = parse_html(_page("", body=quote), url=URL)
    assert article.authors == []


def test_an_author_element_of_the_story_is_still_read_beside_a_comment_list():
    story_author = '<span class="author-name">Jane Roe</span>'
    comments = (
        '<ol class="commentlist"><li><div class="comment-author vcard">'
        '<cite class="fn">Bob Smith</cite></div><p>Great news.</p></li></ol>'
    )
    page = (
        f'<html lang="en"><head></head><body><article>{story_author}{STORY}</article>'
        f"{comments}</body></html>"
    )
    (article,) = parse_html(page, url=URL)
    assert article.authors == ["Jane Roe"]


def _footer(line: str) -> str:
    return (
        f'<html lang="en"><head></head><body><article>{STORY}</article>'
        f'<div id="footer"><p>{line}</p></div></body></html>'
    )


def test_a_personal_sites_copyright_line_names_its_author_when_nothing_else_does():
    page = _footer("Copyright (c) 2012- Jane Roe. All rights reserved. Design by Example.")
    (article,) = parse_html(page, url=URL)
    assert article.authors == ["Jane Roe"]


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Sample Media LLC. All rights reserved.",
        "Copyright 2019 The Riverside Daily. All rights reserved.",
        "© 2024 Example News. All rights reserved.",
    ],
)
def test_a_companys_or_the_sites_copyright_line_names_no_author(line):
    (article,) = parse_html(_footer(line), url=URL)
    assert article.authors == []
