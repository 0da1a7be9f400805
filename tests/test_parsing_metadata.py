"""Page metadata on pages never seen (issue 16 item 5): which title is the headline, which
names are the authors. Each page here is written for the test, shaped like a failing one."""

import json

import lxml.html

from articles.parsing import parse_html
from articles.parsing.meta import Site, choose_title, lone_by_authors, names, people, strip_site

STORY = "".join(
    f"<p>{line}</p>"
    for line in (
        "The city council voted 7 to 2 on Tuesday to raise bus fares by 10 cents in March.",
        "Fares last rose in 2019, when the council added 25 cents to a single ride.",
        "The transit agency said the increase would bring in $4 million a year.",
    )
)


def _page(head: str, *, body: str = "") -> str:
    return (
        f'<html lang="en"><head>{head}</head><body><article>{body}{STORY}</article></body></html>'
    )


def _ld(node: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


# ---------------------------------------------------------------- titles


def test_the_visible_h1_picks_og_title_over_a_different_json_ld_headline():
    head = _ld({"@type": "NewsArticle", "headline": "Council backs fare rise in 7-2 vote"})
    head += '<meta property="og:title" content="Bus fares to rise 10 cents in March">'
    page = _page(head, body="<h1>Bus fares to rise 10 cents in March</h1>")
    (article,) = parse_html(page, url="https://www.example-news.com/a/1", fallbacks=False)
    assert article.title == "Bus fares to rise 10 cents in March"


def test_without_a_matching_h1_the_json_ld_headline_stays_first():
    head = _ld({"@type": "NewsArticle", "headline": "Council backs fare rise in 7-2 vote"})
    head += '<meta property="og:title" content="Bus fares to rise 10 cents in March">'
    (article,) = parse_html(_page(head, body="<h1>Example News</h1>"), fallbacks=False)
    assert article.title == "Council backs fare rise in 7-2 vote"


def test_a_truncated_json_ld_headline_gives_way_to_the_whole_title_the_h1_shows():
    whole = "Council raises bus fares by 10 cents after a long debate on the budget"
    head = _ld({"@type": "NewsArticle", "headline": "Council raises bus fares by 10 cents..."})
    head += f"<title>{whole} | Example News</title>"
    (article,) = parse_html(
        _page(head, body=f"<h1>{whole}</h1>"),
        url="https://www.example-news.com/a/1",
        fallbacks=False,
    )
    assert article.title == whole


def test_the_sites_name_from_the_address_is_cut_from_the_end_with_what_follows_it():
    site = Site("https://www.gazettepost.com/2024/05/fares/")
    assert strip_site("Fares rise again -- Gazettepost.com", site) == "Fares rise again"
    assert (
        strip_site(
            "Fares rise again | The Gazette Post | by Ann Lee",
            Site("https://www.thegazettepost.com/x"),
        )
        == "Fares rise again"
    )
    assert strip_site("Fares rise again - Gazette Post Online - News, Sport", site) == (
        "Fares rise again"
    )
    # A headline that opens with the site's name keeps it; only the trailing segment goes.
    assert strip_site("Gazettepost readers vote - Gazettepost", site) == "Gazettepost readers vote"


def test_a_leading_site_name_goes_and_a_breadcrumb_keeps_its_last_part():
    site = Site("http://fareblog.eu/2019/10/21/fares/")
    assert strip_site("Fareblog Notes » Blog Archive » Fares rise again", site) == (
        "Fares rise again"
    )
    assert strip_site("Fareblog\n  | Fares rise again", site) == "Fares rise again"


def test_a_dangling_separator_is_not_part_of_the_title():
    assert strip_site("Fares rise again -", Site("")) == "Fares rise again"


def test_a_page_with_only_a_title_takes_the_h1_that_opens_it():
    assert (
        choose_title(
            "",
            "",
            "Roasted Chicken with Rice Recipe | Brand Kitchen",
            ["Roasted Chicken with Rice"],
            Site("https://www.example.org/recipes/1"),
        )
        == "Roasted Chicken with Rice"
    )


def test_an_outlet_named_by_og_site_name_is_cut_from_og_title():
    head = '<meta property="og:title" content="Bus fares to rise | Example Daily">'
    head += '<meta property="og:site_name" content="Example Daily">'
    (article,) = parse_html(_page(head), fallbacks=False)
    assert article.title == "Bus fares to rise"


# ---------------------------------------------------------------- authors


def test_live_blog_and_main_entity_json_ld_give_every_author():
    live = {
        "@type": "LiveBlogPosting",
        "headline": "Fares live",
        "author": [{"@type": "Person", "name": n} for n in ("Ann Lee", "Bo Kim", "Cy Day")],
    }
    (article,) = parse_html(_page(_ld(live)), fallbacks=False)
    assert article.authors == ["Ann Lee", "Bo Kim", "Cy Day"]
    wrapped = {
        "mainEntity": {
            "@type": "NewsArticle",
            "headline": "Fares",
            "author": [{"@type": "Person", "name": "Rae Moss"}],
        }
    }
    head = _ld(wrapped) + '<meta name="dc.creator" content="Moss, Rae">'
    (article,) = parse_html(_page(head), fallbacks=True)
    assert article.authors == ["Rae Moss"]


def test_every_meta_author_counts_and_the_outlet_among_them_is_not_a_person():
    head = '<meta property="og:site_name" content="Example Daily">'
    head += '<meta name="author" content="Example Daily">'
    head += '<meta name="author" content="Ann Lee">'
    head += '<meta name="author" content="Bo Kim, Example Daily">'
    (article,) = parse_html(_page(head), fallbacks=False)
    assert article.authors == ["Ann Lee", "Bo Kim"]


def test_an_outlet_given_as_the_only_author_stays_when_the_page_names_no_person():
    head = '<meta property="og:site_name" content="Example Daily">'
    head += _ld(
        {
            "@type": "NewsArticle",
            "headline": "Fares",
            "author": {"@type": "Organization", "name": "Example Daily"},
        }
    )
    (article,) = parse_html(_page(head), fallbacks=False)
    assert article.authors == ["Example Daily"]


def test_an_organization_author_gives_way_to_the_reporter_in_the_byline():
    head = '<meta property="og:site_name" content="Example Daily">'
    head += _ld(
        {
            "@type": "NewsArticle",
            "headline": "Fares",
            "author": {"@type": "Organization", "name": "Example Daily"},
        }
    )
    (article,) = parse_html(_page(head, body="<p class='byline'>By Ann Lee</p>"))
    assert article.authors == ["Ann Lee"]


def test_author_values_lose_by_degrees_handles_roles_and_placeholders():
    assert names("By Glen Owen And Brendan Carlin For The Sunday Example") == [
        "Glen Owen",
        "Brendan Carlin",
    ]
    assert names("Grant Lee, PhD") == ["Grant Lee"]
    assert names("Williams Perez @wperez") == ["Williams Perez"]
    assert names("Sarah Lane Twitter") == ["Sarah Lane"]
    assert names("No Author") == []
    assert names("홍길동 기자") == ["홍길동"]
    site = Site("https://www.phillytimes.com/x")
    assert people(["Adam Aron PhillyTimes Staff"], site) == ["Adam Aron"]
    assert people(["phillytimes.com"], site) == []


def test_microdata_authors_of_the_article_not_of_related_cards_or_comments():
    byline = "".join(
        f'<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        f'<span itemprop="name">{n}</span></span> '
        for n in ("KEVIN SACK", "SHERI FINK")
    )
    cards = (
        '<div itemscope itemtype="https://schema.org/Article"><span itemprop="author">Ann Lee'
        '</span></div><div class="comment-author" itemprop="author">reader42</div>'
    )
    page = (
        '<html lang="en"><head><title>Fares</title></head><body><article>'
        f"<p>By {byline}</p>{STORY}</article><aside>{cards}</aside></body></html>"
    )
    (article,) = parse_html(page, fallbacks=False)
    assert article.authors == ["KEVIN SACK", "SHERI FINK"]


def test_a_byline_of_several_names_on_its_line_gives_each_name():
    body = "<p>By Ann Lee, Bo Kim and Cy Day\nTwitter</p>"
    (article,) = parse_html(_page("<title>Fares</title>", body=body))
    assert article.authors == ["Ann Lee", "Bo Kim", "Cy Day"]


def test_a_korean_photo_credit_is_not_the_reporter():
    body = (
        "<p>시의회는 버스 요금을 100원 올리기로 의결했다. 인상은 3월부터 적용된다.</p>"
        "<p>사진=홍길동 기자</p><p>(예시연예뉴스 김철수 기자)</p>"
    )
    page = (
        '<html lang="ko"><head><title>버스 요금 인상</title></head><body><article>'
        f"{body}</article></body></html>"
    )
    (article,) = parse_html(page)
    assert article.authors == ["김철수"]


def test_a_lone_h1_in_none_of_the_metadatas_words_is_the_headline():
    head = _ld({"@type": "NewsArticle", "headline": "Fares: what the vote means"})
    head += '<meta property="og:title" content="Bus fares rise">'
    page = _page(head, body="<h1>Council votes to raise bus fares by 10 cents</h1>")
    (article,) = parse_html(page, fallbacks=False)
    assert article.title == "Council votes to raise bus fares by 10 cents"


def test_an_h1_with_a_kicker_around_the_title_gives_the_title():
    head = _ld({"@type": "NewsArticle", "headline": "Why bus fares rise again"})
    page = _page(head, body="<h1><span>Transit</span>Why bus fares rise again</h1>")
    (article,) = parse_html(page, fallbacks=False)
    assert article.title == "Why bus fares rise again"


def test_json_ld_article_is_preferred_to_a_webpage_node_listed_before_it():
    graph = {
        "@graph": [
            {"@type": "WebPage", "datePublished": "2024-03-05T09:30:00+00:00"},
            {
                "@type": "Article",
                "headline": "Fares &#038; fees rise",
                "author": {"name": "Ann Lee"},
            },
        ]
    }
    (article,) = parse_html(_page(_ld(graph), body="<h1>Fares &amp; fees rise</h1>"))
    assert article.title == "Fares & fees rise"
    assert article.authors == ["Ann Lee"]


def test_a_lone_h1_that_is_the_sites_name_is_not_the_headline():
    page = (
        '<html lang="en"><head><title>Fareblog Notes » Archive » Bus fares rise again</title>'
        f"</head><body><h1>Fareblog Notes</h1><article>{STORY}</article></body></html>"
    )
    (article,) = parse_html(page, url="http://fareblog.eu/2019/10/21/fares/", fallbacks=False)
    assert article.title == "Bus fares rise again"


def test_a_json_ld_author_given_by_id_is_the_graphs_person_of_that_id():
    graph = {
        "@graph": [
            {
                "@type": "Article",
                "headline": "Fares rise",
                "author": {"@id": "https://example.org/#/person/1"},
            },
            {"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Tia Turner"},
        ]
    }
    (article,) = parse_html(_page(_ld(graph)), fallbacks=False)
    assert article.authors == ["Tia Turner"]


def test_a_posted_by_line_with_a_team_after_a_dash_gives_the_names():
    body = "<p>Posted by Nate Parr, Eric Mill and Kiran C Nair - Chrome Browsing team</p>\n"
    (article,) = parse_html(_page("<title>Fares</title>", body=body), fallbacks=False)
    assert article.authors == ["Nate Parr", "Eric Mill", "Kiran C Nair"]


def test_a_by_the_outlet_line_gives_way_to_the_next_byline_naming_a_person():
    head = '<meta property="og:site_name" content="The Fare Press">'
    body = "<p>By The Fare Press - January 2020</p>\n<p>Written by: Julie Moll</p>\n"
    (article,) = parse_html(_page(head, body=body), fallbacks=False)
    assert article.authors == ["Julie Moll"]


def test_an_h1_that_ends_the_title_is_the_sites_block_and_is_cut():
    page = (
        '<html lang="en"><head><title>Bus fares - Transit Notes - Fares in Berlin</title>'
        f"</head><body><h1>Transit Notes - Fares in Berlin</h1><article>{STORY}</article>"
        "</body></html>"
    )
    (article,) = parse_html(page, url="http://transit.example.com/fares", fallbacks=False)
    assert article.title == "Bus fares"


def test_an_escaped_json_ld_headline_takes_og_titles_spelling_of_the_same_words():
    # The CMS wrote the JSON-LD headline with character references ("&#8217;"); og:title
    # carries the same words as the editor typed them.
    head = _ld({"@type": "NewsArticle", "headline": "Mayor&#8217;s &#8216;fair fare&#8217; plan"})
    head += '<meta property="og:title" content="Mayor\'s \'fair fare\' plan | Example News">'
    page = _page(head, body="<h1>Mayor’s ‘fair fare’ plan</h1>")
    (article,) = parse_html(page, url="https://www.example-news.com/a/1", fallbacks=False)
    assert article.title == "Mayor's 'fair fare' plan"
    # The headline the page shows, spelled its own way, still leaves the body.
    assert "fair fare" not in article.body


def test_a_json_ld_headline_in_plain_characters_keeps_its_own_spelling():
    head = _ld({"@type": "NewsArticle", "headline": "Mayor’s fare plan"})
    head += '<meta property="og:title" content="Mayor\'s fare plan">'
    page = _page(head, body="<h1>Mayor’s fare plan</h1>")
    (article,) = parse_html(page, url="https://www.example-news.com/a/1", fallbacks=False)
    assert article.title == "Mayor’s fare plan"


def test_a_by_standing_alone_in_its_element_gives_the_names_that_follow_it():
    body = (
        '<div class="x1"><h1>Fares</h1><div class="q7"><span>By</span> <span>'
        '<a href="/team/jane-roe">Jane Roe</a></span><span> and </span><a href="/team/bo-kim">'
        "Bo Kim</a> <span>Thursday, May 2, 2024 4:41AM</span></div></div>"
    )
    (article,) = parse_html(_page("<title>Fares</title>", body=body))
    assert article.authors == ["Jane Roe", "Bo Kim"]


def test_a_by_in_a_screen_reader_span_gives_the_name_and_keeps_its_initial():
    body = (
        '<div class="meta"><span>yas!</span> <span class="sr">| By :</span> '
        "<span>Joe S.</span> | <time>April 13, 2020</time></div>"
    )
    (article,) = parse_html(_page("<title>Fares</title>", body=body))
    assert article.authors == ["Joe S."]


def test_a_site_name_glued_to_a_cjk_title_by_an_unspaced_dash_is_cut():
    body = (
        "<p>市议会周二以七票对两票通过决定，从三月起将公交车票价提高十美分。</p>"
        "<p>票价上一次上涨是在二零一九年，当时议会将单程票价提高了二十五美分。</p>"
    )
    page = (
        "<html><head><title>市议会通过公交票价上涨方案！-示例新闻网</title></head>"
        f"<body><article>{body}</article></body></html>"
    )
    (article,) = parse_html(page, url="http://www.example-news.cn/local/c_1.htm", fallbacks=False)
    assert article.title == "市议会通过公交票价上涨方案！"


def test_a_cjk_title_ending_in_a_figure_after_a_dash_keeps_it():
    title = Site("http://www.example-news.kr/a/1")
    assert choose_title("", "", "코로나-19", [], title) == "코로나-19"


def test_the_first_rel_author_link_names_the_author_as_written():
    body = (
        '<div class="post-meta">Posted 2008-05-12 <a href="/u/7" rel="author">Dark_Rider</a>'
        " 12 comments</div>"
    )
    aside = '<aside><a href="/u/9" rel="author">Other Writer</a></aside>'
    page = _page("<title>Fares</title>", body=body).replace("</article>", f"</article>{aside}")
    (article,) = parse_html(page)
    assert article.authors == ["Dark_Rider"]


def test_a_by_after_other_words_or_set_in_bold_in_a_sentence_is_no_byline():
    page = (
        "<html><body><figure><figcaption><a href='/p'>Photo</a> by <a href='/u/1'>Ann Lee</a>"
        "</figcaption></figure><p>Stand <b>by</b> me, the choir sang.</p></body></html>"
    )
    assert lone_by_authors(lxml.html.fromstring(page)) == []


def test_a_segment_whose_words_all_make_up_the_hosts_name_is_the_sites_name():
    site = Site("https://www.riverdale-rowingclub.org/news/regatta.html")
    assert strip_site("Riverdale Club - Spring regatta results", site) == "Spring regatta results"
    assert strip_site("Spring regatta results | Rowing Club", site) == "Spring regatta results"
    assert strip_site("Riverdale wins the spring regatta - Results", site) == (
        "Riverdale wins the spring regatta - Results"
    )


def test_spanish_and_german_joins_separate_names_and_a_reading_time_is_no_name():
    assert names("Ana Ruiz; Luis Mora y José Miguel Soto Tiempo de lectura") == [
        "Ana Ruiz",
        "Luis Mora",
        "José Miguel Soto",
    ]
    assert names("Anna Weber und Jonas Vogt") == ["Anna Weber", "Jonas Vogt"]
    assert names("Jane Roe 4 min read") == ["Jane Roe"]


def test_an_editors_or_translators_credit_names_no_author():
    assert names("Revised Edition Edited by Ann Lee") == []
    assert names("Translated by Bo Kim") == []
    assert names("Ann Lee") == ["Ann Lee"]


def test_a_byline_led_by_dashes_gives_the_name():
    body = "<div>\n---- by Ann Lee\n</div>"
    (article,) = parse_html(_page("<title>Fares</title>", body=body))
    assert article.authors == ["Ann Lee"]
    assert "by Ann Lee" not in article.body
