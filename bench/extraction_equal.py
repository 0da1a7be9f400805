"""Extraction output, byte for byte, before and after a change meant to change none (speed
work): every unit's reading (span, language, figures, verdict, rules, model probability)
and every claim (text, offsets, kind, score, attribution with the speaker, figures,
fingerprint, rules) of a fixed set of bodies, dumped by one version of the code and compared
with another's.

The bodies: the 40 Korean and 150 English bodies of ``bench_extraction``'s speed section,
each read without a date (as the speed bench reads them) and again with one (the rules that
read days against the article's date run only then); 200 Korean Wikinews articles with their
dates (every 20th of the file); the Korean and English dev bodies the hand labels point into;
500 QuanTemp and 500 SNU FactCheck claims (pasted alone: the solo rules); and the English
bodies again through the embedding blend, with a stand-in embedder (a vector from each text's
hash: the blend's arithmetic, not e5's vectors).

Run from the project root:

    .venv/bin/python -m bench.extraction_equal check main   # this tree against main's code
    .venv/bin/python -m bench.extraction_equal dump OUT.jsonl [--code DIR]
    .venv/bin/python -m bench.extraction_equal compare BEFORE.jsonl AFTER.jsonl

``check REV`` extracts ``claims/`` and ``lib/`` of the commit ``REV`` (``git archive``) into
a temporary directory, dumps with that code and with this tree's, and compares; it exits 1
on any difference. ``--code DIR`` reads ``claims`` and ``lib`` from ``DIR`` instead.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.extraction_data import (
    CORPUS,
    DEV_LABEL_FILES,
    dev_bodies,
    dev_labels,
    english_bodies,
    korean_bodies,
    quantemp_claims,
    snu_claims,
)

ROOT = Path(__file__).resolve().parent.parent
DATED = datetime(2020, 10, 8, 9, 0, tzinfo=UTC)
WIKINEWS_EVERY = 20
WIKINEWS_COUNT = 200
PASTED = 500
DIMENSIONS = 384


def bodies() -> Iterator[tuple[str, str, str, datetime | None]]:
    """(key, body, language, published_at) of every body the check reads, in a fixed order."""
    for i, body in enumerate(korean_bodies()):
        yield f"speed-ko:{i}", body, "ko", None
        yield f"speed-ko-dated:{i}", body, "ko", DATED
    for i, body in enumerate(english_bodies()):
        yield f"speed-en:{i}", body, "en", None
        yield f"speed-en-dated:{i}", body, "en", DATED
    yield from _wikinews()
    texts = dev_bodies()
    labelled = {row[1]: row[0] for name in DEV_LABEL_FILES for row in dev_labels(name)}
    for key, language in sorted(labelled.items()):
        yield f"dev:{key}", texts[key], language, None
    for i, claim in enumerate(quantemp_claims()[:PASTED]):
        yield f"quantemp:{i}", claim, "en", None
    for i, (claim, when) in enumerate(snu_claims()[:PASTED]):
        yield f"snu:{i}", claim, "ko", when


def _wikinews() -> Iterator[tuple[str, str, str, datetime | None]]:
    path = CORPUS / "ko-wikinews" / "wikinews.csv.gz"
    taken = 0
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            text = row["내용"]
            if i % WIKINEWS_EVERY or len(text) < 300:
                continue
            yield f"wikinews:{i}", text, "ko", _date(row["작성일"])
            taken += 1
            if taken == WIKINEWS_COUNT:
                return


def _date(text: str) -> datetime | None:
    try:
        return datetime.strptime(text.strip()[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def stand_in_embedder(texts: Sequence[str]) -> list[list[float]]:
    """A vector a text's hash fixes, in [-0.1, 0.1): the blend's arithmetic on vectors that
    differ by unit, without e5."""
    vectors = []
    for text in texts:
        seed = hashlib.sha256(text.encode("utf-8")).digest()
        vectors.append([(seed[i % 32] ^ (i * 7 % 256)) / 1280.0 - 0.1 for i in range(DIMENSIONS)])
    return vectors


def _plain(value: Any) -> Any:
    """A reading or claim as JSON: dataclasses by field, floats exactly (repr)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    return value


def dump(out: Path) -> tuple[int, int, int]:
    """Every body's readings and claims, one JSON line a body; (bodies, units, claims)."""
    from claims.extraction import extract_claims, read_sentences

    counts = [0, 0, 0]
    with out.open("w", encoding="utf-8") as f:
        for key, body, language, when in bodies():
            blended = key.startswith("speed-en:")
            for suffix, embedder in [("", None), ("+blend", stand_in_embedder)][: 1 + blended]:
                readings = list(
                    read_sentences(body, language=language, published_at=when, embedder=embedder)
                )
                claims = extract_claims(
                    body, language=language, published_at=when, embedder=embedder
                )
                line = {"key": key + suffix, "units": _plain(readings), "claims": _plain(claims)}
                f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
                counts[0] += 1
                counts[1] += len(readings)
                counts[2] += len(claims)
    return counts[0], counts[1], counts[2]


def compare(before: Path, after: Path) -> int:
    """Print how many bodies, units and claims were compared and every difference; 1 when
    any."""
    old = [json.loads(line) for line in before.open(encoding="utf-8")]
    new = [json.loads(line) for line in after.open(encoding="utf-8")]
    differ = [a["key"] for a, b in zip(old, new, strict=False) if a != b]
    if len(old) != len(new):
        differ.append(f"body count {len(old)} != {len(new)}")
    units = sum(len(a["units"]) for a in old)
    claims = sum(len(a["claims"]) for a in old)
    figures = sum(len(u["figures"]) for a in old for u in a["units"])
    print(
        f"compared {len(old)} bodies: {units} units ({figures} figures), {claims} claims; "
        f"{len(differ)} bodies differ"
    )
    for key in differ[:20]:
        print(f"  differs: {key}")
    return 1 if differ else 0


def check(revision: str) -> int:
    """This tree's output against that of ``claims/`` and ``lib/`` at ``revision``."""
    with tempfile.TemporaryDirectory(prefix="extraction-equal-") as scratch:
        code = Path(scratch) / "code"
        code.mkdir()
        archive = subprocess.run(
            ["git", "archive", revision, "claims", "lib"],  # noqa: S607
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)  # noqa: S607
        before, after = Path(scratch) / "before.jsonl", Path(scratch) / "after.jsonl"
        for out, extra in ((before, ["--code", str(code)]), (after, [])):
            command = [sys.executable, "-m", "bench.extraction_equal", "dump", str(out), *extra]
            subprocess.run(command, cwd=ROOT, check=True)
        return compare(before, after)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "dump":
        if len(argv) == 4 and argv[2] == "--code":
            sys.path.insert(0, str(Path(argv[3]).resolve()))
        done = dump(Path(argv[1]))
        import claims.extraction

        print(f"{argv[1]}: {done[0]} bodies, {done[1]} units, {done[2]} claims", end=" ")
        print(f"(code from {Path(claims.extraction.__file__).parent})")
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    if len(argv) == 2 and argv[0] == "check":
        return check(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
