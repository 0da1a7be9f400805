"""Evidence that stays checkable (issue 21): source corroboration, archives, agreement.

1. Rendering suite (``bench/evidence_data.py``): every rendering of every claim figure, and
   every decoy, served on 127.0.0.1 and fetched through the real fetcher. Targets: found
   100%, false "found" 0.
2. Archives, through the product's own glue (``claims.archiving``) on a fresh SQLite
   database and archive folder: a stored excerpt that is not on the page is flagged (100%),
   the archive's hash holds across re-reads, a changed page shows a diff and keeps its
   first version, an unreachable page reports its status.
3. Speed: corroborating against a 1 MB page (Korean Wikinews articles, ~400,000
   characters of text), after the fetch, beside trafilatura's extraction of the same page
   in the same run. Target: corroboration at most 1 s.
4. Agreement statistics against the ``krippendorff`` package on generated data, and the
   hand-computed examples.

Run from the project root:  .venv/bin/python -m bench.run_all evidence
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "corpus" / "ko-wikinews" / "wikinews.csv.gz"
ROUNDS = 5


def rendering_suite() -> bool:
    from bench.evidence_data import CASES
    from bench.evidence_suite import run_suite

    started = time.perf_counter()
    result = run_suite()
    took = time.perf_counter() - started
    rate = result.found / result.renderings
    print(f"\n## 1. Rendering suite ({took:.1f}s)")
    print(f"claim figures: {len(CASES)}; page forms: {result.forms}")
    print(f"renderings found: {result.found}/{result.renderings} ({rate:.1%}; target 100%)")
    print(f"decoys reported found: {result.false_found}/{result.decoys} (target 0)")
    print(f"pages unreachable: {result.unreachable}")
    for miss in result.misses + result.false:
        print(f"  ! {miss}")
    return rate == 1 and result.false_found == 0 and result.unreachable == 0


def one_megabyte_page() -> bytes:
    rows = list(csv.reader(io.TextIOWrapper(gzip.open(WIKINEWS), encoding="utf-8")))[1:]
    paragraphs, size = [], 0
    for row in rows:
        for line in row[3].split("\n"):
            if line.strip() and size < 1_000_000:
                paragraph = f"<p>{html.escape(line.strip())}</p>\n"
                paragraphs.append(paragraph)
                size += len(paragraph.encode())
    tail = (
        "<p>클래시스 시가총액은 3조7800억원 수준이다. 베인캐피탈은 클래시스 지분 61.57%를 "
        "보유하고 있으며, 2021년 초 이 지분을 6,700억 원에 인수했다.</p>"
    )
    page = (
        "<html><head><meta charset='utf-8'><title>위키뉴스 모음</title></head><body><article>"
        + "".join(paragraphs)
        + tail
        + "</article></body></html>"
    )
    return page.encode()


def _median(run) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def speed() -> bool:
    import trafilatura

    from articles.snapshot import SnapshotLimits, page_text
    from claims.evidence import corroborate
    from claims.extraction.figures import extract_figures

    page = one_megabyte_page()
    limits = SnapshotLimits(user_agent="bench")
    claim = "매각 대상 지분 61.57%는 약 6700억원에 팔렸고 지분 가치는 2조3000억원 수준이다."
    figures = [f.as_dict() for f in extract_figures(claim, language="ko")]
    missing = [f.as_dict() for f in extract_figures("정부는 93개국에 친서를 보냈다.")]
    # Warm both sides up once (the date parser compiles its tables on first use).
    text = page_text(page, content_type="text/html; charset=utf-8", url="", limits=limits)
    trafilatura.extract(page)
    traf_s, _ = _median(lambda: trafilatura.extract(page))
    parse_s, parsed = _median(
        lambda: page_text(page, content_type="text/html; charset=utf-8", url="", limits=limits)
    )
    text = parsed.text  # type: ignore[attr-defined]
    one_s, one = _median(lambda: corroborate(figures[:1], text, language="ko", claim_text=claim))
    all_s, whole = _median(
        lambda: corroborate(
            figures, text, language="ko", excerpt="지분 가치는 3조원이다", claim_text=claim
        )
    )
    miss_s, miss = _median(lambda: corroborate(missing, text, language="ko"))
    print(f"\n## 3. Speed on a 1 MB page ({len(page):,} bytes, {len(text):,} characters of text)")
    print(f"median of {ROUNDS} after a warm-up; the fetch itself is not counted")
    print(f"trafilatura.extract alone (reference):         {traf_s:.3f}s")
    print(f"our text extraction (article parser):         {parse_s:.3f}s  {parse_s / traf_s:.2f}x")
    states = [f.state for f in whole.figures]  # type: ignore[attr-defined]
    print(f"corroborate 1 figure (found):                  {one_s:.3f}s  {one_s / traf_s:.2f}x")
    print(f"corroborate 3 figures + excerpt ({states}): {all_s:.3f}s  {all_s / traf_s:.2f}x")
    print(f"corroborate 1 figure (absent, full search):    {miss_s:.3f}s  {miss_s / traf_s:.2f}x")
    print(
        f"extraction + corroboration of 1 figure:        {parse_s + one_s:.3f}s  "
        f"{(parse_s + one_s) / traf_s:.2f}x"
    )
    ok = one.figures[0].state == "found" and miss.figures[0].state == "not_found"  # type: ignore[attr-defined]
    return ok and max(one_s, all_s, miss_s) <= 1.0


def agreement_check() -> bool:
    import krippendorff

    from claims.evidence.agreement import cohen_kappa, krippendorff_alpha

    scale = ["false", "mostly_false", "half_true", "mostly_true", "true"]
    worst = 0.0
    runs = 0
    ours_s = reference_s = 0.0
    for seed in range(20):
        rng = random.Random(seed)
        rows = []
        for claim in range(300):
            truth = rng.randrange(5)
            for reviewer in range(6):
                if rng.random() < 0.4:
                    continue
                grade = truth if rng.random() < 0.65 else rng.randrange(5)
                rows.append((claim, reviewer, grade))
        grid = [[float("nan")] * 300 for _ in range(6)]
        for claim, reviewer, grade in rows:
            grid[reviewer][claim] = grade
        for level in ("nominal", "ordinal", "interval"):
            started = time.perf_counter()
            ours = krippendorff_alpha(
                [(c, r, scale[g] if level == "ordinal" else g) for c, r, g in rows],
                level=level,
                order=scale if level == "ordinal" else (),
            ).alpha
            ours_s += time.perf_counter() - started
            started = time.perf_counter()
            theirs = krippendorff.alpha(reliability_data=grid, level_of_measurement=level)
            reference_s += time.perf_counter() - started
            worst = max(worst, abs(float(ours or 0) - theirs))
            runs += 1
    paper = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    ratings = [(u, c, v) for c, vs in paper.items() for u, v in enumerate(vs) if v is not None]
    nominal = krippendorff_alpha(ratings).alpha
    ordinal = krippendorff_alpha(ratings, level="ordinal", order=[1, 2, 3, 4, 5]).alpha
    kappa = cohen_kappa(["y"] * 25 + ["n"] * 25, ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15)
    print("\n## 4. Agreement statistics")
    print(f"generated data: {runs} comparisons (20 seeds x nominal/ordinal/interval, 300 claims)")
    print(f"largest |ours - krippendorff package|: {worst:.2e} (target < 1e-9)")
    print(f"time: ours {ours_s:.2f}s, package {reference_s:.2f}s")
    print(
        f"Krippendorff 2011 example: nominal {nominal:.3f} (0.743), ordinal {ordinal:.3f} (0.815)"
    )
    print(f"Cohen's kappa example: {kappa:.3f} (0.400)")
    return worst < 1e-9 and round(nominal or 0, 3) == 0.743 and round(ordinal or 0, 3) == 0.815


def archives() -> bool:
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-evidence-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": "claimdesk-bench-evidence-not-secret-0123456789abcdef",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "CLAIMDESK_ARCHIVE_ROOT": f"{folder}/archives",
            "CLAIMDESK_FETCH_ALLOW_LOOPBACK": "1",
            "CLAIMDESK_FETCH_MIN_DELAY_MS": "0",
            "CLAIMDESK_FETCH_RESPECT_ROBOTS": "0",
            # The bench archives each source itself; the verdict's own hook would fetch twice.
            "CLAIMDESK_ARCHIVE_SOURCES": "0",
            "LOG_LEVEL": "WARNING",
        }
        run = subprocess.run(
            [sys.executable, "-m", "bench.evidence_archives"], cwd=ROOT, env=env, check=False
        )
    return run.returncode == 0


def main() -> int:
    sys.path.insert(0, str(ROOT))
    results = {
        "rendering suite": rendering_suite(),
        "archives": archives(),
        "speed": speed(),
        "agreement": agreement_check(),
    }
    print("\n## Targets")
    for name, met in results.items():
        print(f"{name}: {'met' if met else 'NOT MET'}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
