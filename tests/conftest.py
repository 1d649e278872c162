"""Fixtures shared by every test package."""

from tests.store_backends import database_url

__all__ = ["database_url"]
