"""Company size normalizers: employee counts and annual revenue, with a fixed currency table.

One import point for the size API; the work lives in `employees` and `revenue`. The rules and
their reasons are in those modules' docstrings and in docs/currencies.md.
"""

from __future__ import annotations

from leadsieve.normalize.employees import EmployeeRange, format_employees, parse_employees
from leadsieve.normalize.revenue import (
    Revenue,
    convert,
    format_money,
    format_revenue,
    known_currencies,
    parse_revenue,
    to_usd,
)

__all__ = [
    "EmployeeRange",
    "Revenue",
    "convert",
    "format_employees",
    "format_money",
    "format_revenue",
    "known_currencies",
    "parse_employees",
    "parse_revenue",
    "to_usd",
]
