"""Saved column mappings: a mapping confirmed once is reused by name.

``leadsieve columns FILE --map ... --save NAME`` keeps the ``--map`` choices (header ->
canonical target, or none to leave a column out) in the workspace, or in a file when NAME ends
in ``.json``, ``.yaml`` or ``.yml`` (for ``score``, which needs no store). ``--mapping NAME``
on ``score``, ``import``, ``icp generate`` and ``columns`` applies them to the headers a file
has; ``--map`` still wins. The automatic mapping is not saved: it is recomputed, so a saved
mapping keeps its per-row fallbacks and improves when leadsieve learns more headers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from leadsieve.errors import ColumnMappingInvalid, NotFound, Problem
from leadsieve.io.mapping import parse_map_overrides
from leadsieve.store.repositories import mappings as repo
from leadsieve.store.tables import SavedMapping

#: A NAME with one of these endings is a file, not a mapping stored in the workspace.
FILE_SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class MappingPublic:
    """A saved mapping: its name, the choices it keeps, the headers it was saved from."""

    name: str
    overrides: dict[str, str | None]
    headers: list[str]


def is_mapping_file(name: str) -> bool:
    """Whether ``name`` names a mapping file rather than a mapping saved in the workspace."""
    return name.lower().endswith(FILE_SUFFIXES)


def save_mapping(
    session: Session,
    workspace_id: int,
    name: str,
    overrides: dict[str, str | None],
    headers: list[str],
) -> tuple[MappingPublic, bool]:
    """Save (or replace) the mapping ``name``; whether it was new."""
    clean = name.strip()
    if not clean or len(clean) > 200:
        raise ColumnMappingInvalid(
            "A saved mapping needs a name of 1 to 200 characters.",
            problems=[Problem("name", f"{name!r} cannot name a mapping")],
        )
    found = repo.get_by_name(session, workspace_id, clean)
    if found is None:
        repo.add(
            session,
            SavedMapping(
                workspace_id=workspace_id, name=clean, overrides=overrides, headers=headers
            ),
        )
        return MappingPublic(clean, dict(overrides), list(headers)), True
    found.overrides, found.headers = dict(overrides), list(headers)
    session.flush()
    return MappingPublic(clean, dict(overrides), list(headers)), False


def get_mapping(session: Session, workspace_id: int, name: str) -> MappingPublic:
    """The saved mapping ``name``; ``NotFound`` listing the saved ones."""
    found = repo.get_by_name(session, workspace_id, name.strip())
    if found is None:
        saved = ", ".join(repr(m.name) for m in repo.list_all(session, workspace_id))
        raise NotFound(
            f"no saved column mapping {name!r} in this workspace; saved: {saved or 'none yet'}"
        )
    return _public(found)


def list_mappings(session: Session, workspace_id: int) -> list[MappingPublic]:
    """The workspace's saved mappings, by name."""
    return [_public(m) for m in repo.list_all(session, workspace_id)]


def write_mapping_file(path: Path, overrides: dict[str, str | None], headers: list[str]) -> None:
    """Write a mapping file (JSON or YAML by its suffix)."""
    body: dict[str, Any] = {"leadsieve_mapping": 1, "map": overrides, "headers": headers}
    text = (
        json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        if path.suffix.lower() == ".json"
        else yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    )
    path.write_text(text, encoding="utf-8")


def read_mapping_file(path: Path) -> MappingPublic:
    """A mapping file written by ``write_mapping_file`` (or by hand: ``map:`` header -> target
    or null); ``ColumnMappingInvalid`` saying what is wrong with it."""
    try:
        body = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ColumnMappingInvalid(
            f"cannot read the mapping file {str(path)!r}: {error}",
            problems=[Problem(str(path), "not a readable JSON or YAML file")],
        ) from None
    given = body.get("map") if isinstance(body, dict) else None
    if not isinstance(given, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in given.items()
    ):
        raise ColumnMappingInvalid(
            f"the mapping file {str(path)!r} needs a 'map:' of column -> target (or null)",
            problems=[Problem(f"{path}:map", "expected column names mapped to targets or null")],
        )
    items = [f"{source}={target or ''}" for source, target in given.items()]
    overrides = parse_map_overrides(items)
    headers = body.get("headers") or list(given)
    return MappingPublic(path.stem, overrides, [str(h) for h in headers])


def _public(found: SavedMapping) -> MappingPublic:
    return MappingPublic(found.name, dict(found.overrides), list(found.headers))
