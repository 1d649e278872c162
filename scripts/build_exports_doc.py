"""Write the generated header table of docs/exports.md from leadsieve's header table.

Run from the repository root: ``.venv/bin/python scripts/build_exports_doc.py`` (``--check``
fails when the file is stale; tests/io/test_headers.py checks the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leadsieve.io.headers import render_exports_table  # noqa: E402

DOC = ROOT / "docs" / "exports.md"
BEGIN, END = "<!-- BEGIN GENERATED HEADERS -->", "<!-- END GENERATED HEADERS -->"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check verify) the generated part of docs/exports.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the table is stale")
    args = parser.parse_args(argv)
    text = DOC.read_text("utf-8")
    head, _, rest = text.partition(BEGIN)
    new = f"{head}{BEGIN}\n\n{render_exports_table()}\n{END}{rest.partition(END)[2]}"
    if args.check:
        return 0 if new == text else 1
    DOC.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
