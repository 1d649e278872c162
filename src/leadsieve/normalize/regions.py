"""Sales regions: slugs of DESIGN.md -> member countries (ISO 3166-1 alpha-2).

The table is package data (``data/regions.json``) built by ``scripts/build_regions.py`` from the
UN M49 columns of country_codes.csv plus explicit lists; docs/regions.md lists every rule and
member. In short:

- north-america = UN Northern America (US, CA, BM, GL, PM); Mexico is latam.
- latam = UN Latin America and the Caribbean; africa = UN Africa; oceania = UN Oceania.
- europe = UN Europe + CY + AM, AZ, GE + XK; eu = the 27 member states; dach = DE, AT, CH;
  nordics = SE, NO, DK, FI, IS, FO, GL, AX; benelux = BE, NL, LU; uk-i = GB, IE, IM, JE, GG.
- middle-east = UN Western Asia - (AM, AZ, GE, CY) + IR; mena = middle-east + UN Northern Africa.
- asia = UN Asia - Western Asia - IR; apac = asia - Central Asia + oceania;
  emea = europe + middle-east + africa + Central Asia; sea = UN South-eastern Asia; anz = AU, NZ.

north-america, latam, emea and apac never overlap and together cover every code but AQ.
Slugs are matched case-, accent- and punctuation-insensitively, and common spellings are
accepted too ("EMEA", "North America", "Asia Pacific", "UK&I", "Latin America", "Nordic").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Final

from leadsieve.normalize.text import fold

__all__ = [
    "REGIONS",
    "is_region",
    "region_countries",
    "region_name",
    "region_slug",
    "region_spellings",
    "regions",
]


def _load() -> dict[str, Any]:
    text = files("leadsieve.normalize").joinpath("data", "regions.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)["regions"]
    return loaded


_DATA: Final = _load()

#: Region slug -> member country codes, in DESIGN.md's order.
REGIONS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {slug: frozenset(region["countries"]) for slug, region in _DATA.items()}
)


def _spelling_keys(text: str) -> list[str]:
    key = fold(text)
    return [key, " ".join(t for t in key.split() if t != "and")]


_SLUGS: Final[Mapping[str, str]] = MappingProxyType(
    {
        key: slug
        for slug, region in _DATA.items()
        for spelling in [slug, region["name"], *region["spellings"]]
        for key in _spelling_keys(spelling)
    }
)


def regions() -> Mapping[str, frozenset[str]]:
    """Every region slug with its member countries (the same mapping as `REGIONS`)."""
    return REGIONS


def region_slug(text: str) -> str | None:
    """The slug a region spelling names ("EMEA", "Asia Pacific", "uk&i"), or None.

    >>> region_slug("North America")
    'north-america'
    """
    keys = _spelling_keys(text)
    return _SLUGS.get(keys[0]) or _SLUGS.get(keys[1])


def is_region(name: str) -> bool:
    """True when ``name`` is a region slug or one of its accepted spellings."""
    return region_slug(name) is not None


def region_countries(name: str) -> frozenset[str]:
    """The member countries of a region (any accepted spelling); empty when unknown."""
    slug = region_slug(name)
    return REGIONS[slug] if slug else frozenset()


def region_name(slug: str) -> str:
    """A region's display name ("emea" -> "Europe, Middle East and Africa"), else the input."""
    found = region_slug(slug)
    return str(_DATA[found]["name"]) if found else slug


def region_spellings() -> dict[str, str]:
    """Every accepted spelling (slug, display name, variants) -> slug, for suggestions."""
    return {
        spelling: slug
        for slug, region in _DATA.items()
        for spelling in [slug, region["name"], *region["spellings"]]
    }
