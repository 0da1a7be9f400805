"""The material of the issue-16 labelling campaign: whole Korean and English news articles of
the shared corpus that neither the fresh test set (bench/fresh_test.py) nor any label file of
bench/data touches, cut into units and packed into batches of about 400 units for labellers.

Run from the project root (the batches hold corpus text, so they go OUTSIDE the checkout):
    .venv/bin/python -m bench.label_sources /work/labelling/train

How each body is read (deterministic; a unit's sha1 in a batch fails loudly if it changes):

- ko-wikinews, newspaper4k/txt, scrapinghub-aeb: as in bench/fresh_test.py (article keys
  ``wNNN``, the file stem, the aeb id).
- scrapping-webs-korean-outlets/gold.jsonl: the ``text`` paragraphs joined with newlines, as
  bench_extraction.dev_bodies reads them; article key is the row's ``id``.
- trafilatura-eval/html/*.html.gz and goose3/*/*.html.gz (no gold body, or a gold body cut
  short): ``trafilatura.extract(html_bytes, **TRAFILATURA_OPTIONS)`` on the gunzipped bytes
  (trafilatura finds the encoding itself), trafilatura 2.3.1 as pinned in requirements.lock.
  Article key is the file name without ``.html.gz``; the title is
  ``trafilatura.extract_metadata(html_bytes).title``, or the evaluation set's own title.

What is left out: every article of a label file (language, corpus file, article id), every
article of the fresh test set, bodies that share more than a fifth of their 8-word shingles
with one of those or with an earlier kept body (the same story in two corpora), pages not in
the article's language (a Korean body must be mostly Hangul; an English one must pass
``looks_english``), goose3's made-up fixture pages, and empty bodies. fundus holds no
untouched article: every English and Korean fundus page already has labels.

Batches: the articles of a language are shuffled (seed SHUFFLE_SEED), articles of more than
LONG units are moved to the end, and whole articles are dealt into batches of about
BATCH_UNITS units. A batch row is: language, corpus file, article key, start, end,
sha1(body[start:end])[:12], position "i/n" of the unit in its article, the unit's text (tabs
and line breaks shown as spaces), the article's title, and two empty columns (label,
category) for the labeller. ``manifest.tsv`` lists the batches; the first CAMPAIGN_UNITS
units of a language are the campaign, the rest a reserve.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.fresh_test import (
    AEB,
    CORPUS,
    DATA,
    FRESH_EN,
    FRESH_KO,
    NEWSPAPER4K,
    WIKINEWS,
    aeb_truth,
    corpus_file,
    fresh_bodies,
    newspaper4k_body,
    sha,
    units,
    wikinews_key,
    wikinews_rows,
)

GOLD_KO = "scrapping-webs-korean-outlets/gold.jsonl"
TRAFILATURA_EVAL = "trafilatura-eval"
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
    "with_metadata": False,
}
BATCH_UNITS = 400
CAMPAIGN_UNITS = 6000  # per language; the batches after that are a reserve
LONG = 200
SHUFFLE_SEED = 16  # the order articles are dealt into batches (issue 16)
OVERLAP = 0.2
COMMON_ENGLISH = frozenset(
    "the of and to a in is that for it was on with as be by at are this from have has not "
    "but or an they his he she we were will their which been would said who its more all".split()
)
WORD = re.compile(r"[^\W\d_]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
SYNTHETIC = re.compile(r"\b(?:TextNode|Paragraph) 1 - The ")


@dataclass(frozen=True)
class Article:
    language: str
    corpus_file: str
    key: str
    title: str
    body: str


def looks_english(text: str) -> bool:
    """Most letters Latin, and at least 17% of the words the commonest English ones (English
    pages of the corpus score 0.18-0.35, German, Spanish, Portuguese and Italian ones below
    0.16)."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    latin, hangul = len(LATIN.findall(text)), len(HANGUL.findall(text))
    common = sum(w in COMMON_ENGLISH for w in words)
    return bool(words) and latin > 10 * hangul and common >= 0.17 * len(words)


def synthetic(text: str) -> bool:
    """goose3's made-up fixture pages ("TextNode 1 - The Scala supported IDE is ...")."""
    return bool(SYNTHETIC.search(text))


def looks_korean(text: str) -> bool:
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    return hangul > 0 and hangul >= latin


def shingles(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


def html_article(path: Path, title: str | None = None) -> tuple[str, str]:
    """(title, body) of a gzipped HTML page through trafilatura (settings above)."""
    import trafilatura

    html = gzip.open(path).read()
    body = trafilatura.extract(html, **TRAFILATURA_OPTIONS) or ""
    if title is None:
        metadata = trafilatura.extract_metadata(html)
        title = (metadata.title if metadata else None) or ""
    return title, body


def labelled_articles() -> set[tuple[str, str]]:
    """(corpus file, article id) of every row of every label file of bench/data."""
    found = set()
    for path in sorted(DATA.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                fields = line.split("\t")
                found.add((fields[1], fields[2]))
    return found


def _wikinews() -> Iterator[Article]:
    for index, row in enumerate(wikinews_rows()):
        yield Article("ko", WIKINEWS, wikinews_key(index), row["제목"], row["내용"])


def _gold_ko() -> Iterator[Article]:
    with (CORPUS / GOLD_KO).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            title = " ".join(row.get("title") or [])
            body = "\n".join(row.get("text") or [])
            language = "ko" if looks_korean(body) else "en"
            yield Article(language, GOLD_KO, row["id"], title, body)


def _newspaper4k() -> Iterator[Article]:
    for path in sorted((CORPUS / NEWSPAPER4K).glob("*.txt")):
        body = newspaper4k_body(path.stem)
        meta = CORPUS / "newspaper4k" / "metadata" / f"{path.stem}.json"
        title = json.loads(meta.read_text(encoding="utf-8")).get("title") if meta.exists() else ""
        language = "ko" if looks_korean(body) else "en"
        yield Article(language, f"{NEWSPAPER4K}/{path.name}", path.stem, title or "", body)


def _aeb() -> Iterator[Article]:
    for key, truth in sorted(aeb_truth().items()):
        body = truth.get("articleBody") or ""
        yield Article("ko" if looks_korean(body) else "en", AEB, key, "", body)


def _trafilatura_eval() -> Iterator[Article]:
    evaluation = json.loads((CORPUS / TRAFILATURA_EVAL / "evaldata.en.json").read_text("utf-8"))
    for page in sorted(evaluation.values(), key=lambda page: page["file"]):
        path = CORPUS / TRAFILATURA_EVAL / page["_html_path"]
        title, body = html_article(path, page.get("title"))
        key = path.name.removesuffix(".html.gz")
        yield Article("en", f"{TRAFILATURA_EVAL}/{page['_html_path']}", key, title, body)


def _goose3() -> Iterator[Article]:
    for path in sorted((CORPUS / "goose3").glob("*/*.html.gz")):
        title, body = html_article(path)
        where = path.relative_to(CORPUS).as_posix()
        yield Article("en", where, path.name.removesuffix(".html.gz"), title, body)


def candidates() -> Iterator[Article]:
    """Every article of the sources, Korean first, in a fixed order."""
    yield from _wikinews()
    yield from _gold_ko()
    yield from _newspaper4k()
    yield from _aeb()
    yield from _trafilatura_eval()
    yield from _goose3()


def training_articles(found: Iterable[Article] | None = None) -> list[Article]:
    """The candidates no test or label file touches, in the candidates' order."""
    touched = labelled_articles()
    touched |= {(WIKINEWS, wikinews_key(index)) for index in FRESH_KO}
    touched |= {(corpus_file(source, key), key) for source, key in FRESH_EN}
    from bench.bench_extraction import dev_bodies

    labelled_text = [
        b for where, b in dev_bodies().items() if tuple(where.rsplit(":", 1)) in touched
    ]
    seen = [shingles(body) for body in labelled_text]
    seen += [shingles(body) for _, body in fresh_bodies().values()]
    kept = []
    for article in candidates() if found is None else found:
        if (article.corpus_file, article.key) in touched or not article.body.strip():
            continue
        if synthetic(article.body):
            continue
        fits = looks_korean if article.language == "ko" else looks_english
        if not fits(article.body):
            continue
        mine = shingles(article.body)
        if any(_overlap(mine, other) for other in seen):
            continue
        seen.append(mine)
        kept.append(article)
    return kept


def _overlap(first: set[str], second: set[str]) -> bool:
    shared = len(first & second)
    return bool(shared) and shared > OVERLAP * min(len(first), len(second))


BATCH_COLUMNS = (
    "language", "corpus file", "article key", "start", "end", "sha1(sentence)[:12]",
    "position", "text", "title", "label", "category",
)  # fmt: skip


def unit_rows(article: Article) -> list[list[str]]:
    """The batch rows of one article: every unit in order, with its position "i/n"."""
    spans = units(article.body, article.language)
    title = _flat(article.title)
    return [
        [
            article.language, article.corpus_file, article.key, str(start), str(end),
            sha(article.body[start:end]), f"{i}/{len(spans)}",
            _flat(article.body[start:end]), title, "", "",
        ]
        for i, (start, end) in enumerate(spans, 1)
    ]  # fmt: skip


def _flat(text: str) -> str:
    """Text for a TSV cell: tabs and line breaks shown as spaces (offsets and sha1 are of the
    exact span of the body)."""
    return re.sub(r"[\t\r\n]", " ", text)


def batches(articles: list[Article]) -> list[list[list[str]]]:
    """Whole articles dealt in a seeded random order into batches of about BATCH_UNITS units;
    articles of more than LONG units (manuals, wikis, joke lists, live pages) come last."""
    order = list(articles)
    random.Random(SHUFFLE_SEED).shuffle(order)
    rows = [unit_rows(article) for article in order]
    rows.sort(key=lambda article: len(article) > LONG)  # stable: the shuffle stays within
    packed: list[list[list[str]]] = [[]]
    for article in rows:
        if packed[-1] and len(packed[-1]) + len(article) > BATCH_UNITS + BATCH_UNITS // 4:
            packed.append([])
        packed[-1].extend(article)
        if len(packed[-1]) >= BATCH_UNITS:
            packed.append([])
    return [batch for batch in packed if batch]


def _tsv(path: Path, rows: Iterable[Iterable[str]]) -> None:
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")


def write_batches(directory: Path) -> None:
    """Batch files ``<language>_NN.tsv`` and ``manifest.tsv`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    articles = training_articles()
    manifest = [["batch", "language", "articles", "units", "units so far", "part", "sources"]]
    for language in ("ko", "en"):
        mine = [article for article in articles if article.language == language]
        so_far = 0
        for number, batch in enumerate(batches(mine), 1):
            name = f"{language}_{number:02d}.tsv"
            _tsv(directory / name, [BATCH_COLUMNS, *batch])
            part = "campaign" if so_far < CAMPAIGN_UNITS else "reserve"
            so_far += len(batch)
            keys = {(row[1], row[2]) for row in batch}
            sources = ",".join(sorted({row[1].split("/")[0] for row in batch}))
            counts = [str(len(keys)), str(len(batch)), str(so_far)]
            manifest.append([name, language, *counts, part, sources])
    _tsv(directory / "manifest.tsv", manifest)


if __name__ == "__main__":
    write_batches(Path(sys.argv[1]))
