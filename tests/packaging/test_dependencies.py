"""Every module leadsieve imports at run time comes from a declared dependency.

The dev group brings packages the runtime lacks (numpy came in through pandas and duckdb), so
the test suite alone cannot notice a missing declaration: this test reads the imports of every
module under src/leadsieve and maps each to the distribution that provides it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import leadsieve

PACKAGE = Path(leadsieve.__file__).parent
PYPROJECT = PACKAGE.parents[1] / "pyproject.toml"


def _name(requirement: str) -> str:
    """The normalized distribution name of a PEP 508 requirement ("psycopg[binary]>=3" -> psycopg)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    required = {_name(r) for r in project["dependencies"]}
    optional = {_name(r) for rs in project["optional-dependencies"].values() for r in rs}
    return required, optional


def _guarded(tree: ast.Module) -> set[int]:
    """Lines of imports that need not succeed: under TYPE_CHECKING or in try/except ImportError."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        type_checking = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        optional = isinstance(node, ast.Try) and any(
            h.type is not None and "ImportError" in ast.unparse(h.type) for h in node.handlers
        )
        body: list[ast.stmt] = node.body if type_checking or optional else []  # type: ignore[attr-defined]
        for statement in body:
            lines.update(n.lineno for n in ast.walk(statement) if hasattr(n, "lineno"))
    return lines


def runtime_imports() -> dict[str, list[str]]:
    """Top-level third-party module -> the source files that import it unguarded."""
    found: dict[str, list[str]] = {}
    for source in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
        guarded = _guarded(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            if node.lineno in guarded:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "leadsieve" and top not in sys.stdlib_module_names:
                    found.setdefault(top, []).append(str(source.relative_to(PACKAGE)))
    return found


def test_the_scan_sees_the_imports_it_must_check() -> None:
    """The scan is not vacuous: it finds the libraries leadsieve is built on."""
    assert {"polars", "numpy", "sqlalchemy", "typer"} <= set(runtime_imports())


def undeclared(required: set[str]) -> dict[str, tuple[list[str], list[str]]]:
    """Modules imported at run time that no distribution in ``required`` provides, with the
    distributions that do and the files that import them."""
    providers = packages_distributions()
    missing = {}
    for module, files in runtime_imports().items():
        dists = {_name(d) for d in providers.get(module, [])}
        if not dists & required:
            missing[module] = (sorted(dists) or ["not installed"], sorted(set(files)))
    return missing


def _lazy_only(module: str) -> bool:
    """Whether every import of ``module`` sits inside a function (it runs only when that
    function is called: the Spark engine imports pyspark only to score a Spark frame) or is
    guarded."""
    for source in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
        inside = _guarded(tree) | {
            n.lineno
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
            for n in ast.walk(f)
            if isinstance(n, ast.Import | ast.ImportFrom)
        }
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                else []
            )
            if any(n.split(".")[0] == module for n in names) and node.lineno not in inside:
                return False
    return True


def test_every_runtime_import_is_a_declared_dependency() -> None:
    """Each third-party module imported unguarded is provided by a distribution listed in
    ``[project] dependencies``; an optional engine (pandas, duckdb, pyspark) belongs to an extra
    and may be imported only under ``try/except ImportError`` or ``TYPE_CHECKING``, or inside
    the functions that use it (never when leadsieve is imported)."""
    required, optional = _declared()
    missing = undeclared(required)
    assert {m for m in missing if not (m in optional and _lazy_only(m))} == set()
    assert {"pandas", "duckdb", "pyspark"} <= optional


def test_a_missing_declaration_is_caught() -> None:
    """Without numpy in the dependencies the check names numpy and the modules importing it
    (what happened in #13 item 14: `leadsieve icp generate` failed after `pip install`)."""
    required, _ = _declared()
    missing = undeclared(required - {"numpy"})
    # pyspark and duckdb are extras, imported only by the engines that need them
    assert set(missing) - {"pyspark", "duckdb"} == {"numpy"}
    assert "generate/__init__.py" in missing["numpy"][1]
