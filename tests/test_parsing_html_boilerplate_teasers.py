"""More page chrome the markup names (issue 16 item 5): a wall of other stories' teasers, a
"Read more" box, a box of featured links, paragraphs that are only a link to another story,
a breadcrumb trail, a tag list, a caption right under its image, a press release's "About"
block and an agency's info box leave the body; the story around them stays whole."""

from articles.parsing import parse_html
from tests.boilerplate_pages import STORY, TITLE, page
from tests.boilerplate_pages import body as _body
from tests.boilerplate_pages import pruned as _pruned


def _page(*, inside: str = "", after: str = "", before: str = "", title: str = TITLE) -> str:
    """Chrome ``after`` the story's last line sits inside the article's body here."""
    return page(inside=inside, end=after, before=before, title=title)


TEASERS = [
    ("Mayor opens new bridge", "The bridge cost $12 million and took 3 years to build."),
    ("Schools add 40 teachers", "The district hired 40 teachers for the fall term."),
    ("Storm closes 9 roads", "Crews cleared 9 roads by Sunday night, officials said."),
]


def _cards() -> str:
    return "".join(
        f'<div class="cards__card"><a class="cards__image" href="/news/{i}"></a>'
        f'<div class="cards__content"><h2 class="title"><a href="/news/{i}">{title}</a></h2>'
        f'<p class="dek">{dek}</p><p class="writer">Jane Roe</p></div></div>'
        for i, (title, dek) in enumerate(TEASERS)
    )


def test_a_wall_of_teasers_under_more_from_the_site_leaves_and_the_story_around_it_stays():
    # The wall sits inside a wrapper that also holds the story's own paragraphs (a form's box
    # left open), so only the teasers' own box may go.
    wall = (
        '<section class="cards"><div class="container"><h2>More from The Sample Times</h2>'
        f'<div class="cards__row">{_cards()}</div></div></section>'
    )
    html = _page(inside=f'<div class="signup-box"><p>{STORY[1]} (again)</p>{wall}</div>')
    body = _body(html)
    for title, dek in TEASERS:
        assert title not in body
        assert dek not in body
    assert "More from The Sample Times" not in _pruned(html)


def test_a_read_more_box_with_one_linked_headline_leaves_the_body():
    box = (
        '<div class="x1"><h4>Read more</h4><figure><a href="/news/7"><img src="/7.jpg" '
        'alt="The mayor speaks at City Hall"></a></figure><h3><a href="/news/7">Court rejects '
        "mayor's push to toss $7 million verdict in road case</a></h3></div>"
    )
    html = _page(inside=box)
    body = _body(html)
    assert "$7 million verdict" not in body + _pruned(html)


def test_a_section_headed_related_research_over_the_storys_paragraphs_stays():
    section = (
        "<div><h2>Related research</h2><p>A 2019 study of 40 cities found repairs cost 12% more "
        "when they were put off for 2 years.</p><p>The study was paid for by 3 universities.</p>"
        "</div>"
    )
    body = _body(_page(inside=section))
    assert "A 2019 study of 40 cities found repairs cost 12% more" in body
    assert "The study was paid for by 3 universities." in body


def test_a_box_of_featured_links_under_a_short_heading_leaves_the_body():
    featured = (
        '<div id="feature"><h2>New Sample Phone Now Available</h2>'
        '<div><a href="/a">Sample Phone: 2 Cameras, 5G and a 6-Inch Screen</a></div>'
        '<div><a href="/b">First Impressions Praise the Battery Life</a></div>'
        '<div><a href="/c">Sample Tablet Shipping in December</a></div></div>'
    )
    html = _page(before=featured)
    body = _body(html)
    pruned = _pruned(html)
    assert "Now Available" not in body + pruned
    assert "Shipping in December" not in body + pruned


def test_paragraphs_that_are_only_a_link_to_another_story_leave_the_body():
    teasers = (
        "<p>You may also like...</p>"
        '<p><a href="/x">Who will win the city council race in 2026?</a></p>'
        '<p><a href="/y">Road crews finish 14 streets ahead of schedule in 2019</a></p>'
    )
    body = _body(_page(inside=teasers))
    assert "city council race" not in body
    assert "ahead of schedule" not in body


def test_a_linked_sentence_a_linked_name_and_a_linked_address_stay():
    links = (
        '<p><a href="/report">The engineer\'s report found 14 streets in poor shape.</a></p>'
        '<p><a href="/people/ann-lee">Ann Lee</a></p>'
        '<p><a href="http://example.org/2019/roads.html">http://example.org/2019/roads.html</a></p>'
    )
    body = _body(_page(inside=links))
    assert "The engineer's report found 14 streets in poor shape." in body
    assert "http://example.org/2019/roads.html" in body


def test_a_breadcrumb_trail_leaves_the_body():
    trail = (
        '<div class="c9"><ul><li><a href="/">Home</a></li><li><a href="/local/">Local</a></li>'
        '<li><a href="/local/eastside/">Eastside</a></li>'
        "<li>Council Approves Road Budget Of 4 Million</li></ul></div>"
    )
    html = _page(before=trail)
    _body(html)
    assert "Council Approves Road Budget Of 4 Million" not in _pruned(html)


def test_a_list_of_links_that_do_not_nest_stays_a_list():
    items = (
        '<ul><li><a href="/local/">Local</a> roads got $2 million in 2019</li>'
        '<li><a href="/state/">State</a> roads got $9 million in 2019</li>'
        "<li>Private roads got nothing at all in 2019</li></ul>"
    )
    assert "Private roads got nothing at all in 2019" in _pruned(_page(inside=items))


def test_a_tag_list_leaves_the_body():
    tags = (
        '<strong>Tags<br><a href="/tag/roads/" rel="tag">roads 2019</a>, '
        '<a href="/tag/council/" rel="tag">city council budget</a>, '
        '<a href="/tag/eastside/" rel="tag">eastside road repairs 2020</a></strong>'
    )
    html = _page(after=tags)
    _body(html)
    assert "city council budget" not in _pruned(html)


def test_a_caption_alone_right_under_its_image_leaves_the_body():
    photo = (
        '<div class="content">The crews will start on Main Street.<br><img src="/p.jpg" alt="">'
        "<center><em>The new asphalt on Main Street via City Hall</em></center> <br>"
        "The work will take 3 weeks.</div>"
    )
    html = _page(inside=photo)
    _body(html)
    pruned = _pruned(html)
    assert "via City Hall" not in pruned
    assert "The work will take 3 weeks." in pruned


def test_a_sentence_in_italics_under_an_image_stays():
    photo = (
        '<div class="content"><img src="/p.jpg" alt=""><em>The council voted 7 to 2 on the '
        "plan after 3 hours.</em><br>The work will take 3 weeks.</div>"
    )
    assert "The council voted 7 to 2 on the plan after 3 hours." in _pruned(_page(inside=photo))


def test_a_press_releases_about_block_after_a_rule_leaves_the_body():
    about = (
        "<div><hr><p>Acme is a global solutions provider focused on road sensors. Acme is "
        "headquartered in Springfield, has subsidiaries in 15 countries and employs around "
        "1,300 people worldwide.</p></div>"
    )
    html = _page(after=about, title="Acme announces a road sensor partnership")
    (article,) = parse_html(html)
    assert STORY[0] in article.body
    assert "1,300 people" not in article.body
    assert "subsidiaries in 15 countries" not in _pruned(html)


def test_paragraphs_after_a_rule_that_are_not_about_the_titles_organisation_stay():
    more = (
        "<div><hr><p>Acme is a global solutions provider focused on road sensors, and its "
        "sensors will watch 14 streets.</p></div>"
    )
    pruned = _pruned(_page(after=more))
    assert "Acme is a global solutions provider" in pruned


def test_an_agencys_info_box_of_its_own_links_leaves_the_body():
    box = (
        '<div class="Infobox"><div class="Infobox-items"><p><b>What to know about the vote</b>'
        "</p><ul><li><b>Our role:</b> The Sample Press has counted votes since 1848. <a "
        'href="/about">Learn more.</a></li></ul></div></div>'
    )
    body = _body(_page(inside=box))
    assert "counted votes since 1848" not in body


def test_a_teaser_box_inside_a_box_trafilatura_drops_is_left_to_it():
    box = (
        '<div class="article-widget-related_articles"><div class="wrap"><h3>READ MORE:</h3>'
        '<div class="m"><a href="/a"><h3>Mayor opens new bridge</h3></a></div>'
        '<div class="m"><a href="/b"><h3>Schools add 40 teachers</h3></a></div></div></div>'
    )
    html = _page(after=box)
    assert "Mayor opens new bridge" in _pruned(html)
    assert "Mayor opens new bridge" not in _body(html)


def test_a_press_releases_about_block_under_its_about_line_leaves_the_body():
    about = (
        "<div><p><strong>About Acme</strong></p><p>Acme is a road sensor company with 1,300 "
        "employees in 15 countries.</p><p>Acme shares are listed on the Sample Exchange.</p></div>"
    )
    html = _page(after=about, title="Acme announces a road sensor partnership")
    pruned = _pruned(html)
    assert "1,300 employees" not in pruned
    assert "Sample Exchange" not in pruned
    assert STORY[3] in pruned


def test_a_list_whose_last_item_is_the_storys_text_after_nested_links_stays():
    items = (
        '<ul><li><a href="/">Home</a></li><li><a href="/roads/">Roads</a></li>'
        "<li>The engineer found 14 streets in poor shape, and the council asked the city to "
        "repair all of them before the winter of 2026 at a cost of $4.2 million.</li></ul>"
    )
    assert "found 14 streets in poor shape" in _pruned(_page(inside=items))


def test_a_linked_headline_card_after_the_story_leaves_the_body():
    cards = "".join(
        f'<a href="/news/{i}"><h3>Design Week 2018 | {title}</h3></a>'
        for i, (title, _) in enumerate(TEASERS)
    )
    html = _page(after=f"<div>{cards}</div>")
    body, rest = _body(html), _pruned(html)
    assert all(title not in body and title not in rest for title, _ in TEASERS)
    assert all(line in body for line in STORY)


def test_a_section_heading_of_the_story_that_is_no_link_stays():
    heading = "<h3>How the bridge was paid for in 2019</h3>"
    html = _page(inside=heading)
    assert "How the bridge was paid for in 2019" in _body(html)
    assert "How the bridge was paid for in 2019" in _pruned(html)


def test_a_heading_holding_a_link_among_its_words_stays():
    heading = '<h3>How <a href="/bridge">the bridge</a> was paid for in 2019</h3>'
    assert "How the bridge was paid for in 2019" in _pruned(_page(inside=heading))


def test_a_bio_in_a_byline_paragraph_after_the_story_leaves_the_body():
    bio = (
        '<p class="byline">Jane Roe (jane@example.com) is the editor of The Sample Review. '
        "She also runs the Sample Space web site.</p>"
    )
    html = _page(after=bio)
    body = _body(html)
    assert "Sample Space web site" not in body + _pruned(html)
    assert all(line in body for line in STORY)


def test_a_byline_paragraph_over_the_story_still_names_the_author():
    html = _page(before='<p class="byline">By Jane Roe</p>')
    (article,) = parse_html(html)
    assert article.authors == ["Jane Roe"]
    assert "By Jane Roe" not in article.body
