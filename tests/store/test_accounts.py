"""Workspaces, users and API keys, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from leadsieve.errors import AlreadyExists, Forbidden, InvalidValue, NotFound
from leadsieve.service.accounts import (
    add_user,
    authenticate,
    create_key,
    create_workspace,
    list_keys,
    list_members,
    list_workspaces,
    revoke_key,
)
from leadsieve.service.lists import create_list
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.tables import ApiKey, User, Workspace


@pytest.fixture
def engine(database_url: str) -> Engine:
    return open_store(database_url)


def make_workspace(engine: Engine, slug: str) -> int:
    with unit_of_work(engine) as session:
        return create_workspace(session, slug).id


def test_a_taken_slug_is_already_exists(engine: Engine) -> None:
    """Creating a workspace twice is ALREADY_EXISTS, naming the slug; the first one stays."""
    with unit_of_work(engine) as session:
        created = create_workspace(session, "acme", "Acme Inc")
    with unit_of_work(engine) as session, pytest.raises(AlreadyExists, match="'acme'"):
        create_workspace(session, "acme", "Another")
    with unit_of_work(engine) as session:
        kept = session.get(Workspace, created.id)
        assert kept is not None and kept.name == "Acme Inc"


@pytest.mark.parametrize(
    ("slug", "hint"),
    [
        pytest.param("Acme Inc", "try 'acme-inc'", id="spaces-and-capitals"),
        pytest.param("acme_inc", "try 'acme-inc'", id="underscore"),
        pytest.param("-acme", "try 'acme'", id="leading-hyphen"),
        pytest.param("", "lowercase letters", id="empty"),
        pytest.param("a" * 65, "at most 64", id="too-long"),
    ],
)
def test_a_bad_slug_is_invalid_with_a_suggestion(engine: Engine, slug: str, hint: str) -> None:
    """A slug that is not lowercase-digits-hyphens is INVALID_VALUE and says what would do."""
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match=hint):
        create_workspace(session, slug)


def test_workspaces_are_listed_with_member_and_list_counts(engine: Engine) -> None:
    """`list_workspaces` counts each workspace's members and lists, and nothing of the others."""
    acme, globex = make_workspace(engine, "acme"), make_workspace(engine, "globex")
    with unit_of_work(engine) as session:
        add_user(session, acme, "ann@example.com")
        add_user(session, acme, "bob@example.com")
        add_user(session, globex, "ann@example.com")
        create_list(session, acme, "q3")
    with unit_of_work(engine) as session:
        counts = {w.slug: (w.members, w.lists) for w in list_workspaces(session)}
    assert counts == {"acme": (2, 1), "globex": (1, 0)}


def test_one_user_in_two_workspaces_with_different_roles(engine: Engine) -> None:
    """The same email is one user, owner in one workspace and member in another."""
    acme, globex = make_workspace(engine, "acme"), make_workspace(engine, "globex")
    with unit_of_work(engine) as session:
        first = add_user(session, acme, "  Ann@Example.COM ", name="Ann", role="owner")
        add_user(session, globex, "carl@example.com", role="owner")
        second = add_user(session, globex, "ann@example.com", role="member")
    assert first.created and not second.created
    assert first.user.id == second.user.id and first.user.email == "ann@example.com"
    with unit_of_work(engine) as session:
        assert [(m.user.email, m.role) for m in list_members(session, acme)] == [
            ("ann@example.com", "owner")
        ]
        assert [(m.user.email, m.role) for m in list_members(session, globex)] == [
            ("ann@example.com", "member"),
            ("carl@example.com", "owner"),
        ]


@pytest.mark.parametrize(
    ("email", "role", "words"),
    [
        pytest.param("not-an-email", None, ["not an email address"], id="bad-email"),
        pytest.param("ann@", None, ["not an email address"], id="half-email"),
        pytest.param("ann@example.com", "boss", ["owner, admin, member"], id="bad-role"),
    ],
)
def test_bad_email_or_role_is_invalid(
    engine: Engine, email: str, role: str | None, words: list[str]
) -> None:
    """An invalid email or an unknown role is INVALID_VALUE; no user is created."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue) as raised:
        add_user(session, acme, email, role=role)
    for word in words:
        assert word in raised.value.message
    with unit_of_work(engine) as session:
        assert list_members(session, acme) == []


@pytest.mark.parametrize(
    ("email", "words"),
    [
        pytest.param(
            "\u0430lice@example.com", ["Cyrillic", "Latin", "before the @"], id="cyrillic-a"
        ),
        pytest.param(
            "alice@ex\u0430mple.com", ["Cyrillic", "domain", "'ex\u0430mple'"], id="domain"
        ),
        pytest.param("\u03bfscar@example.com", ["Greek", "Latin"], id="greek-omicron"),
        pytest.param("\u0430\u03bb@example.com", ["Cyrillic", "Greek"], id="cyrillic-greek"),
    ],
)
def test_a_mixed_script_look_alike_is_refused(engine: Engine, email: str, words: list[str]) -> None:
    """An address mixing Latin with Cyrillic or Greek letters (``аlice`` with a Cyrillic а)
    would read as another user's: INVALID_VALUE naming the scripts, and no user is made."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        add_user(session, acme, "alice@example.com")
    with unit_of_work(engine) as session, pytest.raises(InvalidValue) as raised:
        add_user(session, acme, email)
    for word in [*words, "one script"]:
        assert word in raised.value.message
    with unit_of_work(engine) as session:
        assert [m.user.email for m in list_members(session, acme)] == ["alice@example.com"]
        assert session.scalar(select(func.count()).select_from(User)) == 1


def test_addresses_are_stored_in_one_form(engine: Engine) -> None:
    """Fullwidth letters and ligatures fold (NFKC) and the domain is lowercased, so the same
    address typed another way is the same user; a single-script non-Latin address, an
    internationalized domain under a Latin TLD and accented Latin stay as they are."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        first = add_user(session, acme, "alice@example.com")
        again = add_user(session, acme, "\uff41\uff4c\uff49\uff43\uff45@EXAMPLE.com")
        fi = add_user(session, acme, "\ufb01@example.com")
        kept = [
            add_user(session, acme, email).user.email
            for email in [
                "\u0430\u043b\u0438\u0441\u0430@\u043f\u0440\u0438\u043c\u0435\u0440.com",
                "\u03b1\u03bb\u03af\u03ba\u03b7@example.com",
                "j\u00f6rg@b\u00fccher.de",
            ]
        ]
    assert again.user.id == first.user.id and not again.created
    assert fi.user.email == "fi@example.com"
    assert kept == [
        "\u0430\u043b\u0438\u0441\u0430@\u043f\u0440\u0438\u043c\u0435\u0440.com",
        "\u03b1\u03bb\u03af\u03ba\u03b7@example.com",
        "j\u00f6rg@b\u00fccher.de",
    ]


def test_the_last_owner_cannot_be_demoted(engine: Engine) -> None:
    """The first user is owner by default; demoting the only owner is FORBIDDEN, nothing
    changes; once another owner exists, the demotion goes through."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        assert add_user(session, acme, "ann@example.com").role == "owner"
        assert add_user(session, acme, "bob@example.com").role == "member"
    with unit_of_work(engine) as session, pytest.raises(Forbidden, match="only owner"):
        add_user(session, acme, "ann@example.com", role="admin")
    with unit_of_work(engine) as session:
        assert add_user(session, acme, "ann@example.com").role == "owner"  # kept, unchanged
        add_user(session, acme, "bob@example.com", role="owner")
        demoted = add_user(session, acme, "ann@example.com", role="member")
    assert (demoted.previous_role, demoted.role) == ("owner", "member")


def test_a_key_is_shown_once_and_only_its_hash_is_stored(engine: Engine, database_url: str) -> None:
    """The token comes back once; the database holds its SHA-256 and prefix, never the secret."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        key, token = create_key(session, acme, "crm-sync", scopes=["write", "read", "read"])
    assert token.startswith(f"ls_{key.prefix}_")
    secret = token.removeprefix(f"ls_{key.prefix}_")
    assert len(secret) >= 40 and key.scopes == ["read", "write"]
    with engine.connect() as connection:
        stored = [str(tuple(row)) for row in connection.execute(text("SELECT * FROM api_keys"))]
    assert len(stored) == 1
    assert token not in stored[0] and secret not in stored[0]
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
        assert all(secret.encode() not in p.read_bytes() for p in files)
    with unit_of_work(engine) as session:
        listed = list_keys(session, acme)
    assert [(k.prefix, k.name, k.scopes) for k in listed] == [
        (key.prefix, "crm-sync", ["read", "write"])
    ]


def test_authenticate_a_valid_key(engine: Engine) -> None:
    """A valid token gives its workspace, user and scopes."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        add_user(session, acme, "ann@example.com")
        _, token = create_key(
            session, acme, "ci", scopes=["admin", "read"], user_email="Ann@example.com"
        )
        _, workspace_token = create_key(session, acme, "etl")
    with unit_of_work(engine) as session:
        principal = authenticate(session, token)
        anonymous = authenticate(session, workspace_token)
    assert principal.workspace.slug == "acme" and principal.user is not None
    assert principal.user.email == "ann@example.com"
    assert principal.scopes == ("read", "admin")
    assert anonymous.user is None and anonymous.scopes == ("read",)


def test_authenticate_refuses_unknown_and_revoked_keys(engine: Engine) -> None:
    """An unknown token and a revoked key are FORBIDDEN, the revoked one named as such."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        key, token = create_key(session, acme, "old")
    with unit_of_work(engine) as session, pytest.raises(Forbidden, match="not valid"):
        authenticate(session, token + "x")
    with unit_of_work(engine) as session:
        revoked = revoke_key(session, acme, key.prefix)
    assert revoked.revoked_at is not None
    with unit_of_work(engine) as session, pytest.raises(Forbidden, match="revoked"):
        authenticate(session, token)


def test_revoking_twice_is_a_clear_error_and_changes_nothing(engine: Engine) -> None:
    """The second revocation says when the key was revoked and keeps that time."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        key, _ = create_key(session, acme, "old")
    with unit_of_work(engine) as session:
        first = revoke_key(session, acme, f"ls_{key.prefix}")  # a pasted prefix works too
    with unit_of_work(engine) as session, pytest.raises(InvalidValue, match="already revoked"):
        revoke_key(session, acme, key.prefix)
    with unit_of_work(engine) as session:
        stored = session.scalars(select(ApiKey.revoked_at)).one()
    assert stored is not None and first.revoked_at is not None
    assert stored.replace(tzinfo=None) == first.revoked_at.replace(tzinfo=None)


def test_keys_stay_in_their_workspace(engine: Engine) -> None:
    """Another workspace cannot list or revoke a key; an unknown prefix names the keys there."""
    acme, globex = make_workspace(engine, "acme"), make_workspace(engine, "globex")
    with unit_of_work(engine) as session:
        key, _ = create_key(session, acme, "acme-key")
        other, _ = create_key(session, globex, "globex-key")
    with unit_of_work(engine) as session:
        assert [k.name for k in list_keys(session, globex)] == ["globex-key"]
    with unit_of_work(engine) as session, pytest.raises(NotFound, match=other.prefix):
        revoke_key(session, globex, key.prefix)


@pytest.mark.parametrize(
    ("scopes", "error", "words"),
    [
        pytest.param(
            ["read", "delete"], InvalidValue, ["'delete'", "read, write, admin"], id="unknown"
        ),
        pytest.param([], InvalidValue, ["at least one scope"], id="none"),
        pytest.param(["admin"], Forbidden, ["member", "owner or admin"], id="admin-for-a-member"),
    ],
)
def test_bad_scopes_are_refused(
    engine: Engine, scopes: list[str], error: type[Exception], words: list[str]
) -> None:
    """Unknown scopes list the valid ones; a member cannot hold an admin-scoped key."""
    acme = make_workspace(engine, "acme")
    with unit_of_work(engine) as session:
        add_user(session, acme, "owner@example.com")
        add_user(session, acme, "member@example.com")
    with unit_of_work(engine) as session, pytest.raises(error) as raised:
        create_key(session, acme, "k", scopes=scopes, user_email="member@example.com")
    for word in words:
        assert word in str(raised.value)
    with unit_of_work(engine) as session:
        assert list_keys(session, acme) == []


def test_a_key_for_a_non_member_is_refused(engine: Engine) -> None:
    """A key's user must belong to the workspace; the message names its members."""
    acme, globex = make_workspace(engine, "acme"), make_workspace(engine, "globex")
    with unit_of_work(engine) as session:
        add_user(session, acme, "ann@example.com")
        add_user(session, globex, "bob@example.com")
    with unit_of_work(engine) as session, pytest.raises(NotFound, match=r"ann@example\.com"):
        create_key(session, acme, "k", user_email="bob@example.com")
