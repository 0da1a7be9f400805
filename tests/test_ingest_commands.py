"""The extract and ingest commands on the seed page (a Newspim page dump holding three
articles) and on bad input: JSON out, rows stored once, one clear line per bad file."""

import json
from decimal import Decimal

import pytest

from articles.models import Article, ArticleRevision
from claims.models import Claim
from tests.conftest import SEED_PAGE, corpus_path
from tests.factories import run_command as run

SEED_ARTICLES = {
    "WTO": ("2020-10-08T16:57:00+09:00", "2020-10-08T17:00:00+09:00", "노민호"),
    "클래시스": ("2025-02-26T06:00:00+09:00", None, "김연순"),
    "알리바바": ("2025-02-26T19:59:00+09:00", None, "고인원"),
}
SEED_CLAIMS = [
    ("WTO", "35개국에 친서", ["35"]),
    ("WTO", "5개국 정상과 전화통화", ["5"]),
    ("WTO", "20분간", ["20"]),
    ("WTO", "13살이 많다", ["66", "13"]),
    ("클래시스", "지분 61.57%", ["61.57"]),
    ("클래시스", "6700억원에 인수", ["670000000000"]),
    ("클래시스", "3조7800억원", ["3780000000000", "2300000000000"]),
    ("클래시스", "매출액 2429억원", ["242900000000", "122500000000", "34", "36"]),
    ("클래시스", "영업이익률은 48%", ["48"]),
    ("클래시스", "976억원으로 31%", ["97600000000", "31"]),
    ("알리바바", "86.22%", ["86.22", "84.28"]),
    ("알리바바", "네 가지 모델", ["4"]),
    ("알리바바", "66% 상승", ["66"]),
]
DATED = {"date", "time"}
CHROME = [
    "전체기사",
    "Top으로 이동",
    "기사입력",
    "최종수정",
    "@newspim.com",
    "안다쇼핑",
    "베스트 기사",
]


@pytest.fixture(scope="module")
def seed_document():
    out, _err, code = run("extract", str(corpus_path(SEED_PAGE.name)), "--json")
    assert code == 0
    return json.loads(out)


def _article(document, title_word):
    matches = [a for a in document["articles"] if title_word in a["title"]]
    assert len(matches) == 1, f"one article titled with {title_word}"
    return matches[0]


def test_seed_page_yields_three_articles_with_their_metadata(seed_document):
    assert seed_document["source"].endswith(SEED_PAGE.name)
    assert len(seed_document["articles"]) == 3
    for word, (published, updated, author) in SEED_ARTICLES.items():
        article = _article(seed_document, word)
        assert article["published_at"] == published
        if updated:
            assert article["updated_at"] == updated
        assert author in article["authors"]
        assert article["language"] == "ko"
        assert "뉴스핌" in article["outlet"] or "Newspim" in article["outlet"]


@pytest.mark.parametrize(("word", "phrase", "values"), SEED_CLAIMS)
def test_seed_claim_lands_in_its_article_with_normalised_figures(
    seed_document, word, phrase, values
):
    article = _article(seed_document, word)
    claims = [c for c in article["claims"] if phrase in c["text"]]
    assert claims, f"a claim containing {phrase!r}"
    found = {Decimal(f["value"]) for c in claims for f in c["figures"] if f["kind"] not in DATED}
    assert {Decimal(v) for v in values} <= found
    for claim in claims:
        assert article["body"][claim["start"] : claim["end"]] == claim["text"]
        for figure in claim["figures"]:
            assert article["body"][figure["start"] : figure["end"]] == figure["text"]
            assert claim["start"] <= figure["start"] <= figure["end"] <= claim["end"]


def test_seed_approximate_amount_is_marked_approximate(seed_document):
    article = _article(seed_document, "클래시스")
    figures = [f for c in article["claims"] for f in c["figures"] if f["value"] == "670000000000"]
    assert figures and figures[0]["approximate"] is True
    assert figures[0]["unit"] == "KRW" and figures[0]["kind"] == "money"


def test_no_seed_claim_comes_from_page_chrome(seed_document):
    articles = seed_document["articles"]
    assert len(articles) == 3
    for article in articles:
        assert article["claims"], article["title"]
        for claim in article["claims"]:
            assert not any(word in claim["text"] for word in CHROME), claim["text"]
        assert "기사입력" not in article["body"] and "Top으로 이동" not in article["body"]


def test_extract_writes_nothing_to_the_database(db):
    run("extract", str(corpus_path(SEED_PAGE.name)), "--json")
    assert Article.objects.count() == 0 and Claim.objects.count() == 0


def test_extract_prints_one_line_per_source_and_an_error_in_place(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out, _err, code = run("extract", str(SEED_PAGE), str(empty), str(SEED_PAGE))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source"] for line in lines] == [str(SEED_PAGE), str(empty), str(SEED_PAGE)]
    assert "error" in lines[1] and "empty" in lines[1]["error"]
    assert len(lines[0]["articles"]) == 3
    assert code != 0


def test_ingesting_the_seed_page_twice_stores_nothing_new(db):
    first, _, code = run("ingest", str(SEED_PAGE))
    assert code == 0
    counts = (Article.objects.count(), ArticleRevision.objects.count(), Claim.objects.count())
    assert counts[0] == 3 and counts[2] >= 13
    second, _, code = run("ingest", str(SEED_PAGE))
    assert code == 0
    assert (Article.objects.count(), ArticleRevision.objects.count(), Claim.objects.count()) == (
        counts
    )
    assert "3 unchanged" in second


def _bad_inputs(tmp_path):
    files = {
        "empty.txt": b"",
        "blank.txt": b"   \n\t\n  ",
        "binary.bin": b"%PDF-1.4\n\x00\x01\x02\xff" * 50,
        "broken-utf8.txt": "정부는 35개국에 친서를 보냈다.".encode() + b"\xff\xfe\xfa" * 3,
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths[name] = str(path)
    paths["missing.txt"] = str(tmp_path / "missing.txt")
    return paths


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt", "binary.bin", "missing.txt"])
def test_bad_file_fails_with_one_clear_line_and_the_others_still_ingest(db, tmp_path, name):
    bad = _bad_inputs(tmp_path)[name]
    out, err, code = run("ingest", bad, str(SEED_PAGE))
    assert code != 0
    failure_lines = [line for line in err.splitlines() if bad in line]
    assert failure_lines, err
    assert Article.objects.count() == 3


def test_undeclared_euc_kr_file_is_decoded_without_mojibake(db, tmp_path):
    text = (
        "정부, 35개국에 친서 발송\n\n"
        "정부는 유 본부장의 WTO 사무총장 도전과 관련해 35개국에 친서를 보냈다. "
        "문 대통령은 독일과 러시아 등 5개국 정상과 전화통화를 했다.\n"
    )
    path = tmp_path / "euckr.txt"
    path.write_bytes(text.encode("euc-kr"))
    _out, err, code = run("ingest", str(path))
    assert code == 0, err
    revision = ArticleRevision.objects.get()
    assert "35개국에 친서를 보냈다" in revision.body
    assert Claim.objects.filter(text__contains="35개국").exists()


def test_invalid_utf8_is_refused_or_decoded_but_never_stored_as_mojibake(db, tmp_path):
    bad = _bad_inputs(tmp_path)["broken-utf8.txt"]
    _out, err, code = run("ingest", bad)
    revisions = list(ArticleRevision.objects.all())
    if code:
        assert "encoding" in err and bad in err
        assert revisions == []
        return
    assert revisions
    for revision in revisions:
        assert "\ufffd" not in revision.body
        assert "정부는" in revision.body
