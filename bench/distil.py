"""The fine-tuned e5 scorer as a teacher of the claim model (issue 16, Korean).

Korean's fine-tuned multilingual-e5-small (``bench/finetune_claims.py``, ``FT_LANGUAGE=ko``)
is the more precise scorer (out of fold and on the fresh set) but costs some fifty times the
extraction's CPU, far past issue 16's 1.5x the bare tokenizer; the claim model (character-free
word and structure n-grams, a logistic regression) is what runs. Distillation: the claim model
learns each labelled article unit's target as a share of its label and of the teacher's
out-of-fold probability, ``target = (1 - TEACHER_SHARE) * label + TEACHER_SHARE * teacher``,
as two weighted rows (a claim at weight ``target``, a non-claim at ``1 - target``); lone and
older rows keep their labels. The teacher's probabilities are kept in
``bench/data/claims_teacher_<language>.tsv`` (article key, sha1 of the unit's text, the
probability to three places: no corpus text), written from a fine-tuning run's held folds by

    FT_WORK=... FT_LANGUAGE=ko FT_FROZEN=6 .venv/bin/python -m bench.distil write

and read by ``bench.train_checkworthiness`` when the file is there. Each probability is out
of fold: the teacher that gave it never saw the unit's article. (Within the trainer's own
folds the teacher of another fold's units saw the held fold, so the trainer's out-of-fold
figures are slightly flattered; the dev held-out halves and the fresh set are not.)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

from bench.fresh_test import sha

DATA = Path(__file__).resolve().parent / "data"
# The teacher's share of a distilled unit's target (the label's is the rest).
TEACHER_SHARE = float(os.environ.get("CLAIMDESK_TEACHER_SHARE") or 0.5)
HEADER = (
    "# article key\tsha1(unit)[:12]\tteacher's out-of-fold probability of a claim\n"
    "# The fine-tuned e5 scorer's held-fold probabilities of the claim model's article units\n"
    "# (bench/distil.py write, from bench/finetune_claims.py train); no corpus text.\n"
)


def teacher_path(language: str) -> Path:
    return DATA / f"claims_teacher_{language}.tsv"


def teacher(language: str) -> dict[tuple[str, str], float]:
    """(article, sha1 of the unit's text) -> the teacher's probability; empty without a file
    or when ``CLAIMDESK_TEACHER_SHARE`` is 0."""
    path = teacher_path(language)
    if not path.exists() or TEACHER_SHARE <= 0:
        return {}
    probabilities = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            article, digest, probability = line.split("\t")
            probabilities[(article, digest)] = float(probability)
    return probabilities


def target(label: int, probability: float | None) -> float:
    if probability is None:
        return float(label)
    return (1 - TEACHER_SHARE) * label + TEACHER_SHARE * probability


def write(language: str) -> int:
    """The held folds' logits of a fine-tuning run in ``FT_WORK`` as the teacher's file."""
    from bench import finetune_claims

    units = [json.loads(line) for line in finetune_claims.units_file(language).open()]
    logits, folds = finetune_claims._fold_logits(len(units), finetune_claims._run_name(False))
    if len(folds) != 5:
        raise SystemExit(f"folds run: {folds}; the teacher needs all five")
    lines = []
    for unit, logit in zip(units, logits, strict=True):
        if unit["text"] and not np.isnan(logit):
            probability = 1 / (1 + np.exp(-logit))
            lines.append(f"{unit['group']}\t{sha(unit['text'])}\t{probability:.3f}\n")
    teacher_path(language).write_text(HEADER + "".join(lines), encoding="utf-8")
    print(f"wrote {teacher_path(language)}: {len(lines)} units")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["write"]:
        raise SystemExit(__doc__)
    raise SystemExit(write(os.environ.get("FT_LANGUAGE") or "ko"))
