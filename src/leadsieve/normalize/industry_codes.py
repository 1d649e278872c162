"""Industry codes: read NAICS, SIC and NACE/SNI codes and look them up in the crosswalks.

A normalized code is ``system:body``: ``naics:541511``, ``sic:7372``, ``nace:62.01`` (NACE
keeps its dot after the two-digit division), ``sni:62010`` (Swedish SNI 2007, five digits).
Bare digits in a lead's industry cell are read as NAICS; a bare code in an ICP stays bare and
matches any system by prefix ("62" matches ``naics:622110`` and ``nace:62.01``). The crosswalks
are package data (``data/*_crosswalk.csv``), keyed by code prefix: the longest prefix wins.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib.resources import files

__all__ = ["code_to_slug", "normalize_industry_code", "parse_industry_code"]

_SYSTEMS = ("naics", "sic", "nace")
#: NAICS sectors printed as ranges; a lead coded "31-33" carries all three sectors.
_RANGES = {"31-33": ("31", "32", "33"), "44-45": ("44", "45"), "48-49": ("48", "49")}

_PREFIX = re.compile(
    r"^(?P<system>naics|sic|nace|sni)"
    r"(?:[\s_-]*(?:rev\.?\s*2|rev|2007|2017|2022|code|codes|class)\b)*"
    r"\s*[:#=-]?\s*(?P<rest>.*)$"
)
#: A code may be followed by its title after a separator: "541511 - Custom Computer Programming".
_TITLE = re.compile(r"^(?P<code>\S+)\s*[-–—:|]\s+\D.*$")
_NAICS = re.compile(r"^(?:\d{2,6}|\d{2}-\d{2})$")
_SIC = re.compile(r"^\d{2,4}$")
_NACE = re.compile(r"^[a-u]?(?P<div>\d{2})(?:\.?(?P<rest>\d{1,2}))?$")
_SNI = re.compile(r"^(?P<div>\d{2})(?:\.?(?P<rest>\d{1,3}))?$")
_FLOAT_ARTIFACT = re.compile(r"^(?P<digits>\d{3,6})\.0$")


@cache
def _crosswalk(system: str) -> dict[str, str]:
    """Code -> slug for one system, from ``data/<system>_crosswalk.csv``."""
    text = (files("leadsieve.normalize") / "data" / f"{system}_crosswalk.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["code"]: row["slug"] for row in csv.DictReader(lines)}


def _split(text: str) -> tuple[str, str]:
    """(system or "", code body) with case, spaces and a trailing title removed."""
    folded = " ".join(text.casefold().split())
    match = _PREFIX.match(folded)
    system, rest = (match["system"], match["rest"]) if match else ("", folded)
    if system and not rest:
        return "", ""
    titled = _TITLE.match(rest)
    body = titled["code"] if titled else rest
    if artifact := _FLOAT_ARTIFACT.match(body):
        body = artifact["digits"]
    return system, body


def _nace(body: str) -> str | None:
    match = _NACE.match(body)
    if match is None:
        return None
    return match["div"] + (f".{match['rest']}" if match["rest"] else "")


def _parse(text: str) -> tuple[str, str] | None:
    """(system, body) for a code-shaped text; system "" when bare. No crosswalk check."""
    system, body = _split(text)
    if not body:
        return None
    if system == "naics":
        return (system, body) if _NAICS.match(body) else None
    if system == "sic":
        return (system, body) if _SIC.match(body) else None
    if system == "nace":
        nace = _nace(body)
        return None if nace is None else (system, nace)
    if system == "sni":
        match = _SNI.match(body)
        return None if match is None else (system, match["div"] + (match["rest"] or ""))
    if re.fullmatch(r"\d{2,6}|\d{2}-\d{2}", body):
        return "", body
    if "." in body or body[:1].isalpha():
        nace = _nace(body)
        return None if nace is None else ("nace", nace)
    return None


def _lookup(system: str, body: str) -> str | None:
    """Slug of the longest crosswalk prefix of ``body`` in ``system``."""
    table = _crosswalk(system)
    for end in range(len(body), 1, -1):
        if (slug := table.get(body[:end])) is not None:
            return slug
    return None


def parse_industry_code(text: str) -> tuple[str, ...]:
    """Normalized codes of a lead's industry cell, or () when it is not a code.

    Bare digits are NAICS; a NAICS range expands to its sectors; SNI also yields its NACE class.

    >>> parse_industry_code("NACE J62.01"), parse_industry_code("SNI 62010")
    (('nace:62.01',), ('sni:62010', 'nace:62.01'))
    """
    parsed = _parse(text)
    if parsed is None:
        return ()
    system, body = parsed
    if system in ("", "naics"):
        if "-" in body:
            sectors = _RANGES.get(body)
            return () if sectors is None else tuple(f"naics:{s}" for s in sectors)
        return (f"naics:{body}",)
    if system == "sni":
        nace = body[:2] + (f".{body[2:4]}" if len(body) > 2 else "")
        return (f"sni:{body}", f"nace:{nace}")
    return (f"{system}:{body}",)


def code_to_slug(code: str) -> str | None:
    """Industry slug for one normalized code ("naics:5415" -> "it-services-and-it-consulting")."""
    system, _, body = code.partition(":")
    if system == "sni":
        system, body = "nace", body[:2] + (f".{body[2:4]}" if len(body) > 2 else "")
    if system not in _SYSTEMS:
        return None
    return _lookup(system, body)


def normalize_industry_code(text: str) -> str | None:
    """Canonical form of an ICP industry code, or None when ``text`` is not a known code.

    Bare digits stay bare (they match any system by prefix); a dotted or lettered bare code is
    NACE. NAICS ranges such as "31-33" are not prefixes and return None: list 31, 32 and 33.

    >>> [normalize_industry_code(t) for t in ("62", "naics:5415", "NACE 62.01", "sic 7372")]
    ['62', 'naics:5415', 'nace:62.01', 'sic:7372']
    """
    parsed = _parse(text)
    if parsed is None or "-" in parsed[1]:
        return None
    system, body = parsed
    if system == "":
        known = any(_lookup(s, body) for s in ("naics", "sic")) or _lookup("nace", body[:2])
        return body if known else None
    code = f"{system}:{body}"
    return code if code_to_slug(code) is not None else None
