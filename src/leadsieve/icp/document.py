"""Load and dump ICP documents (YAML or JSON), reporting every problem at once.

A problem carries the path inside the document (``rules.employees.min``), the line it stands on
when the source is YAML, and a hint: the nearest valid field for a misspelled one, suggestions
for an unknown industry or region.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from leadsieve.errors import IcpInvalid, IcpNotFound, Problem
from leadsieve.icp.model import Icp

if TYPE_CHECKING:
    import yaml

Format = Literal["yaml", "json"]


def load_icp(source: str | Path) -> Icp:
    """Load an ICP from a YAML or JSON file; raise ``IcpInvalid`` listing every problem."""
    path = Path(source)
    if not path.exists():
        raise IcpNotFound(
            f"ICP file {str(path)!r} does not exist; create one with `leadsieve icp init`"
        )
    if path.is_dir():
        raise IcpNotFound(f"{str(path)!r} is a folder, not an ICP file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IcpInvalid(
            f"ICP file {str(path)!r} is not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    return parse_icp(text, source_name=str(path))


def parse_icp(text: str, *, source_name: str = "<icp>") -> Icp:
    """Parse an ICP document from YAML or JSON text (JSON is YAML, so one parser reads both)."""
    import yaml  # imported when a document is read, not by everyone who needs the model

    if not text.strip():
        raise IcpInvalid(f"{source_name} is empty; start from `leadsieve icp init`")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise IcpInvalid(
            f"{source_name} is not valid YAML{where}: {problem}; check indentation and quotes"
        ) from None
    if not isinstance(data, dict):
        raise IcpInvalid(
            f"{source_name} must be a mapping with slug, rules, ... (got {type(data).__name__})"
        )
    return validate_icp(data, source_name=source_name, node=node)


def validate_icp(
    data: dict[str, Any], *, source_name: str = "<icp>", node: yaml.Node | None = None
) -> Icp:
    """Validate a decoded document, translating every pydantic error into a ``Problem``."""
    try:
        return Icp.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(err, node) for err in exc.errors(include_url=False)]
        count = len(problems)
        raise IcpInvalid(
            f"{source_name} is not a valid ICP ({count} problem{'s' if count > 1 else ''}):",
            problems=problems,
        ) from None


def dump_icp(icp: Icp, fmt: Format = "yaml") -> str:
    """The canonical document text: unset fields left out, rule order as in DESIGN.md."""
    data = icp.model_dump(mode="json", exclude_defaults=True)
    data = {"leadsieve": 1, **data}
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def icp_json_schema() -> dict[str, Any]:
    """The published JSON Schema of the ICP document."""
    schema = Icp.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "leadsieve ICP document"
    return schema


def _problem(err: Any, node: yaml.Node | None) -> Problem:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    path = ".".join(str(p) for p in loc)
    line = _line_of(node, loc)
    where = f"{path} (line {line})" if line else path
    kind = err["type"]
    message = err["msg"].removeprefix("Value error, ")
    hint = None
    if kind == "extra_forbidden":
        from rapidfuzz import process

        field = str(loc[-1])
        valid = _fields_at(loc[:-1])
        near = process.extractOne(field, valid) if valid else None
        message = f"unknown field {field!r}"
        hint = f"did you mean {near[0]!r}?" if near and near[1] >= 60 else None
        hint = hint or (f"valid fields: {', '.join(valid)}" if valid else None)
    elif kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        message = f"must be a number, got {err.get('input')!r}"
    elif kind == "missing":
        message = "is required"
    elif kind == "literal_error":
        message = f"got {err.get('input')!r}; {err['msg'].lower()}"
    return Problem(path=where, message=message, hint=hint)


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
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


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
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
