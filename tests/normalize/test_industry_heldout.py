"""Held-out industry labels: how many real labels, never used to write the tables, resolve right.

Run ``.venv/bin/pytest -q -s -p no:cacheprovider tests/normalize/test_industry_heldout.py`` to
print the figures per source and every miss. docs/industries.md says how the set was built.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import yaml

from leadsieve.normalize.industry import normalize_industry
from leadsieve.normalize.industry_vocabulary import SYNONYM_FILES, industry_key, load_taxonomy

HELDOUT = Path(__file__).parent / "data" / "industry_heldout.csv"
#: The second set (issue 13 item 11), from lists no table was written from: PitchBook verticals,
#: Dealroom, Google Analytics categories, ICB subsectors, Meta Page categories and LinkedIn's
#: names in seven languages. Written before any run; see its header.
HELDOUT_2 = Path(__file__).parent / "data" / "industry_heldout_2.csv"
#: The third set (round 2): NACE Rev. 2, ANZSIC, D&B Hoovers, G2, Capterra, Crunchbase and
#: LinkedIn's names in seven languages, labelled blind and committed before the NAICS index was
#: added; measured once. See its header.
HELDOUT_3 = Path(__file__).parent / "data" / "industry_heldout_3.csv"
#: The fourth set (round 3): Morningstar, SASB, Fama-French, TRBC, Yelp, Google Business
#: Profile, Zoho CRM and LinkedIn's names of seven more industries in seven languages, labelled
#: blind and committed before any change of round 3, then measured blind. See its header.
HELDOUT_4 = Path(__file__).parent / "data" / "industry_heldout_4.csv"
DATA = Path(__file__).resolve().parents[2] / "src" / "leadsieve" / "normalize" / "data"
#: Sources whose labels no table knows at all, not even as an exact alias (a V2 label or a code
#: title): they resolve only by their words, or stay None. The first set's SIC 1987 labels were
#: out of every table too, until round 3 shipped every SIC 1987 title (data/sic_titles.csv):
#: they are code titles now, and measured apart (SIC_1987).
OUT_OF_TABLE = {"crunchbase", "dynamics-365"}
SIC_1987 = "sic-1987"
#: The issue's target is 95% right; it is not met. First measured (tables complete, word rules
#: as they were): 353/463 (76.2%), out of every table 94/204. After the head and stem rules
#: (written on Crunchbase labels outside this set, but after its misses were seen): 372/463
#: (80.3%), out of every table 113/204 (55.4%); with the rules written for the second set
#: (other languages, "A/B", "A: B", forms of organization) 373/463 (80.6%), 114/204; with the
#: NAICS 2022 index (round 2; its floor 0.6 chosen on the first two sets) 382/463 (82.5%),
#: 123/204 (60.3%). The second set: 161/348 (46.3%) on its first run, 258/348 (74.1%) after
#: round 1, 268/348 (77.0%) with the index. The third set, unseen until then: 241/325 (74.2%)
#: on its one run, 245/325 (75.4%) after four labelling mistakes were fixed (see its header).
#: Round 3 (conjunction items, "A - B" qualifiers, asides, activity words, every SIC 1987 title,
#: Crunchbase's industries, more words of other languages): the fourth set, blind, 243/402
#: (60.4%); after round 3 293/402 (72.9%). The first set after round 3 397/463 (85.7%; its SIC
#: labels are code titles now, 350/414 or 84.5% without them), out of every table (Crunchbase,
#: Dynamics 365) 91/155 (58.7%, 88/155 before round 3); the second 281/348 (80.7%), the third
#: 268/325 (82.5%). The floors pin those figures, rounded down.
OVERALL_FLOOR = 0.85
OUT_OF_TABLE_FLOOR = 0.58
PATHS_FLOOR = 0.99
SECOND_FLOOR = 0.80
THIRD_FLOOR = 0.82
FOURTH_FLOOR = 0.72


def _rows(path: Path = HELDOUT) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _table_keys() -> set[str]:
    keys: set[str] = set()
    for name in SYNONYM_FILES:
        for table in yaml.safe_load((DATA / name).read_text("utf-8")).values():
            keys |= {industry_key(str(text)) for text in table}
    return keys


def _is_right(row: dict[str, str], got: str) -> bool:
    """The expected slug or one of its ancestors, an ``also`` answer, or None when allowed."""
    expected, also = row["expected"], row["also"].split()
    if not got:
        return not expected or "-" in also
    if got in also:
        return True
    return bool(expected) and got in load_taxonomy().nodes[expected].path


def _score(path: Path = HELDOUT) -> tuple[dict[str, list[int]], list[str]]:
    """Per source [right, total], and one line per miss."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for row in _rows(path):
        found = normalize_industry(row["label"])
        got = "" if found is None else found.slug
        counts[row["source"]][1] += 1
        if _is_right(row, got):
            counts[row["source"]][0] += 1
        else:
            misses.append(f"{row['source']}: {row['label']!r} -> {got or None}, "
                          f"expected {row['expected'] or None} {row['also']}")  # fmt: skip
    return counts, misses


def test_heldout_labels_are_not_table_entries() -> None:
    """No held-out label is a key of a hand-written table; the out-of-table ones are not even
    an exact alias (V2 label, code title), so they test how unseen labels resolve. Every
    expected and accepted answer is a slug of the taxonomy."""
    keys, aliases = _table_keys(), load_taxonomy().aliases
    rows = _rows()
    assert len(rows) >= 300
    assert len({r["source"] for r in rows}) >= 4
    assert [r["label"] for r in rows if industry_key(r["label"]) in keys] == []
    unseen = [r["label"] for r in rows if r["source"] in OUT_OF_TABLE]
    assert [label for label in unseen if industry_key(label) in aliases] == []
    slugs = set(load_taxonomy().nodes) | {"", "-"}
    assert {r["expected"] for r in rows} <= slugs
    assert {s for r in rows for s in r["also"].split()} <= slugs


def test_heldout_accuracy() -> None:
    """The held-out labels resolve right at least as often as measured (85%, short of the 95%
    target), the labels no table lists at least 58%, and "Parent > Child" paths all resolve;
    the figures per source and every miss are printed (and shown when an assertion fails)."""
    counts, misses = _score()
    right = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    out_right = sum(c[0] for s, c in counts.items() if s in OUT_OF_TABLE)
    out_total = sum(c[1] for s, c in counts.items() if s in OUT_OF_TABLE)
    lines = [f"held-out industry labels: {right}/{total} right ({right / total:.1%})"]
    lines += [f"  {s}: {c[0]}/{c[1]} ({c[0] / c[1]:.1%})" for s, c in sorted(counts.items())]
    lines.append(f"  out of every table: {out_right}/{out_total} ({out_right / out_total:.1%})")
    lines += ["misses:", *(f"  {m}" for m in misses)]
    report = "\n".join(lines)
    print(report)
    paths = [c for s, c in counts.items() if s not in OUT_OF_TABLE and s != SIC_1987]
    assert right / total >= OVERALL_FLOOR, report
    assert out_right / out_total >= OUT_OF_TABLE_FLOOR, report
    assert sum(c[0] for c in paths) / sum(c[1] for c in paths) >= PATHS_FLOOR, report


def test_second_heldout_labels_are_not_table_entries() -> None:
    """The second set: at least 300 labels from at least five lists, none a key of a
    hand-written table, every answer a slug of the taxonomy."""
    keys, rows = _table_keys(), _rows(HELDOUT_2)
    assert len(rows) >= 300
    assert len({r["source"].removeprefix("linkedin-")[:6] for r in rows}) >= 5
    assert [r["label"] for r in rows if industry_key(r["label"]) in keys] == []
    slugs = set(load_taxonomy().nodes) | {"", "-"}
    assert {r["expected"] for r in rows} <= slugs
    assert {s for r in rows for s in r["also"].split()} <= slugs


def test_second_heldout_accuracy() -> None:
    """The second set resolves right at least as often as measured; the figures per source
    and every miss are printed (and shown when the assertion fails)."""
    counts, misses = _score(HELDOUT_2)
    right = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    lines = [f"second held-out set: {right}/{total} right ({right / total:.1%})"]
    lines += [f"  {s}: {c[0]}/{c[1]} ({c[0] / c[1]:.1%})" for s, c in sorted(counts.items())]
    lines += ["misses:", *(f"  {m}" for m in misses)]
    report = "\n".join(lines)
    print(report)
    assert right / total >= SECOND_FLOOR, report


def test_third_heldout_labels_are_not_table_entries() -> None:
    """The third set: at least 250 labels from at least six lists, none a key of a
    hand-written table, every answer a slug of the taxonomy."""
    keys, rows = _table_keys(), _rows(HELDOUT_3)
    assert len(rows) >= 250
    assert len({r["source"].split("-")[0] for r in rows}) >= 6
    assert [r["label"] for r in rows if industry_key(r["label"]) in keys] == []
    slugs = set(load_taxonomy().nodes) | {"", "-"}
    assert {r["expected"] for r in rows} <= slugs
    assert {s for r in rows for s in r["also"].split()} <= slugs


def test_third_heldout_accuracy() -> None:
    """The third set resolves right at least as often as measured (75.4% on its one run,
    82.5% after round 3; short of the 95% target); the figures per source and every miss are
    printed."""
    counts, misses = _score(HELDOUT_3)
    right = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    lines = [f"third held-out set: {right}/{total} right ({right / total:.1%})"]
    lines += [f"  {s}: {c[0]}/{c[1]} ({c[0] / c[1]:.1%})" for s, c in sorted(counts.items())]
    lines += ["misses:", *(f"  {m}" for m in misses)]
    report = "\n".join(lines)
    print(report)
    assert right / total >= THIRD_FLOOR, report


def test_fourth_heldout_labels_are_not_table_entries() -> None:
    """The fourth set: at least 250 labels from at least six lists, none a key of a
    hand-written table, every answer a slug of the taxonomy."""
    keys, rows = _table_keys(), _rows(HELDOUT_4)
    assert len(rows) >= 250
    assert len({r["source"].split("-")[0] for r in rows}) >= 6
    assert [r["label"] for r in rows if industry_key(r["label"]) in keys] == []
    assert all(r["source"] and r["reference"] for r in rows)
    slugs = set(load_taxonomy().nodes) | {"", "-"}
    assert {r["expected"] for r in rows} <= slugs
    assert {s for r in rows for s in r["also"].split()} <= slugs


def test_fourth_heldout_accuracy() -> None:
    """The fourth set resolves right at least as often as measured after round 3 (72.9%; 60.4%
    blind; short of the 95% target); the figures per source and every miss are printed."""
    counts, misses = _score(HELDOUT_4)
    right = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    lines = [f"fourth held-out set: {right}/{total} right ({right / total:.1%})"]
    lines += [f"  {s}: {c[0]}/{c[1]} ({c[0] / c[1]:.1%})" for s, c in sorted(counts.items())]
    lines += ["misses:", *(f"  {m}" for m in misses)]
    report = "\n".join(lines)
    print(report)
    assert right / total >= FOURTH_FLOOR, report
