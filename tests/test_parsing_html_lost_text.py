"""Text lost before extraction (issue 16 item 5): copyright words, wire photo captions with
their own dateline, React's comment markers; and a template's empty date."""

from articles.parsing import parse_html, parse_text

COURT = [
    "A federal court ruled on Monday that the band owes $2.5 million to the songwriter.",
    "The jury found that the band copied 8 bars of the 1971 song, a copyright infringement.",
    "The songwriter sued in 2013, saying the copyright on the melody was hers since 1971.",
    "Lawyers for the band said they would appeal to the 9th Circuit within 30 days.",
]


def _page(body: str, *, lang: str = "en", head: str = "", title: str = "") -> str:
    title = title or "Court rules on music copyright case"
    return (
        f'<html lang="{lang}"><head><title>{title}</title>{head}'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def test_a_story_paragraph_about_copyright_stays_and_the_notice_goes():
    body = "".join(f"<p>{p}</p>" for p in COURT)
    body += "<p>Copyright © 2019 The Sample Times. All rights reserved.</p>"
    (article,) = parse_html(_page(body))
    assert article.body.split("\n\n") == COURT


def test_a_first_paragraph_opening_with_a_photo_credit_keeps_its_story_without_the_credit():
    first = f"<p>Photo: Jane Roe/Sample Wire © 2019 {COURT[0]}</p>"
    body = first + "".join(f"<p>{p}</p>" for p in COURT[1:])
    (article,) = parse_html(_page(body))
    assert article.body.split("\n\n") == COURT


def test_a_pasted_text_keeps_its_copyright_story_and_drops_the_notice():
    text = "\n".join([*COURT, "© 2019 Sample Wire. All rights reserved."])
    (article,) = parse_text(text, title="Court rules on music copyright case")
    assert article.body.split("\n\n") == COURT


def test_react_comment_markers_between_text_nodes_lose_no_words():
    pieces = [p.replace(" the ", " <!-- -->the <!-- -->", 1) + "<!-- -->" for p in COURT]
    assert all("<!--" in p for p in pieces)
    body = "".join(f"<p>{p}</p>" for p in pieces)
    (article,) = parse_html(_page(body))
    assert article.body.split("\n\n") == COURT


STORY_KO = [
    "정부는 10일 내년 예산을 3조원 늘린다고 밝혔다.",
    "기획재정부는 이날 발표에서 복지 예산이 12% 늘어난다고 설명했다.",
    "정부는 지난해에도 예산을 2조원 늘렸다. 국회는 다음 달 5일 예산안을 심의한다.",
]
CAPTION_KO = (
    "(서울=연합뉴스) 홍길동 기자 = 10일 서울 종로구 정부서울청사에서 차관이 브리핑하고 있다. "
    "2023.7.10 hong@yna.co.kr"
)
TITLE_KO = "정부, 내년 예산 3조원 증액"


def _ko_paragraphs() -> list[str]:
    return [
        "(서울=연합뉴스) 김철수 기자 = " + STORY_KO[0],
        STORY_KO[1],
        CAPTION_KO,
        STORY_KO[2],
        "kim@yna.co.kr",
    ]


def test_a_wire_photo_caption_inside_an_article_does_not_split_the_page():
    body = "".join(f"<p>{p}</p>" for p in _ko_paragraphs())
    head = f'<meta property="og:title" content="{TITLE_KO}">'
    (article,) = parse_html(_page(body, lang="ko", head=head, title=TITLE_KO))
    assert article.title == TITLE_KO
    assert article.authors == ["김철수"]
    assert article.body.split("\n\n") == STORY_KO


def test_a_wire_photo_caption_in_pasted_text_does_not_split_the_article():
    (article,) = parse_text("\n".join([TITLE_KO, *_ko_paragraphs()]))
    assert article.title == TITLE_KO
    assert article.authors == ["김철수"]
    assert article.body.split("\n\n") == STORY_KO


def test_a_caption_dateline_in_the_middle_of_a_paragraph_goes_with_its_caption():
    paragraph = f"{STORY_KO[0]} {STORY_KO[1]} {CAPTION_KO} {STORY_KO[2]}"
    (article,) = parse_text("\n".join([TITLE_KO, "(서울=연합뉴스) 김철수 기자 = " + paragraph]))
    assert article.body == " ".join(STORY_KO)


def test_a_templates_empty_date_is_no_publication_date():
    head = '<meta property="article:published_time" content="0001-01-01T00:00:00Z">'
    body = "".join(f"<p>{p}</p>" for p in COURT)
    (article,) = parse_html(_page(body, head=head), fallbacks=False)
    assert article.published_at is None


def _dated(published: str) -> str:
    head = f'<meta property="article:published_time" content="{published}">'
    return _page("".join(f"<p>{p}</p>" for p in COURT), head=head)


def test_a_us_pages_evening_utc_instant_is_on_the_day_its_address_names():
    url = "https://example.com/2020/02/24/court-rules/"
    (article,) = parse_html(_dated("2020-02-25T02:25:54Z"), url=url, fallbacks=False)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2020-02-24"
    assert article.published_at.isoformat() == "2020-02-24T21:25:54-05:00"


def test_a_date_the_address_agrees_with_stays_as_the_page_gives_it():
    url = "https://example.com/2020/02/24/court-rules/"
    (article,) = parse_html(_dated("2020-02-24T10:00:00+09:00"), url=url, fallbacks=False)
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2020-02-24T10:00:00+09:00"


def test_a_date_far_from_the_day_in_the_address_gives_way_to_it():
    url = "https://example.com/home/2017/7/12/court-rules"
    (article,) = parse_html(_dated("2019-06-17T18:28:00+02:00"), url=url, fallbacks=False)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2017-07-12"


def test_a_title_with_entities_escaped_twice_reads_them_once():
    head = (
        '<meta property="og:title" content="Band must pay songwriter &amp;#8216;$2.5M&amp;#8217;">'
    )
    page = _page("".join(f"<p>{p}</p>" for p in COURT), head=head, title="The Sample Times")
    (article,) = parse_html(page, fallbacks=False)
    assert article.title == "Band must pay songwriter ‘$2.5M’"


def test_a_print_headers_page_address_over_the_headline_leaves_neither_in_the_body():
    title = "Court rules on music copyright case"
    url = "https://www.example-news.com/news/article/Court-rules-on-music-copyright-1234.php"
    page = (
        f"<html lang='en'><head><title>{title}</title></head><body><article>"
        f"<div class='print-header'><span>{url}</span></div><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in COURT)
        + "</article></body></html>"
    )
    (article,) = parse_html(page, url=url)
    assert article.body.split("\n\n") == COURT


def test_an_address_inside_the_story_stays():
    body = "".join(f"<p>{p}</p>" for p in COURT[:2])
    body += "<p>https://www.example.org/ruling.pdf</p>" + f"<p>{COURT[2]}</p>"
    (article,) = parse_html(_page(body))
    assert "https://www.example.org/ruling.pdf" in article.body
