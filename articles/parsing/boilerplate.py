"""Page chrome the markup names, dropped before the main text is taken: boxes of other
stories (recirculation, promotions, "latest news" cards), an author's bio box, a name's
hover card, lists whose every item is a link, and a photo's caption that repeats its image's
alt text.

trafilatura drops most such boxes by their class, but keeps them when its own cleaning would
take too much of a page or when it falls back to a wider extractor; these go first, and only
when they hold no headline (h1) and few paragraphs, so a story whose container carries one of
these words stays.
"""

from __future__ import annotations

from typing import Any

import lxml.etree

RE_NS = {"re": "http://exslt.org/regular-expressions"}
# Words in a box's class or id that name other stories or the page's furniture:
# "RecommendedRecirc", "content-recirculation", "latest-news-box", "pushdown-promo",
# "more-topic", "article-card", "w_news_list", "author__bio-wrapper", "rollover-people-block",
# "cta-block". A tooltip's or popover's trigger ("tooltip", "popover") holds the story's own
# words; only its content box goes.
HINTS = (
    r"recirc|latest-?news|promo-?items?\b|pushdown-promo|more-topic|article-card|news_list|"
    r"author_*-?_*bio|rollover[\w-]*block|(?:tooltip|popover)-?(?:content|body|inner)|hover-?card|"
    r"(?:^|\s)cta(?:[\s_-]|$)"
)
MOST_PARAGRAPHS = 12
BOXES = lxml.etree.XPath(
    "//body//*[self::div or self::section or self::aside or self::ul or self::ol or self::li "
    "or self::span or self::article or self::figure]"
    f"[re:test(@class, '{HINTS}', 'i') or re:test(@id, '{HINTS}', 'i')]"
    f"[not(.//h1)][count(.//p) <= {MOST_PARAGRAPHS}]",
    namespaces=RE_NS,
)
# A list every item of which holds a link: other stories' headlines, or the story's own list
# when some item says more than its link (then it stays).
LINKED_LISTS = lxml.etree.XPath("//body//*[self::ul or self::ol][li][not(li[not(.//a)])]")
LINK_SHARE = 0.8
# An image's alt text long enough to be a caption, not a label ("logo", "photo").
ALT_IMAGES = lxml.etree.XPath("//body//img[string-length(normalize-space(@alt)) > 15]")
# Captions go only from a page with a story around them: on a photo or video page the caption
# is all the text there is.
STORY_PARAGRAPHS = lxml.etree.XPath("count(//body//p[string-length(normalize-space()) > 80])")
MIN_STORY_PARAGRAPHS = 3
CAPTION_MORE = 60
CAPTION_TAGS = {"span", "p", "div", "small", "em", "figcaption"}
# A short line right before a dropped list is its heading ("Related news", "More Trending").
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span", "div"}
HEADING_CHARS = 40
# Only a dropped block has a heading line over it (an inline box's neighbour is its sentence).
BLOCK_TAGS = {"div", "section", "aside", "ul", "ol", "figure", "article"}


VISIBLE_TEXT = lxml.etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]")


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _shows_text(node: Any) -> bool:
    """A box with words a reader sees (not an empty ad slot holding only its script)."""
    return any(text.strip() for text in VISIBLE_TEXT(node))


def _drop(node: Any) -> None:
    """Remove ``node`` and keep its tail (the text after it belongs to its parent)."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail and tail.strip():
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def _heading(node: Any) -> Any:
    """The short heading line right before ``node``, if there is one."""
    previous = node.getprevious()
    if previous is None or not isinstance(previous.tag, str) or previous.tag not in HEADING_TAGS:
        return None
    if previous.tail and previous.tail.strip():
        return None
    text = _text(previous)
    if not text or len(text) > HEADING_CHARS or text.rstrip().endswith((".", "!", "?")):
        return None
    return previous


def _link_list(node: Any) -> bool:
    """Every item of the list is (nearly) all link text: a list of other pages."""
    items = node.findall("li")
    for item in items:
        text = _text(item)
        linked = sum(len(_text(a)) for a in item.iter("a"))
        if not text or linked < LINK_SHARE * len(text):
            return False
    return bool(items)


def _repeats(text: str, alt: str) -> bool:
    """A caption repeats its image's alt text, or opens with it and says a little more
    ("Benchmark results" / "Benchmark results for the new model")."""
    return text == alt or (text.startswith(alt) and len(text) <= len(alt) + CAPTION_MORE)


def _alt_captions(tree: Any) -> list[Any]:
    """Elements beside an image (or beside its wrapper) whose text repeats its alt text."""
    found: list[Any] = []
    if STORY_PARAGRAPHS(tree) < MIN_STORY_PARAGRAPHS:
        return found
    for image in ALT_IMAGES(tree):
        alt = " ".join(image.get("alt", "").split())
        holder = image.getparent()
        for _ in range(2):
            if holder is None:
                break
            for node in holder.iter(*CAPTION_TAGS):
                if node is not holder and _repeats(_text(node), alt):
                    found.append(node)
            holder = holder.getparent()
    return found


def drop_boilerplate(tree: Any) -> Any:
    """Remove the page's boxes of other stories, bios, hover cards, link lists and image
    captions from ``tree`` (in place); the tree."""
    doomed = [n for n in BOXES(tree) if _shows_text(n)]
    doomed += [n for n in LINKED_LISTS(tree) if _link_list(n)]
    blocks = [n for n in doomed if n.tag in BLOCK_TAGS]
    doomed += [h for h in map(_heading, blocks) if h is not None]
    doomed += _alt_captions(tree)
    for node in doomed:
        _drop(node)
    return tree
