"""Text in, claims with figures out. Plain Python: nothing here imports Django."""

from claims.extraction.attribution import attribution_of
from claims.extraction.claims import extract_claims, fingerprint, read_sentences
from claims.extraction.figures import extract_figures
from claims.extraction.sentences import split_sentences
from claims.extraction.types import ExtractedClaim, Figure
from lib.language import detect_language

__all__ = [
    "ExtractedClaim",
    "Figure",
    "attribution_of",
    "detect_language",
    "extract_claims",
    "extract_figures",
    "fingerprint",
    "read_sentences",
    "split_sentences",
]
