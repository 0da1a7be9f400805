"""The probe of non-news English training pages: its list names labelled English articles,
and its weight reaches only their article units."""

from __future__ import annotations

from bench import news_weight
from bench.claims_train import LABEL_FILES, MORE_FILES, label_rows
from bench.train_checkworthiness import Row


def test_every_page_not_news_is_a_labelled_english_article() -> None:
    names = [LABEL_FILES["en"], *MORE_FILES["en"]]
    labelled = {f"{r[1]}:{r[2]}" for name in names for r in label_rows(name) if r[0] == "en"}
    skipped = news_weight.not_news()
    assert len(skipped) >= 70
    assert skipped <= labelled
    assert not any("ko-wikinews" in article for article in skipped)


def test_the_weight_reaches_only_the_article_units_of_pages_not_news() -> None:
    weight = news_weight.weighted({"a:1"}, 0.25)
    page = Row(None, 0, "a:1", False)
    news = Row(None, 0, "b:2", False)
    lone = Row(None, 1, "a:1", False, lone=True)
    assert weight(page, 0.5) == 0.25
    assert weight(news, 0.5) == 1.0
    assert weight(lone, 0.5) == 0.5
