"""List cells and web hosts, normalized as whole Polars columns, with per-value twins.

Technologies, signals and websites are nearly unique per row in real exports (every
combination of tools is its own cell), so normalizing them one distinct value at a time in
Python would cost as much as a per-row loop. Each is one Polars expression here instead; the
per-value function beside it gives the same result for one value (a property test holds the
two together), for code that handles one lead at a time.

- technologies: ``"SFDC; HubSpot, GA4"`` -> ``"|salesforce|hubspot|google analytics|"``: each
  item read through the technology vocabulary (``normalize.technologies``), as an ICP's are
- signals: ``"Recent Funding@2026-08-01; hiring (2026-03)"``
  -> ``"|recent_funding@2026-08-01|hiring@2026-03-01|"``
- host: ``"https://www.Acme.com/about"`` -> ``"acme.com"``;
  ``"jo@sales.acme.io"`` -> ``"sales.acme.io"``
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial

import polars as pl

from leadsieve.normalize.identity import fold_host_text, free_mail_domains
from leadsieve.normalize.technologies import normalize_technology
from leadsieve.normalize.text import MISSING, fold, is_missing

_SEPARATORS = r"[;,|]"
_SIGNAL = r"^(.+?)\s*(?:@|\()\s*(\d{4}-\d{2}(?:-\d{2})?)\)?$"
_SIGNAL_RE = re.compile(_SIGNAL)


def _present(expr: pl.Expr) -> pl.Expr:
    """The cell, or null when it is a placeholder ("n/a", "-", blank)."""
    return (
        pl.when(expr.str.strip_chars().str.to_lowercase().is_in(sorted(MISSING)))
        .then(None)
        .otherwise(expr)
    )


def items_expr(expr: pl.Expr) -> pl.Expr:
    """A list cell split on ; , | after dropping surrounding brackets (Python-list strings)."""
    stripped = _present(expr).str.strip_chars().str.strip_chars("[]")
    return stripped.str.replace_all(_SEPARATORS, "\x1f").str.split("\x1f")


def _joined(items: pl.Expr) -> pl.Expr:
    kept = items.list.eval(pl.element().filter(pl.element() != "")).list.unique(maintain_order=True)
    return pl.when(kept.list.len() > 0).then(
        pl.concat_str([pl.lit("|"), kept.list.join("|"), pl.lit("|")])
    )


def technologies_expr(expr: pl.Expr) -> pl.Expr:
    """Technologies as ``|item|item|``, each item the vocabulary's key (else folded),
    duplicates dropped, order kept. Idempotent: a normalized cell normalizes to itself."""
    return expr.map_batches(partial(_per_item, one=normalize_technology), return_dtype=pl.String)


def signals_expr(expr: pl.Expr) -> pl.Expr:
    """Signals as ``|type@YYYY-MM-DD|type|``: type folded to snake_case, invalid dates dropped."""
    return expr.map_batches(partial(_per_item, one=normalize_signal), return_dtype=pl.String)


def _per_item(values: pl.Series, one: Callable[[str], str]) -> pl.Series:
    """Split list cells, normalize each distinct item once with ``one``, and regroup.

    Items repeat far more than cells do (a few dozen tools or signal types in endless
    combinations), so the work follows distinct items, not rows or cells: the items are mapped
    inside each cell's list, with no explode and regroup of the whole column. Row-wise, so any
    batching gives the same result.
    """
    listed = values.cast(pl.String).to_frame("v").select(items_expr(pl.col("v")).alias("item"))
    distinct = listed.get_column("item").explode().drop_nulls().unique()
    normalized = pl.Series([one(item) for item in distinct.to_list()], dtype=pl.String)
    mapped = pl.col("item").list.eval(pl.element().replace_strict(distinct, normalized))
    return listed.select(_joined(mapped)).to_series().rename(values.name)


_SCHEME = r"^[a-z][a-z0-9+.\-]*://"
_USER = r"^[^@/]*@"
_REST = r"(?s)[/?#:\s].*$"


def host_expr(expr: pl.Expr) -> pl.Expr:
    """The host of a website, URL, email or bare domain: lowercased, no scheme, path or www."""
    raw = _present(expr)
    # the same folding as ``identity.fold_host_text``: NFKC, format characters (zero-width
    # spaces, direction marks) removed; ASCII cells, nearly all of them, skip it
    folded = raw.str.normalize("NFKC").str.replace_all(r"\p{Cf}", "")
    raw = pl.when(raw.str.contains(r"[^\x00-\x7F]")).then(folded).otherwise(raw)
    text = raw.str.strip_chars().str.to_lowercase()
    text = text.str.replace(r"^mailto:", "").str.replace(_SCHEME, "").str.replace(_USER, "")
    host = text.str.replace(_REST, "").str.strip_chars(".").str.replace(r"^www\d*\.", "")
    valid = host.str.contains(r"^[\-\p{L}\p{N}]+(\.[\-\p{L}\p{N}]+)+$")
    return pl.when(valid).then(host)


def email_host_expr(expr: pl.Expr, free_mail: list[str]) -> pl.Expr:
    """The host of a work email: null for free-mail (gmail.com, web.de, ...)."""
    host = pl.when(expr.str.contains("@")).then(host_expr(expr))
    return pl.when(host.is_in(free_mail)).then(None).otherwise(host)


# Per-value twins ----------------------------------------------------------------------------


def list_items(text: str | None) -> list[str]:
    """A list cell's items, split on ; , | after dropping surrounding brackets."""
    if text is None or is_missing(text):
        return []
    return re.split(_SEPARATORS, text.strip().strip("[]"))


def _joined_items(items: list[str]) -> str | None:
    kept = list(dict.fromkeys(i for i in items if i))
    return f"|{'|'.join(kept)}|" if kept else None


def technologies(text: str | None) -> str | None:
    """``technologies_expr`` for one value."""
    return _joined_items([normalize_technology(item) for item in list_items(text)])


def normalize_signal(item: str) -> str:
    """One signal: ``"Recent Funding@2026-08-01"`` -> ``"recent_funding@2026-08-01"``."""
    stripped = item.strip()
    match = _SIGNAL_RE.match(stripped)
    kind = fold(match[1] if match else stripped).replace(" ", "_")
    if not kind or match is None:
        return kind
    raw = match[2] if len(match[2]) == 10 else f"{match[2]}-01"
    try:
        return f"{kind}@{date.fromisoformat(raw).isoformat()}"
    except ValueError:
        return kind


def signals(text: str | None) -> str | None:
    """``signals_expr`` for one value."""
    return _joined_items([normalize_signal(item) for item in list_items(text)])


_HOST_VALID = re.compile(r"^[a-z0-9\-\w]+(\.[a-z0-9\-\w]+)+$")


def host(text: str | None) -> str | None:
    """``host_expr`` for one value."""
    if text is None or is_missing(text):
        return None
    value = (text if text.isascii() else fold_host_text(text)).strip().lower()
    value = re.sub(r"^mailto:", "", value)
    value = re.sub(_SCHEME, "", value, count=1)
    value = re.sub(_USER, "", value, count=1)
    value = re.sub(_REST, "", value, count=1).strip(".")
    value = re.sub(r"^www\d*\.", "", value, count=1)
    return value if _HOST_VALID.match(value) and "_" not in value else None


def email_host(text: str | None) -> str | None:
    """``email_host_expr`` for one value."""
    if text is None or "@" not in text:
        return None
    found = host(text)
    return None if found is None or found in free_mail_domains() else found
