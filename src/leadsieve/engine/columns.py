"""The normalized ``ls_*`` columns the engine scores, and the ``fit_*`` columns it writes.

``leadsieve.normalize.frame.prepare`` adds the ``ls_*`` columns from a lead frame's canonical
columns; the engine reads nothing else, so every engine sees the same canonical values.
List-valued columns are delimited strings, which every dataframe engine matches the same way:

- ``ls_industry_path``: ``|root|...|slug|`` (taxonomy slugs, root to leaf)
- ``ls_industry_codes``: ``|naics:541511|sic:7372|``
- ``ls_technologies``: ``|salesforce|google analytics|`` (folded)
- ``ls_signals``: ``|recent_funding@2026-08-01|hiring_sales|`` (type folded, ISO date optional)
- ``ls_text`` and ``ls_title_text``: folded words padded with spaces, `` acme b2b saas ``
- ``ls_title``: the contact's title as written, trimmed, for reasons to show
- ``ls_domain``: the lead's web host (``shop.acme.com``); a domain disqualifier matches it or
  any host under it
"""

from __future__ import annotations

from typing import Final

import narwhals as nw

#: Normalized input columns and their dtypes.
LS_SCHEMA: Final[dict[str, type[nw.dtypes.DType]]] = {
    "ls_industry": nw.String,
    "ls_industry_label": nw.String,
    "ls_industry_path": nw.String,
    "ls_industry_codes": nw.String,
    "ls_country": nw.String,
    "ls_subdivision": nw.String,
    "ls_emp_lo": nw.Int64,
    "ls_emp_hi": nw.Int64,
    "ls_emp_text": nw.String,
    "ls_rev_lo": nw.Float64,
    "ls_rev_hi": nw.Float64,
    "ls_rev_text": nw.String,
    "ls_seniority": nw.String,
    "ls_department": nw.String,
    "ls_title_text": nw.String,
    "ls_title": nw.String,
    "ls_signals": nw.String,
    "ls_technologies": nw.String,
    "ls_text": nw.String,
    "ls_domain": nw.String,
}

#: Output columns for one ICP, in order.
FIT_COLUMNS: Final[tuple[str, ...]] = (
    "fit_score",
    "fit_grade",
    "fit_qualified",
    "fit_coverage",
    "fit_matched",
    "fit_missed",
    "fit_unknown",
    "fit_reasons",
    "fit_disqualified_by",
    "icp_slug",
    "icp_version",
    "leadsieve_version",
)


def suffixed(column: str, slug: str) -> str:
    """The per-ICP name of an output column when several ICPs score in one pass."""
    return f"{column}__{slug.replace('-', '_')}"
