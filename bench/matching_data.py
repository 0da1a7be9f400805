"""The claim-matching set (issue 20): appearances and labelled pairs from ``bench/data``.

Corpus appearances are read in place (their sentence checked against the digest it was
labelled with); written ones carry their text. Each appearance is dated by its article (the
corpus's date) or, when written, by its story's date, so relative dates read as in the story.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from bench.extraction_data import CORPUS, checked_text, label_rows
from bench.news_bodies import _when, seed_articles

APPEARANCES = "matching_appearances.tsv"
PAIRS = "matching_pairs.tsv"
# Fact families held out: nothing was tuned on pairs touching them.
HELDOUT_GROUPS = frozenset({"wto.B", "wto.D", "cls.C", "drg.B", "vis.C", "jse.C"})
STORY_DATES = {
    "wto": datetime(2020, 10, 8, 16, 57, tzinfo=UTC),
    "cls": datetime(2025, 2, 26, 6, 0, tzinfo=UTC),
    "drg": datetime(2023, 4, 19, 14, 0, tzinfo=UTC),
    "vis": datetime(2023, 4, 20, 13, 0, tzinfo=UTC),
    "jse": datetime(2023, 4, 20, 13, 0, tzinfo=UTC),
}
OUTLETS = {"newspim": "Newspim", "sbs": "SBS", "yonhap_en": "Yonhap", "tvchosun": "TV Chosun",
           "yonhapnewstv": "Yonhap News TV"}  # fmt: skip


@dataclass(frozen=True)
class Appearance:
    id: str
    group: str
    language: str
    source: str
    text: str
    published_at: datetime
    outlet: str

    @property
    def written(self) -> bool:
        return self.source == "written"


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    label: str  # same | conflict | different
    heldout: bool


@lru_cache(maxsize=1)
def _bodies() -> dict[str, tuple[str, datetime | None]]:
    bodies: dict[str, tuple[str, datetime | None]] = {
        a.key: (a.text, a.published_at) for a in seed_articles()
    }
    gold = "scrapping-webs-korean-outlets/gold.jsonl"
    for line in (CORPUS / gold).open(encoding="utf-8"):
        row = json.loads(line)
        when = _when((row.get("published_at") or [None])[0])
        bodies[f"{gold}:{row['id']}"] = ("\n".join(row.get("text") or []), when)
    return bodies


def _outlet(source: str) -> str:
    for prefix, name in OUTLETS.items():
        if prefix in source:
            return name
    return "written"


def appearances() -> dict[str, Appearance]:
    found = {}
    for id_, group, language, source, start, end, digest, text in label_rows(APPEARANCES):
        story = STORY_DATES[id_.split(".")[0]]
        if source == "written":
            found[id_] = Appearance(id_, group, language, source, text, story, "written")
            continue
        body, when = _bodies()[source]
        sentence = checked_text(body[int(start) : int(end)], digest, f"{APPEARANCES}:{id_}")
        found[id_] = Appearance(
            id_, group, language, source, sentence, when or story, _outlet(source)
        )
    return found


def pairs() -> list[Pair]:
    groups = {a.id: a.group for a in appearances().values()}
    return [
        Pair(a, b, label, groups[a] in HELDOUT_GROUPS or groups[b] in HELDOUT_GROUPS)
        for a, b, label in label_rows(PAIRS)
    ]
