"""Reading stored ICP profiles by id or slug, as an actor may see them (the API's element GET).

``profiles`` names a profile by its slug; a shell that also hands out ids (the REST API) needs
the id of each profile and a way back from an id. An id of another workspace's profile, or of
a private profile of someone else, is ``IcpNotFound`` exactly like a slug that does not exist,
so an id tells nothing about records the actor may not see.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.errors import IcpNotFound
from leadsieve.service.actors import Actor
from leadsieve.service.profiles import ProfileInfo, ProfileVersion, list_profiles, visible_version
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.store.repositories import icps


@dataclass(frozen=True, slots=True)
class ProfileEntry:
    """A profile the actor sees, with its id."""

    id: int
    info: ProfileInfo


@dataclass(frozen=True, slots=True)
class FoundVersion:
    """A version of a profile the actor sees: the profile's id, the version and its document."""

    id: int
    found: ProfileVersion


def list_visible_profiles(engine: Engine, actor: Actor) -> list[ProfileEntry]:
    """The profiles of the actor's workspace that the actor sees, by slug, with their ids."""
    actor.require("read", doing="read ICP profiles")
    infos = list_profiles(engine, workspace=actor.workspace_slug, user=actor.user_email)
    with unit_of_work(engine) as session:
        ids = {
            p.slug: p.id
            for p in icps.list_visible(session, actor.workspace_id, _user_id(session, actor))
        }
    return [ProfileEntry(ids[i.slug], i) for i in infos if i.slug in ids]


def get_visible_version(
    engine: Engine, actor: Actor, id_or_slug: str, number: int | None = None
) -> FoundVersion:
    """Version ``number`` (default: the current one) of the profile named by its id or slug.

    A name of digits only is tried as an id first, then as a slug (slugs may be digits)."""
    actor.require("read", doing="read ICP profiles")
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, actor.workspace_slug)
        slug = _slug_of(session, actor, id_or_slug)
        found, _ = visible_version(session, space, slug, number, actor.user_email)
        profile = icps.get(session, space.id, slug)
        if profile is None:  # visible_version found it in this transaction
            raise IcpNotFound(f"no ICP profile {id_or_slug!r}")
        return FoundVersion(profile.id, found)


def _slug_of(session: Session, actor: Actor, id_or_slug: str) -> str:
    """The slug of the profile with this id in the actor's workspace, if the actor sees it;
    else the name itself (so a refusal never names the slug of a profile the actor may not
    see)."""
    if id_or_slug.isdigit() and len(id_or_slug) < 19:
        profile = icps.get_by_id(session, int(id_or_slug))
        if profile is not None and profile.workspace_id == actor.workspace_id:
            owner = _user_id(session, actor)
            if profile.visibility == "workspace" or (
                owner is not None and profile.owner_id == owner
            ):
                return profile.slug
    return id_or_slug


def _user_id(session: Session, actor: Actor) -> int | None:
    if actor.user_email is None:
        return None
    user = icps.find_user(session, actor.user_email)
    return None if user is None else user.id
