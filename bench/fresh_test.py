"""The fresh claim test set of issue 16: 25 whole Korean and 12 whole English news articles
that no earlier label file touches, cut into units by the sentence splitter and labelled
unit by unit against ``bench/data/CODEBOOK.md`` before any rule or model change for the
issue (see the header of ``bench/data/claims_fresh_test_labels.tsv``).

How each body is read (deterministic; a label's sha1 fails loudly if any of this changes):

- ``ko-wikinews/wikinews.csv.gz``: ``gzip.open(..., "rt", encoding="utf-8", newline="")``
  through ``csv.DictReader``; the body is the 내용 field as it stands. Article key ``w042``
  is the 0-based index of the data row (the header row not counted).
- ``newspaper4k/txt/<name>.txt``: ``Path.read_text(encoding="utf-8")`` of the whole file.
  Article key is ``<name>``.
- ``scrapinghub-aeb/ground-truth.json``: ``articleBody`` of the id. Article key is the id.

A unit is a span of ``split_sentences(body, language=...)`` with the article's language.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data"
LABELS = "claims_fresh_test_labels.tsv"
# The commit whose split_sentences cut the units the labels point at.
SPLITTER_COMMIT = "1758087"

WIKINEWS = "ko-wikinews/wikinews.csv.gz"
AEB = "scrapinghub-aeb/ground-truth.json"
NEWSPAPER4K = "newspaper4k/txt"

# Data rows of ko-wikinews, chosen over 2009-2023 and over topics, bodies of 300+ characters.
FRESH_KO = (
    4, 22, 53, 68, 87, 100, 146, 194, 242, 277, 304, 326, 386,
    397, 413, 453, 457, 474, 476, 540, 564, 577, 610, 618, 634,
)  # fmt: skip
# English pages with gold bodies that no label file touches (file stem or aeb id).
FRESH_EN = (
    (NEWSPAPER4K, "cnn_002"),
    (NEWSPAPER4K, "cnn_article"),
    (NEWSPAPER4K, "cnn_test_nlp"),
    (NEWSPAPER4K, "cleveland.com1"),
    (NEWSPAPER4K, "fox13now_001"),
    (NEWSPAPER4K, "time_001"),
    (NEWSPAPER4K, "video_article_02"),
    (NEWSPAPER4K, "wired_001"),
    (NEWSPAPER4K, "yna_co_kr"),
    (AEB, "358cc4a080456476b0f883c56bdce796874c286ed6efab25f5718dd95fab42a8"),
    (AEB, "7ab16ade32386ece353b8d31fc3bb7e660189efd5bf3c8549aaba101ad3f5ef5"),
    (AEB, "e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090"),
)


def sha(text: str) -> str:
    """The short sentence hash the label files carry."""
    return hashlib.sha1(text.encode()).hexdigest()[:12]  # noqa: S324


@lru_cache(maxsize=1)
def wikinews_rows() -> tuple[dict[str, str], ...]:
    """The rows of ko-wikinews in file order (작성일, 출처, 제목, 내용)."""
    with gzip.open(CORPUS / WIKINEWS, "rt", encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def wikinews_key(index: int) -> str:
    return f"w{index:03d}"


def newspaper4k_body(name: str) -> str:
    return (CORPUS / NEWSPAPER4K / f"{name}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def aeb_truth() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads((CORPUS / AEB).read_text(encoding="utf-8"))
    return data


def corpus_file(source: str, key: str) -> str:
    """The label files' "corpus file" column for an article of ``source``."""
    return f"{NEWSPAPER4K}/{key}.txt" if source == NEWSPAPER4K else source


def fresh_bodies() -> dict[str, tuple[str, str]]:
    """``"corpus file:article key" -> (language, body)`` for every article of the set."""
    rows = wikinews_rows()
    bodies = {
        f"{WIKINEWS}:{wikinews_key(index)}": ("ko", rows[index]["내용"]) for index in FRESH_KO
    }
    for source, key in FRESH_EN:
        body = newspaper4k_body(key) if source == NEWSPAPER4K else aeb_truth()[key]["articleBody"]
        bodies[f"{corpus_file(source, key)}:{key}"] = ("en", body)
    return bodies


def fresh_titles() -> dict[str, str]:
    """The wikinews titles (the English gold bodies carry theirs, if any, inside)."""
    rows = wikinews_rows()
    return {f"{WIKINEWS}:{wikinews_key(index)}": rows[index]["제목"] for index in FRESH_KO}


def units(body: str, language: str) -> list[tuple[int, int]]:
    """The labelling units of a body: the splitter's sentence spans."""
    from claims.extraction.sentences import split_sentences

    return split_sentences(body, language=language)


def fresh_units() -> list[tuple[str, str, str, int, int, str]]:
    """(language, corpus file, article key, start, end, text) of every unit, article by
    article in the order of the set."""
    found = []
    for where, (language, body) in fresh_bodies().items():
        source, key = where.rsplit(":", 1)
        for start, end in units(body, language):
            found.append((language, source, key, start, end, body[start:end]))
    return found


def fresh_labels() -> list[tuple[str, str, str, int, int, str, bool, str]]:
    """(language, corpus file, article key, start, end, sha1[:12], claim?, category) of
    every labelled unit, each checked against the text it was labelled on."""
    bodies = fresh_bodies()
    rows = []
    for line in (DATA / LABELS).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, source, key, start, end, digest, label, category = line.split("\t")
        text = bodies[f"{source}:{key}"][1][int(start) : int(end)]
        assert sha(text) == digest, f"label {source}:{key}:{start} no longer matches its text"
        rows.append((language, source, key, int(start), int(end), digest, label == "1", category))
    return rows
