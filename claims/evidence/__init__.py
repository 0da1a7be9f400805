"""Evidence that stays checkable: pure engines, no Django here.

- ``corroborate``: a claim's figures (as stored) looked for in a source's archived text,
  across renderings ("6700억원", "0.67조 원", "670 billion won"), with the figure grammar of
  ``claims.extraction.figures`` read on the source too; found, found from a computation
  (a stake's value from market value and share), or not found.
- ``excerpt``: a reviewer's quoted passage looked for in the archived text, whitespace,
  width and quotation marks tolerated.
- ``agreement``: Cohen's kappa per reviewer pair and Krippendorff's alpha (nominal, ordinal).
- ``recheck``: when a claim whose truth ages should be checked again.

Fetching and archiving the page is ``articles.snapshot`` (URL in, archived text and WARC
record out); the database and storage glue is ``claims.archiving``.
"""

from claims.evidence.agreement import (
    Agreement,
    AlphaResult,
    PairKappa,
    agreement,
    cohen_kappa,
    krippendorff_alpha,
)
from claims.evidence.corroborate import (
    Corroboration,
    FigureResult,
    corroborate,
    unreachable,
)
from claims.evidence.excerpt import ExcerptMatch, find_excerpt
from claims.evidence.recheck import DEFAULT_PERIODS, Recheck, propose_recheck

__all__ = [
    "DEFAULT_PERIODS",
    "Agreement",
    "AlphaResult",
    "Corroboration",
    "ExcerptMatch",
    "FigureResult",
    "PairKappa",
    "Recheck",
    "agreement",
    "cohen_kappa",
    "corroborate",
    "find_excerpt",
    "krippendorff_alpha",
    "propose_recheck",
    "unreachable",
]
