"""Map a lead file's headers onto the canonical column names of DESIGN.md.

``suggest_mapping`` looks each header up in the table of known export headers (``headers``),
lets ``--map`` overrides win, settles several headers claiming one target by rank, and falls back
to a strict fuzzy match for headers the table does not know. Every source header gets a reason.

The known headers that lose a target are not dropped: they are its per-row fallbacks, in rank
order, so an empty cell of the preferred column takes the next candidate's value (ZoomInfo's
empty "Department" takes "Job Function"). A header marked ``specific`` in the table (a
sub-industry, a NAICS code) refines its target's main column instead: the row's industry reads
"Business Services > Custom Software & IT Services", broad to specific.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from leadsieve.columns import MAPPABLE_COLUMNS, SCORABLE_COLUMNS, SIGNAL_FACTS
from leadsieve.errors import (
    ColumnMappingAmbiguous,
    ColumnMappingInvalid,
    NoUsableColumns,
    Problem,
)
from leadsieve.io.headers import KNOWN_HEADERS, detect_source, lookup, normalize_header
from leadsieve.io.read import LINE_COLUMN
from leadsieve.normalize.facts import fact_signals_expr

_FUZZY_CUTOFF = 90  # rapidfuzz ratio (0-100) on normalized headers: typos only, no guesses
_FUZZY_RANK = 1
_MAP_HINT = 'e.g. --map "Job Title=title", or --map "Notes=" to leave a column unmapped'


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which source header feeds which canonical column, and why for every header."""

    targets: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()
    #: Target -> further source headers, most preferred first, read where the ones before
    #: are empty.
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Target -> source headers whose filled value refines the target's value ("A > B").
    refinements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The export tool the headers show (``headers.detect_source``), if any.
    source: str | None = None

    def used_headers(self) -> list[str]:
        """Every source header ``canonical_frame`` reads: mapped, fallbacks, refinements."""
        backups = [h for hs in (*self.fallbacks.values(), *self.refinements.values()) for h in hs]
        return [*self.targets, *backups]

    def sources_for(self, target: str) -> tuple[str, ...]:
        """Every source header feeding ``target``: the mapped one first, then its fallbacks."""
        main = self.canonical_for(target)
        return (() if main is None else (main,)) + self.fallbacks.get(target, ())

    def canonical_for(self, target: str) -> str | None:
        """The source header mapped onto canonical ``target``, or None."""
        return next((src for src, tgt in self.targets.items() if tgt == target), None)


@dataclass(frozen=True, slots=True)
class _Claim:
    header: str
    rank: float
    reason: str
    fuzzy: bool = False
    specific: bool = False


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
    headers: Sequence[str],
    overrides: Mapping[str, str | None] | None = None,
    saved: Mapping[str, str | None] | None = None,
) -> ColumnMapping:
    """Map ``headers`` onto canonical columns; ``overrides`` (from ``--map``) win, then
    ``saved`` (a mapping saved by name: applied to the headers this file has, the others
    ignored, since a saved mapping serves files of one layout with a column more or less).

    Raise ``ColumnMappingInvalid`` when an override names a column the file lacks or an unknown
    target, and ``ColumnMappingAmbiguous`` when two headers of equal rank claim one target.
    """
    headers = [h for h in headers if h != LINE_COLUMN]
    kept = {src: tgt for src, tgt in (saved or {}).items() if src in headers}
    given = dict(overrides or {})
    # a --map target wins over the saved header that claimed it
    taken = {_canonical_name(t) for t in given.values() if t}
    kept = {
        s: t for s, t in kept.items() if s not in given and not (t and _canonical_name(t) in taken)
    }
    overrides = {
        src: _canonical_name(tgt) if tgt else None for src, tgt in {**kept, **given}.items()
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
            how = "saved mapping" if header in kept else "--map"
            reasons[header] = f"override ({how})" if target else f"not mapped: {how}"
            continue
        known = lookup(header, source)
        if known is not None:
            reason = _known_reason(header, known.target, known.sources, source)
            claim = _Claim(header, known.rank, reason, specific=known.specific)
            claims.setdefault(known.target, []).append(claim)
        elif (fuzzy := _fuzzy(header, source)) is not None:
            claims.setdefault(fuzzy[0], []).append(_Claim(header, _FUZZY_RANK, fuzzy[1], True))

    ambiguous: list[Problem] = []
    fallbacks: dict[str, tuple[str, ...]] = {}
    refinements: dict[str, tuple[str, ...]] = {}
    for target, found in claims.items():
        broad = [c for c in found if not c.specific]
        fine = [c for c in found if c.specific]
        if not broad or forced.get(target) is not None:
            broad, fine = found, []
        winner = _winner(target, broad, forced.get(target), reasons, ambiguous)
        if winner is None:
            continue
        targets[winner.header] = target
        reasons[winner.header] = winner.reason
        fallbacks[target] = _fallbacks(target, winner, broad, reasons)
        refinements[target] = _fallbacks(target, None, fine, reasons)
    if ambiguous:
        raise ColumnMappingAmbiguous(
            "Several columns claim the same canonical field; pick one with --map for each.",
            problems=ambiguous,
        )
    ordered = {h: targets[h] for h in headers if h in targets}
    why = {h: reasons.get(h, "not mapped: kept as is") for h in headers}
    feeding = set(ordered) | {h for hs in (*fallbacks.values(), *refinements.values()) for h in hs}
    return ColumnMapping(
        ordered,
        why,
        tuple(h for h in headers if h not in feeding),
        {t: hs for t, hs in fallbacks.items() if hs},
        {t: hs for t, hs in refinements.items() if hs},
        source,
    )


def canonical_frame(frame: pl.DataFrame, mapping: ColumnMapping) -> pl.DataFrame:
    """One String column per mapped canonical target, same rows as ``frame`` (left untouched).

    A target with fallbacks takes, per row, the first of its sources whose cell is not blank;
    one with refinements reads "broad > specific" where both are filled. Funding and hiring
    columns are added to ``signals`` as items (``normalize.facts.fact_signals_expr``).
    """
    used = [
        *mapping.targets,
        *(h for hs in mapping.fallbacks.values() for h in hs),
        *(h for hs in mapping.refinements.values() for h in hs),
    ]
    missing = [src for src in used if src not in frame.columns]
    if missing:
        problems = [Problem(src, "the frame has no such column") for src in missing]
        raise ColumnMappingInvalid(_invalid_message(len(problems)), problems=problems)
    order = {name: i for i, name in enumerate(MAPPABLE_COLUMNS)}
    pairs = sorted(mapping.targets.items(), key=lambda pair: order.get(pair[1], len(order)))
    out = frame.select(_target_expr(mapping, src, tgt).alias(tgt) for src, tgt in pairs)
    if SIGNAL_FACTS & set(out.columns):
        # funding and hiring columns are signals: one ``signals`` cell that file and store share
        out = out.with_columns(fact_signals_expr(out.columns).alias("signals"))
    return out


def _target_expr(mapping: ColumnMapping, source: str, target: str) -> pl.Expr:
    further = mapping.fallbacks.get(target, ())
    fine = mapping.refinements.get(target, ())
    if not further and not fine:
        return pl.col(source).cast(pl.String)
    value = pl.coalesce(*(_filled(h) for h in (source, *further)))
    if not fine:
        return value
    detail = pl.coalesce(*(_filled(h) for h in fine))
    both = pl.concat_str(value, pl.lit(" > "), detail)
    return pl.when(value.is_null()).then(detail).otherwise(pl.coalesce(both, value))


def _filled(header: str) -> pl.Expr:
    """The column as text, blank cells (empty or spaces only) as null."""
    text = pl.col(header).cast(pl.String)
    return pl.when(text.str.strip_chars() == "").then(None).otherwise(text)


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


def _fallbacks(
    target: str, winner: _Claim | None, claims: list[_Claim], reasons: dict[str, str]
) -> tuple[str, ...]:
    """The known (not fuzzy) claims other than ``winner``, best rank first, as fallbacks."""
    rest = sorted((c for c in claims if c is not winner and not c.fuzzy), key=lambda c: -c.rank)
    before = winner.header if winner is not None else None
    for claim in rest:
        if winner is None:
            reasons[claim.header] = f"refines {target} (read after the main column, as A > B)"
        else:
            reasons[claim.header] = f"fallback for {target} where {before!r} is empty"
            before = claim.header
    return tuple(c.header for c in rest)


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
