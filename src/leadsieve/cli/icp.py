"""``leadsieve icp ...``: write, check, read and look up ICP documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from leadsieve.cli import profiles
from leadsieve.cli._common import console, err_console, parse_day, user_errors, warn_icp
from leadsieve.cli._mappings import load_saved, mapping_option
from leadsieve.cli.files import encoding_option
from leadsieve.errors import OutputUnwritable

# The library is imported inside each command: `leadsieve --help` must not load it.

app = typer.Typer(
    help="Write, validate and inspect ICP documents (YAML or JSON).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command()
def init(
    path: Path = typer.Argument(Path("icp.yaml"), help="Where to write the starter ICP."),
    slug: str = typer.Option("my-icp", help="The ICP's slug (lowercase, digits, dashes)."),
    name: str = typer.Option("My ideal customers", help="The ICP's display name."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter ICP to edit (every rule and disqualifier, explained)."""
    from leadsieve.icp import parse_icp, starter_icp

    with user_errors():
        if path.exists() and not force:
            raise OutputUnwritable(f"{path} already exists; pass --force to overwrite it")
        text = starter_icp(slug=slug, name=name, path=str(path))
        parse_icp(text, source_name="the starter ICP")  # a bad --slug is reported here
        _write(path, text)
        console.print(f"wrote {path}: edit it, then run `leadsieve icp validate {path}`")


def _write(path: Path, text: str) -> None:
    """Write a text file, or say why it cannot be written."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputUnwritable(f"cannot write {path}: {exc.strerror}") from None


@app.command()
def validate(path: Path = typer.Argument(..., help="The ICP file (YAML or JSON).")) -> None:
    """Check an ICP file and list every problem with its path, line and a hint."""
    from leadsieve.icp import load_icp

    with user_errors():
        icp = load_icp(path)
        rules = ", ".join(icp.rules.present())
        console.print(f"{path}: valid ICP {icp.slug!r} ({rules}); version {icp.fingerprint()}")
        warn_icp(icp, str(path))


@app.command()
def show(path: Path = typer.Argument(..., help="The ICP file (YAML or JSON).")) -> None:
    """Print a readable summary: rules with their effective weights, and disqualifiers."""
    from rich.table import Table

    from leadsieve.engine.rules import expectation
    from leadsieve.icp import load_icp

    with user_errors():
        icp = load_icp(path)
    console.print(f"[bold]{icp.title}[/bold] ({icp.slug}, version {icp.fingerprint()})")
    if icp.description:
        console.print(icp.description)
    g = icp.grades
    qualify = {
        "weighted": f"score >= {icp.min_score} and every required rule matched",
        "all": "every rule matched",
        "any": "at least one rule matched",
    }[icp.match_mode]
    console.print(f"Qualified when {qualify}. Unknown data: {icp.unknown}.")
    console.print(f"Grades: A >= {g.A}, B >= {g.B}, C >= {g.C}, else D; DQ when disqualified.")
    table = Table(show_edge=False, pad_edge=False)
    for column in ("rule", "weight", "share", "required", "expects"):
        table.add_column(column, justify="right" if column in {"weight", "share"} else "left")
    weights = icp.weights()
    total = sum(weights.values())
    for name, rule in icp.rules.present().items():
        table.add_row(
            name,
            f"{weights[name]:g}",
            f"{weights[name] / total:.0%}",
            "yes" if rule.required else "",
            expectation(rule),
        )
    console.print(table)
    dq = icp.disqualifiers
    parts = []
    for label, values in (
        ("keywords", dq.keywords),
        ("industries", dq.industries),
        ("geography", dq.geography),
        ("domains", dq.domains),
    ):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if dq.employees is not None:
        limits = []
        if dq.employees.below is not None:
            limits.append(f"fewer than {dq.employees.below:,}")
        if dq.employees.above is not None:
            limits.append(f"more than {dq.employees.above:,}")
        parts.append(f"employees: {' or '.join(limits)}")
    console.print("Disqualified by: " + ("; ".join(parts) if parts else "nothing"))


@app.command()
def schema(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to a file."),
) -> None:
    """Print the JSON Schema of the ICP document (for editors and CI checks)."""
    from leadsieve.icp import icp_json_schema

    text = json.dumps(icp_json_schema(), indent=2) + "\n"
    with user_errors():
        if output is None:
            typer.echo(text, nl=False)
            return
        _write(output, text)
        console.print(f"wrote {output}")


@app.command()
def industries(
    search: str = typer.Argument("", help="Words to look for in labels, e.g. 'software'."),
) -> None:
    """List industry slugs usable in an ICP (LinkedIn industry codes V2), with their parents."""
    from rich.table import Table

    from leadsieve.normalize.industry import industry_taxonomy
    from leadsieve.normalize.text import fold

    wanted = fold(search).split()
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("slug")
    table.add_column("label")
    table.add_column("parent")
    shown = 0
    for industry in industry_taxonomy():
        haystack = fold(f"{industry.label} {industry.slug}")
        if all(w in haystack for w in wanted):
            parent = industry.path[-2] if len(industry.path) > 1 else ""
            table.add_row(industry.slug, industry.label, parent)
            shown += 1
    console.print(table)
    console.print(f"{shown} industries; ancestors match their descendants in an ICP")


@app.command()
def regions() -> None:
    """List the region slugs usable in geography rules, with their member countries."""
    from leadsieve.normalize.geo import REGIONS

    for name, members in REGIONS.items():
        console.print(f"[bold]{name}[/bold] ({len(members)}): {' '.join(sorted(members))}")


@app.command()
def generate(
    customers: Path = typer.Argument(
        ..., metavar="CUSTOMERS", help="Your best customers: any file `leadsieve score` reads."
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="FILE", help="Where to write the proposed ICP (YAML)."
    ),
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        metavar="LEADS",
        help="The rest of the market (a lead export): needed for lift and the backtest.",
    ),
    lost: Path | None = typer.Option(
        None,
        "--lost",
        metavar="LOST",
        help="Lost deals or churned customers: propose disqualifiers.",
    ),
    report: Path | None = typer.Option(
        None, "--report", metavar="FILE", help="Also write a self-contained HTML report."
    ),
    name: str = typer.Option("Generated ICP", "--name", help="The ICP's display name."),
    mapping: list[str] = typer.Option(
        [], "--map", metavar="COLUMN=TARGET", help="Map a column by hand, as in `leadsieve score`."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="Date signal ages are measured against (YYYY-MM-DD)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite existing output files."),
    encoding: str | None = encoding_option(),
    saved: str | None = mapping_option(),
    workspace: str | None = typer.Option(
        None,
        "--workspace",
        "-w",
        envvar="LEADSIEVE_WORKSPACE",
        help="Workspace of a --mapping NAME saved in the store.",
    ),
) -> None:
    """Propose an ICP from your best customers, with the evidence for each rule.

    Each kept value says how common it is among your customers and in the baseline ("82% of
    your customers vs 11% of the baseline (lift 7.5, n=140)"); with --baseline a 5-fold
    cross-validated backtest compares the proposal with a naive-Bayes reference. Deterministic:
    the same files give the same proposal. Exit codes as for `leadsieve score`.
    """
    from leadsieve.generate.report import render_report
    from leadsieve.icp import dump_icp
    from leadsieve.io import parse_map_overrides
    from leadsieve.io.read import reading_encoding
    from leadsieve.service.generation import generate_from_files

    day = parse_day(as_of)
    with user_errors(), reading_encoding(encoding):
        for target in (output, report):
            if target is not None and target.exists() and not force:
                raise OutputUnwritable(f"{target} already exists; pass --force to overwrite it")
        overrides = parse_map_overrides(mapping)
        chosen = load_saved(saved, workspace)
        proposal, reads = generate_from_files(
            customers,
            baseline=baseline,
            lost=lost,
            name=name,
            as_of=day,
            overrides=overrides,
            saved=chosen,
        )
        _write(output, _commented_yaml(dump_icp(proposal.icp, "yaml"), proposal))
        if report is not None:
            _write(report, render_report(proposal))
    _print_proposal(proposal, reads, output, report)


def _commented_yaml(text: str, proposal: Any) -> str:
    """The ICP's YAML with the evidence as comments above it (YAML ignores them)."""
    lines = [f"# Proposed by `leadsieve icp generate` from {proposal.customers:,} customers."]
    for note in proposal.warnings:
        lines.append(f"# warning: {note}")
    for rule in proposal.rules:
        # a rule left out says so in its note ("left out: ...")
        lines.append(
            f"# {rule.rule} (kept): {rule.note}" if rule.kept else f"# {rule.rule}: {rule.note}"
        )
        for value in rule.values:
            if value.kept:
                lines.append(f"#   {value.value}: {value.why}")
    lines.append(f"# {proposal.min_score_note}")
    if proposal.backtest is not None:
        lines.append(f"# {_backtest_line(proposal.backtest)}")
    return "\n".join(lines) + "\n" + text


def _backtest_line(backtest: Any) -> str:
    ours, ref = backtest.icp, backtest.naive_bayes
    return (
        f"backtest ({backtest.folds}-fold): AUC {ours.auc:.3f} (naive Bayes {ref.auc:.3f}); "
        f"recall {ours.recall:.0%}, baseline qualified {ours.baseline_qualified:.0%}, "
        f"top-decile lift {ours.top_decile_lift:.1f}"
    )


def _print_proposal(proposal: Any, reads: list[Any], output: Path, report: Path | None) -> None:
    for read in reads:
        rejected = f", {read.rejected:,} rejected" if read.rejected else ""
        console.print(f"read {read.path}: {read.rows_in:,} rows{rejected}")
    for note in proposal.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {note}")
    for rule in proposal.rules:
        if rule.kept:
            weight = "disqualifier" if rule.weight is None else f"weight {rule.weight:g}"
            console.print(f"[bold]{rule.rule}[/bold] ({weight}): {rule.note}")
            for value in rule.values:
                if value.kept:
                    console.print(f"  {value.label}: {value.why}")
        else:
            console.print(f"[dim]{rule.rule}: {rule.note}[/dim]")
    console.print(proposal.min_score_note)
    if proposal.backtest is not None:
        console.print(_backtest_line(proposal.backtest))
    console.print(f"wrote {output}" + (f" and {report}" if report is not None else ""))


profiles.register(app)
