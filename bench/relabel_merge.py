"""Merge the two blind relabelling passes (bench/relabel_sources.py) back into label files,
and print Cohen's kappa before and after (issue 16).

Run from the project root once both passes are back:
    .venv/bin/python -m bench.relabel_merge /work/labelling/relabel/pass1 \\
        /work/labelling/relabel/pass2 [--adjudicated DIR] [--disagreements FILE] [--no-write]

A pass is a folder of filled-in relabelling batches (the 11 columns of the campaign batches;
comment lines and the header line left out; rows whose label and category are both still
empty count as not yet labelled). Every labelled row must name a unit of the relabelled files
with its sha1 unchanged, carry 1 or 0 and a category code of ``CODEBOOK.md`` of the same sign.

What it prints (claim 1/0; units matched on corpus file, article key, start, end):
- before: the old definition's own agreement, the second labelling of dev batch 2
  (``extraction_dev_labels_2_second.tsv`` against ``extraction_dev_labels_2.tsv``), kappa per
  language, and for reference the codebook-v1 agreement on the fresh test set;
- after: pass 1 vs pass 2 on the same units as that second labelling, per language; then
  per language and per original file: old label vs pass 1, old label vs pass 2,
  pass 1 vs pass 2 (old-vs-pass over the files' rows, pass-vs-pass over units), then
  ``bench/agreement.py``'s full report of pass 1 vs pass 2 per language (category codes,
  the 2x2 table, where they part).

What it writes, for each original file whose units both passes have labelled in full:
``bench/data/<name>.v1.tsv``, the same rows in the same order with the same id columns, the
label decided as follows: pass 1's where the passes agree on 1/0; where they part, a third,
adjudicating pass's (a folder of filled-in batches, any subset of rows; by default
``adjudicated/`` beside the pass-1 folder) when it labelled the unit, else pass 1's. The
category goes with the label chosen (pass 1's where they agree). Columns ``pass1`` and
``pass2`` keep each pass's ``label:category``. ``--disagreements FILE`` writes the units where
the passes part as a blind batch (label and category empty) for the adjudicator.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.agreement import Label, cohen_kappa, paired, read_labels, report
from bench.label_sources import BATCH_COLUMNS
from bench.relabel_sources import ADJUDICATED, RELABEL_FILES, UnitKey

DATA = Path(__file__).resolve().parent / "data"
CODEBOOK = "CODEBOOK.md"
CODEBOOK_VERSION = 1
# The "before" side: the second labelling of dev batch 2, old definition (first, second).
BEFORE = ("extraction_dev_labels_2.tsv", "extraction_dev_labels_2_second.tsv")
# For reference: two labellings of the fresh test set against codebook v1.
FRESH = ("claims_fresh_test_labels.tsv", "claims_fresh_test_labels_second.tsv")
V1_COLUMNS = (
    "language", "corpus file", "article id", "start", "end", "sha1(sentence)[:12]",
    "claim (1) or not (0)", "category", "pass1", "pass2",
)  # fmt: skip
CODE_ROW = re.compile(r"^\|\s*([01])\s*\|\s*`(\w+)`\s*\|", re.MULTILINE)


def codebook_codes(text: str | None = None) -> dict[str, int]:
    """The category codes of the codebook's table, each with the label it goes with."""
    if text is None:
        text = (DATA / CODEBOOK).read_text(encoding="utf-8")
    codes = {code: int(label) for label, code in CODE_ROW.findall(text)}
    assert codes, "no category codes found in the codebook"
    return codes


@dataclass
class Pass:
    """The labels of one pass: by unit, with the sha1 and the batch row it came with."""

    labels: dict[UnitKey, Label] = field(default_factory=dict)
    digests: dict[UnitKey, str] = field(default_factory=dict)
    rows: dict[UnitKey, list[str]] = field(default_factory=dict)
    batch_of: dict[UnitKey, str] = field(default_factory=dict)
    # The first comment line of each batch file: the labeller, the date, the codebook version.
    signatures: dict[str, str] = field(default_factory=dict)


def read_pass(directory: Path, codes: dict[str, int]) -> Pass:
    """Every labelled row of the filled-in batches of a folder (a missing folder is an empty
    pass). Raises ValueError on a malformed row, a label that is not 1/0, a category not in
    the codebook or of the other sign, or a unit labelled twice in two ways."""
    found = Pass()
    for path in sorted(directory.glob("*.tsv")) if directory.is_dir() else []:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path}:{number}"
            if line.startswith("#"):
                found.signatures.setdefault(path.name, line.lstrip("#").strip())
                continue
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != len(BATCH_COLUMNS):
                raise ValueError(f"{where}: {len(fields)} tab-separated fields, not 11")
            language, corpus_file, key, start, end, digest = (f.strip() for f in fields[:6])
            if not start.isdigit():
                continue  # the header line
            claim, category = fields[9].strip(), fields[10].strip()
            if not claim and not category:
                continue  # not labelled yet
            if claim not in ("0", "1"):
                raise ValueError(f"{where}: the label is {claim!r}, not 1 or 0")
            if category not in codes:
                raise ValueError(f"{where}: {category!r} is not a code of the codebook")
            if codes[category] != int(claim):
                raise ValueError(f"{where}: label {claim} with the code {category!r}")
            unit = (corpus_file, key, int(start), int(end))
            label = Label(language, int(claim), category)
            if found.labels.get(unit, label) != label:
                raise ValueError(f"{where}: {unit} labelled differently earlier in the pass")
            found.labels[unit] = label
            found.digests[unit] = digest
            found.rows[unit] = fields
            found.batch_of[unit] = path.name
    return found


@dataclass(frozen=True)
class Original:
    """One row of an original label file: its 7 fields, unit and old label."""

    fields: tuple[str, ...]

    @property
    def unit(self) -> UnitKey:
        return (self.fields[1], self.fields[2], int(self.fields[3]), int(self.fields[4]))

    @property
    def language(self) -> str:
        return self.fields[0]

    @property
    def digest(self) -> str:
        return self.fields[5]

    @property
    def old(self) -> int:
        return int(self.fields[6])


def read_original(path: Path) -> tuple[list[str], list[Original]]:
    """(comment lines, rows) of a 7-column claim label file."""
    comments, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            fields = tuple(line.split("\t"))
            assert len(fields) == 7, f"{path.name}: a row of {len(fields)} fields, not 7"
            rows.append(Original(fields))
    return comments, rows


def check_units(originals: dict[str, list[Original]], *passes: Pass) -> None:
    """Every unit a pass labels is a unit of the original files, with the same sha1."""
    digests = {row.unit: row.digest for rows in originals.values() for row in rows}
    for labels in passes:
        for unit, digest in labels.digests.items():
            if unit not in digests:
                raise ValueError(f"{unit} is in no relabelled file (start or end changed?)")
            if digests[unit] != digest:
                raise ValueError(f"{unit}: sha1 {digest}, the label files say {digests[unit]}")


def decide(first: Label, second: Label, third: Label | None = None) -> tuple[Label, str]:
    """The v1 label of a unit and how it was reached: "agreed", "adjudicated" or "pass 1"
    (the passes part and no third pass labelled it)."""
    if first.claim == second.claim:
        return first, "agreed"
    if third is not None:
        return third, "adjudicated"
    return first, "pass 1"


def _cell(label: Label) -> str:
    return f"{label.claim}:{label.category}"


def kappa_line(name: str, first: Sequence[int], second: Sequence[int]) -> str:
    """A line of n, raw agreement and kappa (or that there is nothing to compare yet)."""
    if not first:
        return f"{name}: no units to compare yet"
    agree = sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
    kappa = cohen_kappa(list(first), list(second))
    return f"{name}: n {len(first):,}, raw agreement {agree:.1%}, kappa {kappa:.3f}"


def comparison_lines(
    rows: Sequence[Original], first: Pass, second: Pass, indent: str = "  "
) -> list[str]:
    """Old label vs pass 1, old vs pass 2, pass 1 vs pass 2 over some original rows (the
    pass-vs-pass line over their distinct units)."""
    lines = []
    for name, labels in (("old label vs pass 1", first), ("old label vs pass 2", second)):
        pairs = [
            (row.old, labels.labels[row.unit].claim) for row in rows if row.unit in labels.labels
        ]
        lines.append(indent + kappa_line(name, [a for a, _ in pairs], [b for _, b in pairs]))
    units = sorted({row.unit for row in rows} & first.labels.keys() & second.labels.keys())
    lines.append(
        indent
        + kappa_line(
            "pass 1 vs pass 2 (after)",
            [first.labels[u].claim for u in units],
            [second.labels[u].claim for u in units],
        )
    )
    return lines


def seven_column_labels(rows: Sequence[Original]) -> dict[UnitKey, int]:
    return {row.unit: row.old for row in rows}


def before_lines(data: Path) -> list[str]:
    """The old definition's agreement: the second labelling of dev batch 2, per language;
    and codebook v1's on the fresh test set, for reference."""
    lines = ["Before: the old one-line definition, second labelling of dev batch 2"]
    if all((data / name).exists() for name in BEFORE):
        (_, first), (_, second) = (read_original(data / name) for name in BEFORE)
        old, other = seven_column_labels(first), seven_column_labels(second)
        language = {row.unit: row.language for row in first}
        for wanted in ("ko", "en"):
            units = sorted(u for u in other.keys() & old.keys() if language[u] == wanted)
            lines.append(
                f"  {wanted} "
                + kappa_line(
                    f"{BEFORE[1]} vs {BEFORE[0]}",
                    [old[u] for u in units],
                    [other[u] for u in units],
                )
            )
    else:
        lines.append("  (the files are not there)")
    if all((data / name).exists() for name in FRESH):
        lines.append("For reference, codebook v1 on the fresh test set (two labellers):")
        by_language = paired(*(read_labels(data / name) for name in FRESH))
        for wanted in ("ko", "en"):
            pairs = by_language.get(wanted, [])
            lines.append(
                f"  {wanted} "
                + kappa_line(FRESH[1], [a.claim for a, _ in pairs], [b.claim for _, b in pairs])
            )
    return lines


def same_units_lines(data: Path, first: Pass, second: Pass) -> list[str]:
    """Pass 1 vs pass 2 on the very units of the old second labelling, per language: the
    "after" that matches the "before" unit for unit."""
    path = data / BEFORE[1]
    if not path.exists():
        return []
    _, rows = read_original(path)
    lines = [f"After, on the units of {BEFORE[1]}:"]
    for wanted in ("ko", "en"):
        units = sorted(
            {row.unit for row in rows if row.language == wanted}
            & first.labels.keys()
            & second.labels.keys()
        )
        lines.append(
            f"  {wanted} "
            + kappa_line(
                "pass 1 vs pass 2",
                [first.labels[u].claim for u in units],
                [second.labels[u].claim for u in units],
            )
        )
    return lines


def after_lines(originals: dict[str, list[Original]], first: Pass, second: Pass) -> list[str]:
    """Per language, then per original file; then agreement.report of pass 1 vs pass 2."""
    lines = []
    every = [row for rows in originals.values() for row in rows]
    language = {row.unit: row.language for row in every}
    for wanted in ("ko", "en"):
        mine = [row for row in every if row.language == wanted]
        if not mine:
            continue
        units = {row.unit for row in mine}
        lines.append(
            f"After, {wanted}: {len(units):,} units; labelled by pass 1 "
            f"{len(units & first.labels.keys()):,}, by pass 2 {len(units & second.labels.keys()):,}"
        )
        lines += comparison_lines(mine, first, second)
    for name, rows in originals.items():
        for wanted in ("ko", "en"):
            mine = [row for row in rows if row.language == wanted]
            if mine:
                lines.append(f"{name} ({wanted}, {len(mine):,} rows):")
                lines += comparison_lines(mine, first, second)
    for wanted in ("ko", "en"):
        units = sorted(
            u for u in first.labels.keys() & second.labels.keys() if language.get(u) == wanted
        )
        if units:
            lines.append(f"Pass 1 (first) vs pass 2 (second), {wanted}, codes and all:")
            lines += report([(first.labels[u], second.labels[u]) for u in units])
    return lines


def v1_text(
    name: str,
    comments: Sequence[str],
    rows: Sequence[Original],
    first: Pass,
    second: Pass,
    third: Pass | None = None,
) -> str | None:
    """The relabelled file of an original one, or None while a pass lacks one of its units
    (or it has none)."""
    third = third or Pass()
    if not rows or any(
        row.unit not in first.labels or row.unit not in second.labels for row in rows
    ):
        return None
    how: dict[str, int] = defaultdict(int)
    body = []
    for row in rows:
        a, b = first.labels[row.unit], second.labels[row.unit]
        label, reached = decide(a, b, third.labels.get(row.unit))
        how[reached] += 1
        body.append([*row.fields[:6], str(label.claim), label.category, _cell(a), _cell(b)])
    units = sorted({row.unit for row in rows})
    kappa = cohen_kappa(
        [first.labels[u].claim for u in units], [second.labels[u].claim for u in units]
    )
    old = cohen_kappa([row.old for row in rows], [int(line[6]) for line in body])
    claims = sum(line[6] == "1" for line in body)
    header = [
        "# " + "\t".join(V1_COLUMNS),
        f"# {name} relabelled against bench/data/CODEBOOK.md version {CODEBOOK_VERSION} "
        "(issue 16): the same",
        "# rows in the same order with the same id columns; each unit labelled blind, in the "
        "context of",
        "# its article, by two independent passes (batches of bench/relabel_sources.py, merged by",
        "# bench/relabel_merge.py). claim: pass 1's label where the two passes agree on 1/0; "
        "where they",
        "# part, a third (adjudicating) pass's when it labelled the unit, else pass 1's. "
        "category goes",
        "# with the label chosen; pass1 and pass2 are each pass's label:category.",
        f"# {len(body):,} rows, {claims:,} claims: {how['agreed']:,} agreed, "
        f"{how['adjudicated']:,} adjudicated, {how['pass 1']:,} parted and left to pass 1.",
        f"# Cohen's kappa on 1/0: pass 1 vs pass 2 {kappa:.3f}; old label vs this file's "
        f"{old:.3f}.",
        *_signature_lines(rows, {"pass 1": first, "pass 2": second, "adjudicated": third}),
        "# The original file's header (what the old labels meant):",
        *(f"#   {line.lstrip('#').strip()}" for line in comments[1:]),
    ]
    return "\n".join([*header, *("\t".join(line) for line in body)]) + "\n"


def _signature_lines(rows: Sequence[Original], passes: dict[str, Pass]) -> list[str]:
    """ "# pass 1: <signature> (rl_ko_01, rl_ko_02)" for the batches that hold the rows."""
    lines = []
    units = {row.unit for row in rows}
    for name, labels in passes.items():
        batches: dict[str, list[str]] = defaultdict(list)
        for batch in sorted({labels.batch_of[u] for u in units if u in labels.batch_of}):
            signature = labels.signatures.get(batch, "(unsigned)")
            batches[signature].append(batch.removesuffix(".tsv"))
        for signature, names in sorted(batches.items()):
            lines.append(f"# {name}: {signature} ({', '.join(names)})")
    return lines


def disagreement_rows(first: Pass, second: Pass) -> list[list[str]]:
    """The units where the passes part on 1/0, as blind batch rows (pass 1's order)."""
    return [
        [*fields[:9], "", ""]
        for unit, fields in first.rows.items()
        if unit in second.labels and first.labels[unit].claim != second.labels[unit].claim
    ]


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pass1", type=Path)
    parser.add_argument("pass2", type=Path)
    parser.add_argument("--adjudicated", type=Path, help="default: adjudicated/ beside pass1")
    parser.add_argument("--disagreements", type=Path, help="write the parted units here")
    parser.add_argument("--no-write", action="store_true", help="print only; write no v1 file")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    codes = codebook_codes((args.data / CODEBOOK).read_text(encoding="utf-8"))
    adjudicated = args.adjudicated or args.pass1.resolve().parent / ADJUDICATED
    first, second, third = (
        read_pass(folder, codes) for folder in (args.pass1, args.pass2, adjudicated)
    )
    files = {name: read_original(args.data / name) for name in RELABEL_FILES}
    originals = {name: rows for name, (_, rows) in files.items()}
    check_units(originals, first, second, third)
    print("\n".join(before_lines(args.data)))
    print("\n".join(same_units_lines(args.data, first, second)))
    print("\n".join(after_lines(originals, first, second)))
    if args.disagreements:
        rows = disagreement_rows(first, second)
        text = "".join("\t".join(row) + "\n" for row in [BATCH_COLUMNS, *rows])
        args.disagreements.write_text(text, encoding="utf-8")
        print(f"{len(rows):,} units where the passes part written to {args.disagreements}")
    for name, (comments, rows) in files.items():
        text = v1_text(name, comments, rows, first, second, third)
        target = args.data / name.replace(".tsv", ".v1.tsv")
        if not rows:
            print(f"{target.name}: not written, {name} holds no rows")
        elif text is None:
            missing = sum(
                row.unit not in first.labels or row.unit not in second.labels for row in rows
            )
            print(f"{target.name}: not written, {missing:,} of {len(rows):,} units lack a pass")
        elif args.no_write:
            print(f"{target.name}: complete (not written: --no-write)")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"{target.name}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
