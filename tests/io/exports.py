"""Real-shaped export files, one builder per vendor layout, for mapping and import tests.

Each builder returns the CSV text a user would download from the tool: the vendor's header row
(the names listed in leadsieve's header table, docs/exports.md) and ``rows`` records built from
the real data in shared/data: companies from the YC directory (even rows: website, LinkedIn
page, team size, country) and the S&P 500 list (odd rows: no website, GICS industry, US HQ),
people named after YC founders with O*NET job titles. Same arguments, same text (seeded).

Every builder puts the issue's tricky rows first, so even ``rows=4`` holds them:

- row 0: the vendor's special case (see each builder: HubSpot's "Paris, Texas, United States",
  ZoomInfo's empty Department with a filled Job Function and its Business Services / Custom
  Software & IT Services / NAICS 541511 company, Salesforce's German amounts and countries);
- row 1: an S&P company with no website (every odd row has none);
- row 2: a person with neither email nor LinkedIn URL;
- row 3: a person who opted out of email and calls, at a company with a funding round.

Columns a tool leaves empty stay empty, as in real files.
"""

from __future__ import annotations

import ast
import csv
import io
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

Row = dict[str, str]


@dataclass(frozen=True)
class Lead:
    """One person at one company, in plain values a builder formats per vendor."""

    index: int
    first_name: str
    last_name: str
    title: str
    email: str
    phone: str
    linkedin: str
    company: str
    domain: str
    website: str
    company_linkedin: str
    sector: str  # GICS sector, or "Software" for YC companies
    employees: int
    revenue: int  # USD
    country: str  # ISO alpha-2
    country_name: str
    city: str
    state: str
    description: str
    keywords: str
    funding_date: str
    funding_round: str
    funding_amount: int
    opted_out: bool
    record_id: str
    company_record_id: str


# GICS sector -> (LinkedIn V1 label as Apollo exports it, ZoomInfo primary, ZoomInfo sub-industry,
# NAICS, Salesforce picklist value, HubSpot label).
_SECTORS: dict[str, tuple[str, str, str, str, str, str]] = {
    "Software": ("computer software", "Software", "Content & Collaboration Software", "513210",
                 "Technology", "Computer Software"),
    "Information Technology": ("information technology & services", "Business Services",
                               "Custom Software & IT Services", "541511", "Technology",
                               "Information Technology and Services"),
    "Health Care": ("hospital & health care", "Hospitals & Physicians Clinics",
                    "Medical & Surgical Hospitals", "622110", "Healthcare",
                    "Hospital & Health Care"),
    "Financials": ("financial services", "Finance", "Banking", "522110", "Banking",
                   "Financial Services"),
    "Industrials": ("machinery", "Manufacturing", "Industrial Machinery & Equipment", "333998",
                    "Machinery", "Machinery"),
    "Consumer Discretionary": ("retail", "Retail", "Apparel & Accessories Retail", "458110",
                               "Retail", "Retail"),
    "Consumer Staples": ("food production", "Manufacturing", "Food & Beverage", "311999",
                         "Food & Beverage", "Food Production"),
    "Energy": ("oil & energy", "Energy, Utilities & Waste", "Oil & Gas Exploration & Services",
               "211120", "Energy", "Oil & Energy"),
    "Utilities": ("utilities", "Energy, Utilities & Waste", "Electricity, Oil & Gas", "221122",
                  "Utilities", "Utilities"),
    "Real Estate": ("real estate", "Real Estate", "", "531120", "Other", "Real Estate"),
    "Materials": ("chemicals", "Manufacturing", "Chemicals & Related Products", "325199",
                  "Chemicals", "Chemicals"),
    "Communication Services": ("telecommunications", "Telecommunications",
                               "Telephony & Wireless", "517111", "Telecommunications",
                               "Telecommunications"),
}  # fmt: skip
_ROUNDS = ("Seed", "Series A", "Series B", "Series C", "Venture (Round not Specified)")


def _read(name: str) -> list[Row]:
    with (SHARED / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _sources() -> tuple[list[Row], list[Row], list[str], dict[str, str]]:
    """YC rows with a website and founders, S&P rows, O*NET titles, ISO-2 -> country name."""
    yc = [r for r in _read("yc_companies_2024-05-11.csv") if r["website"] and r["founders_names"]]
    sp = _read("sp500_constituents.csv")
    titles = [t for row in _read("onet_alternate_titles.csv")
              for t in ast.literal_eval(row["Alternate Title"])[:3]]  # fmt: skip
    names = {r["ISO3166-1-Alpha-2"]: r["CLDR display name"] for r in _read("country_codes.csv")}
    return yc, sp, titles, names


def make_leads(rows: int, seed: int = 0) -> list[Lead]:
    """``rows`` leads from the shared data, deterministic for one ``seed``; tricky rows first."""
    yc, sp, titles, names = _sources()
    rng = random.Random(seed)
    leads: list[Lead] = []
    for i in range(rows):
        founders = ast.literal_eval(rng.choice(yc)["founders_names"]) or ["Alex Smith"]
        first, _, last = rng.choice(founders).partition(" ")
        last = last or "Smith"
        if i % 2 == 0:
            company = rng.choice(yc)
            name, website = company["company_name"], company["website"]
            domain = re.sub(r"^(https?://)?(www\.)?", "", website).split("/")[0]
            country = company["country"] or "US"
            city, state, sector = company["location"].split(",")[0], "", "Software"
            employees = int(float(company["team_size"] or 5))
            linkedin, description = company["linkedin_url"], company["short_description"]
            keywords = ", ".join(ast.literal_eval(company["tags"] or "[]"))
        else:
            company = rng.choice(sp)
            name, website, linkedin = company["Security"], "", ""
            domain = re.sub(r"[^a-z0-9]", "", name.lower()) + ".com"
            city, _, state = company["Headquarters Location"].partition(", ")
            country, sector = "US", company["GICS Sector"]
            employees, description, keywords = rng.randrange(2_000, 200_000), "", ""
        slug = re.sub(r"[^a-z]", "", first.lower()) or "info"
        leads.append(Lead(
            index=i, first_name=first, last_name=last, title=rng.choice(titles),
            email=f"{slug}@{domain}", phone=f"+1 415 555 {rng.randrange(1000, 9999)}",
            linkedin=f"https://www.linkedin.com/in/{slug}-{rng.randrange(10**5, 10**6)}",
            company=name, domain=domain, website=website, company_linkedin=linkedin,
            sector=sector, employees=employees, revenue=employees * rng.randrange(80, 400) * 1000,
            country=country, country_name=names.get(country, country), city=city, state=state,
            description=description, keywords=keywords, funding_date="", funding_round="",
            funding_amount=0, opted_out=False, record_id=f"{rng.randrange(10**8, 10**9)}",
            company_record_id=f"{rng.randrange(10**8, 10**9)}",
        ))  # fmt: skip
    if rows > 2:
        leads[2] = replace(leads[2], email="", linkedin="")
    if rows > 3:
        leads[3] = replace(leads[3], opted_out=True, funding_date="2026-08-01",
                           funding_round="Series B", funding_amount=25_000_000)  # fmt: skip
    return leads


def _csv(headers: Sequence[str], rows: list[Row], preamble: str = "") -> str:
    out = io.StringIO()
    out.write(preamble)
    writer = csv.DictWriter(out, fieldnames=list(headers), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({h: row.get(h, "") for h in headers} for row in rows)
    return out.getvalue()


def _build(
    headers: Sequence[str], rows: int, seed: int, cells: Callable[[Lead], Row], preamble: str = ""
) -> str:
    return _csv(headers, [cells(lead) for lead in make_leads(rows, seed)], preamble)


def _sector(lead: Lead) -> tuple[str, str, str, str, str, str]:
    return _SECTORS.get(lead.sector, _SECTORS["Industrials"])


def _flag(value: bool, yes: str = "true", no: str = "false") -> str:
    return yes if value else no


APOLLO_PEOPLE = (
    "First Name", "Last Name", "Title", "Company", "Company Name for Emails", "Email",
    "Email Status", "Seniority", "Departments", "Contact Owner", "Work Direct Phone",
    "Home Phone", "Mobile Phone", "Corporate Phone", "Other Phone", "Stage", "Lists",
    "Last Contacted", "Account Owner", "# Employees", "Industry", "Keywords",
    "Person Linkedin Url", "Website", "Company Linkedin Url", "Facebook Url", "Twitter Url",
    "City", "State", "Country", "Company Address", "Company City", "Company State",
    "Company Country", "Company Phone", "SEO Description", "Technologies", "Annual Revenue",
    "Total Funding", "Latest Funding", "Latest Funding Amount", "Last Raised At",
    "Email Sent", "Email Open", "Email Bounced", "Replied", "Demoed",
    "Number of Retail Locations", "Apollo Contact Id", "Apollo Account Id", "Secondary Email",
    "Do Not Call",
)  # fmt: skip


def apollo_people(rows: int = 20, seed: int = 0) -> str:
    """Apollo's people export; row 0 has an employee range ("1,001-5,000") and lower-case V1
    industry; Do Not Call and funding columns are filled for the opted-out row 3."""

    def cells(lead: Lead) -> Row:
        return {
            "First Name": lead.first_name, "Last Name": lead.last_name, "Title": lead.title,
            "Company": lead.company, "Company Name for Emails": lead.company,
            "Email": lead.email, "Email Status": "Verified" if lead.email else "Unavailable",
            "Seniority": "Director", "Departments": "Master Sales",
            "Work Direct Phone": lead.phone,
            "# Employees": "1,001-5,000" if lead.index == 0 else str(lead.employees),
            "Industry": _sector(lead)[0], "Keywords": lead.keywords,
            "Person Linkedin Url": lead.linkedin, "Website": lead.website,
            "Company Linkedin Url": lead.company_linkedin, "City": lead.city,
            "State": lead.state, "Country": lead.country_name, "Company City": lead.city,
            "Company State": lead.state, "Company Country": lead.country_name,
            "Technologies": "Salesforce, HubSpot, Google Analytics",
            "Annual Revenue": str(lead.revenue), "Latest Funding": lead.funding_round,
            "Latest Funding Amount": str(lead.funding_amount or ""),
            "Last Raised At": lead.funding_date, "Apollo Contact Id": lead.record_id,
            "Apollo Account Id": lead.company_record_id,
            "Do Not Call": _flag(lead.opted_out),
        }  # fmt: skip

    return _build(APOLLO_PEOPLE, rows, seed, cells)


APOLLO_COMPANIES = (
    "Company", "Company Name for Emails", "Account Stage", "Lists", "# Employees", "Industry",
    "Account Owner", "Website", "Company Linkedin Url", "Facebook Url", "Twitter Url",
    "Company Street", "Company City", "Company State", "Company Country",
    "Company Postal Code", "Company Address", "Keywords", "Company Phone", "SEO Description",
    "Technologies", "Total Funding", "Latest Funding", "Latest Funding Amount",
    "Last Raised At", "Annual Revenue", "Number of Retail Locations", "Apollo Account Id",
    "SIC Codes", "NAICS Codes", "Short Description", "Founded Year", "Logo Url",
    "Subsidiary of",
)  # fmt: skip


def apollo_companies(rows: int = 20, seed: int = 0) -> str:
    """Apollo's companies export: one row per company, with NAICS codes and funding columns."""

    def cells(lead: Lead) -> Row:
        return {
            "Company": lead.company, "# Employees": str(lead.employees),
            "Industry": _sector(lead)[0], "Website": lead.website,
            "Company Linkedin Url": lead.company_linkedin, "Company City": lead.city,
            "Company State": lead.state, "Company Country": lead.country_name,
            "Keywords": lead.keywords, "Short Description": lead.description,
            "Technologies": "Salesforce, Slack", "Latest Funding": lead.funding_round,
            "Last Raised At": lead.funding_date, "Annual Revenue": str(lead.revenue),
            "Apollo Account Id": lead.company_record_id, "NAICS Codes": _sector(lead)[3],
        }  # fmt: skip

    return _build(APOLLO_COMPANIES, rows, seed, cells)


ZOOMINFO_CONTACTS = (
    "ZoomInfo Contact ID", "Last Name", "First Name", "Middle Name", "Salutation", "Suffix",
    "Job Title", "Job Title Hierarchy Level", "Management Level", "Job Start Date",
    "Job Function", "Department", "Company Division Name", "Direct Phone Number",
    "Email Address", "Email Domain", "Mobile phone", "Last Job Change Type",
    "Last Job Change Date", "Previous Job Title", "Previous Company Name",
    "Previous Company ZoomInfo Company ID", "Previous Company LinkedIn Profile",
    "Highest Level of Education", "Contact Accuracy Score", "Contact Accuracy Grade",
    "ZoomInfo Contact Profile URL", "LinkedIn Contact Profile URL", "Notice Provided Date",
    "Person Street", "Person City", "Person State", "Person Zip Code", "Country",
    "ZoomInfo Company ID", "Company Name", "Company Description", "Website", "Founded Year",
    "Company HQ Phone", "Fax", "Ticker", "Revenue (in 000s USD)", "Revenue Range (in USD)",
    "Employees", "Employee Range", "SIC Code 1", "SIC Code 2", "SIC Codes", "NAICS Code 1",
    "NAICS Code 2", "NAICS Codes", "Primary Industry", "Primary Sub-Industry", "All Industries",
    "All Sub-Industries", "Industry Hierarchical Category",
    "Secondary Industry Hierarchical Category", "Alexa Rank", "ZoomInfo Company Profile URL",
    "LinkedIn Company Profile URL", "Facebook Company Profile URL",
    "Twitter Company Profile URL", "Ownership Type", "Business Model",
    "Certified Active Company", "Certification Date", "Total Funding Amount (in 000s USD)",
    "Recent Funding Amount (in 000s USD)", "Recent Funding Round", "Recent Funding Date",
    "Recent Investors", "All Investors", "Company Street Address", "Company City",
    "Company State", "Company Zip Code", "Company Country", "Full Address",
    "Number of Locations",
)  # fmt: skip


def zoominfo_contacts(rows: int = 20, seed: int = 0) -> str:
    """ZoomInfo's contact export; row 0 has an empty Department and Job Function "Sales", and
    its company is Business Services > Custom Software & IT Services with NAICS 541511."""

    def cells(lead: Lead) -> Row:
        sector = _SECTORS["Information Technology"] if lead.index == 0 else _sector(lead)
        return {
            "ZoomInfo Contact ID": lead.record_id, "Last Name": lead.last_name,
            "First Name": lead.first_name, "Job Title": lead.title,
            "Management Level": "Director", "Job Function": "Sales",
            "Department": "" if lead.index == 0 else "Sales",
            "Direct Phone Number": lead.phone, "Email Address": lead.email,
            "LinkedIn Contact Profile URL": lead.linkedin, "Person City": lead.city,
            "Country": lead.country_name, "ZoomInfo Company ID": lead.company_record_id,
            "Company Name": lead.company, "Company Description": lead.description,
            "Website": lead.website, "Revenue (in 000s USD)": str(lead.revenue // 1000),
            "Employees": str(lead.employees), "NAICS Code 1": sector[3],
            "Primary Industry": sector[1], "Primary Sub-Industry": sector[2],
            "Industry Hierarchical Category": f"{sector[1]} > {sector[2]}".rstrip(" >"),
            "LinkedIn Company Profile URL": lead.company_linkedin,
            "Recent Funding Round": lead.funding_round, "Recent Funding Date": lead.funding_date,
            "Company City": lead.city, "Company State": lead.state,
            "Company Country": lead.country_name,
        }  # fmt: skip

    return _build(ZOOMINFO_CONTACTS, rows, seed, cells)


SALESFORCE_LEADS = (
    "Id", "Salutation", "FirstName", "LastName", "Name", "Title", "Company", "Street", "City",
    "State", "PostalCode", "Country", "Phone", "MobilePhone", "Email", "Website", "Description",
    "LeadSource", "Status", "Industry", "Rating", "AnnualRevenue", "NumberOfEmployees",
    "OwnerId", "HasOptedOutOfEmail", "IsConverted", "ConvertedAccountId", "ConvertedContactId",
    "DoNotCall", "CompanyDunsNumber", "CleanStatus",
)  # fmt: skip


def salesforce_leads(rows: int = 20, seed: int = 0) -> str:
    """A Salesforce Lead export by API name (Data Loader); flags are "true"/"false"."""

    def cells(lead: Lead) -> Row:
        return {
            "Id": f"00Q{lead.record_id}AAA", "FirstName": lead.first_name,
            "LastName": lead.last_name, "Name": f"{lead.first_name} {lead.last_name}",
            "Title": lead.title, "Company": lead.company, "City": lead.city,
            "State": lead.state, "Country": lead.country_name, "Phone": lead.phone,
            "Email": lead.email, "Website": lead.website, "Industry": _sector(lead)[4],
            "AnnualRevenue": str(lead.revenue), "NumberOfEmployees": str(lead.employees),
            "HasOptedOutOfEmail": _flag(lead.opted_out), "IsConverted": "false",
            "DoNotCall": _flag(lead.opted_out), "LeadSource": "Web",
        }  # fmt: skip

    return _build(SALESFORCE_LEADS, rows, seed, cells)


SALESFORCE_CONTACTS = (
    "Id", "AccountId", "Salutation", "FirstName", "LastName", "Name", "Title", "Department",
    "Email", "Phone", "MobilePhone", "MailingStreet", "MailingCity", "MailingState",
    "MailingPostalCode", "MailingCountry", "LeadSource", "HasOptedOutOfEmail", "DoNotCall",
    "ReportsToId", "OwnerId", "Description",
)  # fmt: skip


def salesforce_contacts(rows: int = 20, seed: int = 0) -> str:
    """A Salesforce Contact export by API name: the contact's id and its Account's id."""

    def cells(lead: Lead) -> Row:
        return {
            "Id": f"003{lead.record_id}AAA", "AccountId": f"001{lead.company_record_id}AAA",
            "FirstName": lead.first_name, "LastName": lead.last_name,
            "Name": f"{lead.first_name} {lead.last_name}", "Title": lead.title,
            "Department": "Sales", "Email": lead.email, "Phone": lead.phone,
            "MailingCity": lead.city, "MailingCountry": lead.country_name,
            "HasOptedOutOfEmail": _flag(lead.opted_out), "DoNotCall": _flag(lead.opted_out),
        }  # fmt: skip

    return _build(SALESFORCE_CONTACTS, rows, seed, cells)


SALESFORCE_ACCOUNTS = (
    "Id", "Name", "Type", "ParentId", "BillingStreet", "BillingCity", "BillingState",
    "BillingPostalCode", "BillingCountry", "Phone", "Website", "Industry", "AnnualRevenue",
    "NumberOfEmployees", "Ownership", "TickerSymbol", "Description", "Sic", "SicDesc",
    "NaicsCode", "NaicsDesc", "DunsNumber", "AccountNumber", "OwnerId",
)  # fmt: skip


def salesforce_accounts(rows: int = 20, seed: int = 0) -> str:
    """A Salesforce Account export by API name: "Name" is the company, "Id" the account."""

    def cells(lead: Lead) -> Row:
        return {
            "Id": f"001{lead.company_record_id}AAA", "Name": lead.company,
            "BillingCity": lead.city, "BillingState": lead.state,
            "BillingCountry": lead.country_name, "Website": lead.website,
            "Industry": _sector(lead)[4], "AnnualRevenue": str(lead.revenue),
            "NumberOfEmployees": str(lead.employees), "NaicsCode": _sector(lead)[3],
            "Description": lead.description,
        }  # fmt: skip

    return _build(SALESFORCE_ACCOUNTS, rows, seed, cells)


SALESFORCE_LEADS_REPORT = (
    "Lead ID", "Lead Owner", "First Name", "Last Name", "Title", "Company / Account", "Email",
    "Phone", "Mobile", "Lead Source", "Lead Status", "Industry", "Annual Revenue",
    "No. of Employees", "Street", "City", "State/Province", "Zip/Postal Code", "Country",
    "Website", "Email Opt Out", "Do Not Call", "Created Date",
)  # fmt: skip


def salesforce_leads_report(rows: int = 20, seed: int = 0) -> str:
    """A Salesforce Leads report exported as CSV (UI labels); flags are "1"/"0"."""

    def cells(lead: Lead) -> Row:
        return {
            "Lead ID": f"00Q{lead.record_id}AAA", "First Name": lead.first_name,
            "Last Name": lead.last_name, "Title": lead.title, "Company / Account": lead.company,
            "Email": lead.email, "Phone": lead.phone, "Industry": _sector(lead)[4],
            "Annual Revenue": str(lead.revenue), "No. of Employees": str(lead.employees),
            "City": lead.city, "State/Province": lead.state, "Country": lead.country_name,
            "Website": lead.website, "Email Opt Out": _flag(lead.opted_out, "1", "0"),
            "Do Not Call": _flag(lead.opted_out, "1", "0"),
        }  # fmt: skip

    return _build(SALESFORCE_LEADS_REPORT, rows, seed, cells)


SALESFORCE_LEADS_DE = (
    "Lead-ID", "Anrede", "Vorname", "Nachname", "Titel", "Firma", "Branche",
    "Anzahl der Mitarbeiter", "Jahresumsatz", "Straße", "Ort", "Bundesland", "PLZ", "Land",
    "E-Mail", "Telefon", "Mobiltelefon", "Webseite", "Lead-Quelle", "Lead-Status",
    "E-Mail-Opt-out", "Nicht anrufen",
)  # fmt: skip
_GERMAN_COUNTRIES = {
    "US": "Vereinigte Staaten",
    "GB": "Vereinigtes Königreich",
    "DE": "Deutschland",
}


def salesforce_leads_de(rows: int = 20, seed: int = 0) -> str:
    """A Salesforce Lead report from a German UI: German labels, amounts "18.000.000.000,00 €",
    row 0 in "Vereinigtes Königreich", flags "1"/"0"."""

    def cells(lead: Lead) -> Row:
        country = "GB" if lead.index == 0 else lead.country
        revenue = 18_000_000_000 if lead.index == 0 else lead.revenue
        return {
            "Lead-ID": f"00Q{lead.record_id}AAA", "Vorname": lead.first_name,
            "Nachname": lead.last_name, "Titel": lead.title, "Firma": lead.company,
            "Branche": _sector(lead)[4],
            "Anzahl der Mitarbeiter": f"{lead.employees:,}".replace(",", "."),
            "Jahresumsatz": f"{revenue:,.2f} €".replace(",", "_").replace(".", ",")
            .replace("_", "."),
            "Ort": "London" if lead.index == 0 else lead.city,
            "Land": _GERMAN_COUNTRIES.get(country, lead.country_name), "E-Mail": lead.email,
            "Telefon": lead.phone, "Webseite": lead.website,
            "E-Mail-Opt-out": _flag(lead.opted_out, "1", "0"),
            "Nicht anrufen": _flag(lead.opted_out, "1", "0"),
        }  # fmt: skip

    return _build(SALESFORCE_LEADS_DE, rows, seed, cells)


HUBSPOT_CONTACTS = (
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
    "Job Title", "Job function", "Company Name", "Associated Company", "Contact owner",
    "Lifecycle Stage", "Lead Status", "Marketing contact status", "Street Address", "City",
    "State/Region", "Postal Code", "Country/Region", "Industry", "Annual Revenue",
    "Number of Employees", "Website URL", "Unsubscribed from all email", "Create Date",
    "Last Activity Date",
)  # fmt: skip


def hubspot_contacts(rows: int = 20, seed: int = 0) -> str:
    """HubSpot's contacts export (UI labels); row 0 is in City "Paris" with Country/Region
    "Paris, Texas, United States" as typed by a form; the opted-out row is unsubscribed."""

    def cells(lead: Lead) -> Row:
        paris = lead.index == 0
        return {
            "Record ID": lead.record_id, "First Name": lead.first_name,
            "Last Name": lead.last_name, "Email": lead.email, "Phone Number": lead.phone,
            "Job Title": lead.title, "Company Name": lead.company,
            "Associated Company": lead.company, "Lifecycle Stage": "Lead",
            "City": "Paris" if paris else lead.city, "State/Region": "TX" if paris else lead.state,
            "Country/Region": "Paris, Texas, United States" if paris else lead.country_name,
            "Industry": _sector(lead)[5], "Annual Revenue": str(lead.revenue),
            "Number of Employees": str(lead.employees), "Website URL": lead.website,
            "Unsubscribed from all email": _flag(lead.opted_out, "Yes", "No"),
        }  # fmt: skip

    return _build(HUBSPOT_CONTACTS, rows, seed, cells)


HUBSPOT_COMPANIES_LAYOUT = (
    "Record ID", "Company name", "Company Domain Name", "Company owner", "Create Date",
    "Phone Number", "Last Activity Date", "City", "State/Region", "Country/Region",
    "Postal Code", "Industry", "Number of Employees", "Annual Revenue", "Website URL",
    "LinkedIn Company Page", "Description", "Type", "Lifecycle Stage", "Year Founded",
    "Total Money Raised", "Number of Associated Contacts",
)  # fmt: skip


def hubspot_companies(rows: int = 20, seed: int = 0) -> str:
    """HubSpot's companies export: "Record ID" is the company; the domain is its own column."""

    def cells(lead: Lead) -> Row:
        return {
            "Record ID": lead.company_record_id, "Company name": lead.company,
            "Company Domain Name": lead.domain, "City": lead.city, "State/Region": lead.state,
            "Country/Region": lead.country_name, "Industry": _sector(lead)[5],
            "Number of Employees": str(lead.employees), "Annual Revenue": str(lead.revenue),
            "Website URL": lead.website, "LinkedIn Company Page": lead.company_linkedin,
            "Description": lead.description,
            "Total Money Raised": str(lead.funding_amount or ""),
        }  # fmt: skip

    return _build(HUBSPOT_COMPANIES_LAYOUT, rows, seed, cells)


LINKEDIN_CONNECTIONS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
_LINKEDIN_NOTES = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have allowed "
    'their connections to see or download their email address using this setting ""Who can '
    'see or download your email address"""\r\n\r\n'
)


def linkedin_connections(rows: int = 20, seed: int = 0) -> str:
    """LinkedIn's Connections.csv: a Notes preamble and a blank line, then the header; most
    emails empty; dates like "15 Oct 2023"."""

    def cells(lead: Lead) -> Row:
        return {
            "First Name": lead.first_name, "Last Name": lead.last_name, "URL": lead.linkedin,
            "Email Address": lead.email if lead.index % 5 == 4 else "",
            "Company": lead.company, "Position": lead.title,
            "Connected On": f"{1 + lead.index % 28:02d} Oct 2023",
        }  # fmt: skip

    return _build(LINKEDIN_CONNECTIONS, rows, seed, cells, _LINKEDIN_NOTES)


SALES_NAVIGATOR_LAYOUT = (
    "profileUrl", "fullName", "firstName", "lastName", "companyName", "title", "companyId",
    "companyUrl", "regularCompanyUrl", "summary", "titleDescription", "industry",
    "companyLocation", "location", "durationInRole", "durationInCompany",
    "pastExperienceCompanyName", "pastExperienceCompanyUrl", "pastExperienceCompanyTitle",
    "pastExperienceDate", "pastExperienceDuration", "connectionDegree", "profileImageUrl",
    "sharedConnectionsCount", "name", "vmid", "linkedInProfileUrl", "isPremium", "isOpenLink",
    "query", "timestamp", "defaultProfileUrl",
)  # fmt: skip


def sales_navigator(rows: int = 20, seed: int = 0) -> str:
    """Sales Navigator leads through PhantomBuster's Search Export (Sales Navigator has no
    export of its own): Sales Navigator URLs next to the public profile and company pages."""

    def cells(lead: Lead) -> Row:
        return {
            "profileUrl": f"https://www.linkedin.com/sales/lead/ACwAA{lead.record_id}",
            "fullName": f"{lead.first_name} {lead.last_name}", "firstName": lead.first_name,
            "lastName": lead.last_name, "companyName": lead.company, "title": lead.title,
            "companyId": lead.company_record_id,
            "companyUrl": f"https://www.linkedin.com/sales/company/{lead.company_record_id}",
            "regularCompanyUrl": lead.company_linkedin, "industry": _sector(lead)[5],
            "companyLocation": lead.city, "location": f"{lead.city}, {lead.country_name}",
            "name": f"{lead.first_name} {lead.last_name}", "vmid": f"ACwAA{lead.record_id}",
            "linkedInProfileUrl": lead.linkedin, "connectionDegree": "2nd",
        }  # fmt: skip

    return _build(SALES_NAVIGATOR_LAYOUT, rows, seed, cells)


PIPEDRIVE_PEOPLE = (
    "Person - ID", "Person - Name", "Person - First name", "Person - Last name",
    "Person - Label", "Person - Organization", "Person - Email - Work", "Person - Email - Home",
    "Person - Phone - Work", "Person - Phone - Mobile", "Person - Job title", "Person - Owner",
    "Person - Marketing status", "Organization - ID", "Organization - Name",
    "Organization - Address - City/town", "Organization - Address - State/county",
    "Organization - Address - Country", "Organization - Website", "Organization - Industry",
    "Organization - Number of employees", "Organization - Annual revenue",
    "Organization - LinkedIn profile",
)  # fmt: skip


def pipedrive_people(rows: int = 20, seed: int = 0) -> str:
    """Pipedrive's people export with organization fields ("Entity - Field" headers)."""

    def cells(lead: Lead) -> Row:
        return {
            "Person - ID": lead.record_id, "Person - Name": f"{lead.first_name} {lead.last_name}",
            "Person - First name": lead.first_name, "Person - Last name": lead.last_name,
            "Person - Organization": lead.company, "Person - Email - Work": lead.email,
            "Person - Phone - Work": lead.phone, "Person - Job title": lead.title,
            "Person - Marketing status": "Unsubscribed" if lead.opted_out else "Subscribed",
            "Organization - ID": lead.company_record_id, "Organization - Name": lead.company,
            "Organization - Address - City/town": lead.city,
            "Organization - Address - Country": lead.country_name,
            "Organization - Website": lead.website, "Organization - Industry": _sector(lead)[5],
            "Organization - Number of employees": str(lead.employees),
            "Organization - LinkedIn profile": lead.company_linkedin,
        }  # fmt: skip

    return _build(PIPEDRIVE_PEOPLE, rows, seed, cells)


ZOHO_LEADS = (
    "Record Id", "Lead Owner", "Company", "First Name", "Last Name", "Salutation", "Title",
    "Email", "Phone", "Fax", "Mobile", "Website", "Lead Source", "Lead Status", "Industry",
    "No. of Employees", "Annual Revenue", "Rating", "Email Opt Out", "Skype ID",
    "Secondary Email", "Twitter", "Street", "City", "State", "Zip Code", "Country",
    "Description",
)  # fmt: skip


def zoho_leads(rows: int = 20, seed: int = 0) -> str:
    """Zoho CRM's Leads export; "Record Id" is the lead's id, flags "true"/"false"."""

    def cells(lead: Lead) -> Row:
        return {
            "Record Id": f"zcrm_{lead.record_id}", "Company": lead.company,
            "First Name": lead.first_name, "Last Name": lead.last_name, "Title": lead.title,
            "Email": lead.email, "Phone": lead.phone, "Website": lead.website,
            "Industry": _sector(lead)[4], "No. of Employees": str(lead.employees),
            "Annual Revenue": str(lead.revenue), "Email Opt Out": _flag(lead.opted_out),
            "City": lead.city, "State": lead.state, "Country": lead.country_name,
        }  # fmt: skip

    return _build(ZOHO_LEADS, rows, seed, cells)


ZOHO_ACCOUNTS_LAYOUT = (
    "Record Id", "Account Owner", "Account Name", "Phone", "Website", "Account Type",
    "Ownership", "Industry", "Employees", "Annual Revenue", "SIC Code", "Ticker Symbol",
    "Account Number", "Billing Street", "Billing City", "Billing State", "Billing Code",
    "Billing Country", "Description",
)  # fmt: skip


def zoho_accounts(rows: int = 20, seed: int = 0) -> str:
    """Zoho CRM's Accounts export; here "Record Id" is the company's id."""

    def cells(lead: Lead) -> Row:
        return {
            "Record Id": f"zcrm_{lead.company_record_id}", "Account Name": lead.company,
            "Website": lead.website, "Industry": _sector(lead)[4],
            "Employees": str(lead.employees), "Annual Revenue": str(lead.revenue),
            "Billing City": lead.city, "Billing State": lead.state,
            "Billing Country": lead.country_name,
        }  # fmt: skip

    return _build(ZOHO_ACCOUNTS_LAYOUT, rows, seed, cells)


DYNAMICS_LEADS = (
    "(Do Not Modify) Lead", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
    "Name", "Topic", "Status Reason", "Created On", "First Name", "Last Name", "Job Title",
    "Company Name", "Business Phone", "Mobile Phone", "Email", "Website", "Street 1", "City",
    "State/Province", "ZIP/Postal Code", "Country/Region", "Industry", "No. of Employees",
    "Annual Revenue", "Lead Source", "Do not allow Emails", "Do not allow Bulk Emails",
    "Do not allow Phone Calls", "Description",
)  # fmt: skip


def dynamics_leads(rows: int = 20, seed: int = 0) -> str:
    """Dynamics 365 Sales 'Export to Excel' of Leads, saved as CSV: hidden id columns first,
    "Name" is the person, consent columns say "Do Not Allow"/"Allow"."""

    def cells(lead: Lead) -> Row:
        allow = "Do Not Allow" if lead.opted_out else "Allow"
        return {
            "(Do Not Modify) Lead": f"{lead.record_id}-0000-0000-0000-000000000000",
            "Name": f"{lead.first_name} {lead.last_name}", "First Name": lead.first_name,
            "Last Name": lead.last_name, "Job Title": lead.title, "Company Name": lead.company,
            "Business Phone": lead.phone, "Email": lead.email, "Website": lead.website,
            "City": lead.city, "State/Province": lead.state, "Country/Region": lead.country_name,
            "Industry": _sector(lead)[5], "No. of Employees": str(lead.employees),
            "Annual Revenue": str(lead.revenue), "Do not allow Emails": allow,
            "Do not allow Phone Calls": allow,
        }  # fmt: skip

    return _build(DYNAMICS_LEADS, rows, seed, cells)


DYNAMICS_ACCOUNTS = (
    "(Do Not Modify) Account", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
    "Account Name", "Main Phone", "Address 1: City", "Address 1: State/Province",
    "Address 1: Country/Region", "Primary Contact", "Website", "Industry",
    "Number of Employees", "Annual Revenue", "Account Number", "Description",
)  # fmt: skip


def dynamics_accounts(rows: int = 20, seed: int = 0) -> str:
    """Dynamics 365 'Export to Excel' of Accounts, saved as CSV."""

    def cells(lead: Lead) -> Row:
        return {
            "(Do Not Modify) Account": f"{lead.company_record_id}-0000-0000-0000-000000000000",
            "Account Name": lead.company, "Address 1: City": lead.city,
            "Address 1: Country/Region": lead.country_name, "Website": lead.website,
            "Industry": _sector(lead)[5], "Number of Employees": str(lead.employees),
            "Annual Revenue": str(lead.revenue),
        }  # fmt: skip

    return _build(DYNAMICS_ACCOUNTS, rows, seed, cells)


CLOSE_LEADS = (
    "id", "display_name", "status_label", "url", "description", "html_url", "date_created",
    "primary_contact_name", "primary_contact_first_name", "primary_contact_last_name",
    "primary_contact_title", "primary_contact_primary_email", "primary_contact_primary_phone",
    "primary_address_city", "primary_address_state", "primary_address_country",
)  # fmt: skip


def close_leads(rows: int = 20, seed: int = 0) -> str:
    """Close's lead export: a Close lead is a company, with its primary contact's columns."""

    def cells(lead: Lead) -> Row:
        return {
            "id": f"lead_{lead.company_record_id}", "display_name": lead.company,
            "status_label": "Potential", "url": lead.website, "description": lead.description,
            "primary_contact_name": f"{lead.first_name} {lead.last_name}",
            "primary_contact_first_name": lead.first_name,
            "primary_contact_last_name": lead.last_name, "primary_contact_title": lead.title,
            "primary_contact_primary_email": lead.email,
            "primary_contact_primary_phone": lead.phone, "primary_address_city": lead.city,
            "primary_address_country": lead.country,
        }  # fmt: skip

    return _build(CLOSE_LEADS, rows, seed, cells)


LUSHA_CONTACTS = (
    "First Name", "Last Name", "Job Title", "Seniority", "Departments", "Work Email",
    "Private Email", "Direct Phone", "Mobile Phone", "LinkedIn URL", "Contact Country",
    "Contact State", "Contact City", "Company Name", "Company Domain", "Company Website",
    "Company LinkedIn URL", "Company Industry", "Company Sub Industry", "Company Size",
    "Company Revenue", "Company Country", "Company State", "Company City",
    "Company Technologies",
)  # fmt: skip


def lusha_contacts(rows: int = 20, seed: int = 0) -> str:
    """Lusha's prospecting export: person and company columns side by side."""

    def cells(lead: Lead) -> Row:
        return {
            "First Name": lead.first_name, "Last Name": lead.last_name, "Job Title": lead.title,
            "Seniority": "Director", "Departments": "Sales", "Work Email": lead.email,
            "Direct Phone": lead.phone, "LinkedIn URL": lead.linkedin,
            "Contact Country": lead.country_name, "Company Name": lead.company,
            "Company Domain": lead.domain, "Company Website": lead.website,
            "Company LinkedIn URL": lead.company_linkedin, "Company Industry": _sector(lead)[5],
            "Company Size": str(lead.employees), "Company Country": lead.country_name,
            "Company City": lead.city, "Company Technologies": "Salesforce; HubSpot",
        }  # fmt: skip

    return _build(LUSHA_CONTACTS, rows, seed, cells)


COGNISM_CONTACTS = (
    "First Name", "Last Name", "Job Title", "Seniority", "Job Function", "Email", "Direct",
    "Mobile", "Mobile DNC", "LinkedIn URL", "Contact Country", "Contact City", "Company Name",
    "Company Website", "Company Domain", "Company LinkedIn URL", "Company Industry",
    "Company Size", "Company Revenue", "Company Country", "Company City", "Company State",
    "SIC", "NAICS", "Technographics",
)  # fmt: skip


def cognism_contacts(rows: int = 20, seed: int = 0) -> str:
    """Cognism's export: Job Function for department, a DNC flag on mobile numbers, codes."""

    def cells(lead: Lead) -> Row:
        return {
            "First Name": lead.first_name, "Last Name": lead.last_name, "Job Title": lead.title,
            "Seniority": "Director", "Job Function": "Sales", "Email": lead.email,
            "Direct": lead.phone, "Mobile DNC": _flag(lead.opted_out, "Yes", "No"),
            "LinkedIn URL": lead.linkedin, "Contact Country": lead.country_name,
            "Company Name": lead.company, "Company Website": lead.website,
            "Company Domain": lead.domain, "Company Industry": _sector(lead)[5],
            "Company Size": str(lead.employees), "Company Country": lead.country_name,
            "NAICS": _sector(lead)[3],
        }  # fmt: skip

    return _build(COGNISM_CONTACTS, rows, seed, cells)


SEAMLESS_CONTACTS = (
    "First Name", "Last Name", "Title", "Company Name", "Company Name - Cleaned", "Website",
    "Email 1", "Email 1 Validation", "Personal Email", "Contact Phone 1", "Company Phone 1",
    "Contact Mobile Phone", "Contact City", "Contact State", "Contact Country", "Company City",
    "Company State", "Company Country", "Company Annual Revenue", "Company Staff Count",
    "Company Staff Count Range", "Company Industry", "Contact LI Profile URL",
    "Company LI Profile Url", "Department", "Seniority", "List Name", "Company Description",
    "Company Domain",
)  # fmt: skip


def seamless_contacts(rows: int = 20, seed: int = 0) -> str:
    """Seamless.AI's contact export; "Company Name - Cleaned" beside the raw company name."""

    def cells(lead: Lead) -> Row:
        return {
            "First Name": lead.first_name, "Last Name": lead.last_name, "Title": lead.title,
            "Company Name": lead.company, "Company Name - Cleaned": lead.company,
            "Website": lead.website, "Email 1": lead.email, "Contact Phone 1": lead.phone,
            "Contact Country": lead.country_name, "Company Country": lead.country_name,
            "Company City": lead.city, "Company Staff Count": str(lead.employees),
            "Company Industry": _sector(lead)[5], "Contact LI Profile URL": lead.linkedin,
            "Company LI Profile Url": lead.company_linkedin, "Company Domain": lead.domain,
        }  # fmt: skip

    return _build(SEAMLESS_CONTACTS, rows, seed, cells)


CLAY_PEOPLE = (
    "First Name",
    "Last Name",
    "Full Name",
    "Job Title",
    "Location",
    "Company Domain",
    "LinkedIn Profile",
    "Company Name",
    "Work Email",
)
CLAY_COMPANIES = (
    "Name",
    "Description",
    "Primary Industry",
    "Size",
    "Type",
    "Location",
    "Country",
    "Domain",
    "LinkedIn URL",
)


def clay_people(rows: int = 20, seed: int = 0) -> str:
    """A Clay table from its Find People source, with a work-email enrichment column."""

    def cells(lead: Lead) -> Row:
        return {
            "First Name": lead.first_name, "Last Name": lead.last_name,
            "Full Name": f"{lead.first_name} {lead.last_name}", "Job Title": lead.title,
            "Location": f"{lead.city}, {lead.country_name}", "Company Domain": lead.domain,
            "LinkedIn Profile": lead.linkedin, "Company Name": lead.company,
            "Work Email": lead.email,
        }  # fmt: skip

    return _build(CLAY_PEOPLE, rows, seed, cells)


def clay_companies(rows: int = 20, seed: int = 0) -> str:
    """A Clay table from its Find Companies source: "LinkedIn URL" is the company page."""

    def cells(lead: Lead) -> Row:
        return {
            "Name": lead.company, "Description": lead.description,
            "Primary Industry": _sector(lead)[5], "Size": f"{lead.employees} employees",
            "Type": "Privately Held", "Location": lead.city, "Country": lead.country_name,
            "Domain": lead.domain, "LinkedIn URL": lead.company_linkedin,
        }  # fmt: skip

    return _build(CLAY_COMPANIES, rows, seed, cells)


#: Every builder by layout name, for tests that run over all of them.
BUILDERS: dict[str, Callable[[int, int], str]] = {
    "apollo-people": apollo_people,
    "apollo-companies": apollo_companies,
    "zoominfo-contacts": zoominfo_contacts,
    "salesforce-leads": salesforce_leads,
    "salesforce-contacts": salesforce_contacts,
    "salesforce-accounts": salesforce_accounts,
    "salesforce-leads-report": salesforce_leads_report,
    "salesforce-leads-de": salesforce_leads_de,
    "hubspot-contacts": hubspot_contacts,
    "hubspot-companies": hubspot_companies,
    "linkedin-connections": linkedin_connections,
    "sales-navigator": sales_navigator,
    "pipedrive-people": pipedrive_people,
    "zoho-leads": zoho_leads,
    "zoho-accounts": zoho_accounts,
    "dynamics-leads": dynamics_leads,
    "dynamics-accounts": dynamics_accounts,
    "close-leads": close_leads,
    "lusha-contacts": lusha_contacts,
    "cognism-contacts": cognism_contacts,
    "seamless-contacts": seamless_contacts,
    "clay-people": clay_people,
    "clay-companies": clay_companies,
}
