"""Each article's own arithmetic (issue 20, item 6): the generated suite of rounded,
boundary, hedged and perturbed snippets (``bench/arithmetic_suite.py``), the seed page's
Classys check and its edited copies, and the flags over every Korean and English news body
of the corpus, each matched against the hand audit in
``bench/data/arithmetic_audit.tsv`` (flag id, verdict, why).

Run from the project root:  .venv/bin/python -m bench.run_all arithmetic
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from datetime import UTC, datetime

from bench.arithmetic_suite import REF_YEAR, suite
from bench.extraction_data import DEV_DATA, label_rows
from bench.news_bodies import Body, news_bodies, seed_articles
from claims.arithmetic import Check, check_article

AUDIT = "arithmetic_audit.tsv"
EDITS = {
    "2조8000억원 (stake value edited)": (
        "단순 지분 가치는 2조3000억원",
        "단순 지분 가치는 2조8000억원",
    ),
    "지분 71.57% (share edited)": ("지분 61.57%", "지분 71.57%"),
}


def flag_id(key: str, check: Check) -> str:
    """A flag's id: the article's corpus key, the relation and the figures' texts, hashed."""
    figures = "|".join(f.text for f in check.figures)
    return hashlib.sha1(f"{key}|{check.relation}|{figures}".encode()).hexdigest()[:12]  # noqa: S324


def run_suite() -> bool:
    snippets = suite()
    when = datetime(REF_YEAR, 6, 1, tzinfo=UTC)
    rows: Counter[tuple[str, str, str]] = Counter()
    for s in snippets:
        checks = check_article(s.text, language=s.language, published_at=when)
        flagged = any(c.flagged for c in checks)
        found = any(c.relation == s.relation for c in checks)
        kind = "perturbed" if s.expect_flag else "correct"
        rows[(s.relation, s.language, kind)] += 1
        rows[(s.relation, s.language, kind + "_flagged")] += flagged
        rows[(s.relation, s.language, kind + "_found")] += found
    print(f"generated suite: {len(snippets)} snippets (written here; labels by the definition)")
    print(
        f"{'relation':<14}{'lang':<6}{'perturbed flagged':>20}"
        f"{'correct flagged':>18}{'correct read':>14}"
    )
    total = Counter[str]()
    for relation in dict.fromkeys(s.relation for s in snippets):
        for lang in ("ko", "en"):
            p, pf = rows[(relation, lang, "perturbed")], rows[(relation, lang, "perturbed_flagged")]
            c, cf = rows[(relation, lang, "correct")], rows[(relation, lang, "correct_flagged")]
            cr = rows[(relation, lang, "correct_found")]
            total.update({"p": p, "pf": pf, "c": c, "cf": cf, "cr": cr})
            print(f"{relation:<14}{lang:<6}{pf:>12}/{p:<7}{cf:>10}/{c:<7}{cr:>7}/{c:<6}")
    recall = total["pf"] / total["p"]
    print(
        f"perturbed recall {recall:.3f} ({total['pf']}/{total['p']}, target >= 0.95); "
        f"flags on correct {total['cf']} of {total['c']} (target 0); "
        f"correct snippets whose relation was read {total['cr']}/{total['c']}"
    )
    return recall >= 0.95 and total["cf"] == 0


def run_seed() -> bool:
    classys = seed_articles()[1]
    ok = True
    cases = {"as published": classys.text} | {
        name: classys.text.replace(old, new) for name, (old, new) in EDITS.items()
    }
    for name, text in cases.items():
        checks = [
            c
            for c in check_article(text, language="ko", published_at=classys.published_at)
            if c.relation == "stake_value"
        ]
        outcome = checks[0].outcome if checks else "not read"
        want = "consistent" if name == "as published" else "inconsistent"
        ok &= outcome == want
        print(f"seed Classys, {name}: {outcome} (want {want})")
        if checks:
            print(f"    {checks[0].explanation}")
    return ok


def run_corpus() -> bool:
    audit = {row[0]: row for row in label_rows(AUDIT)}
    started = time.perf_counter()
    articles: Counter[str] = Counter()
    outcomes: Counter[tuple[str, str]] = Counter()
    flags: list[tuple[str, Body, Check]] = []
    for body in news_bodies():
        articles[body.language] += 1
        for check in check_article(
            body.text, language=body.language, published_at=body.published_at
        ):
            outcomes[(check.relation, check.outcome)] += 1
            if check.flagged:
                flags.append((flag_id(body.key, check), body, check))
    seconds = time.perf_counter() - started
    n = sum(articles.values())
    print(
        f"\ncorpus: {n} news bodies ({articles['ko']} Korean, {articles['en']} English), "
        f"{seconds:.0f}s"
    )
    for (relation, outcome), count in sorted(outcomes.items()):
        print(f"    {relation:<14}{outcome:<14}{count:>4}")
    print(f"flags: {len(flags)}, {100 * len(flags) / n:.2f} per 100 articles")
    true = unaudited = 0
    for fid, body, check in flags:
        row = audit.get(fid)
        verdict = row[3] if row else "NOT AUDITED"
        true += verdict == "true"
        unaudited += row is None
        print(f"    {fid} {body.key} {check.relation} {[f.text for f in check.figures]}: {verdict}")
        print(f"        {check.explanation}")
    precision = true / len(flags) if flags else 1.0
    print(
        f"audited precision {precision:.2f} ({true}/{len(flags)}; target >= 0.90); "
        f"unaudited {unaudited}"
    )
    print(f"(audit file: {DEV_DATA / AUDIT})")
    return precision >= 0.9 and not unaudited


def main() -> int:
    ok = run_suite()
    print()
    ok &= run_seed()
    ok &= run_corpus()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
