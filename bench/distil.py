"""The fine-tuned e5 scorer as a teacher of the claim model (issue 16, Korean).

Korean's fine-tuned multilingual-e5-small (``bench/finetune_claims.py``, ``FT_LANGUAGE=ko``)
is the more precise scorer (out of fold and on the fresh set) but costs some fifty times the
extraction's CPU, far past issue 16's 1.5x the bare tokenizer; the claim model (character-free
word and structure n-grams, a logistic regression) is what runs. Distillation: the claim model
learns each labelled article unit's target as a share of its label and of the teacher's
out-of-fold probability, ``target = (1 - TEACHER_SHARE) * label + TEACHER_SHARE * teacher``,
as two weighted rows (a claim at weight ``target``, a non-claim at ``1 - target``); lone and
older rows keep their labels. The teacher's probabilities go to a file (article key, sha1
of the unit's text, the probability to three places: no corpus text), written from a
fine-tuning run's held folds by

    FT_WORK=... FT_LANGUAGE=ko FT_FROZEN=6 .venv/bin/python -m bench.distil write

(``FT_WORK/teacher_<language>.tsv``) and read by ``bench.train_checkworthiness`` when
``CLAIMDESK_TEACHER`` names it. Each probability is out
of fold: the teacher that gave it never saw the unit's article. (Within the trainer's own
folds the teacher of another fold's units saw the held fold, so the trainer's out-of-fold
figures are slightly flattered; the dev held-out halves and the fresh set are not.)

Measured 2026-12-07 (session 13; the Korean teacher refitted, FT_FROZEN=6, five folds of
6,122 units, 540 s CPU a fold): the teacher's out-of-fold precision at 90% recall beats the
claim model's by 2.3 and 3.8 points on two folds (.885/.862, .875/.837), mostly on reported
opinion (taken at the 90%-recall cut 25% against 38%), background (46% against 66%) and
opinion (27% against 35%). The student does not learn it: out of fold at 90% recall .833
(no teacher), .834 (share 0.5), .829 (share 1.0); dev held-out Korean 71.1/76.9, 70.8/74.5,
71.1/68.8. A linear model on word and structure n-grams cannot hold what the fine-tuned
layers know; nothing was shipped.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

from bench.fresh_test import sha

# The teacher's share of a distilled unit's target (the label's is the rest).
TEACHER_SHARE = float(os.environ.get("CLAIMDESK_TEACHER_SHARE") or 0.5)
HEADER = (
    "# article key\tsha1(unit)[:12]\tteacher's out-of-fold probability of a claim\n"
    "# The fine-tuned e5 scorer's held-fold probabilities of the claim model's article units\n"
    "# (bench/distil.py write, from bench/finetune_claims.py train); no corpus text.\n"
)


def teacher(language: str) -> dict[tuple[str, str], float]:
    """(article, sha1 of the unit's text) -> the teacher's probability of a ``language``
    unit; empty unless ``CLAIMDESK_TEACHER`` names a file, or when the share is 0."""
    named = os.environ.get("CLAIMDESK_TEACHER")
    if not named or TEACHER_SHARE <= 0:
        return {}
    path = Path(named)
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
    path = finetune_claims.WORK / f"teacher_{language}.tsv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    print(f"wrote {path}: {len(lines)} units")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["write"]:
        raise SystemExit(__doc__)
    raise SystemExit(write(os.environ.get("FT_LANGUAGE") or "ko"))
