"""Page metadata (title, author, published date) against trafilatura on the same pages, with
a held-out third of the pages that the parser's rules were not tuned on.

Pages with gold metadata in ../shared/corpus (read in place): fundus (title, authors, date),
trafilatura-eval (evaldata.en.json: title, author, date), scrapping-webs-korean-outlets
(title, author, date), newspaper4k (metadata/: title and date; its authors are newspaper's
own output, "www.facebook.com", so they are left out) and goose3 (expected authors and
publish_date; its titles are goose's truncated output, left out).

The held-out third is fixed by a hash of the page's source and name (``held_out``); work
on the parser looks at the other two thirds only. Scoring is bench_articles' (exact title
after normalising, the same people, the same calendar day in the gold value's zone).

Usage from the project root: ``.venv/bin/python -m bench.bench_metadata`` (or through
``python -m bench.run_all bench_metadata``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from articles.parsing import ParseError, decode_bytes
from bench.bench_articles import (
    CORPUS,
    Page,
    Result,
    authors_ok,
    date_ok,
    load_fundus,
    load_korean_outlets,
    load_trafilatura_eval,
    ours,
    theirs_meta,
    title_ok,
)

FIELDS = ("title", "author", "date")
# The targets on pages never seen before.
TARGETS = {"title": 0.95, "author": 0.90, "date": 0.90}


def held_out(page: Page) -> bool:
    digest = hashlib.sha1(f"{page.source}/{page.name}".encode()).hexdigest()
    return int(digest[:8], 16) % 3 == 0


def _html(path: Path) -> str | None:
    try:
        return decode_bytes(gzip.decompress(path.read_bytes()))
    except (OSError, ParseError):
        return None


def load_newspaper4k() -> list[Page]:
    base = CORPUS / "newspaper4k"
    pages = []
    for gold_path in sorted((base / "metadata").glob("*.json")):
        html = _html(base / "html" / f"{gold_path.stem}.html.gz")
        gold = json.loads(gold_path.read_text())
        if html is None or not (gold.get("title") or gold.get("publish_date")):
            continue
        title, when = gold.get("title") or "", gold.get("publish_date") or ""
        pages.append(Page("newspaper4k", gold_path.stem, html, gold.get("url") or "", None, title))
        pages[-1].published = when
    return pages


def load_goose3() -> list[Page]:
    pages = []
    for gold_path in sorted((CORPUS / "goose3").glob("*/*.json")):
        gold = json.loads(gold_path.read_text())
        expected = gold.get("expected") or {}
        authors, when = expected.get("authors") or [], expected.get("publish_date") or ""
        html = _html(gold_path.with_suffix(".html.gz"))
        if html is None or not (authors or when):
            continue
        name = f"{gold_path.parent.name}/{gold_path.stem}"
        pages.append(Page("goose3", name, html, gold.get("url") or "", None, "", list(authors)))
        pages[-1].published = when
    return pages


def _checks(result: Result, page: Page) -> dict[str, bool | None]:
    """Each field's verdict, None when the page has no gold for it."""
    return {
        "title": title_ok(result.title, page.title) if page.title else None,
        "author": authors_ok(result.authors, page.authors) if page.authors else None,
        "date": date_ok(result.published, page.published) if page.published else None,
    }


def _score(rows: list[dict[str, bool | None]], field: str) -> tuple[float, int]:
    found = [row[field] for row in rows if row[field] is not None]
    return (sum(bool(x) for x in found) / len(found) if found else 0.0), len(found)


def main() -> int:
    if not CORPUS.exists():
        print(f"corpus missing: {CORPUS}")
        return 1
    pages = (
        load_fundus()
        + load_trafilatura_eval()
        + load_korean_outlets()
        + load_newspaper4k()
        + load_goose3()
    )
    ours_rows = [_checks(ours(p), p) for p in pages]
    theirs_rows = [_checks(theirs_meta(p), p) for p in pages]
    print("page metadata: ours vs trafilatura bare_extraction(with_metadata=True), same pages")
    for label, keep in (
        ("tuning 2/3", lambda p: not held_out(p)),
        ("held-out 1/3", held_out),
        ("all", lambda p: True),
    ):
        idx = [i for i, p in enumerate(pages) if keep(p)]
        parts = []
        for field in FIELDS:
            a, n = _score([ours_rows[i] for i in idx], field)
            b, _ = _score([theirs_rows[i] for i in idx], field)
            parts.append(f"{field} {a:.3f} vs {b:.3f} (n={n})")
        print(f"  {label:13} pages={len(idx):3}  " + "; ".join(parts))
    idx = [i for i, p in enumerate(pages) if held_out(p)]
    for field in FIELDS:
        a, _ = _score([ours_rows[i] for i in idx], field)
        b, _ = _score([theirs_rows[i] for i in idx], field)
        verdict = "ok" if a >= TARGETS[field] and a >= b else "below"
        print(
            f"  held-out {field}: {a:.3f} (target >= {TARGETS[field]}, "
            f"trafilatura {b:.3f}) {verdict}"
        )
    by_source: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        by_source.setdefault(p.source.split("/")[0], []).append(i)
    for source, idx in sorted(by_source.items()):
        parts = []
        for field in FIELDS:
            a, n = _score([ours_rows[i] for i in idx], field)
            b, _ = _score([theirs_rows[i] for i in idx], field)
            parts.append(f"{field} {a:.3f} vs {b:.3f} (n={n})")
        print(f"  {source:16} " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
