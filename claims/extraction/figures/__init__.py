"""The figure grammar: figures in Korean and English text, normalised.

A figure is a number with what it counts: an amount with its currency, a percentage, a
count with its counter, an age, a duration, a rank, a date or a time. Numbers that are not
figures of a claim (phone numbers, e-mail addresses, URLs, IDs, model and version names
such as Qwen-7B or '완 2.1') are left out.

The package is in Duckling's shape: ``engine.py`` runs named rules (``registry.py`` lists
them per language; the rules are in ``ko_*.py``, ``en.py`` and ``en_dates.py``, their word
tables in ``tables.py`` and number reading in ``numbers.py``), ``select.py`` keeps the
candidates that do not overlap, and every ``Figure`` names the rule that read it.
"""

from claims.extraction.figures.reader import Reading, extract_figures, read_figures

__all__ = ["Reading", "extract_figures", "read_figures"]
