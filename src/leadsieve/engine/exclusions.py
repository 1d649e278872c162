"""Suppression lists as disqualifiers: a lead whose domain, email or org number is on a list
is disqualified with the reason "excluded: existing customer (list customers)".

A list is plain data (``SuppressionList``: normalized keys, see
``normalize.suppression_keys``); the store keeps them by name, a file can give one too. A lead
is matched by its keys (``identity_keys``): its site's registrable domain or its work email's
(so a subdomain, ``www.`` or an address at the domain all count), its email, or its org number
with its country. Matching is a hashed ``is_in`` per key column and list, never per row.

``excluded_by`` gives the joined reasons per lead (null when on no list); ``fit_frame`` takes
that column and disqualifies the leads that have one, as it does for the ICP's own
disqualifiers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from leadsieve.normalize.suppression_keys import identity_keys

#: The column ``mark_excluded`` adds: the lead's exclusion reasons, or null.
EXCLUDED = "_ls_excluded"
#: The key columns (of ``identity_keys``) each kind of entry is looked up in.
_DOMAIN_KEYS = ("site_domain", "mail_domain")


@dataclass(frozen=True)
class SuppressionList:
    """A named set of normalized keys and the label its reason gives ("existing customer").

    ``source`` says where it came from in the reason: "list" (saved in the workspace) or
    "file"."""

    name: str
    label: str
    domains: frozenset[str] = field(default_factory=frozenset)
    emails: frozenset[str] = field(default_factory=frozenset)
    org_numbers: frozenset[str] = field(default_factory=frozenset)
    source: str = "list"

    @property
    def reason(self) -> str:
        """What ``fit_disqualified_by`` says of a lead on this list."""
        return f"excluded: {self.label} ({self.source} {self.name})"

    @property
    def size(self) -> int:
        """How many entries the list holds."""
        return len(self.domains) + len(self.emails) + len(self.org_numbers)

    def digest(self) -> str:
        """A short hash of the list's name, label and entries: equal digests, equal lists."""
        hashed = hashlib.sha256()
        for part in (self.name, self.label):
            hashed.update(part.encode() + b"\x00")
        for kind, values in (("d", self.domains), ("e", self.emails), ("n", self.org_numbers)):
            for value in sorted(values):
                hashed.update(f"{kind}:{value}".encode() + b"\x00")
        return hashed.hexdigest()[:16]


def fingerprint(lists: Sequence[SuppressionList]) -> str | None:
    """What a stored fit records of the lists applied to it (None for none): each list's name
    and digest, by name. A fit is reused only by a run with the same fingerprint."""
    if not lists:
        return None
    return ",".join(f"{s.name}:{s.digest()}" for s in sorted(lists, key=lambda s: s.name))


def excluded_by(keys: pl.DataFrame, lists: Sequence[SuppressionList]) -> pl.Series:
    """The reasons of the lists each row's keys are on, "; "-joined (null for none).

    ``keys`` holds any of ``site_domain``, ``mail_domain``, ``email``, ``org_key``; a
    missing column matches nothing."""
    hits: list[pl.Expr] = []
    for listed in lists:
        found: list[pl.Expr] = []
        for columns, values in (
            (_DOMAIN_KEYS, listed.domains),
            (("email",), listed.emails),
            (("org_key",), listed.org_numbers),
        ):
            if not values:
                continue
            wanted = pl.Series(sorted(values), dtype=pl.String).implode()
            found += [pl.col(c).is_in(wanted) for c in columns if c in keys.columns]
        if found:
            hit = pl.any_horizontal(found).fill_null(value=False)
            hits.append(pl.when(hit).then(pl.lit(listed.reason)))
    if not hits:
        return pl.Series(EXCLUDED, [None] * keys.height, dtype=pl.String)
    joined = pl.concat_str(hits, separator="; ", ignore_nulls=True).replace("", None)
    return keys.select(joined.alias(EXCLUDED)).to_series()


def mark_excluded(frame: pl.DataFrame, lists: Sequence[SuppressionList]) -> pl.DataFrame:
    """A frame of canonical lead columns with ``EXCLUDED`` appended (see ``excluded_by``)."""
    if not lists:
        return frame.with_columns(pl.lit(None, pl.String).alias(EXCLUDED))
    kinds = {
        kind
        for listed in lists
        for kind, values in (
            ("domain", listed.domains),
            ("email", listed.emails),
            ("org_no", listed.org_numbers),
        )
        if values
    }
    return frame.with_columns(excluded_by(identity_keys(frame, kinds), lists))
