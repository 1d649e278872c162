"""Write the generated vocabulary tables of docs/technologies.md from the package's vocabulary.

Run from the repository root: ``.venv/bin/python scripts/build_technologies_doc.py``
(``--check`` fails when the file is stale; tests/normalize/test_technologies.py checks the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leadsieve.normalize.technologies import render_technologies_table  # noqa: E402

DOC = ROOT / "docs" / "technologies.md"
BEGIN, END = "<!-- BEGIN GENERATED TECHNOLOGIES -->", "<!-- END GENERATED TECHNOLOGIES -->"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check verify) the generated part of docs/technologies.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the tables are stale")
    args = parser.parse_args(argv)
    text = DOC.read_text("utf-8")
    head, _, rest = text.partition(BEGIN)
    new = f"{head}{BEGIN}\n\n{render_technologies_table()}\n{END}{rest.partition(END)[2]}"
    if args.check:
        return 0 if new == text else 1
    DOC.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
