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

from collections.abc import Callable

from tests.io.export_rows import SECTORS, Lead, Row, build_csv, flag, make_leads, sector_of
from tests.io.exports_crm import (
    close_leads,
    dynamics_accounts,
    dynamics_leads,
    hubspot_companies,
    hubspot_contacts,
    pipedrive_people,
    salesforce_accounts,
    salesforce_contacts,
    salesforce_leads,
    salesforce_leads_de,
    salesforce_leads_report,
    zoho_accounts,
    zoho_leads,
)

__all__ = ["BUILDERS", "Lead", "make_leads"]

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
            "Industry": sector_of(lead)[0], "Keywords": lead.keywords,
            "Person Linkedin Url": lead.linkedin, "Website": lead.website,
            "Company Linkedin Url": lead.company_linkedin, "City": lead.city,
            "State": lead.state, "Country": lead.country_name, "Company City": lead.city,
            "Company State": lead.state, "Company Country": lead.country_name,
            "Technologies": "Salesforce, HubSpot, Google Analytics",
            "Annual Revenue": str(lead.revenue), "Latest Funding": lead.funding_round,
            "Latest Funding Amount": str(lead.funding_amount or ""),
            "Last Raised At": lead.funding_date, "Apollo Contact Id": lead.record_id,
            "Apollo Account Id": lead.company_record_id,
            "Do Not Call": flag(lead.opted_out),
        }  # fmt: skip

    return build_csv(APOLLO_PEOPLE, rows, seed, cells)


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
            "Industry": sector_of(lead)[0], "Website": lead.website,
            "Company Linkedin Url": lead.company_linkedin, "Company City": lead.city,
            "Company State": lead.state, "Company Country": lead.country_name,
            "Keywords": lead.keywords, "Short Description": lead.description,
            "Technologies": "Salesforce, Slack", "Latest Funding": lead.funding_round,
            "Last Raised At": lead.funding_date, "Annual Revenue": str(lead.revenue),
            "Apollo Account Id": lead.company_record_id, "NAICS Codes": sector_of(lead)[3],
        }  # fmt: skip

    return build_csv(APOLLO_COMPANIES, rows, seed, cells)


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
        sector = SECTORS["Information Technology"] if lead.index == 0 else sector_of(lead)
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

    return build_csv(ZOOMINFO_CONTACTS, rows, seed, cells)


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

    return build_csv(LINKEDIN_CONNECTIONS, rows, seed, cells, _LINKEDIN_NOTES)


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
            "regularCompanyUrl": lead.company_linkedin, "industry": sector_of(lead)[5],
            "companyLocation": lead.city, "location": f"{lead.city}, {lead.country_name}",
            "name": f"{lead.first_name} {lead.last_name}", "vmid": f"ACwAA{lead.record_id}",
            "linkedInProfileUrl": lead.linkedin, "connectionDegree": "2nd",
        }  # fmt: skip

    return build_csv(SALES_NAVIGATOR_LAYOUT, rows, seed, cells)


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
            "Company LinkedIn URL": lead.company_linkedin, "Company Industry": sector_of(lead)[5],
            "Company Size": str(lead.employees), "Company Country": lead.country_name,
            "Company City": lead.city, "Company Technologies": "Salesforce; HubSpot",
        }  # fmt: skip

    return build_csv(LUSHA_CONTACTS, rows, seed, cells)


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
            "Direct": lead.phone, "Mobile DNC": flag(lead.opted_out, "Yes", "No"),
            "LinkedIn URL": lead.linkedin, "Contact Country": lead.country_name,
            "Company Name": lead.company, "Company Website": lead.website,
            "Company Domain": lead.domain, "Company Industry": sector_of(lead)[5],
            "Company Size": str(lead.employees), "Company Country": lead.country_name,
            "NAICS": sector_of(lead)[3],
        }  # fmt: skip

    return build_csv(COGNISM_CONTACTS, rows, seed, cells)


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
            "Company Industry": sector_of(lead)[5], "Contact LI Profile URL": lead.linkedin,
            "Company LI Profile Url": lead.company_linkedin, "Company Domain": lead.domain,
        }  # fmt: skip

    return build_csv(SEAMLESS_CONTACTS, rows, seed, cells)


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

    return build_csv(CLAY_PEOPLE, rows, seed, cells)


def clay_companies(rows: int = 20, seed: int = 0) -> str:
    """A Clay table from its Find Companies source: "LinkedIn URL" is the company page."""

    def cells(lead: Lead) -> Row:
        return {
            "Name": lead.company, "Description": lead.description,
            "Primary Industry": sector_of(lead)[5], "Size": f"{lead.employees} employees",
            "Type": "Privately Held", "Location": lead.city, "Country": lead.country_name,
            "Domain": lead.domain, "LinkedIn URL": lead.company_linkedin,
        }  # fmt: skip

    return build_csv(CLAY_COMPANIES, rows, seed, cells)


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
