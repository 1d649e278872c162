"""Load and dump ICP documents (YAML or JSON), reporting every problem at once.

A problem carries the path inside the document (``rules.employees.min``), the line it stands on
when the source is YAML, and a hint: the nearest valid field for a misspelled one, suggestions
for an unknown industry or region.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from leadsieve.errors import IcpInvalid, IcpNotFound, Problem
from leadsieve.icp.model import Icp
from leadsieve.icp.problems import problems_of, shown

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


#: Deeper than this, a document is not an ICP (the deepest field is 4 levels down); refusing
#: it early keeps the YAML composer and the validator from recursing without end.
MAX_DEPTH = 16


def parse_icp(text: str, *, source_name: str = "<icp>") -> Icp:
    """Parse an ICP document from YAML or JSON text (JSON is YAML, so one parser reads both).

    Refused as ICP_INVALID besides the schema's problems: text that is not YAML, nesting
    deeper than ``MAX_DEPTH``, and a key given twice in one mapping (YAML would keep the last
    silently)."""
    import yaml  # imported when a document is read, not by everyone who needs the model

    if not text.strip():
        raise IcpInvalid(
            f"{source_name} is empty:",
            problems=[Problem("", "the document has no fields", "start from `leadsieve icp init`")],
        )
    try:
        _check_depth(text, source_name)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        _check_duplicates(node, source_name)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise IcpInvalid(
            f"{source_name} is not valid YAML:",
            problems=[Problem(where, problem, "check indentation and quotes")],
        ) from None
    if not isinstance(data, dict):
        raise IcpInvalid(
            _count(source_name, 1),
            problems=[
                Problem(
                    "",
                    f"the document must be a mapping, got {shown(data)}",
                    "write `slug: my-icp` and `rules:` at the top level",
                )
            ],
        )
    return validate_icp(data, source_name=source_name, node=node)


def _check_depth(text: str, source_name: str) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH``, reading parser events (which never recurse)."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                where = f"line {mark.line + 1}" if mark is not None else ""
                raise IcpInvalid(_count(source_name, 1), problems=[_too_deep(where)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_deep(where: str) -> Problem:
    return Problem(
        where,
        f"nested deeper than {MAX_DEPTH} levels",
        "an ICP is at most four levels deep (rules.technologies.any_of); remove the nesting",
    )


def _check_duplicates(node: yaml.Node | None, source_name: str) -> None:
    """Refuse a key given twice in one mapping, naming the key, its path and both lines."""
    import yaml

    found: list[Problem] = []
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [] if node is None else [(node, ())]
    while stack:
        current, loc = stack.pop()
        if isinstance(current, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in current.value:
                name = str(key.value)
                line = key.start_mark.line + 1
                if name in first:
                    path = ".".join(str(p) for p in (*loc, name))
                    found.append(
                        Problem(
                            f"{path} (line {line})",
                            f"duplicate key {name!r}, first given at line {first[name]}",
                            "keep one of them: the later one would silently replace the first",
                        )
                    )
                else:
                    first[name] = line
                stack.append((value, (*loc, name)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*loc, i)) for i, item in enumerate(current.value))
    if found:
        found.sort(key=lambda p: p.path)
        raise IcpInvalid(_count(source_name, len(found)), problems=found)


def _count(source_name: str, count: int) -> str:
    return f"{source_name} is not a valid ICP ({count} problem{'s' if count > 1 else ''}):"


def validate_icp(
    data: dict[str, Any], *, source_name: str = "<icp>", node: yaml.Node | None = None
) -> Icp:
    """Validate a decoded document, translating every pydantic error into a ``Problem``."""
    if not isinstance(data, dict):
        raise IcpInvalid(
            _count(source_name, 1),
            problems=[
                Problem("", f"the document must be a mapping, got {shown(data)}", "pass a dict")
            ],
        )
    deep = _too_deep_at(data)
    if deep is not None:
        raise IcpInvalid(_count(source_name, 1), problems=[_too_deep(deep)])
    try:
        return Icp.model_validate(data)
    except ValidationError as exc:
        problems = [p for err in exc.errors(include_url=False) for p in problems_of(err, node)]
        raise IcpInvalid(_count(source_name, len(problems)), problems=problems) from None


def _too_deep_at(data: Any) -> str | None:
    """The path where ``data`` nests deeper than ``MAX_DEPTH``, or None (walked without
    recursion: a decoded document may be nested thousands of levels)."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, dict | list):
            if len(loc) >= MAX_DEPTH:
                return ".".join(loc[:3]) + ". ..."
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((item, (*loc, str(key))) for key, item in items)
    return None


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
