"""The tables of DESIGN.md's data model. Every row belongs to one workspace.

Dedupe keys are unique constraints per workspace, so concurrent imports cannot create
duplicates: writers use ``INSERT ... ON CONFLICT`` on these constraints, never read-then-write.
Changes to this file come with an Alembic migration (``store/migrations/versions``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names are stable across SQLite and PostgreSQL, so migrations can name them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Id = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements INTEGER keys only
#: A missing list or mapping is SQL NULL (not JSON null), so COALESCE fills it like any field.
JSON_NULL = JSON(none_as_null=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON_NULL,
        list[Any]: JSON_NULL,
    }


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()


class Membership(Base):
    """A user's role in a workspace: owner, admin or member."""

    __tablename__ = "memberships"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = _now()


class ApiKey(Base):
    """An API key, stored as a hash only; ``prefix`` identifies it in lists."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))
    hash: Mapped[str] = mapped_column(String(128), unique=True)
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = _now()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Organization(Base):
    """A company, deduplicated by domain, then by (country, org number), per workspace; one
    with neither by its ``match_key`` (its company LinkedIn URL, else its name key)."""

    __tablename__ = "organizations"
    __table_args__ = (
        UniqueConstraint("workspace_id", "domain"),
        UniqueConstraint("workspace_id", "org_no_country", "org_no"),
        Index(
            "uq_organizations_match_key",
            "workspace_id",
            "match_key",
            unique=True,
            sqlite_where=text("match_key IS NOT NULL"),
            postgresql_where=text("match_key IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    name: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(String(255))
    additional_domains: Mapped[list[Any] | None] = mapped_column(JSON_NULL)
    org_no: Mapped[str | None] = mapped_column(String(64))
    org_no_country: Mapped[str | None] = mapped_column(String(2))
    linkedin_url: Mapped[str | None] = mapped_column(Text)
    #: ``l:<LinkedIn URL>`` or ``m:<name key>`` when neither domain nor number identifies it.
    match_key: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    industry: Mapped[str | None] = mapped_column(Text)  # the taxonomy label
    # slugs joined by "|" (a lead may have several); SQLite keeps its declared VARCHAR(128),
    # which it does not enforce, as a batch copy of the table is refused by its foreign keys
    industry_slug: Mapped[str | None] = mapped_column(Text().with_variant(String(128), "sqlite"))
    industry_codes: Mapped[str | None] = mapped_column(Text)
    employees: Mapped[str | None] = mapped_column(Text)  # as given ("51-200")
    employees_min: Mapped[int | None] = mapped_column(BigInteger)
    employees_max: Mapped[int | None] = mapped_column(BigInteger)
    revenue: Mapped[str | None] = mapped_column(Text)  # as given ("$10M-$50M")
    revenue_min_usd: Mapped[float | None] = mapped_column(Float)
    revenue_max_usd: Mapped[float | None] = mapped_column(Float)
    revenue_currency: Mapped[str | None] = mapped_column(String(3))
    country: Mapped[str | None] = mapped_column(String(2))
    subdivision: Mapped[str | None] = mapped_column(String(8))
    city: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    keywords: Mapped[str | None] = mapped_column(Text)
    technologies: Mapped[str | None] = mapped_column(Text)
    signals: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    external_ids: Mapped[dict[str, Any] | None] = mapped_column(JSON_NULL)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()


class Contact(Base):
    """A person, deduplicated by normalized email, then LinkedIn URL, per workspace; one with
    neither by its ``match_key`` (``p:<organization key>|<folded name>``)."""

    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("workspace_id", "email"),
        UniqueConstraint("workspace_id", "linkedin_url"),
        Index("ix_contacts_organization", "organization_id"),
        Index(
            "uq_contacts_match_key",
            "workspace_id",
            "match_key",
            unique=True,
            sqlite_where=text("match_key IS NOT NULL"),
            postgresql_where=text("match_key IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    #: The current employer, linked since ``employer_since``; earlier ones are in ``employments``.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    employer_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_name: Mapped[str | None] = mapped_column(Text)
    last_name: Mapped[str | None] = mapped_column(Text)
    full_name: Mapped[str | None] = mapped_column(Text)
    job_title: Mapped[str | None] = mapped_column(Text)
    seniority: Mapped[str | None] = mapped_column(String(32))
    department: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(320))  # the primary email, normalized
    emails: Mapped[list[Any] | None] = mapped_column(JSON_NULL)
    phones: Mapped[list[Any] | None] = mapped_column(JSON_NULL)  # E.164
    linkedin_url: Mapped[str | None] = mapped_column(Text)
    match_key: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    #: ISO 3166-2, as the contact's row gave it (a contact without employer keeps its own).
    subdivision: Mapped[str | None] = mapped_column(String(8))
    source: Mapped[str | None] = mapped_column(Text)
    external_ids: Mapped[dict[str, Any] | None] = mapped_column(JSON_NULL)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    do_not_contact_reason: Mapped[str | None] = mapped_column(Text)
    do_not_contact_source: Mapped[str | None] = mapped_column(Text)
    do_not_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()


class Employment(Base):
    """A contact's past employers. The current one is the contact's ``organization_id`` (since
    ``employer_since``), so a contact has at most one, and linking a contact for the first time
    writes no row here: an import of a million contacts adds none."""

    __tablename__ = "employments"
    __table_args__ = (Index("ix_employments_contact", "contact_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConsentEvent(Base):
    """Append-only consent history per contact, channel and purpose; the latest event wins."""

    __tablename__ = "consent_events"
    __table_args__ = (Index("ix_consent_events_contact", "contact_id", "channel", "purpose"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    channel: Mapped[str] = mapped_column(String(16))  # email, phone, sms, post, ...
    purpose: Mapped[str] = mapped_column(String(32))  # marketing, sales, ...
    status: Mapped[str] = mapped_column(String(16))  # granted, denied, withdrawn, unknown
    legal_basis: Mapped[str | None] = mapped_column(String(32))
    captured_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = _now()


class IcpProfile(Base):
    """A saved ICP: its versions are immutable; ``current_version`` is the newest."""

    __tablename__ = "icp_profiles"
    __table_args__ = (UniqueConstraint("workspace_id", "slug"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    visibility: Mapped[str] = mapped_column(String(16))  # private | workspace
    source_profile_id: Mapped[int | None] = mapped_column(ForeignKey("icp_profiles.id"))
    source_version: Mapped[int | None] = mapped_column(Integer)
    current_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _now()


class IcpVersion(Base):
    __tablename__ = "icp_versions"
    __table_args__ = (UniqueConstraint("profile_id", "number"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("icp_profiles.id"))
    number: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()


class LeadList(Base):
    __tablename__ = "lead_lists"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()


class SavedMapping(Base):
    """A column mapping a user confirmed once (``leadsieve columns FILE --save NAME``): the
    ``--map`` choices, reused by name on the next file of the same layout."""

    __tablename__ = "saved_mappings"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    name: Mapped[str] = mapped_column(String(200))
    #: Source header -> canonical target, or null to leave the column unmapped.
    overrides: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The headers of the file it was saved from, for `columns` to show.
    headers: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()


class Suppression(Base):
    """A suppression list: a named set of domains, emails and org numbers (``entries``) whose
    leads are disqualified when a run applies it. ``kind`` is customer, open-deal,
    competitor or other; ``label`` is what the reason says ("existing customer")."""

    __tablename__ = "suppression_lists"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()


class SuppressionEntry(Base):
    """One normalized value of a suppression list, once per list: ``kind`` domain, email or
    org_no (``value`` then ``<country>:<number>``), and where it came from (a file, typed,
    a board's won pursuits)."""

    __tablename__ = "suppression_entries"
    __table_args__ = (
        UniqueConstraint("list_id", "kind", "value"),
        CheckConstraint("kind IN ('domain', 'email', 'org_no')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("suppression_lists.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(320))
    source: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = _now()


class LeadListItem(Base):
    """A lead in a list: a contact with its organization, or an organization alone.

    ``lead_key`` ("c<contact id>" or "o<organization id>") makes a lead appear once per list.
    """

    __tablename__ = "lead_list_items"
    __table_args__ = (UniqueConstraint("list_id", "lead_key"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("lead_lists.id", ondelete="CASCADE"))
    lead_key: Mapped[str] = mapped_column(String(32))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    added_at: Mapped[datetime] = _now()


class LeadFit(Base):
    """The fit of one lead (``lead_key``, as in list items) against one ICP version: what the
    engine gave, when (``as_of``, ``scored_at``), by which leadsieve version and which paid
    ``job``. One per (ICP version, lead), the primary key: qualifying again with the same
    version replaces it (``INSERT ... ON CONFLICT DO UPDATE``), a new version adds its own
    rows and the old ones stay.

    ``organization_id`` is the organization whose fields were scored (a contact's employer at
    the time) and ``contact_id`` the contact, if any. ``matched``, ``missed`` and ``unknown``
    are rule names joined by commas (empty when none), as the engine gives them.

    No column is a foreign key: fits are written a million at a time, and PostgreSQL checks a
    reference row by row (0.5 s per 100,000 fits and reference, measured: as much as the rest
    of the write). The references hold by construction instead: a run writes fits only for
    the version and workspace it resolved, versions are immutable and never deleted, and
    organizations and contacts are never deleted either.
    """

    __tablename__ = "lead_fits"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 100", name="score"),
        CheckConstraint("grade IN ('A', 'B', 'C', 'D', 'DQ')", name="grade"),
    )

    icp_version_id: Mapped[int] = mapped_column(Id, primary_key=True)
    lead_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(Id)
    organization_id: Mapped[int | None] = mapped_column(Id)
    contact_id: Mapped[int | None] = mapped_column(Id)
    score: Mapped[int] = mapped_column(SmallInteger)
    grade: Mapped[str] = mapped_column(String(2))
    qualified: Mapped[bool] = mapped_column(Boolean)
    coverage: Mapped[float] = mapped_column(Float)
    matched: Mapped[str] = mapped_column(Text)
    missed: Mapped[str] = mapped_column(Text)
    unknown: Mapped[str] = mapped_column(Text)
    reasons: Mapped[str] = mapped_column(Text)
    disqualified_by: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[date] = mapped_column(Date)
    leadsieve_version: Mapped[str] = mapped_column(String(32))
    job: Mapped[str] = mapped_column(String(128))
    #: The suppression lists applied, by name and digest (``engine.exclusions.fingerprint``);
    #: null for none. A fit is reused only by a run that applies the same lists.
    exclusions: Mapped[str | None] = mapped_column(Text)
    scored_at: Mapped[datetime] = _now()


class CreditEntry(Base):
    """The credit ledger: append-only entries whose sum is the workspace's balance.

    ``amount`` is a whole number of micro-credits (1 credit = 1,000,000), so it is exact on
    both databases: a grant and a refund add (> 0), a charge takes (< 0). A charge and a refund
    belong to a ``job`` (the run they pay for), and (workspace, job, kind) is unique, so a
    retried charge or refund of one job cannot count twice; grants have no job, and NULL jobs
    never collide. Nothing updates or deletes an entry: a correction is a new entry.
    """

    __tablename__ = "credit_entries"
    __table_args__ = (
        UniqueConstraint("workspace_id", "job", "kind"),
        CheckConstraint("kind IN ('grant', 'charge', 'refund')", name="kind"),
        CheckConstraint(
            "(kind = 'charge' AND amount < 0) OR (kind <> 'charge' AND amount > 0)",
            name="amount_sign",
        ),
        CheckConstraint("kind = 'grant' OR job IS NOT NULL", name="job"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    amount: Mapped[int] = mapped_column(BigInteger)  # micro-credits
    kind: Mapped[str] = mapped_column(String(16))  # grant | charge | refund
    reason: Mapped[str | None] = mapped_column(Text)
    job: Mapped[str | None] = mapped_column(String(128))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = _now()


class Board(Base):
    """A sales board: a pipeline of ordered stages (``board_stages``) whose cards are pursuits."""

    __tablename__ = "boards"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()


class BoardStage(Base):
    """A stage of a board, shown in ``position`` order. ``probability_bp`` is the chance that a
    pursuit at this stage is won, in basis points (0..10,000 = 0..1): a whole number, so the
    forecast is exact on both databases. A pursuit moved to a ``closed`` stage is closed, won
    when the stage is ``won`` (a won stage is always closed)."""

    __tablename__ = "board_stages"
    __table_args__ = (
        UniqueConstraint("board_id", "key"),
        CheckConstraint("probability_bp >= 0 AND probability_bp <= 10000", name="probability"),
        CheckConstraint("closed OR NOT won", name="won_closed"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    key: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    probability_bp: Mapped[int] = mapped_column(Integer)
    closed: Mapped[bool] = mapped_column(Boolean)
    won: Mapped[bool] = mapped_column(Boolean)


class Pursuit(Base):
    """A sales case for one organization on one board, at one stage.

    At most one pursuit per (board, organization) is open (``closed_at`` null): a partial
    unique index, so two openings at once make one, through ``INSERT ... ON CONFLICT``. A
    closed pursuit keeps its stage, ``won`` and ``close_reason``; a new one may then be opened.
    ``amount_micro`` is the deal's value in millionths of ``currency`` (exact on both
    databases). The ICP fields record the fit that opened it, when a fit did."""

    __tablename__ = "pursuits"
    __table_args__ = (
        Index(
            "uq_pursuits_open_organization",
            "board_id",
            "organization_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        CheckConstraint("amount_micro >= 0", name="amount"),
        CheckConstraint("fit_score >= 0 AND fit_score <= 100", name="fit_score"),
        CheckConstraint(
            "(closed_at IS NULL AND won IS NULL) OR (closed_at IS NOT NULL AND won IS NOT NULL)",
            name="closed_won",
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("board_stages.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    amount_micro: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    source: Mapped[str | None] = mapped_column(Text)
    icp_profile_id: Mapped[int | None] = mapped_column(ForeignKey("icp_profiles.id"))
    icp_version: Mapped[int | None] = mapped_column(Integer)
    fit_score: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime] = _now()
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    close_reason: Mapped[str | None] = mapped_column(Text)
    won: Mapped[bool | None] = mapped_column(Boolean)


class PursuitContact(Base):
    """A contact on a pursuit, once per pursuit."""

    __tablename__ = "pursuit_contacts"
    __table_args__ = (Index("ix_pursuit_contacts_contact", "contact_id"),)

    pursuit_id: Mapped[int] = mapped_column(ForeignKey("pursuits.id"), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), primary_key=True)
    added_at: Mapped[datetime] = _now()


class PursuitMove(Base):
    """A pursuit's stage history, append-only: who moved it from which stage to which, when.
    The opening is a move from no stage (``from_stage_id`` null)."""

    __tablename__ = "pursuit_moves"
    __table_args__ = (Index("ix_pursuit_moves_pursuit", "pursuit_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    pursuit_id: Mapped[int] = mapped_column(ForeignKey("pursuits.id"))
    from_stage_id: Mapped[int | None] = mapped_column(ForeignKey("board_stages.id"))
    to_stage_id: Mapped[int] = mapped_column(ForeignKey("board_stages.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = _now()


class Job(Base):
    """A paid run (qualify, ingest, a pre-scored import) as a record of its own, so that what it
    was charged and what it did survive the process that ran it.

    ``ledger`` is the job id its charge and refund carry in the ledger (unique per workspace);
    ``key`` the part a user names with ``--job``. ``params`` holds what the run was started on
    (list, ICP version, board, leads, last item, suppression lists): a rerun of the key resumes
    only the same work. ``runner`` names the process (host, pid, start time) and
    ``heartbeat_at`` its last sign of life, which a ``running`` job whose process is gone lacks:
    it was interrupted, and is resumed or refunded (``service.jobs``). Amounts are
    micro-credits, as in the ledger; ``done`` of ``total`` leads hold the job's fit."""

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("workspace_id", "ledger"),
        Index("ix_jobs_workspace_status", "workspace_id", "status"),
        CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    ledger: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    params: Mapped[dict[str, Any]] = mapped_column(JSON_NULL)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    done: Mapped[int] = mapped_column(BigInteger, default=0)
    price: Mapped[int] = mapped_column(BigInteger, default=0)  # micro-credits per lead
    charged: Mapped[int] = mapped_column(BigInteger, default=0)  # micro-credits
    refunded: Mapped[int] = mapped_column(BigInteger, default=0)  # micro-credits
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON_NULL)
    problem: Mapped[str | None] = mapped_column(Text)
    runner: Mapped[str | None] = mapped_column(String(200))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _now()
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
