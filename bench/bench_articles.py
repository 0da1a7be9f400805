"""Article parsing against trafilatura alone, on the same pages in the same run.

- main-text token F1: scrapinghub-aeb (articleBody), Korean pages of
  scrapping-webs-korean-outlets (gold text paragraphs; Chosun Ilbo left out: its body is
  rendered by script) and fundus/kr (body paragraphs);
- title / author / published-date accuracy: fundus (all countries), trafilatura-eval
  (evaldata.en.json, pages with gold metadata), scrapping-webs-korean-outlets;
- time per page: ``parse_html`` over ``trafilatura.extract`` (default options) on the aeb pages.

Our parser vs trafilatura.extract (text) and trafilatura.bare_extraction(with_metadata=True)
(metadata). The corpus is read in place from ../shared/corpus.
"""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import trafilatura

from articles.parsing import ParseError, decode_bytes, parse_html

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
TOKEN = re.compile(r"\w+", re.UNICODE)
NAME_TITLE = re.compile(r"(?:기자|특파원|선임기자|논설위원)\s*$")
SPACES = re.compile(r"\s+")


@dataclass
class Page:
    source: str
    name: str
    html: str
    url: str = ""
    body: str | None = None
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str = ""


def _read(path: Path, declared: str = "") -> str:
    return decode_bytes(gzip.decompress(path.read_bytes()), declared=declared)


def _flatten(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)


def load_aeb() -> list[Page]:
    truth = json.loads((CORPUS / "scrapinghub-aeb" / "ground-truth.json").read_text())
    pages = []
    for key, row in sorted(truth.items()):
        path = CORPUS / "scrapinghub-aeb" / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append(Page("aeb", key, _read(path), row.get("url", ""), row["articleBody"]))
    return pages


def load_fundus() -> list[Page]:
    pages = []
    for gold_path in sorted((CORPUS / "fundus").glob("*/*.json")):
        publisher = gold_path.stem
        gold = json.loads(gold_path.read_text())
        files = sorted(gold_path.parent.glob(f"{publisher}_*.html.gz"))
        if len(files) != len(gold):
            continue
        meta_path = gold_path.parent / "meta.info"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        for path, row in zip(files, gold.values(), strict=True):
            pages.append(
                Page(
                    f"fundus/{gold_path.parent.name}",
                    path.name,
                    _read(path),
                    meta.get(path.name, {}).get("url", ""),
                    "\n".join(_flatten(row.get("body", {}))),
                    row.get("title") or "",
                    list(_flatten(row.get("authors") or [])),
                    row.get("publishing_date") or "",
                )
            )
    return pages


def load_korean_outlets() -> list[Page]:
    pages = []
    base = CORPUS / "scrapping-webs-korean-outlets"
    for line in (base / "gold.jsonl").open():
        row = json.loads(line)
        if row.get("duplicate_of_earlier_page") in (True, "True"):
            continue
        path = base / "html" / f"{row['id']}.html.gz"
        if not path.exists():
            continue
        declared = re.search(r"charset=([\w-]+)", row.get("content_type") or "")
        authors = []
        for author in row.get("author") or []:
            value = author.get("name", "") if isinstance(author, dict) else author
            authors.extend(name.strip() for name in _flatten(value) if name.strip())
        text = "\n".join(row.get("text") or [])
        korean = not row["id"].startswith(("yonhap_en", "chosun"))
        pages.append(
            Page(
                "korean-outlets",
                row["id"],
                _read(path, declared.group(1) if declared else ""),
                row.get("url", ""),
                text if korean and text.strip() else None,
                (row.get("title") or [""])[0],
                authors,
                (row.get("published_at") or [""])[0],
            )
        )
    return pages


def load_trafilatura_eval() -> list[Page]:
    base = CORPUS / "trafilatura-eval"
    data = json.loads((base / "evaldata.en.json").read_text())
    pages = []
    for url, row in sorted(data.items()):
        path = base / row["_html_path"]
        if not path.exists() or not any(row.get(k) for k in ("title", "author", "date")):
            continue
        try:
            text = _read(path)
        except ParseError:
            continue
        authors = list(_flatten(row.get("author") or []))
        pages.append(
            Page(
                "trafilatura-eval",
                path.name,
                text,
                url,
                None,
                row.get("title") or "",
                authors,
                row.get("date") or "",
            )
        )
    return pages


# ---------------------------------------------------------------- scoring


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    """Token precision and recall of ``predicted`` against ``gold`` (bags of words)."""
    pred = TOKEN.findall(predicted.lower())
    ref = TOKEN.findall(gold.lower())
    if not pred or not ref:
        return 0.0, 0.0
    counts: dict[str, int] = {}
    for token in ref:
        counts[token] = counts.get(token, 0) + 1
    common = 0
    for token in pred:
        if counts.get(token, 0) > 0:
            counts[token] -= 1
            common += 1
    return common / len(pred), common / len(ref)


def f1(predicted: str, gold: str) -> float:
    precision, recall = precision_recall(predicted, gold)
    if not precision + recall:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _norm(text: str) -> str:
    text = html_lib.unescape(html_lib.unescape(text))
    text = unicodedata.normalize("NFKC", text).casefold()
    return SPACES.sub(" ", text).strip()


def title_ok(predicted: str, gold: str) -> bool:
    return bool(predicted) and _norm(predicted) == _norm(gold)


def _name(text: str) -> str:
    return SPACES.sub("", NAME_TITLE.sub("", _norm(text)))


# "Ann Lee and Bo Kim", "Ann Lee; Bo Kim", "AFP/The Local": one gold string, several people.
PEOPLE_JOIN = re.compile(r"\s*(?:[;,/&]|\band\b)\s*")


def _people(values: list[str]) -> list[str]:
    parts = (part for value in _flatten(values) for part in PEOPLE_JOIN.split(_norm(value)))
    return [_name(part) for part in parts if _name(part)]


def authors_ok(predicted: list[str], gold: list[str]) -> bool:
    """The same people, whatever the separators ("A and B" in one string or two names) and
    the trailing 기자."""
    pred = _people(predicted)
    ref = _people(gold)
    if not pred or not ref:
        return False
    joined_pred, joined_ref = "|".join(pred), "|".join(ref)
    return all(n in joined_pred for n in ref) and all(n in joined_ref for n in pred)


def _gold_when(value: str) -> datetime | date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    match = re.match(r"(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})", value)
    return date(int(match[1]), int(match[2]), int(match[3])) if match else None


def date_ok(predicted: datetime | str | None, gold: str) -> bool:
    """The same calendar day (in the gold value's zone when it has one)."""
    when = _gold_when(gold)
    if when is None or not predicted:
        return False
    if isinstance(predicted, str):
        try:
            predicted = datetime.fromisoformat(predicted.replace("Z", "+00:00"))
        except ValueError:
            return False
    if isinstance(when, datetime):
        if when.tzinfo and predicted.tzinfo:
            predicted = predicted.astimezone(when.tzinfo)
        return predicted.date() == when.date()
    return predicted.date() == when


def time_ok(predicted: datetime | None, gold: str) -> bool:
    """The same minute: only for gold values that carry a time and a zone."""
    when = _gold_when(gold)
    if not isinstance(when, datetime) or when.tzinfo is None or predicted is None:
        return False
    if predicted.tzinfo is None:
        return False
    return abs((predicted - when).total_seconds()) < 60


# ---------------------------------------------------------------- systems


@dataclass
class Result:
    body: str = ""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: datetime | str | None = None


def ours(page: Page) -> Result:
    try:
        articles = parse_html(page.html, url=page.url)
    except ParseError:
        return Result()
    article = articles[0]
    return Result(
        "\n".join(a.body for a in articles),
        article.title,
        article.authors,
        article.published_at,
    )


def theirs_text(page: Page) -> str:
    return trafilatura.extract(page.html, url=page.url or None) or ""


def theirs_meta(page: Page) -> Result:
    doc = trafilatura.bare_extraction(page.html, url=page.url or None, with_metadata=True)
    if doc is None:
        return Result()
    author = getattr(doc, "author", None) or ""
    return Result(
        getattr(doc, "text", "") or "",
        getattr(doc, "title", "") or "",
        [a.strip() for a in re.split(r";|,", author) if a.strip()],
        getattr(doc, "date", None),
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _timed(fn: Callable[[Page], Any], pages: list[Page]) -> tuple[list[Any], float]:
    started = time.perf_counter()
    out = [fn(p) for p in pages]
    return out, (time.perf_counter() - started) / max(len(pages), 1)


def main() -> int:
    if not CORPUS.exists():
        print(f"corpus missing: {CORPUS}")
        return 1
    aeb, fundus = load_aeb(), load_fundus()
    korean, tr_eval = load_korean_outlets(), load_trafilatura_eval()
    ok = True

    print("main-text token F1 (ours vs trafilatura.extract, same pages)")
    text_sets = [
        ("scrapinghub-aeb", aeb),
        ("korean-outlets (ko)", [p for p in korean if p.body]),
        ("fundus/kr", [p for p in fundus if p.source == "fundus/kr" and p.body]),
    ]
    for label, pages in text_sets:
        bodies = [ours(p).body for p in pages]
        our = _mean([f1(body, p.body or "") for body, p in zip(bodies, pages, strict=True)])
        their = _mean([f1(theirs_text(p), p.body or "") for p in pages])
        verdict = "ok" if our >= their else "BELOW"
        ok &= our >= their
        print(f"  {label:22} n={len(pages):3}  ours {our:.3f}  trafilatura {their:.3f}  {verdict}")
        scores = [precision_recall(b, p.body or "") for b, p in zip(bodies, pages, strict=True)]
        precision, recall = _mean([s[0] for s in scores]), _mean([s[1] for s in scores])
        print(f"  {'':22}        ours: precision {precision:.4f}  recall {recall:.4f}")

    print("metadata accuracy (ours vs trafilatura bare_extraction with_metadata)")
    meta_sets = [
        ("fundus", fundus),
        ("trafilatura-eval", tr_eval),
        ("korean-outlets", korean),
    ]
    for label, pages in meta_sets:
        our = [ours(p) for p in pages]
        their = [theirs_meta(p) for p in pages]
        rows = []
        for field_name, present, check in (
            ("title", lambda p: bool(p.title), lambda r, p: title_ok(r.title, p.title)),
            ("author", lambda p: bool(p.authors), lambda r, p: authors_ok(r.authors, p.authors)),
            ("date", lambda p: bool(p.published), lambda r, p: date_ok(r.published, p.published)),
        ):
            idx = [i for i, p in enumerate(pages) if present(p)]
            a = sum(check(our[i], pages[i]) for i in idx) / max(len(idx), 1)
            b = sum(check(their[i], pages[i]) for i in idx) / max(len(idx), 1)
            better = a > b or (a == b == 1.0)
            ok &= better
            rows.append(f"{field_name} {a:.1%} vs {b:.1%} (n={len(idx)}){'' if better else ' !'}")
        timed = [i for i, p in enumerate(pages) if isinstance(_gold_when(p.published), datetime)]
        exact = [time_ok(our[i].published, pages[i].published) for i in timed]
        exact = [x for x, i in zip(exact, timed, strict=True) if _gold_when(pages[i].published)]
        zoned = [
            i
            for i in timed
            if (w := _gold_when(pages[i].published)) and isinstance(w, datetime) and w.tzinfo
        ]
        minute = sum(time_ok(our[i].published, pages[i].published) for i in zoned)
        print(f"  {label:17} " + "; ".join(rows))
        print(f"  {'':17} ours: published time to the minute {minute}/{len(zoned)} zoned gold")

    print("time per page on scrapinghub-aeb (decoded HTML in, warm)")
    sample = aeb
    _timed(theirs_text, sample[:10])
    _timed(ours, sample[:10])
    _, t_theirs = _timed(theirs_text, sample)
    _, t_ours = _timed(ours, sample)
    _, t_meta = _timed(theirs_meta, sample)
    ratio = t_ours / t_theirs
    ok &= ratio <= 1.2
    print(
        f"  trafilatura.extract {t_theirs * 1000:.1f} ms; bare_extraction+metadata "
        f"{t_meta * 1000:.1f} ms; ours {t_ours * 1000:.1f} ms = {ratio:.2f}x "
        f"(target <= 1.2x) {'ok' if ratio <= 1.2 else 'OVER'}"
    )
    print("all targets met" if ok else "some targets not met (see above)")
    print(
        "note: trafilatura-eval gold dates are local calendar days; on several of its pages the\n"
        "      page's own metadata gives a UTC instant late in the evening US time (pagesix,\n"
        "      twincities, ...), which we keep as the exact instant and the day check then misses."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
