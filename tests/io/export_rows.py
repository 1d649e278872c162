"""Rows for the real-shaped export builders: leads from shared/data and the CSV writer.

``make_leads`` builds people at companies from the real data in shared/data: companies from the
YC directory (even rows: website, LinkedIn page, team size, country) and the S&P 500 list (odd
rows: no website, GICS sector, US HQ), people named after YC founders with O*NET job titles.
Same arguments, same leads (seeded). The tricky rows come first (see ``exports``).
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
SECTORS: dict[str, tuple[str, str, str, str, str, str]] = {
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
            # a company's own size, the same on every row that names it
            employees = random.Random(f"{seed}:{name}").randrange(2_000, 200_000)
            description, keywords = "", ""
        # its revenue per employee too: a file names a company with one set of firmographics
        per_head = random.Random(f"{seed}:{name}:revenue").randrange(80, 400)
        slug = re.sub(r"[^a-z]", "", first.lower()) or "info"
        leads.append(Lead(
            index=i, first_name=first, last_name=last, title=rng.choice(titles),
            email=f"{slug}@{domain}", phone=f"+1 415 555 {rng.randrange(1000, 9999)}",
            linkedin=f"https://www.linkedin.com/in/{slug}-{rng.randrange(10**5, 10**6)}",
            company=name, domain=domain, website=website, company_linkedin=linkedin,
            sector=sector, employees=employees, revenue=employees * per_head * 1000,
            country=country, country_name=names.get(country, country), city=city, state=state,
            description=description, keywords=keywords, funding_date="", funding_round="",
            funding_amount=0, opted_out=False, record_id=f"{rng.randrange(10**8, 10**9)}",
            company_record_id=f"{rng.randrange(10**8, 10**9)}",
        ))  # fmt: skip
    if rows > 2:
        leads[2] = replace(leads[2], email="", linkedin="")
    if rows > 3:
        leads[3] = replace(leads[3], opted_out=True)
        # the funding round is the company's: every row of that company carries it
        funded = leads[3].company
        leads = [
            replace(lead, funding_date="2026-08-01", funding_round="Series B",
                    funding_amount=25_000_000) if lead.company == funded else lead
            for lead in leads
        ]  # fmt: skip
    return leads


def _csv(headers: Sequence[str], rows: list[Row], preamble: str = "") -> str:
    out = io.StringIO()
    out.write(preamble)
    writer = csv.DictWriter(out, fieldnames=list(headers), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({h: row.get(h, "") for h in headers} for row in rows)
    return out.getvalue()


def build_csv(
    headers: Sequence[str], rows: int, seed: int, cells: Callable[[Lead], Row], preamble: str = ""
) -> str:
    return _csv(headers, [cells(lead) for lead in make_leads(rows, seed)], preamble)


def sector_of(lead: Lead) -> tuple[str, str, str, str, str, str]:
    return SECTORS.get(lead.sector, SECTORS["Industrials"])


def flag(value: bool, yes: str = "true", no: str = "false") -> str:
    return yes if value else no
