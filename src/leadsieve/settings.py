"""Settings from the environment (prefix ``LEADSIEVE_``), read once when first asked for.

Never read at import: ``get_settings()`` builds them on first use and tests clear its cache.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./leadsieve.db"


class Settings(BaseSettings):
    """What a deployment sets; every field has the development default."""

    model_config = SettingsConfigDict(env_prefix="LEADSIEVE_", extra="ignore")

    #: SQLAlchemy URL: a SQLite file by default, ``postgresql://user@host/db`` in production.
    database_url: str = DEFAULT_DATABASE_URL
    #: The email of the user the CLI acts as (author of ICP versions, owner of private ones);
    #: unset, the CLI acts as no one in particular.
    user: str | None = None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings (cached; ``get_settings.cache_clear()`` re-reads them)."""
    return Settings()
