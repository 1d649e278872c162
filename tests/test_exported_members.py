"""The public facade: exactly these names, each importable and documented."""

import leadsieve

EXPECTED = {
    "Icp",
    "IcpInvalid",
    "IcpNotFound",
    "LeadFileError",
    "LeadsieveError",
    "Problem",
    "__version__",
    "dump_icp",
    "icp_json_schema",
    "load_icp",
    "normalize_company_name",
    "normalize_country",
    "normalize_domain",
    "normalize_email",
    "normalize_industry",
    "normalize_linkedin_url",
    "normalize_phone",
    "normalize_subdivision",
    "normalize_title",
    "parse_employees",
    "parse_icp",
    "parse_revenue",
    "score",
}


def test_all_is_exactly_the_public_api() -> None:
    """__all__ lists the library API; adding or removing a name is a deliberate change."""
    assert set(leadsieve.__all__) == EXPECTED


def test_every_exported_member_exists_and_has_a_docstring() -> None:
    """Each exported callable exists and says what it does."""
    for name in leadsieve.__all__:
        member = getattr(leadsieve, name)
        if callable(member):
            assert member.__doc__, name
