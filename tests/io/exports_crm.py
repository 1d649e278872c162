"""Real-shaped exports of CRMs: Salesforce, HubSpot, Pipedrive, Zoho CRM, Dynamics 365, Close.

Each builder returns the CSV text of one layout; ``tests.io.exports`` documents the rows.
"""

from __future__ import annotations

from tests.io.export_rows import Lead, Row, build_csv, flag, sector_of

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
            "Email": lead.email, "Website": lead.website, "Industry": sector_of(lead)[4],
            "AnnualRevenue": str(lead.revenue), "NumberOfEmployees": str(lead.employees),
            "HasOptedOutOfEmail": flag(lead.opted_out), "IsConverted": "false",
            "DoNotCall": flag(lead.opted_out), "LeadSource": "Web",
        }  # fmt: skip

    return build_csv(SALESFORCE_LEADS, rows, seed, cells)


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
            "HasOptedOutOfEmail": flag(lead.opted_out), "DoNotCall": flag(lead.opted_out),
        }  # fmt: skip

    return build_csv(SALESFORCE_CONTACTS, rows, seed, cells)


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
            "Industry": sector_of(lead)[4], "AnnualRevenue": str(lead.revenue),
            "NumberOfEmployees": str(lead.employees), "NaicsCode": sector_of(lead)[3],
            "Description": lead.description,
        }  # fmt: skip

    return build_csv(SALESFORCE_ACCOUNTS, rows, seed, cells)


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
            "Email": lead.email, "Phone": lead.phone, "Industry": sector_of(lead)[4],
            "Annual Revenue": str(lead.revenue), "No. of Employees": str(lead.employees),
            "City": lead.city, "State/Province": lead.state, "Country": lead.country_name,
            "Website": lead.website, "Email Opt Out": flag(lead.opted_out, "1", "0"),
            "Do Not Call": flag(lead.opted_out, "1", "0"),
        }  # fmt: skip

    return build_csv(SALESFORCE_LEADS_REPORT, rows, seed, cells)


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
            "Branche": sector_of(lead)[4],
            "Anzahl der Mitarbeiter": f"{lead.employees:,}".replace(",", "."),
            "Jahresumsatz": f"{revenue:,.2f} €".replace(",", "_").replace(".", ",")
            .replace("_", "."),
            "Ort": "London" if lead.index == 0 else lead.city,
            "Land": _GERMAN_COUNTRIES.get(country, lead.country_name), "E-Mail": lead.email,
            "Telefon": lead.phone, "Webseite": lead.website,
            "E-Mail-Opt-out": flag(lead.opted_out, "1", "0"),
            "Nicht anrufen": flag(lead.opted_out, "1", "0"),
        }  # fmt: skip

    return build_csv(SALESFORCE_LEADS_DE, rows, seed, cells)


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
            "Industry": sector_of(lead)[5], "Annual Revenue": str(lead.revenue),
            "Number of Employees": str(lead.employees), "Website URL": lead.website,
            "Unsubscribed from all email": flag(lead.opted_out, "Yes", "No"),
        }  # fmt: skip

    return build_csv(HUBSPOT_CONTACTS, rows, seed, cells)


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
            "Country/Region": lead.country_name, "Industry": sector_of(lead)[5],
            "Number of Employees": str(lead.employees), "Annual Revenue": str(lead.revenue),
            "Website URL": lead.website, "LinkedIn Company Page": lead.company_linkedin,
            "Description": lead.description,
            "Total Money Raised": str(lead.funding_amount or ""),
        }  # fmt: skip

    return build_csv(HUBSPOT_COMPANIES_LAYOUT, rows, seed, cells)


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
            "Organization - Website": lead.website, "Organization - Industry": sector_of(lead)[5],
            "Organization - Number of employees": str(lead.employees),
            "Organization - LinkedIn profile": lead.company_linkedin,
        }  # fmt: skip

    return build_csv(PIPEDRIVE_PEOPLE, rows, seed, cells)


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
            "Industry": sector_of(lead)[4], "No. of Employees": str(lead.employees),
            "Annual Revenue": str(lead.revenue), "Email Opt Out": flag(lead.opted_out),
            "City": lead.city, "State": lead.state, "Country": lead.country_name,
        }  # fmt: skip

    return build_csv(ZOHO_LEADS, rows, seed, cells)


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
            "Website": lead.website, "Industry": sector_of(lead)[4],
            "Employees": str(lead.employees), "Annual Revenue": str(lead.revenue),
            "Billing City": lead.city, "Billing State": lead.state,
            "Billing Country": lead.country_name,
        }  # fmt: skip

    return build_csv(ZOHO_ACCOUNTS_LAYOUT, rows, seed, cells)


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
            "Industry": sector_of(lead)[5], "No. of Employees": str(lead.employees),
            "Annual Revenue": str(lead.revenue), "Do not allow Emails": allow,
            "Do not allow Phone Calls": allow,
        }  # fmt: skip

    return build_csv(DYNAMICS_LEADS, rows, seed, cells)


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
            "Industry": sector_of(lead)[5], "Number of Employees": str(lead.employees),
            "Annual Revenue": str(lead.revenue),
        }  # fmt: skip

    return build_csv(DYNAMICS_ACCOUNTS, rows, seed, cells)


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

    return build_csv(CLOSE_LEADS, rows, seed, cells)
