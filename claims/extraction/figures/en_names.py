"""English numbers that belong to a name, not a measure: "CES 2025", "Windows 11 users",
"RTX 3080 costs more", "Beijing 2022 Games". Selection drops such candidates."""

from __future__ import annotations

import re

from claims.extraction.figures.engine import Candidate
from claims.extraction.figures.tables import EN_MONTHS, EN_WEEKDAYS

# Capitalised words that open a sentence or a headline: the number after them names nothing.
NAME_STOPWORDS = {
    "In", "By", "Since", "Until", "From", "The", "To", "Of", "At", "On", "And", "About",
    "Nearly", "Some", "Over", "Under", "Around", "Almost", "Only", "Just", "All", "Than",
    "After", "Before", "For", "With", "A", "An", "Past",
    # Verbs that open fact-check headlines ("Says 1,000 veterans die", "Did 14 Generals Say").
    "Says", "Said", "Say", "Has", "Have", "Had", "Did", "Does", "Do", "Is", "Are", "Was", "Were",
}  # fmt: skip
EN_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}  # "Winter 2020 edition"
EN_COUNTED_AFTER = re.compile(
    r"\s(?:at a time|at once|apiece|each\b|per\s|a (?:day|week|month|year)\b)", re.I
)
# An acronym or a CamelCase brand before a model number ("RTX 3080", "iPhone 15").
EN_MODEL_BEFORE = re.compile(r"(?<![\w.])(?-i:[A-Z]{2,5}|[a-z]+[A-Z][A-Za-z]*)\s$")
EN_TITLE_CASE_VERB = re.compile(r"[A-Z][a-z]+ing")
# Names that end like a Title Case gerund ("Boeing 737", "Beijing 2022").
EN_ING_NAMES = {"Boeing", "Beijing", "Nanjing", "Peking", "Chongqing", "Kunming", "Wyoming"}
EN_ING_NAMES |= {"Reading", "Sterling", "Viking", "Darjeeling", "Harding", "Browning", "Building"}

# Products and events named with a number: the number and the noun after it are no count
# ("Windows 11 users", "Android 14 devices", "Beijing 2022 Games", "Agenda 2030 goals").
EN_NUMBERED_PRODUCTS = {"Windows", "Android", "Pixel", "Xbox", "Office", "Firefox", "Chrome"}
EN_NUMBERED_PRODUCTS |= {"Ubuntu", "Java", "Python", "Photoshop", "Excel", "Galaxy", "Kindle"}
# Host cities and plans take a year: "Tokyo 2020 organisers", not "in Tokyo 300 people".
EN_YEAR_NAMES = {"Beijing", "Tokyo", "Paris", "London", "Rio", "Sochi", "Athens", "Sydney"}
EN_YEAR_NAMES |= {"Vancouver", "Pyeongchang", "PyeongChang", "Qatar", "Euro", "Expo"}
EN_YEAR_NAMES |= {"Agenda", "Vision", "Milan", "Brisbane", "Birmingham", "Glasgow"}


def _named_before(before: str, value: str) -> bool:
    word = re.search(r"(?<![\w.])([A-Z][A-Za-z]+)\s$", before)
    if word is None:
        return False
    year = re.fullmatch(r"(?:19|20)\d\d", value) is not None
    return word[1] in EN_NUMBERED_PRODUCTS or (year and word[1] in EN_YEAR_NAMES)


def name_number(text: str, c: Candidate) -> bool:
    """'CES 2025', 'Windows 11', 'iPhone 15': a bare number right after a capitalised name;
    after an acronym or a brand ('RTX 3080 costs more') even with a word after it."""
    if c.kind == "date" and not text[c.start].isdigit():
        return False  # "Congress on Wednesday", "Biden on Tuesday": a day, no model number
    before = text[max(0, c.start - 30) : c.start]
    if c.kind == "count" and _named_before(before, c.value):
        return True
    # A count whose lowercase noun ends its span (not "Campaign Rallies", not "5명").
    if c.kind == "count" and c.unit and text[c.end - len(c.unit) : c.end] == c.unit:
        return EN_MODEL_BEFORE.search(before) is not None
    if c.kind not in ("count", "date") or c.unit:
        return False
    word = re.search(r"([A-Z][A-Za-z]*[A-Z0-9]?[A-Za-z]*)\s$", before)
    if word is None:
        return False
    name = word.group(1)
    lowered = name.lower()
    if lowered in EN_MONTHS or lowered in EN_WEEKDAYS or lowered in EN_SEASONS:
        return False
    if EN_COUNTED_AFTER.match(text, c.end):
        return False  # "importing them to Idaho 300 at a time"
    if EN_TITLE_CASE_VERB.fullmatch(name) and name not in EN_ING_NAMES:
        # A Title Case headline's verb: "After Holding 4 Campaign Rallies" (not "Building 7 on").
        return not re.match(r"\s[A-Z][a-z]", text[c.end : c.end + 3])
    return name not in NAME_STOPWORDS
