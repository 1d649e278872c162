"""The roles rule: seniority and department (both for full credit when both are listed), or a
listed title keyword, and the lead's side of its reason (its title, and what of it is listed).
"""

from __future__ import annotations

from collections.abc import Sequence

import narwhals as nw

from leadsieve.engine import reasons
from leadsieve.engine.exprs import first_hit, flag, index_of
from leadsieve.engine.reasons import Lead
from leadsieve.icp.model import RolesRule


def compile_roles(rule: RolesRule, hit: nw.Expr) -> tuple[nw.Expr | None, nw.Expr, Lead]:
    """(the first listed title the lead's title mentions, None without titles; the match and
    the lead, both reading ``hit``, that first title's column).

    The pick says which listed seniority and department the lead has (or the title it
    mentions, when those do not match in full) and whether it has a title to show."""
    seniorities, departments, titles = rule.seniority, rule.departments, rule.titles
    # positions in the lists, past their end for none (0 when a list is empty)
    seniority = index_of(nw.col("ls_seniority"), _positions(seniorities), len(seniorities))
    department = index_of(nw.col("ls_department"), _positions(departments), len(departments))
    parts = [
        flag(position < len(values))
        for position, values in ((seniority, seniorities), (department, departments))
        if values
    ]
    base = sum(parts[1:], parts[0]) / len(parts) if parts else None
    title = flag(~hit.is_null()) if titles else None
    if base is None:
        score = title
    elif title is None:
        score = base
    else:
        score = nw.max_horizontal(base, title)
    assert score is not None  # the model requires one of the three lists
    known = (
        ~nw.col("ls_seniority").is_null()
        | ~nw.col("ls_department").is_null()
        | ~nw.col("ls_title_text").is_null()
    )
    # state: (seniority, department) positions, or past them the title mentioned
    dimensions = (len(seniorities) + 1) * (len(departments) + 1)
    state = seniority * (len(departments) + 1) + department
    if titles:
        by_title = ~hit.is_null() if base is None else ~hit.is_null() & (base < 1.0)
        state = nw.when(by_title).then(hit + dimensions).otherwise(state)
    titled = ~nw.col("ls_title").is_null()
    listed = (tuple(seniorities), tuple(departments), tuple(titles))

    def say(verdict: int, pick: int) -> str:
        where, shown = divmod(pick, 2)
        lead: tuple[str | None, str | None, str | None]
        if where >= dimensions:
            lead = (None, None, titles[where - dimensions])
        else:
            s, d = divmod(where, len(departments) + 1)
            lead = (_at(seniorities, s), _at(departments, d), None)
        return reasons.roles(listed, verdict, lead, titled=bool(shown))

    lead = Lead(
        (nw.when(titled).then(nw.lit("'")), nw.col("ls_title")),
        say,
        state * 2 + nw.when(titled).then(nw.lit(1)).otherwise(nw.lit(0)),
        (dimensions + len(titles)) * 2,
    )
    first = first_hit("ls_title_text", [f" {t} " for t in titles]) if titles else None
    return first, nw.when(known).then(score), lead


def _positions(values: Sequence[str]) -> dict[str, int]:
    return {value: n for n, value in enumerate(values)}


def _at(values: Sequence[str], position: int) -> str | None:
    return values[position] if position < len(values) else None
