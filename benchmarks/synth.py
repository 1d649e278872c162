"""Synthetic lead lists that look like real exports (Sales Navigator, Apollo, ZoomInfo, CRMs).

Every cell is a raw string as it appears in a file: employees as "51-200", "1,001-5,000",
"~250" or "lots"; revenue as "$10M-$50M", "1.2B" or "€5 Mio"; countries as "USA", "Deutschland"
or "Narnia"; a long tail of job titles in several languages. Blanks are nulls, which is what
``pl.read_csv`` gives for an empty cell, so a generated frame equals the same frame read back.

Generation is vectorized (numpy draws, Polars string expressions) and chunked: chunk ``i`` draws
from its own ``SeedSequence([seed, i])``, so the output depends only on (rows, seed) and ten
million rows are written with one chunk in memory at a time.

    python benchmarks/synth.py 1000000 benchmarks/data/leads.csv --seed 0
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

#: Rows generated (and written) per chunk.
CHUNK_ROWS = 500_000

#: Output columns: canonical names of DESIGN.md, in its order.
COLUMNS = (
    "company_name",
    "website",
    "industry",
    "employees",
    "revenue",
    "country",
    "subdivision",
    "city",
    "description",
    "keywords",
    "technologies",
    "signals",
    "first_name",
    "last_name",
    "email",
    "title",
    "seniority",
    "department",
)

#: Signal dates are spread over the two years ending here; score with ``as_of`` the day after.
SIGNALS_UNTIL = date(2026, 8, 31)
SIGNAL_SPAN_DAYS = 730


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- organizations ------------------------------------------------------------------------

_NAME_A = _words(
    "North Star Blue Bright Clear Swift Iron Silver Green Red Summit Harbor Peak River Stone "
    "Cedar Maple Oak Pine Falcon Eagle Fox Wolf Bear Lion Nova Apex Vertex Zenith Orbit Quantum "
    "Pixel Cloud Data Signal Beacon Anchor Compass Atlas Titan Helix Vector Prism Echo Pulse "
    "Spark Flux Nimbus Strata Terra Aqua Solar Lunar Polar Arctic Coastal Urban Metro Civic "
    "Prime Core Bold True Open Smart Rapid Agile Lean Keen Vivid Lucid Solid Noble Royal Grand "
    "Alpine Nordic Baltic Pacific Atlantic Hudson Mission Union Liberty Pioneer Frontier Horizon "
    "Acme Globex Initech Umbrella Stark Wayne Wonka Tyrell Cyberdyne Hooli Vandelay Dunder "
    "Kestrel Osprey Heron Raven Sparrow Lynx Otter Badger Bison Moose Orca Koi Panda Tiger"
)
_NAME_B = _words(
    "Analytics Systems Labs Software Health Capital Logistics Robotics Networks Solutions "
    "Technologies Digital Media Partners Consulting Ventures Works Dynamics Energy Foods Bio "
    "Pharma Security Payments Finance Insurance Learning Retail Commerce Studio Cloud Data AI "
    "Mobility Motors Foundry Industries Group Holdings Services Engineering Medical Care Legal "
    "Realty Travel Games Bank Telecom Labs Apps Code Metrics Insights"
)
_NAME_C = _words(
    "Global International Europe America Nordic One Plus Pro Hub HQ X Works Co Direct Online "
    "Group Labs Systems"
)

# (ISO code, share %, spellings seen in files, legal suffixes, top-level domain)
_COUNTRIES: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("US", 40, ("US", "USA", "United States", "United States of America", "U.S."),
     ("Inc.", "LLC", "Corp.", ""), ".com"),
    ("GB", 9, ("GB", "UK", "United Kingdom", "England", "Great Britain"),
     ("Ltd", "Limited", "plc", ""), ".co.uk"),
    ("DE", 7, ("DE", "Germany", "Deutschland"), ("GmbH", "AG", "GmbH & Co. KG", ""), ".de"),
    ("FR", 5, ("FR", "France"), ("SAS", "SA", "SARL", ""), ".fr"),
    ("CA", 5, ("CA", "Canada"), ("Inc.", "Ltd.", ""), ".ca"),
    ("IN", 4, ("IN", "India"), ("Pvt Ltd", "Private Limited", ""), ".in"),
    ("SE", 3, ("SE", "Sweden", "Sverige"), ("AB", ""), ".se"),
    ("NL", 3, ("NL", "Netherlands", "Nederland", "Holland"), ("B.V.", ""), ".nl"),
    ("AU", 3, ("AU", "Australia"), ("Pty Ltd", ""), ".com.au"),
    ("ES", 2, ("ES", "Spain", "España"), ("S.L.", "S.A.", ""), ".es"),
    ("IT", 2, ("IT", "Italy", "Italia"), ("S.r.l.", "S.p.A.", ""), ".it"),
    ("BR", 2, ("BR", "Brazil", "Brasil"), ("Ltda.", ""), ".com.br"),
    ("CH", 1.5, ("CH", "Switzerland", "Schweiz", "Suisse"), ("AG", "GmbH", "SA", ""), ".ch"),
    ("DK", 1, ("DK", "Denmark", "Danmark"), ("ApS", "A/S", ""), ".dk"),
    ("NO", 1, ("NO", "Norway", "Norge"), ("AS", ""), ".no"),
    ("FI", 1, ("FI", "Finland", "Suomi"), ("Oy", ""), ".fi"),
    ("IE", 1, ("IE", "Ireland"), ("Ltd", ""), ".ie"),
    ("BE", 1, ("BE", "Belgium", "België", "Belgique"), ("NV", "SRL", ""), ".be"),
    ("AT", 1, ("AT", "Austria", "Österreich"), ("GmbH", ""), ".at"),
    ("PL", 1, ("PL", "Poland", "Polska"), ("sp. z o.o.", ""), ".pl"),
    ("SG", 1, ("SG", "Singapore"), ("Pte. Ltd.", ""), ".sg"),
    ("JP", 1, ("JP", "Japan"), ("K.K.", ""), ".jp"),
    ("MX", 1, ("MX", "Mexico", "México"), ("S.A. de C.V.", ""), ".mx"),
    ("IL", 0.8, ("IL", "Israel"), ("Ltd", ""), ".co.il"),
    ("AE", 0.6, ("AE", "UAE", "United Arab Emirates"), ("LLC", "FZ-LLC", ""), ".ae"),
    ("RU", 0.5, ("RU", "Russia", "Russian Federation"), ("OOO", ""), ".ru"),
    ("BY", 0.2, ("BY", "Belarus"), ("",), ".by"),
)  # fmt: skip
_COUNTRY_GARBAGE = ("Narnia", "Earth", "Remote", "EU", "Europe", "N/A", "Worldwide", "--")

# Subdivisions per country: (label as written, relative weight, cities). Countries not listed
# get no subdivision and a city from _CITIES. Bavaria's code "BY" collides with Belarus on
# purpose: a subdivision is not a country.
_SUBDIVISIONS: dict[str, tuple[tuple[str, int, tuple[str, ...]], ...]] = {
    "US": (
        ("CA", 12, ("San Francisco", "Los Angeles", "San Diego", "San Jose", "Palo Alto")),
        ("NY", 8, ("New York", "Brooklyn", "Buffalo")),
        ("TX", 8, ("Austin", "Dallas", "Houston")),
        ("FL", 6, ("Miami", "Tampa", "Orlando")),
        ("MA", 5, ("Boston", "Cambridge")),
        ("WA", 4, ("Seattle", "Bellevue")),
        ("IL", 4, ("Chicago",)),
        ("GA", 3, ("Atlanta",)),
        ("CO", 3, ("Denver", "Boulder")),
        ("NC", 3, ("Raleigh", "Charlotte")),
        ("PA", 3, ("Philadelphia", "Pittsburgh")),
        ("NJ", 2, ("Newark", "Jersey City")),
        ("VA", 2, ("Arlington", "Richmond")),
        ("OH", 2, ("Columbus", "Cleveland")),
        ("UT", 1, ("Salt Lake City", "Lehi")),
        ("MN", 1, ("Minneapolis",)),
        ("AZ", 1, ("Phoenix", "Scottsdale")),
        ("OR", 1, ("Portland",)),
        ("DC", 1, ("Washington",)),
    ),
    "CA": (("ON", 4, ("Toronto", "Ottawa")), ("BC", 2, ("Vancouver",)), ("QC", 2, ("Montréal",))),
    "DE": (("BY", 3, ("München", "Nürnberg")), ("BE", 3, ("Berlin",)), ("HH", 2, ("Hamburg",))),
    "AU": (("NSW", 3, ("Sydney",)), ("VIC", 2, ("Melbourne",))),
}
_CITIES: dict[str, tuple[str, ...]] = {
    "GB": ("London", "Manchester", "Edinburgh", "Bristol"),
    "FR": ("Paris", "Lyon", "Toulouse"),
    "IN": ("Bengaluru", "Mumbai", "Pune"),
    "SE": ("Stockholm", "Göteborg", "Malmö"),
    "NL": ("Amsterdam", "Rotterdam", "Utrecht"),
    "ES": ("Madrid", "Barcelona"),
    "IT": ("Milano", "Roma"),
    "BR": ("São Paulo", "Rio de Janeiro"),
    "CH": ("Zürich", "Genève", "Basel"),
    "DK": ("København", "Aarhus"),
    "NO": ("Oslo",),
    "FI": ("Helsinki",),
    "IE": ("Dublin",),
    "BE": ("Brussels", "Antwerpen"),
    "AT": ("Wien",),
    "PL": ("Warszawa", "Kraków"),
    "SG": ("Singapore",),
    "JP": ("Tokyo",),
    "MX": ("Ciudad de México",),
    "IL": ("Tel Aviv",),
    "AE": ("Dubai",),
    "RU": ("Moscow",),
    "BY": ("Minsk",),
}

# Industry cells by source, each list in rough order of frequency.
_INDUSTRIES_V2 = (
    "Software Development", "IT Services and IT Consulting", "Financial Services",
    "Hospitals and Health Care", "Business Consulting and Services", "Staffing and Recruiting",
    "Advertising Services", "Real Estate", "Manufacturing", "Retail", "Higher Education",
    "Technology, Information and Internet", "Construction", "Banking", "Insurance",
    "Computer and Network Security", "Telecommunications", "Marketing Services",
    "Investment Management", "Government Administration", "Non-profit Organizations",
    "Venture Capital and Private Equity Principals", "E-Learning Providers", "Legal Services",
    "Accounting", "Truck Transportation", "Food and Beverage Services", "Biotechnology Research",
    "Pharmaceutical Manufacturing", "Motor Vehicle Manufacturing",
    "Gambling Facilities and Casinos", "Renewable Energy Semiconductor Manufacturing",
    "Wellness and Fitness Services",
)  # fmt: skip
_INDUSTRIES_V1 = (
    "Computer Software", "Information Technology & Services", "Internet",
    "Marketing & Advertising", "Hospital & Health Care", "Financial Services",
    "Management Consulting", "Computer & Network Security", "Staffing & Recruiting",
    "Government Administration", "Gambling & Casinos",
)  # fmt: skip
_INDUSTRY_CODES = (
    "541511", "541512", "511210", "522110", "524113", "622110", "541611", "236220", "921110",
    "713210", "62.01", "62010",
)  # fmt: skip
_INDUSTRY_FREE_TEXT = ("SaaS", "Fintech", "Tech", "B2B Software", "Healthcare", "software", "IT")

_LINKEDIN_EMPLOYEES = (
    (0, "0-1"), (2, "2-10"), (11, "11-50"), (51, "51-200"), (201, "201-500"),
    (501, "501-1,000"), (1001, "1,001-5,000"), (5001, "5,001-10,000"), (10001, "10,001+"),
)  # fmt: skip
_EMPLOYEES_GARBAGE = ("lots", "n/a", "unknown", "-", "TBD", "many")
_SELF_EMPLOYED = ("Self-employed", "Self Employed", "Freelance")
_REVENUE_BANDS = (
    (0, "<$1M"), (1e6, "$1M-$5M"), (5e6, "$5M-$10M"), (1e7, "$10M-$50M"), (5e7, "$50M-$100M"),
    (1e8, "$100M-$250M"), (2.5e8, "$250M-$500M"), (5e8, "$500M-$1B"), (1e9, "$1B+"),
)  # fmt: skip

_VERBS = ("builds", "offers", "provides", "develops", "sells", "runs", "operates")
_PRODUCTS = (
    "a B2B SaaS platform", "cloud software", "an API-first analytics platform",
    "payment infrastructure", "staffing services", "logistics software", "IT consulting",
    "accounting services", "medical devices", "a marketplace", "HR software",
    "b2b e-commerce tools", "SaaS-based CRM tools", "cybersecurity services", "digital marketing",
    "cryptography libraries", "sports betting apps",
)  # fmt: skip
#: What disqualifier keywords catch (after folding, "non-gambling" holds the word "gambling").
_RISKY_PRODUCTS = ("a crypto exchange", "online gambling games", "crypto wallets",
                   "a non-gambling loyalty app")  # fmt: skip
_RISKY_SHARE = 0.03
_AUDIENCES = (
    "mid-market companies", "enterprises", "SMBs", "hospitals", "banks", "retailers",
    "developers", "sales teams", "B2B companies", "consumers", "governments",
)  # fmt: skip
_EXTRAS = (
    "Founded in 2012.", "Backed by leading VCs.", "Trusted by 500+ customers.",
    "Nous sommes une plateforme B2B.", "Wir sind ein SaaS-Anbieter für den Mittelstand.",
    "Vi är ett B2B-bolag.", "Remote-first.", "ISO 27001 certified.",
)  # fmt: skip
_KEYWORDS = (
    "b2b", "saas", "api", "fintech", "payments", "crm", "analytics", "ai", "machine learning",
    "e-commerce", "marketplace", "b2c", "devops", "security", "hr tech", "martech",
    "blockchain", "healthcare", "logistics", "B2B SaaS", "crypto",
)  # fmt: skip
_TECHNOLOGIES = (
    "Google Workspace", "Slack", "Salesforce", "HubSpot", "Microsoft 365", "AWS", "Zoom",
    "Jira", "Stripe", "Zendesk", "Intercom", "WordPress", "Shopify", "Marketo", "Pardot",
    "Outreach", "Gong", "Google Cloud", "Azure", "Segment", "Snowflake", "Okta", "Pipedrive",
    "Zoho CRM", "Dynamics 365", "Salesforce Sales Cloud", "HubSpot Marketing Hub",
)  # fmt: skip
_SIGNALS = (
    "hiring_sales", "recent_funding", "hiring_engineering", "new_executive", "product_launch",
    "job_change", "web_traffic_growth", "hiring", "acquisition", "Recent Funding", "ipo",
)  # fmt: skip

# --- contacts -----------------------------------------------------------------------------

_FIRST_NAMES = {
    "en": _words(
        "James Mary John Patricia Robert Jennifer Michael Linda David Sarah Emily Daniel "
        "Jessica Chris Ashley Matthew Amanda Ryan Megan Kevin"
    ),
    "de": _words(
        "Thomas Anna Stefan Julia Andreas Katharina Michael Laura Jürgen Lena Jörg Sophie "
        "Lukas Müge Felix"
    ),
    "fr": _words("Jean Marie Pierre Camille François Léa Nicolas Chloé Théo Inès Hélène Loïc"),
    "es": _words("José María Javier Lucía Carlos Sofía Andrés Inés Álvaro Martín"),
    "sv": _words("Erik Anna Lars Karin Björn Sofia Åsa Oskar Maja Göran"),
    "in": _words("Rahul Priya Amit Sneha Arjun Ananya Vikram Pooja"),
}
_LAST_NAMES = {
    "en": _words(
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
        "Martin Jackson White Harris Clark Lewis O'Brien"
    ),
    "de": _words(
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schäfer Koch Groß Hoffmann"
    ),
    "fr": _words("Martin Bernard Dubois Thomas Robert Petit Durand Lefèvre Moreau Girard"),
    "es": _words("García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez"),
    "sv": _words("Andersson Johansson Karlsson Nilsson Eriksson Larsson Öberg Åberg Lindström"),
    "in": _words("Sharma Patel Singh Kumar Gupta Reddy Iyer Nair"),
}
_LANGUAGE_OF = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "fr", "ES": "es",
                "MX": "es", "SE": "sv", "IN": "in"}  # fmt: skip
_LANGUAGES = ("en", "de", "fr", "es", "sv", "in")
_FREE_MAIL = ("gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "web.de")

# Title pieces. "pre" comes before the function ("Head of Sales", "Leiter Vertrieb"), "post"
# after it ("Sales Manager"), "adj" before a function+post ("Sr. Account Manager").
_EN_FUNCTIONS = (
    "Sales", "Marketing", "Engineering", "Software Engineering", "Product", "Operations",
    "Customer Success", "Business Development", "Finance", "Revenue Operations", "RevOps", "HR",
    "Sales Operations", "IT", "Data", "Demand Generation", "Growth", "Account Management",
    "Enterprise Sales", "Inside Sales", "Partnerships", "Product Management", "People",
    "Talent Acquisition", "Support", "Data Science", "Information Security", "Procurement",
    "Legal", "Design", "UX", "Field Marketing", "Brand", "Communications", "Sales Enablement",
    "Channel Sales", "Solutions Engineering", "Platform", "Infrastructure", "Go-to-Market",
)  # fmt: skip
_TITLE_PIECES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "pre": ("Head of", "VP", "Director of", "VP of", "Vice President,", "Director,", "SVP",
                "Global Head of", "Chief", "Senior Director of", "Sr. Director,", "AVP",
                "EVP", "Group VP", "Regional Director,", "Interim Head of"),
        "function": _EN_FUNCTIONS,
        "post": ("Manager", "Director", "Lead", "Specialist", "Analyst", "Engineer",
                 "Representative", "Executive", "Coordinator", "Associate", "Consultant",
                 "Senior Manager", "Team Lead", "Intern", "Architect"),
        "adj": ("Senior", "Sr.", "Junior", "Lead", "Principal", "Staff", "Associate", "Jr."),
        "alone": ("CEO", "Founder", "Co-Founder & CEO", "Owner", "Founder & CEO", "CTO", "CFO",
                  "Account Executive", "Software Engineer", "Managing Director", "President",
                  "COO", "CMO", "CRO", "Chief Revenue Officer", "SDR", "BDR", "Recruiter",
                  "Sales Development Representative", "Account Manager", "Consultant",
                  "Partner", "Managing Partner", "Software Engineer II", "Co-Founder"),
    },
    "de": {
        "pre": ("Leiter", "Leiterin", "Head of", "Bereichsleiter", "Teamleiter", "Referent",
                "Manager", "Direktor", "Mitarbeiter", "Werkstudent"),
        "function": ("Vertrieb", "Marketing", "IT", "Personal", "Finanzen", "Einkauf",
                     "Entwicklung", "Kundenservice", "Vertriebsinnendienst", "Sales Operations",
                     "Softwareentwicklung", "Controlling"),
        "alone": ("Geschäftsführer", "Geschäftsführerin", "Inhaber", "Vertriebsleiter",
                  "Key Account Manager", "Vertriebsmitarbeiter", "Marketingleiter", "IT-Leiter",
                  "Softwareentwickler", "Vorstand", "Prokurist", "Personalleiterin"),
    },
    "fr": {
        "pre": ("Directeur", "Directrice", "Responsable", "Chef de", "Directeur des", "Head of",
                "VP", "Chargé de", "Chargée de"),
        "function": ("Ventes", "Commercial", "Marketing", "Informatique", "Ressources Humaines",
                     "Finances", "Achats", "Opérations", "Service Client",
                     "Développement Commercial", "Projet", "Produit"),
        "alone": ("PDG", "Gérant", "Directeur Général", "Fondateur", "Ingénieur Commercial",
                  "Directeur Commercial", "Chef de Projet", "Développeur", "Président"),
    },
    "es": {
        "pre": ("Jefe de", "Director de", "Directora de", "Gerente de", "Responsable de",
                "Coordinador de", "Head of", "Ejecutivo de"),
        "function": ("Ventas", "Marketing", "Operaciones", "Tecnología", "Finanzas",
                     "Recursos Humanos", "Compras", "Ingeniería", "Desarrollo de Negocio",
                     "Cuentas"),
        "alone": ("Director General", "Fundador", "Consejero Delegado", "Gerente General",
                  "Ejecutivo de Cuentas", "Desarrollador", "Socio"),
    },
    "sv": {
        "pre": ("Chef", "Head of", "Ansvarig", "Director"),
        "function": ("Försäljning", "Marknad", "IT", "Ekonomi", "HR", "Inköp", "Sales"),
        "alone": ("VD", "Säljchef", "Marknadschef", "IT-chef", "Ekonomichef", "HR-chef",
                  "Försäljningsdirektör", "Säljare", "Utvecklare", "Grundare",
                  "Key Account Manager"),
    },
}  # fmt: skip
_QUALIFIERS = (
    "EMEA", "DACH", "North America", "APAC", "Nordics", "Americas", "Europe", "UK&I", "US West",
    "US East", "LATAM", "France", "Benelux", "Mid-Market", "Enterprise", "SMB",
    "Strategic Accounts", "Public Sector", "Platform", "Payments", "Cloud", "Mobile",
    "Data Platform", "Growth",
    "New Business", "Commercial", "Global", "International", "Partnerships", "Healthcare",
)  # fmt: skip
_QUALIFIER_SEPARATORS = (", ", " - ", " | ", " ", " – ", " (")
_LEVELS = (" II", " III", " I", " 2", " (m/w/d)", " (f/m/x)", " (H/F)", " (Interim)", " (Acting)")
_AT_SEPARATORS = (" @ ", " at ", " | ")
_EX = ("Google", "Salesforce", "Oracle", "SAP", "Microsoft", "HubSpot", "Amazon", "Meta", "IBM")


def _ascii(text: str) -> str:
    """Lowercase ASCII for e-mail local parts ("Jürgen" -> "jurgen", "O'Brien" -> "obrien")."""
    text = text.casefold().replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain if ch.isalnum())


# --- vectorized drawing helpers -----------------------------------------------------------


def _series(values: Sequence[str]) -> pl.Series:
    return pl.Series(list(values), dtype=pl.String)


def _pick(rng: np.random.Generator, n: int, values: Sequence[str], skew: float = 1.0) -> pl.Series:
    """Draw n values; ``skew`` > 1 favours the front of the list (u**skew is heavy near 0)."""
    index = (len(values) * rng.random(n) ** skew).astype(np.int64)
    return _series(values).gather(index)


def _kind(rng: np.random.Generator, n: int, shares: Sequence[float]) -> np.ndarray:
    """A category per row with the given shares (normalized)."""
    p = np.asarray(shares, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _one_of(kind: str, options: Sequence[pl.Expr]) -> pl.Expr:
    """Option ``i`` where column ``kind`` equals i, null past the last option."""
    expr: Any = pl.when(pl.col(kind) == 0).then(options[0])
    for i, option in enumerate(options[1:], start=1):
        expr = expr.when(pl.col(kind) == i).then(option)
    result: pl.Expr = expr.otherwise(None)
    return result


def _str(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String)


def _flat_index(
    rng: np.random.Generator, sizes: Sequence[int], group: np.ndarray, skew: float = 1.0
) -> np.ndarray:
    """Index into the concatenation of groups: one draw per row from that row's group."""
    size = np.asarray(sizes, dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(size)[:-1]))
    local = (size[group] * rng.random(len(group)) ** skew).astype(np.int64)
    return np.asarray(offsets[group] + local)


def _pick_in_groups(
    rng: np.random.Generator, groups: Sequence[Sequence[str]], group: np.ndarray, skew: float = 1.0
) -> pl.Series:
    """Draw one value per row from that row's group (every group non-empty)."""
    index = _flat_index(rng, [len(g) for g in groups], group, skew)
    return _series([v for g in groups for v in g]).gather(index)


def _list_cell(
    rng: np.random.Generator,
    n: int,
    values: Sequence[str],
    most: int,
    separators: Sequence[str],
    skew: float = 1.5,
) -> pl.Series:
    """Cells like "a; b; c": 1..most drawn items joined by a per-row separator."""
    count = rng.integers(1, most + 1, size=n)
    frame = pl.DataFrame(
        {f"item{i}": _pick(rng, n, values, skew) for i in range(most)}
        | {"count": count, "sep": rng.integers(0, len(separators), size=n)}
    )
    items = [pl.when(pl.col("count") > i).then(pl.col(f"item{i}")) for i in range(most)]
    joined = [pl.concat_str(items, separator=sep, ignore_nulls=True) for sep in separators]
    return frame.select(_one_of("sep", joined)).to_series()


def _null_where(frame: pl.DataFrame, column: str, mask: np.ndarray) -> pl.DataFrame:
    """Blank ``column`` where ``mask`` is true."""
    return frame.with_columns(
        pl.when(pl.lit(pl.Series(mask))).then(None).otherwise(pl.col(column)).alias(column)
    )


# --- one chunk ----------------------------------------------------------------------------


def _organizations(rng: np.random.Generator, n: int) -> pl.DataFrame:
    """Company, web, firmographics and lists; also the private columns contacts build on."""
    country = _kind(rng, n, [c[1] for c in _COUNTRIES])
    isos = [c[0] for c in _COUNTRIES]

    # Regions: every country gets a list of (subdivision label or None, cities), repeated by
    # weight so a uniform draw inside the country follows the weights.
    labels: list[str | None] = []
    cities: list[tuple[str, ...]] = []
    expanded: list[list[int]] = []
    for iso in isos:
        entries: Sequence[tuple[str | None, int, tuple[str, ...]]] = (
            _SUBDIVISIONS[iso] if iso in _SUBDIVISIONS else ((None, 1, _CITIES[iso]),)
        )
        ids: list[int] = []
        for label, weight, towns in entries:
            ids += [len(labels)] * weight
            labels.append(label)
            cities.append(towns)
        expanded.append(ids)
    region_of = np.array([r for ids in expanded for r in ids], dtype=np.int64)
    region = region_of[_flat_index(rng, [len(ids) for ids in expanded], country)]

    log_employees = rng.normal(np.log(60), 1.8, n)
    employees = np.clip(np.exp(log_employees), 1, 300_000).astype(np.int64)
    revenue = employees * np.exp(rng.normal(np.log(150_000), 0.8, n))
    magnitude = 10 ** np.maximum(np.floor(np.log10(employees)) - 1, 0)
    emp_lows = np.array([low for low, _ in _LINKEDIN_EMPLOYEES])
    rev_lows = np.array([low for low, _ in _REVENUE_BANDS])
    signal_count = rng.integers(1, 4, size=n)
    until = SIGNALS_UNTIL.toordinal()
    days = [date.fromordinal(until - k).isoformat() for k in range(SIGNAL_SPAN_DAYS)]

    w = pl.DataFrame(
        {
            "a": _pick(rng, n, _NAME_A),
            "b": _pick(rng, n, _NAME_B, 1.3),
            "c": _pick(rng, n, _NAME_C).zip_with(
                pl.Series(rng.random(n) < 0.25), pl.repeat(None, n, dtype=pl.String, eager=True)
            ),
            "legal": _pick_in_groups(rng, [c[3] for c in _COUNTRIES], country, 1.5),
            "tld": _series([c[4] for c in _COUNTRIES]).gather(country),
            "web_kind": _kind(rng, n, [35, 20, 8, 12, 12, 13]),
            "ind_kind": _kind(rng, n, [55, 18, 9, 8, 10]),
            "v2": _pick(rng, n, _INDUSTRIES_V2, 2.0),
            "v1": _pick(rng, n, _INDUSTRIES_V1, 2.0),
            "code": _pick(rng, n, _INDUSTRY_CODES, 2.0),
            "free": _pick(rng, n, _INDUSTRY_FREE_TEXT, 1.5),
            "emp": employees,
            "emp_kind": _kind(rng, n, [37, 38, 5, 2, 3, 15]),
            "emp_commas": rng.random(n) < 0.3,
            "emp_range": _series([label for _, label in _LINKEDIN_EMPLOYEES]).gather(
                np.searchsorted(emp_lows, employees, side="right") - 1
            ),
            "emp_suffix": rng.random(n) < 0.15,
            "emp_approx": (np.round(employees / magnitude) * magnitude).astype(np.int64),
            "tilde": rng.random(n) < 0.5,
            "self": _pick(rng, n, _SELF_EMPLOYED, 2.0),
            "emp_garbage": _pick(rng, n, _EMPLOYEES_GARBAGE),
            "rev": revenue,
            "rev_kind": _kind(rng, n, [20, 15, 6, 2, 25, 32]),
            "rev_band": _series([label for _, label in _REVENUE_BANDS]).gather(
                np.searchsorted(rev_lows, revenue, side="right") - 1
            ),
            "dollar": rng.random(n) < 0.5,
            "euro_style": rng.random(n) < 0.7,
            "country_kind": _kind(rng, n, [92.5, 1.5, 6]),
            "country_spelled": _pick_in_groups(rng, [c[2] for c in _COUNTRIES], country, 1.3),
            "country_garbage": _pick(rng, n, _COUNTRY_GARBAGE),
            "is_us": country == 0,
            "subdivision_label": _series(labels).gather(region),  # type: ignore[arg-type]
            "show_subdivision": rng.random(n) < np.where(country == 0, 0.9, 0.35),
            "iso_prefix": rng.random(n) < 0.06,
            "city": _pick_in_groups(rng, cities, region, 1.3),
            "verb": _pick(rng, n, _VERBS),
            "product": _pick(rng, n, _PRODUCTS, 1.6).zip_with(
                pl.Series(rng.random(n) >= _RISKY_SHARE), _pick(rng, n, _RISKY_PRODUCTS)
            ),
            "audience": _pick(rng, n, _AUDIENCES, 1.3),
            "extra": _pick(rng, n, _EXTRAS, 1.3),
            "with_extra": rng.random(n) < 0.35,
            "keywords": _list_cell(rng, n, _KEYWORDS, 4, ("; ", ", ", ";")),
            "technologies": _list_cell(rng, n, _TECHNOLOGIES, 6, ("; ", ", "), 1.6),
            "signal_count": signal_count,
            **{f"sig{i}": _pick(rng, n, _SIGNALS, 1.6) for i in range(3)},
            **{f"day{i}": _pick(rng, n, days) for i in range(3)},
            **{f"dated{i}": rng.random(n) < 0.88 for i in range(3)},
            "country_index": country,
        }
    )
    s = pl.col
    # Name and domain feed several cells: compute them once.
    w = w.with_columns(
        name=pl.concat_str([s("a"), s("b"), s("c")], separator=" ", ignore_nulls=True)
    ).with_columns(
        domain=pl.concat_str(
            [s("name").str.to_lowercase().str.replace_all(r"[^a-z0-9]", ""), s("tld")]
        )
    )
    name, domain = s("name"), s("domain")
    thousands = pl.concat_str(
        [_str(s("emp") // 1000), pl.lit(","), _str(s("emp") % 1000).str.zfill(3)]
    )
    unit = (
        pl.when(s("rev") >= 1e9)
        .then(pl.lit(1e9))
        .when(s("rev") >= 1e6)
        .then(pl.lit(1e6))
        .otherwise(pl.lit(1e3))
    )
    unit_letter = pl.when(unit == 1e9).then(pl.lit("B")).when(unit == 1e6).then(pl.lit("M"))
    short = _str((s("rev") / unit).round(1)).str.replace(r"\.0$", "")
    millions_eur = _str((s("rev") * 0.92 / 1e6).round(1)).str.replace(r"\.0$", "")
    signal_items = [
        pl.when(s("signal_count") > i).then(
            pl.concat_str(
                [
                    s(f"sig{i}"),
                    pl.when(s(f"dated{i}")).then(pl.concat_str([pl.lit("@"), s(f"day{i}")])),
                ],
                ignore_nulls=True,
            )
        )
        for i in range(3)
    ]
    org = w.select(
        company_name=pl.when(s("legal") == "")
        .then(name)
        .otherwise(pl.concat_str([name, s("legal")], separator=" ")),
        website=_one_of(
            "web_kind",
            [
                pl.concat_str([pl.lit("https://www."), domain]),
                domain,
                pl.concat_str([pl.lit("http://"), domain, pl.lit("/about")]),
                pl.concat_str([pl.lit("https://"), domain, pl.lit("/")]),
                pl.concat_str([pl.lit("www."), domain]),
            ],
        ),
        industry=_one_of("ind_kind", [s("v2"), s("v1"), s("code"), s("free")]),
        employees=_one_of(
            "emp_kind",
            [
                pl.when(s("emp_commas") & (s("emp") >= 1000))
                .then(thousands)
                .otherwise(_str(s("emp"))),
                pl.when(s("emp_suffix"))
                .then(pl.concat_str([s("emp_range"), pl.lit(" employees")]))
                .otherwise(s("emp_range")),
                pl.when(s("tilde"))
                .then(pl.concat_str([pl.lit("~"), _str(s("emp_approx"))]))
                .otherwise(pl.concat_str([_str(s("emp_approx")), pl.lit("+")])),
                s("self"),
                s("emp_garbage"),
            ],
        ),
        revenue=_one_of(
            "rev_kind",
            [
                s("rev_band"),
                pl.concat_str(
                    [
                        pl.when(s("dollar")).then(pl.lit("$")).otherwise(pl.lit("")),
                        short,
                        unit_letter.otherwise(pl.lit("K")),
                    ]
                ),
                pl.when(s("euro_style"))
                .then(
                    pl.concat_str(
                        [
                            pl.lit("€"),
                            millions_eur.str.replace(".", ",", literal=True),
                            pl.lit(" Mio"),
                        ]
                    )
                )
                .otherwise(pl.concat_str([millions_eur, pl.lit(" Mio. EUR")])),
                pl.concat_str(
                    [_str((s("rev") * 10.5 / 1e6).round(0).cast(pl.Int64)), pl.lit(" MSEK")]
                ),
                _str(((s("rev") / 1000).round(0) * 1000).cast(pl.Int64)),
            ],
        ),
        country=_one_of("country_kind", [s("country_spelled"), s("country_garbage")]),
        subdivision=pl.when(s("show_subdivision") & s("subdivision_label").is_not_null()).then(
            pl.when(s("is_us") & s("iso_prefix"))
            .then(pl.concat_str([pl.lit("US-"), s("subdivision_label")]))
            .otherwise(s("subdivision_label"))
        ),
        city=s("city"),
        description=pl.concat_str(
            [
                name,
                s("verb"),
                s("product"),
                pl.lit("for"),
                pl.concat_str([s("audience"), pl.lit(".")]),
                pl.when(s("with_extra")).then(s("extra")),
            ],
            separator=" ",
            ignore_nulls=True,
        ),
        keywords=s("keywords"),
        technologies=s("technologies"),
        signals=pl.concat_str(signal_items, separator="; ", ignore_nulls=True),
        _domain=domain,
        _short_name=pl.concat_str([s("a"), s("b")], separator=" "),
        _country=s("country_index"),
    )
    for column, share in (
        ("city", 0.10),
        ("description", 0.15),
        ("keywords", 0.30),
        ("technologies", 0.20),
        ("signals", 0.50),
    ):
        org = _null_where(org, column, rng.random(n) < share)
    return org


def _contacts(rng: np.random.Generator, org: pl.DataFrame) -> pl.DataFrame:
    """Names, e-mail and a long tail of titles for the organizations in ``org``."""
    n = org.height
    isos = [c[0] for c in _COUNTRIES]
    native = np.array([_LANGUAGES.index(_LANGUAGE_OF.get(iso, "en")) for iso in isos])
    language = native[org["_country"].to_numpy()]
    name_language = np.where(rng.random(n) < 0.3, 0, language)
    first = _flat_index(rng, [len(_FIRST_NAMES[lg]) for lg in _LANGUAGES], name_language)
    last = _flat_index(rng, [len(_LAST_NAMES[lg]) for lg in _LANGUAGES], name_language, 1.2)
    firsts = [v for lg in _LANGUAGES for v in _FIRST_NAMES[lg]]
    lasts = [v for lg in _LANGUAGES for v in _LAST_NAMES[lg]]

    # Titles: English everywhere, the country's language for 45% of contacts where we have one.
    title_languages = tuple(_TITLE_PIECES)
    code_of = {lg: title_languages.index(lg) if lg in title_languages else 0 for lg in _LANGUAGES}
    title_language = np.where(
        rng.random(n) < 0.45, np.array([code_of[lg] for lg in _LANGUAGES])[language], 0
    )
    shares = np.array(
        [[0.30, 0.28, 0.14, 0.28] if lg == "en" else [0.6, 0.0, 0.0, 0.4] for lg in title_languages]
    )
    pattern = (rng.random(n)[:, None] > np.cumsum(shares, axis=1)[title_language]).sum(axis=1)
    pieces = _TITLE_PIECES

    def by_language(part: str, skew: float) -> pl.Series:
        groups = [pieces[lg].get(part, pieces["en"][part]) for lg in title_languages]
        return _pick_in_groups(rng, groups, title_language, skew)

    w = org.select("_domain", "_short_name").with_columns(
        first_name=_series(firsts).gather(first),
        last_name=_series(lasts).gather(last),
        f=_series([_ascii(v) for v in firsts]).gather(first),
        l=_series([_ascii(v) for v in lasts]).gather(last),
        mail_kind=pl.Series(_kind(rng, n, [50, 12, 15, 5, 8, 10])),
        free_mail=_pick(rng, n, _FREE_MAIL),
        digits=pl.Series(rng.integers(0, 100, size=n)),
        with_digits=pl.Series(rng.random(n) < 0.5),
        pattern=pl.Series(pattern),
        pre=by_language("pre", 1.5),
        function=by_language("function", 1.6),
        post=_pick(rng, n, pieces["en"]["post"], 1.5),
        adj=_pick(rng, n, pieces["en"]["adj"], 1.3),
        alone=by_language("alone", 1.8),
        qualifier=_pick(rng, n, _QUALIFIERS, 1.4),
        qualifier_sep=_pick(rng, n, _QUALIFIER_SEPARATORS, 1.2),
        with_qualifier=pl.Series(rng.random(n) < 0.30),
        level=_pick(rng, n, _LEVELS, 1.3),
        with_level=pl.Series(rng.random(n) < 0.08),
        tail_kind=pl.Series(_kind(rng, n, [12, 4, 84])),
        at_sep=_pick(rng, n, _AT_SEPARATORS, 1.5),
        ex=_pick(rng, n, _EX),
        case_kind=pl.Series(_kind(rng, n, [2.5, 1.5, 1, 95])),
    )
    s = pl.col
    base = _one_of(
        "pattern",
        [
            pl.concat_str([s("pre"), s("function")], separator=" "),
            pl.concat_str([s("function"), s("post")], separator=" "),
            pl.concat_str([s("adj"), s("function"), s("post")], separator=" "),
            s("alone"),
        ],
    )
    qualifier = pl.when(s("with_qualifier")).then(
        pl.concat_str(
            [
                s("qualifier_sep"),
                s("qualifier"),
                pl.when(s("qualifier_sep") == " (").then(pl.lit(")")).otherwise(pl.lit("")),
            ]
        )
    )
    tail = _one_of(
        "tail_kind",
        [
            pl.concat_str([s("at_sep"), s("_short_name")]),
            pl.concat_str([pl.lit(" | ex-"), s("ex")]),
        ],
    )
    title = pl.concat_str(
        [base, qualifier, pl.when(s("with_level")).then(s("level")), tail], ignore_nulls=True
    )
    local = _one_of(
        "mail_kind",
        [
            pl.concat_str([s("f"), s("l")], separator="."),
            s("f"),
            pl.concat_str([s("f").str.slice(0, 1), s("l")]),
            pl.concat_str([s("f"), s("l")], separator="_"),
        ],
    )
    free_local = pl.concat_str(
        [s("f"), pl.lit("."), s("l"), pl.when(s("with_digits")).then(_str(s("digits")))],
        ignore_nulls=True,
    )
    contacts = w.select(
        "first_name",
        "last_name",
        email=pl.when(s("mail_kind") == 4)
        .then(pl.concat_str([free_local, pl.lit("@"), s("free_mail")]))
        .otherwise(pl.concat_str([local, pl.lit("@"), s("_domain")])),
        title=_one_of(
            "case_kind",
            [
                title.str.to_lowercase(),
                title.str.to_uppercase(),
                pl.concat_str([pl.lit(" "), title, pl.lit("  ")]),
                title,
            ],
        ),
    )
    for column, share in (("first_name", 0.03), ("last_name", 0.03), ("title", 0.05)):
        contacts = _null_where(contacts, column, rng.random(n) < share)
    return contacts


def _chunk(n: int, rng: np.random.Generator) -> pl.DataFrame:
    org = _organizations(rng, n)
    contacts = _contacts(rng, org)
    blank = pl.lit(None, dtype=pl.String)
    return pl.concat([org, contacts], how="horizontal").select(
        *(c for c in COLUMNS if c not in ("seniority", "department")),
        seniority=blank,
        department=blank,
    )


# --- public API ---------------------------------------------------------------------------


def iter_leads(n: int, seed: int = 0, chunk_rows: int = CHUNK_ROWS) -> Iterator[pl.DataFrame]:
    """Yield ``make_leads(n, seed)`` in chunks of ``chunk_rows`` (the last may be shorter)."""
    if n < 0 or chunk_rows <= 0:
        raise ValueError(f"need n >= 0 and chunk_rows > 0, got n={n}, chunk_rows={chunk_rows}")
    for index, start in enumerate(range(0, n, chunk_rows)):
        rng = np.random.default_rng(np.random.SeedSequence([seed, index]))
        yield _chunk(min(chunk_rows, n - start), rng)


def make_leads(n: int, seed: int = 0) -> pl.DataFrame:
    """``n`` synthetic leads with DESIGN.md's canonical columns, every cell a raw string or null.

    Deterministic for (n, seed). Seniority and department are blank: they are derived from the
    title during normalization.
    """
    chunks = list(iter_leads(n, seed))
    if not chunks:
        return pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String))
    return pl.concat(chunks, rechunk=False)


def write_leads(n: int, path: Path, seed: int = 0, chunk_rows: int = CHUNK_ROWS) -> Path:
    """Write ``make_leads(n, seed)`` to a .csv or .parquet file, one chunk in memory at a time.

    The file appears atomically: it is written beside ``path`` and renamed when complete.
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"write .csv or .parquet, not {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if suffix == ".csv":
        with partial.open("wb") as out:
            for index, chunk in enumerate(iter_leads(n, seed, chunk_rows)):
                chunk.write_csv(out, include_header=index == 0)
            if n == 0:
                pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String)).write_csv(out)
    else:
        parts = Path(tempfile.mkdtemp(prefix=path.name + ".", dir=path.parent))
        try:
            files = []
            for index, chunk in enumerate(iter_leads(n, seed, chunk_rows)):
                files.append(parts / f"{index:05d}.parquet")
                chunk.write_parquet(files[-1])
            if files:
                pl.scan_parquet(files).sink_parquet(partial)
            else:
                pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String)).write_parquet(partial)
        finally:
            shutil.rmtree(parts, ignore_errors=True)
    partial.replace(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/synth.py N OUT.csv|OUT.parquet [--seed S]``."""
    parser = argparse.ArgumentParser(description="Write a synthetic lead list.")
    parser.add_argument("rows", type=int, help="number of leads")
    parser.add_argument("out", type=Path, help="output file, .csv or .parquet")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk-rows", type=int, default=CHUNK_ROWS)
    args = parser.parse_args(argv)
    if args.out.suffix.lower() not in (".csv", ".parquet"):
        parser.error(f"OUT must end in .csv or .parquet, got {args.out.name!r}")
    if args.rows < 0:
        parser.error("N must be >= 0")
    started = time.perf_counter()
    write_leads(args.rows, args.out, args.seed, args.chunk_rows)
    seconds = time.perf_counter() - started
    size = args.out.stat().st_size / 2**20
    print(f"wrote {args.rows:,} rows to {args.out} ({size:,.0f} MiB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
