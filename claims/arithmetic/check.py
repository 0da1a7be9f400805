"""Checking one article: read its sentences' figures, find the relations the text ties them
by (``finder.py``), solve each on intervals (``relations.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from claims.arithmetic.finder import Sentence, find
from claims.arithmetic.types import Check
from claims.extraction.claims import SentenceReading, read_sentences


def check_article(
    body: str, *, language: str = "", published_at: datetime | None = None
) -> list[Check]:
    """The arithmetic checks of an article body (every sentence is read, claim or not)."""
    readings = read_sentences(body, language=language, published_at=published_at)
    return check_sentences(body, readings, published_at=published_at)


def check_sentences(
    body: str, readings: Iterable[SentenceReading], *, published_at: datetime | None = None
) -> list[Check]:
    """The checks over sentences already read (the pipeline reads them once for claims)."""
    sentences = [Sentence.read(body, r.start, r.end, r.figures) for r in readings]
    year = published_at.year if published_at else None
    checks = []
    for found in find(sentences, year):
        checks.append(
            Check(
                outcome=found.solved.outcome,
                relation=found.relation,
                formula=found.solved.explanation.split(":")[0],
                figures=tuple(q.figure for q in found.quantities),
                explanation=found.solved.explanation,
                start=found.start,
                end=found.end,
                implied=found.solved.implied,
                roles=found.roles,
            )
        )
    return checks
