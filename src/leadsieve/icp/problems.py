"""Pydantic's errors about an ICP document -> ``Problem``s in leadsieve's one hint style.

Every problem reads "path (line N): what is wrong (what to do)". Pydantic's own texts ("Input
should be greater than 0") never reach the user: each error type it raises for an ICP has a
crafted message here, and the validators' ``Issues`` unfold into one problem per issue, each at
its own path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from leadsieve.errors import Problem
from leadsieve.icp.model import WEIGHT_MAX, WEIGHT_MIN, Icp
from leadsieve.icp.values import Issues

if TYPE_CHECKING:
    import yaml

Loc = tuple[str | int, ...]

#: What to do about a bad number, by the field it is in.
_NUMBER_HINTS = {
    "weight": f"weights are relative: use numbers from {WEIGHT_MIN:g} to {WEIGHT_MAX:,.0f}",
    "min_score": "scores run from 0 to 100",
    "A": "grade thresholds are scores from 0 to 100",
    "B": "grade thresholds are scores from 0 to 100",
    "C": "grade thresholds are scores from 0 to 100",
    "max_age_days": "give a number of days from 1 to 36,500",
    "min": "give a count of employees from 0 to 100,000,000",
    "max": "give a count of employees from 0 to 100,000,000",
    "below": "give a count of employees from 0 to 100,000,000",
    "above": "give a count of employees from 0 to 100,000,000",
}
#: What each choice means, for a value that is none of them.
_CHOICE_HINTS = {
    "match_mode": "weighted: score and required rules; all: every rule; any: one rule",
    "unknown": "miss: no data scores the rule 0; neutral: no data leaves the rule out",
    "leadsieve": "it is the document format version; write `leadsieve: 1`",
}
_REVENUE_FORMS = "write one amount: 5000000, 5M, €5 Mio, $1.2B or 5 Mrd"


def problems_of(err: Any, node: yaml.Node | None) -> list[Problem]:
    """The problems of one pydantic error (several when a validator found several)."""
    loc: Loc = tuple(
        p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
    )
    found = (err.get("ctx") or {}).get("error")
    if isinstance(found, Issues):
        return [_at(node, (*loc, *i.at), i.message, i.hint) for i in found.issues]
    message, hint = _crafted(err, loc)
    return [_at(node, loc, message, hint)]


def _at(node: yaml.Node | None, loc: Loc, message: str, hint: str | None) -> Problem:
    path = ".".join(str(p) for p in loc)
    line = line_of(node, loc)
    return Problem(path=f"{path} (line {line})" if line else path, message=message, hint=hint)


def shown(value: Any) -> str:
    """A short rendering of a bad input: scalars as written, containers by kind only (a deeply
    nested input must not be rendered whole)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: Any) -> str:
    return f"{value:,g}" if isinstance(value, float) else f"{value:,}"


def _crafted(err: Any, loc: Loc) -> tuple[str, str | None]:
    """(what is wrong, what to do) for one of pydantic's error types."""
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    field = str(loc[-1]) if loc else ""
    got = shown(err.get("input"))
    in_revenue = len(loc) >= 2 and loc[-2] == "revenue"
    number_hint = _NUMBER_HINTS.get(field, "see `leadsieve icp schema`")
    if in_revenue and field in {"min", "max"}:
        number_hint = "give an amount of 0 or more"
    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if kind == "missing":
        return "is required", f"add `{field}:`" if field else None
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}:
        if in_revenue and field in {"min", "max"}:
            return f"is not one amount: {got}", _REVENUE_FORMS
        whole = kind.startswith("int")
        what = "a whole number" if whole else "a number"
        return f"must be {what}, got {got}", number_hint
    if kind == "int_parsing_size":
        return f"is far too large, got {got}", number_hint
    if kind == "finite_number":
        return f"must be a finite number, got {got}", number_hint
    if kind in {"greater_than", "greater_than_equal"}:
        op = "greater than" if kind == "greater_than" else "at least"
        return f"must be {op} {_number(ctx.get('gt', ctx.get('ge')))}, got {got}", number_hint
    if kind in {"less_than", "less_than_equal"}:
        op = "less than" if kind == "less_than" else "at most"
        return f"must be {op} {_number(ctx.get('lt', ctx.get('le')))}, got {got}", number_hint
    if kind == "too_short":
        return "lists nothing", "list at least one value, or remove the rule"
    if kind == "literal_error":
        expected = ctx.get("expected", "a documented value")
        return f"must be {expected}, got {got}", _CHOICE_HINTS.get(field, "see docs/icp.md")
    if kind in {"string_type", "string_sub_type"}:
        return f"must be text, got {got}", "quote it if it looks like a number or a date"
    if kind == "list_type":
        return f"must be a list, got {got}", "write [a, b] or one value per `- ` line"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false, got {got}", "write true or false"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"must be a mapping of fields, got {got}", "write {field: value, ...}"
    return f"is not valid here ({kind.replace('_', ' ')}), got {got}", "see `leadsieve icp schema`"


def _unknown_field(loc: Loc) -> tuple[str, str | None]:
    from rapidfuzz import process

    field = str(loc[-1])
    valid = fields_at(loc[:-1])
    near = process.extractOne(field, valid) if valid else None
    if near and near[1] >= 60:
        return f"unknown field {field!r}", f"did you mean {near[0]!r}?"
    return f"unknown field {field!r}", (f"valid fields: {', '.join(valid)}" if valid else None)


def fields_at(loc: Sequence[Any]) -> list[str]:
    """The valid field names of the model found at ``loc`` inside the ICP."""
    model: type[BaseModel] = Icp
    for part in loc:
        field = model.model_fields.get(str(part))
        if field is None:
            return []
        found = _model_in(field.annotation)
        if found is None:
            return []
        model = found
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def line_of(node: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """The 1-based line of the YAML key or item at ``loc`` (or of its nearest existing parent)."""
    if node is None:
        return None
    import yaml

    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                return line
            line = pair[0].start_mark.line + 1
            node = pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
