"""Stored ICP profiles on SQLite and PostgreSQL: immutable numbered versions, history, diff,
revert, clone, visibility, tenancy, and concurrent writers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine, func, select

from leadsieve.errors import (
    AlreadyExists,
    Forbidden,
    IcpInvalid,
    IcpNotFound,
    InvalidValue,
    NotFound,
)
from leadsieve.icp import Icp, parse_icp
from leadsieve.service.profiles import (
    Change,
    SaveResult,
    clone_profile,
    diff_documents,
    diff_profile,
    export_profile,
    get_profile_version,
    list_profiles,
    profile_history,
    revert_profile,
    save_profile,
    share_profile,
)
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import IcpProfile, IcpVersion, Membership, User
from tests.factories import make_icp

T = TypeVar("T")

RULES: dict[str, Any] = {
    "industries": {"any_of": ["software-development"], "weight": 40},
    "employees": {"min": 50, "max": 1000, "weight": 15},
}


def saas(**overrides: Any) -> Icp:
    """The ICP most tests save: slug ``saas``, two rules, a domain disqualifier."""
    rules = overrides.pop("rules", RULES)
    fields: dict[str, Any] = {
        "slug": "saas",
        "name": "SaaS",
        "disqualifiers": {"domains": ["competitor.example"]},
    }
    return make_icp(rules, **{**fields, **overrides})


def with_employees_weight(weight: float, slug: str = "saas") -> Icp:
    return saas(slug=slug, rules={**RULES, "employees": {"min": 50, "max": 1000, "weight": weight}})


def employees_weight(icp: Icp) -> float | None:
    assert icp.rules.employees is not None
    return icp.rules.employees.weight


def save_edit(engine: Engine, slug: str, i: int) -> SaveResult:
    """Save the i-th distinct document under ``slug``: weights from 20 up, none equal to the
    15 of ``saas()``, so no edit repeats the saved document whatever order threads run in."""
    return save_profile(engine, with_employees_weight(20 + i, slug))


def add_member(engine: Engine, email: str, workspace: str = "default") -> None:
    """A user in a workspace (both made if missing), written straight to the tables."""
    with unit_of_work(engine) as session:
        space = workspaces.ensure(session, workspace, workspace.title())
        user = session.scalars(select(User).where(User.email == email)).one_or_none()
        if user is None:
            user = User(email=email)
            session.add(user)
            session.flush()
        session.add(Membership(workspace_id=space.id, user_id=user.id, role="member"))


@pytest.fixture
def engine(database_url: str) -> Engine:
    """A fresh store with the users alice and bob in the ``default`` workspace."""
    store = open_store(database_url)
    add_member(store, "alice@example.com")
    add_member(store, "bob@example.com")
    return store


def in_threads(work: Callable[[int], T], n: int = 8) -> list[T]:
    """Run ``work(i)`` for i < n on n threads released together."""
    barrier = threading.Barrier(n)

    def start(i: int) -> T:
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(start, range(n)))


def test_first_save_creates_version_one_and_an_identical_save_adds_none(engine: Engine) -> None:
    """A new slug makes a profile at v1; the same document again is reported unchanged."""
    first = save_profile(engine, saas(), note="first")
    assert (first.created, first.changed, first.version) == (True, True, 1)
    assert first.profile.visibility == "workspace" and first.profile.owner is None
    again = save_profile(engine, saas(), note="ignored")
    assert (again.created, again.changed, again.version) == (False, False, 1)
    assert [v.number for v in profile_history(engine, "saas").versions] == [1]


def test_versions_are_numbered_and_immutable(engine: Engine) -> None:
    """Each changed save adds the next number; older versions keep their documents."""
    for weight in (15, 20, 25):
        save_profile(engine, with_employees_weight(weight))
    history = profile_history(engine, "saas")
    assert [v.number for v in history.versions] == [1, 2, 3]
    assert history.profile.current_version == 3
    weights = [employees_weight(get_profile_version(engine, "saas", n).icp()) for n in (1, 2, 3)]
    assert weights == [15, 20, 25]
    assert get_profile_version(engine, "saas").number == 3


def test_history_records_author_note_and_time(engine: Engine) -> None:
    """Every version says who saved it, why, and when; no user means no author."""
    save_profile(engine, saas(), user="alice@example.com", note="initial")
    save_profile(engine, with_employees_weight(30), user="Bob@Example.com", note="bigger teams")
    save_profile(engine, with_employees_weight(35))
    versions = profile_history(engine, "saas").versions
    assert [(v.author, v.note) for v in versions] == [
        ("alice@example.com", "initial"),
        ("bob@example.com", "bigger teams"),
        (None, None),
    ]
    assert all(v.created_at.tzinfo is not None for v in versions)
    assert versions[0].created_at <= versions[2].created_at


def test_diff_is_rule_by_rule_with_old_and_new_values(engine: Engine) -> None:
    """A changed weight, an added rule, a removed disqualifier and a top-level field each show
    as one change with old and new value."""
    save_profile(engine, saas())
    edited = saas(
        rules={
            **RULES,
            "employees": {"min": 50, "max": 1000, "weight": 20},
            "keywords": {"any_of": ["b2b"], "weight": 10},
        },
        disqualifiers={},
        min_score=70,
    )
    save_profile(engine, edited)
    found = diff_profile(engine, "saas", 1, 2)
    assert (found.old_version, found.new_version) == (1, 2)
    assert found.changes == [
        Change("min_score", "changed", 60, 70),
        Change("rules.employees.weight", "changed", 15, 20),
        Change("rules.keywords", "added", None, {"weight": 10, "any_of": ["b2b"]}),
        Change("disqualifiers.domains", "removed", ["competitor.example"], None),
    ]
    backwards = diff_profile(engine, "saas", 2, 1).changes
    assert Change("rules.keywords", "removed", {"weight": 10, "any_of": ["b2b"]}, None) in backwards
    assert diff_profile(engine, "saas", 2, 2).changes == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param({"a": 1}, {"a": 1}, [], id="equal"),
        pytest.param(
            {"rules": {"roles": {"titles": ["cro"], "required": False}}},
            {"rules": {"roles": {"titles": ["cro"], "required": True}}},
            [Change("rules.roles.required", "added", None, True)],
            id="required-set",
        ),
        pytest.param(
            {"disqualifiers": {"keywords": ["crypto"]}},
            {"disqualifiers": {"keywords": ["crypto", "web3"]}},
            [Change("disqualifiers.keywords", "changed", ["crypto"], ["crypto", "web3"])],
            id="list-grows",
        ),
        pytest.param(
            {"disqualifiers": {"employees": None}},
            {"disqualifiers": {"employees": {"below": 10, "above": None}}},
            [Change("disqualifiers.employees", "added", None, {"below": 10})],
            id="limits-added",
        ),
        pytest.param(
            {"grades": {"A": 80, "B": 60, "C": 40}},
            {"grades": {"A": 85, "B": 60, "C": 40}},
            [Change("grades.A", "changed", 80, 85)],
            id="grade",
        ),
    ],
)
def test_diff_documents(old: dict[str, Any], new: dict[str, Any], expected: list[Change]) -> None:
    """Unset values (None, empty, required false) are absent; what remains differs field by
    field."""
    assert diff_documents(old, new) == expected


def test_revert_adds_a_version_equal_to_the_old_one(engine: Engine) -> None:
    """Revert keeps history: v3 equals v1, noted "revert to v1"; reverting again adds nothing."""
    save_profile(engine, saas())
    save_profile(engine, with_employees_weight(30))
    reverted = revert_profile(engine, "saas", 1, user="alice@example.com")
    assert (reverted.version, reverted.changed) == (3, True)
    v1, v3 = (get_profile_version(engine, "saas", n) for n in (1, 3))
    assert v3.document == v1.document
    assert (v3.version.note, v3.version.author) == ("revert to v1", "alice@example.com")
    assert revert_profile(engine, "saas", 1).changed is False
    with pytest.raises(NotFound, match="no version 7; it has versions 1 to 3"):
        revert_profile(engine, "saas", 7)


def test_clone_keeps_its_source_and_is_independent(engine: Engine) -> None:
    """A clone starts from the source's current document under a new slug, remembers source
    and version, and later edits of either leave the other alone."""
    save_profile(engine, saas())
    save_profile(engine, with_employees_weight(30))
    cloned = clone_profile(engine, "saas", "saas-eu", name="SaaS Europe", user="bob@example.com")
    assert (cloned.version, cloned.created) == (1, True)
    info = cloned.profile
    assert (info.source_slug, info.source_version, info.owner) == ("saas", 2, "bob@example.com")
    icp = get_profile_version(engine, "saas-eu").icp()
    assert (icp.slug, icp.name, employees_weight(icp)) == ("saas-eu", "SaaS Europe", 30)
    assert profile_history(engine, "saas-eu").versions[0].note == "cloned from saas v2"

    save_profile(engine, with_employees_weight(45, "saas-eu"))
    save_profile(engine, with_employees_weight(50))
    assert employees_weight(get_profile_version(engine, "saas", 2).icp()) == 30
    assert get_profile_version(engine, "saas-eu").number == 2
    assert employees_weight(get_profile_version(engine, "saas-eu", 1).icp()) == 30


def test_clone_refuses_a_taken_or_invalid_slug(engine: Engine) -> None:
    save_profile(engine, saas())
    save_profile(engine, saas(slug="other"))
    with pytest.raises(AlreadyExists, match="'other' already exists"):
        clone_profile(engine, "saas", "other")
    with pytest.raises(IcpInvalid) as caught:
        clone_profile(engine, "saas", "Not A Slug")
    assert caught.value.problems[0].path == "slug"
    assert {p.slug for p in list_profiles(engine)} == {"saas", "other"}


LOOKUPS: list[Callable[[Engine, str | None], object]] = [
    lambda engine, user: profile_history(engine, "saas", user=user),
    lambda engine, user: export_profile(engine, "saas", user=user),
    lambda engine, user: diff_profile(engine, "saas", 1, 1, user=user),
    lambda engine, user: revert_profile(engine, "saas", 1, user=user),
    lambda engine, user: clone_profile(engine, "saas", "mine", user=user),
    lambda engine, user: share_profile(engine, "saas", "workspace", user=user),
]


def test_a_private_profile_is_invisible_to_others(engine: Engine) -> None:
    """Another user and no user see no trace of it: not listed, and every lookup says not
    found without naming it. Only saving its slug says the slug is taken."""
    saved = save_profile(engine, saas(), user="alice@example.com", visibility="private")
    assert (saved.profile.visibility, saved.profile.owner) == ("private", "alice@example.com")
    save_profile(engine, saas(slug="open"))
    assert [p.slug for p in list_profiles(engine, user="alice@example.com")] == ["open", "saas"]
    for user in ("bob@example.com", None):
        assert [p.slug for p in list_profiles(engine, user=user)] == ["open"]
        for lookup in LOOKUPS:
            with pytest.raises(IcpNotFound) as caught:
                lookup(engine, user)
            assert "(profiles: open)" in caught.value.message
        with pytest.raises(AlreadyExists, match="a profile you cannot see"):
            save_profile(engine, with_employees_weight(30), user=user)
    assert profile_history(engine, "saas", user="alice@example.com").profile.current_version == 1


def test_share_toggles_and_only_the_owner_may(engine: Engine) -> None:
    """The owner shares and unshares; others are refused; private needs a user."""
    save_profile(engine, saas(), user="alice@example.com", visibility="private")
    shared = share_profile(engine, "saas", "workspace", user="alice@example.com")
    assert (shared.changed, shared.profile.visibility) == (True, "workspace")
    assert share_profile(engine, "saas", "workspace", user="alice@example.com").changed is False
    assert [p.slug for p in list_profiles(engine, user="bob@example.com")] == ["saas"]
    with pytest.raises(Forbidden, match=r"only the owner .* \(alice@example.com\)"):
        share_profile(engine, "saas", "private", user="bob@example.com")
    # Shared profiles are collaborative: bob may add a version.
    assert save_profile(engine, with_employees_weight(30), user="bob@example.com").version == 2
    back = share_profile(engine, "saas", "private", user="alice@example.com")
    assert (back.changed, back.profile.visibility) == (True, "private")
    assert list_profiles(engine, user="bob@example.com") == []


def test_private_needs_an_acting_user_who_then_owns(engine: Engine) -> None:
    """No user cannot make a profile private; a user making an unowned one private owns it."""
    with pytest.raises(InvalidValue, match="LEADSIEVE_USER"):
        save_profile(engine, saas(), visibility="private")
    save_profile(engine, saas())
    with pytest.raises(InvalidValue, match="LEADSIEVE_USER"):
        share_profile(engine, "saas", "private")
    taken = share_profile(engine, "saas", "private", user="bob@example.com")
    assert (taken.profile.owner, taken.profile.visibility) == ("bob@example.com", "private")
    with pytest.raises(InvalidValue, match="icp share saas --shared"):
        save_profile(engine, saas(), user="bob@example.com", visibility="workspace")


def test_the_acting_user_must_exist_and_be_a_member(engine: Engine) -> None:
    with pytest.raises(NotFound, match=r"leadsieve user add carol@example\.com"):
        save_profile(engine, saas(), user="carol@example.com")
    add_member(engine, "dave@example.com", workspace="acme")
    with pytest.raises(Forbidden, match="not a member of workspace 'default'"):
        save_profile(engine, saas(), workspace="default", user="dave@example.com")


def test_workspaces_are_separate(engine: Engine) -> None:
    """The same slug lives in two workspaces; a profile of one is never found from the other."""
    add_member(engine, "alice@example.com", workspace="acme")
    save_profile(engine, saas(), workspace="default")
    other = save_profile(engine, with_employees_weight(30), workspace="acme")
    assert (other.created, other.version, other.profile.workspace) == (True, 1, "acme")
    save_profile(engine, saas(slug="only-default"), workspace="default")
    assert [p.slug for p in list_profiles(engine, workspace="acme")] == ["saas"]
    with pytest.raises(IcpNotFound, match="in workspace 'acme' \\(profiles: saas\\)"):
        profile_history(engine, "only-default", workspace="acme")
    weight = employees_weight(get_profile_version(engine, "saas", workspace="acme").icp())
    assert weight == 30


def test_unknown_slug_and_version_name_what_exists(engine: Engine) -> None:
    with pytest.raises(IcpNotFound, match="no profiles yet"):
        profile_history(engine, "saas")
    save_profile(engine, saas())
    save_profile(engine, saas(slug="other"))
    with pytest.raises(IcpNotFound, match=r"'sass' .*\(profiles: other, saas\)"):
        get_profile_version(engine, "sass")
    with pytest.raises(NotFound, match="no version 2; it has only version 1"):
        diff_profile(engine, "saas", 1, 2)


def test_concurrent_first_saves_of_one_slug_make_one_profile(engine: Engine) -> None:
    """Eight saves of the same new document at once: one profile, one version, no error."""
    results = in_threads(lambda _: save_profile(engine, saas()))
    assert sum(r.created for r in results) == 1
    assert {r.version for r in results} == {1}
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(IcpProfile)) == 1
        assert session.scalar(select(func.count()).select_from(IcpVersion)) == 1


def test_concurrent_edits_get_distinct_version_numbers(engine: Engine) -> None:
    """Eight different documents saved at once under an existing slug, and eight under a new
    one: consecutive versions, each number once, every document kept."""
    save_profile(engine, saas(slug="existing"))
    for slug, first in (("existing", 2), ("saas", 1)):
        results = in_threads(partial(save_edit, engine, slug))
        numbers = list(range(first, first + 8))
        assert sorted(r.version for r in results) == numbers
        versions = [get_profile_version(engine, slug, n) for n in numbers]
        weights = {employees_weight(v.icp()) for v in versions}
        assert weights == {20.0 + i for i in range(8)}
        assert profile_history(engine, slug).profile.current_version == numbers[-1]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_round_trips_through_validation(engine: Engine, fmt: str) -> None:
    """Exported text loads back to the saved ICP, for the current and for an old version."""
    original = saas(description="Mid-market software", match_mode="any")
    save_profile(engine, original)
    save_profile(engine, with_employees_weight(30))
    old = export_profile(engine, "saas", 1, fmt="json" if fmt == "json" else "yaml")
    assert parse_icp(old) == original
    if fmt == "json":
        assert old.lstrip().startswith("{")
    current = parse_icp(export_profile(engine, "saas"))
    assert current == with_employees_weight(30)
