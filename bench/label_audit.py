"""A blind second reading of the training labels a teacher doubts (issue 16, Korean).

The fine-tuned e5 scorer's out-of-fold probabilities (``bench/distil.py``'s teacher file)
pick the labelled units it disagrees with most (a non-claim at ``DOUBT`` or more, a claim at
``1 - DOUBT`` or less), each a unit the claim model reads as one labelled unit. Two
labellers read them again, blind (neither the first label nor the teacher's score shown),
in context against bench/data/CODEBOOK.md; a label changes only where both agree with each
other and not with the first labeller. The changes go to
``bench/data/claims_train_<language>_audit.tsv``, which ``bench.claims_train.train_units``
applies over the label files.

    CLAIMDESK_TEACHER=... .venv/bin/python -m bench.label_audit select ko FOLDER
    .venv/bin/python -m bench.label_audit apply ko FOLDER      # FOLDER/labA.tsv, labB.tsv

FOLDER is outside the checkout (the batch holds corpus text): ``select`` writes
``batch.tsv`` (id, the two units before, the unit, the unit after, empty label and
category) and ``key.json`` (the first labels, for ``apply``; labellers never see it).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from bench import distil
from bench.claims_train import AUDIT_FILES, DATA, TrainUnit, article_bodies, train_units
from bench.fresh_test import sha

DOUBT = 0.85
HEADER = (
    "# language\tcorpus file\tarticle key\tstart\tend\tsha1(unit)[:12]\tclaim (1) or not (0)"
    "\tcategory\tfirst label\tlabeller A\tlabeller B\n"
)


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def _doubted(
    language: str,
    units: list[TrainUnit],
    bodies: dict[str, str],
    by_article: dict[str, list[TrainUnit]],
) -> list[TrainUnit]:
    """The labelled units whose label the teacher's probability of the extractor's unit
    holding them contradicts (only where that unit holds one labelled unit)."""
    from bench.train_checkworthiness import article_rows

    teacher = distil.teacher(language)
    if not teacher:
        raise SystemExit("CLAIMDESK_TEACHER: the teacher's file (bench.distil write)")
    found = []
    for row in article_rows(units, language, bodies):
        probability = teacher.get((row.group, sha(row.inputs.text))) if row.inputs else None
        if probability is None or not row.inputs:
            continue
        if not (row.label == 0 and probability >= DOUBT) and not (
            row.label == 1 and probability <= 1 - DOUBT
        ):
            continue
        body = bodies[row.group]
        inside = [
            u for u in by_article[row.group]
            if body[u.start : u.end].strip() and body[u.start : u.end].strip() in row.inputs.text
        ]  # fmt: skip
        if len(inside) == 1:
            found.append(inside[0])
    return found


def select(language: str, folder: Path) -> int:
    units = train_units(language)
    bodies = article_bodies(units)
    by_article: dict[str, list[TrainUnit]] = {}
    for unit in units:
        by_article.setdefault(unit.article, []).append(unit)
    rows, key = [], {}
    for unit in _doubted(language, units, bodies, by_article):
        siblings = sorted(by_article[unit.article], key=lambda u: u.start)
        at = siblings.index(unit)

        def around(first: int, last: int, siblings: list[TrainUnit] = siblings) -> str:
            return _clean(" ".join(u.text.strip() for u in siblings[max(first, 0) : last]))

        name = f"{unit.article}|{unit.start}|{unit.end}"
        assert bodies[unit.article][unit.start : unit.end] == unit.text
        rows.append([name, around(at - 2, at), around(at, at + 1), around(at + 1, at + 2), "", ""])
        key[name] = [int(unit.claim), unit.category]
    random.Random(7).shuffle(rows)
    folder.mkdir(parents=True, exist_ok=True)
    head = "id\tbefore (context)\tUNIT TO LABEL\tafter (context)\tlabel\tcategory\n"
    lines = "".join("\t".join(row) + "\n" for row in rows)
    (folder / "batch.tsv").write_text(head + lines, encoding="utf-8")
    (folder / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    print(f"{len(rows)} units doubted: {folder / 'batch.tsv'}")
    return 0


def _answers(path: Path) -> dict[str, tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    parts = [line.split("\t") for line in lines if line.strip()]
    return {p[0]: (p[1].strip(), p[2].strip()) for p in parts}


def apply(language: str, folder: Path) -> int:
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    first_reader, second_reader = _answers(folder / "labA.tsv"), _answers(folder / "labB.tsv")
    assert set(first_reader) == set(second_reader) == set(key), "every unit read twice"
    units = {f"{u.article}|{u.start}|{u.end}": u for u in train_units(language)}
    lines, agree = [], 0
    for name, (label, _category) in sorted(key.items()):
        a, b = first_reader[name], second_reader[name]
        agree += a[0] == b[0]
        if a[0] == b[0] != str(label):
            unit = units[name]
            corpus_file, article_key = unit.article.split(":", 1)
            cells = [language, corpus_file, article_key, str(unit.start), str(unit.end)]
            cells += [sha(unit.text), a[0], b[1], str(label)]  # the category: the second reader's
            lines.append("\t".join([*cells, "/".join(a), "/".join(b)]) + "\n")
    about = (
        f"# Labels changed by a blind second reading ({len(key)} units the teacher doubted,"
        f" bench/label_audit.py): the two labellers agreed on {agree} ({agree / len(key):.1%}),"
        f" and on {len(lines)} against the first label.\n"
    )
    (DATA / AUDIT_FILES[language]).write_text(HEADER + about + "".join(lines), encoding="utf-8")
    print(about.strip())
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] not in (["select"], ["apply"]) or len(sys.argv) != 4:
        raise SystemExit(__doc__)
    step = select if sys.argv[1] == "select" else apply
    raise SystemExit(step(sys.argv[2], Path(sys.argv[3])))
