"""Each article's own arithmetic: figures that determine each other, checked on the
intervals their printed precision allows. Plain Python: nothing here imports Django.

    checks = check_article(body, language="ko", published_at=when)
    [c.as_dict() for c in checks]   # PRODUCT.md section 9 "checks"
"""

from claims.arithmetic.check import check_article, check_sentences
from claims.arithmetic.types import CONSISTENT, INCONSISTENT, UNDECIDABLE, Check

__all__ = [
    "CONSISTENT",
    "INCONSISTENT",
    "UNDECIDABLE",
    "Check",
    "check_article",
    "check_sentences",
]
