"""Column headers of real lead exports and the canonical column each one maps to.

The table itself is ``header_tables.GROUPS`` (Apollo, ZoomInfo, Salesforce, HubSpot, LinkedIn
Connections and Sales Navigator, Pipedrive, Zoho CRM, Dynamics 365, Close, Lusha, Cognism,
Seamless.AI, Clay, and the localized UI labels of Salesforce and HubSpot); docs/exports.md is
rendered from it by ``render_exports_table``. Headers are compared after ``normalize_header``
(case, spaces, punctuation and accents ignored), so "First Name", "first_name" and "FirstName"
are one key.

``rank`` settles several headers claiming one target: the highest rank wins and equal ranks are
ambiguous. 40 = the column a vendor means for it; 30 = a good synonym or a person-level value
where we prefer the company's; 20 and below = a fallback (a range, a code, a secondary field).
The other claimants are read, in rank order, where the winner's cell is empty. ``specific``
marks a finer value for the target (a sub-industry or an industry code) to combine with the
broad one.

A header that means something else in one tool ("Name" is a person in Salesforce Lead exports
and a company in Account exports; "Record ID" is a contact in HubSpot's contacts export and a
company in its companies export) has an entry limited to that tool (``only_for``), chosen when
``detect_source`` recognises the tool from its signature headers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from leadsieve.io.header_labels import LANGUAGE_SOURCE
from leadsieve.io.header_tables import (
    APOLLO,
    CLAY,
    CLOSE,
    COGNISM,
    DYNAMICS,
    GROUPS,
    HUBSPOT,
    HUBSPOT_COMPANIES,
    LINKEDIN,
    LUSHA,
    MARKETO,
    PIPEDRIVE,
    SALES_NAVIGATOR,
    SALESFORCE,
    SALESFORCE_ACCOUNT,
    SALESGENIE,
    SEAMLESS,
    SP500,
    USBIZDATA,
    VENDOR_SOURCES,
    YC,
    ZOHO,
    ZOHO_ACCOUNTS,
    ZOOMINFO,
)

#: The groups of the header table (kept under this name for the tests that walk it).
_GROUPS: Final = GROUPS


@dataclass(frozen=True, slots=True)
class KnownHeader:
    """A header seen in real exports: its target, rank, vendors, and a vendor it is limited to.

    ``specific`` is True when the header carries a finer value for its target than the vendor's
    main column (ZoomInfo's Primary Sub-Industry, NAICS/SIC codes); ``languages`` lists the UI
    languages of a localized label.
    """

    header: str
    target: str
    rank: int
    sources: tuple[str, ...] = ()
    only_for: str | None = None
    #: A finer value for its target than the vendor's main column (a sub-industry, a NAICS
    #: code): combined with the main column per row instead of standing in for it.
    specific: bool = False
    languages: tuple[str, ...] = ()


def normalize_header(header: str) -> str:
    """Lower-case ASCII letters and digits only: "Revenue (in 000s USD)" -> "revenuein000susd"."""
    folded = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^0-9a-z]+", "", folded)


def _index() -> tuple[dict[str, tuple[KnownHeader, ...]], tuple[str, ...]]:
    """Normalized header -> entries (one per ``only_for``), and the table's contradictions.

    A header listed twice with the same meaning (a label shared by two tools or languages) is
    one entry with both sources; listed twice with different meanings, it is a contradiction.
    """
    index: dict[str, dict[str | None, KnownHeader]] = {}
    problems: list[str] = []
    for group in GROUPS:
        languages = () if group.language is None else (group.language,)
        for header in group.headers:
            entry = KnownHeader(
                header,
                group.target,
                group.rank,
                group.sources,
                group.only_for,
                group.specific,
                languages,
            )
            by_vendor = index.setdefault(normalize_header(header), {})
            known = by_vendor.get(group.only_for)
            if known is None:
                by_vendor[group.only_for] = entry
            elif (known.target, known.rank, known.specific) != (
                entry.target,
                entry.rank,
                entry.specific,
            ):
                problems.append(f"{header!r}: {known.target}/{known.rank} vs {entry.target}/"
                                f"{entry.rank}")  # fmt: skip
            else:
                sources = known.sources + tuple(s for s in entry.sources if s not in known.sources)
                langs = known.languages + tuple(x for x in languages if x not in known.languages)
                by_vendor[group.only_for] = replace(known, sources=sources, languages=langs)
    return {key: tuple(found.values()) for key, found in index.items()}, tuple(problems)


_INDEX: Final = _index()
#: Normalized header -> the known headers with that key (one per ``only_for``).
KNOWN_HEADERS: Final[dict[str, tuple[KnownHeader, ...]]] = _INDEX[0]
#: Headers the table lists twice with different meanings; a test keeps this empty.
CONTRADICTIONS: Final[tuple[str, ...]] = _INDEX[1]

#: Headers (normalized) that identify the tool a file was exported from.
SIGNATURES: Final[dict[str, frozenset[str]]] = {
    vendor: frozenset(normalize_header(h) for h in headers)
    for vendor, headers in (
        (APOLLO, ("Apollo Contact Id", "Apollo Account Id", "Company Name for Emails",
                  "Person Linkedin Url", "Company Linkedin Url", "Email Status",
                  "Work Direct Phone", "Sub Departments", "SEO Description", "Last Raised At")),
        (ZOOMINFO, ("ZoomInfo Contact ID", "ZoomInfo Company ID", "Revenue (in 000s USD)",
                    "Revenue Range (in USD)", "Management Level",
                    "LinkedIn Contact Profile URL", "ZoomInfo Company Profile URL")),
        (SALESFORCE, ("LeadSource", "IsConverted", "CompanyDunsNumber", "HasOptedOutOfEmail",
                      "ConvertedAccountId", "CleanStatus", "AccountId", "MailingCity",
                      "MailingCountry", "MailingState", "ReportsToId", "Lead ID", "Contact ID",
                      "Mailing Country", "Mailing City")),
        (SALESFORCE_ACCOUNT, ("BillingStreet", "BillingPostalCode", "AccountNumber",
                              "TickerSymbol", "DunsNumber", "NaicsCode", "SicDesc", "ParentId",
                              "Billing State/Province", "Billing Zip/Postal Code", "Account ID",
                              "Sic", "NaicsDesc")),
        (HUBSPOT, ("hs_object_id", "hs_linkedin_url", "lifecyclestage", "Record ID",
                   "HubSpot Owner", "Contact owner", "Associated Company",
                   "Marketing contact status", "Unsubscribed from all email",
                   "Mobile Phone Number")),
        (HUBSPOT_COMPANIES, ("Record ID", "Company Domain Name", "Company owner",
                             "linkedin_company_page", "LinkedIn Company Page",
                             "Number of Associated Contacts", "Total Money Raised",
                             "Year Founded")),
        (LINKEDIN, ("Connected On",)),
        (SALES_NAVIGATOR, ("profileUrl", "linkedInProfileUrl", "regularCompanyUrl", "vmid",
                           "titleDescription", "durationInRole", "durationInCompany",
                           "connectionDegree", "sharedConnectionsCount", "defaultProfileUrl")),
        (PIPEDRIVE, ("Person - ID", "Organization - ID", "Person - Name", "Organization - Name",
                     "Person - Organization", "Person - Owner", "Person - Label")),
        (ZOHO, ("Skype ID", "Zip Code", "Record Id", "Lead Owner", "Secondary Email")),
        (ZOHO_ACCOUNTS, ("Record Id", "Billing Code", "Account Type", "Account Name",
                         "Account Owner")),
        (DYNAMICS, ("(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
                    "(Do Not Modify) Lead", "(Do Not Modify) Contact", "(Do Not Modify) Account",
                    "Do not allow Emails", "Do not allow Phone Calls", "Status Reason")),
        (CLOSE, ("display_name", "status_label", "html_url", "primary_contact_name",
                 "primary_address_country", "primary_contact_primary_email")),
        (LUSHA, ("Company Sub Industry", "Private Email", "Direct Phone", "Company Technologies")),
        (COGNISM, ("Mobile DNC", "DNC", "Direct", "Technographics")),
        (SEAMLESS, ("Email 1", "Company Name - Cleaned", "Contact LI Profile URL",
                    "Company Staff Count", "Company LI Profile Url", "Contact Phone 1")),
        (CLAY, ("Primary Industry", "Size", "Type", "Domain")),
        (MARKETO, ("billingCountry", "billingCity", "billingState")),
        (USBIZDATA, ("SIC Description", "Area Code", "County")),
        (YC, ("short_description", "long_description", "team_size", "year_founded",
              "num_founders", "founders_names")),
        (SP500, ("GICS Sector", "GICS Sub-Industry", "Headquarters Location", "Date added")),
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


def render_exports_table() -> str:
    """The Markdown of docs/exports.md's generated part: every header, its target and source."""
    lines = [
        "| header | canonical column | rank | specific | only in | sources |",
        "|---|---|---|---|---|---|",
    ]
    entries = sorted(
        (e for found in KNOWN_HEADERS.values() for e in found),
        key=lambda e: (e.target, -e.rank, e.header.casefold(), e.only_for or ""),
    )
    for e in entries:
        sources = ", ".join(e.sources) or "common name"
        if e.languages:
            sources += f"; a Salesforce/HubSpot UI label in {', '.join(e.languages)}"
        header = e.header.replace("|", "\\|")
        lines.append(
            f"| `{header}` | `{e.target}` | {e.rank} | {'yes' if e.specific else ''} "
            f"| {e.only_for or ''} | {sources} |"
        )
    lines += ["", "| source | where its headers come from |", "|---|---|"]
    lines += [f"| {vendor} | {text} |" for vendor, text in VENDOR_SOURCES.items()]
    lines.append(f"| localized labels | {LANGUAGE_SOURCE} |")
    return "\n".join(lines) + "\n"
