"""Word lists for synth.py: names, places, industries, sizes, products, tools, signals, titles.

Kept apart so that synth.py reads as the generator it is. Changing a list changes the data:
run.py keys cached inputs on the hash of both files.
"""

from __future__ import annotations


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
