"""Settings from the environment (prefix ``LEADSIEVE_``), read once when first asked for.

Never read at import: ``get_settings()`` builds them on first use and tests clear its cache.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from leadsieve.errors import InvalidValue

DEFAULT_DATABASE_URL = "sqlite:///./leadsieve.db"

#: Credits are exact decimals with at most this many places: the ledger stores whole
#: micro-credits (``store.tables.CreditEntry.amount``), so a finer amount could not be kept.
CREDIT_PLACES = 6
#: The most credits one amount (a price, a grant) may be: far above any real use, and small
#: enough that the ledger's 64-bit integers hold it in micro-credits many times over.
MAX_CREDITS = Decimal(10**12)


def parse_credits(value: object, *, what: str, fix: str, allow_zero: bool = False) -> Decimal:
    """``value`` (a number or its text) as an exact amount of credits: finite, not negative
    (not zero either unless ``allow_zero``), at most ``MAX_CREDITS``, and with at most
    ``CREDIT_PLACES`` decimals. Otherwise ``InvalidValue`` naming ``what`` and saying ``fix``."""
    shown = value.strip() if isinstance(value, str) else value
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise InvalidValue(f"{what} must be a number, not {shown!r}; {fix}")
    try:
        amount = Decimal(str(shown))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise InvalidValue(f"{what} must be a number, not {shown!r}; {fix}")
    if amount < 0 or (amount == 0 and not allow_zero):
        least = "0 or more" if allow_zero else "more than 0"
        raise InvalidValue(f"{what} must be {least}, not {shown}; {fix}")
    if amount > MAX_CREDITS:
        raise InvalidValue(f"{what} must be at most {MAX_CREDITS:,}, not {shown}; {fix}")
    quantum = Decimal(1).scaleb(-CREDIT_PLACES)
    if amount != amount.quantize(quantum):
        raise InvalidValue(
            f"{what} has more than {CREDIT_PLACES} decimals ({shown}): credits are counted in "
            f"millionths; {fix}"
        )
    # one spelling per amount, through whole micro-credits: 0.50 and 5E-1 are 0.5, -0 is 0
    return Decimal(int(amount.scaleb(CREDIT_PLACES))) / Decimal(10) ** CREDIT_PLACES


class Settings(BaseSettings):
    """What a deployment sets; every field has the development default."""

    model_config = SettingsConfigDict(env_prefix="LEADSIEVE_", extra="ignore")

    #: SQLAlchemy URL: a SQLite file by default, ``postgresql://user@host/db`` in production.
    database_url: str = DEFAULT_DATABASE_URL
    #: The email of the user the CLI acts as (author of ICP versions, owner of private ones);
    #: unset, the CLI acts as no one in particular.
    user: str | None = None
    #: Credits one scored row costs, taken from the workspace's balance; 0 makes scoring free.
    price_per_row: Decimal = Decimal("0.5")

    @field_validator("price_per_row", mode="before")
    @classmethod
    def _price_per_row(cls, value: object) -> Decimal:
        # InvalidValue, not ValueError: pydantic lets it through as it is, so a bad price is
        # INVALID_VALUE with a hint wherever the settings are read, never a ValidationError
        return parse_credits(
            value,
            what="LEADSIEVE_PRICE_PER_ROW",
            fix="set it to the credits one scored row costs, such as 0.5 (0 makes scoring free)",
            allow_zero=True,
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings (cached; ``get_settings.cache_clear()`` re-reads them)."""
    return Settings()
