"""How far two labellers agree on the same units: raw agreement, Cohen's kappa on the claim
label (1/0), and where they part, by the codebook's category codes, per language.

Run from the project root:
    .venv/bin/python -m bench.agreement FIRST.tsv SECOND.tsv

Each file is a tab-separated label file, comment lines starting with "#" (and a header line,
if any) left out. A row is the full form of ``bench/data/claims_fresh_test_labels.tsv``
(language, corpus file, article key, start, end, sha1, label, category), the short form a
second labeller writes (article key, start, end, label, category), or a filled-in batch of
``bench/label_sources.py`` (language, corpus file, article key, start, end, sha1, position,
text, title, label, category). Units are matched on (article key, start, end); the language
comes from whichever file gives it. Only units both files label are compared.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

Unit = tuple[str, int, int]


@dataclass(frozen=True)
class Label:
    language: str | None
    claim: int
    category: str


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> float:
    """Cohen's kappa of two labellings of the same items: (p_o - p_e) / (1 - p_e)."""
    assert len(first) == len(second) and first, "two non-empty labellings of the same items"
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[k] * counts_b[k] for k in counts_a) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def read_labels(path: Path) -> dict[Unit, Label]:
    """The labels of a file, by (article key, start, end)."""
    labels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.rstrip("\n").split("\t")]
        if len(fields) == 11:
            language, _, key, start, end, _, _, _, _, claim, category = fields
        elif len(fields) == 8:
            language, _, key, start, end, _, claim, category = fields
        elif len(fields) == 5:
            language, (key, start, end, claim, category) = None, fields
        else:
            raise ValueError(f"{path}:{number}: expected 11, 8 or 5 tab-separated fields")
        if not start.isdigit():
            continue  # a header line
        if claim not in ("0", "1"):
            raise ValueError(f"{path}:{number}: the label is {claim!r}, not 1 or 0")
        labels[(key, int(start), int(end))] = Label(language, int(claim), category)
    return labels


def paired(
    first: dict[Unit, Label], second: dict[Unit, Label]
) -> dict[str, list[tuple[Label, Label]]]:
    """The units both files label, as (first, second) pairs by language."""
    by_language: dict[str, list[tuple[Label, Label]]] = defaultdict(list)
    for unit in sorted(first.keys() & second.keys()):
        a, b = first[unit], second[unit]
        by_language[a.language or b.language or "?"].append((a, b))
    return by_language


def report(pairs: list[tuple[Label, Label]]) -> list[str]:
    """The lines printed for one language."""
    claims_a = [a.claim for a, _ in pairs]
    claims_b = [b.claim for _, b in pairs]
    agree = sum(a == b for a, b in zip(claims_a, claims_b, strict=True)) / len(pairs)
    grid = Counter(zip(claims_a, claims_b, strict=True))
    codes_a = [a.category for a, _ in pairs]
    codes_b = [b.category for _, b in pairs]
    same_code = sum(a == b for a, b in zip(codes_a, codes_b, strict=True)) / len(pairs)
    lines = [
        f"  units {len(pairs)}: claims {sum(claims_a)} (first), {sum(claims_b)} (second)",
        f"  claim 1/0: raw agreement {agree:.1%}, Cohen's kappa "
        f"{cohen_kappa(claims_a, claims_b):.3f}",
        f"  category code: raw agreement {same_code:.1%}, Cohen's kappa "
        f"{cohen_kappa(codes_a, codes_b):.3f}",
        "  first (rows) by second (columns)     0      1",
        f"    0 {grid[(0, 0)]:>32} {grid[(0, 1)]:>6}",
        f"    1 {grid[(1, 0)]:>32} {grid[(1, 1)]:>6}",
        "  by the first file's category: units, second agrees on 1/0, second's usual category",
    ]
    by_category: dict[str, list[tuple[Label, Label]]] = defaultdict(list)
    for a, b in pairs:
        by_category[a.category].append((a, b))
    for category, group in sorted(by_category.items(), key=lambda item: (-len(item[1]), item[0])):
        same = sum(a.claim == b.claim for a, b in group) / len(group)
        usual, count = Counter(b.category for _, b in group).most_common(1)[0]
        lines.append(f"    {category:<17} {len(group):>5} {same:>7.1%}   {usual} ({count})")
    parted = Counter((a.category, b.category) for a, b in pairs if a.claim != b.claim)
    if parted:
        lines.append("  disagreements on 1/0, first category -> second category:")
        lines += [f"    {a} -> {b}: {n}" for (a, b), n in parted.most_common()]
    return lines


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    first, second = (read_labels(Path(name)) for name in argv)
    by_language = paired(first, second)
    only = len(first.keys() ^ second.keys())
    print(f"{argv[0]} vs {argv[1]}: {sum(map(len, by_language.values()))} units in both", end="")
    print(f", {only} in one file only" if only else "")
    for language, pairs in sorted(by_language.items()):
        print(f"{language}:")
        print("\n".join(report(pairs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
