"""How the panel says what the checks found: an article's arithmetic (the formula, what
it found, the values a printed figure stands for) and what a source's archive found (its
state, a figure's passage marked), in the interface's language. Text for templates and the
admin; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext

from claims.presentation import figure_phrase, say

# --- Arithmetic checks in the panel --------------------------------------------------------

# The formulas claims.arithmetic states, in the interface's language.
FORMULAS: dict[str, Any] = {
    "stake value = market value × share": _lazy("stake value = market value × share"),
    "after = before × (1 + rate/100)": _lazy("after = before × (1 + rate/100)"),
    "after = before × (1 - rate/100)": _lazy("after = before × (1 - rate/100)"),
    "after = before + change": _lazy("after = before + change"),
    "after = before - change": _lazy("after = before - change"),
    "share = part / whole × 100": _lazy("share = part / whole × 100"),
    "total = sum of parts": _lazy("total = sum of parts"),
    "total = count × amount per unit": _lazy("total = count × amount per unit"),
    "age = year now - year of birth (-1 before the birthday)": _lazy(
        "age = year now - year of birth (-1 before the birthday)"
    ),
    "years elapsed = year now - year then (±1 for where in the year each falls)": _lazy(
        "years elapsed = year now - year then (±1 for where in the year each falls)"
    ),
}


def check_summary(check: Any) -> SafeString:
    """What an arithmetic check found, as a sentence in the interface's language."""
    if check.outcome == "inconsistent":
        return say(
            _(
                "The figures cannot all be right: no values within their printed precision "
                "satisfy the formula."
            )
        )
    if check.outcome == "consistent":
        return say(_("The figures agree: values within their printed precision satisfy it."))
    return say(_("A term is not stated; the others imply %(implied)s."), implied=check.implied)


def check_formula(check: Any) -> str:
    return str(FORMULAS.get(check.formula, check.formula))


def interval_phrase(row: dict[str, Any]) -> SafeString:
    """The values a printed figure stands for, as people write amounts ("3조 7,750억 원 –
    3조 7,900억 원"); an exact figure is its one value."""
    lo, hi = row.get("lo"), row.get("hi")
    if lo is None and hi is None:
        return SafeString(conditional_escape(row.get("interval") or "—"))

    def phrase(value: str | None) -> SafeString:
        if value is None:
            return SafeString("∞")
        return figure_phrase({**row, "value": value, "approximate": False})

    if lo == hi:
        return phrase(lo)
    return format_html("{} – {}", phrase(lo), phrase(hi))


# --- What a source's archive found ------------------------------------------------------------


def corroboration_label(state: str) -> str:
    labels = {
        "pending": _("not fetched yet"),
        # "found" alone also names when a link was found (a time): this one is a state.
        "found": pgettext("corroboration", "found"),
        "found_derived": _("found, derived"),
        "not_found": _("not found"),
        "unreachable": _("unreachable"),
    }
    return str(labels.get(state, state))


def marked_passage(result: dict[str, Any]) -> SafeString:
    """A figure's passage with the figure as the source prints it in ``<mark>`` (offsets
    are the archived text's); everything escaped."""
    passage = str(result.get("passage") or "")
    start, found_start, found_end = (
        result.get("start"),
        result.get("found_start"),
        result.get("found_end"),
    )
    if not passage or start is None or found_start is None or found_end is None:
        return format_html("{}", passage)
    left, right = int(found_start) - int(start), int(found_end) - int(start)
    if not 0 <= left < right <= len(passage):
        return format_html("{}", passage)
    return format_html("{}<mark>{}</mark>{}", passage[:left], passage[left:right], passage[right:])


def marked_text(text: str, spans: Iterable[tuple[int, int]]) -> SafeString:
    """An archived text with the given spans in ``<mark>`` (overlaps merged); escaped."""
    parts, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end <= start or end > len(text):
            continue
        parts.append(format_html("{}<mark>{}</mark>", text[at:start], text[start:end]))
        at = end
    parts.append(format_html("{}", text[at:]))
    return SafeString("".join(parts))
