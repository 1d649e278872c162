"""Tests for industry normalization: taxonomy, synonyms, crosswalks and ICP codes."""

from __future__ import annotations

import csv
import importlib.util
import re
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.normalize.industry import (
    get_industry,
    industry_slugs,
    industry_taxonomy,
    normalize_industry,
    normalize_industry_code,
    suggest_industries,
)
from leadsieve.normalize.industry_vocabulary import industry_key, load_taxonomy

DATA = files("leadsieve.normalize") / "data"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Every GICS sub-industry in datasets/s-and-p-500-companies constituents.csv (127).
GICS_SP500 = """Advertising|Aerospace & Defense|Agricultural & Farm Machinery|Agricultural
Products & Services|Air Freight & Logistics|Apparel Retail|Apparel, Accessories & Luxury Goods|
Application Software|Asset Management & Custody Banks|Automobile Manufacturers|Automotive Parts &
Equipment|Automotive Retail|Biotechnology|Brewers|Broadcasting|Broadline Retail|Building
Products|Cable & Satellite|Cargo Ground Transportation|Casinos & Gaming|Commodity Chemicals|
Communications Equipment|Computer & Electronics Retail|Construction & Engineering|Construction
Machinery & Heavy Transportation Equipment|Construction Materials|Consumer Electronics|Consumer
Finance|Consumer Staples Merchandise Retail|Copper|Data Center REITs|Data Processing & Outsourced
Services|Distillers & Vintners|Distributors|Diversified Banks|Diversified Support Services|
Electric Utilities|Electrical Components & Equipment|Electronic Components|Electronic Equipment &
Instruments|Electronic Manufacturing Services|Environmental & Facilities Services|Fertilizers &
Agricultural Chemicals|Financial Exchanges & Data|Food Distributors|Food Retail|Footwear|Gas
Utilities|Gold|Health Care Distributors|Health Care Equipment|Health Care Facilities|Health Care
REITs|Health Care Services|Health Care Supplies|Health Care Technology|Heavy Electrical
Equipment|Home Improvement Retail|Homebuilding|Homefurnishing Retail|Hotel & Resort REITs|Hotels,
Resorts & Cruise Lines|Household Products|Human Resource & Employment Services|IT Consulting &
Other Services|Independent Power Producers & Energy Traders|Industrial Conglomerates|Industrial
Gases|Industrial Machinery & Supplies & Components|Industrial REITs|Insurance Brokers|Integrated
Oil & Gas|Integrated Telecommunication Services|Interactive Home Entertainment|Interactive Media &
Services|Internet Services & Infrastructure|Investment Banking & Brokerage|Leisure Products|Life
& Health Insurance|Life Sciences Tools & Services|Managed Health Care|Metal, Glass & Plastic
Containers|Movies & Entertainment|Multi-Family Residential REITs|Multi-Sector Holdings|
Multi-Utilities|Multi-line Insurance|Office REITs|Oil & Gas Equipment & Services|Oil & Gas
Exploration & Production|Oil & Gas Refining & Marketing|Oil & Gas Storage & Transportation|Other
Specialized REITs|Other Specialty Retail|Packaged Foods & Meats|Paper & Plastic Packaging
Products & Materials|Passenger Airlines|Passenger Ground Transportation|Personal Care Products|
Pharmaceuticals|Property & Casualty Insurance|Publishing|Rail Transportation|Real Estate
Services|Regional Banks|Reinsurance|Research & Consulting Services|Restaurants|Retail REITs|
Self-Storage REITs|Semiconductor Materials & Equipment|Semiconductors|Single-Family Residential
REITs|Soft Drinks & Non-alcoholic Beverages|Specialized Consumer Services|Specialty Chemicals|
Steel|Systems Software|Technology Distributors|Technology Hardware, Storage & Peripherals|Telecom
Tower REITs|Timber REITs|Tobacco|Trading Companies & Distributors|Transaction & Payment Processing
Services|Water Utilities|Wireless Telecommunication Services"""
GICS = [" ".join(s.split()) for s in GICS_SP500.split("|")]

# The 150 most frequent tags of the YC directory snapshot (2024-05-11), most frequent first.
_YC_TOP_150 = """saas b2b fintech artificial-intelligence developer-tools ai marketplace e-commerce
generative-ai machine-learning education analytics consumer healthcare climate api open-source
health-tech productivity payments biotech consumer-health-services logistics enterprise
crypto-web3 hardware digital-health data-engineering proptech gaming sales video security
ai-assistant social medical-devices hr-tech hard-tech community real-estate supply-chain
recruiting robotics marketing computer-vision insurance design-tools infrastructure
enterprise-software delivery construction neobank elearning compliance entertainment food-tech
finance collaboration retail investing messaging mental-health-tech iot therapeutics automation
travel legaltech india media subscriptions manufacturing ai-enhanced-learning deep-learning
transportation devops creator-economy health-&-wellness climatetech diagnostics energy devsecops
telemedicine ai-powered-drug-discovery workflow-automation no-code govtech advertising aiops
cloud-computing drug-discovery genomics nlp agriculture grocery nonprofit social-media
food-&-beverage electric-vehicles cybersecurity banking-as-a-service synthetic-biology documents
data-visualization finops music health-insurance latin-america email telehealth data-science
customer-success oncology telecommunications sales-enablement databases customer-support fashion
human-resources drones big-data robotic-process-automation augmented-reality satellites design
sports-tech social-network space-exploration remote-work crm housing fitness identity aerospace
smb healthcare-it sustainability conversational-ai operations lending legal consumer-finance
solar-power defi neurotechnology renewable-energy payroll retail-tech virtual-reality
web-development automotive"""
YC_TOP_150 = _YC_TOP_150.split()

# HubSpot's company "industry" property enum (its values are the LinkedIn V1 labels).
_HUBSPOT = """
ACCOUNTING AIRLINES_AVIATION ALTERNATIVE_DISPUTE_RESOLUTION ALTERNATIVE_MEDICINE ANIMATION
APPAREL_FASHION ARCHITECTURE_PLANNING ARTS_AND_CRAFTS AUTOMOTIVE AVIATION_AEROSPACE BANKING
BIOTECHNOLOGY BROADCAST_MEDIA BUILDING_MATERIALS BUSINESS_SUPPLIES_AND_EQUIPMENT CAPITAL_MARKETS
CHEMICALS CIVIC_SOCIAL_ORGANIZATION CIVIL_ENGINEERING COMMERCIAL_REAL_ESTATE
COMPUTER_NETWORK_SECURITY COMPUTER_GAMES COMPUTER_HARDWARE COMPUTER_NETWORKING COMPUTER_SOFTWARE
INTERNET CONSTRUCTION CONSUMER_ELECTRONICS CONSUMER_GOODS CONSUMER_SERVICES COSMETICS DAIRY
DEFENSE_SPACE DESIGN EDUCATION_MANAGEMENT E_LEARNING ELECTRICAL_ELECTRONIC_MANUFACTURING
ENTERTAINMENT ENVIRONMENTAL_SERVICES EVENTS_SERVICES EXECUTIVE_OFFICE FACILITIES_SERVICES
FARMING FINANCIAL_SERVICES FINE_ART FISHERY FOOD_BEVERAGES FOOD_PRODUCTION FUND_RAISING
FURNITURE GAMBLING_CASINOS GLASS_CERAMICS_CONCRETE GOVERNMENT_ADMINISTRATION
GOVERNMENT_RELATIONS GRAPHIC_DESIGN HEALTH_WELLNESS_AND_FITNESS HIGHER_EDUCATION
HOSPITAL_HEALTH_CARE HOSPITALITY HUMAN_RESOURCES IMPORT_AND_EXPORT INDIVIDUAL_FAMILY_SERVICES
INDUSTRIAL_AUTOMATION INFORMATION_SERVICES INFORMATION_TECHNOLOGY_AND_SERVICES INSURANCE
INTERNATIONAL_AFFAIRS INTERNATIONAL_TRADE_AND_DEVELOPMENT INVESTMENT_BANKING
INVESTMENT_MANAGEMENT JUDICIARY LAW_ENFORCEMENT LAW_PRACTICE LEGAL_SERVICES LEGISLATIVE_OFFICE
LEISURE_TRAVEL_TOURISM LIBRARIES LOGISTICS_AND_SUPPLY_CHAIN LUXURY_GOODS_JEWELRY MACHINERY
MANAGEMENT_CONSULTING MARITIME MARKET_RESEARCH MARKETING_AND_ADVERTISING
MECHANICAL_OR_INDUSTRIAL_ENGINEERING MEDIA_PRODUCTION MEDICAL_DEVICES MEDICAL_PRACTICE
MENTAL_HEALTH_CARE MILITARY MINING_METALS MOTION_PICTURES_AND_FILM MUSEUMS_AND_INSTITUTIONS
MUSIC NANOTECHNOLOGY NEWSPAPERS NON_PROFIT_ORGANIZATION_MANAGEMENT OIL_ENERGY ONLINE_MEDIA
OUTSOURCING_OFFSHORING PACKAGE_FREIGHT_DELIVERY PACKAGING_AND_CONTAINERS PAPER_FOREST_PRODUCTS
PERFORMING_ARTS PHARMACEUTICALS PHILANTHROPY PHOTOGRAPHY PLASTICS POLITICAL_ORGANIZATION
PRIMARY_SECONDARY_EDUCATION PRINTING PROFESSIONAL_TRAINING_COACHING PROGRAM_DEVELOPMENT
PUBLIC_POLICY PUBLIC_RELATIONS_AND_COMMUNICATIONS PUBLIC_SAFETY PUBLISHING RAILROAD_MANUFACTURE
RANCHING REAL_ESTATE RECREATIONAL_FACILITIES_AND_SERVICES RELIGIOUS_INSTITUTIONS
RENEWABLES_ENVIRONMENT RESEARCH RESTAURANTS RETAIL SECURITY_AND_INVESTIGATIONS SEMICONDUCTORS
SHIPBUILDING SPORTING_GOODS SPORTS STAFFING_AND_RECRUITING SUPERMARKETS TELECOMMUNICATIONS
TEXTILES THINK_TANKS TOBACCO TRANSLATION_AND_LOCALIZATION TRANSPORTATION_TRUCKING_RAILROAD
UTILITIES VENTURE_CAPITAL_PRIVATE_EQUITY VETERINARY WAREHOUSING WHOLESALE WINE_AND_SPIRITS
WIRELESS WRITING_AND_EDITING
"""
HUBSPOT = _HUBSPOT.split()


def _synonyms() -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((DATA / "industry_synonyms.yaml").read_text())
    return loaded


def _slug_of(text: str) -> str | None:
    industry = normalize_industry(text)
    return None if industry is None else industry.slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("Software Development", "software-development", id="v2-label"),
        pytest.param(
            "technology, information and MEDIA",
            "technology-information-and-media",
            id="v2-label-case",
        ),
        pytest.param(
            "Technology & Information & Media",
            "technology-information-and-media",
            id="ampersand-for-and",
        ),
        pytest.param("Média & Télécommunications", "media-and-telecommunications", id="accents"),
        pytest.param("it-services-and-it-consulting", "it-services-and-it-consulting", id="slug"),
        pytest.param("linkedin:4", "software-development", id="linkedin-id"),
        pytest.param("LinkedIn 96", "it-services-and-it-consulting", id="linkedin-id-space"),
        pytest.param("Computer Software", "software-development", id="v1-software"),
        pytest.param(
            "Information Technology & Services", "it-services-and-it-consulting", id="v1-it"
        ),
        pytest.param("Internet", "technology-information-and-internet", id="v1-internet"),
        pytest.param("Marketing and Advertising", "advertising-services", id="v1-marketing"),
        pytest.param("Hospital & Health Care", "hospitals-and-health-care", id="v1-hospital"),
        pytest.param("Staffing & Recruiting", "staffing-and-recruiting", id="v1-staffing"),
        pytest.param("Management Consulting", "business-consulting-and-services", id="v1-mc"),
        pytest.param("E-Learning", "e-learning-providers", id="v1-elearning"),
        pytest.param(
            "Venture Capital & Private Equity",
            "venture-capital-and-private-equity-principals",
            id="v1-vc",
        ),
        pytest.param("Oil & Energy", "oil-and-gas", id="v1-oil"),
        pytest.param(
            "Logistics & Supply Chain",
            "transportation-logistics-supply-chain-and-storage",
            id="v1-logistics",
        ),
        pytest.param("Education Management", "education", id="v1-override-education"),
        pytest.param("COMPUTER_SOFTWARE", "software-development", id="hubspot-software"),
        pytest.param(
            "INFORMATION_TECHNOLOGY_AND_SERVICES", "it-services-and-it-consulting", id="hubspot-it"
        ),
        pytest.param("Software", "software-development", id="zoominfo-software"),
        pytest.param("Business Services", "professional-services", id="zoominfo-business"),
        pytest.param(
            "Hospitals & Physicians Clinics", "hospitals-and-health-care", id="zoominfo-hospitals"
        ),
        pytest.param("Not For Profit", "non-profit-organizations", id="salesforce-nfp"),
        pytest.param("Communications", "telecommunications", id="salesforce-communications"),
        pytest.param("Food & Beverage", "food-and-beverage-services", id="salesforce-food"),
        pytest.param("Financials", "financial-services", id="gics-sector"),
        pytest.param("Application Software", "software-development", id="gics-software"),
        pytest.param("Regional Banks", "banking", id="gics-banks"),
        pytest.param("SaaS", "software-development", id="saas"),
        pytest.param("B2B SaaS", "software-development", id="b2b-saas"),
        pytest.param("FinTech", "financial-services", id="fintech"),
        pytest.param("devtools", "software-development", id="devtools"),
        pytest.param("developer tools", "software-development", id="developer-tools"),
        pytest.param("artificial intelligence", "software-development", id="ai-long"),
        pytest.param("AI", "software-development", id="ai"),
        pytest.param("health tech", "software-development", id="healthtech"),
        pytest.param("biotech", "biotechnology-research", id="biotech"),
        pytest.param("edtech", "e-learning-providers", id="edtech"),
        pytest.param("ecommerce", "online-and-mail-order-retail", id="ecommerce"),
        pytest.param("e-commerce", "online-and-mail-order-retail", id="e-commerce"),
        pytest.param("crypto", "blockchain-services", id="crypto"),
        pytest.param("web3", "blockchain-services", id="web3"),
        pytest.param("climate", "climate-technology-product-manufacturing", id="climate"),
        pytest.param("robotics", "robot-manufacturing", id="robotics"),
        pytest.param("cybersecurity", "computer-and-network-security", id="cybersecurity"),
        pytest.param("insurtech", "software-development", id="insurtech"),
        pytest.param("proptech", "software-development", id="proptech"),
        pytest.param("gaming", "computer-games", id="gaming"),
        pytest.param("health-&-wellness", "wellness-and-fitness-services", id="yc-ampersand"),
        pytest.param("Sofware Developmnt", "software-development", id="fuzzy-typo"),
        pytest.param("b2b; Fintech | SaaS", "financial-services", id="list-cell-first-hit"),
    ],
)
def test_normalize_industry_text(text: str, slug: str) -> None:
    """Labels, slugs, ids, legacy labels, vendor values and free text resolve to one slug."""
    assert _slug_of(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("Custom Software & IT Services", "it-services-and-it-consulting",
                     id="zoominfo-sub-industry"),
        pytest.param("Lodging & Resorts", "hotels-and-motels", id="zoominfo-lodging"),
        pytest.param("Drug Stores & Pharmacies", "retail-pharmacies", id="zoominfo-pharmacies"),
        pytest.param("Finance > Banking", "banking", id="path"),
        pytest.param("Business Services > Custom Software & IT Services",
                     "it-services-and-it-consulting", id="path-zoominfo"),
        pytest.param("Finance > Some New Sub-Industry", "financial-services",
                     id="path-falls-back-to-parent"),
        pytest.param("Government > Federal", "government-administration", id="path-government"),
        pytest.param("Retail > Furniture", "retail-furniture-and-home-furnishings",
                     id="path-disambiguates"),
        pytest.param("Furniture", "furniture-and-home-furnishings-manufacturing",
                     id="alone-manufacturing"),
        pytest.param("Technology, Information and Media > Technology, Information and Internet "
                     "> Software Development", "software-development", id="v2-hierarchy"),
        pytest.param("Health Care Technology", "software-development", id="gics-health-tech"),
        pytest.param("govtech", "software-development", id="govtech"),
        pytest.param("legaltech", "software-development", id="legaltech"),
        pytest.param("healthtech", "software-development", id="healthtech-word"),
        pytest.param("Wealthtech", "software-development", id="unknown-tech-word"),
        pytest.param("Insurance Software", "software-development", id="unknown-software"),
        pytest.param("fintech", "financial-services", id="fintech-stays"),
        pytest.param("telemedicine", "hospitals-and-health-care", id="care-delivery-stays"),
        pytest.param("Maschinenbau", "machinery-manufacturing", id="de-machinery"),
        pytest.param("IT-Dienstleistungen und IT-Beratung", "it-services-and-it-consulting",
                     id="de-it-services"),
        pytest.param("Services et conseil en informatique", "it-services-and-it-consulting",
                     id="fr-it-services"),
        pytest.param("Desarrollo de software", "software-development", id="es-software"),
        pytest.param("Serviços financeiros", "financial-services", id="pt-financial"),
        pytest.param("Servizi bancari", "banking", id="it-banking"),
        pytest.param("Ziekenhuizen en gezondheidszorg", "hospitals-and-health-care",
                     id="nl-hospitals"),
        pytest.param("Bankverksamhet", "banking", id="sv-banking"),
        pytest.param("IT-DIENSTLEISTUNGEN UND IT BERATUNG", "it-services-and-it-consulting",
                     id="localized-folded"),
    ],
)  # fmt: skip
def test_issue_13_labels(text: str, slug: str) -> None:
    """ZoomInfo's names, "Parent > Child" paths (finest part that resolves) and technology
    for a sector (the vendor's industry, not the customers') resolve as issue #13 asks."""
    assert _slug_of(text) == slug


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("n/a", id="n-a"),
        pytest.param("Narnia", id="garbage-word"),
        pytest.param("lots", id="short-garbage"),
        pytest.param("b2b", id="b2b"),
        pytest.param("consumer", id="consumer"),
        pytest.param("Other", id="salesforce-other"),
        pytest.param("42 Technologies", id="number-then-words"),
        pytest.param("99", id="unknown-naics-sector"),
        pytest.param("linkedin:2", id="unknown-linkedin-id"),
        pytest.param("naics:", id="system-without-code"),
    ],
)
def test_normalize_industry_unknown(text: str | None) -> None:
    """Missing values, garbage and words that are not industries stay None."""
    assert normalize_industry(text) is None


@pytest.mark.parametrize(
    ("text", "slug", "codes"),
    [
        pytest.param("513210", "software-development", ("naics:513210",), id="naics-2022-sw"),
        pytest.param("5112", "software-development", ("naics:5112",), id="naics-2017-sw"),
        pytest.param("5415", "it-services-and-it-consulting", ("naics:5415",), id="naics-5415"),
        pytest.param(
            "NAICS 541511", "it-services-and-it-consulting", ("naics:541511",), id="naics-541511"
        ),
        pytest.param("naics:52", "financial-services", ("naics:52",), id="naics-52"),
        pytest.param("5221", "banking", ("naics:5221",), id="naics-5221"),
        pytest.param("524", "insurance", ("naics:524",), id="naics-524"),
        pytest.param("23", "construction", ("naics:23",), id="naics-23"),
        pytest.param("622", "hospitals", ("naics:622",), id="naics-622"),
        pytest.param("6113", "higher-education", ("naics:6113",), id="naics-6113"),
        pytest.param(
            "541511.0",
            "it-services-and-it-consulting",
            ("naics:541511",),
            id="naics-float-artifact",
        ),
        pytest.param(
            "541511 - Custom Computer Programming Services",
            "it-services-and-it-consulting",
            ("naics:541511",),
            id="naics-with-title",
        ),
        pytest.param(
            "31-33", "manufacturing", ("naics:31", "naics:32", "naics:33"), id="naics-range"
        ),
        pytest.param("sic:7372", "software-development", ("sic:7372",), id="sic-colon"),
        pytest.param("SIC 7372", "software-development", ("sic:7372",), id="sic-space"),
        pytest.param("SIC 8062", "hospitals", ("sic:8062",), id="sic-prefix"),
        pytest.param("nace:62.01", "it-services-and-it-consulting", ("nace:62.01",), id="nace"),
        pytest.param(
            "NACE J62.01",
            "it-services-and-it-consulting",
            ("nace:62.01",),
            id="nace-section-letter",
        ),
        pytest.param("NACE Rev. 2 5821", "computer-games", ("nace:58.21",), id="nace-undotted"),
        pytest.param(
            "SNI 62010", "it-services-and-it-consulting", ("sni:62010", "nace:62.01"), id="sni"
        ),
    ],
)
def test_normalize_industry_codes(text: str, slug: str, codes: tuple[str, ...]) -> None:
    """Codes resolve through the crosswalks and the Industry carries the normalized codes."""
    industry = normalize_industry(text)
    assert industry is not None
    assert (industry.slug, industry.codes) == (slug, codes)


def test_code_path_reaches_broader_node() -> None:
    """A code mapped to a fine node still matches ICPs naming its ancestor (622 -> hospitals)."""
    industry = normalize_industry("622")
    assert industry is not None
    assert industry.path == ("hospitals-and-health-care", "hospitals")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("62", "62", id="bare"),
        pytest.param("7372", "7372", id="bare-sic-only"),
        pytest.param("naics:5415", "naics:5415", id="naics"),
        pytest.param("NAICS 5415", "naics:5415", id="naics-space"),
        pytest.param("NACE 62.01", "nace:62.01", id="nace"),
        pytest.param("62.01", "nace:62.01", id="bare-dotted-is-nace"),
        pytest.param("sic 7372", "sic:7372", id="sic"),
        pytest.param("SNI 62010", "sni:62010", id="sni"),
        pytest.param("31-33", None, id="range-is-no-prefix"),
        pytest.param("naics:99", None, id="unknown-sector"),
        pytest.param("software-development", None, id="slug"),
        pytest.param("linkedin:4", None, id="linkedin"),
        pytest.param("", None, id="empty"),
    ],
)
def test_normalize_industry_code(text: str, code: str | None) -> None:
    """ICP code entries get one canonical form; anything else is not a code."""
    assert normalize_industry_code(text) == code


def test_every_v1_label_maps() -> None:
    """All 147 LinkedIn V1 labels resolve; all but three to the V2 node with the V1 id."""
    text = (DATA / "industry_synonyms.yaml").read_text()
    v1 = re.findall(r'^  "(.+)": (\S+)  # (\d+)', text, flags=re.MULTILINE)
    assert len(v1) == 147
    assert [label for label, slug, _ in v1 if _slug_of(label) != slug] == []
    by_id = {n.linkedin_id: n.slug for n in industry_taxonomy()}
    moved = {label for label, slug, ident in v1 if by_id[int(ident)] != slug}
    assert moved == {
        "Education Management",
        "Transportation/Trucking/Railroad",
        "Renewables & Environment",
    }


@pytest.mark.parametrize("value", HUBSPOT)
def test_every_hubspot_enum_maps(value: str) -> None:
    """Every HubSpot industry enum value resolves to a slug."""
    assert _slug_of(value) in industry_slugs()


@pytest.mark.parametrize("name", GICS)
def test_every_sp500_gics_sub_industry_maps(name: str) -> None:
    """Every GICS sub-industry in the S&P 500 list resolves to a slug."""
    assert len(GICS) == 127
    assert _slug_of(name) in industry_slugs()


def test_yc_top_150_tags_mapped_or_deliberately_unmapped() -> None:
    """Each of the 150 most frequent YC tags maps, or is listed in not_industries."""
    not_industries = {industry_key(str(t)) for t in _synonyms()["not_industries"]}  # type: ignore[attr-defined]
    undecided = [
        t for t in YC_TOP_150 if _slug_of(t) is None and industry_key(t) not in not_industries
    ]
    assert len(YC_TOP_150) == 150
    assert undecided == []


# The GICS structure (2023): every industry group and industry, and the sub-industries the S&P
# 500 list does not carry.
GICS_GROUPS_AND_INDUSTRIES = """Energy|Materials|Capital Goods|Commercial & Professional
Services|Transportation|Automobiles & Components|Consumer Durables & Apparel|Consumer Services|
Consumer Discretionary Distribution & Retail|Consumer Staples Distribution & Retail|Food, Beverage
& Tobacco|Household & Personal Products|Health Care Equipment & Services|Pharmaceuticals,
Biotechnology & Life Sciences|Banks|
Financial Services|Insurance|Software & Services|Technology Hardware & Equipment|Semiconductors &
Semiconductor Equipment|Telecommunication Services|Media & Entertainment|Utilities|Equity Real
Estate Investment Trusts (REITs)|Real Estate Management & Development|Energy Equipment &
Services|Oil, Gas & Consumable Fuels|Chemicals|Construction Materials|Containers & Packaging|
Metals & Mining|Paper & Forest Products|Aerospace & Defense|Building Products|Construction &
Engineering|Electrical Equipment|Industrial Conglomerates|Machinery|Trading Companies &
Distributors|Commercial Services & Supplies|Professional Services|Air Freight & Logistics|
Passenger Airlines|Marine Transportation|Ground Transportation|Transportation Infrastructure|
Automobile Components|Automobiles|Household Durables|Leisure Products|Textiles, Apparel & Luxury
Goods|Hotels, Restaurants & Leisure|Diversified Consumer Services|Distributors|Broadline Retail|
Specialty Retail|Beverages|Food Products|Tobacco|Household Products|Personal Care Products|Health
Care Equipment & Supplies|Health Care Providers & Services|Health Care Technology|Biotechnology|
Pharmaceuticals|Life Sciences Tools & Services|Consumer Finance|Capital Markets|Mortgage Real
Estate Investment Trusts (REITs)|IT Services|Software|Communications Equipment|Technology
Hardware, Storage & Peripherals|Electronic Equipment, Instruments & Components|Diversified
Telecommunication Services|Wireless Telecommunication Services|Media|Entertainment|Interactive
Media & Services|Electric Utilities|Gas Utilities|Multi-Utilities|Water Utilities|Independent
Power and Renewable Electricity Producers|Diversified REITs|Industrial REITs|Hotel & Resort REITs|
Office REITs|Health Care REITs|Residential REITs|Retail REITs|Specialized REITs|Silver|Paper
Products|Commercial Printing|Office Services & Supplies|Airport Services|Highways & Railtracks|
Marine Ports & Services|Motorcycle Manufacturers|Housewares & Specialties|Textiles|Specialized
Finance|Commercial & Residential Mortgage Finance|Diversified Capital Markets|Diversified Real
Estate Activities"""
GICS_REST = [" ".join(n.split()) for n in GICS_GROUPS_AND_INDUSTRIES.replace("\n", " ").split("|")]


def test_every_gics_group_industry_and_sub_industry_is_known() -> None:
    """Every GICS industry group and industry, and every sub-industry outside the S&P 500 list,
    is a table key: it maps to a slug, or to None only where the group spans two branches."""
    # 25 groups, 74 industries and 13 sub-industries; a name shared by two levels counts once
    assert len(GICS_REST) == len(set(GICS_REST)) == 107
    aliases = load_taxonomy().aliases
    assert [name for name in GICS_REST if industry_key(name) not in aliases] == []
    unmapped = [name for name in GICS_REST if aliases[industry_key(name)] is None]
    assert unmapped == ["Health Care Equipment & Services"]


def test_every_yc_tag_mapped_or_deliberately_unmapped() -> None:
    """Every tag of the YC directory snapshot maps, or is listed in not_industries."""
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "yc_companies_2024-05-11.csv"
    if not path.exists():
        pytest.skip("shared YC snapshot not present")
    import ast

    with path.open(encoding="utf-8") as handle:
        tags = {t for row in csv.DictReader(handle) for t in ast.literal_eval(row["tags"] or "[]")}
    assert len(tags) == 327
    assert sorted(t for t in tags if industry_key(t) not in load_taxonomy().aliases) == []


FURNITURE = "furniture-and-home-furnishings-manufacturing"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("Brewing", "breweries", id="stem-ing-to-ery"),
        pytest.param("Craft Brewers", "breweries", id="stem-ers"),
        pytest.param("Nightclubs", "bars-taverns-and-nightclubs", id="one-word-heads-one-label"),
        pytest.param("Auto Insurance", "insurance", id="head-not-modifier"),
        pytest.param("Music Education", "education", id="head-education"),
        pytest.param("Social Media Advertising", "advertising-services", id="head-advertising"),
        pytest.param("Home Furniture Stores", "retail-furniture-and-home-furnishings", id="stores"),
        pytest.param("Variety Shops", "retail", id="stores-branch-only"),
        pytest.param("Wholesale of fruit and vegetables", "wholesale-food-and-beverage", id="of"),
        pytest.param(
            "Wholesale of computers, computer peripheral equipment and software",
            "wholesale-computer-equipment",
            id="of-software-is-no-vendor",
        ),
        pytest.param("Travel agency activities", "travel-arrangements", id="activities-filler"),
        # other languages, read word by word in English (data/industry_words_l10n.yaml)
        pytest.param("Herstellung von Möbeln", FURNITURE, id="de-von"),
        pytest.param("Möbelherstellung", FURNITURE, id="de-compound"),
        pytest.param("Fabrication d’articles de sport", "sporting-goods-manufacturing", id="fr-de"),
        pytest.param("Tillverkning av möbler", FURNITURE, id="sv-av"),
        pytest.param("Lebensmitteleinzelhandel", "retail-groceries", id="de-compound-retail"),
        pytest.param("Fabricación de prendas", "apparel-manufacturing", id="es-plural"),
        # a form of organization names no industry; "A/B" and ICB's "A: B"
        pytest.param("Chemical Company", "chemical-manufacturing", id="company"),
        pytest.param("Staffing Agency", "staffing-and-recruiting", id="agency"),
        pytest.param(
            "Pharmacy / Drugstore", "retail-health-and-personal-care-products", id="slash"
        ),
        pytest.param(
            "Machinery: Agricultural",
            "agriculture-construction-mining-machinery-manufacturing",
            id="colon",
        ),
        pytest.param("Winery", "wineries", id="stem-ery"),
    ],
)
def test_labels_no_table_lists_resolve_by_their_head(text: str, slug: str) -> None:
    """A label no table lists resolves by its stemmed words, with its head word deciding."""
    assert industry_key(text) not in load_taxonomy().aliases
    assert _slug_of(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # items of a conjunction: their common node, a root included
        pytest.param("Breweries & Distilleries", "food-and-beverage-manufacturing", id="items"),
        pytest.param("Textiles & Footwear", "manufacturing", id="items-root"),
        # a finer node words find is kept only when it holds every item's industry
        pytest.param("Glass & Plastic Products", "manufacturing", id="items-not-one-of-them"),
        pytest.param(
            "Manufacture of cocoa, chocolate and sugar confectionery",
            "sugar-and-confectionery-product-manufacturing",
            id="items-finer-words",
        ),
        # last resort: the items an exact key names, when they are at least half of them
        pytest.param("Footwear & Widgets", "footwear-manufacturing", id="items-partial"),
        # "A - B" (Morningstar): B when it is a known industry beside A, else "B A", else A
        pytest.param("Beverages - Wineries", "wineries", id="qualifier-industry"),
        pytest.param("Software - Enterprise", "software-development", id="qualifier-adjective"),
        pytest.param("Media - Diversified", "media-and-telecommunications", id="qualifier-outer"),
        pytest.param("REIT - Farmland", "real-estate", id="reit"),
        # an aside in brackets is read apart; an activity word names no industry alone
        pytest.param("Semiconductors (Fabless)", "semiconductor-manufacturing", id="aside"),
        pytest.param("Steel Production", "primary-metal-manufacturing", id="activity-word"),
        # other languages, with the round-3 words ("auto" is German and French too)
        pytest.param("Fabricación de calzado", "footwear-manufacturing", id="es-footwear"),
        pytest.param("Auto Repair", "vehicle-repair-and-maintenance", id="auto"),
        # last resorts: "X Services" once, one word by the labels holding it, "A of B"
        pytest.param("Trucking Services", "truck-transportation", id="services-form-word"),
        pytest.param("Chemists", "retail-pharmacies", id="one-word-labels-holding-it"),
        pytest.param("Taxi", "taxi-and-limousine-services", id="short-word-labels-it-begins"),
        pytest.param(
            "Production of cement", "glass-ceramics-and-concrete-manufacturing", id="a-of-b"
        ),
    ],
)
def test_labels_no_table_lists_resolve_by_their_parts(text: str, slug: str) -> None:
    """A label no table lists resolves by its parts: the items of "A & B", the two sides of
    "A - B", the text beside an aside in brackets."""
    assert industry_key(text) not in load_taxonomy().aliases
    assert _slug_of(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("Broiler, Fryer, and Roaster Chickens", "ranching", id="sic-title"),
        pytest.param(
            "Automotive Rental and Leasing, Without Drivers",
            "equipment-rental-services",
            id="sic-crosswalk-row",
        ),
        pytest.param("Data Mining", "data-infrastructure-and-analytics", id="crunchbase"),
        pytest.param("Quality Assurance", None, id="crunchbase-no-industry"),
    ],
)
def test_sic_titles_and_crunchbase_industries(text: str, slug: str | None) -> None:
    """Every SIC 1987 title reads as its code (a wholesale title only with "wholesale": SIC
    5044 "Office Equipment" does not make office equipment a wholesaler), and Crunchbase's
    industries resolve by the table where their words mislead."""
    assert _slug_of(text) == slug
    assert _slug_of("Office Equipment") != "wholesale"
    assert _slug_of("Office Equipment wholesale") == "wholesale"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("Government Technology", "software-development", id="govtech"),
        pytest.param("Legal Technology", "software-development", id="legaltech"),
        pytest.param("Property Technology", "software-development", id="proptech"),
        pytest.param("Insurance Technology", "software-development", id="insurtech"),
        pytest.param("Health Care Technology", "software-development", id="gics-hc-tech"),
        pytest.param("Education Technology", "e-learning-providers", id="edtech-stays"),
        pytest.param("Financial Technology", "financial-services", id="fintech-stays"),
        pytest.param("Food Technology", "food-and-beverage-manufacturing", id="product-stays"),
        pytest.param("Information Technology", "it-services-and-it-consulting", id="it-itself"),
    ],
)
def test_technology_for_a_sector_spelled_out(text: str, slug: str) -> None:
    """'<Sector> Technology' reads as the '<sector>tech' it spells out: the vendor's industry,
    except where the company is in the sector itself (fintech, edtech, a product's tech)."""
    assert _slug_of(text) == slug


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("lots", id="short-word-heading-a-label"),
        pytest.param("Utility Creation and Distribution", id="two-heads"),
        pytest.param("Services, NEC", id="empty-words"),
        pytest.param("Event Management", id="weak-head"),
        pytest.param("Energy Management", id="modifier-only"),
        pytest.param("Women's", id="possessive"),
        pytest.param("AI receptionist for dentists", id="description-for"),
        pytest.param("Create hit songs with AI", id="description-with"),
    ],
)
def test_labels_with_no_clear_head_stay_unknown(text: str) -> None:
    """A label whose only shared word is a modifier, a weak word or one of two heads is None,
    never the industry of that word."""
    assert normalize_industry(text) is None


def test_synonym_tables_are_consistent() -> None:
    """No key points to two slugs, and every synonym and crosswalk names an existing slug."""
    assert load_taxonomy().conflicts == ()
    slugs = industry_slugs()
    for table in _synonyms().values():
        if isinstance(table, dict):
            assert {s for s in table.values() if s is not None} <= slugs
    for name in ("naics_crosswalk.csv", "sic_crosswalk.csv", "nace_crosswalk.csv"):
        lines = [ln for ln in (DATA / name).read_text().splitlines() if not ln.startswith("#")]
        assert {row["slug"] for row in csv.DictReader(lines)} <= slugs, name


def test_taxonomy_shape() -> None:
    """434 V2 nodes with kebab-case slugs; every path runs root -> self through real nodes."""
    nodes = industry_taxonomy()
    assert len(nodes) == len(industry_slugs()) == 434
    for node in nodes:
        assert SLUG.match(node.slug), node.slug
        assert node.path[-1] == node.slug
        assert all(get_industry(s) is not None for s in node.path)
        assert get_industry(node.path[0]).path == node.path[:1]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("slug", "path", "linkedin_id"),
    [
        pytest.param(
            "software-development",
            (
                "technology-information-and-media",
                "technology-information-and-internet",
                "software-development",
            ),
            4,
            id="sw",
        ),
        pytest.param(
            "market-research",
            ("professional-services", "advertising-services", "market-research"),
            97,
            id="missing-space-separator",
        ),
        pytest.param(
            "breweries",
            ("manufacturing", "food-and-beverage-manufacturing", "breweries"),
            562,
            id="empty-segment",
        ),
        pytest.param(
            "media-and-telecommunications",
            ("technology-information-and-media", "media-and-telecommunications"),
            3133,
            id="ampersand-label",
        ),
        pytest.param(
            "womens-handbag-manufacturing",
            ("manufacturing", "leather-product-manufacturing", "womens-handbag-manufacturing"),
            625,
            id="apostrophe",
        ),
    ],
)
def test_get_industry(slug: str, path: tuple[str, ...], linkedin_id: int) -> None:
    """get_industry returns the node with its path, id and no codes."""
    industry = get_industry(slug)
    assert industry is not None
    assert (industry.path, industry.codes, industry.linkedin_id) == (path, (), linkedin_id)


def test_get_industry_unknown() -> None:
    """An unknown slug is None, not an error."""
    assert get_industry("software-developement") is None


@pytest.mark.parametrize(
    ("text", "first"),
    [
        pytest.param("software-developement", "software-development", id="typo"),
        pytest.param("helthcare", "hospitals-and-health-care", id="synonym-typo"),
        pytest.param("markting agency", "advertising-services", id="words"),
    ],
)
def test_suggest_industries(text: str, first: str) -> None:
    """Suggestions put the nearest slug first and never exceed the limit."""
    suggestions = suggest_industries(text)
    assert suggestions[0] == first
    assert len(suggestions) <= 3 and len(set(suggestions)) == len(suggestions)
    assert suggest_industries(text, limit=1) == [first]
    assert suggest_industries("") == []


def _build_script() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_industries.py"
    spec = importlib.util.spec_from_file_location("build_industries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_synthesizes_ancestors_and_resolves_collisions() -> None:
    """The build makes id-less nodes for unlisted ancestors and suffixes colliding slugs."""
    build = _build_script()
    nodes = build.build_nodes(
        [
            {"industry_id": 7, "label": "Tools & Dies", "hierarchy": "Making > Tools & Dies"},
            {"industry_id": 3, "label": "Tools and Dies", "hierarchy": "Making > Tools and Dies"},
            {"industry_id": 9, "label": "Making", "hierarchy": "Making"},
        ]
    )
    by_slug = {n["slug"]: n for n in nodes}
    assert set(by_slug) == {"making", "tools-and-dies", "tools-and-dies-7"}
    assert by_slug["tools-and-dies"]["linkedin_id"] == 3
    assert by_slug["tools-and-dies-7"]["parent"] == "making"
    orphan = build.build_nodes([{"industry_id": 1, "label": "B", "hierarchy": "A > B"}])
    assert [(n["slug"], n["linkedin_id"], n["parent"]) for n in orphan] == [
        ("a", None, None),
        ("b", 1, "a"),
    ]


@given(st.text(max_size=40))
def test_normalize_never_raises_and_returns_real_slugs(text: str) -> None:
    """Any text gives None or a node whose slug and path exist."""
    industry = normalize_industry(text)
    if industry is not None:
        assert industry.slug in industry_slugs()
        assert set(industry.path) <= industry_slugs()


@given(st.sampled_from(sorted(industry_slugs())))
def test_normalize_is_idempotent_on_slugs(slug: str) -> None:
    """A slug normalizes to its own node, and so does that node's label."""
    industry = normalize_industry(slug)
    assert industry == get_industry(slug)
    assert industry is not None and _slug_of(industry.label) == slug


@given(st.text(alphabet="0123456789.-: naicsNACEJ", max_size=16))
def test_code_normalization_is_idempotent(text: str) -> None:
    """A canonical ICP code normalizes to itself and never raises."""
    code = normalize_industry_code(text)
    if code is not None:
        assert normalize_industry_code(code) == code


def test_localized_names_cover_eight_languages() -> None:
    """LinkedIn's industry names come in the seven other languages of the title reader, each
    with the same set of industries, all existing slugs."""
    loaded = yaml.safe_load((DATA / "industry_names_l10n.yaml").read_text("utf-8"))
    assert set(loaded) == {"de", "fr", "es", "pt", "it", "nl", "sv"}
    covered = {lang: set(table.values()) for lang, table in loaded.items()}
    assert all(len(slugs) >= 70 for slugs in covered.values())
    assert len({frozenset(slugs) for slugs in covered.values()}) == 1
    assert covered["de"] <= industry_slugs()
