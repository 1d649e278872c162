"""Map a lead file's headers onto the canonical column names of DESIGN.md.

``suggest_mapping`` looks each header up in the table of known export headers (``headers``),
lets ``--map`` overrides win, settles several headers claiming one target by rank, and falls back
to a strict fuzzy match for headers the table does not know. Every source header gets a reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from leadsieve.columns import MAPPABLE_COLUMNS, SCORABLE_COLUMNS
from leadsieve.errors import (
    ColumnMappingAmbiguous,
    ColumnMappingInvalid,
    NoUsableColumns,
    Problem,
)
from leadsieve.io.headers import KNOWN_HEADERS, detect_source, lookup, normalize_header
from leadsieve.io.read import LINE_COLUMN

_FUZZY_CUTOFF = 90  # rapidfuzz ratio (0-100) on normalized headers: typos only, no guesses
_FUZZY_RANK = 1
_MAP_HINT = 'e.g. --map "Job Title=title", or --map "Notes=" to leave a column unmapped'


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which source header feeds which canonical column, and why for every header."""

    targets: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()

    def canonical_for(self, target: str) -> str | None:
        """The source header mapped onto canonical ``target``, or None."""
        return next((src for src, tgt in self.targets.items() if tgt == target), None)


@dataclass(frozen=True, slots=True)
class _Claim:
    header: str
    rank: float
    reason: str
    fuzzy: bool = False


def parse_map_overrides(items: Sequence[str]) -> dict[str, str | None]:
    """Parse ``--map`` items: "Job Title=title" maps a column, "Notes=" leaves it unmapped.

    Raise ``ColumnMappingInvalid`` listing every malformed item and unknown target at once.
    """
    overrides: dict[str, str | None] = {}
    problems: list[Problem] = []
    for item in items:
        source, sep, target = (part.strip() for part in item.rpartition("="))
        if not sep or not source:
            problems.append(Problem(item, "expected SOURCE=TARGET", _MAP_HINT))
        elif source in overrides:
            problems.append(Problem(item, f"column {source!r} is given twice", "keep one"))
        else:
            overrides[source] = target or None
    problems += _target_problems(overrides)
    if problems:
        raise ColumnMappingInvalid(_invalid_message(len(problems)), problems=problems)
    return {src: _canonical_name(tgt) if tgt else None for src, tgt in overrides.items()}


def suggest_mapping(
    headers: Sequence[str], overrides: Mapping[str, str | None] | None = None
) -> ColumnMapping:
    """Map ``headers`` onto canonical columns; ``overrides`` (from ``--map``) win.

    Raise ``ColumnMappingInvalid`` when an override names a column the file lacks or an unknown
    target, and ``ColumnMappingAmbiguous`` when two headers of equal rank claim one target.
    """
    headers = [h for h in headers if h != LINE_COLUMN]
    overrides = {
        src: _canonical_name(tgt) if tgt else None for src, tgt in (overrides or {}).items()
    }
    problems = _target_problems(overrides)
    for src in overrides:
        if src not in headers:
            near = _nearest(src, headers)
            problems.append(Problem(src, "the file has no such column", f"did you mean {near}?"))
    if problems:
        raise ColumnMappingInvalid(_invalid_message(len(problems)), problems=problems)

    targets: dict[str, str] = {}
    reasons: dict[str, str] = {}
    forced = {tgt: src for src, tgt in overrides.items() if tgt}
    claims: dict[str, list[_Claim]] = {}
    source = detect_source(headers)
    for header in headers:
        if header in overrides:
            target = overrides[header]
            if target:
                targets[header] = target
            reasons[header] = "override (--map)" if target else "not mapped: --map"
            continue
        known = lookup(header, source)
        if known is not None:
            reason = _known_reason(header, known.target, known.sources, source)
            claims.setdefault(known.target, []).append(_Claim(header, known.rank, reason))
        elif (fuzzy := _fuzzy(header, source)) is not None:
            claims.setdefault(fuzzy[0], []).append(_Claim(header, _FUZZY_RANK, fuzzy[1], True))

    ambiguous: list[Problem] = []
    for target, found in claims.items():
        winner = _winner(target, found, forced.get(target), reasons, ambiguous)
        if winner is not None:
            targets[winner.header] = target
            reasons[winner.header] = winner.reason
    if ambiguous:
        raise ColumnMappingAmbiguous(
            "Several columns claim the same canonical field; pick one with --map for each.",
            problems=ambiguous,
        )
    ordered = {h: targets[h] for h in headers if h in targets}
    why = {h: reasons.get(h, "not mapped: kept as is") for h in headers}
    return ColumnMapping(ordered, why, tuple(h for h in headers if h not in ordered))


def canonical_frame(frame: pl.DataFrame, mapping: ColumnMapping) -> pl.DataFrame:
    """One String column per mapped canonical target, same rows as ``frame`` (left untouched)."""
    missing = [src for src in mapping.targets if src not in frame.columns]
    if missing:
        problems = [Problem(src, "the frame has no such column") for src in missing]
        raise ColumnMappingInvalid(_invalid_message(len(problems)), problems=problems)
    order = {name: i for i, name in enumerate(MAPPABLE_COLUMNS)}
    pairs = sorted(mapping.targets.items(), key=lambda pair: order.get(pair[1], len(order)))
    return frame.select(pl.col(src).cast(pl.String).alias(tgt) for src, tgt in pairs)


def require_usable(mapping: ColumnMapping, headers: Sequence[str]) -> None:
    """Raise ``NoUsableColumns`` unless some column maps to a field a rule scores."""
    if SCORABLE_COLUMNS & set(mapping.targets.values()):
        return
    seen = ", ".join(repr(h) for h in headers if h != LINE_COLUMN) or "none"
    needed = ", ".join(c for c in MAPPABLE_COLUMNS if c in SCORABLE_COLUMNS)
    raise NoUsableColumns(
        f"No column of this file maps to a field leadsieve scores. Columns seen: {seen}. "
        f"Map at least one of them to one of: {needed}, {_MAP_HINT}."
    )


def _canonical_name(target: str) -> str:
    """Accept "Company Name" or "company-name" for company_name; unknown names pass through."""
    key = normalize_header(target)
    return next((c for c in MAPPABLE_COLUMNS if normalize_header(c) == key), target)


def _target_problems(overrides: Mapping[str, str | None]) -> list[Problem]:
    problems: list[Problem] = []
    claimed: dict[str, str] = {}
    for src, target in overrides.items():
        if not target:
            continue
        name = _canonical_name(target)
        if name not in MAPPABLE_COLUMNS:
            hint = f"did you mean {_nearest(target, MAPPABLE_COLUMNS)}?"
            problems.append(Problem(f"{src}={target}", f"unknown target {target!r}", hint))
        elif name in claimed:
            message = f"{name} is already mapped from {claimed[name]!r}"
            problems.append(Problem(f"{src}={target}", message, "map one column per target"))
        else:
            claimed[name] = src
    return problems


def _invalid_message(count: int) -> str:
    noun = "problem" if count == 1 else "problems"
    return f"The column mapping (--map) has {count} {noun}; fix them and run again."


def _nearest(query: str, choices: Sequence[str]) -> str:
    from rapidfuzz import fuzz, process  # imported on first use, like every fuzzy matcher

    found = process.extract(query, list(choices), scorer=fuzz.WRatio, limit=3)
    return " or ".join(repr(choice) for choice, _, _ in found) or "(no column at all)"


def _known_reason(header: str, target: str, sources: tuple[str, ...], source: str | None) -> str:
    if source is not None and source in sources:
        return f"{source} export header"
    if normalize_header(header) == normalize_header(target):
        return "plain name"
    if sources:
        return (
            f"{sources[0]} export header"
            if len(sources) == 1
            else (f"known export header ({', '.join(sources)})")
        )
    return f"common name for {target}"


def _fuzzy(header: str, source: str | None) -> tuple[str, str] | None:
    """(target, reason) when ``header`` is a near-typo of one known header."""
    key = normalize_header(header)
    if len(key) < 5:
        return None
    from rapidfuzz import fuzz, process

    found = process.extractOne(
        key, list(KNOWN_HEADERS), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
    )
    if found is None:
        return None
    known = lookup(found[0], source)
    return (known.target, f"similar to {known.header!r}") if known else None


def _winner(
    target: str,
    claims: list[_Claim],
    forced: str | None,
    reasons: dict[str, str],
    ambiguous: list[Problem],
) -> _Claim | None:
    """The claim that gets ``target``; record why the others do not."""
    if forced is not None:
        for claim in claims:
            reasons[claim.header] = f"not mapped: --map gives {target} to {forced!r}"
        return None
    best = max(claim.rank for claim in claims)
    top = [claim for claim in claims if claim.rank == best]
    if len(top) > 1:
        names = " and ".join(repr(claim.header) for claim in top)
        both = "both" if len(top) == 2 else "all"
        if all(claim.fuzzy for claim in top):  # a guess never stops a run: leave them all out
            for claim in top:
                reasons[claim.header] = f"not mapped: {names} {both} look like {target}"
            return None
        hint = f'--map "{top[0].header}={target}" --map "{top[1].header}="'
        ambiguous.append(Problem(target, f"{names} {both} look like {target}", f"e.g. {hint}"))
        return None
    winner = top[0]
    for claim in claims:
        if claim is not winner:
            reasons[claim.header] = f"not mapped: {winner.header!r} is preferred for {target}"
    return winner
