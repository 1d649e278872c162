"""Mapping export headers onto canonical columns: vendors, priorities, overrides, errors."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.columns import MAPPABLE_COLUMNS
from leadsieve.errors import ColumnMappingAmbiguous, ColumnMappingInvalid, NoUsableColumns
from leadsieve.io import (
    LINE_COLUMN,
    ColumnMapping,
    canonical_frame,
    parse_map_overrides,
    read_leads,
    require_usable,
    suggest_mapping,
)
from leadsieve.io.headers import _GROUPS, KNOWN_HEADERS, SIGNATURES


def headers(text: str) -> list[str]:
    """Headers of a comma-separated header line."""
    return text.split(",")


APOLLO = headers(
    "First Name,Last Name,Title,Company,Company Name for Emails,Email,Email Status,Seniority,"
    "Departments,Work Direct Phone,Mobile Phone,Corporate Phone,# Employees,Industry,Keywords,"
    "Person Linkedin Url,Website,Company Linkedin Url,City,State,Country,Company City,"
    "Company State,Company Country,Company Phone,Technologies,Annual Revenue,Secondary Email,"
    "Apollo Contact Id,Apollo Account Id"
)
ZOOMINFO = headers(
    "ZoomInfo Contact ID,Last Name,First Name,Job Title,Management Level,Job Function,"
    "Department,Direct Phone Number,Email Address,Mobile phone,LinkedIn Contact Profile URL,"
    "Person City,Person State,Country,ZoomInfo Company ID,Company Name,Company Description,"
    "Website,Revenue (in 000s USD),Revenue Range (in USD),Employees,Employee Range,SIC Code 1,"
    "NAICS Code 1,Primary Industry,Primary Sub-Industry,LinkedIn Company Profile URL,"
    "Company City,Company State,Company Country"
)
SALESFORCE = headers(
    "FirstName,LastName,Name,Company,Title,Industry,NumberOfEmployees,AnnualRevenue,Website,"
    "CompanyDunsNumber,City,State,Country,Email,LeadSource"
)
HUBSPOT_NAMES = headers(
    "name,domain,industry,numberofemployees,annualrevenue,city,country,state,description,"
    "email,firstname,lastname,jobtitle,phone,website,linkedin_company_page,hs_linkedin_url"
)
HUBSPOT_LABELS = ["Company name", "Number of Employees", "Annual Revenue", "Job Title"]
LINKEDIN = headers("First Name,Last Name,URL,Email Address,Company,Position,Connected On")
MARKETO = headers("firstName,company,annualRevenue,billingCountry,department,email,country")
USBIZDATA = headers(
    "Company Name,Contact Name,Email Address,City,State,Website URL,Number of Employees,"
    "Annual Revenue,SIC Code,SIC Description"
)
YC = headers(
    "company_id,company_name,short_description,long_description,batch,status,tags,location,"
    "country,year_founded,num_founders,founders_names,team_size,website,cb_url,linkedin_url"
)
SP500 = "Symbol,Security,GICS Sector,GICS Sub-Industry,Headquarters Location,Date added,CIK"
PLAIN = ["company_name", "domain", "employees", "country", "email", "title", "signals"]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(APOLLO, {
            "Company": "company_name", "Email": "email", "# Employees": "employees",
            "Person Linkedin Url": "contact_linkedin_url", "Company Linkedin Url": "linkedin_url",
            "Company Country": "country", "Company State": "subdivision", "Company City": "city",
            "Departments": "department", "Work Direct Phone": "phone", "Title": "title",
            "Annual Revenue": "revenue", "Technologies": "technologies",
        }, id="apollo"),
        pytest.param(ZOOMINFO, {
            "Company Name": "company_name", "Email Address": "email", "Employees": "employees",
            "Revenue (in 000s USD)": "revenue_thousands_usd", "Revenue Range (in USD)": "revenue",
            "Primary Industry": "industry", "Management Level": "seniority",
            "Department": "department", "Company Country": "country", "Job Title": "title",
            "LinkedIn Company Profile URL": "linkedin_url",
            "LinkedIn Contact Profile URL": "contact_linkedin_url",
        }, id="zoominfo"),
        pytest.param(SALESFORCE, {
            "FirstName": "first_name", "Name": "full_name", "Company": "company_name",
            "NumberOfEmployees": "employees", "AnnualRevenue": "revenue",
            "CompanyDunsNumber": "org_no", "State": "subdivision",
        }, id="salesforce-lead"),
        pytest.param(HUBSPOT_NAMES, {
            "name": "company_name", "domain": "domain", "numberofemployees": "employees",
            "annualrevenue": "revenue", "jobtitle": "title", "firstname": "first_name",
            "linkedin_company_page": "linkedin_url", "hs_linkedin_url": "contact_linkedin_url",
            "state": "subdivision",
        }, id="hubspot-internal-names"),
        pytest.param(HUBSPOT_LABELS, {
            "Company name": "company_name", "Number of Employees": "employees",
            "Annual Revenue": "revenue", "Job Title": "title",
        }, id="hubspot-labels"),
        pytest.param(LINKEDIN, {
            "URL": "contact_linkedin_url", "Email Address": "email", "Company": "company_name",
            "Position": "title", "First Name": "first_name",
        }, id="linkedin-connections"),
        pytest.param(MARKETO, {
            "billingCountry": "country", "company": "company_name",
            "annualRevenue": "revenue", "department": "department",
        }, id="marketo"),
        pytest.param(USBIZDATA, {
            "Contact Name": "full_name", "Website URL": "website", "SIC Description": "industry",
            "Number of Employees": "employees", "State": "subdivision",
        }, id="usbizdata"),
        pytest.param(YC, {
            "company_name": "company_name", "long_description": "description",
            "tags": "keywords", "team_size": "employees", "location": "city",
            "linkedin_url": "linkedin_url", "country": "country", "website": "website",
        }, id="yc-directory"),
        pytest.param(headers(SP500), {
            "Security": "company_name", "GICS Sector": "industry",
            "Headquarters Location": "city", "CIK": "org_no",
        }, id="sp500"),
        pytest.param(PLAIN, {h: h for h in PLAIN}, id="plain-names"),
    ],
)  # fmt: skip
def test_vendor_headers_map_to_canonical_columns(
    headers: list[str], expected: dict[str, str]
) -> None:
    """Known export headers map to the canonical column DESIGN.md names."""
    mapping = suggest_mapping(headers)
    assert {h: mapping.targets.get(h) for h in expected} == expected
    assert set(mapping.targets) | _backups(mapping) | set(mapping.unmapped) == set(headers)
    assert len(set(mapping.targets.values())) == len(mapping.targets)


def _backups(mapping: ColumnMapping) -> set[str]:
    """The headers read as fallbacks or refinements of a mapped target."""
    both = (*mapping.fallbacks.values(), *mapping.refinements.values())
    return {h for headers in both for h in headers}


@pytest.mark.parametrize(
    ("headers", "winner", "loser"),
    [
        pytest.param(["Company Name for Emails", "Company Name"], "Company Name",
                     "Company Name for Emails", id="company-name-over-for-emails"),
        pytest.param(["Secondary Email", "Email", "Email Status"], "Email", "Secondary Email",
                     id="email-over-secondary"),
        pytest.param(["Country", "Company Country"], "Company Country", "Country",
                     id="company-country-over-person"),
        pytest.param(["State", "Company State"], "Company State", "State",
                     id="company-state-over-person"),
        pytest.param(["Person City", "Company City"], "Company City", "Person City",
                     id="company-city-over-person"),
        pytest.param(["Employee Range", "Employees"], "Employees", "Employee Range",
                     id="employees-over-range"),
        pytest.param(["NAICS Code 1", "Industry"], "Industry", "NAICS Code 1",
                     id="industry-name-over-naics"),
        pytest.param(["SIC Code", "Primary Industry"], "Primary Industry", "SIC Code",
                     id="industry-name-over-sic"),
        pytest.param(["SIC Code 1", "NAICS Code 1"], "NAICS Code 1", "SIC Code 1",
                     id="naics-over-sic"),
        pytest.param(["GICS Sector", "GICS Sub-Industry"], "GICS Sector", "GICS Sub-Industry",
                     id="gics-sub-industry-refines-sector"),
        pytest.param(["short_description", "long_description"], "long_description",
                     "short_description", id="long-description-over-short"),
        pytest.param(["Job Function", "Department"], "Department", "Job Function",
                     id="department-over-function"),
    ],
)  # fmt: skip
def test_priorities_settle_several_headers_for_one_target(
    headers: list[str], winner: str, loser: str
) -> None:
    """The preferred header wins; the other backs it up where its cell is empty, or refines
    it (a code under an industry name), with a reason that says which."""
    mapping = suggest_mapping(headers)
    assert winner in mapping.targets
    target = mapping.targets[winner]
    if loser in ("Secondary Email",):
        assert loser in mapping.unmapped
        assert mapping.reasons[loser] == "not mapped: kept as is"
    elif loser in mapping.refinements.get(target, ()):
        assert loser in ("NAICS Code 1", "SIC Code", "GICS Sub-Industry")
        assert mapping.reasons[loser].startswith(f"refines {target}")
    else:
        assert mapping.fallbacks[target] == (loser,)
        assert mapping.reasons[loser] == f"fallback for {target} where {winner!r} is empty"


@pytest.mark.parametrize(
    ("headers", "naics_target"),
    [
        pytest.param(["NAICS Code 1", "Company Name"], "industry", id="code-when-no-name"),
        pytest.param(["NAICS Code 1", "Primary Industry"], None, id="no-code-when-name"),
    ],
)
def test_industry_codes_only_without_an_industry_name(
    headers: list[str], naics_target: str | None
) -> None:
    """NAICS/SIC code columns map to industry only when no industry-name column exists."""
    assert suggest_mapping(headers).targets.get("NAICS Code 1") == naics_target


@pytest.mark.parametrize(
    ("headers", "header", "reason"),
    [
        pytest.param(APOLLO, "Email", "Apollo export header", id="apollo"),
        pytest.param(ZOOMINFO, "Employees", "ZoomInfo export header", id="zoominfo"),
        pytest.param(["company_name", "email"], "company_name", "plain name", id="plain"),
        pytest.param(["Email", "Name"], "Email", "plain name", id="plain-title-case"),
        pytest.param(["Comapny Name"], "Comapny Name", "similar to 'Company Name'", id="typo"),
        pytest.param(["Stage"], "Stage", "not mapped: kept as is", id="unknown"),
        pytest.param(["Headcount"], "Headcount", "common name for employees", id="synonym"),
    ],
)
def test_every_header_gets_a_reason(headers: list[str], header: str, reason: str) -> None:
    """Reasons say where a mapping comes from, in the order of the file's headers."""
    mapping = suggest_mapping(headers)
    assert mapping.reasons[header] == reason
    assert list(mapping.reasons) == headers


def test_equal_rank_claims_are_ambiguous() -> None:
    """Two equally good headers for one target raise, naming both and how to pick with --map."""
    with pytest.raises(ColumnMappingAmbiguous) as caught:
        suggest_mapping(["Email", "Email Address", "Website", "website"])
    text = str(caught.value)
    assert "'Email' and 'Email Address' both look like email" in text
    assert "'Website' and 'website'" in text
    assert "--map" in text
    assert [p.path for p in caught.value.problems] == ["email", "website"]


def test_tied_fuzzy_guesses_are_left_out() -> None:
    """Two typos equally close to one header are not a reason to stop: both stay unmapped."""
    mapping = suggest_mapping(["Emaill", "Emails"])
    assert mapping.targets == {}
    assert "look like email" in mapping.reasons["Emaill"]


@pytest.mark.parametrize(
    ("overrides", "targets", "reason"),
    [
        pytest.param({"Notes": "description"}, {"Notes": "description", "Email": "email"},
                     "override (--map)", id="map-a-column"),
        pytest.param({"Email": None}, {}, "not mapped: --map", id="unmap-a-column"),
        pytest.param({"Notes": "email"}, {"Notes": "email"}, "override (--map)",
                     id="override-displaces-auto"),
        pytest.param({"Email": "Contact LinkedIn URL"}, {"Email": "contact_linkedin_url"},
                     "override (--map)", id="target-spelled-loosely"),
    ],
)  # fmt: skip
def test_overrides_win(
    overrides: dict[str, str | None], targets: dict[str, str], reason: str
) -> None:
    """--map entries map or unmap columns and take targets away from automatic guesses."""
    mapping = suggest_mapping(["Email", "Notes"], overrides)
    assert mapping.targets == targets
    assert mapping.reasons[next(iter(overrides))] == reason
    if "Notes" in overrides and overrides["Notes"] == "email":
        assert mapping.reasons["Email"] == "not mapped: --map gives email to 'Notes'"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param(["Job Title=title"], {"Job Title": "title"}, id="map"),
        pytest.param(["Notes="], {"Notes": None}, id="unmap"),
        pytest.param([" Job Title = title "], {"Job Title": "title"}, id="spaces"),
        pytest.param(["a=b=company_name"], {"a=b": "company_name"}, id="equals-in-source"),
        pytest.param(["Firma=Company Name"], {"Firma": "company_name"}, id="loose-target"),
        pytest.param([], {}, id="none"),
    ],
)
def test_parse_map_overrides(items: list[str], expected: dict[str, str | None]) -> None:
    """SOURCE=TARGET items parse to a dict; an empty target means leave the column out."""
    assert parse_map_overrides(items) == expected


def test_bad_overrides_are_reported_together() -> None:
    """Every malformed item and unknown target is listed at once, with suggestions."""
    with pytest.raises(ColumnMappingInvalid) as caught:
        parse_map_overrides(["bad", "=title", "X=compnay_name", "A=email", "B=email", "A=title"])
    problems = {p.path: p for p in caught.value.problems}
    assert set(problems) == {"bad", "=title", "X=compnay_name", "A=title", "B=email"}
    assert "'company_name'" in str(problems["X=compnay_name"].hint)
    assert "4 problems" not in str(caught.value)
    assert "5 problems" in str(caught.value)


def test_override_for_a_missing_column_suggests_near_headers() -> None:
    """An override naming a column the file lacks suggests the nearest headers."""
    with pytest.raises(ColumnMappingInvalid) as caught:
        suggest_mapping(["Job Titel", "Email"], {"Job Title": "title", "Email": "nope"})
    problems = {p.path: p for p in caught.value.problems}
    assert "'Job Titel'" in str(problems["Job Title"].hint)
    assert "unknown target 'nope'" in problems["Email=nope"].message


def test_canonical_for_finds_the_source() -> None:
    """canonical_for gives the source header of a target, or None."""
    mapping = suggest_mapping(["Company", "Email"])
    assert mapping.canonical_for("company_name") == "Company"
    assert mapping.canonical_for("phone") is None


def test_canonical_frame_selects_and_renames_without_touching_the_source() -> None:
    """One column per target, in canonical order, same rows; the source frame is unchanged."""
    frame = pl.DataFrame(
        {"Email": ["a@x.se", None], "Company": ["Acme", "Beta"], "Zip": ["00123", "1"]}
    ).with_columns(pl.Series(LINE_COLUMN, [2, 3]))
    before = frame.clone()
    mapping = suggest_mapping(frame.columns)
    out = canonical_frame(frame, mapping)
    assert out.columns == ["company_name", "email"]
    assert out.rows() == [("Acme", "a@x.se"), ("Beta", None)]
    assert frame.equals(before)


def test_canonical_frame_rejects_a_mapping_for_other_columns() -> None:
    """A mapping naming columns the frame lacks is invalid."""
    with pytest.raises(ColumnMappingInvalid):
        canonical_frame(pl.DataFrame({"a": ["1"]}), suggest_mapping(["Email"]))


def test_require_usable() -> None:
    """A file with nothing scorable raises, listing its columns and pointing at --map."""
    require_usable(suggest_mapping(["Email"]), ["Email"])
    headers = ["First Name", "Connected On", "Notes"]
    with pytest.raises(NoUsableColumns) as caught:
        require_usable(suggest_mapping(headers), headers)
    text = str(caught.value)
    assert "'Connected On'" in text
    assert "company_name" in text
    assert "--map" in text


@pytest.mark.parametrize(
    ("fixture", "targets"),
    [
        pytest.param("yc_sample", {"company_name", "description", "employees"}, id="yc"),
        pytest.param("sp500_sample", {"company_name", "industry", "city"}, id="sp500"),
    ],
)
def test_real_files_read_and_map(
    request: pytest.FixtureRequest, fixture: str, targets: set[str]
) -> None:
    """Real exports read, map and yield a canonical frame of the same height."""
    lead_file = read_leads(request.getfixturevalue(fixture))
    mapping = suggest_mapping(lead_file.frame.columns)
    require_usable(mapping, lead_file.frame.columns)
    out = canonical_frame(lead_file.frame, mapping)
    assert targets <= set(out.columns)
    assert out.height == lead_file.frame.height
    assert LINE_COLUMN not in mapping.reasons


def test_header_table_is_consistent() -> None:
    """Every known header targets a mappable column, once per vendor restriction."""
    for entries in KNOWN_HEADERS.values():
        assert len({e.only_for for e in entries}) == len(entries)
        assert all(e.target in MAPPABLE_COLUMNS for e in entries)
    vendors = {s for group in _GROUPS for s in group[2]}
    assert vendors <= set(SIGNATURES)


@given(st.lists(st.sampled_from([*APOLLO, *ZOOMINFO, *YC, "Notes", "x"]), unique=True))
def test_mapping_is_a_partial_injection(headers: list[str]) -> None:
    """Each header is mapped or unmapped, never both; no target is fed twice."""
    try:
        mapping = suggest_mapping(headers)
    except ColumnMappingAmbiguous:
        return
    assert set(mapping.targets).isdisjoint(mapping.unmapped)
    assert set(mapping.targets).isdisjoint(_backups(mapping))
    assert set(mapping.targets) | _backups(mapping) | set(mapping.unmapped) == set(headers)
    assert len(set(mapping.targets.values())) == len(mapping.targets)
    assert list(mapping.reasons) == headers


def test_line_column_is_ignored() -> None:
    """The ``__line__`` column added by the reader is never mapped nor listed."""
    mapping = suggest_mapping(["Email", LINE_COLUMN])
    assert LINE_COLUMN not in mapping.reasons
    assert mapping.unmapped == ()


def test_an_empty_preferred_cell_takes_the_next_candidate() -> None:
    """ZoomInfo's empty Department takes Job Function in that row only; a filled one wins."""
    frame = pl.DataFrame(
        {
            "Department": ["Sales", "", None, "  "],
            "Job Function": ["Finance", "Engineering", "Marketing", None],
        }
    )
    mapping = suggest_mapping(list(frame.columns))
    out = canonical_frame(frame, mapping)
    assert out["department"].to_list() == ["Sales", "Engineering", "Marketing", None]


def test_a_specific_industry_refines_the_broad_label_per_row() -> None:
    """A sub-industry or NAICS code is read after the broad label as "A > B", per row."""
    frame = pl.DataFrame(
        {
            "Primary Industry": ["Business Services", "Retail", None, ""],
            "NAICS Code": ["541511", None, "522110", None],
        }
    )
    mapping = suggest_mapping(list(frame.columns))
    assert mapping.targets == {"Primary Industry": "industry"}
    assert mapping.refinements == {"industry": ("NAICS Code",)}
    out = canonical_frame(frame, mapping)
    assert out["industry"].to_list() == ["Business Services > 541511", "Retail", "522110", None]


def test_an_override_keeps_no_fallbacks() -> None:
    """A column chosen with --map is the only source of its target: the user said which."""
    mapping = suggest_mapping(["Department", "Job Function"], {"Job Function": "department"})
    assert mapping.targets == {"Job Function": "department"}
    assert mapping.fallbacks == {}
    assert "Department" in mapping.unmapped
