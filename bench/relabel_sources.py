"""Blind relabelling batches of the label sets that existed before the codebook (issue 16:
"relabel your existing sets against it with two independent passes and report agreement
before and after").

Run from the project root (the batches hold corpus text, so they go OUTSIDE the checkout):
    .venv/bin/python -m bench.relabel_sources /work/labelling/relabel

Which units: every row of RELABEL_FILES, the claim label files of ``bench/data`` labelled
before ``CODEBOOK.md`` v1 with the older one-line definition. Left out: the second labelling
of dev batch 2 (``extraction_dev_labels_2_second.tsv``: the same units as
``extraction_dev_labels_2.tsv``; it is the "before" side of the agreement that
``bench/relabel_merge.py`` prints), the attribution labels (not a claim label) and the fresh
test set (labelled against v1 already). A unit is (corpus file, article key, start, end); a
unit held by several files is labelled once and counted for each (``units.tsv`` lists the
files of every unit).

How each unit's text is read: ``bench_extraction.dev_bodies()`` for the article bodies
(scrapping-webs-korean-outlets, scrapinghub-aeb, fundus) and ``klue_sentences()`` for the
KLUE-NER news sentences; each span is checked against its label file's sha1 (a mismatch stops
the run). Titles: the ``title`` of gold.jsonl rows (its parts joined with spaces) and of
fundus articles; scrapinghub-aeb's ground truth gives none, and a KLUE sentence has none.

Batches: the units of an article stay together, in article order, and ``position`` is
``i/n`` among the units of that article that the batch holds (the old sets labelled some
articles only in part: the full body, with the units to label marked ``[[i]] ... [[/i]]``, is
in ``context/<batch>.txt``). Articles are shuffled (seed SHUFFLE_SEED) and dealt into batches
of about BATCH_UNITS units, as ``bench/label_sources.py`` deals them; the KLUE sentences,
isolated sentences without an article (article key = sentence id, position 1/1), are
shuffled and dealt after the articles, into batches of their own. Batch files are
``rl_<language>_NN.tsv`` in the 11 columns of the campaign batches, label and category empty.
The same command rewrites every file identically.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bench.fresh_test import CORPUS, sha
from bench.label_sources import BATCH_COLUMNS, BATCH_UNITS, _flat, _tsv

RELABEL_FILES = (
    "extraction_dev_labels.tsv",
    "extraction_dev_labels_2.tsv",
    "extraction_dev_labels_3.tsv",
    "checkworthiness_ko_labels.tsv",
    "checkworthiness_ko_test_labels.tsv",
    "checkworthiness_en_news_labels.tsv",
    "checkworthiness_en_news_test_labels.tsv",
    "checkworthiness_ko_article_labels.tsv",
)
KLUE = "klue-ner/klue-ner-v1.1_dev.tsv"
GOLD_KO = "scrapping-webs-korean-outlets/gold.jsonl"
SHUFFLE_SEED = 1616  # issue 16, relabelling: the order articles are dealt into batches
PASSES = ("pass1", "pass2")
ADJUDICATED = "adjudicated"

UnitKey = tuple[str, str, int, int]  # corpus file, article key, start, end


@dataclass
class Unit:
    language: str
    corpus_file: str
    key: str
    start: int
    end: int
    digest: str
    files: list[str] = field(default_factory=list)

    @property
    def id(self) -> UnitKey:
        return (self.corpus_file, self.key, self.start, self.end)


def file_rows(name: str) -> list[list[str]]:
    """The 7 fields of each row of a claim label file of bench/data (language, corpus file,
    article id, start, end, sha1, label)."""
    from bench.bench_extraction import label_rows

    rows = label_rows(name)
    for row in rows:
        assert len(row) == 7, f"{name}: a row of {len(row)} fields, not 7: {row[:5]}"
    return rows


def relabel_units(files: dict[str, list[list[str]]] | None = None) -> dict[UnitKey, Unit]:
    """Every unit of the files, once, with the files that hold it (in RELABEL_FILES order).
    Rows of a unit in several files must agree on language and sha1."""
    if files is None:
        files = {name: file_rows(name) for name in RELABEL_FILES}
    units: dict[UnitKey, Unit] = {}
    for name, rows in files.items():
        for language, corpus_file, key, start, end, digest, _ in rows:
            unit = Unit(language, corpus_file, key, int(start), int(end), digest)
            found = units.setdefault(unit.id, unit)
            assert (found.language, found.digest) == (language, digest), (
                f"{name}: {unit.id} differs from an earlier file's row"
            )
            if name not in found.files:
                found.files.append(name)
    return units


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Article titles by "corpus file:article key" where the corpus gives one."""
    found = {}
    with (CORPUS / GOLD_KO).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            found[f"{GOLD_KO}:{row['id']}"] = " ".join(row.get("title") or [])
    for path in sorted((CORPUS / "fundus").glob("*/*.json")):
        where = f"fundus/{path.parent.name}/{path.name}"
        for key, article in json.loads(path.read_text(encoding="utf-8")).items():
            found[f"{where}:{key}"] = article.get("title") or ""
    return found


@lru_cache(maxsize=1)
def _texts() -> tuple[dict[str, str], dict[str, str]]:
    from bench.bench_extraction import dev_bodies, klue_sentences

    return dev_bodies(), klue_sentences()


def body_of(corpus_file: str, key: str) -> str:
    """The text a unit's offsets index: the article body, or the KLUE sentence."""
    bodies, klue = _texts()
    return klue[key] if corpus_file == KLUE else bodies[f"{corpus_file}:{key}"]


def unit_text(unit: Unit) -> str:
    """The unit's exact span, checked against the sha1 it was labelled with."""
    text = body_of(unit.corpus_file, unit.key)[unit.start : unit.end]
    assert sha(text) == unit.digest, (
        f"{unit.corpus_file}:{unit.key}:{unit.start}-{unit.end} no longer matches its sha1"
    )
    return text


@dataclass
class Group:
    """The units of one article (or one lone KLUE sentence), in article order."""

    language: str
    corpus_file: str
    key: str
    units: list[Unit]

    @property
    def isolated(self) -> bool:
        return self.corpus_file == KLUE


def groups(units: Iterable[Unit]) -> list[Group]:
    """Units gathered by article, sorted by offset; articles in a fixed (sorted) order."""
    by_article: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in units:
        by_article[(unit.corpus_file, unit.key)].append(unit)
    found = []
    for (corpus_file, key), mine in sorted(by_article.items()):
        languages = {unit.language for unit in mine}
        assert len(languages) == 1, f"{corpus_file}:{key} labelled in {languages}"
        mine.sort(key=lambda unit: (unit.start, unit.end))
        found.append(Group(mine[0].language, corpus_file, key, mine))
    return found


def deal(found: list[Group], seed: int = SHUFFLE_SEED) -> list[list[Group]]:
    """Groups shuffled (seeded) and dealt whole into batches of about BATCH_UNITS units:
    articles first, then isolated sentences in batches of their own."""
    order = list(found)
    random.Random(seed).shuffle(order)
    packed: list[list[Group]] = []
    for isolated in (False, True):
        current: list[Group] = []
        size = 0
        for group in (g for g in order if g.isolated == isolated):
            if current and size + len(group.units) > BATCH_UNITS + BATCH_UNITS // 4:
                packed.append(current)
                current, size = [], 0
            current.append(group)
            size += len(group.units)
            if size >= BATCH_UNITS:
                packed.append(current)
                current, size = [], 0
        if current:
            packed.append(current)
    return packed


def batch_rows(batch: list[Group]) -> list[list[str]]:
    """The 11-column rows of a batch, label and category empty."""
    rows = []
    for group in batch:
        title = _flat(titles().get(f"{group.corpus_file}:{group.key}", ""))
        for i, unit in enumerate(group.units, 1):
            rows.append(
                [
                    unit.language, unit.corpus_file, unit.key, str(unit.start), str(unit.end),
                    unit.digest, f"{i}/{len(group.units)}", _flat(unit_text(unit)), title, "", "",
                ]
            )  # fmt: skip
    return rows


def context(batch: list[Group]) -> str:
    """Each article of a batch in full, the units to label marked [[i]] ... [[/i]]."""
    parts = []
    for number, group in enumerate(batch, 1):
        body = body_of(group.corpus_file, group.key)
        title = titles().get(f"{group.corpus_file}:{group.key}", "")
        marks: dict[int, list[str]] = defaultdict(list)
        for i, unit in enumerate(group.units, 1):
            marks[unit.start].append(f"[[{i}]]")
            marks[unit.end].insert(0, f"[[/{i}]]")
        pieces, at = [], 0
        for offset in sorted(marks):
            pieces += [body[at:offset], "".join(marks[offset])]
            at = offset
        pieces.append(body[at:])
        parts.append(
            f"=== {number}. {group.language} {group.corpus_file} {group.key} "
            f"({len(group.units)} units to label)\n"
            f"title: {title or '(none in the corpus)'}\n\n{''.join(pieces).strip()}\n"
        )
    return "\n".join(parts)


def write_batches(directory: Path) -> dict[str, dict[str, int]]:
    """Batch files, ``context/``, ``units.tsv``, ``manifest.tsv``, ``README.md`` and the empty
    pass folders under ``directory``; the counts per language."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "context").mkdir(exist_ok=True)
    for name in (*PASSES, ADJUDICATED):
        (directory / name).mkdir(exist_ok=True)
    units = relabel_units()
    manifest = [
        ["batch", "language", "kind", "articles", "units", "units so far", "sources", "files"]
    ]
    index = [["batch", "row", "language", "corpus file", "article key", "start", "end",
              "sha1(sentence)[:12]", "label files"]]  # fmt: skip
    counts: dict[str, dict[str, int]] = {}
    for language in ("ko", "en"):
        mine = [unit for unit in units.values() if unit.language == language]
        found = groups(mine)
        so_far = 0
        dealt = deal(found)
        for number, batch in enumerate(dealt, 1):
            name = f"rl_{language}_{number:02d}.tsv"
            rows = batch_rows(batch)
            _tsv(directory / name, [BATCH_COLUMNS, *rows])
            isolated = all(group.isolated for group in batch)
            if not isolated:
                (directory / "context" / name.replace(".tsv", ".txt")).write_text(
                    context(batch), encoding="utf-8"
                )
            so_far += len(rows)
            batch_units = [unit for group in batch for unit in group.units]
            sources = ",".join(sorted({g.corpus_file.split("/")[0] for g in batch}))
            files = ",".join(
                f for f in RELABEL_FILES if any(f in unit.files for unit in batch_units)
            )
            kind = "sentences" if isolated else "articles"
            manifest.append(
                [name, language, kind, str(len(batch)), str(len(rows)), str(so_far), sources, files]
            )
            for row, unit in enumerate(batch_units, 1):
                index.append([name, str(row), *_ids(unit), ",".join(unit.files)])
        counts[language] = {
            "units": len(mine),
            "batches": len(dealt),
            "article batches": sum(not all(g.isolated for g in b) for b in dealt),
            "articles": sum(not g.isolated for g in found),
            "sentences": sum(g.isolated for g in found),
            "in several files": sum(len(unit.files) > 1 for unit in mine),
            "articles in several files": sum(
                len({f for unit in g.units for f in unit.files}) > 1 for g in found
            ),
            "rows": sum(len(unit.files) for unit in mine),
        }
    _tsv(directory / "manifest.tsv", manifest)
    _tsv(directory / "units.tsv", index)
    (directory / "README.md").write_text(readme(counts, manifest), encoding="utf-8")
    return counts


def _ids(unit: Unit) -> list[str]:
    return [unit.language, unit.corpus_file, unit.key, str(unit.start), str(unit.end), unit.digest]


def readme(counts: dict[str, dict[str, int]], manifest: list[list[str]]) -> str:
    names = {"ko": "Korean", "en": "English"}
    table = [
        "| language | batches | units | articles | lone KLUE sentences | label-file rows | "
        "units in several files | articles in several files |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for language, c in counts.items():
        first = f"rl_{language}_01"
        last = f"rl_{language}_{c['batches']:02d}"
        table.append(
            f"| {names[language]} | {first}-{last} ({c['article batches']} of articles) | "
            f"{c['units']:,} | {c['articles']:,} | {c['sentences']:,} | {c['rows']:,} | "
            f"{c['in several files']:,} | {c['articles in several files']:,} |"
        )
    batches = "\n".join("\t".join(row) for row in manifest)
    return README.format(
        table="\n".join(table),
        files="\n".join(f"- `bench/data/{name}`" for name in RELABEL_FILES),
        manifest=batches,
    )


README = """# Relabelling the existing label sets against codebook v1 (issue 16)

Issue 16 asks for the label sets made before the codebook to be relabelled against it "with two
independent passes", and for Cohen's kappa before and after. These batches hold every unit of

{files}

(the dev batches 1-3 and the check-worthiness training and test sets), each unit once even where
several files hold it. They were labelled with the one-line definition of the time ("1 = a
specific checkable assertion a fact-checker could source"); now each is labelled again, blind,
against `bench/data/CODEBOOK.md` version 1. Written by `bench/relabel_sources.py` (branch
`h16-relabel`):

    cd /work/h16-relabel && .venv/bin/python -m bench.relabel_sources /work/labelling/relabel

The same command rewrites every file identically (seeded order). These files hold corpus text:
never copy them into a repository. What comes back is merged into `bench/data/<name>.v1.tsv`
(ids, offsets, sha1 and labels only) by `bench/relabel_merge.py`.

## Counts

{table}

A unit that several of the files hold is labelled once and counts for each; the units an
article has in several files are gathered into that one article, in order.

English batches come from scrapinghub-aeb, fundus and the Yonhap English pages of
scrapping-webs; Korean article batches from scrapping-webs, fundus/kr and the Korean pages of
scrapinghub-aeb. The Korean batches after the article batches hold KLUE-NER news sentences
(the wikitree half of the dev split): isolated sentences with no article around them
(article key = sentence id, position 1/1). `manifest.tsv` lists every batch; `units.tsv` lists
every unit with its batch, its row and the label files that hold it (no text, no labels).

## A batch file

Tab-separated, one header line, one unit per line, the units of one article together and in
article order, exactly the 11 columns of the campaign batches (`/work/labelling/train/`):

    language, corpus file, article key, start, end, sha1(sentence)[:12], position, text,
    title, label, category

`start`/`end` index the article body (the sha1 is of that exact span); `text` is the unit with
tabs and line breaks shown as spaces; `title` repeats the article's title where the corpus
gives one (empty for scrapinghub-aeb and KLUE). The old sets often labelled only part of an
article (its first six sentences, a sample of the rest): `position` is `i/n` among the units
**this batch** holds of that article, not among all its sentences. The whole article, with
the units to label marked `[[i]] ... [[/i]]` (the same `i`), is in `context/<batch>.txt`.
Units were cut by older commits of the splitter, so a few are cut differently from today's
campaign batches: label each unit as it is cut. Some corpus pages are copies or near-copies of
others (the same story under two ids, a broadcaster's fixed opening lines): the same sentence
then comes more than once; label each where it stands, in its own article.

## How to label

Against `/work/h16-codebook/bench/data/CODEBOOK.md` version 1, exactly as the campaign batches
are labelled: read the article first in `context/<batch>.txt` (the whole of it, not only the
marked units), then fill `label` (1/0) and `category` (one code of the codebook; a 1 takes a
positive code, a 0 a negative one) on every row of the batch. A KLUE sentence is read on its
own: it has no context; do not guess one. Do not reorder, merge or drop rows, and do not
change start, end or sha1. Put your name or initials and the date in a comment line (`# ...`)
at the top of the file you hand back, and name the codebook version.

The labels must be your own: do not look at the old labels (the label files of `bench/data`
in any checkout), at the other pass, at the extractor's output or at the claim rules and
models, and do not run `extract_claims` or the benchmarks on these texts.

## Two independent passes

Two independent labellers each label every batch, without seeing each other's labels:

- the first labeller saves each filled-in batch under the same name in
  `/work/labelling/relabel/pass1/` (for example `pass1/rl_ko_01.tsv`);
- the second labeller, someone else, saves theirs in `/work/labelling/relabel/pass2/`.

Never copy a batch from one pass folder into the other: each pass starts from the blank batch
in this folder. Once both passes are back, the units where they part on 1/0 may go to a third
labeller who sees neither pass: a filled-in batch file (the same 11 columns, any subset of
rows) in `/work/labelling/relabel/adjudicated/`; a unit labelled there decides between the
passes. `relabel_merge.py --disagreements FILE.tsv` writes that batch, blind.

## Merging

    cd /work/h16-relabel && .venv/bin/python -m bench.relabel_merge \\
        /work/labelling/relabel/pass1 /work/labelling/relabel/pass2

prints Cohen's kappa (claim 1/0) of old label vs pass 1, old vs pass 2 and pass 1 vs pass 2,
per language and per original file, next to the "before" agreement (the second labelling of
dev batch 2 under the old definition, `extraction_dev_labels_2_second.tsv`), and writes
`bench/data/<name>.v1.tsv` beside each original file once both passes cover all its units.

## Batches

{manifest}
"""


if __name__ == "__main__":
    for language, count in write_batches(Path(sys.argv[1])).items():
        print(language, count)
