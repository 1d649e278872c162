"""Synthetic lead lists that look like real exports (Sales Navigator, Apollo, ZoomInfo, CRMs).

Every cell is a raw string as it appears in a file: employees as "51-200", "1,001-5,000",
"~250" or "lots"; revenue as "$10M-$50M", "1.2B" or "€5 Mio"; countries as "USA", "Deutschland"
or "Narnia"; a long tail of job titles in several languages. Blanks are nulls, which is what
``pl.read_csv`` gives for an empty cell, so a generated frame equals the same frame read back.

Generation is vectorized (numpy draws, Polars string expressions) and chunked: chunk ``i`` draws
from its own ``SeedSequence([seed, i])``, so the output depends only on (rows, seed) and ten
million rows are written with one chunk in memory at a time.

    python benchmarks/synth.py 1000000 benchmarks/data/leads.csv --seed 0
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

#: Rows generated (and written) per chunk.
CHUNK_ROWS = 500_000

#: Output columns: canonical names of DESIGN.md, in its order.
COLUMNS = (
    "company_name",
    "website",
    "industry",
    "employees",
    "revenue",
    "country",
    "subdivision",
    "city",
    "description",
    "keywords",
    "technologies",
    "signals",
    "first_name",
    "last_name",
    "email",
    "title",
    "seniority",
    "department",
)

#: Signal dates are spread over the two years ending here; score with ``as_of`` the day after.
SIGNALS_UNTIL = date(2026, 8, 31)
SIGNAL_SPAN_DAYS = 730


import synth_vocab as vocab  # noqa: E402  (the script's folder is on sys.path)


def _ascii(text: str) -> str:
    """Lowercase ASCII for e-mail local parts ("Jürgen" -> "jurgen", "O'Brien" -> "obrien")."""
    text = text.casefold().replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain if ch.isalnum())


# --- vectorized drawing helpers -----------------------------------------------------------


def _series(values: Sequence[str]) -> pl.Series:
    return pl.Series(list(values), dtype=pl.String)


def _pick(rng: np.random.Generator, n: int, values: Sequence[str], skew: float = 1.0) -> pl.Series:
    """Draw n values; ``skew`` > 1 favours the front of the list (u**skew is heavy near 0)."""
    index = (len(values) * rng.random(n) ** skew).astype(np.int64)
    return _series(values).gather(index)


def _kind(rng: np.random.Generator, n: int, shares: Sequence[float]) -> np.ndarray:
    """A category per row with the given shares (normalized)."""
    p = np.asarray(shares, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _one_of(kind: str, options: Sequence[pl.Expr]) -> pl.Expr:
    """Option ``i`` where column ``kind`` equals i, null past the last option."""
    expr: Any = pl.when(pl.col(kind) == 0).then(options[0])
    for i, option in enumerate(options[1:], start=1):
        expr = expr.when(pl.col(kind) == i).then(option)
    result: pl.Expr = expr.otherwise(None)
    return result


def _str(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String)


def _flat_index(
    rng: np.random.Generator, sizes: Sequence[int], group: np.ndarray, skew: float = 1.0
) -> np.ndarray:
    """Index into the concatenation of groups: one draw per row from that row's group."""
    size = np.asarray(sizes, dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(size)[:-1]))
    local = (size[group] * rng.random(len(group)) ** skew).astype(np.int64)
    return np.asarray(offsets[group] + local)


def _pick_in_groups(
    rng: np.random.Generator, groups: Sequence[Sequence[str]], group: np.ndarray, skew: float = 1.0
) -> pl.Series:
    """Draw one value per row from that row's group (every group non-empty)."""
    index = _flat_index(rng, [len(g) for g in groups], group, skew)
    return _series([v for g in groups for v in g]).gather(index)


def _list_cell(
    rng: np.random.Generator,
    n: int,
    values: Sequence[str],
    most: int,
    separators: Sequence[str],
    skew: float = 1.5,
) -> pl.Series:
    """Cells like "a; b; c": 1..most drawn items joined by a per-row separator."""
    count = rng.integers(1, most + 1, size=n)
    frame = pl.DataFrame(
        {f"item{i}": _pick(rng, n, values, skew) for i in range(most)}
        | {"count": count, "sep": rng.integers(0, len(separators), size=n)}
    )
    items = [pl.when(pl.col("count") > i).then(pl.col(f"item{i}")) for i in range(most)]
    joined = [pl.concat_str(items, separator=sep, ignore_nulls=True) for sep in separators]
    return frame.select(_one_of("sep", joined)).to_series()


def _null_where(frame: pl.DataFrame, column: str, mask: np.ndarray) -> pl.DataFrame:
    """Blank ``column`` where ``mask`` is true."""
    return frame.with_columns(
        pl.when(pl.lit(pl.Series(mask))).then(None).otherwise(pl.col(column)).alias(column)
    )


# --- one chunk ----------------------------------------------------------------------------


def _organizations(rng: np.random.Generator, n: int) -> pl.DataFrame:
    """Company, web, firmographics and lists; also the private columns contacts build on."""
    country = _kind(rng, n, [c[1] for c in vocab._COUNTRIES])
    isos = [c[0] for c in vocab._COUNTRIES]

    # Regions: every country gets a list of (subdivision label or None, cities), repeated by
    # weight so a uniform draw inside the country follows the weights.
    labels: list[str | None] = []
    cities: list[tuple[str, ...]] = []
    expanded: list[list[int]] = []
    for iso in isos:
        entries: Sequence[tuple[str | None, int, tuple[str, ...]]] = (
            vocab._SUBDIVISIONS[iso]
            if iso in vocab._SUBDIVISIONS
            else ((None, 1, vocab._CITIES[iso]),)
        )
        ids: list[int] = []
        for label, weight, towns in entries:
            ids += [len(labels)] * weight
            labels.append(label)
            cities.append(towns)
        expanded.append(ids)
    region_of = np.array([r for ids in expanded for r in ids], dtype=np.int64)
    region = region_of[_flat_index(rng, [len(ids) for ids in expanded], country)]

    log_employees = rng.normal(np.log(60), 1.8, n)
    employees = np.clip(np.exp(log_employees), 1, 300_000).astype(np.int64)
    revenue = employees * np.exp(rng.normal(np.log(150_000), 0.8, n))
    magnitude = 10 ** np.maximum(np.floor(np.log10(employees)) - 1, 0)
    emp_lows = np.array([low for low, _ in vocab._LINKEDIN_EMPLOYEES])
    rev_lows = np.array([low for low, _ in vocab._REVENUE_BANDS])
    signal_count = rng.integers(1, 4, size=n)
    until = SIGNALS_UNTIL.toordinal()
    days = [date.fromordinal(until - k).isoformat() for k in range(SIGNAL_SPAN_DAYS)]

    w = pl.DataFrame(
        {
            "a": _pick(rng, n, vocab._NAME_A),
            "b": _pick(rng, n, vocab._NAME_B, 1.3),
            "c": _pick(rng, n, vocab._NAME_C).zip_with(
                pl.Series(rng.random(n) < 0.25), pl.repeat(None, n, dtype=pl.String, eager=True)
            ),
            "legal": _pick_in_groups(rng, [c[3] for c in vocab._COUNTRIES], country, 1.5),
            "tld": _series([c[4] for c in vocab._COUNTRIES]).gather(country),
            "web_kind": _kind(rng, n, [35, 20, 8, 12, 12, 13]),
            "ind_kind": _kind(rng, n, [55, 18, 9, 8, 10]),
            "v2": _pick(rng, n, vocab._INDUSTRIES_V2, 2.0),
            "v1": _pick(rng, n, vocab._INDUSTRIES_V1, 2.0),
            "code": _pick(rng, n, vocab._INDUSTRY_CODES, 2.0),
            "free": _pick(rng, n, vocab._INDUSTRY_FREE_TEXT, 1.5),
            "emp": employees,
            "emp_kind": _kind(rng, n, [37, 38, 5, 2, 3, 15]),
            "emp_commas": rng.random(n) < 0.3,
            "emp_range": _series([label for _, label in vocab._LINKEDIN_EMPLOYEES]).gather(
                np.searchsorted(emp_lows, employees, side="right") - 1
            ),
            "emp_suffix": rng.random(n) < 0.15,
            "emp_approx": (np.round(employees / magnitude) * magnitude).astype(np.int64),
            "tilde": rng.random(n) < 0.5,
            "self": _pick(rng, n, vocab._SELF_EMPLOYED, 2.0),
            "emp_garbage": _pick(rng, n, vocab._EMPLOYEES_GARBAGE),
            "rev": revenue,
            "rev_kind": _kind(rng, n, [20, 15, 6, 2, 25, 32]),
            "rev_band": _series([label for _, label in vocab._REVENUE_BANDS]).gather(
                np.searchsorted(rev_lows, revenue, side="right") - 1
            ),
            "dollar": rng.random(n) < 0.5,
            "euro_style": rng.random(n) < 0.7,
            "country_kind": _kind(rng, n, [92.5, 1.5, 6]),
            "country_spelled": _pick_in_groups(rng, [c[2] for c in vocab._COUNTRIES], country, 1.3),
            "country_garbage": _pick(rng, n, vocab._COUNTRY_GARBAGE),
            "is_us": country == 0,
            "subdivision_label": _series(labels).gather(region),  # type: ignore[arg-type]
            "show_subdivision": rng.random(n) < np.where(country == 0, 0.9, 0.35),
            "iso_prefix": rng.random(n) < 0.06,
            "city": _pick_in_groups(rng, cities, region, 1.3),
            "verb": _pick(rng, n, vocab._VERBS),
            "product": _pick(rng, n, vocab._PRODUCTS, 1.6).zip_with(
                pl.Series(rng.random(n) >= vocab._RISKY_SHARE), _pick(rng, n, vocab._RISKY_PRODUCTS)
            ),
            "audience": _pick(rng, n, vocab._AUDIENCES, 1.3),
            "extra": _pick(rng, n, vocab._EXTRAS, 1.3),
            "with_extra": rng.random(n) < 0.35,
            "keywords": _list_cell(rng, n, vocab._KEYWORDS, 4, ("; ", ", ", ";")),
            "technologies": _list_cell(rng, n, vocab._TECHNOLOGIES, 6, ("; ", ", "), 1.6),
            "signal_count": signal_count,
            **{f"sig{i}": _pick(rng, n, vocab._SIGNALS, 1.6) for i in range(3)},
            **{f"day{i}": _pick(rng, n, days) for i in range(3)},
            **{f"dated{i}": rng.random(n) < 0.88 for i in range(3)},
            "country_index": country,
        }
    )
    s = pl.col
    # Name and domain feed several cells: compute them once.
    w = w.with_columns(
        name=pl.concat_str([s("a"), s("b"), s("c")], separator=" ", ignore_nulls=True)
    ).with_columns(
        domain=pl.concat_str(
            [s("name").str.to_lowercase().str.replace_all(r"[^a-z0-9]", ""), s("tld")]
        )
    )
    name, domain = s("name"), s("domain")
    thousands = pl.concat_str(
        [_str(s("emp") // 1000), pl.lit(","), _str(s("emp") % 1000).str.zfill(3)]
    )
    unit = (
        pl.when(s("rev") >= 1e9)
        .then(pl.lit(1e9))
        .when(s("rev") >= 1e6)
        .then(pl.lit(1e6))
        .otherwise(pl.lit(1e3))
    )
    unit_letter = pl.when(unit == 1e9).then(pl.lit("B")).when(unit == 1e6).then(pl.lit("M"))
    short = _str((s("rev") / unit).round(1)).str.replace(r"\.0$", "")
    millions_eur = _str((s("rev") * 0.92 / 1e6).round(1)).str.replace(r"\.0$", "")
    signal_items = [
        pl.when(s("signal_count") > i).then(
            pl.concat_str(
                [
                    s(f"sig{i}"),
                    pl.when(s(f"dated{i}")).then(pl.concat_str([pl.lit("@"), s(f"day{i}")])),
                ],
                ignore_nulls=True,
            )
        )
        for i in range(3)
    ]
    org = w.select(
        company_name=pl.when(s("legal") == "")
        .then(name)
        .otherwise(pl.concat_str([name, s("legal")], separator=" ")),
        website=_one_of(
            "web_kind",
            [
                pl.concat_str([pl.lit("https://www."), domain]),
                domain,
                pl.concat_str([pl.lit("http://"), domain, pl.lit("/about")]),
                pl.concat_str([pl.lit("https://"), domain, pl.lit("/")]),
                pl.concat_str([pl.lit("www."), domain]),
            ],
        ),
        industry=_one_of("ind_kind", [s("v2"), s("v1"), s("code"), s("free")]),
        employees=_one_of(
            "emp_kind",
            [
                pl.when(s("emp_commas") & (s("emp") >= 1000))
                .then(thousands)
                .otherwise(_str(s("emp"))),
                pl.when(s("emp_suffix"))
                .then(pl.concat_str([s("emp_range"), pl.lit(" employees")]))
                .otherwise(s("emp_range")),
                pl.when(s("tilde"))
                .then(pl.concat_str([pl.lit("~"), _str(s("emp_approx"))]))
                .otherwise(pl.concat_str([_str(s("emp_approx")), pl.lit("+")])),
                s("self"),
                s("emp_garbage"),
            ],
        ),
        revenue=_one_of(
            "rev_kind",
            [
                s("rev_band"),
                pl.concat_str(
                    [
                        pl.when(s("dollar")).then(pl.lit("$")).otherwise(pl.lit("")),
                        short,
                        unit_letter.otherwise(pl.lit("K")),
                    ]
                ),
                pl.when(s("euro_style"))
                .then(
                    pl.concat_str(
                        [
                            pl.lit("€"),
                            millions_eur.str.replace(".", ",", literal=True),
                            pl.lit(" Mio"),
                        ]
                    )
                )
                .otherwise(pl.concat_str([millions_eur, pl.lit(" Mio. EUR")])),
                pl.concat_str(
                    [_str((s("rev") * 10.5 / 1e6).round(0).cast(pl.Int64)), pl.lit(" MSEK")]
                ),
                _str(((s("rev") / 1000).round(0) * 1000).cast(pl.Int64)),
            ],
        ),
        country=_one_of("country_kind", [s("country_spelled"), s("country_garbage")]),
        subdivision=pl.when(s("show_subdivision") & s("subdivision_label").is_not_null()).then(
            pl.when(s("is_us") & s("iso_prefix"))
            .then(pl.concat_str([pl.lit("US-"), s("subdivision_label")]))
            .otherwise(s("subdivision_label"))
        ),
        city=s("city"),
        description=pl.concat_str(
            [
                name,
                s("verb"),
                s("product"),
                pl.lit("for"),
                pl.concat_str([s("audience"), pl.lit(".")]),
                pl.when(s("with_extra")).then(s("extra")),
            ],
            separator=" ",
            ignore_nulls=True,
        ),
        keywords=s("keywords"),
        technologies=s("technologies"),
        signals=pl.concat_str(signal_items, separator="; ", ignore_nulls=True),
        _domain=domain,
        _short_name=pl.concat_str([s("a"), s("b")], separator=" "),
        _country=s("country_index"),
    )
    for column, share in (
        ("city", 0.10),
        ("description", 0.15),
        ("keywords", 0.30),
        ("technologies", 0.20),
        ("signals", 0.50),
    ):
        org = _null_where(org, column, rng.random(n) < share)
    return org


def _contacts(rng: np.random.Generator, org: pl.DataFrame) -> pl.DataFrame:
    """Names, e-mail and a long tail of titles for the organizations in ``org``."""
    n = org.height
    isos = [c[0] for c in vocab._COUNTRIES]
    native = np.array([vocab._LANGUAGES.index(vocab._LANGUAGE_OF.get(iso, "en")) for iso in isos])
    language = native[org["_country"].to_numpy()]
    name_language = np.where(rng.random(n) < 0.3, 0, language)
    first = _flat_index(
        rng, [len(vocab._FIRST_NAMES[lg]) for lg in vocab._LANGUAGES], name_language
    )
    last = _flat_index(
        rng, [len(vocab._LAST_NAMES[lg]) for lg in vocab._LANGUAGES], name_language, 1.2
    )
    firsts = [v for lg in vocab._LANGUAGES for v in vocab._FIRST_NAMES[lg]]
    lasts = [v for lg in vocab._LANGUAGES for v in vocab._LAST_NAMES[lg]]

    # Titles: English everywhere, the country's language for 45% of contacts where we have one.
    title_languages = tuple(vocab._TITLE_PIECES)
    code_of = {
        lg: title_languages.index(lg) if lg in title_languages else 0 for lg in vocab._LANGUAGES
    }
    title_language = np.where(
        rng.random(n) < 0.45, np.array([code_of[lg] for lg in vocab._LANGUAGES])[language], 0
    )
    shares = np.array(
        [[0.30, 0.28, 0.14, 0.28] if lg == "en" else [0.6, 0.0, 0.0, 0.4] for lg in title_languages]
    )
    pattern = (rng.random(n)[:, None] > np.cumsum(shares, axis=1)[title_language]).sum(axis=1)
    pieces = vocab._TITLE_PIECES

    def by_language(part: str, skew: float) -> pl.Series:
        groups = [pieces[lg].get(part, pieces["en"][part]) for lg in title_languages]
        return _pick_in_groups(rng, groups, title_language, skew)

    w = org.select("_domain", "_short_name").with_columns(
        first_name=_series(firsts).gather(first),
        last_name=_series(lasts).gather(last),
        f=_series([_ascii(v) for v in firsts]).gather(first),
        l=_series([_ascii(v) for v in lasts]).gather(last),
        mail_kind=pl.Series(_kind(rng, n, [50, 12, 15, 5, 8, 10])),
        free_mail=_pick(rng, n, vocab._FREE_MAIL),
        digits=pl.Series(rng.integers(0, 100, size=n)),
        with_digits=pl.Series(rng.random(n) < 0.5),
        pattern=pl.Series(pattern),
        pre=by_language("pre", 1.5),
        function=by_language("function", 1.6),
        post=_pick(rng, n, pieces["en"]["post"], 1.5),
        adj=_pick(rng, n, pieces["en"]["adj"], 1.3),
        alone=by_language("alone", 1.8),
        qualifier=_pick(rng, n, vocab._QUALIFIERS, 1.4),
        qualifier_sep=_pick(rng, n, vocab._QUALIFIER_SEPARATORS, 1.2),
        with_qualifier=pl.Series(rng.random(n) < 0.30),
        level=_pick(rng, n, vocab._LEVELS, 1.3),
        with_level=pl.Series(rng.random(n) < 0.08),
        tail_kind=pl.Series(_kind(rng, n, [12, 4, 84])),
        at_sep=_pick(rng, n, vocab._AT_SEPARATORS, 1.5),
        ex=_pick(rng, n, vocab._EX),
        case_kind=pl.Series(_kind(rng, n, [2.5, 1.5, 1, 95])),
    )
    s = pl.col
    base = _one_of(
        "pattern",
        [
            pl.concat_str([s("pre"), s("function")], separator=" "),
            pl.concat_str([s("function"), s("post")], separator=" "),
            pl.concat_str([s("adj"), s("function"), s("post")], separator=" "),
            s("alone"),
        ],
    )
    qualifier = pl.when(s("with_qualifier")).then(
        pl.concat_str(
            [
                s("qualifier_sep"),
                s("qualifier"),
                pl.when(s("qualifier_sep") == " (").then(pl.lit(")")).otherwise(pl.lit("")),
            ]
        )
    )
    tail = _one_of(
        "tail_kind",
        [
            pl.concat_str([s("at_sep"), s("_short_name")]),
            pl.concat_str([pl.lit(" | ex-"), s("ex")]),
        ],
    )
    title = pl.concat_str(
        [base, qualifier, pl.when(s("with_level")).then(s("level")), tail], ignore_nulls=True
    )
    local = _one_of(
        "mail_kind",
        [
            pl.concat_str([s("f"), s("l")], separator="."),
            s("f"),
            pl.concat_str([s("f").str.slice(0, 1), s("l")]),
            pl.concat_str([s("f"), s("l")], separator="_"),
        ],
    )
    free_local = pl.concat_str(
        [s("f"), pl.lit("."), s("l"), pl.when(s("with_digits")).then(_str(s("digits")))],
        ignore_nulls=True,
    )
    contacts = w.select(
        "first_name",
        "last_name",
        email=pl.when(s("mail_kind") == 4)
        .then(pl.concat_str([free_local, pl.lit("@"), s("free_mail")]))
        .otherwise(pl.concat_str([local, pl.lit("@"), s("_domain")])),
        title=_one_of(
            "case_kind",
            [
                title.str.to_lowercase(),
                title.str.to_uppercase(),
                pl.concat_str([pl.lit(" "), title, pl.lit("  ")]),
                title,
            ],
        ),
    )
    for column, share in (("first_name", 0.03), ("last_name", 0.03), ("title", 0.05)):
        contacts = _null_where(contacts, column, rng.random(n) < share)
    return contacts


def _chunk(n: int, rng: np.random.Generator) -> pl.DataFrame:
    org = _organizations(rng, n)
    contacts = _contacts(rng, org)
    blank = pl.lit(None, dtype=pl.String)
    return pl.concat([org, contacts], how="horizontal").select(
        *(c for c in COLUMNS if c not in ("seniority", "department")),
        seniority=blank,
        department=blank,
    )


# --- public API ---------------------------------------------------------------------------


def iter_leads(n: int, seed: int = 0, chunk_rows: int = CHUNK_ROWS) -> Iterator[pl.DataFrame]:
    """Yield ``make_leads(n, seed)`` in chunks of ``chunk_rows`` (the last may be shorter)."""
    if n < 0 or chunk_rows <= 0:
        raise ValueError(f"need n >= 0 and chunk_rows > 0, got n={n}, chunk_rows={chunk_rows}")
    for index, start in enumerate(range(0, n, chunk_rows)):
        rng = np.random.default_rng(np.random.SeedSequence([seed, index]))
        yield _chunk(min(chunk_rows, n - start), rng)


def make_leads(n: int, seed: int = 0) -> pl.DataFrame:
    """``n`` synthetic leads with DESIGN.md's canonical columns, every cell a raw string or null.

    Deterministic for (n, seed). Seniority and department are blank: they are derived from the
    title during normalization.
    """
    chunks = list(iter_leads(n, seed))
    if not chunks:
        return pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String))
    return pl.concat(chunks, rechunk=False)


def write_leads(n: int, path: Path, seed: int = 0, chunk_rows: int = CHUNK_ROWS) -> Path:
    """Write ``make_leads(n, seed)`` to a .csv or .parquet file, one chunk in memory at a time.

    The file appears atomically: it is written beside ``path`` and renamed when complete.
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"write .csv or .parquet, not {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if suffix == ".csv":
        with partial.open("wb") as out:
            for index, chunk in enumerate(iter_leads(n, seed, chunk_rows)):
                chunk.write_csv(out, include_header=index == 0)
            if n == 0:
                pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String)).write_csv(out)
    else:
        parts = Path(tempfile.mkdtemp(prefix=path.name + ".", dir=path.parent))
        try:
            files = []
            for index, chunk in enumerate(iter_leads(n, seed, chunk_rows)):
                files.append(parts / f"{index:05d}.parquet")
                chunk.write_parquet(files[-1])
            if files:
                pl.scan_parquet(files).sink_parquet(partial)
            else:
                pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String)).write_parquet(partial)
        finally:
            shutil.rmtree(parts, ignore_errors=True)
    partial.replace(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/synth.py N OUT.csv|OUT.parquet [--seed S]``."""
    parser = argparse.ArgumentParser(description="Write a synthetic lead list.")
    parser.add_argument("rows", type=int, help="number of leads")
    parser.add_argument("out", type=Path, help="output file, .csv or .parquet")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk-rows", type=int, default=CHUNK_ROWS)
    args = parser.parse_args(argv)
    if args.out.suffix.lower() not in (".csv", ".parquet"):
        parser.error(f"OUT must end in .csv or .parquet, got {args.out.name!r}")
    if args.rows < 0:
        parser.error("N must be >= 0")
    started = time.perf_counter()
    write_leads(args.rows, args.out, args.seed, args.chunk_rows)
    seconds = time.perf_counter() - started
    size = args.out.stat().st_size / 2**20
    print(f"wrote {args.rows:,} rows to {args.out} ({size:,.0f} MiB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
