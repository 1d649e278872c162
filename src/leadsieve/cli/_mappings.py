"""``--mapping NAME`` and ``--save NAME``: saved column mappings for the file commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

MAPPING_HELP = (
    "A saved column mapping: a name saved with `leadsieve columns FILE --map ... --save NAME` "
    "(kept in the workspace), or a mapping file (.json/.yaml). Applied to the columns this "
    "file has; --map still wins."
)


def mapping_option() -> Any:
    """``--mapping NAME``."""
    return typer.Option(None, "--mapping", metavar="NAME", help=MAPPING_HELP)


def load_saved(name: str | None, workspace: str | None) -> dict[str, str | None] | None:
    """The overrides of the saved mapping ``name`` (a file, or a name in the workspace's store);
    None without a name. Errors are the store's and the reader's, with their codes."""
    if name is None:
        return None
    from leadsieve.service.mappings import get_mapping, is_mapping_file, read_mapping_file

    if is_mapping_file(name):
        path = Path(name)
        if not path.exists():
            from leadsieve.errors import ColumnMappingInvalid, Problem

            raise ColumnMappingInvalid(
                f"the mapping file {name!r} does not exist",
                problems=[Problem(name, "no such file", "save one with `leadsieve columns FILE "
                                  "--map ... --save mapping.yaml`")],
            )  # fmt: skip
        return read_mapping_file(path).overrides
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        return get_mapping(session, space.id, name).overrides


def save(
    name: str, overrides: dict[str, str | None], headers: list[str], workspace: str | None
) -> str:
    """Save the mapping as ``name`` (a file or the workspace's); what was done, for the user."""
    from leadsieve.service.mappings import is_mapping_file, save_mapping, write_mapping_file

    if is_mapping_file(name):
        write_mapping_file(Path(name), overrides, headers)
        return f"saved the mapping to {name}; reuse it with --mapping {name}"
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found, new = save_mapping(session, space.id, name, overrides, headers)
    verb = "saved" if new else "replaced"
    return (
        f"{verb} the mapping {found.name!r} in workspace {space.slug!r}; reuse it with "
        f"--mapping {found.name!r} on score, import, icp generate and columns"
    )
