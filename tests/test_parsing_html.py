"""Corpus HTML pages: title, authors, date and main text against their gold files."""

import gzip
import json
from datetime import datetime

import pytest

from articles.parsing import ParsedArticle, parse_document, parse_html
from tests.conftest import corpus_path


def _page(*parts: str, url: str = "") -> ParsedArticle:
    data = gzip.decompress(corpus_path(*parts).read_bytes())
    (article,) = parse_document(data, filename=parts[-1].removesuffix(".gz"), url=url)
    return article


@pytest.mark.parametrize(
    ("name", "key"),
    [("HankookIlbo_2025_05_15.html.gz", "V1"), ("MBN_2025_06_03.html.gz", "V1")],
)
def test_fundus_korean_page_matches_gold_title_authors_and_time(name: str, key: str) -> None:
    publisher = name.split("_")[0]
    gold = json.loads(corpus_path("fundus", "kr", f"{publisher}.json").read_text())[key]
    article = _page("fundus", "kr", name)
    assert article.title == gold["title"]
    assert article.authors == gold["authors"]
    assert article.published_at == datetime.fromisoformat(gold["publishing_date"])
    assert article.language == "ko"


def _gold(page_id: str) -> dict[str, str]:
    for line in corpus_path("scrapping-webs-korean-outlets", "gold.jsonl").open():
        row = json.loads(line)
        if row["id"] == page_id:
            return row
    raise AssertionError(page_id)


def test_mbc_page_has_gold_title_reporter_time_and_outlet() -> None:
    gold = _gold("mbc_test_article_1")
    article = _page("scrapping-webs-korean-outlets", "html", "mbc_test_article_1.html.gz")
    assert article.title == gold["title"][0]
    assert article.authors == ["임소정"]
    assert article.published_at == datetime.fromisoformat(gold["published_at"][0])
    assert article.outlet == "MBC NEWS"
    assert article.body.startswith("캐나다 연방정부 공무원 15만 명이")


def test_sbs_reporter_name_loses_the_gija_title() -> None:
    gold = _gold("sbs_test_article_8")
    article = _page("scrapping-webs-korean-outlets", "html", "sbs_test_article_8.html.gz")
    assert article.title == gold["title"][0]
    assert article.authors == ["유덕기"]
    assert article.published_at == datetime.fromisoformat(gold["published_at"][0])


def test_yonhap_english_title_drops_the_outlet_suffix() -> None:
    gold = _gold("yonhap_en_test_article_5")
    article = _page("scrapping-webs-korean-outlets", "html", "yonhap_en_test_article_5.html.gz")
    assert article.title == gold["title"][0]
    assert article.published_at == datetime.fromisoformat(gold["published_at"][0])
    assert article.language == "en"


def test_scrapinghub_page_body_matches_ground_truth_start_and_metadata() -> None:
    key = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
    truth = json.loads(corpus_path("scrapinghub-aeb", "ground-truth.json").read_text())[key]
    article = _page("scrapinghub-aeb", "html", f"{key}.html.gz", url=truth["url"])
    assert article.title.startswith("Google Stadia, Microsoft xCloud, Apple Arcade")
    assert article.authors == ["Sarah E. Needleman"]
    assert article.body.count("Gaming used to be so simple.") == 1
    words = set(truth["articleBody"].split())
    found = set(article.body.split())
    assert len(words & found) / len(words) > 0.9


def test_json_ld_graph_and_korean_copyright_line_are_handled() -> None:
    html = """<html lang="ko"><head>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"예시일보"},
      {"@type":"NewsArticle","headline":"시장, 예산 3조원 발표",
       "datePublished":"2024-03-05T09:30:00+09:00",
       "author":[{"@type":"Person","name":"홍길동 기자"}],
       "publisher":{"name":"예시일보"}}]}</script>
    </head><body><article>
    <p>[서울=예시일보] 홍길동 기자 = 시장은 5일 내년 예산으로 3조원을 편성했다고 발표했다.
    이는 지난해보다 5% 늘어난 규모다.</p>
    <p>시장은 "복지 예산을 가장 많이 늘렸다"고 말했다. 시의회는 이달 말 예산안을 심의한다.</p>
    <p>hong@example.co.kr</p>
    <p>저작권자 © 예시일보 무단전재 및 재배포 금지</p>
    </article></body></html>"""
    (article,) = parse_html(html)
    assert article.title == "시장, 예산 3조원 발표"
    assert article.authors == ["홍길동"]
    assert article.outlet == "예시일보"
    assert article.published_at == datetime.fromisoformat("2024-03-05T09:30:00+09:00")
    assert article.body.startswith("시장은 5일 내년 예산으로 3조원을 편성했다고")
    assert "무단전재" not in article.body
    assert "@example.co.kr" not in article.body


def test_chosun_script_rendered_page_gives_body_and_reporter_from_arc_content() -> None:
    gold = _gold("chosun_test_article_3")
    article = _page("scrapping-webs-korean-outlets", "html", "chosun_test_article_3.html.gz")
    assert article.title == gold["title"][0]
    assert article.authors == ["박선민"]
    assert article.published_at == datetime.fromisoformat(gold["published_at"][0])
    assert article.body.startswith("예수가 죽음에서 부활했다는 날을 기념하는 부활절 날")


def test_mbn_double_prime_quotes_become_quotation_marks_in_the_title() -> None:
    gold = _gold("mbn_test_article_1")
    article = _page("scrapping-webs-korean-outlets", "html", "mbn_test_article_1.html.gz")
    assert article.title == gold["title"][0]


def test_html_page_with_several_datelined_articles_gives_one_article_each() -> None:
    import html as html_lib

    text = corpus_path("newspim-2020-10-08-wto-page.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line)
    page = f"<html lang='ko'><head><title>뉴스핌</title></head><body><main>{paragraphs}</main>"
    articles = parse_html(page + "</body></html>", url="https://www.newspim.com/news/view/1")
    assert [a.authors for a in articles] == [["노민호"], ["김연순"], ["고인원"]]
    assert articles[0].title.startswith("문대통령, 'WTO 사무총장 도전'")
    assert "클래시스" not in articles[0].body
    assert all("기자 =" not in a.body and "기사입력" not in a.body for a in articles)


def test_page_with_xml_encoding_declaration_parses_from_text() -> None:
    body = "<p>" + "Officials said the river rose 2 metres overnight in the valley. " * 4 + "</p>"
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><head><title>Flood</title></head>'
    (article,) = parse_html(page + f"<body><article>{body}</article></body></html>")
    assert "2 metres" in article.body
