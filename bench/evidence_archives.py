"""The archive checks of ``bench_evidence``, through the product's glue (``claims.archiving``)
on a fresh SQLite database and archive folder (the environment ``bench_evidence`` sets).

For each case of the rendering suite, its first rendering is served as a page and cited by
three sources: with the page's sentence as the excerpt (found), with that sentence with one
digit changed, and with a decoy sentence (neither is on the page: both must be flagged).
Every archived version is read back from storage three times and hashed. Ten pages then
change and are fetched again; five addresses answer errors or nothing.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time


def _changed_digit(sentence: str) -> str | None:
    match = re.search(r"\d", sentence)
    if match is None:
        return None
    digit = str((int(match.group(0)) + 1) % 10)
    return sentence[: match.start()] + digit + sentence[match.end() :]


def main() -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from articles.models import Article, ArticleRevision, Outlet
    from bench.evidence_data import CASES
    from bench.evidence_suite import PageServer, page_of
    from claims.archiving import archived_response, source_archive, source_corroboration
    from claims.extraction.figures import extract_figures
    from claims.models import Claim, SourceArchive
    from claims.services import SourceInput, claim_record_verdict
    from lib.language import detect_language

    call_command("migrate", verbosity=0)
    reviewer = get_user_model().objects.create_user("bench-reviewer")
    outlet = Outlet.objects.create(name="Bench")

    def cite(number: int, text: str, url: str, excerpt: str):  # type: ignore[no-untyped-def]
        language = detect_language(text)
        key = f"{number}-{hashlib.sha256(excerpt.encode()).hexdigest()[:12]}"
        article = Article.objects.create(
            key=f"bench:{key}",
            outlet=outlet,
            url=f"https://bench.example/{key}",
            title=text[:40],
            language=language,
        )
        revision = ArticleRevision.objects.create(
            article=article, number=1, title=article.title, language=language, body=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )  # fmt: skip
        figures = [f.as_dict() for f in extract_figures(text, language=language)]
        claim = Claim.objects.create(
            article=article, revision=revision, text=text, start=0, end=len(text),
            kind="statistical", figures=figures, fingerprint=article.key,
        )  # fmt: skip
        verdict = claim_record_verdict(
            claim=claim,
            reviewer=reviewer,
            verdict="verified",
            sources=[SourceInput(url=url, excerpt=excerpt)],
        )
        return verdict.sources.get()

    server = PageServer()
    present = absent = flagged = found_present = 0
    versions = stable = 0
    with server.running():
        started = time.perf_counter()
        sources = []
        for number, case in enumerate(CASES):
            sentence = case.renderings[0]
            path = f"/page/{number}"
            server.pages[path] = (200, *page_of(sentence, number % 5))
            url = server.base + path
            excerpts = [(sentence, True), (case.decoys[0], False)]
            changed = _changed_digit(sentence)
            if changed is not None:
                excerpts.append((changed, False))
            for excerpt, on_page in excerpts:
                source = cite(number, case.claim, url, excerpt)
                source_archive(source=source)
                found = source_corroboration(source)["excerpt_found"]
                if on_page:
                    present += 1
                    found_present += found is True
                else:
                    absent += 1
                    flagged += found is False
                sources.append((number, source))
        took = time.perf_counter() - started

        for archive in SourceArchive.objects.versions():
            versions += 1
            reads = {archived_response(archive).sha256 for _ in range(3)}
            stable += reads == {archive.sha256}

        changed_ok = 0
        changed_cases = [(n, s) for n, s in sources[::3]][:10]
        for number, source in changed_cases:
            case = CASES[number]
            first = source.archives.versions().get()
            server.pages[f"/page/{number}"] = (200, *page_of(case.decoys[0], number % 5))
            second = source_archive(source=source)
            first.refresh_from_db()
            kept = archived_response(first).sha256 == first.sha256
            changed_ok += bool(
                second.pk != first.pk
                and second.diff
                and first.changed_since == second.fetched_at
                and kept
                and source.archives.versions().count() == 2
            )

        statuses = {"/missing": 404, "/gone": 410, "/broken": 500, "/busy": 503}
        for path, status in statuses.items():
            if path != "/missing":
                server.pages[path] = (status, "text/html", b"error")
        unreachable_ok = 0
        targets = [(server.base + p, s) for p, s in statuses.items()]
        targets.append(("http://127.0.0.1:1/closed", None))
        for number, (url, status) in enumerate(targets):
            source = cite(1000 + number, CASES[0].claim, url, "")
            source_archive(source=source)
            state = source_corroboration(source)
            unreachable_ok += state["state"] == "unreachable" and state["status"] == status

    print(f"\n## 2. Archives ({len(sources)} sources archived in {took:.1f}s)")
    print(f"excerpts absent from the page flagged: {flagged}/{absent} (target 100%)")
    print(f"excerpts on the page found: {found_present}/{present}")
    print(f"archived versions whose hash holds over 3 re-reads: {stable}/{versions}")
    print(
        f"changed pages with a diff and the first version kept: {changed_ok}/{len(changed_cases)}"
    )
    print(
        "unreachable pages reported with their status (404, 410, 500, 503, closed port): "
        f"{unreachable_ok}/{len(targets)}"
    )
    ok = (
        flagged == absent
        and found_present == present
        and stable == versions
        and changed_ok == len(changed_cases)
        and unreachable_ok == len(targets)
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
