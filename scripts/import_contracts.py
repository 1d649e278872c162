"""An import-linter contract that import-linter cannot express: no SQL statement outside the
store's repositories.

import-linter sees an external package as one module (``sqlalchemy``), so a ``forbidden``
contract cannot tell ``from sqlalchemy.orm import Session`` (a service owns its transaction)
from ``from sqlalchemy import select`` (a statement, which belongs in a repository). This
contract reads the source of every module of ``source_modules`` and refuses the names of
``forbidden_names`` (``sqlalchemy.select`` ...) imported from their package, or reached as an
attribute of it (``sa.select``). ``lint-imports`` runs it (see ``[tool.importlinter]``).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class NoSqlStatements(Contract):
    """The modules of ``source_modules`` (packages included) use none of ``forbidden_names``,
    each written ``package.name`` (such as ``sqlalchemy.select``)."""

    type_name = "no_sql_statements"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_names = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        forbidden: dict[str, set[str]] = {}
        for dotted in self.forbidden_names:  # type: ignore[attr-defined]
            package, _, name = str(dotted).rpartition(".")
            forbidden.setdefault(package, set()).add(name)
        found: list[str] = []
        for source in self.source_modules:  # type: ignore[attr-defined]
            for module in sorted({str(source), *graph.find_descendants(str(source))}):
                path = _path_of(module)
                if path is not None:
                    found.extend(f"{module}:{line} {what}" for line, what in _uses(path, forbidden))
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for use in check.metadata["found"]:
            output.print_error(f"{use}: move the statement into leadsieve.store.repositories")
            output.new_line()


def _path_of(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


def _uses(path: Path, forbidden: dict[str, set[str]]) -> list[tuple[int, str]]:
    """(line, what) for each forbidden name imported from its package or read off an alias of
    the package (``import sqlalchemy as sa`` then ``sa.select``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aliases: dict[str, str] = {}
    uses: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in forbidden:
            uses.extend(
                (node.lineno, f"imports {node.module}.{alias.name}")
                for alias in node.names
                if alias.name in forbidden[node.module]
            )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in forbidden:
                    aliases[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr in forbidden[aliases[node.value.id]]
        ):
            uses.append((node.lineno, f"uses {aliases[node.value.id]}.{node.attr}"))
    return sorted(uses)
