"""Page chrome the markup names, dropped before the main text is taken: boxes of other
stories (recirculation, promotions, "latest news" cards, a box headed "More from ..." or
"Read more"), an author's bio box or byline, a name's hover card, lists and boxes whose every
item is a link, a paragraph or a heading that is only a link to another story, a breadcrumb
trail, a tag list, a photo's caption that repeats its image's alt text or sits right under it
in a short line, an embedded tweet's signature and media links, and a press release's "About"
block.

trafilatura drops most such boxes by their class, but keeps them when its own cleaning would
take too much of a page or when it falls back to a wider extractor; these go first, and only
when they hold no headline (h1) and few paragraphs, so a story whose container carries one of
these words stays.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import lxml.etree

RE_NS = {"re": "http://exslt.org/regular-expressions"}
# Words in a box's class or id that name other stories or the page's furniture:
# "RecommendedRecirc", "content-recirculation", "latest-news-box", "pushdown-promo",
# "more-topic", "article-card", "w_news_list", "author__bio-wrapper", "rollover-people-block",
# "cta-block", an agency's "Infobox" of its own links. A tooltip's or popover's trigger
# ("tooltip", "popover") holds the story's own words; only its content box goes.
HINTS = (
    r"recirc|latest-?news|promo-?items?\b|pushdown-promo|more-topic|article-card|news_list|"
    r"author_*-?_*bio|rollover[\w-]*block|(?:tooltip|popover)-?(?:content|body|inner)|hover-?card|"
    r"(?:^|\s)cta(?:[\s_-]|$)|(?:^|\s)infobox(?:\s|$)|(?:^|\s)byline(?:\s|$)"
)
MOST_PARAGRAPHS = 12
BOXES = lxml.etree.XPath(
    "//body//*[self::div or self::section or self::aside or self::ul or self::ol or self::li "
    "or self::span or self::article or self::figure or self::p]"
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


# A box of other stories by its heading: "More from The Nation", "Read more", "You may also
# like" (a story's own section, "Related research" over paragraphs, has no link in each part).
OTHER_STORIES = re.compile(
    r"^\W*(?:more\s+(?:from|on|in|stories|news|to\s+read)\b|read\s+(?:more|next|also)\b|"
    r"related(?:\s+(?:stories|articles|news|coverage|content|links))?\W*$|recommended\b|"
    r"(?:most\s+)?popular\W*$|most\s+(?:read|viewed|shared)\b|trending\b|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)\b|also\s+read\b|further\s+reading\b|"
    r"top\s+stories\b|editor['’]?s\s+picks?\b)",
    re.I,
)
# Chrome inside a box that trafilatura's own cleaning drops by its class or id ("related-posts",
# "article-widget", "single-tags", "sidebar") is left to it: taking it out first changes the
# arithmetic of trafilatura's guard against over-pruning, which then keeps too little of the
# story or a promotion beside it (a "READ MORE:" box of links at a story's end cost one page its
# first half).
TRAFILATURA_TOKENS = (
    r"elated|widget|-stories|most-popular|more-on|tags|tag-list|sidebar|footer|share-"
)
TRAFILATURA_DROPS = lxml.etree.XPath(
    f"ancestor-or-self::*[re:test(@class, '{TRAFILATURA_TOKENS}') "
    f"or re:test(@id, '{TRAFILATURA_TOKENS}')]",
    namespaces=RE_NS,
)
HEADED_TAGS = ("div", "section", "aside")
# The heading over a box of other stories is a heading or a line in bold (a box whose first
# part is a div or a span is too common a shape to read every one).
HEADED_FIRST = {"h2", "h3", "h4", "h5", "h6", "strong", "b", "p"}
# A paragraph that is only a link, the headline of another story ("You may also like ..." over
# a few of them); a short one ("<a>Donald Trump</a>", a product's name over its review, a
# source's address) or one that ends a sentence stays.
LINK_PARAGRAPHS = lxml.etree.XPath("//body//p[a]")
# Another story's card: a heading that is only a link, or a link around a heading
# ("<a href=...><h3>Milan Design Week 2018 | FLOS pays tribute ...</h3></a>").
LINK_HEADINGS = lxml.etree.XPath(
    "//body//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][a or ancestor::a]"
)
TEASER_CHARS = (15, 200)
TEASER_WORDS = 4
# A breadcrumb trail: each link's path holds the one before it ("/", "/local/", "/local/bihar/").
TRAIL_TAGS = ("ul", "ol")
# The trail's last item, the page itself, is named in a line ("Samastipur Police Caught 2 ...").
TRAIL_LAST_CHARS = 120
# A tag list: the links that say rel="tag", with their label ("Tags").
TAG_HOLDERS = lxml.etree.XPath(
    "//body//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]/.."
)
TAG_SHARE = 0.6
# A caption right under its image: a short line in its own small or italic element.
UNDER_IMAGE = lxml.etree.XPath(
    "//body//img/following-sibling::*[1][self::center or self::em or self::i or self::small]"
)
UNDER_CHARS = 150
# A press release's "About" block: after a rule (<hr>) or an "About <Name>" line at the end of
# the story, a few paragraphs opening with what the organisation named in the page's title is
# ("Acme is a global solutions provider ...").
ABOUT_TAGS = ("hr", "h2", "h3", "h4", "p", "strong", "b")
ABOUT_HEADING = re.compile(r"^About\s+(?:us\b|\S+(?:\s+\S+){0,3}\W*$)")
ABOUT_OPENING = re.compile(
    r"^\W*(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+(?:is|are)\s+(?:a|an|the)\b"
    r"[^.]{0,100}?\b(?:provider|company|leader|firm|manufacturer|group|organi[sz]ation|developer|"
    r"supplier|maker|operator|platform|network|agency|bank|institute|foundation|association|"
    r"publisher|producer|specialist|pioneer)s?\b"
)
ABOUT_PARTS = 3
TITLE = lxml.etree.XPath("string(//head/title)")

# A post embedded from X/Twitter, Bluesky or Threads: what it says is a claim of its own (a
# politician's tweet is what a desk checks), so its text stays; its signature ("— Name
# (@handle) April 26, 2024", the blockquote's own text and date link after the post's
# paragraphs) and its media links ("pic.twitter.com/x1", "https://t.co/x1") go.
SOCIAL_POSTS = lxml.etree.XPath(
    "//body//blockquote[re:test(concat(' ', normalize-space(@class), ' '), "
    "' (?:twitter-tweet|twitter-video|bluesky-embed|text-post-media) ')][p]",
    namespaces=RE_NS,
)
MEDIA_LINK = re.compile(r"^\s*(?:pic\.twitter\.com/|https?://(?:t\.co|bit\.ly)/)\S*\s*$")

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


def _linked(node: Any) -> float:
    """The share of ``node``'s text that is link text (0 for no text)."""
    text = _text(node)
    if not text:
        return 0.0
    return sum(len(_text(a)) for a in node.iter("a")) / len(text)


def _elements(node: Any) -> list[Any]:
    return [c for c in node if isinstance(c.tag, str) and c.tag not in ("script", "style")]


def _short_text(node: Any, most: int) -> str | None:
    """``node``'s text if it is at most ``most`` characters long (read no further), else None."""
    pieces, size = [], 0
    for piece in node.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > 2 * most + 20:
            return None
    text = " ".join("".join(pieces).split())
    return text if len(text) <= most else None


def _headed_boxes(tree: Any) -> list[Any]:
    """The boxes (no headline, few paragraphs) whose first part is a short heading."""
    found = []
    for body in tree.iter("body"):
        for node in body.iter(*HEADED_TAGS):
            first = next((c for c in node if isinstance(c.tag, str)), None)
            if first is None or first.tag not in HEADED_FIRST:
                continue
            if not _short_text(first, HEADING_CHARS) or next(node.iter("h1"), None) is not None:
                continue
            if sum(1 for _ in node.iter("p")) <= MOST_PARAGRAPHS and _headed_box(node):
                found.append(node)
    return found


def _headed_box(node: Any) -> bool:
    """A box whose first line names other stories ("More from ...", "Read more") and each of
    whose other parts holds a link (the teasers), or a box of two links or more under a short
    heading, each part (nearly) all link text (a site's featured stories)."""
    parts = _elements(node)
    if len(parts) < 2 or parts[0].tag not in HEADING_TAGS:
        return False
    heading = _text(parts[0])
    if not heading or len(heading) > HEADING_CHARS:
        return False
    rest = [p for p in parts[1:] if _shows_text(p) or p.find(".//a") is not None]
    if not rest:
        return False
    if OTHER_STORIES.search(heading):
        return all(p.tag == "a" or p.find(".//a") is not None for p in rest)
    if heading.endswith((".", "!", "?")) or parts[0].find(".//a") is not None or len(rest) < 2:
        return False
    return all(_linked(p) >= LINK_SHARE for p in rest)


def _headline_sized(text: str) -> bool:
    """As long as another story's headline: ``TEASER_CHARS`` and ``TEASER_WORDS``."""
    low, high = TEASER_CHARS
    return low <= len(text) <= high and len(text.split()) >= TEASER_WORDS


def _teaser(node: Any) -> bool:
    """A paragraph that is only a link to another story's headline."""
    text = _text(node)
    return _headline_sized(text) and not text.endswith(".") and _linked(node) >= 0.95


def _linked_heading(node: Any) -> bool:
    """A heading that is only a link (or sits inside one) to another story's headline."""
    inside_link = any(a.tag == "a" for a in node.iterancestors())
    return _headline_sized(_text(node)) and (inside_link or _linked(node) >= 0.95)


def _trail(node: Any) -> bool:
    """A breadcrumb trail: each item but the last (nearly) all a link, each link's path
    inside the one before it, the last a short line."""
    items = node.findall("li")
    if len(items) < 2 or items[0].find(".//a") is None:
        return False
    earlier, links = "", 0
    for item in items:
        link = item.find(".//a")
        if link is None:
            if item is not items[-1] or _short_text(item, TRAIL_LAST_CHARS) is None:
                return False
            continue
        if _linked(item) < LINK_SHARE:
            return False
        path = urlsplit(link.get("href") or "").path or "/"
        if links and (path == earlier or not path.startswith(earlier.rstrip("/") + "/")):
            return False
        earlier, links = path, links + 1
    return links >= 2


def _tag_list(node: Any) -> bool:
    tags = [a for a in node.iter("a") if "tag" in (a.get("rel") or "").split()]
    return len(tags) >= 2 and _linked(node) >= TAG_SHARE


def _under_image(node: Any) -> bool:
    """A short line alone right under its image, not a sentence: a photo's caption or
    credit."""
    previous = node.getprevious()
    if previous is not None and previous.tail and previous.tail.strip():
        return False
    if node.tail and node.tail.strip():
        return False
    text = _text(node)
    return 0 < len(text) <= UNDER_CHARS and not text.endswith((".", "!", "?", ":"))


def _about_starts(tree: Any) -> list[Any]:
    """Rules, and lines opening with "About " (their own first words, or their first
    part's: "<p><b>About Acme</b></p>")."""
    found = []
    for body in tree.iter("body"):
        for node in body.iter(*ABOUT_TAGS):
            lead = (node.text or "").strip()
            if not lead and len(node) and isinstance(node[0].tag, str):
                lead = (node[0].text or "").strip()
            if node.tag == "hr" or lead.startswith("About "):
                found.append(node)
    return found


def _about_block(start: Any, title: str) -> list[Any]:
    """The rule or "About <Name>" line ``start`` and the paragraphs after it, when they end
    the story and say what the organisation the page's title names is; else nothing."""
    if start.tag != "hr" and not ABOUT_HEADING.match(_text(start)):
        return []
    after = [e for e in start.itersiblings() if isinstance(e.tag, str)]
    if not after or len(after) > ABOUT_PARTS or any(e.tag not in ("p", "div") for e in after):
        return []
    opening = ABOUT_OPENING.match(_text(after[0]))
    if opening is None or opening["name"].split()[0] not in title:
        return []
    return [start, *after]


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


def _post_chrome(post: Any) -> list[Any]:
    """Clear an embedded post's signature text; the nodes left of it to drop (its date link,
    its media links). The post's paragraphs stay."""
    found = [n for n in post if n.tag != "p"]
    for paragraph in post.iterchildren("p"):
        paragraph.tail = None
        found += [a for a in paragraph.iter("a") if MEDIA_LINK.match(a.text_content())]
    post.text = None
    return found


def drop_boilerplate(tree: Any) -> Any:
    """Remove the page's boxes of other stories, bios, hover cards, link lists, teasers,
    breadcrumbs, tag lists, image captions, embedded posts' signatures and media links, and a
    press release's "About" block from ``tree`` (in place); the tree."""
    doomed = [n for n in BOXES(tree) if _shows_text(n)]
    doomed += [n for n in LINKED_LISTS(tree) if _link_list(n)]
    title = TITLE(tree)
    found = _headed_boxes(tree)
    found += [n for n in LINK_PARAGRAPHS(tree) if _teaser(n)]
    found += [n for n in LINK_HEADINGS(tree) if _linked_heading(n)]
    found += [n for body in tree.iter("body") for n in body.iter(*TRAIL_TAGS) if _trail(n)]
    found += [n for n in TAG_HOLDERS(tree) if _tag_list(n)]
    found += [n for n in UNDER_IMAGE(tree) if _under_image(n)]
    found += [n for start in _about_starts(tree) for n in _about_block(start, title)]
    doomed += [n for n in found if not TRAFILATURA_DROPS(n)]
    blocks = [n for n in doomed if n.tag in BLOCK_TAGS]
    doomed += [h for h in map(_heading, blocks) if h is not None]
    doomed += _alt_captions(tree)
    for post in SOCIAL_POSTS(tree):
        doomed += _post_chrome(post)
    for node in doomed:
        _drop(node)
    return tree
