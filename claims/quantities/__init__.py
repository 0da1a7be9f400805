"""Printed figures as intervals of values, shared by claim matching and arithmetic checks.

Plain Python: nothing here imports Django.
"""

from claims.quantities.interval import Interval, format_number
from claims.quantities.reading import (
    Dimension,
    Quantity,
    comparable,
    dimension_of,
    hedge_of,
    printed_step,
    read_quantity,
)

__all__ = [
    "Dimension",
    "Interval",
    "Quantity",
    "comparable",
    "dimension_of",
    "format_number",
    "hedge_of",
    "printed_step",
    "read_quantity",
]
