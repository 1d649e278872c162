"""Fixtures of the API tests: a store with two workspaces, their keys and ICPs, and a client
that calls the ASGI app through httpx (``ASGITransport``), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

import leadsieve
from leadsieve.api.app import create_app
from leadsieve.icp import load_icp, validate_icp
from leadsieve.service import accounts, contacts, credits
from leadsieve.service.profiles import save_profile
from leadsieve.service.store import open_store, unit_of_work, upgrade_store

SAMPLES = Path(leadsieve.__file__).parent / "samples"
SAMPLE = SAMPLES / "yc_companies_sample.csv"
SAMPLE_ICP = SAMPLES / "b2b-saas.yaml"
ANN = "ann@acme.example"
BOB = "bob@acme.example"
GIL = "gil@globex.example"


@dataclass(frozen=True)
class World:
    """The seeded store: ``acme`` (owner Ann, member Bob) and ``globex`` (owner Gil).

    Keys: Ann read+write, Ann read only, Bob read+write, Gil read+write (another workspace).
    ICPs in acme: ``b2b-saas`` (shared, the bundled sample) and ``ann-secret`` (Ann's, private);
    in globex: ``globex-icp``. Acme holds 1,000 credits and the organization acme.com."""

    url: str
    ann: str
    ann_read: str
    bob: str
    gil: str
    acme_org: int


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def seed(url: str) -> World:
    """Create the workspaces, users, keys, ICPs, credits and organization of ``World``."""
    upgrade_store(url)
    engine = open_store(url, migrate=False)
    with unit_of_work(engine) as session:
        acme = accounts.create_workspace(session, "acme", "Acme")
        globex = accounts.create_workspace(session, "globex", "Globex")
        accounts.add_user(session, acme.id, ANN, role="owner")
        accounts.add_user(session, acme.id, BOB, role="member")
        accounts.add_user(session, globex.id, GIL, role="owner")
        _, ann = accounts.create_key(
            session, acme.id, "ann", scopes=["read", "write"], user_email=ANN
        )
        _, ann_read = accounts.create_key(
            session, acme.id, "ann-ro", scopes=["read"], user_email=ANN
        )
        _, bob = accounts.create_key(
            session, acme.id, "bob", scopes=["read", "write"], user_email=BOB
        )
        _, gil = accounts.create_key(
            session, globex.id, "gil", scopes=["read", "write"], user_email=GIL
        )
        credits.grant(session, acme.id, 1000)
        credits.grant(session, globex.id, 1000)
        org = contacts.upsert_organization(
            session, acme.id, name="Acme", domain="acme.com", org_no="5560360793", country="SE"
        )
    save_profile(engine, load_icp(SAMPLE_ICP), workspace="acme", user=ANN)
    secret = validate_icp({"slug": "ann-secret", "rules": {"geography": {"any_of": ["nordics"]}}})
    save_profile(engine, secret, workspace="acme", user=ANN, visibility="private")
    theirs = validate_icp({"slug": "globex-icp", "rules": {"geography": {"any_of": ["europe"]}}})
    save_profile(engine, theirs, workspace="globex", user=GIL)
    return World(url, ann, ann_read, bob, gil, org.id)


@pytest.fixture
def world(database_url: str) -> World:
    return seed(database_url)


class Client:
    """A synchronous httpx client of an ASGI app: each call runs on one event loop, in
    process, through the app's middleware and exception handlers as a server would."""

    def __init__(self, app: FastAPI) -> None:
        self._runner = asyncio.Runner()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        self._client = httpx.AsyncClient(transport=transport, base_url="http://testserver")

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        return self._runner.run(self._client.request(method, url, **options))

    def get(self, url: str, **options: Any) -> httpx.Response:
        return self.request("GET", url, **options)

    def post(self, url: str, **options: Any) -> httpx.Response:
        return self.request("POST", url, **options)

    def close(self) -> None:
        self._runner.run(self._client.aclose())
        self._runner.close()


@pytest.fixture
def client(world: World) -> Iterator[Client]:
    """A client of the app over the seeded store."""
    api = Client(create_app(world.url))
    try:
        yield api
    finally:
        api.close()
