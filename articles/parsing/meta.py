"""Which of a page's titles is its headline and which of its names are its authors.

A page names its headline several times (JSON-LD, og:title, <title>, the <h1> a reader sees)
and they often differ: a social title, an SEO title, the site's name glued on. The visible
<h1> decides between them when it agrees with one; the site's name (the outlet, og:site_name,
the address's host) is cut from either end. Author values carry the outlet, roles, degrees,
"By" and social-link words; those are not people.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import urlsplit

# " | ", " - ", " – ", " — ", " -- ", " » ", " :: ", " · ", " * ", " : ", and an unspaced "|" or
# Korean "ㅣ" (a vowel letter used as a bar).
SEPARATOR = re.compile(r"\s+(?:[|\-–—»«·*:]|--|::)\s+|\s*[|ㅣ]\s*")
DANGLING = re.compile(r"(?:\s+[|\-–—»«·*:]|\s*[|ㅣ])+\s*$")
TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]\s+[^|\-–—]{2,60}$")
# "武汉的声音：...城！-新华网": a Chinese, Japanese or Korean title glued to a name in the same
# script by an unspaced dash (a figure after it, "코로나-19", is no name).
CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
CJK_SUFFIX = re.compile(rf"(?<=[{CJK}\uff01-\uff5e])[-–—]([{CJK}]{{2,12}})$")
LONE_WORDS = 5
BREADCRUMB = re.compile(r"\s+[»›]\s+")
LETTERS = re.compile(r"[\W_]+", re.UNICODE)
# Generic second-level labels: "co.uk", "or.jp", "com.au".
SECOND_LEVEL = {"co", "com", "or", "ne", "go", "ac", "org", "net", "gov", "edu"}
# "&#8217;", "&amp;": a value the CMS escaped before writing it into JSON.
CHARACTER_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def letters(text: str) -> str:
    """Letters and digits only, case-folded: how two spellings of a title or name compare."""
    return LETTERS.sub("", text.casefold())


def clean_space(text: str) -> str:
    return " ".join(html_lib.unescape(text).replace("\u2033", '"').split())


class Site:
    """The names a page's site goes by: outlet, og:site_name, application-name, host."""

    def __init__(self, url: str, *names: str) -> None:
        host = urlsplit(url).hostname or "" if url else ""
        parts = [p for p in host.removeprefix("www.").split(".") if p]
        label = ""
        if len(parts) >= 2:
            label = parts[-3] if parts[-2] in SECOND_LEVEL and len(parts) >= 3 else parts[-2]
        self.host = letters(".".join(parts))
        self.label = letters(label) if len(label) >= 4 else ""
        self.names = {letters(n) for n in names if letters(n)}

    def is_name(self, text: str) -> bool:
        """The site's own name ("Sott.net", "CNN", "finanztreff.de")."""
        found = letters(text)
        return bool(found) and (found in self.names or found == self.host)

    def is_segment(self, text: str) -> bool:
        """A title segment naming the site, also "Daily Mail Online" on dailymail.co.uk."""
        if self.is_name(text):
            return True
        found = letters(text)
        if self.label and found.startswith(self.label) and len(text.split()) <= 4:
            return True
        # "Feuerwehr Oldenburg" on feuerwehrtaucher-oldenburg.de: each word is in the host's.
        words = [letters(word) for word in text.split()]
        return 2 <= len(words) <= 4 and all(len(w) >= 3 and w in self.label for w in words)


def strip_site(title: str, site: Site) -> str:
    """The title without the site's name at either end (and anything after a trailing one)."""
    title = DANGLING.sub("", clean_space(title))
    pieces = SEPARATOR.split(title)
    if len(pieces) < 2:
        return title
    starts = [m.start() for m in SEPARATOR.finditer(title)]
    ends = [m.end() for m in SEPARATOR.finditer(title)]
    # A trailing site name: "Headline | Outlet", "Headline | Outlet | by Author".
    for index in range(1, len(pieces)):
        if site.is_segment(pieces[index]):
            # "제목-정치ㅣ한국일보": the section glued to a CJK title before the site's name.
            return CJK_SUFFIX.sub("", title[: starts[index - 1]].strip())
    if site.is_segment(pieces[0]):
        rest = title[ends[0] :].strip()
        # "Site » Blog Archive » Headline": a breadcrumb ends with the page.
        crumbs = BREADCRUMB.split(rest)
        return crumbs[-1].strip() if len(crumbs) > 1 else rest
    # "Bike Club e.V. - News » Spring Ride to the Coast": a breadcrumb ends with the page even
    # when its first part is a name the site goes by nowhere else; one whose last part is
    # shorter than another runs the other way ("Headline » Local » News » Daily").
    crumbs = BREADCRUMB.split(title)
    longest = max(len(piece.split()) for piece in pieces)
    if len(crumbs) > 1 and len(crumbs[-1].split()) >= 2 and len(pieces[-1].split()) == longest:
        return crumbs[-1].strip()
    return title


def choose_title(ld: str, og: str, page_title: str, headings: list[str], site: Site) -> str:
    """The page's headline. The first of JSON-LD headline, og:title and <title> (each without
    the site's name) that a visible <h1> repeats; else the JSON-LD headline or og:title; a page
    with only a <title> gives way to an <h1> that opens it."""
    shown = {letters(h) for h in headings if letters(h)}
    cleaned = {name: strip_site(value, site) for name, value in (("og", og), ("ld", ld))}
    cleaned["title"] = strip_site(page_title, site)
    # A JSON-LD headline escaped by the CMS ("Mayor&#8217;s") and og:title naming the same
    # words: og:title is spelled as the editor typed it.
    same_words = cleaned["og"] and letters(cleaned["og"]) == letters(cleaned["ld"])
    if same_words and CHARACTER_REFERENCE.search(ld):
        cleaned["ld"] = cleaned["og"]
    # A <title> that is only the site's name, repeated by a logo's <h1>, is no headline.
    bare = (ld.strip() or og.strip()) and cleaned["title"] == clean_space(page_title)
    fields = ("ld", "og") if bare else ("ld", "og", "title")
    for name in fields:
        if cleaned[name] and letters(cleaned[name]) in shown:
            return cleaned[name]
    # An <h1> that carries a kicker or a deck around a title ("Open ProgressWhy ...").
    for name in fields:
        found = letters(cleaned[name])
        if len(found) >= 12 and any(found in h for h in shown):
            return cleaned[name]
    # One headline shown, in none of the metadata's words: the one a reader sees.
    # "Headline - Section - Site" under an <h1> "Section - Site": that h1 is the site's.
    cuts = {h: _cut_heading(cleaned["title"], h) for h in headings}
    lone = [h for h in headings if letters(h) and not site.is_segment(h) and not cuts[h]]
    if len(lone) == 1 and len(lone[0].split()) >= LONE_WORDS:
        return clean_space(lone[0])
    if ld.strip() or og.strip():
        complete = [cleaned[n] for n in ("ld", "og") if not cleaned[n].endswith(("...", "…"))]
        return _typeset(next((t for t in complete if t), cleaned["ld"] or cleaned["og"]), cleaned)
    whole = letters(page_title)
    for heading in headings:
        if site.is_segment(heading):
            continue
        if len(heading.split()) >= 3 and whole.startswith(letters(heading)):
            return clean_space(heading)
    for heading in headings:
        if cuts[heading]:
            return cuts[heading]
    if cleaned["title"] == clean_space(page_title):
        # No segment names the site: the last short one is taken for it.
        cut = TITLE_SUFFIX.sub("", cleaned["title"])
        return cut if cut != cleaned["title"] else CJK_SUFFIX.sub("", cut)
    return cleaned["title"]


TYPOGRAPHIC = re.compile("[–—‘’“”…]")


def _typeset(chosen: str, cleaned: dict[str, str]) -> str:
    """The <title>'s spelling of the chosen headline when it has the same words set with
    typographic dashes and quotes ("Januar – Mai") that the other spells in ASCII ("Januar -
    Mai"): the editor's spelling, which a social tag's plugin flattened."""
    other = cleaned["title"]
    if other == chosen or letters(other) != letters(chosen):
        return chosen
    if len(TYPOGRAPHIC.findall(other)) > len(TYPOGRAPHIC.findall(chosen)):
        return other
    return chosen


def _cut_heading(title: str, heading: str) -> str:
    """The title without a heading that ends it after a separator (the site's block)."""
    found = letters(heading)
    if not found:
        return ""
    for match in SEPARATOR.finditer(title):
        head, tail = title[: match.start()].strip(), title[match.end() :].strip()
        if letters(tail) == found and head:
            return head
    return ""


# ---------------------------------------------------------------- authors

# "and", Spanish "y", German "und" between names.
NAME_SEPARATORS = re.compile(r"\s*(?:,|;|\n|·|\b[Aa]nd\b|\bAND\b|\sy\s|\bund\b)\s*")
# A byline's reading time: "Tiempo de lectura", "Lesezeit", "4 min read".
READING_TIME = re.compile(
    r"\s+(?:tiempo de lectura|lesezeit|reading time|\d+\s*min(?:ute)?s?\s+read)\b.*$", re.I
)
HANDLE = re.compile(r"(?:^|\s)@\w+")
BY = re.compile(r"^\s*by\b[:\s]*", re.I)
ROLE_WORD = re.compile(r"\s*(?:기자|특파원|선임기자|논설위원|객원기자|인턴기자)\s*$")
# "... For The Mail On Sunday", "... from University of Michigan" is where, not who.
FOR_OUTLET = re.compile(r"\s+for\s+the\s+.+$", re.I)
SOCIAL_TAIL = re.compile(
    r"(?:\s+(?:twitter|facebook|e-?mail|instagram|linkedin|follow|rss|bio))+\s*$", re.I
)
DEGREE = re.compile(
    r"^(?:ph\.?\s?d\.?|m\.?d\.?|r\.?d\.?n?|m\.?s\.?|m\.?a\.?|mph|m\.?p\.?h\.?|rn|cpt|jr\.?|sr\.?)$",
    re.I,
)
NOT_A_NAME = {
    "noauthor",
    "admin",
    "administrator",
    "unknown",
    "anonymous",
    "follow",
    "twitter",
    "facebook",
    "email",
    "staff",
    "editor",
    "editors",
}
MICRODATA_AUTHOR = '//*[@itemprop][contains(@itemprop, "author")]'
IN_COMMENT = 'ancestor-or-self::*[contains(@class, "comment") or contains(@id, "comment")]'
SITE_STAFF = re.compile(r"\s+(\S+)\s+staff(?:\s+(?:writer|reporter))?$", re.I)
# "Staff Writer", "Senior Political Correspondent": a role, dropped beside a person's name
# ("Jane Roe, Senior Reporter"), kept when the page names no one else ("Guardian staff").
STAFF = re.compile(r"\b(?:staff|writer|reporter|correspondent|columnist|contributor|editor)$", re.I)
# A menu's or a section's heading where a finder looked for a byline ("Our Writers", "Meet
# the Team", "All Authors"): "our"/"all"/"meet" before a word, or a plural of the trade, is
# nobody ("Gear Team" stays: a desk signs as a team).
NOT_A_PERSON = re.compile(
    r"^(?:our|all|meet|about)\b|\b(?:writers|authors|contributors|columnists|reporters"
    r"|journalists)$",
    re.I,
)
# An editor's, translator's or illustrator's credit: not the author's.
CREDIT = re.compile(r"\b(?:edited|translated|illustrated|compiled)\s+by\b", re.I)


def _name_parts(value: str) -> list[str]:
    text = html_lib.unescape(value).replace("\r", "\n")
    if CREDIT.search(text):
        return []
    text = FOR_OUTLET.sub("", BY.sub("", text.strip()))
    found = []
    for part in NAME_SEPARATORS.split(text):
        part = READING_TIME.sub("", part)
        name = " ".join(SOCIAL_TAIL.sub("", HANDLE.sub("", BY.sub("", part))).split())
        name = ROLE_WORD.sub("", name).strip()
        if not name or DEGREE.match(name) or letters(name) in NOT_A_NAME:
            continue
        if NOT_A_PERSON.search(name):
            continue
        if name.startswith(("http://", "https://", "javascript:", "@")):
            continue
        found.append(name)
    return found


def names(value: Any) -> list[str]:
    """Person names from JSON-LD or meta values, without titles, degrees and "By";
    deduplicated, in the page's order."""
    found: list[str] = []
    if isinstance(value, list):
        found = [n for item in value for n in names(item)]
    elif isinstance(value, dict):
        # {"@type": "Person", "givenName": "Jane", "familyName": "Roe"}: no "name".
        given = " ".join(str(value.get(k) or "") for k in ("givenName", "familyName")).strip()
        found = names(value.get("name") or given)
    elif isinstance(value, str) and value.strip():
        found = _name_parts(value)
    return list(dict.fromkeys(found))


def people(found: list[str], site: Site) -> list[str]:
    """The names that are people: not the outlet, not "<Outlet> Staff" beside a person
    ("Jane Roe PhillyVoice Staff" is Jane Roe)."""
    kept = []
    for name in found:
        staff = SITE_STAFF.search(name)
        if staff and site.is_segment(staff.group(1)) and len(name[: staff.start()].split()) >= 2:
            name = name[: staff.start()]
        if not site.is_name(name):
            kept.append(name)
    persons = [n for n in kept if not STAFF.search(n)]
    return persons or kept


def microdata_authors(tree: Any) -> list[str]:
    """Names in the itemprop="author" elements of the page's first item (their itemprop="name",
    else their short text); not those of comments or of the cards of other articles."""
    found: list[str] = []
    scope: list[Any] | None = None
    for node in tree.xpath(MICRODATA_AUTHOR)[:20]:
        if "author" not in (node.get("itemprop") or "").split() or node.xpath(IN_COMMENT):
            continue
        owner = node.xpath("ancestor::*[@itemscope][1]")
        if scope is None:
            scope = owner
        elif owner != scope:
            continue
        named = node.xpath('.//*[@itemprop="name"]')
        values = [n.get("content") or n.text_content() for n in named]
        for value in values or [node.get("content") or node.text_content()]:
            if value and len(value.strip()) <= 80:
                found.extend(names(value))
    return list(dict.fromkeys(found))


# "By", "| By :", "Posted by", "Author:" alone in its element: the names are the elements
# after it.
LONE_BY = re.compile(
    r"^\W*(?:(?:(?:posted|written|words|reported)\s+)?by\s*:?|autho?r\s*:)\s*$", re.I
)
# "Jane Roe", "Joe S.", "marc": short, no figures, no separators; or a user name in one word
# that opens with a letter ("Bo2man", not "29.12.2010").
NAME_NODE = re.compile(r"^(?:[^\W\d_][^\d@|:/<>()\[\]]{0,38}[^\W\d_.]?\.?|[^\W\d_]\w{2,24})$")
NAME_JOIN = re.compile(r"^\s*(?:,|&|and)\s*$", re.I)


def _node_names(text: str) -> list[str]:
    """The names an element's own text gives when it reads as a name (``NAME_NODE``, at most
    four words, no figures or separators): "Jane Roe", "Bo2man"; none for "29.12.2010"."""
    return names(text) if NAME_NODE.match(text) and len(text.split()) <= 4 else []


BODY_TEXT = "//body//text()[not(ancestor::script) and not(ancestor::style)]"
EMPHASIS = {"b", "i", "em", "strong", "u", "mark"}


def lone_by_authors(tree: Any) -> list[str]:
    """The names after the page's first "By" that stands alone in its element
    ("<span>By</span> <a>Jane Roe</a> <span>and</span> <a>Bo Kim</a>"): the name that
    follows it, and each next one after a join ("and", ","); anything else ends them (a
    date, "|", a share button, a staff line, a tag)."""
    nodes = [(" ".join(str(t).split()), t) for t in tree.xpath(BODY_TEXT)]
    nodes = [(text, node) for text, node in nodes if text]
    texts = [text for text, _ in nodes]
    # The "By" opens its element: not a tail ("<a>Photo</a> by <a>Ann Lee</a>") nor a word
    # set in bold inside a sentence ("Stand <b>by</b> me").
    starts = [
        i
        for i, (text, node) in enumerate(nodes)
        if LONE_BY.match(text) and node.is_text and node.getparent().tag not in EMPHASIS
    ]
    for index in starts[:3]:
        found: list[str] = []
        position = index + 1
        while position < min(len(texts), index + 12):
            text = texts[position]
            named = _node_names(text)
            if not named:
                break
            found.extend(named)
            if position + 1 >= len(texts) or not NAME_JOIN.match(texts[position + 1]):
                break
            position += 2
        if found:
            return list(dict.fromkeys(found))
    return []


REL_AUTHOR = '//body//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]'


def rel_author_names(tree: Any) -> list[str]:
    """The names of the page's first link marked rel="author" that names someone (the
    post's; the later ones are often other posts' cards)."""
    for link in tree.xpath(REL_AUTHOR)[:5]:
        text = " ".join(link.text_content().split())
        found = names(text) if len(text) <= 60 else []
        if found:
            return found
    return []


CLASS_AUTHOR = '//body//*[contains(@class, "author") or contains(@class, "byline")]'


def class_author_names(tree: Any) -> list[str]:
    """The names in the links of the page's first element whose class names an author or a
    byline ("author-info", "post-byline") and that names someone, outside comments: a
    profile card's "<a>Jane Roe</a> <a>Follow</a>" is Jane Roe."""
    for node in tree.xpath(CLASS_AUTHOR)[:10]:
        if node.xpath(IN_COMMENT):
            continue
        found: list[str] = []
        for link in node.xpath(".//a")[:5]:
            found.extend(_node_names(" ".join(link.text_content().split())))
        if found:
            return list(dict.fromkeys(found))
    return []


# The element under the headline that credits the story: "<p class="credit">JIJI</p>".
UNDER_HEADLINE = (
    '(//body//h1)[1]/following::*[position() <= 6][contains(@class, "credit") or '
    'contains(@class, "byline") or contains(@class, "author")]'
)


# "Von Jana Roth -", "By Jane Roe |": the byline's lead word and a separator left at its end.
CREDIT_EDGES = re.compile(r"^\s*(?:by|von)\s+|[\s|\-–—]+$", re.I)


def headline_credit_names(tree: Any) -> list[str]:
    """The names of the credit or byline element that follows the page's headline (its
    <h1>) closely, when its text reads as a name and it is no figure's caption nor a menu's
    entry (a logo's <h1> above "<li class="authors">Authors</li>")."""
    for node in tree.xpath(UNDER_HEADLINE)[:1]:
        if node.xpath(
            "ancestor-or-self::*[self::figure or self::figcaption or self::nav or self::li]"
        ):
            return []
        # Each piece apart: "<a>Jose Roe</a><a>View More Articles</a>" is no name.
        text = " ".join(" ".join(node.itertext()).split())
        return _node_names(CREDIT_EDGES.sub("", text))
    return []


# A paragraph that is only a name set in italics or to the right: the writer's signature
# under a story, as print pages sign ("<p align="right"><em>Denis Clerc</em></p>").
SIGNED = (
    '//body//p[@align="right" or contains(translate(@style, " ", ""), "text-align:right")'
    " or (em or i) and normalize-space(.) = normalize-space(em | i)]"
)
SIGNATURE = re.compile(r"^[^\W\d_][\w'’.-]+(?: [^\W\d_][\w'’.-]+){1,2}$")


SIGNED_AFTER = 12


def signature_names(tree: Any) -> list[str]:
    """The name a story is signed with at its end (two or three words, each opening with a
    capital, no link) right after a paragraph of running text (not an italic "Related
    Stories" between links), outside captions and comments."""
    for node in tree.xpath(SIGNED)[:20]:
        text = " ".join(node.text_content().split())
        if not SIGNATURE.match(text) or not all(w[0].isupper() for w in text.split()):
            continue
        if node.xpath(f".//a or {IN_COMMENT} or ancestor::figure"):
            continue
        before = node.xpath("preceding-sibling::p[1]")
        if before and len(before[0].text_content().split()) >= SIGNED_AFTER:
            return names(text)
    return []


# "Copyright (c) 2012- Gregory Szorc. All rights reserved.", "© 2020 Jane Roe": a personal
# site's footer names its author; a company ("Sample Media LLC") is no one.
COPYRIGHT_NAME = re.compile(
    r"(?:Copyright|©|\(c\))\s*(?:\(c\)|©)?\s*(?:\d{4}\s*(?:[-–]\s*(?:\d{4})?)?,?\s*)"
    r"(?P<name>(?!The\b)[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z’'-]+){1,2})(?=\s*(?:[.,|]|All\b|$))"
)
COMPANY_WORDS = re.compile(
    r"\b(?:Inc|LLC|Ltd|Limited|Corp|Co|Company|Media|News|Group|Press|Publishing|Network|"
    r"Studios?|Digital|Holdings|Foundation|Society|University|Times|Post|Journal|Daily)\b"
)


def copyright_names(tree: Any) -> list[str]:
    """The person a page's copyright line names (a personal site's footer), when the line
    names a person and no company."""
    for node in tree.xpath(
        "//body//text()[contains(., 'opyright') or contains(., '©') or contains(., '(c)')]"
    )[-5:]:
        found = COPYRIGHT_NAME.search(" ".join(str(node).split()))
        if found and not COMPANY_WORDS.search(found["name"]):
            return names(found["name"])
    return []
