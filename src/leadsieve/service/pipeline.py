"""A sales board apart from the store: the default stages, the values the board service
returns, amounts of money in whole millionths, probabilities in basis points, and the
stage-weighted forecast.

Nothing here reads a database or a clock. Amounts are exact: a deal's value is kept as whole
millionths of its currency and a stage's probability as whole basis points, so the forecast
(Σ amount × probability) is an integer sum divided once, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Literal, Protocol, TypeVar

from leadsieve.errors import InvalidValue

#: Amounts are kept in millionths of their currency (``Pursuit.amount_micro``).
AMOUNT_PLACES = 6
MICRO = 10**AMOUNT_PLACES
#: Probabilities are kept in basis points (``BoardStage.probability_bp``): 10,000 is certain.
BASIS_POINTS = 10_000
#: The largest deal a pursuit may carry: far above any real one, far below a BIGINT's limit.
MAX_AMOUNT = Decimal(10**12)
DEFAULT_CURRENCY = "USD"

_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class StageSpec:
    """A stage as a new board gets it: ``probability`` is 0..1."""

    key: str
    label: str
    probability: Decimal
    closed: bool = False
    won: bool = False


#: The stages of a new board, in order. ``won`` and ``lost`` close a pursuit.
DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("inbox", "Inbox", Decimal(0)),
    StageSpec("researching", "Researching", Decimal("0.05")),
    StageSpec("qualified", "Qualified", Decimal("0.1")),
    StageSpec("contacted", "Contacted", Decimal("0.2")),
    StageSpec("meeting", "Meeting", Decimal("0.3")),
    StageSpec("proposal", "Proposal", Decimal("0.5")),
    StageSpec("negotiation", "Negotiation", Decimal("0.7")),
    StageSpec("won", "Won", Decimal(1), closed=True, won=True),
    StageSpec("lost", "Lost", Decimal(0), closed=True, won=False),
)

#: An amount per currency: a forecast never adds dollars to euros.
Money = dict[str, Decimal]
OpenStatus = Literal["opened", "already_open"]


# --- what the board service returns --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stage:
    """A board's stage: ``probability`` 0..1; a ``closed`` stage closes a pursuit moved to it."""

    key: str
    label: str
    position: int
    probability: Decimal
    closed: bool
    won: bool


@dataclass(frozen=True, slots=True)
class BoardSummary:
    """A board with its number of stages and of open pursuits."""

    id: int
    name: str
    stages: int
    open_pursuits: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PursuitInfo:
    """A pursuit as stored: ``amount`` exact (None: unknown), ``contacts`` their ids,
    ``owner`` an email; ``won`` is None while it is open."""

    id: int
    board: str
    organization_id: int
    organization: str | None
    domain: str | None
    stage: str
    stage_label: str
    owner: str | None
    amount: Decimal | None
    currency: str | None
    source: str | None
    icp_profile_id: int | None
    icp_version: int | None
    fit_score: int | None
    contacts: tuple[int, ...]
    opened_at: datetime
    closed_at: datetime | None
    won: bool | None
    close_reason: str | None


@dataclass(frozen=True, slots=True)
class Opening:
    """What ``open_pursuit`` did: ``opened`` a new pursuit or found it ``already_open``, and how
    many of the named contacts were new on it."""

    status: OpenStatus
    pursuit: PursuitInfo
    contacts_added: int


@dataclass(frozen=True, slots=True)
class Moved:
    """A pursuit after a move or close: from which stage to which (``moved`` False when it was
    at that stage already and nothing changed)."""

    pursuit: PursuitInfo
    from_stage: str
    to_stage: str
    moved: bool


@dataclass(frozen=True, slots=True)
class Move:
    """One step of a pursuit's stage history (``from_stage`` None: the opening)."""

    from_stage: str | None
    to_stage: str
    user: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Card:
    """An open pursuit on a board: ``weighted`` is amount × the stage's probability."""

    id: int
    organization_id: int
    organization: str | None
    domain: str | None
    amount: Decimal | None
    currency: str | None
    weighted: Decimal | None
    owner: str | None
    contacts: int
    opened_at: datetime


@dataclass(frozen=True, slots=True)
class Column:
    """A stage with its open pursuits, their forecast per currency, and how many pursuits were
    closed at it (won or lost)."""

    stage: Stage
    pursuits: list[Card]
    forecast: Money
    closed_pursuits: int


@dataclass(frozen=True, slots=True)
class BoardView:
    """A board: its stages in order, each with its open pursuits, and the total forecast."""

    id: int
    name: str
    columns: list[Column]
    forecast: Money


# --- stages --------------------------------------------------------------------------------


class StageRow(Protocol):
    """What stage lookups read of a stage (a stored ``BoardStage`` or a ``Stage``)."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    @property
    def won(self) -> bool: ...


S = TypeVar("S", bound=StageRow)


def find_stage(stages: Sequence[S], wanted: str, *, board: str) -> S:
    """The stage ``wanted`` names: a key, else a label, in any case; ``InvalidValue`` naming
    the board's stages otherwise."""
    name = wanted.strip().casefold()
    found = next((s for s in stages if s.key.casefold() == name), None)
    found = found or next((s for s in stages if s.label.casefold() == name), None)
    if found is None:
        keys = ", ".join(s.key for s in stages)
        raise InvalidValue(
            f"board {board!r} has no stage {wanted!r} (stages: {keys}); nothing was changed"
        )
    return found


def opening_stage(stages: Sequence[S], wanted: str | None, *, board: str) -> S:
    """Where a pursuit opens: the open stage ``wanted`` names, or the board's first open one."""
    open_ = [s for s in stages if not s.closed]
    if not open_:
        raise InvalidValue(f"board {board!r} has no open stage to open a pursuit at")
    if wanted is None:
        return open_[0]
    found = find_stage(stages, wanted, board=board)
    if found.closed:
        keys = ", ".join(s.key for s in open_)
        raise InvalidValue(
            f"a pursuit opens at an open stage of board {board!r} ({keys}), not at {wanted!r}; "
            "nothing was opened"
        )
    return found


def closing_stage(stages: Sequence[S], *, won: bool, board: str) -> S:
    """The board's first stage that closes a pursuit as won (or lost)."""
    found = next((s for s in stages if s.closed and s.won == won), None)
    if found is None:
        outcome = "won" if won else "lost"
        raise InvalidValue(f"board {board!r} has no {outcome} stage to close a pursuit at")
    return found


# --- money ---------------------------------------------------------------------------------


def to_basis_points(probability: Decimal) -> int:
    """A probability 0..1 (at most 4 decimals) as whole basis points."""
    points = probability * BASIS_POINTS
    if not 0 <= points <= BASIS_POINTS or points != points.to_integral_value():
        raise InvalidValue(
            f"a stage probability is 0 to 1 with at most 4 decimals, not {probability}"
        )
    return int(points)


def from_basis_points(points: int) -> Decimal:
    """Whole basis points as a probability 0..1 in its shortest spelling (0.05, not 0.0500)."""
    return _short(Decimal(points) / BASIS_POINTS)


def parse_amount(value: object) -> Decimal:
    """``value`` (a number or its text) as an exact amount of money: finite, 0 or more, at most
    ``MAX_AMOUNT``, at most 6 decimals; ``InvalidValue`` saying what to do otherwise."""
    fix = "give the deal's value as a plain number such as 12000 or 12000.50"
    shown = value.strip() if isinstance(value, str) else value
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise InvalidValue(f"an amount must be a number, not {shown!r}; {fix}")
    try:
        amount = Decimal(str(shown))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or "_" in str(shown):  # Decimal reads 1_000 as 1000
        raise InvalidValue(f"an amount must be a number, not {shown!r}; {fix}")
    if amount < 0:
        raise InvalidValue(f"an amount must be 0 or more, not {shown}; {fix}")
    if amount > MAX_AMOUNT:
        raise InvalidValue(f"an amount must be at most {MAX_AMOUNT:,}, not {shown}; {fix}")
    if amount != amount.quantize(Decimal(1).scaleb(-AMOUNT_PLACES)):
        raise InvalidValue(f"an amount has at most {AMOUNT_PLACES} decimals, not {shown}; {fix}")
    return from_micro(to_micro(amount))


def to_micro(amount: Decimal) -> int:
    """An amount (at most 6 decimals) as whole millionths."""
    return int(amount.scaleb(AMOUNT_PLACES))


def from_micro(micro: int) -> Decimal:
    """Whole millionths as an amount in its shortest spelling (1200.5, not 1200.500000)."""
    return _short(Decimal(micro) / MICRO)


def parse_currency(value: str | None, *, amount: bool) -> str | None:
    """An ISO 4217 code in capitals (``usd`` -> ``USD``); unnamed, ``USD`` for an amount and
    None without one."""
    if value is None or not value.strip():
        return DEFAULT_CURRENCY if amount else None
    code = value.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise InvalidValue(
            f"a currency is a three-letter ISO 4217 code such as USD, EUR or SEK, not {value!r}"
        )
    return code


def forecast(pursuits: Iterable[tuple[str | None, int | None, int]]) -> Money:
    """The stage-weighted forecast of open pursuits, per currency: Σ amount × probability
    over (currency, amount in millionths, probability in basis points). A pursuit without an
    amount adds nothing; a currency with pursuits appears even when its sum is 0."""
    sums: dict[str, int] = {}
    for currency, micro, points in pursuits:
        if micro is None:
            continue
        code = currency or DEFAULT_CURRENCY
        sums[code] = sums.get(code, 0) + micro * points
    return {
        code: _short(Decimal(total) / (MICRO * BASIS_POINTS))
        for code, total in sorted(sums.items())
    }


def add(*amounts: Money) -> Money:
    """The per-currency sum of several amounts."""
    total: dict[str, Decimal] = {}
    for money in amounts:
        for code, value in money.items():
            total[code] = total.get(code, Decimal(0)) + value
    return {code: _short(value) for code, value in sorted(total.items())}


def _short(value: Decimal) -> Decimal:
    """The shortest spelling of an exact value: 5 (not 5.0000 or 5E+1), 0.05, 1200.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
