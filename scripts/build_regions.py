"""Build leadsieve's geography package data from country_codes.csv (UN M49) and pycountry.

Writes, under src/leadsieve/normalize/data/:

- ``regions.json``: every sales region slug of DESIGN.md with its rule, spellings and members;
- ``geo_countries.json``: ISO 3166-1 codes with English names, translations and curated aliases;
- ``geo_subdivisions.json``: ISO 3166-2 codes with their names and curated English aliases;
- ``geo_cities.json``: the well-known business cities and the words that are no place, both for
  ``parse_location``;

and ``docs/regions.md`` (each region's rule and members). The runtime reads only these files.

    .venv/bin/python scripts/build_regions.py [--source PATH/country_codes.csv] [--check]

``--check`` rebuilds in memory and exits 1 when a committed file is stale.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from leadsieve.normalize.text import fold  # noqa: E402

DATA = ROOT / "src" / "leadsieve" / "normalize" / "data"
DOC = ROOT / "docs" / "regions.md"
DEFAULT_SOURCE = Path("/work/shared/data/country_codes.csv")
SOURCE_NOTE = (
    "datasets/country-codes data/country-codes.csv @ caa72d1e (ODC-PDDL; UN M49 columns) and "
    f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}".strip()
)

# Kosovo has no ISO code; XK is the user-assigned code the EU, World Bank and CRMs use.
EXTRA = {"XK": ("XKX", "Kosovo", "Europe", "Southern Europe")}
LANGUAGES = ("de", "fr", "es", "pt", "it", "nl", "sv", "da", "nb_NO", "fi", "pl", "cs")

# Curated names: "CODE: name; name; CODE: name ...", read by _curated().
ALIASES = """
US: USA; U.S.; U.S.A.; US of A; United States; United States of America; America; The States
GB: UK; U.K.; Great Britain; Britain; England; Scotland; Wales; Northern Ireland; Cymru
KR: Korea; South Korea; Korea South; Korea, South; Republic of Korea; Korea Rep
KP: North Korea; Korea North; Korea DPR; AE: UAE; U.A.E.; Emirates; RU: Russia; LA: Lao PDR
CZ: Czech Republic; Czechia; Česko; Česká republika; Czech; TR: Turkey; Türkiye; Turkiye
VN: Vietnam; Viet Nam; HK: Hong Kong SAR; Hong Kong S.A.R.; HKSAR; Hong Kong China
MO: Macau; Macau SAR; Macao SAR; TW: Taiwan ROC; NL: Holland; The Netherlands; Nederland
CN: PRC; People's Republic of China; Mainland China; China Mainland
CD: DRC; DR Congo; D.R. Congo; Congo (Dem. Rep.); Congo, Dem. Rep.; Congo-Kinshasa
CD: Democratic Republic of Congo; CG: Congo; Congo (Rep.); Republic of Congo; Congo-Brazzaville
CI: Ivory Coast; Cote d'Ivoire; CV: Cape Verde; SZ: Swaziland; MK: Macedonia; FYROM; MM: Burma
TL: East Timor; VA: Vatican; Vatican City; PS: Palestine; Palestinian Territories
IE: Republic of Ireland; Eire; Éire; DO: Dominican; DE: Deutschland; SE: Sverige; ES: España
BR: Brasil; CH: Schweiz; Suisse; Svizzera; AT: Österreich; NO: Norge; DK: Danmark; FI: Suomi
IT: Italia; MX: México; PL: Polska
"""

# English (and common) names that pycountry's local-language subdivision names lack.
SUBDIVISION_ALIASES = """
DE-BY: Bavaria; DE-NI: Lower Saxony; DE-NW: North Rhine-Westphalia; NRW; DE-HE: Hesse
DE-SN: Saxony; DE-ST: Saxony-Anhalt; DE-TH: Thuringia; DE-RP: Rhineland-Palatinate
DE-MV: Mecklenburg-Western Pomerania; DE-BW: Baden-Wurttemberg
AT-9: Vienna; AT-3: Lower Austria; AT-4: Upper Austria; AT-6: Styria; AT-2: Carinthia; AT-7: Tyrol
CH-GE: Geneva; Genf; CH-BE: Bern; CH-LU: Lucerne; CH-BS: Basel-City; Basel; CH-SG: St. Gallen
CH-GR: Grisons; CH-VD: Waadt; CH-TI: Tessin
IT-21: Piedmont; IT-23: Aosta Valley; IT-25: Lombardy; IT-32: Trentino-South Tyrol
IT-36: Friuli-Venezia Giulia; IT-52: Tuscany; IT-75: Apulia; IT-82: Sicily; IT-88: Sardinia
ES-CT: Catalonia; ES-AN: Andalusia; ES-PV: Basque Country; Euskadi; ES-VC: Valencia
ES-VC: Valencian Community; ES-IB: Balearic Islands; ES-CN: Canary Islands
ES-CL: Castile and León; ES-CM: Castile-La Mancha; ES-NC: Navarre; ES-MD: Madrid
BE-VLG: Flanders; Flemish Region; Vlaanderen; BE-WAL: Wallonia; Walloon Region
BE-BRU: Brussels; Brussels-Capital Region; Brussel
NL-NH: North Holland; NL-ZH: South Holland; NL-NB: North Brabant; NL-FR: Friesland
FR-BRE: Brittany; FR-NOR: Normandy; FR-20R: Corsica; FR-PAC: PACA; FR-IDF: Paris Region
DK-84: Capital Region of Denmark; DK-85: Zealand; DK-82: Central Denmark Region
DK-81: North Denmark Region; DK-83: Region of Southern Denmark; FI-10: Lapland; SE-M: Scania
PL-14: Masovia; Masovian; PL-12: Lesser Poland; PL-30: Greater Poland; PL-02: Lower Silesia
PL-24: Silesia; PL-22: Pomerania; CZ-10: Prague; CZ-64: South Moravian Region
CN-NM: Inner Mongolia; CN-XZ: Tibet; CN-HK: Hong Kong; CN-MO: Macau
MX-CMX: Mexico City; CDMX; Distrito Federal; MX-MEX: State of Mexico; Estado de México
RU-MOW: Moscow; RU-SPE: Saint Petersburg; St Petersburg; RU-MOS: Moscow Oblast
AE-DU: Dubai; AE-AZ: Abu Dhabi; AE-SH: Sharjah; AE-AJ: Ajman; AE-FU: Fujairah
AE-RK: Ras Al Khaimah; AE-UQ: Umm Al Quwain
IN-OD: Orissa; IN-DL: NCT of Delhi; New Delhi; IN-PY: Pondicherry; IN-KA: Karnataka
IL-TA: Tel Aviv District; SA-01: Riyadh Province; EG-C: Cairo Governorate
CO-DC: Bogota D.C.; AR-C: Buenos Aires City; CABA; CL-RM: Santiago Metropolitan Region
PE-LMA: Lima Metropolitan; MY-14: Kuala Lumpur; TH-10: Bangkok; VN-SG: Ho Chi Minh City
VN-HN: Hanoi; KE-30: Nairobi; GR-I: Attica; TR-34: Istanbul; PH-00: Metro Manila
"""

# subdivision (or country): city = alias, ...; the ~130 biggest startup and business cities.
CITIES = """
US-CA: San Francisco = SF, San Francisco Bay Area, SF Bay Area, Bay Area; Los Angeles; Palo Alto
US-CA: Mountain View; Menlo Park; San Jose; Oakland; Berkeley; San Mateo; Redwood City; Sunnyvale
US-CA: Santa Clara; San Diego
US-NY: New York = NYC, New York City, NY City, Manhattan, Brooklyn
US-MA: Boston
US-WA: Seattle
US-TX: Austin; Houston; Dallas
US-IL: Chicago
US-CO: Denver
US-FL: Miami
US-GA: Atlanta
US-DC: Washington = Washington DC, Washington D.C.
US-PA: Philadelphia; Pittsburgh
US-UT: Salt Lake City
US-MN: Minneapolis
US-MI: Detroit
US-AZ: Phoenix
CA-ON: Toronto; Ottawa
CA-BC: Vancouver
CA-QC: Montreal
CA-AB: Calgary
GB-ENG: London; Manchester; Birmingham
GB-SCT: Edinburgh; Glasgow
IE-D: Dublin
DE-BE: Berlin
DE-BY: Munich = München
DE-HH: Hamburg
DE-HE: Frankfurt = Frankfurt am Main
DE-NW: Cologne = Köln; Düsseldorf
DE-BW: Stuttgart
FR-IDF: Paris
FR-ARA: Lyon
NL-NH: Amsterdam
NL-ZH: Rotterdam; The Hague = Den Haag
NL-NB: Eindhoven
BE-BRU: Brussels = Bruxelles, Brussel
BE-VLG: Antwerp = Antwerpen
CH-ZH: Zurich
CH-GE: Geneva = Genève, Genf
CH-BS: Basel
CH-ZG: Zug
CH-VD: Lausanne
AT-9: Vienna = Wien
SE-AB: Stockholm
SE-O: Gothenburg = Göteborg
SE-M: Malmö
NO-03: Oslo
DK-84: Copenhagen = København
FI-18: Helsinki
EE-37: Tallinn
ES-MD: Madrid
ES-CT: Barcelona
PT-11: Lisbon = Lisboa
PT-13: Porto
IT-25: Milan = Milano
IT-62: Rome = Roma
PL-14: Warsaw = Warszawa
PL-12: Kraków = Cracow
CZ-10: Prague = Praha
HU-BU: Budapest
RO-B: Bucharest = București
GR-I: Athens
IL-TA: Tel Aviv = Tel Aviv-Yafo, Tel Aviv-Jaffa
AE-DU: Dubai
AE-AZ: Abu Dhabi
SA-01: Riyadh
TR-34: Istanbul
EG-C: Cairo
NG-LA: Lagos
KE-30: Nairobi
ZA-WC: Cape Town
ZA-GP: Johannesburg
IN-KA: Bengaluru = Bangalore
IN-MH: Mumbai = Bombay; Pune
IN-DL: New Delhi; Delhi
IN-TS: Hyderabad
IN-TN: Chennai = Madras
IN-HR: Gurugram = Gurgaon
IN-UP: Noida
IN-WB: Kolkata = Calcutta
SG: Singapore
HK: Hong Kong
CN-BJ: Beijing
CN-SH: Shanghai
CN-GD: Shenzhen
JP-13: Tokyo
JP-27: Osaka
KR-11: Seoul
TW-TPE: Taipei
ID-JK: Jakarta
MY-14: Kuala Lumpur
PH-00: Manila = Metro Manila
TH-10: Bangkok
VN-SG: Ho Chi Minh City = Saigon, HCMC
VN-HN: Hanoi
AU-NSW: Sydney
AU-VIC: Melbourne
AU-QLD: Brisbane
AU-WA: Perth
NZ-AUK: Auckland
MX-CMX: Mexico City = CDMX, Ciudad de México
MX-NLE: Monterrey
MX-JAL: Guadalajara
BR-SP: São Paulo
BR-RJ: Rio de Janeiro
AR-C: Buenos Aires
CO-DC: Bogotá
CO-ANT: Medellín
CL-RM: Santiago = Santiago de Chile
PE-LMA: Lima
"""

# Location parts that name no place: work modes and regions ("Remote", "Remote - EMEA").
NOT_PLACES = (
    "Remote;Hybrid;On-site;WFH;Work from home;Anywhere;Worldwide;Global;International;Online;"
    "Distributed;Fully remote;Remote-first;Virtual;Various;Multiple locations;HQ;Europe;EMEA;"
    "APAC;Asia;Africa;Americas;LATAM;North America;Latin America;Middle East;Nordics;EU;Oceania"
)

# slug | display name | other accepted spellings, in DESIGN.md's order.
REGION_NAMES = """
north-america | North America | NORAM; Northern America
latam | Latin America and the Caribbean | Latin America; LAC
emea | Europe, Middle East and Africa |
europe | Europe |
eu | European Union | EU27
dach | DACH | D-A-CH
nordics | Nordics | Nordic; Nordic countries
benelux | Benelux |
uk-i | United Kingdom and Ireland | UK&I; UKI; UK and Ireland; British Isles
middle-east | Middle East | Mideast
mena | Middle East and North Africa | Middle East North Africa
africa | Africa |
apac | Asia-Pacific | Asia Pacific
asia | Asia |
sea | Southeast Asia | South East Asia; SE Asia
anz | Australia and New Zealand | Australasia
oceania | Oceania |
"""
EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
CAUCASUS = {"AM", "AZ", "GE"}
# Subdivision types that are a city themselves ("Tbilisi, Georgia" keeps its city).
CITY_TYPES = r"city|municipal|capital|town|autonomous district|metropolitan admin|borough|urban"


def _load_rows(source: Path) -> dict[str, dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = {r["ISO3166-1-Alpha-2"]: r for r in csv.DictReader(handle)}
    for code, (alpha3, name, region, sub) in EXTRA.items():
        rows[code] = {
            "ISO3166-1-Alpha-3": alpha3,
            "CLDR display name": name,
            "official_name_en": name,
            "Region Name": region,
            "Sub-region Name": sub,
            "Intermediate Region Name": "",
            "Languages": "sq,sr",
        }
    return rows


def build_regions(rows: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    """Each region slug -> name, rule, accepted spellings and sorted member codes."""

    def m49(column: str, *values: str) -> set[str]:
        return {code for code, r in rows.items() if r[column] in values}

    west_asia = m49("Sub-region Name", "Western Asia")
    middle_east = (west_asia - CAUCASUS - {"CY"}) | {"IR"}
    europe = m49("Region Name", "Europe") | CAUCASUS | {"CY"}
    africa = m49("Region Name", "Africa")
    central_asia = m49("Sub-region Name", "Central Asia")
    asia = m49("Region Name", "Asia") - west_asia - {"IR"}
    oceania = m49("Region Name", "Oceania")
    # fmt: off
    rules: dict[str, tuple[set[str], str]] = {
        "north-america": (m49("Sub-region Name", "Northern America"),
            "UN M49 Northern America: US, CA, BM, GL, PM. Mexico is latam."),
        "latam": (m49("Sub-region Name", "Latin America and the Caribbean"),
            "UN M49 Latin America and the Caribbean: Mexico, Central and South America and the "
            "Caribbean, including the US and European territories there such as PR."),
        "europe": (europe,
            "UN M49 Europe, plus Cyprus (an EU member M49 files under Western Asia), the South "
            "Caucasus (AM, AZ, GE; Council of Europe members) and XK Kosovo."),
        "eu": (set(EU27.split()),
            "The 27 EU member states (2026). Outermost regions with their own ISO code "
            "(GF, GP, MQ, RE, YT, MF) and Åland (AX) are not listed."),
        "dach": ({"DE", "AT", "CH"}, "Germany, Austria, Switzerland. Liechtenstein is not."),
        "nordics": ({"SE", "NO", "DK", "FI", "IS", "FO", "GL", "AX"},
            "SE, NO, DK, FI, IS and the self-governing FO, GL, AX. Svalbard (SJ) is not."),
        "benelux": ({"BE", "NL", "LU"}, "Belgium, the Netherlands, Luxembourg."),
        "uk-i": ({"GB", "IE", "IM", "JE", "GG"},
            "GB and IE plus the Crown Dependencies IM, JE, GG."),
        "middle-east": (middle_east,
            "UN M49 Western Asia without the South Caucasus and Cyprus (both in europe), plus "
            "Iran. Egypt is in africa and mena, not here."),
        "mena": (middle_east | m49("Sub-region Name", "Northern Africa"),
            "middle-east plus UN M49 Northern Africa (DZ, EG, EH, LY, MA, SD, TN)."),
        "africa": (africa, "UN M49 Africa (Northern and Sub-Saharan)."),
        "emea": (europe | middle_east | africa | central_asia,
            "europe + middle-east + africa + UN M49 Central Asia (KG, KZ, TJ, TM, UZ), which "
            "is usually sold from EMEA with the CIS."),
        "asia": (asia,
            "UN M49 Asia without Western Asia and Iran (those are middle-east or europe): "
            "Central, Eastern, South-eastern and Southern Asia."),
        "apac": ((asia - central_asia) | oceania,
            "asia without Central Asia (which is emea), plus oceania."),
        "sea": (m49("Sub-region Name", "South-eastern Asia"),
            "UN M49 South-eastern Asia: the 10 ASEAN members plus Timor-Leste."),
        "anz": ({"AU", "NZ"}, "Australia and New Zealand."),
        "oceania": (oceania,
            "UN M49 Oceania: Australia and New Zealand, Melanesia, Micronesia and Polynesia, "
            "including the US and French territories there."),
    }
    # fmt: on
    theatres = [rules[s][0] for s in ("north-america", "latam", "emea", "apac")]
    covered = set().union(*theatres)
    assert sum(map(len, theatres)) == len(covered), "sales theatres overlap"
    assert set(rows) - covered == {"AQ"}, sorted(set(rows) - covered)
    out = {}
    for line in REGION_NAMES.strip().splitlines():
        slug, name, spellings = (field.strip() for field in line.split("|"))
        members, rule = rules[slug]
        out[slug] = {
            "name": name,
            "rule": rule,
            "spellings": [s for s in spellings.split("; ") if s],
            "countries": sorted(members),
        }
    return out


def _curated(text: str) -> dict[str, list[str]]:
    """Parse "US: USA; U.S.; GB: UK" into {"US": ["USA", "U.S."], "GB": ["UK"]}."""
    out: dict[str, list[str]] = defaultdict(list)
    code = ""
    for item in "; ".join(text.strip().splitlines()).split("; "):
        found = re.match(r"([A-Z]{2}(?:-\w+)?): (.*)", item)
        code, item = (found[1], found[2]) if found else (code, item)
        out[code].append(item)
    return out


def _latin(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _variants(name: str, generic: str | None = None) -> list[str]:
    """Derived forms: "Korea, Republic of" -> "Republic of Korea", "Korea"; "X (Y)" -> "X".

    With ``generic``, a name is inverted only when its tail matches it ("Madrid, Comunidad de"),
    so lists such as "Newry, Mourne and Down" stay whole.
    """
    out: list[str] = []
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare != name:
        out.append(bare)
    head, sep, tail = bare.partition(", ")
    if sep and "," not in tail and (generic is None or re.fullmatch(generic, tail, re.I)):
        out += [f"{tail} {head}", head]
    return out


def _unambiguous(table: dict[str, dict[str, list[str]]], field: str) -> None:
    """Drop from one tier the names that fold alike for two different codes."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, entry in table.items():
        for name in entry[field]:
            owners[fold(name)].add(code)
    for entry in table.values():
        entry[field] = [n for n in entry[field] if len(owners[fold(n)]) == 1]


def build_countries(
    rows: dict[str, dict[str, str]], subdivisions: dict[str, list[list[Any]]]
) -> dict[str, Any]:
    """ISO 3166-1 names in tiers: English names, derived variants, translations; plus aliases.

    An alias that names a first-level subdivision of its country ("England") is a constituent:
    parse_location reads it as that subdivision too.
    """
    table: dict[str, dict[str, Any]] = {}
    for code, row in sorted(rows.items()):
        record = pycountry.countries.get(alpha_2=code)
        english = [row["CLDR display name"], row["official_name_en"]]
        for column in ("UNTERM English Short", "UNTERM English Formal"):
            english.append(re.sub(r"\s*\*+$|\s*\(the\)", "", row.get(column) or "").strip())
        for attr in ("name", "official_name", "common_name"):
            english.append(getattr(record, attr, "") if record else "")
        english = [re.sub(r"^the ", "", n).strip() for n in english if n]
        names = list(dict.fromkeys(n for n in english if _latin(n)))
        variants = [v for n in names for v in _variants(n) if fold(v) not in map(fold, names)]
        local: list[str] = []
        spoken = {lang.split("-")[0] for lang in row["Languages"].split(",") if lang}
        for lang in [*LANGUAGES, *sorted(spoken - {"nb", "en"})]:
            try:
                translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [lang])
            except OSError:
                continue
            if record:
                local += [translation.gettext(record.name)]
        local += [v for n in local for v in _variants(n)]
        seen = {fold(n) for n in names + variants}
        local = [n for n in dict.fromkeys(local) if _latin(n) and fold(n) not in seen]
        display = row["CLDR display name"]
        if len(display) <= 3 and record:
            display = record.name
        table[code] = {
            "alpha3": row["ISO3166-1-Alpha-3"],
            "name": display,
            "names": names,
            "variants": list(dict.fromkeys(variants)),
            "local": local,
        }
    for field in ("names", "variants", "local"):
        _unambiguous(table, field)
    aliases = {name: code for code, names in _curated(ALIASES).items() for name in names}
    assert set(aliases.values()) <= set(table)
    parts = {
        (fold(n), e[0][:2]): e[0]
        for v in subdivisions.values()
        for e in v
        if not e[1]
        for n in e[2]
    }
    own = {(fold(n), c) for c, e in table.items() for t in ("names", "local") for n in e[t]}
    constituents = {a: parts[fold(a), c] for a, c in aliases.items() if (fold(a), c) in parts}
    constituents = {a: s for a, s in constituents.items() if (fold(a), s[:2]) not in own}
    return {
        "source": SOURCE_NOTE,
        "countries": table,
        "aliases": aliases,
        "constituents": constituents,
    }


def build_subdivisions() -> dict[str, list[list[Any]]]:
    """Per country: [code, parent or null, names (pycountry, English, curated), city-like]."""
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, ["en"])
    curated = _curated(SUBDIVISION_ALIASES)
    generic = (
        r"comunidad( foral)?( de)?|r[eé]gion( de)?|principado de|respublika|the|"
        r"hlavn[ií] m[eě]sto|city of|county|u\.s\."
    )
    out: dict[str, list[list[Any]]] = defaultdict(list)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        main, _, note = sub.name.partition(" [")
        names = [main, english.gettext(sub.name).partition(" [")[0]]
        names += [n for n in [re.sub(r"\b[A-Z]{2}-\w+", "", note.rstrip("]")).strip()] if n]
        names += _variants(main, generic)
        for name in list(names):
            stem = re.sub(
                r"\s+(län|Sheng|Shi|(Huizu |Zhuangzu |Uygur )?Zizhiqu|kraj|SAR)$|^Kraj ", "", name
            )
            if sub.country_code == "KR":
                stem = re.sub(r"-(teukbyeol(jachi)?(si|do)|gwangyeoksi|do)$", "", name)
            names += [stem, stem[:-1]] if name.endswith("s län") else [stem]
        names += curated.pop(sub.code, [])
        names = list(dict.fromkeys(n for n in names if _latin(n)))
        city = bool(re.search(CITY_TYPES, sub.type, re.I))
        out[sub.country_code].append([sub.code, sub.parent_code, names, city])
    assert not curated, f"unknown subdivision codes: {sorted(curated)}"
    return dict(sorted(out.items()))


def build_cities(subdivisions: dict[str, list[list[Any]]]) -> list[dict[str, Any]]:
    """The well-known city table, each subdivision checked against ISO 3166-2."""
    codes = {entry[0] for entries in subdivisions.values() for entry in entries}
    cities: list[dict[str, Any]] = []
    for line in CITIES.strip().splitlines():
        place, _, items = line.partition(": ")
        assert len(place) == 2 or place in codes, place
        for item in items.split("; "):
            name, _, aliases = item.partition(" = ")
            cities.append(
                {
                    "name": name,
                    "aliases": aliases.split(", ") if aliases else [],
                    "country": place[:2],
                    "subdivision": place if len(place) > 2 else None,
                }
            )
    keys = [fold(n) for c in cities for n in [c["name"], *c["aliases"]]]
    assert len(keys) == len(set(keys)), "a city name appears twice"
    return cities


DOC_HEAD = """# Regions

<!-- generated by scripts/build_regions.py; do not edit -->

ICP geography accepts these region slugs (case-insensitive; the spellings listed are accepted
too), ISO 3166-1 alpha-2 countries and ISO 3166-2 subdivisions. Membership is derived from the
UN M49 columns of country_codes.csv where a UN grouping fits, and from explicit lists otherwise.

north-america, latam, emea and apac are the four sales theatres: they do not overlap and
together cover every code except AQ (Antarctica). Countries are ISO 3166-1 alpha-2 plus XK
(Kosovo, the user-assigned code the EU and CRMs use). Other readings are documented in
`leadsieve.normalize.geo`: exact "NA" is Namibia while "n/a" is missing, and in a free-text
location a two-letter part is first a US state ("Ontario, CA" is California).

Source: {source}.
"""
DOC_CITIES = """
## Well-known cities (`parse_location`)

A location that names only a city gets a country (and subdivision) from this table alone; any
other lone city stays city-only. Location parts ignored as no place: {ignored}.

| city | also | country | subdivision |
|---|---|---|---|
"""


def render_doc(
    regions: dict[str, dict[str, Any]], countries: dict[str, Any], cities: list[dict[str, Any]]
) -> str:
    """docs/regions.md: one section per region, then the city table."""
    names = {code: entry["name"] for code, entry in countries["countries"].items()}
    text = DOC_HEAD.format(source=SOURCE_NOTE)
    for slug, region in regions.items():
        spellings = ", ".join(f'"{s}"' for s in [region["name"], *region["spellings"]])
        members = ", ".join(f"{c} {names[c]}" for c in region["countries"])
        text += f"\n## `{slug}` — {region['name']}\n\n{region['rule']}\n\n"
        text += f"Also written: {spellings}.\n\n{len(region['countries'])} members: {members}.\n"
    text += DOC_CITIES.format(ignored=", ".join(f'"{w}"' for w in NOT_PLACES.split(";")))
    for city in cities:
        row = [city["name"], ", ".join(city["aliases"]), city["country"], city["subdivision"]]
        text += "| " + " | ".join(cell or "" for cell in row) + " |\n"
    return text


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _dump_lines(table: dict[str, list[list[Any]]]) -> str:
    """JSON with one line per subdivision, so a data change is a readable diff."""
    blocks = []
    for country, entries in table.items():
        lines = ",\n".join(f"  {json.dumps(entry, ensure_ascii=False)}" for entry in entries)
        blocks.append(f' "{country}": [\n{lines}\n ]')
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def main() -> int:
    """Build every geography file, or with --check report the stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    rows = _load_rows(args.source)
    regions = build_regions(rows)
    subdivisions = build_subdivisions()
    countries = build_countries(rows, subdivisions)
    cities = build_cities(subdivisions)
    taken = {fold(n) for e in countries["countries"].values() for n in e["names"] + e["variants"]}
    taken |= {fold(n) for n in [*countries["aliases"], *countries["countries"]]}
    clash = [s for r in regions.values() for s in [r["name"], *r["spellings"]] if fold(s) in taken]
    assert not clash, f"region spellings that name a country: {clash}"
    outputs = {
        DATA / "regions.json": _dump({"source": SOURCE_NOTE, "regions": regions}),
        DATA / "geo_countries.json": _dump(countries),
        DATA / "geo_subdivisions.json": _dump_lines(subdivisions),
        DATA / "geo_cities.json": _dump({"not_places": NOT_PLACES.split(";"), "cities": cities}),
        DOC: render_doc(regions, countries, cities),
    }
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
