"""Geography: countries, subdivisions, free-text locations, regions and ICP geography targets."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.normalize.geo import (
    GeographyTargets,
    Location,
    locate,
    normalize_country,
    normalize_subdivision,
    parse_location,
    resolve_geography,
    suggest_geography,
)
from leadsieve.normalize.regions import (
    REGIONS,
    is_region,
    region_countries,
    region_name,
    region_slug,
    regions,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "regions.md"
ALL_CODES = sorted(set().union(*REGIONS.values()))
THEATRES = ("north-america", "latam", "emea", "apac")


# --- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        pytest.param("US", "US", id="alpha2"),
        pytest.param("us", "US", id="alpha2-lowercase"),
        pytest.param("USA", "US", id="alpha3-usa"),
        pytest.param("deu", "DE", id="alpha3-lowercase"),
        pytest.param("U.S.", "US", id="dotted-us"),
        pytest.param("U.S.A.", "US", id="dotted-usa"),
        pytest.param("United States of America", "US", id="official-name"),
        pytest.param("  united states  ", "US", id="padded-lowercase"),
        pytest.param("America", "US", id="america"),
        pytest.param("UK", "GB", id="uk"),
        pytest.param("U.K.", "GB", id="dotted-uk"),
        pytest.param("Great Britain", "GB", id="great-britain"),
        pytest.param("England", "GB", id="england"),
        pytest.param("Scotland", "GB", id="scotland"),
        pytest.param("Wales", "GB", id="wales"),
        pytest.param("Northern Ireland", "GB", id="northern-ireland"),
        pytest.param("Deutschland", "DE", id="deutschland"),
        pytest.param("Sverige", "SE", id="sverige"),
        pytest.param("España", "ES", id="espana"),
        pytest.param("ESPANA", "ES", id="espana-unaccented"),
        pytest.param("Brasil", "BR", id="brasil"),
        pytest.param("Schweiz", "CH", id="schweiz"),
        pytest.param("Suisse", "CH", id="suisse"),
        pytest.param("Österreich", "AT", id="osterreich"),
        pytest.param("Nederland", "NL", id="nederland"),
        pytest.param("Holland", "NL", id="holland"),
        pytest.param("The Netherlands", "NL", id="the-netherlands"),
        pytest.param("Netherlands, The", "NL", id="netherlands-comma-the"),
        pytest.param("Norge", "NO", id="norge"),
        pytest.param("Danmark", "DK", id="danmark"),
        pytest.param("Suomi", "FI", id="suomi"),
        pytest.param("Italia", "IT", id="italia"),
        pytest.param("México", "MX", id="mexico-accented"),
        pytest.param("Polska", "PL", id="polska"),
        pytest.param("Česko", "CZ", id="cesko"),
        pytest.param("Czech Republic", "CZ", id="czech-republic"),
        pytest.param("Czechia", "CZ", id="czechia"),
        pytest.param("Türkiye", "TR", id="turkiye"),
        pytest.param("Turkey", "TR", id="turkey"),
        pytest.param("South Korea", "KR", id="south-korea"),
        pytest.param("Korea, Republic of", "KR", id="korea-iso-name"),
        pytest.param("Korea", "KR", id="korea-alone"),
        pytest.param("North Korea", "KP", id="north-korea"),
        pytest.param("UAE", "AE", id="uae"),
        pytest.param("Russia", "RU", id="russia"),
        pytest.param("Viet Nam", "VN", id="viet-nam"),
        pytest.param("Vietnam", "VN", id="vietnam"),
        pytest.param("Hong Kong SAR", "HK", id="hong-kong-sar"),
        pytest.param("Macau", "MO", id="macau"),
        pytest.param("Taiwan, Province of China", "TW", id="taiwan-iso-name"),
        pytest.param("Côte D'Ivoire", "CI", id="cote-divoire-yc-spelling"),
        pytest.param("Ivory Coast", "CI", id="ivory-coast"),
        pytest.param("Congo (Dem. Rep.)", "CD", id="congo-dem-rep"),
        pytest.param("DRC", "CD", id="drc"),
        pytest.param("Congo", "CG", id="congo-alone"),
        pytest.param("Trinidad & Tobago", "TT", id="ampersand"),
        pytest.param("St. Kitts & Nevis", "KN", id="st-abbreviation"),
        pytest.param("Bosnia", "BA", id="bosnia-short"),
        pytest.param("Swaziland", "SZ", id="former-name"),
        pytest.param("Allemagne", "DE", id="french-name"),
        pytest.param("Estados Unidos", "US", id="spanish-name"),
        pytest.param("Kosovo", "XK", id="kosovo"),
        pytest.param("Namibia", "NA", id="namibia"),
        pytest.param("NA", "NA", id="namibia-code-exact"),
        pytest.param("CA", "CA", id="ca-is-canada"),
        pytest.param("IN", "IN", id="in-is-india"),
        pytest.param("DE", "DE", id="de-is-germany"),
        pytest.param("Georgia", "GE", id="georgia-is-the-country"),
        pytest.param("Swtizerland", "CH", id="typo-long"),
        pytest.param("Untied States", "US", id="typo-transposed"),
    ],
)
def test_normalize_country(raw: str, code: str) -> None:
    """Codes, English, local and variant names of a country all give its alpha-2 code."""
    assert normalize_country(raw) == code


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("n/a", id="n-a"),
        pytest.param("N/A", id="n-a-upper"),
        pytest.param("na", id="na-lowercase"),
        pytest.param("N.A.", id="n-a-dotted"),
        pytest.param("-", id="dash"),
        pytest.param("Narnia", id="fictional"),
        pytest.param("Remote", id="remote"),
        pytest.param("Earth", id="earth"),
        pytest.param("Worldwide", id="worldwide"),
        pytest.param("Europe", id="region-not-country"),
        pytest.param("EU", id="eu-not-country"),
        pytest.param("Columbia", id="short-typo-not-guessed"),
        pytest.param("12345", id="digits"),
        pytest.param("中国", id="non-latin"),
    ],
)
def test_normalize_country_rejects(raw: str | None) -> None:
    """Missing cells, garbage and non-countries give None rather than a guess."""
    assert normalize_country(raw) is None


def test_every_region_member_is_its_own_code() -> None:
    """Every country code in the region table normalizes to itself (stored codes are stable)."""
    assert [c for c in ALL_CODES if normalize_country(c) != c] == []


COUNTRY_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["USA", "U.K.", "Deutschland", "NA", "na", "Korea", "Holland", "Earth"]),
    st.sampled_from(ALL_CODES),
)


@given(COUNTRY_TEXT)
def test_normalize_country_is_idempotent(text: str) -> None:
    """Normalizing a normalized country again gives the same code."""
    once = normalize_country(text)
    assert once is None or normalize_country(once) == once


@given(
    st.sampled_from(["United Kingdom", "South Africa", "New Zealand", "Saudi Arabia", "Sri Lanka"]),
    st.sampled_from([" ", "-", "_", ".", " / ", "  "]),
    st.booleans(),
)
def test_normalize_country_ignores_case_and_punctuation(name: str, sep: str, upper: bool) -> None:
    """Case and separators between words never change the country."""
    expected = normalize_country(name)
    mangled = sep.join(name.split())
    assert normalize_country(mangled.upper() if upper else mangled.lower()) == expected


# --- subdivisions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "code"),
    [
        pytest.param("US-CA", None, "US-CA", id="full-code"),
        pytest.param("us-ca", None, "US-CA", id="full-code-lowercase"),
        pytest.param("GB-ENG", "GB", "GB-ENG", id="full-code-with-country"),
        pytest.param("CA", "US", "US-CA", id="bare-code-us"),
        pytest.param("BY", "DE", "DE-BY", id="bare-code-de"),
        pytest.param("ON", "Canada", "CA-ON", id="bare-code-country-name"),
        pytest.param("nsw", "AU", "AU-NSW", id="bare-code-lowercase"),
        pytest.param("California", None, "US-CA", id="name-unique"),
        pytest.param("Bavaria", None, "DE-BY", id="english-name"),
        pytest.param("Bayern", "DE", "DE-BY", id="local-name"),
        pytest.param("Ontario", None, "CA-ON", id="province"),
        pytest.param("Stockholm", None, "SE-AB", id="stockholm"),
        pytest.param("Stockholms län", "SE", "SE-AB", id="stockholms-lan"),
        pytest.param("Stockholm County", "SE", "SE-AB", id="stockholm-county"),
        pytest.param("England", None, "GB-ENG", id="england"),
        pytest.param("New South Wales", None, "AU-NSW", id="new-south-wales"),
        pytest.param("Karnataka", "IN", "IN-KA", id="accentless-name"),
        pytest.param("Madrid", "ES", "ES-MD", id="community-beats-province"),
        pytest.param("Comunidad de Madrid", None, "ES-MD", id="inverted-iso-name"),
        pytest.param("Catalonia", None, "ES-CT", id="catalonia"),
        pytest.param("Genève", None, "CH-GE", id="geneve"),
        pytest.param("Vienna", None, "AT-9", id="vienna"),
        pytest.param("Île-de-France", None, "FR-IDF", id="ile-de-france"),
        pytest.param("New York State", None, "US-NY", id="state-suffix"),
        pytest.param("State of São Paulo", None, "BR-SP", id="state-of-prefix"),
        pytest.param("St. Gallen", "CH", "CH-SG", id="st-abbreviation"),
        pytest.param("Mexico City", None, "MX-CMX", id="mexico-city"),
        pytest.param("Beijing", None, "CN-BJ", id="chinese-shi-dropped"),
        pytest.param("Seoul", None, "KR-11", id="korean-suffix-dropped"),
        pytest.param("District of Columbia", None, "US-DC", id="dc"),
    ],
)
def test_normalize_subdivision(raw: str, country: str | None, code: str) -> None:
    """Codes and names of a first-level subdivision give its ISO 3166-2 code."""
    assert normalize_subdivision(raw, country) == code


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        pytest.param(None, "US", id="none"),
        pytest.param("", "US", id="empty"),
        pytest.param("n/a", None, id="missing"),
        pytest.param("CA", None, id="bare-code-needs-country"),
        pytest.param("Punjab", None, id="ambiguous-in-and-pk"),
        pytest.param("Narnia", "US", id="unknown-name"),
        pytest.param("XX-YY", None, id="unknown-full-code"),
        pytest.param("Bavaria", "US", id="wrong-country"),
    ],
)
def test_normalize_subdivision_rejects(raw: str | None, country: str | None) -> None:
    """Unknown, ambiguous and countryless bare codes give None."""
    assert normalize_subdivision(raw, country) is None


@given(
    st.sampled_from(["CA", "Bavaria", "Ontario", "Stockholm", "England", "Texas", "NSW", "Q"]),
    st.sampled_from([None, "US", "DE", "CA", "SE", "GB", "AU"]),
)
def test_normalize_subdivision_is_idempotent(text: str, country: str | None) -> None:
    """A normalized subdivision code normalizes to itself, with or without its country."""
    once = normalize_subdivision(text, country)
    if once is not None:
        assert normalize_subdivision(once) == once
        assert normalize_subdivision(once, once[:2]) == once


# --- locations -------------------------------------------------------------------------------


def loc(city: str | None, subdivision: str | None, country: str | None) -> Location:
    """A Location, positionally, to keep the table short."""
    return Location(city=city, subdivision=subdivision, country=country)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("San Francisco, CA, USA", loc("San Francisco", "US-CA", "US"), id="yc-full"),
        pytest.param("New York", loc("New York", "US-NY", "US"), id="lone-table-city"),
        pytest.param("London, UK", loc("London", "GB-ENG", "GB"), id="london-uk"),
        pytest.param("Berlin, Germany", loc("Berlin", "DE-BE", "DE"), id="berlin"),
        pytest.param("Stockholm, Sweden", loc("Stockholm", "SE-AB", "SE"), id="stockholm"),
        pytest.param("Toronto, ON, Canada", loc("Toronto", "CA-ON", "CA"), id="toronto"),
        pytest.param(
            "Bengaluru, Karnataka, India", loc("Bengaluru", "IN-KA", "IN"), id="bengaluru-state"
        ),
        pytest.param("bangalore", loc("Bengaluru", "IN-KA", "IN"), id="city-alias"),
        pytest.param("Los Angeles, CA", loc("Los Angeles", "US-CA", "US"), id="state-code"),
        pytest.param("Roeland Park, KS", loc("Roeland Park", "US-KS", "US"), id="unknown-city"),
        pytest.param("Ontario, CA", loc("Ontario", "US-CA", "US"), id="ca-is-california"),
        pytest.param("Berlin, DE", loc("Berlin", "DE-BE", "DE"), id="table-city-breaks-tie"),
        pytest.param("Perth, WA", loc("Perth", "AU-WA", "AU"), id="perth-western-australia"),
        pytest.param("London, ON", loc("London", "CA-ON", "CA"), id="london-ontario"),
        pytest.param("Paris, TX", loc("Paris", "US-TX", "US"), id="paris-texas"),
        pytest.param("Washington, D.C.", loc("Washington", "US-DC", "US"), id="dotted-dc"),
        pytest.param("Seattle, Washington", loc("Seattle", "US-WA", "US"), id="state-name"),
        pytest.param("Columbus, Georgia", loc("Columbus", "US-GA", "US"), id="georgia-us"),
        pytest.param("Tbilisi, Georgia", loc("Tbilisi", "GE-TB", "GE"), id="georgia-country"),
        pytest.param("California, United States", loc(None, "US-CA", "US"), id="region-country"),
        pytest.param("Scotland, UK", loc(None, "GB-SCT", "GB"), id="constituent-country"),
        pytest.param("England", loc(None, "GB-ENG", "GB"), id="lone-england"),
        pytest.param("Munich, Bavaria", loc("Munich", "DE-BY", "DE"), id="city-region"),
        pytest.param("Köln, Deutschland", loc("Cologne", "DE-NW", "DE"), id="local-names"),
        pytest.param("Mexico City, Mexico", loc("Mexico City", "MX-CMX", "MX"), id="mexico-city"),
        pytest.param("Singapore, Singapore", loc("Singapore", None, "SG"), id="city-state"),
        pytest.param("Hong Kong", loc("Hong Kong", None, "HK"), id="lone-hong-kong"),
        pytest.param("Zapopan, Mexico", loc("Zapopan", None, "MX"), id="unknown-city-country"),
        pytest.param("Hamilton, Bermuda", loc("Hamilton", None, "BM"), id="territory"),
        pytest.param("San Juan, Puerto Rico", loc("San Juan", None, "PR"), id="puerto-rico"),
        pytest.param("Abidjan, Côte D'Ivoire", loc("Abidjan", "CI-AB", "CI"), id="city-unit"),
        pytest.param("Kinshasa, Congo (Dem. Rep.)", loc("Kinshasa", "CD-KN", "CD"), id="parens"),
        pytest.param("Cambridge (UK)", loc("Cambridge", None, "GB"), id="country-in-parens"),
        pytest.param(
            "West Falls Church, Virginia[2]", loc("West Falls Church", "US-VA", "US"), id="footnote"
        ),
        pytest.param("San Francisco, CA 94105", loc("San Francisco", "US-CA", "US"), id="zip"),
        pytest.param("Greater London", loc("London", "GB-ENG", "GB"), id="linkedin-greater"),
        pytest.param("San Francisco Bay Area", loc("San Francisco", "US-CA", "US"), id="bay-area"),
        pytest.param(
            "New York City Metropolitan Area", loc("New York", "US-NY", "US"), id="metro-area"
        ),
        pytest.param("Remote - US", loc(None, None, "US"), id="remote-dash-country"),
        pytest.param("Remote (Europe)", loc(None, None, None), id="remote-region"),
        pytest.param("CA", loc(None, "US-CA", "US"), id="lone-state-code"),
        pytest.param("NY", loc(None, "US-NY", "US"), id="lone-ny"),
        pytest.param("Canada", loc(None, None, "CA"), id="lone-country"),
        pytest.param("Georgia", loc(None, None, "GE"), id="lone-georgia"),
        pytest.param("Palo Alto", loc("Palo Alto", "US-CA", "US"), id="palo-alto"),
        pytest.param("Mountain Village", loc("Mountain Village", None, None), id="lone-unknown"),
        pytest.param("Remote", loc(None, None, None), id="remote"),
        pytest.param("n/a", loc(None, None, None), id="missing"),
        pytest.param("", loc(None, None, None), id="empty"),
        pytest.param(None, loc(None, None, None), id="none"),
    ],
)
def test_parse_location(raw: str | None, expected: Location) -> None:
    """Free-text locations read right to left into city, subdivision and country."""
    assert parse_location(raw) == expected


@given(st.text(max_size=40))
def test_parse_location_gives_canonical_codes(text: str) -> None:
    """Whatever the text, the country and subdivision are canonical codes that agree."""
    found = parse_location(text)
    if found.country is not None:
        assert normalize_country(found.country) == found.country
    if found.subdivision is not None:
        assert normalize_subdivision(found.subdivision) == found.subdivision
        assert found.subdivision[:2] == found.country


# --- regions ---------------------------------------------------------------------------------


def test_region_slugs_are_designs() -> None:
    """The region table has exactly DESIGN.md's slugs, in its order."""
    assert list(regions()) == [
        *("north-america", "latam", "emea", "europe", "eu", "dach", "nordics", "benelux"),
        *("uk-i", "middle-east", "mena", "africa", "apac", "asia", "sea", "anz", "oceania"),
    ]
    assert regions() is REGIONS


def test_theatres_partition_the_world() -> None:
    """north-america, latam, emea and apac never overlap and cover every code but AQ."""
    theatres = [REGIONS[slug] for slug in THEATRES]
    assert sum(map(len, theatres)) == len(set().union(*theatres))
    assert set(ALL_CODES) - set().union(*theatres) == set()
    assert normalize_country("Antarctica") == "AQ"
    assert not any("AQ" in members for members in REGIONS.values())


@pytest.mark.parametrize(
    ("inner", "outer"),
    [
        pytest.param("dach", "europe", id="dach-in-europe"),
        pytest.param("benelux", "eu", id="benelux-in-eu"),
        pytest.param("uk-i", "europe", id="uk-i-in-europe"),
        pytest.param("eu", "europe", id="eu-in-europe"),
        pytest.param("europe", "emea", id="europe-in-emea"),
        pytest.param("middle-east", "mena", id="middle-east-in-mena"),
        pytest.param("mena", "emea", id="mena-in-emea"),
        pytest.param("africa", "emea", id="africa-in-emea"),
        pytest.param("sea", "asia", id="sea-in-asia"),
        pytest.param("anz", "oceania", id="anz-in-oceania"),
        pytest.param("oceania", "apac", id="oceania-in-apac"),
    ],
)
def test_region_nesting(inner: str, outer: str) -> None:
    """Smaller regions lie inside the larger ones they belong to."""
    assert REGIONS[inner] <= REGIONS[outer]


@pytest.mark.parametrize(
    ("slug", "members", "non_members"),
    [
        pytest.param("north-america", {"US", "CA"}, {"MX", "PR"}, id="north-america"),
        pytest.param("latam", {"MX", "BR", "AR", "CO", "PR", "JM"}, {"US", "ES"}, id="latam"),
        pytest.param("eu", {"DE", "FR", "CY", "HR", "IE"}, {"GB", "CH", "NO", "AX"}, id="eu"),
        pytest.param("dach", {"DE", "AT", "CH"}, {"LI", "LU"}, id="dach"),
        pytest.param("nordics", {"SE", "NO", "DK", "FI", "IS", "FO", "GL", "AX"}, {"EE"}, id="n"),
        pytest.param("benelux", {"BE", "NL", "LU"}, {"DE"}, id="benelux"),
        pytest.param("uk-i", {"GB", "IE", "IM", "JE", "GG"}, {"FR"}, id="uk-i"),
        pytest.param("middle-east", {"AE", "SA", "IL", "TR", "IR"}, {"EG", "CY", "GE"}, id="me"),
        pytest.param("mena", {"EG", "MA", "AE"}, {"NG"}, id="mena"),
        pytest.param("europe", {"CY", "GE", "RU", "UA", "XK"}, {"TR", "GL"}, id="europe"),
        pytest.param("emea", {"KZ", "ZA", "DE"}, {"IN", "US"}, id="emea-central-asia"),
        pytest.param("apac", {"IN", "JP", "AU", "SG", "FJ"}, {"KZ", "AE"}, id="apac"),
        pytest.param("asia", {"KZ", "IN", "CN"}, {"AE", "IR", "AU"}, id="asia"),
        pytest.param("sea", {"SG", "ID", "VN", "TL"}, {"CN"}, id="sea"),
        pytest.param("anz", {"AU", "NZ"}, {"FJ"}, id="anz"),
    ],
)
def test_region_membership(slug: str, members: set[str], non_members: set[str]) -> None:
    """Each region holds its documented members and not the usual borderline neighbours."""
    assert members <= REGIONS[slug]
    assert not non_members & REGIONS[slug]


def test_eu_has_27_members() -> None:
    """The EU region is the 27 member states."""
    assert len(REGIONS["eu"]) == 27


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        pytest.param("emea", "emea", id="slug"),
        pytest.param("EMEA", "emea", id="upper"),
        pytest.param("APAC", "apac", id="apac"),
        pytest.param("North America", "north-america", id="spaced"),
        pytest.param("north_america", "north-america", id="underscored"),
        pytest.param("DACH", "dach", id="dach"),
        pytest.param("LATAM", "latam", id="latam"),
        pytest.param("Latin America", "latam", id="latin-america"),
        pytest.param("UK&I", "uk-i", id="uk-and-i"),
        pytest.param("Asia Pacific", "apac", id="asia-pacific"),
        pytest.param("asia-pacific", "apac", id="asia-pacific-slugged"),
        pytest.param("Middle East", "middle-east", id="middle-east"),
        pytest.param("Nordic", "nordics", id="nordic"),
        pytest.param("European Union", "eu", id="european-union"),
        pytest.param("Europe, Middle East & Africa", "emea", id="emea-spelled-out"),
    ],
)
def test_region_spellings(spelling: str, slug: str) -> None:
    """Region slugs match case- and punctuation-insensitively, with common spellings."""
    assert region_slug(spelling) == slug
    assert is_region(spelling)
    assert region_countries(spelling) == REGIONS[slug]


@pytest.mark.parametrize("name", ["Narnia", "", "US", "Scandinavia", "Americas"])
def test_unknown_region(name: str) -> None:
    """A name that is no region is not one and has no members (no KeyError)."""
    assert not is_region(name)
    assert region_countries(name) == frozenset()


def test_region_name() -> None:
    """A region's display name comes from its slug; an unknown name is returned as is."""
    assert region_name("emea") == "Europe, Middle East and Africa"
    assert region_name("narnia") == "narnia"


def test_docs_list_every_region() -> None:
    """docs/regions.md (generated with the data) names every region with its member count."""
    text = DOCS.read_text("utf-8")
    for slug, members in REGIONS.items():
        assert f"## `{slug}`" in text
        assert f"{len(members)} members: " in text


# --- ICP geography ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "countries", "subdivisions", "unknown"),
    [
        pytest.param(["dach"], {"DE", "AT", "CH"}, set(), (), id="region"),
        pytest.param(["DACH", "GB"], {"DE", "AT", "CH", "GB"}, set(), (), id="region-and-code"),
        pytest.param(["North America"], {"US", "CA", "BM", "GL", "PM"}, set(), (), id="spaced"),
        pytest.param(["Germany", "Sverige"], {"DE", "SE"}, set(), (), id="country-names"),
        pytest.param(["US-CA", "us-ny"], set(), {"US-CA", "US-NY"}, (), id="subdivision-codes"),
        pytest.param(["California"], set(), {"US-CA"}, (), id="subdivision-name"),
        pytest.param(["CA"], {"CA"}, set(), (), id="ca-is-canada"),
        pytest.param(["England"], {"GB"}, set(), (), id="england-is-gb"),
        pytest.param(
            ["Narnia", "US", "emia", "Mars"], {"US"}, set(), ("Narnia", "emia", "Mars"), id="order"
        ),
        pytest.param([], set(), set(), (), id="empty"),
    ],
)
def test_resolve_geography(
    values: list[str], countries: set[str], subdivisions: set[str], unknown: tuple[str, ...]
) -> None:
    """ICP entries expand to countries (regions flattened) and subdivisions; the rest is unknown."""
    assert resolve_geography(values) == GeographyTargets(
        frozenset(countries), frozenset(subdivisions), unknown
    )


def test_resolve_geography_takes_any_iterable() -> None:
    """A generator works as well as a list, and EMEA includes its members."""
    targets = resolve_geography(v for v in ["EMEA", "APAC"])
    assert targets.countries == REGIONS["emea"] | REGIONS["apac"]
    assert targets.unknown == ()


@pytest.mark.parametrize(
    ("text", "first"),
    [
        pytest.param("nordic", "nordics", id="nordic"),
        pytest.param("Untied States", "US", id="typo-country"),
        pytest.param("North Amerca", "north-america", id="typo-region"),
        pytest.param("Germny", "DE", id="germany"),
        pytest.param("emia", "emea", id="short-region"),
        pytest.param("latin", "latam", id="partial"),
        pytest.param("DACHs", "dach", id="plural"),
        pytest.param("uk", "GB", id="uk"),
    ],
)
def test_suggest_geography(text: str, first: str) -> None:
    """The closest region slug or country code comes first."""
    assert suggest_geography(text)[0] == first


@pytest.mark.parametrize("text", ["", "???", "Narnia", "xx"])
def test_suggest_geography_nothing_close(text: str) -> None:
    """Nonsense gets no suggestion rather than a random one."""
    assert suggest_geography(text) == []


@given(st.text(max_size=20), st.integers(min_value=0, max_value=5))
def test_suggest_geography_respects_limit(text: str, limit: int) -> None:
    """Suggestions are distinct, at most ``limit``, and each is a slug or a country code."""
    found = suggest_geography(text, limit)
    assert len(found) <= limit
    assert len(set(found)) == len(found)
    assert all(s in REGIONS or normalize_country(s) == s for s in found)


# --- a lead's country and subdivision from its three cells -------------------------------------


@pytest.mark.parametrize(
    ("country", "subdivision", "city", "expected"),
    [
        pytest.param("United States", "Texas", "Paris", ("US", "US-TX"), id="paris-texas-hubspot"),
        pytest.param(None, "Texas", "Paris", ("US", "US-TX"), id="state-beats-city"),
        pytest.param("United States", None, "Paris", ("US", None), id="country-beats-city"),
        pytest.param("Canada", "Ontario", "London", ("CA", "CA-ON"), id="london-ontario"),
        pytest.param("Canada", None, "London", ("CA", None), id="london-canada-no-province"),
        pytest.param(None, "ME", "Portland", ("US", "US-ME"), id="portland-maine-code"),
        pytest.param(None, None, "Portland", (None, None), id="ambiguous-city-alone"),
        pytest.param(None, None, "Kazan, Russia", ("RU", None), id="city-with-country"),
        pytest.param("Russia", None, "Kazan", ("RU", None), id="explicit-russia"),
        pytest.param(None, None, "Paris, Texas, United States", ("US", "US-TX"), id="one-cell"),
        pytest.param(None, None, "Stockholm", ("SE", "SE-AB"), id="table-city-alone"),
        pytest.param(None, None, "California", ("US", "US-CA"), id="state-in-city-cell"),
        pytest.param("Deutschland", "Bayern", "München", ("DE", "DE-BY"), id="german"),
        pytest.param("Germany", "Texas", None, ("DE", None), id="state-not-in-country"),
        pytest.param(None, None, None, (None, None), id="nothing"),
    ],
)
def test_locate_lets_no_city_override_a_given_country_or_state(
    country: str | None,
    subdivision: str | None,
    city: str | None,
    expected: tuple[str | None, str | None],
) -> None:
    """An explicit country wins, a given state is never overridden by a city, and a lone city
    that could be several places is unknown (issue: Paris, Texas read as France)."""
    assert locate(country, subdivision, city) == expected
