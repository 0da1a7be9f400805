"""Closed intervals of exact rationals: the values a printed figure may stand for.

Bounds are ``Fraction`` (exact, so a value at a rounding boundary is decided exactly) or
``None`` for an open end ("more than 30": no upper bound). Arithmetic is interval
arithmetic: the result holds every value the operation can give from values in the operands.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Bound = Fraction | None


def fraction(value: Decimal | str | int | Fraction) -> Fraction:
    """An exact rational from a decimal string, a Decimal or an int."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


@dataclass(frozen=True, slots=True)
class Interval:
    """``[lo, hi]``; ``None`` for an unbounded end."""

    lo: Bound
    hi: Bound

    @classmethod
    def point(cls, value: Decimal | str | int | Fraction) -> Interval:
        v = fraction(value)
        return cls(v, v)

    @classmethod
    def around(cls, value: Decimal | str | int | Fraction, half: Fraction) -> Interval:
        v = fraction(value)
        return cls(v - half, v + half)

    @property
    def is_point(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def contains(self, value: Fraction) -> bool:
        return (self.lo is None or self.lo <= value) and (self.hi is None or value <= self.hi)

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both. Two intervals that only touch at a rounding
        boundary (2.25 closes [2.15, 2.25] and opens [2.25, 2.35]) overlap: a value printed
        at the boundary may round either way."""
        lo = _max(self.lo, other.lo)
        hi = _min(self.hi, other.hi)
        return lo is None or hi is None or lo <= hi

    def intersection(self, other: Interval) -> Interval | None:
        if not self.overlaps(other):
            return None
        return Interval(_max(self.lo, other.lo), _min(self.hi, other.hi))

    def distance(self, other: Interval) -> Fraction:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(other):
            return Fraction(0)
        if self.hi is not None and other.lo is not None and self.hi < other.lo:
            return other.lo - self.hi
        assert other.hi is not None and self.lo is not None
        return self.lo - other.hi

    def __add__(self, other: Interval) -> Interval:
        return Interval(_add(self.lo, other.lo), _add(self.hi, other.hi))

    def __neg__(self) -> Interval:
        return Interval(
            -self.hi if self.hi is not None else None, -self.lo if self.lo is not None else None
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        if not (self.bounded and other.bounded):
            return _unbounded_product(self, other)
        assert self.lo is not None and self.hi is not None
        assert other.lo is not None and other.hi is not None
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def reciprocal(self) -> Interval | None:
        """``1 / self``, or None when the interval holds 0 (no bounded reciprocal)."""
        if self.contains(Fraction(0)):
            return None
        lo = None if self.hi is None else 1 / self.hi
        hi = None if self.lo is None else 1 / self.lo
        if self.hi is not None and self.hi < 0 and self.lo is None:
            lo, hi = 1 / self.hi, Fraction(0)
        elif self.lo is not None and self.lo > 0 and self.hi is None:
            lo, hi = Fraction(0), 1 / self.lo
        return Interval(lo, hi)

    def __truediv__(self, other: Interval) -> Interval | None:
        inverse = other.reciprocal()
        return None if inverse is None else self * inverse

    def scale(self, factor: Fraction) -> Interval:
        return self * Interval.point(factor)

    def describe(self, digits: int = 6) -> str:
        """``[2.25e12, 2.35e12]`` style, readable in an explanation."""
        return f"[{_show(self.lo, digits, '-inf')}, {_show(self.hi, digits, 'inf')}]"


def _max(a: Bound, b: Bound) -> Bound:
    if a is None:
        return b
    return a if b is None else max(a, b)


def _min(a: Bound, b: Bound) -> Bound:
    if a is None:
        return b
    return a if b is None else min(a, b)


def _add(a: Bound, b: Bound) -> Bound:
    return None if a is None or b is None else a + b


def _unbounded_product(a: Interval, b: Interval) -> Interval:
    """A product with an open end: bounded below by 0 when both are non-negative, else
    unbounded (the checks never need more)."""
    non_negative = all(x.lo is not None and x.lo >= 0 for x in (a, b))
    if non_negative:
        assert a.lo is not None and b.lo is not None
        return Interval(a.lo * b.lo, None)
    return Interval(None, None)


def _show(value: Bound, digits: int, infinite: str) -> str:
    if value is None:
        return infinite
    return format_number(value, digits)


def format_number(value: Fraction, digits: int = 6) -> str:
    """A rational as a short decimal: 2300000000000 -> '2300000000000', 1/3 -> '0.333333'."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.{digits}g}"
    if "e" in text:
        text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
        text = text[: text.index(".") + digits + 1] if "." in text else text
    return text
