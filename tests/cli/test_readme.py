"""The README shows `leadsieve score --help` exactly as the code prints it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).parents[2] / "README.md"


def _help() -> str:
    exe = Path(sys.executable).parent / "leadsieve"
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"}
    done = subprocess.run(
        [exe, "score", "--help"], capture_output=True, text=True, env=env, check=True
    )
    return "\n".join(line.rstrip() for line in done.stdout.strip().splitlines())


def test_readme_shows_the_real_score_help() -> None:
    """Changing an option without updating the README fails here."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"### `leadsieve score`\n\n```text\n(.*?)\n```", text, re.DOTALL)
    assert block is not None, "README lost its `leadsieve score` help block"
    shown = "\n".join(line.rstrip() for line in block.group(1).strip().splitlines())
    assert shown == _help()
