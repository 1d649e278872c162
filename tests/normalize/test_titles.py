"""Job titles to seniority and department, and the exported seniority/department columns."""

from __future__ import annotations

import ast
import csv
import dataclasses
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.normalize.text import fold, is_missing
from leadsieve.normalize.titles import (
    _BOUNDARY,
    _SEGMENTS,
    DEPARTMENTS,
    SENIORITIES,
    Title,
    _read_key,
    _resolve,
    _spelled_out,
    _vocabulary,
    normalize_department,
    normalize_seniority,
    normalize_title,
    read_titles,
)

ONET = Path("/work/shared/data/onet_alternate_titles.csv")


def _t(language: str, title: str, seniority: str | None, department: str | None) -> Any:
    return pytest.param(title, seniority, department, id=f"{language}: {title}")


TITLES = [
    # English: the traps of the brief
    _t("en", "VP, Sales & Marketing", "vp", "sales"),
    _t("en", "vp-sales", "vp", "sales"),
    _t("en", "V.P. of Sales", "vp", "sales"),
    _t("en", "SVP/GM", "vp", "executive"),
    _t("en", "Sr. Mgr., RevOps", "manager", "revenue_operations"),
    _t("en", "Dir. of Eng.", "director", "engineering"),
    _t("en", "HEAD OF GROWTH", "head", "marketing"),
    _t("en", "Co-Founder & CEO", "owner", "executive"),
    _t("en", "Founder/CEO", "owner", "executive"),
    _t("en", "Managing Partner", "owner", "executive"),
    _t("en", "Partner", "owner", "executive"),
    _t("en", "Partner, Tax", "owner", "finance"),
    _t("en", "Talent Acquisition Partner", "senior", "hr"),
    _t("en", "HR Business Partner", "senior", "hr"),
    _t("en", "Channel Partner Manager", "manager", "sales"),
    _t("en", "Partner Marketing Manager", "manager", "marketing"),
    _t("en", "Assistant to the CEO", "entry", None),
    _t("en", "Executive Assistant", "entry", "operations"),
    _t("en", "Executive Assistant - Office of the CEO", "entry", "operations"),
    _t("en", "CEO Assistant", "entry", None),
    _t("en", "Director's Assistant", "entry", None),
    _t("en", "Advisor to the CEO", "entry", "other"),
    _t("en", "Account Executive", "entry", "sales"),
    _t("en", "Senior Account Executive", "senior", "sales"),
    _t("en", "Vice President of Sales", "vp", "sales"),
    _t("en", "Senior Director, Revenue Operations", "director", "revenue_operations"),
    _t("en", "Chief Revenue Officer", "c_suite", "sales"),
    _t("en", "President", "c_suite", "executive"),
    _t("en", "General Manager", "director", "executive"),
    _t("en", "Intern, Marketing", "intern", "marketing"),
    _t("en", "Software Engineer", "entry", "engineering"),
    # English: levels and functions
    _t("en", "Senior Software Engineer", "senior", "engineering"),
    _t("en", "CTO & Co-Founder", "owner", "engineering"),
    _t("en", "Chief Information Officer", "c_suite", "it"),
    _t("en", "CSM", "manager", "customer_success"),
    _t("en", "AM", "manager", "sales"),
    _t("en", "AE", "entry", "sales"),
    _t("en", "EVP, Operations", "vp", "operations"),
    _t("en", "Managing Director", "c_suite", "executive"),
    _t("en", "MD, Investment Banking", "c_suite", "executive"),
    _t("en", "Chairman of the Board", "c_suite", "executive"),
    _t("en", "Director, General Counsel", "head", "legal"),
    _t("en", "Head of Customer Success", "head", "customer_success"),
    _t("en", "Customer Success Manager", "manager", "customer_success"),
    _t("en", "Account Manager", "manager", "sales"),
    _t("en", "Technical Account Manager", "manager", "customer_success"),
    _t("en", "SDR", "entry", "sales"),
    _t("en", "Sales Engineer", "entry", "sales"),
    _t("en", "SalesOps Manager", "manager", "revenue_operations"),
    _t("en", "Director of GTM Operations", "director", "revenue_operations"),
    _t("en", "Senior PM", "manager", "product"),
    _t("en", "Product Marketing Manager", "manager", "marketing"),
    _t("en", "Product Designer", "entry", "design"),
    _t("en", "Data Scientist", "entry", "data"),
    _t("en", "Machine Learning Engineer", "entry", "data"),
    _t("en", "Help Desk Technician", "entry", "it"),
    _t("en", "Information Security Analyst", "entry", "security"),
    _t("en", "Technical Recruiter", "entry", "hr"),
    _t("en", "Compliance Officer", "entry", "legal"),
    _t("en", "IT Project Manager", "manager", "it"),
    _t("en", "Management Consultant", "entry", "other"),
    _t("en", "Team Lead, Support", "manager", "support"),
    _t("en", "Jr. Data Analyst", "entry", "data"),
    _t("en", "Associate Director, Finance", "director", "finance"),
    _t("en", "Assistant Manager", "manager", None),
    _t("en", "CEO at Salesloft", "c_suite", "executive"),
    _t("en", "Ready to Wear Department Manager", "manager", None),
    _t("en", "Ninja", None, None),
    _t("en", "n/a", None, None),
    _t("en", "", None, None),
    # German
    _t("de", "Geschäftsführer", "c_suite", "executive"),
    _t("de", "Geschäftsführerin", "c_suite", "executive"),
    _t("de", "Geschäftsführender Gesellschafter", "owner", "executive"),
    _t("de", "Gründer und Geschäftsführer", "owner", "executive"),
    _t("de", "Mitgründer & CTO", "owner", "engineering"),
    _t("de", "Vorstandsvorsitzender", "c_suite", "executive"),
    _t("de", "Vorstand Vertrieb", "c_suite", "sales"),
    _t("de", "Mitglied des Vorstands", "c_suite", "executive"),
    _t("de", "Bereichsleiter Vertrieb", "director", "sales"),
    _t("de", "Abteilungsleiter Einkauf", "head", "procurement"),
    _t("de", "Leiter Vertrieb", "head", "sales"),
    _t("de", "Vertriebsleiterin DACH", "head", "sales"),
    _t("de", "Teamleiter Kundenservice", "manager", "support"),
    _t("de", "Prokurist", "director", None),
    _t("de", "Personalreferentin", "entry", "hr"),
    _t("de", "Sachbearbeiter Buchhaltung", "entry", "finance"),
    _t("de", "Werkstudent Marketing", "intern", "marketing"),
    _t("de", "Senior Softwareentwickler", "senior", "engineering"),
    _t("de", "Vertriebsmitarbeiter Innendienst", "entry", "sales"),
    _t("de", "Kaufmännischer Leiter", "head", "finance"),
    _t("de", "IT-Leiter", "head", "it"),
    _t("de", "Assistenz der Geschäftsführung", "entry", None),
    _t("de", "Vorstandsassistentin", "entry", None),
    # French
    _t("fr", "PDG", "c_suite", "executive"),
    _t("fr", "Président-Directeur Général", "c_suite", "executive"),
    _t("fr", "Directeur Commercial", "director", "sales"),
    _t("fr", "Directeur Administratif et Financier", "director", "finance"),
    _t("fr", "Responsable Marketing", "manager", "marketing"),
    _t("fr", "Chef de projet", "manager", "operations"),
    _t("fr", "Chef de projet informatique", "manager", "it"),
    _t("fr", "Chef des ventes", "head", "sales"),
    _t("fr", "Co-fondatrice & CEO", "owner", "executive"),
    _t("fr", "Associé", "owner", "executive"),
    _t("fr", "Ingénieur", "entry", "engineering"),
    _t("fr", "Ingénieur d'affaires", "entry", "sales"),
    _t("fr", "Commercial", "entry", "sales"),
    _t("fr", "Développeuse Full Stack", "entry", "engineering"),
    _t("fr", "Chargée de recrutement", "entry", "hr"),
    _t("fr", "Alternant Développeur", "intern", "engineering"),
    _t("fr", "Assistante du PDG", "entry", None),
    # Spanish
    _t("es", "Director General", "c_suite", "executive"),
    _t("es", "Consejero Delegado", "c_suite", "executive"),
    _t("es", "Director Comercial", "director", "sales"),
    _t("es", "Directora de Marketing", "director", "marketing"),
    _t("es", "Gerente de Ventas", "manager", "sales"),
    _t("es", "Gerente de Ventas", "manager", "sales"),
    _t("es", "Gerente General", "c_suite", "executive"),
    _t("es", "Jefe de Ventas", "head", "sales"),
    _t("es", "Jefa de Recursos Humanos", "head", "hr"),
    _t("es", "Responsable de Compras", "manager", "procurement"),
    _t("es", "Cofundadora y CEO", "owner", "executive"),
    _t("es", "Socio Director", "owner", "executive"),
    _t("es", "Ejecutivo de Cuentas", "entry", "sales"),
    _t("es", "Abogada", "entry", "legal"),
    _t("es", "Asistente de Dirección", "entry", None),
    _t("es", "Vicepresidente de Finanzas", "vp", "finance"),
    # Portuguese
    _t("pt", "Diretor(a)", "director", None),
    _t("pt", "Diretora Comercial", "director", "sales"),
    _t("pt", "Diretor Presidente", "c_suite", "executive"),
    _t("pt", "Gerente Geral", "c_suite", "executive"),
    _t("pt", "Coordenador de Marketing", "manager", "marketing"),
    _t("pt", "Sócia-Diretora", "owner", "executive"),
    _t("pt", "Executivo de Contas", "entry", "sales"),
    _t("pt", "Desenvolvedora Front-End", "entry", "engineering"),
    _t("pt", "Analista de TI", "entry", "it"),
    _t("pt", "Assistente Administrativo", "entry", "operations"),
    # Italian
    _t("it", "Amministratore Delegato", "c_suite", "executive"),
    _t("it", "Amministratrice Delegata", "c_suite", "executive"),
    _t("it", "Direttore Commerciale", "director", "sales"),
    _t("it", "Direttrice Marketing", "director", "marketing"),
    _t("it", "Responsabile Acquisti", "manager", "procurement"),
    _t("it", "Responsabile Risorse Umane", "manager", "hr"),
    _t("it", "Sviluppatore Software", "entry", "engineering"),
    _t("it", "Impiegata Contabile", "entry", "finance"),
    _t("it", "Assistente del Direttore Generale", "entry", None),
    # Dutch
    _t("nl", "Directeur", "director", None),
    _t("nl", "Algemeen Directeur", "c_suite", "executive"),
    _t("nl", "Directeur-eigenaar", "owner", "executive"),
    _t("nl", "Hoofd Verkoop", "head", "sales"),
    _t("nl", "Bedrijfsleider", "manager", "operations"),
    _t("nl", "Accountmanager", "manager", "sales"),
    _t("nl", "Teamleider Klantenservice", "manager", "support"),
    _t("nl", "Verkoopmedewerker", "entry", "sales"),
    # Swedish
    _t("sv", "VD", "c_suite", "executive"),
    _t("sv", "vVD", "c_suite", "executive"),
    _t("sv", "VD & Grundare", "owner", "executive"),
    _t("sv", "Försäljningschef", "head", "sales"),
    _t("sv", "Säljchef", "head", "sales"),
    _t("sv", "Säljare", "entry", "sales"),
    _t("sv", "Marknadschef", "head", "marketing"),
    _t("sv", "Ekonomichef", "head", "finance"),
    _t("sv", "IT-chef", "head", "it"),
    _t("sv", "Utvecklare", "entry", "engineering"),
    _t("sv", "Projektledare", "manager", "operations"),
    _t("sv", "Chef", "head", None),
    _t("sv", "Marknadsansvarig", "manager", "marketing"),
    _t("sv", "Redovisningsekonom", "entry", "finance"),
    _t("sv", "VD-assistent", "entry", None),
    _t("sv", "Assistent till VD", "entry", None),
]


#: Issue #14: titles that must not read as a revenue leader, and their business-sense twins.
READ_WITH_CARE = [
    _t("en", "Former VP Sales", None, None),
    _t("en", "Ex-CEO, Founder", "owner", "executive"),
    _t("en", "Retired CFO", None, None),
    _t("en", "CEO (retired)", None, None),
    _t("en", "VP Sales - Retired", None, None),
    _t("en", "Founder & CEO, former VP Sales at Acme", "owner", "executive"),
    _t("en", "Past President", None, None),
    _t("de", "Ehemaliger Geschäftsführer", None, None),
    _t("fr", "Ancien Directeur Commercial", None, None),
    _t("sv", "Före detta VD", None, None),
    _t("en", "CEO (ex-Google)", "c_suite", "executive"),
    _t("en", "VP Sales, ex-Salesforce", "vp", "sales"),
    _t("en", "Chief of Staff", "head", "executive"),
    _t("en", "Chief Engineer", "head", "engineering"),
    _t("en", "Fire Chief", "head", None),
    _t("en", "Crew Chief", "head", None),
    _t("en", "Deputy Chief Counsel", "head", "legal"),
    _t("en", "Chief Executive", "c_suite", "executive"),
    _t("en", "Chief Commercial Officer", "c_suite", "sales"),
    _t("en", "Chief Diversity Officer", "c_suite", "executive"),
    _t("en", "Chief Petty Officer", "head", "other"),
    _t("en", "Medical Doctor (MD)", "entry", "other"),
    _t("en", "MD (Medical Doctor)", "entry", "other"),
    _t("en", "Continuous Miner Operator (CMO)", "entry", "other"),
    _t("en", "Chief Marketing Officer (CMO)", "c_suite", "marketing"),
    _t("en", "Managing Director (MD)", "c_suite", "executive"),
    _t("en", "Commercial Pilot", None, None),
    _t("en", "Commercial Painter", None, None),
    _t("en", "CDL Truck Driver (Commercial Driver's License Truck Driver)", "entry", "other"),
    _t("en", "Commercial Director", "director", "sales"),
    _t("en", "Head of Commercial, EMEA", "head", "sales"),
    _t("en", "Commercial Account Executive", "entry", "sales"),
    _t("en", "Revenue Agent", "entry", "other"),
    _t("en", "VP Revenue", "vp", "sales"),
    _t("en", "Channel Installer", None, None),
    _t("en", "Head of Channel", "head", "sales"),
    _t("en", "Nutrition Partner", None, None),
    _t("en", "DSP Driver (Delivery Service Partner Driver)", "entry", "other"),
    _t("en", "Audit Partner", "owner", "finance"),
    _t("en", "Senior Partner", "owner", "executive"),
    _t("en", "Iron Founder", None, None),
    _t("en", "Startup Founder", "owner", "executive"),
    _t("en", "Sales Development Representative", "entry", "sales"),
]


@pytest.mark.parametrize(("title", "seniority", "department"), READ_WITH_CARE)
def test_titles_read_with_care(title: str, seniority: str | None, department: str | None) -> None:
    """Past roles are not current; 'Chief' is c_suite only as 'Chief ... Officer'; an
    abbreviation in brackets does not promote its title; 'Commercial', 'Revenue' and 'Channel'
    are sales only as nouns; 'Partner' and 'Founder' are ranks only in their business sense."""
    assert normalize_title(title) == Title(seniority, department)
    assert _read_column([title]) == [Title(seniority, department)]


# fmt: off
INTERN_WORDS = ("Intern", "Werkstudent", "Praktikant", "Praktikantin", "Stagiaire", "Becario",
                "Estagiário", "Stagista", "Stagiair", "Tirocinante", "Alternante", "Trainee")
OWNER_WORDS = ("Owner", "Founder", "Inhaber", "Gründerin", "Gérant", "Fondateur", "Fundador",
               "Fundadora", "Sócio", "Titolare", "Fondatore", "Eigenaar", "Oprichter", "Ägare")
C_SUITE = {"CEO": "executive", "CFO": "finance", "CTO": "engineering", "COO": "operations",
           "CMO": "marketing", "CIO": "it", "CISO": "security", "CRO": "sales", "CPO": "product",
           "CHRO": "hr", "CCO": "executive", "VD": "executive", "PDG": "executive"}
# fmt: on


@pytest.mark.parametrize(("title", "seniority", "department"), TITLES)
def test_normalize_title(title: str, seniority: str | None, department: str | None) -> None:
    """A title reads as its highest seniority and its first-named function, in 8 languages."""
    assert normalize_title(title) == Title(seniority, department)


@pytest.mark.parametrize("title", INTERN_WORDS)
def test_intern_words(title: str) -> None:
    """Each language's word for an intern, trainee or working student is intern."""
    assert normalize_title(title) == Title("intern", None)


@pytest.mark.parametrize("title", OWNER_WORDS)
def test_owner_words(title: str) -> None:
    """Each language's word for an owner or founder is owner, in executive."""
    assert normalize_title(title) == Title("owner", "executive")


@pytest.mark.parametrize(("title", "department"), C_SUITE.items())
def test_c_suite_abbreviations(title: str, department: str) -> None:
    """C-suite abbreviations are c_suite in their function; ambiguous CCO is executive."""
    assert normalize_title(title) == Title("c_suite", department)


@given(st.data())
def test_case_and_punctuation_never_decide(data: st.DataObject) -> None:
    """Changing the case of any letter of a realistic title changes nothing."""
    title, seniority, department = data.draw(st.sampled_from(TITLES)).values
    flips = data.draw(st.lists(st.booleans(), min_size=len(title), max_size=len(title)))
    shaken = "".join(c.upper() if flip else c.lower() for c, flip in zip(title, flips, strict=True))
    assert normalize_title(shaken) == Title(seniority, department)


@given(st.text())
def test_any_text_gives_canonical_values(text: str) -> None:
    """Any text at all is read without error into canonical values or None."""
    title = normalize_title(text)
    assert title.seniority is None or title.seniority in SENIORITIES
    assert title.department is None or title.department in DEPARTMENTS


@given(st.text())
def test_adding_senior_gives_at_least_senior(text: str) -> None:
    """'Senior ' before any title never leaves it below senior."""
    seniority = normalize_title("Senior " + text).seniority
    assert seniority is not None
    assert SENIORITIES.index(seniority) <= SENIORITIES.index("senior")


@given(st.text().filter(lambda text: "@" not in text), st.text())
def test_employer_after_at_sign_is_ignored(text: str, employer: str) -> None:
    """What follows '@' is the employer and never changes the reading."""
    assert normalize_title(f"{text} @ {employer}") == normalize_title(text)


def test_public_constants_are_pinned() -> None:
    """Canonical values are exactly DESIGN.md's, seniority in rank order, and Title is frozen."""
    assert " ".join(SENIORITIES) == "owner c_suite vp head director manager senior entry intern"
    assert " ".join(DEPARTMENTS) == (
        "executive sales revenue_operations marketing customer_success support engineering"
        " product design data it security finance hr legal operations procurement other"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        normalize_title("CEO").seniority = "vp"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("C-Suite", "c_suite", id="apollo-c-suite"),
        pytest.param("founder", "owner", id="apollo-founder"),
        pytest.param("partner", "owner", id="apollo-partner"),
        pytest.param("C-Level", "c_suite", id="zoominfo-c-level"),
        pytest.param("VP-Level", "vp", id="zoominfo-vp-level"),
        pytest.param("Director", "director", id="zoominfo-director"),
        pytest.param("Non-Manager", "entry", id="zoominfo-non-manager"),
        pytest.param("Board Member", "c_suite", id="zoominfo-board-member"),
        pytest.param("CXO", "c_suite", id="linkedin-cxo"),
        pytest.param("In Training", "intern", id="linkedin-in-training"),
        pytest.param("Vice President of Sales", "vp", id="falls-back-to-title"),
        pytest.param("Beekeeping", None, id="no-level"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_normalize_seniority(raw: str | None, expected: str | None) -> None:
    """Apollo, ZoomInfo and LinkedIn seniority values map to canonical ones."""
    assert normalize_seniority(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("master_sales", "sales", id="apollo-sales"),
        pytest.param("master_engineering_technical", "engineering", id="apollo-engineering"),
        pytest.param("master_information_technology", "it", id="apollo-it"),
        pytest.param("master_human_resources", "hr", id="apollo-hr"),
        pytest.param("master_finance", "finance", id="apollo-finance"),
        pytest.param("c_suite", "executive", id="apollo-c-suite"),
        pytest.param("product_management", "product", id="apollo-product"),
        pytest.param("master_sales, master_marketing", "sales", id="apollo-list-first"),
        pytest.param("c_suite, master_finance", "finance", id="apollo-list-function-first"),
        pytest.param("Engineering & Technical", "engineering", id="zoominfo-engineering"),
        pytest.param("Information Technology", "it", id="zoominfo-it"),
        pytest.param("C-Suite", "executive", id="zoominfo-c-suite"),
        pytest.param("Medical & Health", "other", id="zoominfo-medical"),
        pytest.param("Customer Success", "customer_success", id="falls-back-to-title"),
        pytest.param("Vertrieb", "sales", id="german"),
        pytest.param("Beekeeping", "other", id="named-but-unknown"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_normalize_department(raw: str | None, expected: str | None) -> None:
    """Apollo and ZoomInfo department/function values map to canonical ones."""
    assert normalize_department(raw) == expected


def test_canonical_values_pass_through() -> None:
    """A canonical seniority or department is returned unchanged."""
    assert [normalize_seniority(value) for value in SENIORITIES] == list(SENIORITIES)
    assert [normalize_department(value) for value in DEPARTMENTS] == list(DEPARTMENTS)


@given(st.text())
def test_column_normalizers_are_idempotent(text: str) -> None:
    """Normalizing an already normalized seniority or department changes nothing."""
    seniority, department = normalize_seniority(text), normalize_department(text)
    assert seniority is None or seniority in SENIORITIES
    assert department is None or department in DEPARTMENTS
    assert normalize_seniority(seniority) == seniority
    assert normalize_department(department) == department


def _onet_titles() -> list[str]:
    if not ONET.exists():
        pytest.skip(f"O*NET alternate titles not found at {ONET} (shared test data)")
    with ONET.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted({title for row in rows for title in ast.literal_eval(row["Alternate Title"])})


#: A word in an O*NET title and the least seniority it must give, unless the word names the
#: principal of an assistant ("VP Secretary", "Director's Assistant"). "Chief" alone heads a
#: unit ("Fire Chief"); only a "Chief ... Officer" is c_suite.
FLOORS = {"Chief": "head", "Vice President": "vp", "Director": "director"}
FLOORS |= {"Manager": "manager", "Intern": "intern"}


def test_onet_titles_read_canonically_and_keep_their_level_words() -> None:
    """Every O*NET alternate title reads without error into canonical values, and a title with
    Chief/Vice President/Director/Manager/Intern as a word is at least that senior."""
    titles = _onet_titles()
    assert len(titles) > 3000
    too_low = []
    for text in titles:
        title = normalize_title(text)
        assert title.seniority is None or title.seniority in SENIORITIES
        assert title.department is None or title.department in DEPARTMENTS
        for word, floor in FLOORS.items():
            if re.search(rf"\b{word}\b(?!(?:'s)? (?:Assistant|Secretary))", text):
                rank = SENIORITIES.index(title.seniority) if title.seniority else len(SENIORITIES)
                if rank > SENIORITIES.index(floor):
                    too_low.append((text, title.seniority))
    assert too_low == []


# --- The column reader -------------------------------------------------------------------------

_WORDS = sorted({word for phrase in _vocabulary().phrases for word in phrase.split()})
_NOISE = ["", " ", ",", " - ", "/", "(m/w/d)", "@ Acme", "at Acme", "'s", "Acme", "EMEA", "|", "&"]
_NOISE += ["n/a", "N/A", "-", "unknown", "?", "Leiterin", "Vertriebsleiter", "Directora", "0"]
_TITLE_PARTS = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_NOISE), st.text(max_size=8))
_TITLE_TEXTS = st.lists(_TITLE_PARTS, max_size=7).map(" ".join)


def _read_column(texts: list[str | None]) -> list[Title]:
    table = read_titles(pl.Series(texts, dtype=pl.String))
    return [Title(s, d) for s, d in table.iter_rows()]


@given(st.lists(st.one_of(st.none(), _TITLE_TEXTS, st.text(max_size=20)), max_size=30))
def test_read_titles_equals_normalize_title(texts: list[str | None]) -> None:
    """The column reader gives every row what ``normalize_title`` gives it: the same titles
    repeated, missing, or made of phrases, unknown words, separators and employers."""
    assert _read_column(texts) == [normalize_title(text) for text in texts]


def test_read_titles_on_every_pinned_and_onet_title() -> None:
    """The column reader agrees with ``normalize_title`` on every title these tests pin and on
    every O*NET alternate title, in original, upper and lower case."""
    texts = [param.values[0] for param in TITLES + READ_WITH_CARE]
    texts += [*INTERN_WORDS, *OWNER_WORDS, *C_SUITE]
    texts += [f"{title} @ Acme GmbH" for title in texts]
    onet = _onet_titles()
    texts += onet + [text.upper() for text in onet[::7]] + [text.lower() for text in onet[::5]]
    assert _read_column(texts) == [normalize_title(text) for text in texts]


def _read_every_word(text: str | None) -> Title:
    """The reader without gap keys: every word kept as written (or as its parts), nothing
    merged or trimmed, which is how titles were read before keys were shared."""
    if text is None or is_missing(text):
        return Title(None, None)
    known = _vocabulary().known
    words = fold(_SEGMENTS.sub(_BOUNDARY, _spelled_out(text.split("@", 1)[0]))).split()
    parts = [p for w in words for p in ((w,) if w in known else (_resolve(w) or (w,)))]
    return _read_key(" ".join(parts))


@given(_TITLE_TEXTS)
def test_gaps_read_like_the_words_they_replace(text: str) -> None:
    """Unknown words, boundaries and runs of them read alike, so merging them into one gap and
    trimming gaps at the ends never changes a title."""
    assert normalize_title(text) == _read_every_word(text)


@pytest.mark.parametrize("text", ["n/a", "N/A", "-", "--", "none", "NULL", "nil", "unknown", "?"])
def test_placeholders_read_as_nothing_in_a_column(text: str) -> None:
    """Placeholders name nothing, whichever reader meets them."""
    assert _read_column([text, f"  {text} "]) == [Title(None, None)] * 2
