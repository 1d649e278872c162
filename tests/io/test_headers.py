"""The header table against the exports people have: every vendor layout maps, none is ambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadsieve.columns import MAPPABLE_COLUMNS
from leadsieve.io import read_leads, suggest_mapping
from leadsieve.io.header_tables import GROUPS, VENDOR_SOURCES
from leadsieve.io.headers import (
    CONTRADICTIONS,
    KNOWN_HEADERS,
    SIGNATURES,
    detect_source,
    lookup,
    render_exports_table,
)
from tests.io.exports import BUILDERS

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"
BEGIN, END = "<!-- BEGIN GENERATED HEADERS -->", "<!-- END GENERATED HEADERS -->"

# Per layout: the detected tool, and the target of every header that matters (None: unmapped).
EXPECTED: dict[str, tuple[str | None, dict[str, str | None]]] = {
    "apollo-people": ("Apollo", {
        "Company": "company_name", "Email": "email", "# Employees": "employees",
        "Person Linkedin Url": "contact_linkedin_url", "Company Linkedin Url": "linkedin_url",
        "Company Country": "country", "Company City": "city", "Departments": "department",
        "Technologies": "technologies", "Latest Funding": "funding_round",
        "Last Raised At": "funding_date", "Latest Funding Amount": "funding_amount",
        "Do Not Call": "do_not_call", "Apollo Contact Id": "record_id",
        "Apollo Account Id": "company_record_id", "SEO Description": "description",
    }),
    "apollo-companies": ("Apollo", {
        "Company": "company_name", "Website": "website", "Industry": "industry",
        "Short Description": "description", "Apollo Account Id": "company_record_id",
        "Last Raised At": "funding_date", "Latest Funding": "funding_round",
        "Latest Funding Amount": "funding_amount", "Technologies": "technologies",
    }),
    "zoominfo-contacts": ("ZoomInfo", {
        "ZoomInfo Contact ID": "record_id", "ZoomInfo Company ID": "company_record_id",
        "Department": "department", "Primary Industry": "industry", "Employees": "employees",
        "Recent Funding Date": "funding_date", "Recent Funding Round": "funding_round",
        "Revenue (in 000s USD)": "revenue_thousands_usd", "Email Address": "email",
        "LinkedIn Company Profile URL": "linkedin_url", "Company Country": "country",
        "Recent Funding Amount (in 000s USD)": None,
    }),
    "salesforce-leads": ("Salesforce", {
        "Id": "record_id", "Name": "full_name", "Company": "company_name",
        "HasOptedOutOfEmail": "email_opt_out", "DoNotCall": "do_not_call",
        "Country": "country", "CompanyDunsNumber": "org_no", "Industry": "industry",
    }),
    "salesforce-contacts": ("Salesforce", {
        "Id": "record_id", "AccountId": "company_record_id", "Department": "department",
        "MailingCountry": "country", "MailingCity": "city", "HasOptedOutOfEmail": "email_opt_out",
        "DoNotCall": "do_not_call", "Name": "full_name",
    }),
    "salesforce-accounts": ("Salesforce Account", {
        "Id": "company_record_id", "Name": "company_name", "BillingCountry": "country",
        "BillingCity": "city", "NumberOfEmployees": "employees", "Industry": "industry",
        "DunsNumber": "org_no",
    }),
    "salesforce-leads-report": ("Salesforce", {
        "Lead ID": "record_id", "Company / Account": "company_name", "Email Opt Out":
        "email_opt_out", "Do Not Call": "do_not_call", "No. of Employees": "employees",
        "State/Province": "subdivision", "Mobile": "phone",
    }),
    "salesforce-leads-de": ("Salesforce", {
        "Lead-ID": "record_id", "Vorname": "first_name", "Nachname": "last_name",
        "Titel": "title", "Firma": "company_name", "Branche": "industry",
        "Anzahl der Mitarbeiter": "employees", "Jahresumsatz": "revenue", "Land": "country",
        "Ort": "city", "Bundesland": "subdivision", "E-Mail": "email", "Telefon": "phone",
        "Webseite": "website", "E-Mail-Opt-out": "email_opt_out", "Nicht anrufen": "do_not_call",
    }),
    "hubspot-contacts": ("HubSpot", {
        "Record ID": "record_id", "Country/Region": "country", "City": "city",
        "Company Name": "company_name", "Job function": "department",
        "Unsubscribed from all email": "email_opt_out", "Website URL": "website",
        "Mobile Phone Number": "phone", "State/Region": "subdivision",
    }),
    "hubspot-companies": ("HubSpot companies", {
        "Record ID": "company_record_id", "Company name": "company_name",
        "Company Domain Name": "domain", "LinkedIn Company Page": "linkedin_url",
        "Country/Region": "country", "Total Money Raised": "funding_amount",
        "Website URL": "website",
    }),
    "linkedin-connections": ("LinkedIn Connections", {
        "URL": "contact_linkedin_url", "Email Address": "email", "Company": "company_name",
        "Position": "title", "Connected On": None,
    }),
    "sales-navigator": ("Sales Navigator (PhantomBuster)", {
        "linkedInProfileUrl": "contact_linkedin_url", "regularCompanyUrl": "linkedin_url",
        "companyUrl": "linkedin_url", "companyName": "company_name", "title": "title",
        "fullName": "full_name", "vmid": "record_id", "companyId": "company_record_id",
        "industry": "industry", "companyLocation": "city",
    }),
    "pipedrive-people": ("Pipedrive", {
        "Person - ID": "record_id", "Organization - ID": "company_record_id",
        "Organization - Name": "company_name", "Person - Email - Work": "email",
        "Organization - Address - Country": "country", "Organization - Industry": "industry",
        "Organization - LinkedIn profile": "linkedin_url", "Person - Job title": "title",
        "Person - Marketing status": "email_opt_out",
    }),
    "zoho-leads": ("Zoho CRM", {
        "Record Id": "record_id", "Company": "company_name", "Email Opt Out": "email_opt_out",
        "No. of Employees": "employees", "Mobile": "phone", "Country": "country",
    }),
    "zoho-accounts": ("Zoho CRM Accounts", {
        "Record Id": "company_record_id", "Account Name": "company_name",
        "Employees": "employees", "Billing Country": "country", "SIC Code": "industry",
    }),
    "dynamics-leads": ("Dynamics 365", {
        "(Do Not Modify) Lead": "record_id", "Name": "full_name", "Company Name": "company_name",
        "Country/Region": "country", "Do not allow Emails": "email_opt_out",
        "Do not allow Phone Calls": "do_not_call", "Business Phone": "phone",
        "(Do Not Modify) Row Checksum": None,
    }),
    "dynamics-accounts": ("Dynamics 365", {
        "(Do Not Modify) Account": "company_record_id", "Account Name": "company_name",
        "Address 1: Country/Region": "country", "Number of Employees": "employees",
    }),
    "close-leads": ("Close", {
        "id": "company_record_id", "display_name": "company_name", "url": "website",
        "primary_contact_primary_email": "email", "primary_address_country": "country",
        "primary_contact_name": "full_name",
    }),
    "lusha-contacts": ("Lusha", {
        "LinkedIn URL": "contact_linkedin_url", "Company LinkedIn URL": "linkedin_url",
        "Company Domain": "domain", "Company Industry": "industry", "Work Email": "email",
        "Company Country": "country", "Company Technologies": "technologies",
    }),
    "cognism-contacts": ("Cognism", {
        "LinkedIn URL": "contact_linkedin_url", "Direct": "phone", "Mobile DNC": "do_not_call",
        "Job Function": "department", "Technographics": "technologies", "NAICS": "industry",
        "Company Industry": "industry",
    }),
    "seamless-contacts": ("Seamless.ai", {
        "Email 1": "email", "Company Name - Cleaned": "company_name",
        "Contact LI Profile URL": "contact_linkedin_url", "Company LI Profile Url":
        "linkedin_url", "Company Staff Count": "employees", "Contact Phone 1": "phone",
    }),
    "clay-people": (None, {
        "LinkedIn Profile": "contact_linkedin_url", "Company Domain": "domain",
        "Work Email": "email", "Full Name": "full_name",
    }),
    "clay-companies": ("Clay", {
        "Name": "company_name", "Primary Industry": "industry", "Size": "employees",
        "Domain": "domain", "LinkedIn URL": "linkedin_url", "Country": "country",
    }),
}  # fmt: skip


def _headers(layout: str, tmp_path: Path) -> list[str]:
    path = tmp_path / f"{layout}.csv"
    path.write_text(BUILDERS[layout](3, 0), encoding="utf-8", newline="")
    return [c for c in read_leads(path).frame.columns if c != "__line__"]


@pytest.mark.parametrize("layout", sorted(EXPECTED))
def test_vendor_layout_maps_without_ambiguity(layout: str, tmp_path: Path) -> None:
    """A vendor's real header set (as read from its file) maps each header that matters to the
    expected column, raises no COLUMN_MAPPING_AMBIGUOUS, and recognises the vendor."""
    headers = _headers(layout, tmp_path)
    source, expected = EXPECTED[layout]
    assert set(expected) <= set(headers)
    assert detect_source(headers) == source
    mapping = suggest_mapping(headers)
    claimed = {h: getattr(lookup(h, source), "target", None) for h in expected}
    assert claimed == expected
    for header, target in expected.items():
        if target is None:
            assert header not in mapping.targets
        else:  # the winner, or a loser read where the winner's cell is empty
            assert mapping.targets.get(header) == target or target in mapping.reasons[header]
    assert len(set(mapping.targets.values())) == len(mapping.targets)


@pytest.mark.parametrize("layout", sorted(EXPECTED))
def test_no_equal_ranks_for_one_target_in_a_layout(layout: str, tmp_path: Path) -> None:
    """No two headers of one vendor layout claim a target with the same rank (the importer's
    per-row fallbacks then have one order)."""
    headers = _headers(layout, tmp_path)
    source = detect_source(headers)
    seen: dict[tuple[str, int], str] = {}
    for header in headers:
        known = lookup(header, source)
        if known is None:
            continue
        other = seen.setdefault((known.target, known.rank), header)
        assert other == header, f"{other!r} and {header!r} both {known.target}/{known.rank}"


# Localized Salesforce and HubSpot UI exports: header -> target (all must map, none ambiguous).
LOCALIZED: dict[str, dict[str, str]] = {
    "de-hubspot": {
        "Datensatz-ID": "record_id", "Vorname": "first_name", "Nachname": "last_name",
        "E-Mail": "email", "Telefonnummer": "phone", "Jobtitel": "title",
        "Name des Unternehmens": "company_name", "Land/Region": "country", "Stadt": "city",
        "Bundesland/Region": "subdivision", "Branche": "industry", "Jahresumsatz": "revenue",
        "Von allen E-Mails abgemeldet": "email_opt_out",
    },
    "fr-salesforce": {
        "ID de piste": "record_id", "Prénom": "first_name", "Nom": "last_name",
        "Titre": "title", "Société": "company_name", "Secteur d'activité": "industry",
        "Nombre d'employés": "employees", "Chiffre d'affaires annuel": "revenue",
        "Pays": "country", "Ville": "city", "État/Province": "subdivision", "E-mail": "email",
        "Téléphone": "phone", "Portable": "phone", "Site Web": "website",
        "Désinscription des e-mails": "email_opt_out", "Ne pas appeler": "do_not_call",
    },
    "es-salesforce": {
        "Nombre": "first_name", "Apellidos": "last_name", "Cargo": "title",
        "Compañía": "company_name", "Sector": "industry", "Número de empleados": "employees",
        "Ingresos anuales": "revenue", "País": "country", "Ciudad": "city",
        "Correo electrónico": "email", "Teléfono": "phone", "No llamar": "do_not_call",
    },
    "pt-hubspot": {
        "ID do registro": "record_id", "Nome": "first_name", "Sobrenome": "last_name",
        "Cargo": "title", "Nome da empresa": "company_name", "Setor": "industry",
        "Número de funcionários": "employees", "Receita anual": "revenue",
        "País/Região": "country", "Cidade": "city", "Email": "email", "Telefone": "phone",
    },
    "it-salesforce": {
        "Nome": "first_name", "Cognome": "last_name", "Qualifica": "title",
        "Società": "company_name", "Settore": "industry", "Numero di dipendenti": "employees",
        "Fatturato annuo": "revenue", "Paese": "country", "Città": "city",
        "Email": "email", "Telefono": "phone", "Cellulare": "phone", "Non chiamare":
        "do_not_call",
    },
    "nl-hubspot": {
        "Voornaam": "first_name", "Achternaam": "last_name", "Functie": "title",
        "Bedrijfsnaam": "company_name", "Branche": "industry", "Aantal werknemers": "employees",
        "Jaaromzet": "revenue", "Land/regio": "country", "Plaats": "city", "E-mail": "email",
        "Telefoonnummer": "phone", "Website": "website",
    },
    "sv-salesforce": {
        "Förnamn": "first_name", "Efternamn": "last_name", "Befattning": "title",
        "Företag": "company_name", "Bransch": "industry", "Antal anställda": "employees",
        "Årsomsättning": "revenue", "Land": "country", "Stad": "city", "Län": "subdivision",
        "E-post": "email", "Telefonnummer": "phone", "Webbplats": "website",
        "Ring inte": "do_not_call",
    },
}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(LOCALIZED))
def test_localized_ui_exports_map(layout: str) -> None:
    """Salesforce and HubSpot exports from a German, French, Spanish, Portuguese, Italian,
    Dutch or Swedish UI map every header to its column (the best one when two share it)."""
    expected = LOCALIZED[layout]
    mapping = suggest_mapping(list(expected))
    for header, target in expected.items():
        assert header in mapping.targets or target in mapping.reasons[header], header
    assert set(mapping.targets.values()) == set(expected.values())


@pytest.mark.parametrize(
    ("header", "source", "specific"),
    [
        pytest.param("Primary Sub-Industry", "ZoomInfo", True, id="zoominfo-sub-industry"),
        pytest.param("NAICS Code 1", "ZoomInfo", True, id="zoominfo-naics"),
        pytest.param("SIC Code 1", "ZoomInfo", True, id="zoominfo-sic"),
        pytest.param("GICS Sub-Industry", "S&P 500 list", True, id="gics-sub-industry"),
        pytest.param("NaicsCode", "Salesforce Account", True, id="salesforce-naics"),
        pytest.param("Primary Industry", "ZoomInfo", False, id="zoominfo-primary"),
        pytest.param("GICS Sector", "S&P 500 list", False, id="gics-sector"),
        pytest.param("Industry", "Apollo", False, id="apollo-industry"),
    ],
)
def test_specific_industry_headers_are_marked(header: str, source: str, specific: bool) -> None:
    """Headers with a finer industry than the vendor's main column are ``specific``, and all
    of them still target ``industry``."""
    known = lookup(header, source)
    assert known is not None
    assert (known.target, known.specific) == ("industry", specific)


def test_zoominfo_ranks_give_the_fallback_order() -> None:
    """ZoomInfo: Department before Job Function; Primary Industry before its sub-industry
    before NAICS before SIC (the order empty cells fall back in)."""
    rank = {h: lookup(h, "ZoomInfo").rank for h in (  # type: ignore[union-attr]
        "Department", "Job Function", "Primary Industry", "Primary Sub-Industry",
        "NAICS Code 1", "SIC Code 1")}  # fmt: skip
    assert rank["Department"] > rank["Job Function"]
    assert (rank["Primary Industry"] > rank["Primary Sub-Industry"] > rank["NAICS Code 1"]
            > rank["SIC Code 1"])  # fmt: skip


def test_header_table_has_no_contradictions() -> None:
    """No header is listed twice with different meanings; every target is mappable; every
    vendor named as a source has a signature and a documented source."""
    assert CONTRADICTIONS == ()
    for entries in KNOWN_HEADERS.values():
        assert all(e.target in MAPPABLE_COLUMNS for e in entries)
    vendors = {s for group in GROUPS for s in group.sources}
    assert vendors <= set(SIGNATURES)
    assert vendors <= set(VENDOR_SOURCES)


def test_every_fact_column_has_headers() -> None:
    """Each vendor fact target of columns.py is fed by at least one known header."""
    targets = {e.target for found in KNOWN_HEADERS.values() for e in found}
    facts = {"record_id", "company_record_id", "funding_date", "funding_round",
             "funding_amount", "hiring", "email_opt_out", "do_not_call", "do_not_contact"}  # fmt: skip
    assert facts <= targets


def test_docs_exports_table_is_current() -> None:
    """docs/exports.md holds exactly the table the header table renders (regenerate with
    ``python scripts/build_exports_doc.py``)."""
    text = DOC.read_text("utf-8")
    generated = text.partition(BEGIN)[2].partition(END)[0]
    assert generated.strip() == render_exports_table().strip()


def test_builders_are_deterministic_and_sized() -> None:
    """A builder gives the same text for the same seed, another for another seed, and one
    record per requested row."""
    for build in BUILDERS.values():
        assert build(5, 1) == build(5, 1)
        assert build(5, 1) != build(5, 2)
        assert len(build(7, 0).splitlines()) >= 8


# Header rows of other real layouts (no builder): tool detected, and header -> claimed target.
HEADER_ONLY: dict[str, tuple[str, dict[str, str | None]]] = {
    "salesforce-contacts-report": ("Salesforce", {
        "Contact ID": "record_id", "Account ID": "company_record_id",
        "Account Name": "company_name", "First Name": "first_name", "Title": "title",
        "Department": "department", "Email": "email", "Phone": "phone", "Mobile": "phone",
        "Mailing City": "city", "Mailing State/Province": "subdivision",
        "Mailing Country": "country", "Email Opt Out": "email_opt_out",
        "Do Not Call": "do_not_call", "Lead Source": None, "Contact Owner": None,
    }),
    "salesforce-accounts-report": ("Salesforce Account", {
        "Account ID": "company_record_id", "Account Name": "company_name", "Type": None,
        "Industry": "industry", "Annual Revenue": "revenue", "Employees": "employees",
        "Billing City": "city", "Billing State/Province": "subdivision",
        "Billing Zip/Postal Code": None, "Billing Country": "country", "Website": "website",
        "SIC Code": "industry", "D-U-N-S Number": "org_no", "Account Owner": None,
    }),
    "hubspot-contacts-internal": ("HubSpot", {
        "hs_object_id": "record_id", "firstname": "first_name", "lastname": "last_name",
        "email": "email", "jobtitle": "title", "company": "company_name", "country": "country",
        "hs_email_optout": "email_opt_out", "hs_linkedin_url": "contact_linkedin_url",
        "lifecyclestage": None,
    }),
    "hubspot-companies-internal": ("HubSpot companies", {
        "hs_object_id": "company_record_id", "name": "company_name", "domain": "domain",
        "industry": "industry", "numberofemployees": "employees", "annualrevenue": "revenue",
        "country": "country", "linkedin_company_page": "linkedin_url",
        "total_money_raised": "funding_amount",
    }),
    "dynamics-contacts": ("Dynamics 365", {
        "(Do Not Modify) Contact": "record_id", "Full Name": "full_name",
        "Company Name": "company_name", "Email": "email", "Business Phone": "phone",
        "Job Title": "title", "Address 1: City": "city",
        "Address 1: Country/Region": "country", "Do not allow Emails": "email_opt_out",
        "(Do Not Modify) Row Checksum": None,
    }),
}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(HEADER_ONLY))
def test_header_only_layouts_map(layout: str) -> None:
    """Salesforce Contact and Account reports, HubSpot exports by internal name and Dynamics
    contacts: the tool is recognised, each header claims its column, nothing is ambiguous."""
    source, expected = HEADER_ONLY[layout]
    headers = list(expected)
    assert detect_source(headers) == source
    claimed = {h: getattr(lookup(h, source), "target", None) for h in headers}
    assert claimed == expected
    mapping = suggest_mapping(headers)
    for header, target in expected.items():
        if target is not None:
            assert mapping.targets.get(header) == target or target in mapping.reasons[header]
