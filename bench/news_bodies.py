"""Every Korean and English news body of the shared corpus, keyed, with its date when the
corpus gives one: the Korean outlet pages and Yonhap English (``gold.jsonl``), fundus (every
country), scrapinghub's article bodies, Korean Wikinews, newspaper4k's Korean and English
texts, and the seed page's three articles. Read in place; nothing is copied."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from bench.extraction_data import CORPUS
from lib.language import detect_language

SEED = "newspim-2020-10-08-wto-page.txt"
NEWSPAPER4K = (
    "korean_article.txt", "yna_co_kr.txt", "cnn_article.txt", "cnn_001.txt", "cnn_002.txt",
    "cleveland.com1.txt", "fox13now_001.txt", "time_001.txt", "wired_001.txt",
)  # fmt: skip


@dataclass(frozen=True)
class Body:
    key: str
    text: str
    language: str
    published_at: datetime | None


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    text = (
        text.strip().replace("Z", "+00:00").replace(".", "-", 2)
        if "." in text[:8]
        else text.strip().replace("Z", "+00:00")
    )
    for fmt in (
        "%Y-%m-%dT%H:%M:%S.%f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
    ):
        try:
            when = datetime.strptime(text, fmt)  # noqa: DTZ007 (given a zone below when naive)
        except ValueError:
            continue
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return None


def seed_articles() -> list[Body]:
    from articles.parsing import parse_text

    raw = (CORPUS / SEED).read_text(encoding="utf-8")
    return [
        Body(f"{SEED}#{i}", a.body, a.language, a.published_at)
        for i, a in enumerate(parse_text(raw))
    ]


def news_bodies() -> Iterator[Body]:
    yield from seed_articles()
    gold = "scrapping-webs-korean-outlets/gold.jsonl"
    seen: set[str] = set()
    for line in (CORPUS / gold).open(encoding="utf-8"):
        row = json.loads(line)
        text = "\n".join(row.get("text") or [])
        if not text.strip() or text in seen:
            continue  # a page the fixtures hold twice
        seen.add(text)
        when = _when((row.get("published_at") or [None])[0])
        yield Body(f"{gold}:{row['id']}", text, detect_language(text, sample=5000), when)
    for path in sorted((CORPUS / "fundus").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, article in data.items():
            body = article.get("body") or {}
            paragraphs = [p for s in body.get("sections", []) for p in s.get("paragraphs", [])]
            text = "\n".join(paragraphs)
            language = detect_language(text, sample=5000)
            if text.strip():
                yield Body(
                    f"fundus/{path.parent.name}/{path.name}:{key}",
                    text,
                    language,
                    _when(article.get("publishing_date")),
                )
    aeb = "scrapinghub-aeb/ground-truth.json"
    for key, value in json.loads((CORPUS / aeb).read_text("utf-8")).items():
        text = value.get("articleBody") or ""
        language = detect_language(text, sample=5000)
        if text.strip() and _latin_or_korean(text):
            yield Body(f"{aeb}:{key}", text, language, None)
    with gzip.open(CORPUS / "ko-wikinews" / "wikinews.csv.gz", "rt", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            text = row["내용"]
            if text.strip():
                yield Body(f"ko-wikinews/wikinews.csv.gz:{i}", text, "ko", _when(row["작성일"]))
    for name in NEWSPAPER4K:
        path = CORPUS / "newspaper4k" / "txt" / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            yield Body(f"newspaper4k/txt/{name}", text, detect_language(text, sample=5000), None)


def _latin_or_korean(text: str) -> bool:
    """Korean or English, not the Russian or Japanese pages of the same set."""
    sample = text[:3000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    ok = sum(("a" <= ch.lower() <= "z") or ("가" <= ch <= "힣") for ch in sample)
    return ok / letters > 0.8
