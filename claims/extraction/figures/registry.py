"""The figure grammar's rules, by language, in the order they run.

The order matters only for ties: when two candidates have the same kind, span and start,
selection keeps the one read first. Korean text also runs ``en_money`` (Korean news quotes
dollars as "$2.1 billion"); other English rules on Korean text would read model names and
bare numbers as figures. English text runs every Korean rule after its own: English pages
quote Korean figures.
"""

from __future__ import annotations

from claims.extraction.figures import (
    en,
    en_dates,
    ko_amounts,
    ko_dates,
    ko_days,
    ko_durations,
    ko_native,
    ko_news,
)
from claims.extraction.figures.engine import Rule

KOREAN: tuple[Rule, ...] = (
    # Dates that carry their year.
    ko_dates.full_date,
    ko_dates.dot_date,
    ko_dates.year_month,
    ko_dates.year,
    ko_dates.year_range_first,
    ko_dates.bare_year,
    ko_dates.season,
    ko_dates.short_year,
    # Dates read against the article's date.
    ko_days.month_day,
    ko_days.month_part,
    ko_days.month,
    ko_days.relative_day,
    ko_days.relative_month_part,
    ko_days.day_range,
    ko_days.day,
    ko_days.day_word,
    ko_days.weekday_day,
    ko_days.weekday,
    ko_days.relative_month,
    ko_days.election_day,
    ko_dates.time_of_day,
    # A number and its unit word.
    ko_amounts.money,
    ko_amounts.speed,
    ko_amounts.percent,
    ko_amounts.counter,
    ko_native.native_counter,
    ko_native.native_noun,
    ko_native.native_ordinal,
    ko_news.bracket_age,
    ko_amounts.scaled_number,
    ko_amounts.bare_decimal,
    # News shapes with no counter after the number.
    ko_news.score,
    ko_news.bases,
    ko_news.par,
    ko_news.ordinal,
    ko_news.school_year,
    ko_news.top,
    ko_news.labelled_measure,
    ko_amounts.fraction,
    ko_amounts.slash_fraction,
    ko_news.spaced_age,
    ko_durations.years_months,
    ko_durations.nights_days,
    ko_durations.days_from_event,
    ko_durations.days_a_week,
    ko_durations.one_week_year,
    ko_durations.weeks,
)

ENGLISH: tuple[Rule, ...] = (
    en.money,
    en.percent,
    en.ratio,
    en.fraction,
    en.age,
    en.age_decade,
    en.duration,
    en.time_of_day,
    en.ordinal,
    en.stage,
    en.measure,
    en.unit_measure,
    en_dates.month_date,
    en_dates.year,
    en_dates.decade,
    en_dates.relative_day,
    en_dates.relative_month,
    en.count,
)

RULES: dict[str, tuple[Rule, ...]] = {
    "ko": (*KOREAN, en.money),
    "en": (*ENGLISH, *KOREAN),
}

ALL: tuple[Rule, ...] = (*KOREAN, *ENGLISH)


def rules_for(language: str) -> tuple[Rule, ...]:
    """The rules that read a text in ``language`` ("ko", "en"; any other reads as English)."""
    return RULES["ko"] if language == "ko" else RULES["en"]
