"""Page chrome the markup names (issue 16 item 5): boxes of other stories, link lists, an
author's bio box, a name's hover card and a photo's caption leave the body; the story stays."""

from articles.parsing import parse_html
from tests.boilerplate_pages import STORY
from tests.boilerplate_pages import body as _body
from tests.boilerplate_pages import page as _page
from tests.boilerplate_pages import pruned as _pruned


def test_a_box_of_latest_stories_with_headline_cards_leaves_the_body():
    cards = "".join(
        f'<li class="col-4"><a href="/news/{i}"><figure><img src="/{i}.jpg" alt=""></figure></a>'
        f'<div class="latest-box-item-headlines"><h3><a href="/news/{i}">{title}</a></h3>'
        f"<h4>{sub}</h4></div></li>"
        for i, (title, sub) in enumerate(
            [
                ("Mayor opens new bridge", "The bridge cost $12 million and took 3 years"),
                ("Schools add 40 teachers", "The district hired 40 teachers for the fall term"),
                ("Storm closes 9 roads", "Crews cleared 9 roads by Sunday night, officials said"),
            ]
        )
    )
    box = (
        '<div class="latest-news-box"><div class="title">Our Latest Stories</div>'
        f'<ul class="latest-news-box-row">{cards}</ul></div>'
    )
    html = _page(after=box)
    _body(html)
    pruned = _pruned(html)
    assert "bridge" not in pruned
    assert "40 teachers" not in pruned
    assert all(line in pruned for line in STORY)


def test_a_list_whose_every_item_is_a_link_leaves_the_body_and_its_heading_too():
    links = (
        "<p><strong>More on roads</strong></p>"
        '<ul><li><a href="/a">15 Amazing Bridges of the World</a></li>'
        '<li><a href="/b">The 11 Biggest Potholes in History</a></li></ul>'
    )
    body = _body(_page(inside=links))
    assert "Amazing Bridges" not in body
    assert "Potholes" not in body
    assert "More on roads" not in body


def test_a_list_whose_items_say_more_than_their_links_stays():
    items = (
        '<ul><li><a href="/x">Main Street</a> gets new asphalt over 2 miles in March</li>'
        '<li><a href="/y">Oak Avenue</a> gets a new drain, costing $80,000 in all</li></ul>'
    )
    body = _body(_page(inside=items))
    assert "Main Street gets new asphalt over 2 miles in March" in body
    assert "Oak Avenue gets a new drain, costing $80,000 in all" in body


def test_a_hover_card_inside_a_sentence_leaves_and_the_sentence_reads_whole():
    sentence = (
        '<p>Council member <span class="rollover-people"><a href="/people/ann-lee">Ann Lee</a>'
        '<span class="rollover-people-block"><span class="rollover-block"><img src="/a.jpg" '
        'alt=""><a class="name" href="/people/ann-lee">Ann Marie Lee</a>'
        '<a href="/news/1">Lee doubles down on road plan</a> '
        '<a href="/news/2">Lee wins second term</a></span></span></span>'
        " voted against the budget after a debate of 3 hours on Tuesday night.</p>"
    )
    body = _body(_page(inside=sentence))
    assert (
        "Council member Ann Lee voted against the budget after a debate of 3 hours on "
        "Tuesday night." in body
    )
    assert "doubles down" not in body


def test_a_tooltips_trigger_holding_the_storys_words_stays():
    sentence = (
        '<p>The region\'s <span class="tooltip" data-tip="gross domestic product">GDP</span>'
        '<span class="tooltip-content">Gross domestic product: the value of all goods</span>'
        " grew 3.1% in 2019, the fastest pace in 12 years, the statistics office said.</p>"
    )
    html = _page(inside=sentence)
    pruned = _pruned(html)
    assert "GDP grew 3.1% in 2019, the fastest pace in 12 years" in pruned
    assert "the value of all goods" not in pruned


def test_a_caption_repeating_its_images_alt_text_leaves_the_body():
    photo = (
        '<div align="center"><img src="/p.jpg" alt="Workers repair Main Street in March 2019">'
        '<span class="minor2 small gray">Workers repair Main Street in March 2019</span></div>'
    )
    body = _body(_page(inside=photo))
    assert "Workers repair" not in body


def test_a_caption_opening_with_its_images_alt_text_leaves_the_body():
    photo = (
        '<div align="center"><img src="/p.jpg" alt="Road repair costs per mile">'
        '<span class="minor2 small gray">Road repair costs per mile for the 14 streets, 2019 to '
        "2024</span></div>"
    )
    body = _body(_page(inside=photo))
    assert "Road repair costs" not in body


def test_a_caption_is_all_the_text_of_a_photo_page_and_stays():
    html = (
        '<html lang="en"><head><title>Storm</title></head><body><article><h1>Storm</h1>'
        '<div><img src="/p.jpg" alt="A fallen tree blocks Oak Avenue after the storm">'
        "<p>A fallen tree blocks Oak Avenue after the storm</p></div></article></body></html>"
    )
    (article,) = parse_html(html)
    assert "A fallen tree blocks Oak Avenue after the storm" in article.body


def test_an_authors_bio_box_leaves_the_body():
    bio = (
        '<div class="author author__default-layout"><div class="author__bio-wrapper">'
        '<div class="author__biography"><p>A 38-year industry veteran, Jane has covered the city '
        "since phones had cords.</p><p>She is a former editor-in-chief of two city papers.</p>"
        "</div></div></div>"
    )
    html = _page(inside=bio)
    body = _body(html)
    pruned = _pruned(html)
    assert "industry veteran" not in body + pruned
    assert "editor-in-chief" not in body + pruned


def test_a_story_whose_container_carries_a_box_word_and_its_headline_stays():
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY)
    html = (
        '<html lang="en"><head><title>Council approves road budget</title></head><body>'
        '<div class="promo-items"><h1>Council approves road budget</h1>'
        f"{paragraphs}</div></body></html>"
    )
    assert _body(html)
    assert all(line in _pruned(html) for line in STORY)
