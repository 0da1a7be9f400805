"""End-to-end ingestion rate into PostgreSQL for 1,000 pages (no network).

Pages are the scrapinghub-aeb corpus pages, cycled to 1,000 with distinct URLs. The
reference is trafilatura alone extracting the same 1,000 pages in the same run, so the
ratio says what parsing metadata, extracting claims and storing everything costs on top.
Runs in a subprocess with its own PostgreSQL database (claimdesk_bench_ingest).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "scrapinghub-aeb" / "html"
DATABASE = "claimdesk_bench_ingest"
PAGES = 1000


def load_pages() -> list[tuple[str, bytes]]:
    files = sorted(CORPUS.glob("*.html.gz"))
    if not files:
        raise SystemExit(f"corpus missing: {CORPUS}")
    raw = [gzip.open(f, "rb").read() for f in files]
    return [
        (f"https://bench.example/{i}/{files[i % len(files)].stem}", raw[i % len(raw)])
        for i in range(PAGES)
    ]


def run_inside() -> int:
    import logging

    import django

    logging.getLogger("trafilatura").setLevel(logging.ERROR)

    django.setup()
    import trafilatura
    from django.core.management import call_command

    from articles.models import Article
    from claims.models import Claim
    from claims.pipeline import SourceError, extract_document, store_extraction

    call_command("migrate", verbosity=0)
    pages = load_pages()
    started = time.perf_counter()
    for _url, data in pages:
        trafilatura.extract(data)
    reference = time.perf_counter() - started

    refused: Counter[str] = Counter()
    started = time.perf_counter()
    for url, data in pages:
        try:
            extraction = extract_document(data, source=url, url=url, filename="page.html")
        except SourceError as error:
            refused[error.reason[:60]] += 1
            continue
        for item in extraction.articles:
            # The corpus is cycled to 1,000 pages: a distinct address per copy makes each one
            # a new article rather than an unchanged revision of the first copy.
            item.parsed.canonical_url = url
        store_extraction(extraction)
    ours = time.perf_counter() - started
    print(f"pages: {len(pages)} ({sum(refused.values())} refused: {dict(refused)})")
    print(f"articles stored: {Article.objects.count()}, claims: {Claim.objects.count()}")
    print(f"trafilatura alone: {len(pages) / reference:.1f} pages/s")
    print(f"claimdesk ingest into PostgreSQL: {len(pages) / ours:.1f} pages/s")
    print(f"ratio ingest time / trafilatura time: {ours / reference:.2f}x")
    return 0


def main() -> int:
    admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
    subprocess.run([*admin, f"DROP DATABASE IF EXISTS {DATABASE}", "postgres"], check=True)
    subprocess.run([*admin, f"CREATE DATABASE {DATABASE}", "postgres"], check=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "bench.bench_ingest", "--inside"], cwd=ROOT, env=env
        ).returncode
    finally:
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {DATABASE}", "postgres"], check=False)


if __name__ == "__main__":
    sys.exit(run_inside() if "--inside" in sys.argv else main())
