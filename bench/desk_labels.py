"""The desk's decisions read back as training units (``manage.py export_claim_labels``
writes them): ``python -m bench.train_checkworthiness LANGUAGE --desk FILE`` fits the claim
model on them beside the campaign's labels. Each label names a span of a stored revision
whose body the file holds; the trainer maps it onto the extractor's unit that covers most of
it, as it does the campaign's labels (``train_checkworthiness.article_rows``). The desk's
units are trained on but never scored out of fold: the campaign's units stay the measure.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.claims_train import TrainUnit


def read_desk_labels(path: Path, language: str) -> tuple[list[TrainUnit], dict[str, str]]:
    """The labels of ``language`` in the file as units of articles named "desk:<revision>",
    and those articles' bodies; a label whose text is not its revision's is refused."""
    bodies: dict[str, str] = {}
    labels = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            where = f"desk:{record['revision']}"
            if record["type"] == "revision" and record["language"] == language:
                bodies[where] = record["body"]
            elif record["type"] == "label" and where in bodies:
                labels.append((where, record))
    counts: dict[str, int] = {}
    for where, _ in labels:
        counts[where] = counts.get(where, 0) + 1
    units, seen = [], dict.fromkeys(counts, 0)
    for where, record in labels:
        start, end = int(record["start"]), int(record["end"])
        if bodies[where][start:end] != record["text"]:
            raise ValueError(
                f"{path}: claim {record['claim_id']}'s text is not its revision's at "
                f"{start}-{end}: export the labels again"
            )
        category = "desk_" + str(record["decided"])
        units.append(
            TrainUnit(
                language=language,
                article=where,
                start=start,
                end=end,
                claim=bool(record["claim"]),
                category=category,
                index=seen[where],
                count=counts[where],
                text=record["text"],
            )
        )
        seen[where] += 1
    return units, bodies
