"""Countries, subdivisions and free-text locations -> ISO 3166 codes; ICP geography targets.

Case, accents and punctuation never matter. docs/regions.md lists the regions and city table.

- `normalize_country`: alpha-2 from alpha-2/alpha-3 codes, English names, curated variants
  ("U.S.A.", "UK", "England", "Holland", "UAE", "Korea"), names in major European languages
  and each country's own ("Deutschland", "Suisse", "Česko"). A typo of 8+ letters passes only
  when one country is clearly closest ("Swtizerland"). "XK" is Kosovo. Exact "NA" is Namibia
  (codes round-trip); "n/a", "na", "N/A" are missing.
- `normalize_subdivision`: ISO 3166-2 from a full code ("us-ca"), a bare code with the country
  ("CA" + "US"), or a local or English name ("Bayern", "Bavaria", "Stockholm County"). Without
  a country a name must be unique worldwide and bare codes are refused.
- `parse_location`: "City, Subdivision, Country" read from the right. A last part that is a
  country sets it; a 2-3 letter last part is first a US state (then a Canadian province, an
  Australian state): "Ontario, CA" and a lone "CA" are California, unless a table city breaks
  the tie ("Berlin, DE" is Germany, "Perth, WA" Australia). In "X, Country" a first-level
  subdivision X ("California, USA") is the subdivision, and the city only for city-units
  ("Tbilisi, Georgia"). A lone city gets a country only from the table of ~130 business cities.
  "Remote", "Hybrid", "Worldwide", "EMEA" and the like are ignored.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any, Final

from leadsieve.normalize.regions import (
    REGIONS,
    is_region,
    region_countries,
    region_slug,
    region_spellings,
)
from leadsieve.normalize.text import fold, is_missing

__all__ = [  # the region API is re-exported from leadsieve.normalize.regions
    "REGIONS",
    "GeographyTargets",
    "Location",
    "is_region",
    "normalize_country",
    "normalize_subdivision",
    "parse_location",
    "region_countries",
    "resolve_geography",
    "suggest_geography",
]

_FULL_CODE: Final = re.compile(r"([A-Za-z]{2})\s*[-_]\s*([A-Za-z0-9]{1,3})")
_SUB_SUFFIX: Final = re.compile(
    r" (county|state|province|region|lan|canton|kanton|prefecture|oblast|department"
    r"|governorate|district|territory|voivodeship)$"
)
_SUB_PREFIX: Final = re.compile(r"^(the |state of |province of |canton of |county of |region of )")
_PARTS: Final = re.compile(r"[,;|·•]|\s[-–—/]\s")
_BARE_CODE_COUNTRIES: Final = ("US", "CA", "AU")
_US_TERRITORIES: Final = frozenset({"US-AS", "US-GU", "US-MP", "US-PR", "US-UM", "US-VI"})


def _read(name: str) -> Any:
    return json.loads(files("leadsieve.normalize").joinpath("data", name).read_text("utf-8"))


def _index_keys(name: str) -> list[str]:
    key = fold(name)
    tokens = key.split()
    return [key, " ".join(t for t in tokens if t != "and")] if "and" in tokens else [key]


@dataclass(frozen=True, slots=True)
class Location:
    """A free-text location read as (city, ISO 3166-2 subdivision, ISO 3166-1 country)."""

    city: str | None = None
    subdivision: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class GeographyTargets:
    """ICP geography entries expanded: countries (regions flattened), subdivisions, unknowns."""

    countries: frozenset[str]
    subdivisions: frozenset[str]
    unknown: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Countries:
    index: dict[str, str]  # folded name or code -> alpha-2
    english: dict[str, str]  # folded English name -> alpha-2, for fuzzy matching
    fuzzy: tuple[str, ...]  # the keys of ``english``
    constituents: dict[str, str]  # folded "England" -> "GB-ENG"
    codes: frozenset[str]


@cache
def _countries() -> _Countries:
    data = _read("geo_countries.json")
    table: dict[str, dict[str, Any]] = data["countries"]
    tiers = [list(data["aliases"].items())]  # earlier tiers win: aliases, names, variants, local
    tiers += [
        [(n, c) for c, e in table.items() for n in e[f]] for f in ("names", "variants", "local")
    ]
    index = {c.lower(): c for c in table} | {e["alpha3"].lower(): c for c, e in table.items()}
    english: dict[str, str] = {}
    for rank, pairs in enumerate(tiers):
        for name, code in pairs:
            for key in _index_keys(name):
                index.setdefault(key, code)
                if rank < 3:
                    english.setdefault(key, code)
    constituents = {fold(name): sub for name, sub in data["constituents"].items()}
    return _Countries(index, english, tuple(english), constituents, frozenset(table))


def _country_keys(raw: str) -> list[str]:
    key = fold(raw)
    tokens = key.split()
    keys = [key]
    if tokens[0] == "the":
        keys.append(key[4:])
    if tokens[0] == "st":
        keys.append(f"saint {key[3:]}")
    if "," in raw:
        head, _, tail = raw.partition(",")
        keys.append(fold(f"{tail} {head}"))
    if "(" in raw:
        keys.append(fold(re.sub(r"\(.*?\)", "", raw)))
    if len(tokens) > 1 and all(len(t) == 1 for t in tokens) and "".join(tokens) != "na":
        keys.append("".join(tokens))  # "U.S.A." -> "usa"
    return keys


@lru_cache(maxsize=65536)
def _country(raw: str, fuzzy: bool = True) -> str | None:
    table = _countries()
    if raw in table.codes:
        return raw
    if is_missing(raw) or not fold(raw):
        return None
    found = next((table.index[k] for k in _country_keys(raw) if k in table.index), None)
    key = fold(raw)
    if found or not fuzzy or len(key) < 8 or any(ch.isdigit() for ch in key):
        return found
    from rapidfuzz import fuzz, process  # only typos get here; loading it costs ~40 ms

    close = process.extract(key, table.fuzzy, scorer=fuzz.ratio, limit=8, score_cutoff=85)
    codes = [(table.english[name], score) for name, score, _ in close if score >= 85]
    if codes and codes[0][1] >= 90 and all(c == codes[0][0] for c, _ in codes):
        return codes[0][0]
    return None


def normalize_country(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a country code or name; None when missing or unknown.

    >>> normalize_country("U.S.A."), normalize_country("Österreich"), normalize_country("Narnia")
    ('US', 'AT', None)
    """
    return None if text is None else _country(text.strip())


@dataclass(frozen=True, slots=True)
class _Subdivisions:
    by_country: dict[str, dict[str, str]]  # country -> folded name or bare code -> code
    anywhere: dict[str, str]  # folded name unique worldwide -> code
    codes: frozenset[str]
    top_level: frozenset[str]
    city_like: frozenset[str]
    states: frozenset[str]  # US states and DC, Canadian provinces, Australian states


@cache
def _subdivisions() -> _Subdivisions:
    by_country: dict[str, dict[str, str]] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    top_level: set[str] = set()
    city_like: set[str] = set()
    for country, entries in _read("geo_subdivisions.json").items():
        index = {fold(code[3:]): code for code, *_ in entries}
        claimed = set(index)
        top_level.update(code for code, parent, *_ in entries if parent is None)
        city_like.update(code for code, *_, city in entries if city)
        for first_level in (True, False):  # a first-level name wins over lower-level homonyms
            found: dict[str, set[str]] = defaultdict(set)
            for code, parent, names, _ in entries:
                if (parent is None) is first_level:
                    for key in (k for name in names for k in _index_keys(name)):
                        found[key].add(code)
            for key, codes in found.items():
                if key not in claimed:
                    owners[key].update(codes)
                    if len(codes) == 1:
                        index[key] = next(iter(codes))
            claimed |= found.keys()
        by_country[country] = index
    anywhere = {key: next(iter(found)) for key, found in owners.items() if len(found) == 1}
    every = frozenset(code for index in by_country.values() for code in index.values())
    states = {c for c in top_level if c[:2] in _BARE_CODE_COUNTRIES} - _US_TERRITORIES
    return _Subdivisions(
        by_country, anywhere, every, *map(frozenset, (top_level, city_like, states))
    )


def _subdivision_keys(raw: str) -> list[str]:
    key = fold(raw)
    keys = [key, _SUB_PREFIX.sub("", key)]
    keys.append(_SUB_SUFFIX.sub("", keys[-1]))
    if key.startswith("st "):
        keys += [f"saint {key[3:]}", f"sankt {key[3:]}"]
    return keys


@lru_cache(maxsize=65536)
def _subdivision(raw: str, country: str | None) -> str | None:
    table = _subdivisions()
    full = _FULL_CODE.fullmatch(raw)
    if full and (code := f"{full[1]}-{full[2]}".upper()) in table.codes:
        return code
    if is_missing(raw):
        return None
    index = table.anywhere if country is None else table.by_country.get(country, {})
    return next((index[k] for k in _subdivision_keys(raw) if k in index), None)


def normalize_subdivision(text: str | None, country: str | None = None) -> str | None:
    """ISO 3166-2 code ("US-CA") for a subdivision code or name; None when unknown.

    ``country`` may be any text `normalize_country` accepts; an unknown one counts as absent.

    >>> normalize_subdivision("Bayern", "DE"), normalize_subdivision("on", "Canada")
    ('DE-BY', 'CA-ON')
    """
    if text is None:
        return None
    return _subdivision(text.strip(), normalize_country(country))


@cache
def _cities() -> tuple[dict[str, Location], frozenset[str]]:
    """The city table by folded name and alias, and the folded parts that name no place."""
    data = _read("geo_cities.json")
    cities: dict[str, Location] = {}
    for entry in data["cities"]:
        city = Location(entry["name"], entry["subdivision"], entry["country"])
        cities |= {fold(name): city for name in [entry["name"], *entry["aliases"]]}
    return cities, frozenset(fold(word) for word in data["not_places"])


def _city(part: str) -> Location | None:
    key = fold(part)
    bare = re.sub(r"^greater |( metropolitan| metro)?( area| region)?$", "", key)
    table = _cities()[0]
    return table.get(key) or table.get(bare)


def _bare_code(part: str) -> tuple[str, str] | None:
    """A US state, Canadian province or Australian state code ("TX", "ON", "NSW")."""
    tokens = fold(part).split()
    key = "".join(tokens) if all(len(t) == 1 for t in tokens) else " ".join(tokens)  # "D.C."
    if not (2 <= len(key) <= 3 and key.isalpha()):
        return None
    codes = [(country, f"{country}-{key.upper()}") for country in _BARE_CODE_COUNTRIES]
    return next((place for place in codes if place[1] in _subdivisions().states), None)


def _place(part: str, hint: str | None, before: str | None) -> tuple[str, str | None] | None:
    """The (country, subdivision) a location's last part names; ``hint`` breaks ties.

    A name that is both a country and a US state ("Georgia") is the country when it stands
    alone or follows a place in that country ("Tbilisi"), else the state ("Columbus, Georgia").
    """
    bare = _bare_code(part)
    country = _country(part.strip(), False)
    candidates: list[tuple[str, str | None]] = [bare] if bare else []
    if not bare:  # a full name: US state, Canadian province, Australian state, else unique
        named = [normalize_subdivision(part, c) for c in _BARE_CODE_COUNTRIES]
        candidates += [(c[:2], c) for c in named if c and c in _subdivisions().states]
    if country:
        first = not bare and (before is None or normalize_subdivision(before, country))
        place = (country, _countries().constituents.get(fold(part)))
        candidates.insert(0 if first else len(candidates), place)
    anywhere = None if bare else normalize_subdivision(part)
    candidates += [(anywhere[:2], anywhere)] if anywhere else []
    if hint:
        inside = normalize_subdivision(part, hint)
        preferred = [c for c in candidates if c[0] == hint] + ([(hint, inside)] if inside else [])
        candidates = preferred or candidates
    return candidates[0] if candidates else None


def _parts(text: str) -> list[str]:
    parts = []
    for part in (p.strip() for p in _PARTS.split(re.sub(r"\[\d+\]", "", text))):
        inner = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", part)  # "Cambridge (UK)"
        for piece in [inner[1], inner[2]] if inner and not _country(part, False) else [part]:
            words = " ".join(w for w in piece.split() if not re.fullmatch(r"[\d-]+", w))  # zips
            if fold(words) and fold(words) not in _cities()[1]:
                parts.append(words)
    return parts


def parse_location(text: str | None) -> Location:
    """Read "City, Subdivision, Country" free text into ISO codes (rules in the module doc).

    >>> parse_location("Toronto, ON, Canada")
    Location(city='Toronto', subdivision='CA-ON', country='CA')
    """
    parts = [] if text is None or is_missing(text) else _parts(text)
    top_level = _subdivisions().top_level
    country: str | None = None
    subdivision: str | None = None
    if len(parts) == 1 and not _city(parts[0]):
        place = _place(parts[0], None, None)
        if place:
            city = parts[0] if place[1] in _subdivisions().city_like else None
            return Location(city, place[1], place[0])
    elif len(parts) > 1:
        hint = next((c.country for p in reversed(parts[:-1]) if (c := _city(p))), None)
        place = _place(parts[-1], hint, parts[-2])
        if place:
            (country, subdivision), parts = place, parts[:-1]
        inside = normalize_subdivision(parts[-1], country) if country and not subdivision else None
        # "City, Region, Country" always; "Region, Country" only for a first-level region
        if inside and (len(parts) > 1 or (inside in top_level and not _city(parts[-1]))):
            subdivision = inside
            if len(parts) > 1 or inside not in _subdivisions().city_like:
                parts = parts[:-1]
    if not parts:
        return Location(None, subdivision, country)
    known = next((c for p in reversed(parts) if (c := _city(p))), None)
    if known and country in (None, known.country):
        return Location(known.city, subdivision or known.subdivision, known.country)
    return Location(parts[0], subdivision, country)


def locate(
    country_text: str | None, subdivision_text: str | None, city_text: str | None
) -> tuple[str | None, str | None]:
    """(country, subdivision) of a lead from its country, subdivision and city cells.

    An explicit country wins; a given subdivision is read in that country (or, without one,
    as a state, province or unique region name: "Texas", "ME", "Bayern"). The city only fills
    what they leave open and never contradicts them ("Paris" with "Texas" is Paris, Texas).
    A lone city name is trusted only when it is in the city table, a country or a US, Canadian
    or Australian state: "Portland" alone is unknown, not Jamaica's Portland parish.
    """
    country = normalize_country(country_text) if country_text else None
    if country is None and country_text is not None:
        country = parse_location(country_text).country
    subdivision = None
    if subdivision_text is not None and not is_missing(subdivision_text):
        if country is not None:
            subdivision = normalize_subdivision(subdivision_text, country)
        else:
            subdivision = parse_location(subdivision_text).subdivision
            country = subdivision[:2] if subdivision else None
    if city_text is None or is_missing(city_text):
        return country, subdivision
    found = parse_location(city_text)
    parts = _parts(city_text)
    if len(parts) == 1 and not _city(parts[0]):
        trusted = found.subdivision in _subdivisions().states or (
            found.subdivision is None and found.country is not None
        )
        if not trusted:
            return country, subdivision
    if country is not None and found.country not in (None, country):
        return country, subdivision
    if subdivision is not None:
        return country, subdivision
    if found.subdivision and (country is None or found.subdivision.startswith(f"{country}-")):
        subdivision = found.subdivision
    return country or found.country or (subdivision[:2] if subdivision else None), subdivision


def resolve_geography(values: Iterable[str]) -> GeographyTargets:
    """Expand ICP geography entries: region spellings, countries, subdivision codes or names.

    Entries nothing recognizes go to ``unknown``, in input order.

    >>> resolve_geography(["dach", "US-CA", "Narnia"]).unknown
    ('Narnia',)
    """
    countries: set[str] = set()
    subdivisions: set[str] = set()
    unknown: list[str] = []
    for value in values:
        slug = region_slug(value)
        code = (
            None if slug else _FULL_CODE.fullmatch(value.strip()) and normalize_subdivision(value)
        )
        country = None if slug or code else normalize_country(value)
        code = code or (None if slug or country else normalize_subdivision(value))
        if slug:
            countries |= REGIONS[slug]
        elif country or code:
            countries |= {country} if country else set()
            subdivisions |= {code} if code else set()
        else:
            unknown.append(value)
    return GeographyTargets(frozenset(countries), frozenset(subdivisions), tuple(unknown))


@cache
def _suggestions() -> dict[str, str]:
    table = _countries()
    choices = {fold(spelling): slug for spelling, slug in region_spellings().items()}
    for key, code in table.english.items():
        choices.setdefault(key, code)
    return choices | {code.lower(): code for code in table.codes}


def suggest_geography(text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` region slugs or country codes closest to ``text``, best first.

    For error hints: ``suggest_geography("Untied States")`` -> ``["US", ...]``. Short text is
    compared with codes and short names, longer text with names only (rapidfuzz).
    """
    from rapidfuzz import fuzz, process

    key = fold(text)
    if not key:
        return []
    choices = _suggestions()
    short = len(key) <= 4
    names = [name for name in choices if (len(name) <= 6 if short else len(name) >= 4)]
    scorer, cutoff = (fuzz.ratio, 70) if short else (fuzz.WRatio, 80)
    found = process.extract(key, names, scorer=scorer, limit=None, score_cutoff=cutoff)
    ranked = sorted(found, key=lambda hit: (-hit[1], choices[hit[0]]))
    return list(dict.fromkeys(choices[name] for name, _, _ in ranked))[: max(limit, 0)]
