"""The end every store benchmark's report shares: a row per timed step, the targets' verdicts,
the machine, written to the results file and printed."""

from __future__ import annotations

from pathlib import Path

from run import machine


def step_row(kind: str, step: str, seconds: float, leads: int, peak: int, output: str) -> str:
    """A table row: database, step, seconds, leads per second, peak RSS, the command's output."""
    shown = f"`{output}`" if output else ""
    return (
        f"| {kind} | {step} | {seconds:.2f} | {leads / seconds:,.0f} | "
        f"{peak / 2**30:.2f} GiB | {shown} |"
    )


def finish(lines: list[str], verdicts: list[tuple[str, str, bool]], out: Path) -> int:
    """Add the table of targets (``verdicts``: goal, what was measured, met) and the machine's
    to ``lines``, write them to ``out`` and print them; the exit status: 0 when every target
    was met, else 1."""
    lines = [*lines, "", "| target | measured | result |", "|---|---|---|"]
    lines += [
        f"| {goal} | {measured} | {'PASS' if met else 'FAIL'} |" for goal, measured, met in verdicts
    ]
    lines += ["", "| machine | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine().items()]
    text = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(met for _, _, met in verdicts) else 1
