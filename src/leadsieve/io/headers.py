"""Column headers of real lead exports and the canonical column each one maps to.

Sources: shared/data/export_headers.md (Apollo, ZoomInfo, Salesforce Lead, HubSpot, LinkedIn
Connections.csv, Marketo, USBizData, Seamless.ai, Salesgenie) and the headers of the YC directory
and S&P 500 CSVs. Headers are compared after ``normalize_header`` (case, spaces, punctuation and
accents ignored), so "First Name", "first_name" and "FirstName" are one key.

``rank`` settles several headers claiming one target: the highest rank wins and equal ranks are
ambiguous. 40 = the column a vendor means for it; 30 = a good synonym or a person-level value
where we prefer the company's; 20 and below = a fallback (a range, a code, a secondary field).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

APOLLO: Final = "Apollo"
ZOOMINFO: Final = "ZoomInfo"
SALESFORCE: Final = "Salesforce"
HUBSPOT: Final = "HubSpot"
LINKEDIN: Final = "LinkedIn Connections"
MARKETO: Final = "Marketo"
USBIZDATA: Final = "USBizData"
YC: Final = "YC directory"
SP500: Final = "S&P 500 list"
SEAMLESS: Final = "Seamless.ai"
SALESGENIE: Final = "Salesgenie"


@dataclass(frozen=True, slots=True)
class KnownHeader:
    """A header seen in real exports: its target, rank, vendors, and a vendor it is limited to."""

    header: str
    target: str
    rank: int
    sources: tuple[str, ...] = ()
    only_for: str | None = None
    #: A finer value for its target than the vendor's main column (a sub-industry, a NAICS
    #: code): combined with the main column per row instead of standing in for it.
    specific: bool = False


def normalize_header(header: str) -> str:
    """Lower-case ASCII letters and digits only: "Revenue (in 000s USD)" -> "revenuein000susd"."""
    folded = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^0-9a-z]+", "", folded)


# (target, rank, sources, headers, only_for)
_GROUPS: Final[tuple[tuple[str, int, tuple[str, ...], tuple[str, ...], str | None], ...]] = (
    ("company_name", 40, (APOLLO, ZOOMINFO, USBIZDATA, HUBSPOT, YC), ("Company Name",), None),
    ("company_name", 40, (SEAMLESS,), ("Company Name - Cleaned",), None),
    ("company_name", 40, (SP500,), ("Security",), SP500),
    ("company_name", 30, (APOLLO, SALESFORCE, LINKEDIN, MARKETO), ("Company",), None),
    ("company_name", 30, (), ("Account Name", "Organization", "Organization Name"), None),
    ("company_name", 10, (APOLLO,), ("Company Name for Emails",), None),
    ("company_name", 5, (HUBSPOT,), ("name",), None),
    ("domain", 40, (HUBSPOT,), ("domain",), None),
    ("domain", 40, (), ("Company Domain", "Website Domain", "Domain Name"), None),
    ("website", 40, (APOLLO, ZOOMINFO, SALESFORCE, HUBSPOT, MARKETO, YC), ("Website",), None),
    ("website", 40, (USBIZDATA,), ("Website URL",), None),
    ("website", 40, (), ("Company Website", "Homepage", "Company URL"), None),
    ("website", 10, (), ("URL",), None),
    ("linkedin_url", 40, (APOLLO,), ("Company Linkedin Url",), None),
    ("linkedin_url", 40, (ZOOMINFO,), ("LinkedIn Company Profile URL",), None),
    ("linkedin_url", 40, (HUBSPOT,), ("linkedin_company_page",), None),
    ("linkedin_url", 40, (YC,), ("linkedin_url",), None),
    ("linkedin_url", 30, (), ("Company LinkedIn", "LinkedIn Company URL"), None),
    ("contact_linkedin_url", 40, (APOLLO,), ("Person Linkedin Url",), None),
    ("contact_linkedin_url", 40, (ZOOMINFO,), ("LinkedIn Contact Profile URL",), None),
    ("contact_linkedin_url", 40, (HUBSPOT,), ("hs_linkedin_url",), None),
    ("contact_linkedin_url", 40, (SEAMLESS,), ("Contact LI Profile URL",), None),
    ("contact_linkedin_url", 40, (LINKEDIN,), ("URL",), LINKEDIN),
    ("contact_linkedin_url", 40, (), ("contact_linkedin_url", "LinkedIn Profile URL"), None),
    ("contact_linkedin_url", 30, (), ("LinkedIn Profile", "Person LinkedIn"), None),
    ("org_no", 40, (), ("org_no", "Organization Number", "Org Number", "Orgnr"), None),
    ("org_no", 40, (), ("Registration Number", "Company Registration Number"), None),
    ("org_no", 30, (SALESFORCE,), ("CompanyDunsNumber",), None),
    ("org_no", 30, (), ("DUNS", "DUNS Number"), None),
    ("org_no", 30, (SP500,), ("CIK",), None),
    ("industry", 40, (APOLLO, SALESFORCE, HUBSPOT, MARKETO), ("Industry",), None),
    ("industry", 40, (ZOOMINFO,), ("Primary Industry",), None),
    ("industry", 40, (SP500,), ("GICS Sub-Industry",), None),
    ("industry", 40, (USBIZDATA,), ("SIC Description",), None),
    ("industry", 30, (SP500,), ("GICS Sector",), None),
    ("industry", 30, (ZOOMINFO,), ("Primary Sub-Industry",), None),
    ("industry", 30, (), ("Sector", "Industry Name", "Vertical"), None),
    ("industry", 12, (ZOOMINFO,), ("NAICS Code 1",), None),
    ("industry", 12, (), ("NAICS Code", "NAICS"), None),
    ("industry", 11, (ZOOMINFO, USBIZDATA), ("SIC Code 1", "SIC Code"), None),
    ("industry", 11, (SALESGENIE,), ("Primary SIC",), None),
    ("industry", 11, (), ("SIC",), None),
    ("employees", 40, (APOLLO, ZOOMINFO), ("Employees",), None),  # also "# Employees"
    ("employees", 40, (SALESFORCE, HUBSPOT, USBIZDATA, MARKETO), ("NumberOfEmployees",), None),
    ("employees", 40, (HUBSPOT,), ("NOOFEMPLOYEES",), None),
    ("employees", 40, (YC,), ("team_size",), None),
    (
        "employees",
        30,
        (),
        ("Employee Count", "Headcount", "Company Size", "Company Headcount"),
        None,
    ),
    ("employees", 20, (ZOOMINFO,), ("Employee Range",), None),
    ("revenue", 40, (APOLLO, SALESFORCE, HUBSPOT, USBIZDATA, MARKETO), ("Annual Revenue",), None),
    ("revenue", 40, (), ("revenue",), None),
    ("revenue", 30, (SALESGENIE,), ("Location Sales Volume",), None),
    ("revenue", 30, (), ("Sales Volume", "Turnover", "Annual Sales"), None),
    ("revenue", 20, (ZOOMINFO,), ("Revenue Range (in USD)",), None),
    ("revenue_thousands_usd", 40, (ZOOMINFO,), ("Revenue (in 000s USD)",), None),
    ("revenue_thousands_usd", 40, (), ("revenue_thousands_usd",), None),
    ("revenue_currency", 40, (), ("revenue_currency", "Currency"), None),
    ("revenue_currency", 40, (SALESFORCE,), ("CurrencyIsoCode",), None),
    ("country", 40, (APOLLO, ZOOMINFO), ("Company Country",), None),
    ("country", 40, (MARKETO,), ("billingCountry",), None),
    ("country", 40, (), ("HQ Country", "Headquarters Country"), None),
    ("country", 30, (APOLLO, ZOOMINFO, SALESFORCE, HUBSPOT, MARKETO, YC), ("Country",), None),
    ("country", 20, (), ("Person Country", "Contact Country"), None),
    ("subdivision", 40, (APOLLO, ZOOMINFO), ("Company State",), None),
    ("subdivision", 40, (MARKETO,), ("billingState",), None),
    ("subdivision", 40, (), ("subdivision", "HQ State"), None),
    ("subdivision", 30, (APOLLO, SALESFORCE, HUBSPOT, USBIZDATA), ("State",), None),
    ("subdivision", 30, (), ("Region", "Province", "State/Province", "State/Region"), None),
    ("subdivision", 20, (ZOOMINFO,), ("Person State",), None),
    ("city", 40, (APOLLO, ZOOMINFO), ("Company City",), None),
    ("city", 40, (SP500,), ("Headquarters Location",), None),
    ("city", 40, (MARKETO,), ("billingCity",), None),
    ("city", 40, (), ("HQ City", "Headquarters City"), None),
    ("city", 30, (APOLLO, SALESFORCE, HUBSPOT, USBIZDATA, MARKETO), ("City",), None),
    ("city", 25, (YC,), ("location",), None),
    ("city", 20, (ZOOMINFO,), ("Person City",), None),
    ("description", 40, (HUBSPOT,), ("description",), None),
    ("description", 40, (ZOOMINFO,), ("Company Description",), None),
    ("description", 40, (YC,), ("long_description",), None),
    ("description", 30, (YC,), ("short_description",), None),
    ("description", 20, (), ("About", "Company Overview", "Overview"), None),
    ("keywords", 40, (APOLLO,), ("Keywords",), None),
    ("keywords", 30, (YC,), ("tags",), None),
    ("keywords", 30, (), ("Specialties",), None),
    ("technologies", 40, (APOLLO,), ("Technologies",), None),
    ("technologies", 30, (), ("Tech Stack", "Technology", "Technologies Used"), None),
    ("signals", 40, (), ("signals",), None),
    ("first_name", 40, (APOLLO, ZOOMINFO, LINKEDIN, SALESFORCE, HUBSPOT), ("First Name",), None),
    ("first_name", 40, (SALESGENIE,), ("Executive First Name",), None),
    ("first_name", 30, (), ("Given Name",), None),
    ("last_name", 40, (APOLLO, ZOOMINFO, LINKEDIN, SALESFORCE, HUBSPOT), ("Last Name",), None),
    ("last_name", 40, (SALESGENIE,), ("Executive Last Name",), None),
    ("last_name", 30, (), ("Surname", "Family Name"), None),
    ("full_name", 40, (), ("full_name", "Person Name"), None),
    ("full_name", 40, (USBIZDATA,), ("Contact Name",), None),
    ("full_name", 40, (SALESFORCE,), ("Name",), SALESFORCE),
    ("email", 40, (APOLLO, SALESFORCE, HUBSPOT, MARKETO), ("Email",), None),
    ("email", 40, (ZOOMINFO, LINKEDIN, USBIZDATA), ("Email Address",), None),
    ("email", 40, (SEAMLESS,), ("Email 1",), None),
    ("email", 30, (), ("Work Email", "Business Email", "Contact Email"), None),
    ("phone", 40, (APOLLO,), ("Work Direct Phone",), None),
    ("phone", 40, (ZOOMINFO,), ("Direct Phone Number",), None),
    ("phone", 40, (SALESFORCE, HUBSPOT), ("Phone",), None),
    ("phone", 40, (USBIZDATA, HUBSPOT), ("Phone Number",), None),
    ("phone", 30, (APOLLO, ZOOMINFO), ("Mobile Phone",), None),
    ("phone", 20, (APOLLO,), ("Corporate Phone",), None),
    ("phone", 15, (APOLLO,), ("Company Phone",), None),
    ("phone", 15, (ZOOMINFO,), ("Company HQ Phone",), None),
    ("title", 40, (APOLLO, SALESFORCE), ("Title",), None),
    ("title", 40, (ZOOMINFO, HUBSPOT), ("Job Title",), None),
    ("title", 40, (LINKEDIN,), ("Position",), None),
    ("title", 40, (SALESGENIE,), ("Executive Title",), None),
    ("title", 30, (), ("Role", "Job Role", "Designation"), None),
    ("seniority", 40, (APOLLO,), ("Seniority",), None),
    ("seniority", 40, (ZOOMINFO,), ("Management Level",), None),
    ("seniority", 30, (), ("Seniority Level", "Job Level"), None),
    ("department", 40, (ZOOMINFO, MARKETO), ("Department",), None),
    ("department", 40, (APOLLO,), ("Departments",), None),
    ("department", 30, (ZOOMINFO,), ("Job Function",), None),
    ("department", 30, (), ("Function",), None),
)

#: Headers whose value refines their target's main column rather than replacing it.
_SPECIFIC: Final = frozenset(
    {"Primary Sub-Industry", "NAICS Code 1", "NAICS Code", "NAICS", "SIC Code 1", "SIC Code"}
    | {"Primary SIC", "SIC"}
)

#: Normalized header -> the known headers with that key (one per ``only_for``).
KNOWN_HEADERS: Final[dict[str, tuple[KnownHeader, ...]]] = {}
for _target, _rank, _sources, _headers, _only in _GROUPS:
    for _header in _headers:
        _entry = KnownHeader(_header, _target, _rank, _sources, _only, _header in _SPECIFIC)
        _key = normalize_header(_header)
        KNOWN_HEADERS[_key] = (*KNOWN_HEADERS.get(_key, ()), _entry)

#: Headers (normalized) that identify the tool a file was exported from.
SIGNATURES: Final[dict[str, frozenset[str]]] = {
    vendor: frozenset(normalize_header(h) for h in headers)
    for vendor, headers in (
        (APOLLO, ("Apollo Contact Id", "Apollo Account Id", "Company Name for Emails",
                  "Person Linkedin Url", "Company Linkedin Url", "Email Status",
                  "Work Direct Phone", "Sub Departments")),
        (ZOOMINFO, ("ZoomInfo Contact ID", "ZoomInfo Company ID", "Revenue (in 000s USD)",
                    "Revenue Range (in USD)", "Management Level",
                    "LinkedIn Contact Profile URL", "ZoomInfo Company Profile URL")),
        (SALESFORCE, ("LeadSource", "IsConverted", "CompanyDunsNumber", "HasOptedOutOfEmail",
                      "ConvertedAccountId", "CleanStatus")),
        (HUBSPOT, ("hs_object_id", "hs_linkedin_url", "lifecyclestage", "linkedin_company_page",
                   "Record ID", "HubSpot Owner")),
        (LINKEDIN, ("Connected On",)),
        (MARKETO, ("billingCountry", "billingCity", "billingState")),
        (USBIZDATA, ("SIC Description", "Area Code", "County")),
        (YC, ("short_description", "long_description", "team_size", "year_founded",
              "num_founders", "founders_names")),
        (SP500, ("GICS Sector", "GICS Sub-Industry", "Headquarters Location", "Date added")),
        (SEAMLESS, ("Email 1", "Company Name - Cleaned", "Contact LI Profile URL")),
        (SALESGENIE, ("Executive First Name", "Primary SIC", "Location Sales Volume")),
    )
}  # fmt: skip


def detect_source(headers: Sequence[str]) -> str | None:
    """The export tool whose signature headers the file shows most, or None."""
    keys = {normalize_header(h) for h in headers}
    hits = {vendor: len(keys & signature) for vendor, signature in SIGNATURES.items()}
    best = max(hits, key=lambda vendor: hits[vendor])
    return best if hits[best] else None


def lookup(header: str, source: str | None) -> KnownHeader | None:
    """The known header for ``header`` in a file from ``source`` (vendor-only entries first)."""
    entries = KNOWN_HEADERS.get(normalize_header(header), ())
    for entry in entries:
        if entry.only_for is not None and entry.only_for == source:
            return entry
    return next((e for e in entries if e.only_for is None), None)
