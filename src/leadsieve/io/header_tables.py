"""The table of real export headers: which canonical column each one feeds, and how strongly.

Data only; ``leadsieve.io.headers`` indexes it. One ``HeaderGroup`` per (target, rank, vendors)
with the headers that share them. ``rank`` settles several headers claiming one target (see the
``headers`` module docstring); the losers become per-row fallbacks in rank order, so ranks among
one target's headers also say which filled cell is read when the preferred one is empty.
``specific`` marks a header that carries a finer value for its target than the vendor's main
column (a sub-industry, a NAICS or SIC code): the importer combines the broad label with the most
specific filled value. ``language`` is set on localized UI labels (Salesforce, HubSpot).

Where each vendor's headers come from is listed in ``VENDOR_SOURCES`` and docs/exports.md.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from leadsieve.io.header_labels import LOCALIZED

APOLLO: Final = "Apollo"
ZOOMINFO: Final = "ZoomInfo"
SALESFORCE: Final = "Salesforce"  # Lead and Contact (person records), API names and UI labels
SALESFORCE_ACCOUNT: Final = "Salesforce Account"
HUBSPOT: Final = "HubSpot"  # contacts export, and the internal property names
HUBSPOT_COMPANIES: Final = "HubSpot companies"
LINKEDIN: Final = "LinkedIn Connections"
SALES_NAVIGATOR: Final = "Sales Navigator (PhantomBuster)"
PIPEDRIVE: Final = "Pipedrive"
ZOHO: Final = "Zoho CRM"  # Leads and Contacts
ZOHO_ACCOUNTS: Final = "Zoho CRM Accounts"
DYNAMICS: Final = "Dynamics 365"
CLOSE: Final = "Close"
LUSHA: Final = "Lusha"
COGNISM: Final = "Cognism"
SEAMLESS: Final = "Seamless.ai"
CLAY: Final = "Clay"
MARKETO: Final = "Marketo"
USBIZDATA: Final = "USBizData"
YC: Final = "YC directory"
SP500: Final = "S&P 500 list"
SALESGENIE: Final = "Salesgenie"


class HeaderGroup(NamedTuple):
    """Headers sharing a target, rank and vendors (``only_for``: the one vendor it holds in)."""

    target: str
    rank: int
    sources: tuple[str, ...]
    headers: tuple[str, ...]
    only_for: str | None = None
    specific: bool = False
    language: str | None = None


G = HeaderGroup
SF_PEOPLE = (SALESFORCE, ZOHO, DYNAMICS)

_ENGLISH: Final[tuple[HeaderGroup, ...]] = (
    # company name
    G("company_name", 40, (APOLLO, ZOOMINFO, USBIZDATA, HUBSPOT, YC, LUSHA, COGNISM, SEAMLESS,
                           DYNAMICS, SALES_NAVIGATOR, CLAY), ("Company Name",)),
    G("company_name", 40, (SEAMLESS,), ("Company Name - Cleaned",)),
    G("company_name", 30, (SEAMLESS,), ("Company Name",), SEAMLESS),  # the raw name: fallback
    G("company_name", 40, (SP500,), ("Security",), SP500),
    G("company_name", 40, (HUBSPOT_COMPANIES,), ("Company name",)),
    G("company_name", 40, (PIPEDRIVE,), ("Organization - Name", "Organization Name")),
    G("company_name", 40, (CLOSE,), ("display_name",)),
    G("company_name", 40, (SALESFORCE_ACCOUNT,), ("Name",), SALESFORCE_ACCOUNT),
    G("company_name", 35, (HUBSPOT,), ("Associated Company",)),
    G("company_name", 30, (APOLLO, SALESFORCE, LINKEDIN, MARKETO, ZOHO), ("Company",)),
    G("company_name", 30, (SALESFORCE, SALESFORCE_ACCOUNT, ZOHO, ZOHO_ACCOUNTS, DYNAMICS),
      ("Account Name", "Account.Name")),
    G("company_name", 30, (), ("Organization", "Company / Account")),
    G("company_name", 30, (PIPEDRIVE,), ("Person - Organization",)),
    G("company_name", 10, (APOLLO,), ("Company Name for Emails",)),
    G("company_name", 5, (HUBSPOT_COMPANIES, CLAY), ("name",)),
    # domain and website
    G("domain", 40, (HUBSPOT_COMPANIES,), ("domain", "Company Domain Name")),
    G("domain", 40, (LUSHA, COGNISM, SEAMLESS, CLAY),
      ("Company Domain", "Website Domain", "Domain Name")),
    G("domain", 40, (CLAY,), ("Domain",)),
    G("website", 40, (APOLLO, ZOOMINFO, SALESFORCE, SALESFORCE_ACCOUNT, MARKETO, YC, ZOHO,
                      ZOHO_ACCOUNTS, DYNAMICS), ("Website",)),
    G("website", 40, (USBIZDATA, HUBSPOT_COMPANIES), ("Website URL",)),
    G("website", 40, (LUSHA, COGNISM), ("Company Website", "Homepage", "Company URL")),
    G("website", 40, (PIPEDRIVE,), ("Organization - Website",)),
    G("website", 10, (CLOSE,), ("URL",)),
    # company LinkedIn page
    G("linkedin_url", 40, (APOLLO,), ("Company Linkedin Url",)),
    G("linkedin_url", 40, (ZOOMINFO,), ("LinkedIn Company Profile URL",)),
    G("linkedin_url", 40, (HUBSPOT_COMPANIES,), ("linkedin_company_page", "LinkedIn Company Page")),
    G("linkedin_url", 40, (YC, CLAY), ("linkedin_url",)),  # also "LinkedIn URL"
    G("linkedin_url", 40, (SEAMLESS,), ("Company LI Profile Url",)),
    G("linkedin_url", 40, (SALES_NAVIGATOR,), ("regularCompanyUrl",)),
    G("linkedin_url", 40, (PIPEDRIVE,), ("Organization - LinkedIn profile",)),
    G("linkedin_url", 40, (LUSHA, COGNISM), ("Company LinkedIn URL",)),
    G("linkedin_url", 30, (), ("Company LinkedIn", "LinkedIn Company URL")),
    G("linkedin_url", 20, (SALES_NAVIGATOR,), ("companyUrl",), SALES_NAVIGATOR),
    # the person's LinkedIn profile
    G("contact_linkedin_url", 40, (APOLLO,), ("Person Linkedin Url",)),
    G("contact_linkedin_url", 40, (ZOOMINFO,), ("LinkedIn Contact Profile URL",)),
    G("contact_linkedin_url", 40, (HUBSPOT,), ("hs_linkedin_url",)),
    G("contact_linkedin_url", 40, (SEAMLESS,), ("Contact LI Profile URL",)),
    G("contact_linkedin_url", 40, (LINKEDIN,), ("URL",), LINKEDIN),
    G("contact_linkedin_url", 40, (SALES_NAVIGATOR,),
      ("contact_linkedin_url", "LinkedIn Profile URL", "linkedInProfileUrl")),
    G("contact_linkedin_url", 40, (LUSHA,), ("LinkedIn URL",), LUSHA),
    G("contact_linkedin_url", 40, (COGNISM,), ("LinkedIn URL",), COGNISM),
    G("contact_linkedin_url", 30, (), ("LinkedIn Profile", "Person LinkedIn")),
    G("contact_linkedin_url", 30, (CLAY,), ("LinkedIn Profile",)),
    G("contact_linkedin_url", 20, (SALES_NAVIGATOR,), ("profileUrl",)),
    # registration numbers
    G("org_no", 40, (), ("org_no", "Organization Number", "Org Number", "Orgnr")),
    G("org_no", 40, (), ("Registration Number", "Company Registration Number")),
    G("org_no", 30, (SALESFORCE,), ("CompanyDunsNumber",)),
    G("org_no", 30, (SALESFORCE_ACCOUNT,), ("DunsNumber", "D-U-N-S Number")),
    G("org_no", 30, (), ("DUNS", "DUNS Number")),
    G("org_no", 30, (SP500,), ("CIK",)),
    # industry: the vendor's main label 40; finer values are `specific`
    G("industry", 40, (APOLLO, SALESFORCE, SALESFORCE_ACCOUNT, HUBSPOT, HUBSPOT_COMPANIES,
                       MARKETO, ZOHO, ZOHO_ACCOUNTS, DYNAMICS, SALES_NAVIGATOR), ("Industry",)),
    G("industry", 40, (ZOOMINFO, CLAY), ("Primary Industry",)),
    G("industry", 40, (SP500,), ("GICS Sub-Industry",), specific=True),
    G("industry", 40, (USBIZDATA,), ("SIC Description",)),
    G("industry", 40, (PIPEDRIVE,), ("Organization - Industry",)),
    G("industry", 40, (LUSHA, COGNISM, SEAMLESS), ("Company Industry",)),
    G("industry", 30, (SP500,), ("GICS Sector",)),
    G("industry", 30, (ZOOMINFO,), ("Primary Sub-Industry",), specific=True),
    G("industry", 30, (LUSHA,), ("Company Sub Industry", "Sub-Industry"), specific=True),
    G("industry", 30, (), ("Sector", "Industry Name", "Vertical")),
    G("industry", 20, (ZOOMINFO,), ("Industry Hierarchical Category",), specific=True),
    G("industry", 15, (SALESFORCE_ACCOUNT,), ("NaicsDesc",), specific=True),
    G("industry", 14, (SALESFORCE_ACCOUNT,), ("SicDesc",), specific=True),
    G("industry", 12, (ZOOMINFO,), ("NAICS Code 1",), specific=True),
    G("industry", 12, (SALESFORCE_ACCOUNT, COGNISM), ("NAICS Code", "NAICS", "NaicsCode"),
      specific=True),
    G("industry", 11, (ZOOMINFO, USBIZDATA, ZOHO_ACCOUNTS), ("SIC Code 1", "SIC Code"),
      specific=True),
    G("industry", 11, (SALESGENIE,), ("Primary SIC",), specific=True),
    G("industry", 11, (SALESFORCE_ACCOUNT, COGNISM), ("SIC", "Sic"), specific=True),
    G("industry", 10, (ZOOMINFO, APOLLO), ("NAICS Codes",), specific=True),
    G("industry", 9, (ZOOMINFO, APOLLO), ("SIC Codes",), specific=True),
    # employees
    G("employees", 40, (APOLLO, ZOOMINFO, SALESFORCE_ACCOUNT, ZOHO_ACCOUNTS), ("Employees",)),
    G("employees", 40, (SALESFORCE, SALESFORCE_ACCOUNT, HUBSPOT, USBIZDATA, MARKETO),
      ("NumberOfEmployees",)),
    G("employees", 40, (HUBSPOT,), ("NOOFEMPLOYEES",)),
    G("employees", 40, (YC,), ("team_size",)),
    G("employees", 40, (HUBSPOT_COMPANIES, DYNAMICS), ("Number of Employees",)),
    G("employees", 40, (SALESFORCE, ZOHO, DYNAMICS), ("No. of Employees",)),
    G("employees", 40, (PIPEDRIVE,), ("Organization - Number of employees",)),
    G("employees", 40, (SEAMLESS,), ("Company Staff Count",)),
    G("employees", 30, (), ("Employee Count", "Headcount", "Company Headcount")),
    G("employees", 30, (LUSHA, COGNISM, CLAY), ("Company Size", "Size")),
    G("employees", 20, (ZOOMINFO,), ("Employee Range",)),
    G("employees", 20, (SEAMLESS,), ("Company Staff Count Range",)),
    # revenue
    G("revenue", 40, (APOLLO, SALESFORCE, HUBSPOT, HUBSPOT_COMPANIES, USBIZDATA, MARKETO, ZOHO,
                      ZOHO_ACCOUNTS, DYNAMICS), ("Annual Revenue",)),
    G("revenue", 40, (), ("revenue",)),
    G("revenue", 40, (PIPEDRIVE,), ("Organization - Annual revenue",)),
    G("revenue", 40, (LUSHA, COGNISM, SEAMLESS), ("Company Revenue", "Company Annual Revenue")),
    G("revenue", 30, (SALESGENIE,), ("Location Sales Volume",)),
    G("revenue", 30, (), ("Sales Volume", "Turnover", "Annual Sales")),
    G("revenue", 20, (ZOOMINFO,), ("Revenue Range (in USD)",)),
    G("revenue_thousands_usd", 40, (ZOOMINFO,), ("Revenue (in 000s USD)",)),
    G("revenue_thousands_usd", 40, (), ("revenue_thousands_usd",)),
    G("revenue_currency", 40, (), ("revenue_currency", "Currency")),
    G("revenue_currency", 40, (SALESFORCE, SALESFORCE_ACCOUNT), ("CurrencyIsoCode",)),
    # location: the company's first (40), then unspecified (30), then the person's (20)
    G("country", 40, (APOLLO, ZOOMINFO, LUSHA, COGNISM, SEAMLESS), ("Company Country",)),
    G("country", 40, (MARKETO, SALESFORCE_ACCOUNT, ZOHO_ACCOUNTS),
      ("billingCountry", "Billing Country")),
    G("country", 40, (PIPEDRIVE,), ("Organization - Address - Country",)),
    G("country", 40, (CLOSE,), ("primary_address_country",)),
    G("country", 40, (), ("HQ Country", "Headquarters Country")),
    G("country", 30, (APOLLO, ZOOMINFO, SALESFORCE, HUBSPOT, MARKETO, YC, ZOHO, CLAY),
      ("Country",)),
    G("country", 30, (HUBSPOT, HUBSPOT_COMPANIES, DYNAMICS),
      ("Country/Region", "Address 1: Country/Region")),
    G("country", 20, (SALESFORCE,), ("MailingCountry", "Mailing Country")),
    G("country", 20, (LUSHA, COGNISM, SEAMLESS), ("Person Country", "Contact Country")),
    G("subdivision", 40, (APOLLO, ZOOMINFO, LUSHA, COGNISM, SEAMLESS), ("Company State",)),
    G("subdivision", 40, (MARKETO, SALESFORCE_ACCOUNT, ZOHO_ACCOUNTS),
      ("billingState", "Billing State", "Billing State/Province")),
    G("subdivision", 40, (PIPEDRIVE,), ("Organization - Address - State/county",)),
    G("subdivision", 40, (CLOSE,), ("primary_address_state",)),
    G("subdivision", 40, (), ("subdivision", "HQ State")),
    G("subdivision", 30, (APOLLO, SALESFORCE, HUBSPOT, USBIZDATA, ZOHO), ("State",)),
    G("subdivision", 30, (SALESFORCE, HUBSPOT, HUBSPOT_COMPANIES, DYNAMICS),
      ("Region", "Province", "State/Province", "State/Region", "Address 1: State/Province")),
    G("subdivision", 20, (ZOOMINFO,), ("Person State",)),
    G("subdivision", 20, (SALESFORCE,), ("MailingState", "Mailing State/Province")),
    G("subdivision", 20, (LUSHA, COGNISM, SEAMLESS), ("Contact State",)),
    G("city", 40, (APOLLO, ZOOMINFO, LUSHA, COGNISM, SEAMLESS), ("Company City",)),
    G("city", 40, (SP500,), ("Headquarters Location",)),
    G("city", 40, (MARKETO, SALESFORCE_ACCOUNT, ZOHO_ACCOUNTS), ("billingCity", "Billing City")),
    G("city", 40, (PIPEDRIVE,), ("Organization - Address - City/town",)),
    G("city", 40, (CLOSE,), ("primary_address_city",)),
    G("city", 40, (), ("HQ City", "Headquarters City")),
    G("city", 30, (APOLLO, SALESFORCE, HUBSPOT, HUBSPOT_COMPANIES, USBIZDATA, MARKETO, ZOHO),
      ("City",)),
    G("city", 30, (DYNAMICS,), ("Address 1: City",)),
    G("city", 30, (SALES_NAVIGATOR,), ("companyLocation",)),
    G("city", 25, (YC, SALES_NAVIGATOR, CLAY), ("location",)),
    G("city", 20, (ZOOMINFO,), ("Person City",)),
    G("city", 20, (SALESFORCE,), ("MailingCity", "Mailing City")),
    G("city", 20, (LUSHA, COGNISM, SEAMLESS), ("Contact City",)),
    # descriptions and lists
    G("description", 40, (HUBSPOT, SALESFORCE, SALESFORCE_ACCOUNT, ZOHO, DYNAMICS, CLOSE,
                           HUBSPOT_COMPANIES, CLAY), ("description",)),
    G("description", 40, (ZOOMINFO, SEAMLESS), ("Company Description",)),
    G("description", 40, (YC,), ("long_description",)),
    G("description", 30, (YC, APOLLO), ("short_description",)),
    G("description", 25, (APOLLO,), ("SEO Description",)),
    G("description", 20, (), ("About", "Company Overview", "Overview")),
    G("keywords", 40, (APOLLO,), ("Keywords",)),
    G("keywords", 30, (YC,), ("tags",)),
    G("keywords", 30, (), ("Specialties",)),
    G("technologies", 40, (APOLLO,), ("Technologies",)),
    G("technologies", 35, (COGNISM, LUSHA), ("Company Technologies", "Technographics")),
    G("technologies", 30, (), ("Tech Stack", "Technology", "Technologies Used")),
    G("signals", 40, (), ("signals",)),
    # the person
    G("first_name", 40, (APOLLO, ZOOMINFO, LINKEDIN, SALESFORCE, HUBSPOT, ZOHO, DYNAMICS, LUSHA,
                         COGNISM, SEAMLESS, CLAY, SALES_NAVIGATOR), ("First Name",)),
    G("first_name", 40, (SALESGENIE,), ("Executive First Name",)),
    G("first_name", 40, (PIPEDRIVE,), ("Person - First name",)),
    G("first_name", 40, (CLOSE,), ("primary_contact_first_name",)),
    G("first_name", 30, (), ("Given Name",)),
    G("last_name", 40, (APOLLO, ZOOMINFO, LINKEDIN, SALESFORCE, HUBSPOT, ZOHO, DYNAMICS, LUSHA,
                        COGNISM, SEAMLESS, CLAY, SALES_NAVIGATOR), ("Last Name",)),
    G("last_name", 40, (SALESGENIE,), ("Executive Last Name",)),
    G("last_name", 40, (PIPEDRIVE,), ("Person - Last name",)),
    G("last_name", 40, (CLOSE,), ("primary_contact_last_name",)),
    G("last_name", 30, (), ("Surname", "Family Name")),
    G("full_name", 40, (SALES_NAVIGATOR, CLAY, DYNAMICS), ("full_name", "Person Name")),
    G("full_name", 40, (USBIZDATA,), ("Contact Name",)),
    G("full_name", 40, (SALESFORCE,), ("Name",), SALESFORCE),
    G("full_name", 40, (DYNAMICS,), ("Name",), DYNAMICS),
    G("full_name", 40, (PIPEDRIVE,), ("Person - Name",)),
    G("full_name", 40, (CLOSE,), ("primary_contact_name",)),
    G("email", 40, (APOLLO, SALESFORCE, HUBSPOT, MARKETO, ZOHO, DYNAMICS, COGNISM), ("Email",)),
    G("email", 40, (ZOOMINFO, LINKEDIN, USBIZDATA), ("Email Address",)),
    G("email", 40, (SEAMLESS,), ("Email 1",)),
    G("email", 40, (PIPEDRIVE,), ("Person - Email - Work",)),
    G("email", 40, (CLOSE,), ("primary_contact_primary_email",)),
    G("email", 30, (LUSHA, CLAY), ("Work Email", "Business Email", "Contact Email")),
    G("email", 20, (PIPEDRIVE,), ("Person - Email", "Person - Email - Other")),
    G("email", 10, (LUSHA,), ("Private Email", "Person - Email - Home")),
    G("phone", 40, (APOLLO,), ("Work Direct Phone",)),
    G("phone", 40, (ZOOMINFO,), ("Direct Phone Number",)),
    G("phone", 40, (SALESFORCE, HUBSPOT, ZOHO), ("Phone",)),
    G("phone", 40, (USBIZDATA, HUBSPOT, HUBSPOT_COMPANIES), ("Phone Number",)),
    G("phone", 40, (DYNAMICS,), ("Business Phone",)),
    G("phone", 40, (PIPEDRIVE,), ("Person - Phone - Work",)),
    G("phone", 40, (CLOSE,), ("primary_contact_primary_phone",)),
    G("phone", 40, (LUSHA, COGNISM), ("Direct Phone", "Direct")),
    G("phone", 40, (SEAMLESS,), ("Contact Phone 1",)),
    G("phone", 30, (APOLLO, ZOOMINFO, DYNAMICS, LUSHA), ("Mobile Phone",)),
    G("phone", 30, (SALESFORCE, ZOHO, COGNISM), ("MobilePhone", "Mobile")),
    G("phone", 30, (HUBSPOT,), ("Mobile Phone Number",)),
    G("phone", 30, (PIPEDRIVE,), ("Person - Phone - Mobile", "Person - Phone")),
    G("phone", 30, (SEAMLESS,), ("Contact Mobile Phone",)),
    G("phone", 20, (APOLLO,), ("Corporate Phone",)),
    G("phone", 15, (APOLLO,), ("Company Phone",)),
    G("phone", 15, (ZOOMINFO,), ("Company HQ Phone",)),
    G("phone", 15, (SEAMLESS,), ("Company Phone 1",)),
    G("phone", 15, (DYNAMICS,), ("Main Phone",)),
    G("title", 40, (APOLLO, SALESFORCE, ZOHO, SALES_NAVIGATOR), ("Title",)),
    G("title", 40, (ZOOMINFO, HUBSPOT, DYNAMICS, LUSHA, COGNISM, CLAY), ("Job Title",)),
    G("title", 40, (LINKEDIN,), ("Position",)),
    G("title", 40, (SALESGENIE,), ("Executive Title",)),
    G("title", 40, (PIPEDRIVE,), ("Person - Job title",)),
    G("title", 40, (CLOSE,), ("primary_contact_title",)),
    G("title", 30, (), ("Role", "Job Role", "Designation")),
    G("seniority", 40, (APOLLO, LUSHA, COGNISM, SEAMLESS), ("Seniority",)),
    G("seniority", 40, (ZOOMINFO,), ("Management Level",)),
    G("seniority", 30, (), ("Seniority Level", "Job Level")),
    G("department", 40, (ZOOMINFO, MARKETO, SALESFORCE, ZOHO, SEAMLESS), ("Department",)),
    G("department", 40, (APOLLO, LUSHA), ("Departments",)),
    G("department", 30, (ZOOMINFO, HUBSPOT, COGNISM), ("Job Function",)),
    G("department", 30, (), ("Function",)),
    # record ids: person records -> record_id, company records -> company_record_id
    G("record_id", 40, (APOLLO,), ("Apollo Contact Id",)),
    G("record_id", 30, (APOLLO,), ("Apollo Record Id",)),
    G("record_id", 40, (ZOOMINFO,), ("ZoomInfo Contact ID",)),
    G("record_id", 40, (SALESFORCE,), ("Id",), SALESFORCE),
    G("record_id", 40, (SALESFORCE,), ("Lead ID", "Contact ID")),
    G("record_id", 40, (HUBSPOT, ZOHO), ("Record ID",)),
    G("record_id", 40, (HUBSPOT,), ("hs_object_id",)),
    G("record_id", 40, (PIPEDRIVE,), ("Person - ID",)),
    G("record_id", 40, (DYNAMICS,), ("(Do Not Modify) Lead", "(Do Not Modify) Contact")),
    G("record_id", 30, (SALES_NAVIGATOR,), ("vmid",)),
    G("company_record_id", 40, (APOLLO,), ("Apollo Account Id",)),
    G("company_record_id", 40, (ZOOMINFO,), ("ZoomInfo Company ID",)),
    G("company_record_id", 40, (SALESFORCE_ACCOUNT,), ("Id",), SALESFORCE_ACCOUNT),
    G("company_record_id", 40, (SALESFORCE, SALESFORCE_ACCOUNT), ("AccountId", "Account ID")),
    G("company_record_id", 40, (HUBSPOT_COMPANIES,), ("Record ID", "hs_object_id"),
      HUBSPOT_COMPANIES),
    G("company_record_id", 40, (ZOHO_ACCOUNTS,), ("Record ID",), ZOHO_ACCOUNTS),
    G("company_record_id", 40, (PIPEDRIVE,), ("Organization - ID",)),
    G("company_record_id", 40, (DYNAMICS,), ("(Do Not Modify) Account",)),
    G("company_record_id", 40, (CLOSE,), ("id",), CLOSE),
    G("company_record_id", 40, (CLOSE,), ("lead_id",), CLOSE),
    G("company_record_id", 30, (SALES_NAVIGATOR,), ("companyId", "Company ID")),
    G("company_record_id", 20, (SALESFORCE,), ("ConvertedAccountId",)),
    # funding and hiring facts
    G("funding_date", 40, (APOLLO,), ("Last Raised At",)),
    G("funding_date", 40, (ZOOMINFO,), ("Recent Funding Date",)),
    G("funding_date", 30, (), ("Last Funding Date", "Latest Funding Date")),
    G("funding_round", 40, (APOLLO,), ("Latest Funding",)),
    G("funding_round", 40, (ZOOMINFO,), ("Recent Funding Round",)),
    G("funding_round", 30, (), ("Last Funding Type", "Last Funding Round", "Funding Stage")),
    G("funding_amount", 40, (APOLLO,), ("Latest Funding Amount",)),
    G("funding_amount", 30, (), ("Last Funding Amount",)),
    G("funding_amount", 20, (APOLLO, HUBSPOT_COMPANIES), ("Total Funding", "Total Money Raised")),
    G("hiring", 30, (), ("Hiring", "Is Hiring", "Job Postings", "Open Jobs", "Job Openings",
                         "Number of Open Jobs", "Active Job Postings")),
    # consent: an opt-out only lowers consent
    G("email_opt_out", 40, (SALESFORCE,), ("HasOptedOutOfEmail",)),
    G("email_opt_out", 40, (SALESFORCE, ZOHO), ("Email Opt Out",)),
    G("email_opt_out", 40, (HUBSPOT,), ("Unsubscribed from all email", "hs_email_optout")),
    G("email_opt_out", 40, (DYNAMICS,), ("Do not allow Emails",)),
    G("email_opt_out", 30, (DYNAMICS,), ("Do not allow Bulk Emails",)),
    G("email_opt_out", 30, (PIPEDRIVE,), ("Person - Marketing status",)),
    G("email_opt_out", 30, (), ("Unsubscribed", "Email Unsubscribed", "Opted Out")),
    G("do_not_call", 40, (SALESFORCE, APOLLO), ("DoNotCall", "Do Not Call")),
    G("do_not_call", 40, (DYNAMICS,), ("Do not allow Phone Calls",)),
    G("do_not_call", 30, (COGNISM,), ("DNC", "Mobile DNC")),
    G("do_not_contact", 40, (), ("Do Not Contact", "DoNotContact")),
    G("do_not_contact", 30, (DYNAMICS,), ("Do not allow Any Contact",)),
)  # fmt: skip

#: Every group, English first; the localized labels name Salesforce and HubSpot as sources.
GROUPS: Final[tuple[HeaderGroup, ...]] = _ENGLISH + tuple(
    HeaderGroup(target, rank, (SALESFORCE, HUBSPOT), headers, language=language)
    for language, target, rank, headers in LOCALIZED
)

#: Where each vendor's headers were taken from (rendered into docs/exports.md).
VENDOR_SOURCES: Final[dict[str, str]] = {
    APOLLO: "export_headers.md (several public importers of Apollo people exports); the "
    "companies export adds SEO/short descriptions, SIC/NAICS codes and funding columns",
    ZOOMINFO: "export_headers.md (the full contact export list hard-coded by a public importer)",
    SALESFORCE: "Salesforce field reference (Lead, Contact: API names and field labels) and the "
    "column labels of standard Lead/Contact reports",
    SALESFORCE_ACCOUNT: "Salesforce field reference (Account: API names and field labels)",
    HUBSPOT: "HubSpot default contact properties (labels and internal names) and export_headers.md",
    HUBSPOT_COMPANIES: "HubSpot default company properties (labels and internal names)",
    LINKEDIN: "export_headers.md (Connections.csv of LinkedIn's personal data export)",
    SALES_NAVIGATOR: "no native export (export_headers.md); the columns of PhantomBuster's "
    "Sales Navigator Search Export, the most common third-party tool",
    PIPEDRIVE: "Pipedrive's spreadsheet export ('Entity - Field' headers, default fields)",
    ZOHO: "Zoho CRM Leads/Contacts standard field labels ('Record Id' is the export's id column)",
    ZOHO_ACCOUNTS: "Zoho CRM Accounts standard field labels",
    DYNAMICS: "Dynamics 365 'Export to Excel' (hidden '(Do Not Modify)' id columns, display "
    "names of Lead, Contact and Account)",
    CLOSE: "Close's lead CSV export (snake_case lead and primary contact/address columns)",
    LUSHA: "Lusha prospecting export as documented in its help centre; not checked against a file",
    COGNISM: "Cognism web-app export as documented in its help centre; not checked against a file",
    SEAMLESS: "export_headers.md detection keys, with the rest of Seamless.AI's contact export",
    CLAY: "Clay tables are user-defined; the default columns of its Find People and Find "
    "Companies sources",
    MARKETO: "export_headers.md (Marketo standard lead fields)",
    USBIZDATA: "export_headers.md",
    YC: "the YC directory CSV in shared/data",
    SP500: "the S&P 500 constituents CSV in shared/data",
    SALESGENIE: "export_headers.md detection keys",
}
