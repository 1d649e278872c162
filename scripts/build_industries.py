"""Build leadsieve's industry taxonomy from LinkedIn Industry Codes V2 and check the crosswalks.

Writes ``src/leadsieve/normalize/data/industries.json`` (one node per V2 industry plus any
ancestor named in a hierarchy that is not itself an entry), ``data/naics_titles.csv`` (every
NAICS 2022 code and title), with ``--sic-codes`` ``data/sic_titles.csv`` (every SIC 1987
4-digit industry) and the generated table in ``docs/industries.md``. Validates the
hand-written tables next to it: every slug they name exists, every 2- and 3-digit NAICS 2022
code has an explicit crosswalk row, and no synonym points two ways.

Run from the repository root::

    .venv/bin/python scripts/build_industries.py                 # rebuild
    .venv/bin/python scripts/build_industries.py --check         # CI: fail if stale
    .venv/bin/python scripts/build_industries.py --coverage      # report synonym coverage
    .venv/bin/python scripts/build_industries.py --sic-codes PATH/TO/sic-codes.csv

Sources (see /work/shared/data/README.md): LinkedIn Industry Codes V2 as scraped from
Microsoft Learn by trysignalbase/industry-codes (MIT); NAICS 2022 structure from the US Census
Bureau (US public domain); SIC 1987 titles from the OSHA SIC Manual (US public domain) via
saintsjd/sic4-list (see SIC_SOURCE).
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leadsieve.normalize.text import fold  # noqa: E402

DATA_DIR = ROOT / "src" / "leadsieve" / "normalize" / "data"
DOC = ROOT / "docs" / "industries.md"
DEFAULT_SOURCES = ROOT.parent / "shared" / "data"
BEGIN = "<!-- BEGIN GENERATED TAXONOMY -->"
END = "<!-- END GENERATED TAXONOMY -->"

Node = dict[str, Any]


def slugify(label: str) -> str:
    """Kebab-case a label: accents folded, "&" read as "and", punctuation dropped."""
    return "-".join(fold(label.replace("&", " and ").replace("'", "").replace("’", "")).split())


def split_hierarchy(hierarchy: str) -> list[str]:
    """Split "A > B > C" into labels; tolerates the upstream's "A> B", "A >B" and "A > > B"."""
    return [part.strip() for part in hierarchy.split(">") if part.strip()]


def build_nodes(entries: list[dict[str, Any]]) -> list[Node]:
    """Turn V2 entries into taxonomy nodes ordered depth-first, siblings by label.

    Ancestors are resolved by slug, so "Media and Telecommunications" in a hierarchy is the
    entry labelled "Media & Telecommunications". The last hierarchy segment is the entry itself
    even when its wording differs from the label (kept as an alias). An ancestor that is no
    entry becomes a synthesized node with ``linkedin_id`` None. Two distinct entries with one
    slug: the lower industry_id keeps it, the other gets ``-<industry_id>`` appended.
    """
    by_slug: dict[str, Node] = {}
    owner: dict[str, int] = {}
    for entry in sorted(entries, key=lambda e: int(e["industry_id"])):
        slug = slugify(entry["label"])
        if slug in owner:
            slug = f"{slug}-{entry['industry_id']}"
        owner[slug] = int(entry["industry_id"])
        by_slug[slug] = {
            "slug": slug,
            "label": entry["label"].strip(),
            "parent": None,
            "linkedin_id": int(entry["industry_id"]),
            "aliases": [],
        }
    slug_of_id = {v: k for k, v in owner.items()}
    for entry in entries:
        own = slug_of_id[int(entry["industry_id"])]
        parts = split_hierarchy(entry["hierarchy"])
        if parts and slugify(parts[-1]) != own:
            by_slug[own]["aliases"].append(parts[-1])
        chain = [slugify(p) for p in parts[:-1]]
        for label, slug in zip(parts[:-1], chain, strict=True):
            if slug not in by_slug:
                by_slug[slug] = {
                    "slug": slug,
                    "label": label,
                    "parent": None,
                    "linkedin_id": None,
                    "aliases": [],
                }
        lineage = [*chain, own]
        for parent, child in itertools.pairwise(lineage):
            known = by_slug[child]["parent"]
            if known not in (None, parent):
                raise ValueError(f"{child}: parent {known} vs {parent}")
            by_slug[child]["parent"] = parent
    children: dict[str | None, list[Node]] = {}
    for node in by_slug.values():
        children.setdefault(node["parent"], []).append(node)
    ordered: list[Node] = []

    def walk(parent: str | None) -> None:
        for node in sorted(children.get(parent, []), key=lambda n: n["label"].casefold()):
            ordered.append(node)
            walk(node["slug"])

    walk(None)
    if len(ordered) != len(by_slug):
        raise ValueError("cycle in the V2 hierarchy")
    return ordered


def read_naics(path: Path) -> dict[str, str]:
    """NAICS 2022 code -> title, skipping the stray first line, blanks and "T" markers."""
    titles: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) < 2 or not row[0].strip() or not row[0].strip()[0].isdigit():
                continue
            title = row[1].strip()
            titles[row[0].strip()] = title[:-1].rstrip() if title.endswith("T") else title
    return titles


def read_crosswalk(name: str) -> list[dict[str, str]]:
    """Rows of a hand-written crosswalk CSV (comment lines start with "#")."""
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def check_tables(slugs: set[str], naics: dict[str, str]) -> list[str]:
    """Every problem in the hand-written tables, as readable lines."""
    import yaml

    problems: list[str] = []
    for name in ("naics_crosswalk.csv", "sic_crosswalk.csv", "nace_crosswalk.csv"):
        seen: set[str] = set()
        for row in read_crosswalk(name):
            if row["slug"] not in slugs:
                problems.append(f"{name}: {row['code']} -> unknown slug {row['slug']}")
            if row["code"] in seen:
                problems.append(f"{name}: duplicate code {row['code']}")
            seen.add(row["code"])
        if name == "naics_crosswalk.csv":
            problems += _check_naics(read_crosswalk(name), seen, naics)
    synonyms: dict[str, Any] = {}
    for name in ("industry_synonyms.yaml", "industry_names_l10n.yaml"):
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            synonyms |= {f"{name}/{k}": v for k, v in yaml.safe_load(handle).items()}
    target: dict[str, tuple[str | None, str]] = {}
    for section, table in synonyms.items():
        items = [(k, None) for k in table] if isinstance(table, list) else table.items()
        for text, slug in items:
            if slug is not None and slug not in slugs:
                problems.append(f"synonyms/{section}: {text!r} -> unknown slug {slug}")
            key = "".join(t for t in fold(str(text)).split() if t != "and")
            if key in target and target[key][0] != slug:
                problems.append(f"synonyms/{section}: {text!r} -> {slug} but {target[key]}")
            target.setdefault(key, (slug, section))
    return problems


def _check_naics(rows: list[dict[str, str]], seen: set[str], naics: dict[str, str]) -> list[str]:
    """Coverage of 2-/3-digit codes; titles equal NAICS 2022's or are marked "(NAICS 2017)"."""
    levels = {s for c in naics if len(c) <= 3 or "-" in c for s in _expand_range(c)}
    problems = [f"naics: no row for NAICS {c}" for c in sorted(levels - seen)]
    for row in rows:
        code, title = row["code"], row["title"]
        if code in naics and naics[code] != title:
            problems.append(f"naics: {code} title {title!r} is {naics[code]!r} in NAICS 2022")
        if code not in naics and code not in levels and "(NAICS 2017)" not in title:
            problems.append(f"naics: {code} is not a NAICS 2022 code; mark it (NAICS 2017)")
    return problems


def _expand_range(code: str) -> list[str]:
    if "-" not in code:
        return [code]
    low, high = code.split("-")
    return [str(n) for n in range(int(low), int(high) + 1)]


def render_naics_titles(naics: dict[str, str]) -> str:
    """``data/naics_titles.csv``: every NAICS 2022 code and title, so a title reads as its code."""
    lines = [
        "# NAICS 2022 codes and titles (US Census Bureau, US public domain), generated by",
        "# scripts/build_industries.py from the NAICS 2022 structure. A lead's industry that is a",
        "# title resolves as its code does (through naics_crosswalk.csv). Do not edit by hand.",
        "code,title",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for code, title in naics.items():
        if re.fullmatch(r"\d{2,6}(-\d{2})?", code):  # the structure's own header is no code
            writer.writerow([code, title])
    return "\n".join(lines) + "\n" + out.getvalue()


#: The SIC 1987 list the titles come from (see render_sic_titles).
SIC_SOURCE = (
    "saintsjd/sic4-list sic-codes.csv @ 16aada324faad9582081cecac89e2c5c5768594a, SHA-256"
    " 095f3d976e9677f12ac1427ec54196bd8261e89d04b85ee2185f8f0d5ecf9f56"
)


def render_sic_titles(path: Path) -> str:
    """``data/sic_titles.csv``: every 4-digit SIC 1987 industry and its title, so a title reads
    as its code (through sic_crosswalk.csv, longest prefix). The list is the OSHA copy of the
    SIC Manual (US public domain), as saintsjd/sic4-list keeps it in CSV."""
    lines = [
        "# SIC 1987 4-digit industries and titles (US OMB SIC Manual, as OSHA publishes it; US",
        "# public domain), generated by scripts/build_industries.py --sic-codes from",
        f"# {SIC_SOURCE}.",
        "# A lead's industry that is a title resolves as its code does. Do not edit by hand.",
        "code,title",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if re.fullmatch(r"\d{4}", row["SIC"]) and row["Description"].strip():
                writer.writerow([row["SIC"], " ".join(row["Description"].split())])
    return "\n".join(lines) + "\n" + out.getvalue()


def render_table(nodes: list[Node]) -> str:
    """The generated Markdown table of every node, indented by depth."""
    depth: dict[str, int] = {}
    lines = [
        BEGIN,
        "",
        f"{len(nodes)} nodes. Generated by `scripts/build_industries.py`; do not edit by hand.",
        "",
        "| slug | label | parent | LinkedIn id |",
        "|---|---|---|---|",
    ]
    for node in nodes:
        depth[node["slug"]] = depth[node["parent"]] + 1 if node["parent"] else 0
        indent = "&nbsp;&nbsp;" * depth[node["slug"]]
        ident = "" if node["linkedin_id"] is None else str(node["linkedin_id"])
        lines.append(
            f"| {indent}`{node['slug']}` | {node['label']} | {node['parent'] or ''} | {ident} |"
        )
    return "\n".join([*lines, "", END])


def coverage(sources: Path) -> None:
    """Print how many YC tags, GICS sub-industries and labels the synonyms resolve."""
    from leadsieve.normalize.industry import normalize_industry

    tags: Counter[str] = Counter()
    with (sources / "yc_companies_2024-05-11.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tags.update(ast.literal_eval(row["tags"] or "[]"))
    top = [tag for tag, _ in tags.most_common(150)]
    mapped = [t for t in top if normalize_industry(t) is not None]
    print(f"YC top-150 tags mapped: {len(mapped)}; all {len(tags)} tags mapped:", end=" ")
    print(sum(normalize_industry(t) is not None for t in tags))
    with (sources / "sp500_constituents.csv").open(encoding="utf-8") as handle:
        subs = {row["GICS Sub-Industry"] for row in csv.DictReader(handle)}
    print(f"GICS sub-industries mapped: {sum(normalize_industry(s) is not None for s in subs)}")
    print(f"  of {len(subs)}; unmapped YC top-150: {sorted(set(top) - set(mapped))}")


def main(argv: list[str] | None = None) -> int:
    """Rebuild (or with --check verify) industries.json and the docs table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--check", action="store_true", help="fail if outputs are stale")
    parser.add_argument("--coverage", action="store_true", help="report synonym coverage")
    parser.add_argument("--sic-codes", type=Path, help="saintsjd/sic4-list sic-codes.csv")
    args = parser.parse_args(argv)
    v2 = json.loads((args.sources / "linkedin_industry_codes_v2.json").read_text("utf-8"))
    nodes = build_nodes(v2["industries"])
    naics = read_naics(args.sources / "naics_2022_structure.csv")
    problems = check_tables({n["slug"] for n in nodes}, naics)
    for problem in problems:
        print(problem, file=sys.stderr)
    payload = {
        "source": v2.get("source_url"),
        "source_updated": v2.get("last_updated"),
        "licence": "LinkedIn Industry Codes V2 (Microsoft Learn), via trysignalbase/"
        "industry-codes (MIT); see docs/industries.md",
        "generated_by": "scripts/build_industries.py",
        "nodes": nodes,
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    doc = DOC.read_text("utf-8") if DOC.exists() else f"# Industries\n\n{BEGIN}\n{END}\n"
    head, _, rest = doc.partition(BEGIN)
    new_doc = head + render_table(nodes) + rest.partition(END)[2]
    target = DATA_DIR / "industries.json"
    stale = target.read_text("utf-8") != text if target.exists() else True
    stale = stale or new_doc != doc
    titles = render_naics_titles(naics)
    titles_file = DATA_DIR / "naics_titles.csv"
    stale = stale or not titles_file.exists() or titles_file.read_text("utf-8") != titles
    if args.check:
        if stale:
            print("industries.json or docs/industries.md is stale: rebuild", file=sys.stderr)
        return 1 if stale or problems else 0
    if args.sic_codes is not None:
        (DATA_DIR / "sic_titles.csv").write_text(render_sic_titles(args.sic_codes), "utf-8")
    target.write_text(text, "utf-8")
    DOC.write_text(new_doc, "utf-8")
    titles_file.write_text(titles, "utf-8")
    print(f"{len(nodes)} nodes -> {target.relative_to(ROOT)}; table -> {DOC.relative_to(ROOT)}")
    if args.coverage:
        coverage(args.sources)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
