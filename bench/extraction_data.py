"""The corpus and label files the extraction benchmark and the check-worthiness trainer read:
KLUE-NER news, QuanTemp and SNU FactCheck claims, article bodies, and the hand labels of
``bench/data`` (each checked against the digest of the text it was labelled on)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def klue_news() -> Iterator[tuple[str, list[tuple[int, int, str, str]]]]:
    """News sentences (the wikitree half) of KLUE-NER dev with their QT/DT/TI spans."""
    path = CORPUS / "klue-ner" / "klue-ner-v1.1_dev.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("## klue-ner") or not line.split("\t")[0].endswith("wikitree"):
            continue
        marked = line.split("\t", 1)[1]
        plain, spans, at = [], [], 0
        for m in re.finditer(r"<([^<>:]+):([A-Z]{2})>|[^<]+|<", marked):
            text = m.group(1) if m.group(1) else m.group(0)
            if m.group(2) in ("QT", "DT", "TI"):
                spans.append((at, at + len(text), m.group(2), text))
            plain.append(text)
            at += len(text)
        yield "".join(plain), spans


def klue_sentences() -> dict[str, str]:
    """Every news sentence of KLUE-NER dev, plain, by its sentence id."""
    path = CORPUS / "klue-ner" / "klue-ner-v1.1_dev.tsv"
    ids = [
        line.split("\t")[0][3:]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("## klue-ner") and line.split("\t")[0].endswith("wikitree")
    ]
    return dict(zip(ids, (text for text, _ in klue_news()), strict=True))


def quantemp_claims() -> list[str]:
    """QuanTemp's checked English claims, one per line of its test file."""
    lines = (CORPUS / "quantemp" / "test_claims.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def snu_claims() -> list[tuple[str, datetime | None]]:
    """SNU FactCheck's checked Korean claims, each with the date the desk checked it."""
    with (CORPUS / "snu-factcheck-claims" / "fact_checks_final.csv").open(encoding="utf-8") as f:
        return [(_snu_claim(row["title"]), _snu_date(row["date"])) for row in csv.DictReader(f)]


def _snu_claim(title: str) -> str:
    """SNU headlines put the checked claim as a question ('... 1위?'): the claim is the
    statement without the desk's question mark."""
    return re.sub(r"\s*[?？]+\s*$", ".", title.strip())


def _snu_date(text: str) -> datetime | None:
    try:
        return datetime.strptime(text.strip(), "%Y.%m.%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def korean_bodies() -> list[str]:
    bodies = []
    for line in (CORPUS / "scrapping-webs-korean-outlets" / "gold.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        text = "\n".join(row.get("text") or [])
        if len(text) > 300 and sum("가" <= ch <= "힣" for ch in text) > 100:
            bodies.append(text)
    for name in ("HankookIlbo.json", "MBN.json"):
        data = json.loads((CORPUS / "fundus" / "kr" / name).read_text(encoding="utf-8"))
        for article in data.values():
            body = article.get("body") or {}
            paragraphs = [p for s in body.get("sections", []) for p in s.get("paragraphs", [])]
            if paragraphs:
                bodies.append("\n".join(paragraphs))
    return bodies


def english_bodies() -> list[str]:
    path = CORPUS / "scrapinghub-aeb" / "ground-truth.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [v["articleBody"] for v in data.values() if v.get("articleBody")][:150]


DEV_DATA = Path(__file__).resolve().parent / "data"
# The label files, each labelled by hand before any tuning against it (see their headers).
DEV_LABEL_FILES = (
    "extraction_dev_labels.tsv",
    "extraction_dev_labels_2.tsv",
    "extraction_dev_labels_3.tsv",
)
SECOND_LABELLER = "extraction_dev_labels_2_second.tsv"


def _fundus_bodies() -> dict[str, str]:
    """Every fundus article body (Korean and English pages among them), by file and key."""
    bodies = {}
    for path in sorted((CORPUS / "fundus").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, article in data.items():
            body = article.get("body") or {}
            paragraphs = [p for s in body.get("sections", []) for p in s.get("paragraphs", [])]
            bodies[f"fundus/{path.parent.name}/{path.name}:{key}"] = "\n".join(paragraphs)
    return bodies


def dev_bodies() -> dict[str, str]:
    """The article bodies the dev labels point into, by "corpus file:article id"."""
    bodies = {}
    gold = "scrapping-webs-korean-outlets/gold.jsonl"
    for line in (CORPUS / gold).open(encoding="utf-8"):
        row = json.loads(line)
        bodies[f"{gold}:{row['id']}"] = "\n".join(row.get("text") or [])
    aeb = "scrapinghub-aeb/ground-truth.json"
    data = json.loads((CORPUS / aeb).read_text("utf-8"))
    bodies |= {f"{aeb}:{k}": v.get("articleBody") or "" for k, v in data.items()}
    return bodies | _fundus_bodies()


def label_rows(name: str) -> list[list[str]]:
    """The fields of each row of a label file of ``bench/data`` (comments left out)."""
    lines = (DEV_DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def checked_text(text: str, digest: str, where: str) -> str:
    """``text``, once it matches the digest it was labelled with (a label never silently
    points at other words after a corpus or splitter change)."""
    found = hashlib.sha1(text.encode()).hexdigest()[:12]  # noqa: S324
    assert found == digest, f"label {where} no longer matches its text"
    return text


def dev_labels(name: str) -> list[tuple[str, str, int, int, str, bool]]:
    return [
        (language, f"{corpus_file}:{article}", int(start), int(end), digest, label == "1")
        for language, corpus_file, article, start, end, digest, label in label_rows(name)
    ]


def dev_tuning_articles() -> set[str]:
    """The articles of the tuning halves: every other article id of each language, in
    sorted order, of each label file; an article that is already in an earlier file keeps
    that file's half, so no article has sentences on both sides."""
    tuning: set[str] = set()
    placed: set[str] = set()
    for name in DEV_LABEL_FILES:
        labels = dev_labels(name)
        for wanted in ("ko", "en"):
            articles = sorted({article for language, article, *_ in labels if language == wanted})
            tuning.update(a for a in articles[0::2] if a not in placed)
            placed.update(articles)
    return tuning
