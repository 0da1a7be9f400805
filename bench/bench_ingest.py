"""End-to-end ingestion rate into PostgreSQL for 1,000 pages (no network).

Pages are the scrapinghub-aeb corpus pages, cycled to 1,000 with distinct URLs. The
reference is trafilatura alone extracting the same 1,000 pages in the same run, so the
ratio says what parsing metadata, extracting claims and storing everything costs on top.
Runs in a subprocess with its own PostgreSQL database (claimdesk_bench_ingest, or
``BENCH_INGEST_DB`` on a shared machine). ``BENCH_INGEST_PAGES`` sets the number of pages
(181 gives each corpus page once). The English embedding blend is on as in the product
(``CLAIMDESK_CLAIM_EMBEDDINGS=0`` turns it off). The CPU per page is given for the first
pass over the corpus and for the copies after it apart; the blend's vector cache does not
spare the copies here: one pass holds some 6,100 English units, more than the cache keeps,
so each unit is gone by the time its copy comes.
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
DATABASE = os.environ.get("BENCH_INGEST_DB", "claimdesk_bench_ingest")
PAGES = int(os.environ.get("BENCH_INGEST_PAGES", "1000"))


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
    from django.conf import settings
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
    first = min(len(pages), len(list(CORPUS.glob("*.html.gz"))))
    cpu = [0.0, 0.0]  # the first pass over the corpus, the copies after it
    started = time.perf_counter()
    for index, (url, data) in enumerate(pages):
        before = time.process_time()
        try:
            extraction = extract_document(data, source=url, url=url, filename="page.html")
        except SourceError as error:
            refused[error.reason[:60]] += 1
        else:
            for item in extraction.articles:
                # The corpus is cycled to 1,000 pages: a distinct address per copy makes each
                # one a new article rather than an unchanged revision of the first copy.
                item.parsed.canonical_url = url
            store_extraction(extraction)
        cpu[index >= first] += time.process_time() - before
    ours = time.perf_counter() - started
    print(f"English embedding blend: {'on' if settings.CLAIMDESK_CLAIM_EMBEDDINGS else 'off'}")
    print(f"pages: {len(pages)} ({sum(refused.values())} refused: {dict(refused)})")
    print(f"articles stored: {Article.objects.count()}, claims: {Claim.objects.count()}")
    print(f"trafilatura alone: {len(pages) / reference:.1f} pages/s")
    print(f"claimdesk ingest into PostgreSQL: {len(pages) / ours:.1f} pages/s")
    print(f"ratio ingest time / trafilatura time: {ours / reference:.2f}x")
    print(f"CPU per page, first pass over the {first} corpus pages: {cpu[0] / first:.3f}s")
    if copies := len(pages) - first:
        print(f"CPU per page, the {copies} copies after it: {cpu[1] / copies:.3f}s")
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
