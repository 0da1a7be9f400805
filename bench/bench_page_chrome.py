"""Claims from a page's chrome: on corpus pages with a gold main text, the claims whose text
is nowhere in that gold text (captions, credits, related links, bylines, comment counts that
the page's own article does not hold), and the claims the gold text does hold.

Pages: scrapinghub-aeb (articleBody), fundus (body), scrapping-webs-korean-outlets (text
paragraphs), read in place from ../shared/corpus. Usage: ``python -m bench.bench_page_chrome
[-v]`` (``-v`` lists the claims outside the gold text).
"""

from __future__ import annotations

import re
import sys

from articles.parsing import ParseError, parse_html
from bench.bench_articles import CORPUS, Page, load_aeb, load_fundus, load_korean_outlets
from claims.extraction import extract_claims

WORDS = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(WORDS.findall(text.casefold()))


def outside_claims(page: Page) -> tuple[int, list[str]]:
    """How many claims the page yields, and those whose words are not in its gold text."""
    try:
        articles = parse_html(page.html, url=page.url)
    except ParseError:
        return 0, []
    gold = _norm(page.body or "")
    total, outside = 0, []
    for article in articles:
        claims = extract_claims(
            article.body, language=article.language, published_at=article.published_at
        )
        total += len(claims)
        outside += [c.text for c in claims if _norm(c.text) not in gold]
    return total, outside


def main() -> int:
    if not CORPUS.exists():
        print(f"corpus missing: {CORPUS}")
        return 1
    verbose = "-v" in sys.argv
    pages = [p for p in load_aeb() + load_fundus() + load_korean_outlets() if p.body]
    print("claims outside the gold main text (page chrome), corpus pages with gold text")
    by_source: dict[str, list[int]] = {}
    for page in pages:
        total, outside = outside_claims(page)
        counts = by_source.setdefault(page.source.split("/")[0], [0, 0, 0])
        counts[0] += 1
        counts[1] += total
        counts[2] += len(outside)
        for text in outside if verbose else []:
            print(f"    {page.source} {page.name[:16]}: {text[:160]}")
    for source, (n, total, outside) in sorted(by_source.items()):
        print(f"  {source:16} pages={n:3}  claims {total:5}  outside the gold text {outside:4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
