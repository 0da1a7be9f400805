"""The training labels of issue 16's campaign: whole Korean and English articles of the shared
corpus labelled unit by unit, in context, against ``bench/data/CODEBOOK.md`` version 1.

    bench/data/claims_train_ko.tsv, claims_train_en.tsv     the first labelling (all units)
    bench/data/claims_train_second.tsv                       a second, independent labelling
                                                             of six batches (ko/en 05, 10, 15)
    bench/data/claims_train_en_news.tsv                      English news added for issue 16's
                                                             second round (hard news first)
    bench/data/claims_train_en_news_second.tsv               its second pass on a shuffled
                                                             sample of units
    bench/data/claims_train_en_news_indep.tsv                an independent labeller's labels
                                                             of the same 250 units (agreement
                                                             only; the trainer reads the first)
    bench/data/claims_train_ko_more.tsv                      Korean ko-wikinews articles the
                                                             campaign left, labelled later
    bench/data/claims_train_en_more.tsv                      English pages the rounds before
                                                             left (batches en_01-en_04 of
                                                             label_sources at 1bd53bc)
    bench/data/claims_train_en_more_indep.tsv                each of its two labellers on 100
                                                             units of the other's batches

A row is: language, corpus file, article key, start, end, sha1(unit)[:12], label, category,
the form of ``claims_fresh_test_labels.tsv`` (``bench/agreement.py`` reads it). No text: the
bodies are read again from the corpus by the readers of ``bench/label_sources.py`` (how each
is read is written down there) and every row is checked against its sha1.

The label files are written from the labellers' filled-in batches (which hold corpus text
and stay outside the checkout) by:

    .venv/bin/python -m bench.claims_train /work/labelling/done /work/labelling/second
    .venv/bin/python -m bench.claims_train news DONE_FOLDER SECOND_FOLDER   # the en_news files
    .venv/bin/python -m bench.claims_train more DONE_FOLDER SECOND_FOLDER   # the en_more files

trafilatura needs about a second a page to read the English HTML pages, so the bodies are
kept in a cache outside the checkout (``CLAIMDESK_BENCH_CACHE``, by default the system's
temporary folder); a stale cache cannot go unnoticed, as every row checks its sha1.
"""

from __future__ import annotations

import json
import os
import pickle  # noqa: S403  (a cache this module wrote itself)
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench.fresh_test import (
    AEB,
    CORPUS,
    DATA,
    NEWSPAPER4K,
    WIKINEWS,
    aeb_truth,
    newspaper4k_body,
    sha,
    wikinews_rows,
)
from bench.label_sources import GOLD_KO, html_article

LABEL_FILES = {"ko": "claims_train_ko.tsv", "en": "claims_train_en.tsv"}
SECOND = "claims_train_second.tsv"
# Label files read after a language's first one (same form; their articles are new ones).
MORE_FILES: dict[str, tuple[str, ...]] = {
    "en": ("claims_train_en_news.tsv", "claims_train_en_more.tsv"),
    "ko": ("claims_train_ko_more.tsv",),
}
# Labels changed by a blind second reading of the units a teacher doubted (bench/label_audit.py),
# applied over the label files: each row names a labelled unit, its new label and category.
AUDIT_FILES = {"ko": "claims_train_ko_audit.tsv"}
NEWS_SECOND = "claims_train_en_news_second.tsv"
NEWS_INDEP = "claims_train_en_news_indep.tsv"
MORE_INDEP = "claims_train_en_more_indep.tsv"
CACHE_NAME = "claimdesk-claims-train-bodies.pickle"


@dataclass(frozen=True)
class TrainUnit:
    """A labelled unit with its text, where it stands in its article (0-based ``index`` of
    ``count`` units) and the article's body."""

    language: str
    article: str  # "corpus file:article key"
    start: int
    end: int
    claim: bool
    category: str
    index: int
    count: int
    text: str


def _body(corpus_file: str, key: str) -> str:
    if corpus_file == WIKINEWS:
        return wikinews_rows()[int(key[1:])]["내용"]
    if corpus_file.startswith(NEWSPAPER4K):
        return newspaper4k_body(key)
    if corpus_file == AEB:
        return aeb_truth()[key].get("articleBody") or ""
    if corpus_file == GOLD_KO:
        return _gold_ko()[key]
    return html_article(CORPUS / corpus_file, title="")[1]


@lru_cache(maxsize=1)
def _gold_ko() -> dict[str, str]:
    with (CORPUS / GOLD_KO).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return {row["id"]: "\n".join(row.get("text") or []) for row in rows}


def _cache_path() -> Path:
    return Path(os.environ.get("CLAIMDESK_BENCH_CACHE") or tempfile.gettempdir()) / CACHE_NAME


def bodies(articles: set[tuple[str, str]]) -> dict[str, str]:
    """The bodies of ``(corpus file, key)`` articles by "corpus file:key", HTML pages read
    through the cache."""
    path = _cache_path()
    cached: dict[str, str] = {}
    if path.exists():
        cached = pickle.loads(path.read_bytes())  # noqa: S301
    found, fresh = {}, False
    for corpus_file, key in sorted(articles):
        where = f"{corpus_file}:{key}"
        if where not in cached:
            cached[where], fresh = _body(corpus_file, key), True
        found[where] = cached[where]
    if fresh:
        path.write_bytes(pickle.dumps(cached))
    return found


def _audited(language: str, rows: list[list[str]], every: bool) -> list[list[str]]:
    """``rows`` with the audit's labels and categories in place of the first ones (every
    audited unit must be among them when they are ``every`` file's)."""
    name = AUDIT_FILES.get(language)
    if not name or not (DATA / name).exists():
        return rows
    changes = {tuple(r[1:6]): r[6:8] for r in label_rows(name)}
    found = [changes.get(tuple(r[1:6])) for r in rows]
    assert not every or sum(f is not None for f in found) == len(changes), name
    return [r if f is None else [*r[:6], *f] for r, f in zip(rows, found, strict=True)]


def label_rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def train_units(language: str, name: str | None = None) -> list[TrainUnit]:
    """Every labelled unit of a language (of ``name`` alone when given, else of its first
    file and then of ``MORE_FILES``), article by article in file order, each checked against
    the sha1 of the text it was labelled on."""
    names = [name] if name else [LABEL_FILES[language], *MORE_FILES.get(language, ())]
    rows = [r for n in names for r in label_rows(n) if r[0] == language]
    rows = _audited(language, rows, every=not name)
    texts = bodies({(r[1], r[2]) for r in rows})
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[f"{row[1]}:{row[2]}"] += 1
    units: list[TrainUnit] = []
    seen: dict[str, int] = defaultdict(int)
    for lang, corpus_file, key, start, end, digest, label, category in rows:
        article = f"{corpus_file}:{key}"
        text = texts[article][int(start) : int(end)]
        assert sha(text) == digest, f"label {article}:{start} no longer matches its text"
        units.append(
            TrainUnit(
                lang,
                article,
                int(start),
                int(end),
                label == "1",
                category,
                seen[article],
                counts[article],
                text,
            )  # fmt: skip
        )
        seen[article] += 1
    return units


def article_bodies(units: list[TrainUnit]) -> dict[str, str]:
    """The bodies of the units' articles (from the cache ``train_units`` filled)."""
    return bodies({tuple(u.article.rsplit(":", 1)) for u in units})  # type: ignore[misc]


HEADER = """\
# language\tcorpus file\tarticle key\tstart\tend\tsha1(unit)[:12]\tclaim (1) or not (0)\tcategory
# {about}
# Labelled in context (whole articles, unit by unit, against bench/data/CODEBOOK.md version 1)
# on 2026-12-06 by {labellers}, in the issue-16 labelling campaign; batches written by
# bench/label_sources.py (units: split_sentences at commit 1758087). No corpus text here:
# bench/claims_train.py reads each body again and checks every row against its sha1.
# {count} units, {claims} claims, {articles} articles.
"""


def _batch_rows(path: Path) -> tuple[list[list[str]], str]:
    rows, labeller = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            labeller = labeller or line.lstrip("# ").split(",")[0].removeprefix("labeller ")
            continue
        fields = line.split("\t")
        if fields[0] == "language" or not line.strip():
            continue
        language, corpus_file, key, start, end, digest = fields[:6]
        rows.append([language, corpus_file, key, start, end, digest, fields[9], fields[10]])
    return rows, labeller


def write_labels(done: Path, second: Path) -> None:
    """The committed label files, from the filled-in batches of ``done`` and ``second``."""
    for language, name in LABEL_FILES.items():
        _write(sorted(done.glob(f"{language}_*.tsv")), DATA / name, f"First labelling, {language}")
    about = (
        "Second, independent labelling (Cohen's kappa on 1/0 against the first, "
        "bench/agreement.py: en 0.876 on 1,256 units, ko 0.886 on 1,123)"
    )
    _write(sorted(second.glob("*.tsv")), DATA / SECOND, about)


def _write(batches: list[Path], target: Path, about: str, header_form: str = HEADER) -> None:
    rows: list[list[str]] = []
    labellers: dict[str, list[str]] = defaultdict(list)
    for path in batches:
        found, labeller = _batch_rows(path)
        rows += found
        labellers[labeller.removeprefix("second labeller ")].append(path.stem)
    header = header_form.format(
        about=f"{about}: batches {', '.join(p.stem for p in batches)}",
        labellers="labellers "
        + "; ".join(f"{who} ({', '.join(stems)})" for who, stems in labellers.items()),
        count=len(rows),
        claims=sum(r[6] == "1" for r in rows),
        articles=len({(r[1], r[2]) for r in rows}),
    )
    target.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


NEWS_HEADER = """\
# language\tcorpus file\tarticle key\tstart\tend\tsha1(unit)[:12]\tclaim (1) or not (0)\tcategory
# {about}
# Labelled in context (whole articles, unit by unit, against bench/data/CODEBOOK.md version 1)
# on 2026-12-06 by {labellers}, in issue 16's second English round: the English news pages
# that bench/label_sources.training_articles left untouched after the campaign (units:
# split_sentences at commit 70a50fc). No corpus text here: bench/claims_train.py reads each
# body again and checks every row against its sha1.
# {count} units, {claims} claims, {articles} articles.
"""


MORE_HEADER = """\
# language\tcorpus file\tarticle key\tstart\tend\tsha1(unit)[:12]\tclaim (1) or not (0)\tcategory
# {about}
# Labelled in context (whole articles, unit by unit, against bench/data/CODEBOOK.md version 1)
# on 2026-12-07 by {labellers} (helper sessions reading every unit themselves: no script,
# heuristic, model or look at Claimdesk's output), in issue 16's third English round: the
# English pages bench/label_sources.py still left untouched, its batches en_01-en_04 at
# commit 1bd53bc (units: split_sentences there). No corpus text here: bench/claims_train.py
# reads each body again and checks every row against its sha1.
# {count} units, {claims} claims, {articles} articles.
"""


@dataclass(frozen=True)
class Round:
    """A labelling round after the campaign: the label file its filled-in batches (``batches``,
    a glob) make, the file of its second labels and what each file's header says."""

    labels: str
    batches: str
    about: str
    second: str
    second_about: str
    header: str


ROUNDS = {
    "news": Round(
        MORE_FILES["en"][0],
        "en_news_*.tsv",
        "First labelling, en news",
        NEWS_SECOND,
        "Second pass by the same labeller on 250 units drawn at random (seed 1616), labelled "
        "from a shuffled list with the units before and after and the first labels hidden "
        "(Cohen's kappa on 1/0 against the first, bench/agreement.py: 0.984; the same "
        "labeller, minutes later, so this bounds consistency, not independent agreement)",
        NEWS_HEADER,
    ),
    "more": Round(
        MORE_FILES["en"][1],
        "en_*.tsv",
        "Third English round",
        MORE_INDEP,
        "Independent second labels: each labeller of the round on 100 units drawn at random "
        "(seed 3007) from the other's batches, read in their articles, the first labels unseen "
        "(agreement: bench/agreement.py claims_train_en_more.tsv claims_train_en_more_indep.tsv)",
        MORE_HEADER,
    ),
}


def write_round(name: str, done: Path, second: Path) -> None:
    """A round's label file from the filled-in batches of ``done`` and its second labels from
    those of ``second`` (``ROUNDS``: "news", the English news round and its second pass;
    "more", the third English round and its independent second labels)."""
    found = ROUNDS[name]
    _write(sorted(done.glob(found.batches)), DATA / found.labels, found.about, found.header)
    _write(sorted(second.glob("*.tsv")), DATA / found.second, found.second_about, found.header)


if __name__ == "__main__":
    if sys.argv[1] in ROUNDS:
        write_round(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        write_labels(Path(sys.argv[1]), Path(sys.argv[2]))
