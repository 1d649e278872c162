"""Errors a user can cause, each with a stable ``code``.

The tree::

    LeadsieveError
    ├── IcpError
    │   ├── IcpInvalid              ICP_INVALID: the document breaks the schema (all problems)
    │   ├── IcpNotFound             ICP_NOT_FOUND: no ICP file or profile by that name
    │   ├── SalesIcpAmbiguous       SALES_ICP_AMBIGUOUS: several ICPs and none named (slugs listed)
    │   └── NothingToPropose        ICP_NOTHING_TO_PROPOSE: the customers give no rule to propose
    ├── LeadFileError
    │   ├── LeadFileNotFound        LEAD_FILE_NOT_FOUND: the path does not exist
    │   ├── LeadFileUnreadable      LEAD_FILE_UNREADABLE: empty, binary, or not a format we read
    │   ├── LeadFileNoRows          LEAD_FILE_NO_ROWS: a header but no data rows
    │   ├── LeadFileAllRejected     LEAD_FILE_ALL_REJECTED: every row was rejected (reasons kept)
    │   ├── ColumnMappingInvalid    COLUMN_MAPPING_INVALID: a --map entry names no column/target
    │   ├── ColumnMappingAmbiguous  COLUMN_MAPPING_AMBIGUOUS: two columns claim one field
    │   └── NoUsableColumns         LEAD_FILE_NO_USABLE_COLUMNS: nothing maps to a scored field
    ├── OutputUnwritable            OUTPUT_UNWRITABLE: the output path cannot be written
    ├── InvalidArgument             INVALID_ARGUMENT: a library call's argument cannot be used
    └── StoreError
        ├── NotFound                NOT_FOUND: no such record (the message names what exists)
        │   ├── WorkspaceNotFound   WORKSPACE_NOT_FOUND
        │   ├── ListNotFound        LIST_NOT_FOUND
        │   ├── BoardNotFound       BOARD_NOT_FOUND
        │   └── PursuitNotFound     PURSUIT_NOT_FOUND
        ├── WorkspaceAmbiguous      WORKSPACE_AMBIGUOUS: several workspaces and none named
        ├── AlreadyExists           ALREADY_EXISTS: a record with that name or key exists
        ├── InvalidValue            INVALID_VALUE: a value the store refuses (a role, a scope)
        ├── InsufficientCredits     INSUFFICIENT_CREDITS: the balance does not cover a charge
        ├── PursuitClosed           PURSUIT_CLOSED: the pursuit is closed; it cannot move or close
        ├── JobRunning              JOB_RUNNING: the job is running now in another process
        ├── StoreUnavailable        STORE_UNAVAILABLE: the database cannot be reached or opened
        └── Forbidden               FORBIDDEN: the record is not yours to see or change

Every error carries a message that says what is wrong and what to do. HTTP status codes and
exit codes are mapped at the edges (cli, api), never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem inside a document or file: where it is, what is wrong, and a hint."""

    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        return f"{text} ({self.hint})" if self.hint else text


class LeadsieveError(Exception):
    """Base of every error a user can cause."""

    code = "LEADSIEVE_ERROR"

    def __init__(self, message: str, *, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message, *(f"  - {p}" for p in self.problems)]
        return "\n".join(lines)


class IcpError(LeadsieveError):
    """A problem with an ICP document or profile."""

    code = "ICP_ERROR"


class IcpInvalid(IcpError):
    """The ICP document breaks the schema; ``problems`` lists every violation with its path."""

    code = "ICP_INVALID"


class IcpNotFound(IcpError):
    """No ICP file or stored profile by that name."""

    code = "ICP_NOT_FOUND"


class SalesIcpAmbiguous(IcpError):
    """Several ICP profiles could score the leads and none was named; the message lists them."""

    code = "SALES_ICP_AMBIGUOUS"


class NothingToPropose(IcpError):
    """The customers support no rule: all unknown, too few, or no different from the baseline."""

    code = "ICP_NOTHING_TO_PROPOSE"


class LeadFileError(LeadsieveError):
    """A problem with a lead file as a whole (a bad row is a rejection, not an error)."""

    code = "LEAD_FILE_ERROR"


class LeadFileNotFound(LeadFileError):
    """The lead file path does not exist."""

    code = "LEAD_FILE_NOT_FOUND"


class LeadFileUnreadable(LeadFileError):
    """The file is empty, binary, or in a format leadsieve does not read."""

    code = "LEAD_FILE_UNREADABLE"


class LeadFileNoRows(LeadFileError):
    """The file has a header but no data rows."""

    code = "LEAD_FILE_NO_ROWS"


class LeadFileAllRejected(LeadFileError):
    """Every data row of the file was rejected; the rejects file says why, row by row."""

    code = "LEAD_FILE_ALL_REJECTED"


class ColumnMappingInvalid(LeadFileError):
    """A ``--map`` entry names a column the file lacks or a target that does not exist."""

    code = "COLUMN_MAPPING_INVALID"


class ColumnMappingAmbiguous(LeadFileError):
    """Several columns claim the same canonical field and none is clearly best."""

    code = "COLUMN_MAPPING_AMBIGUOUS"


class NoUsableColumns(LeadFileError):
    """No column of the file maps to a field any rule can use."""

    code = "LEAD_FILE_NO_USABLE_COLUMNS"


class OutputUnwritable(LeadsieveError):
    """The output path cannot be written (missing folder, no permission, unknown extension)."""

    code = "OUTPUT_UNWRITABLE"


class InvalidArgument(LeadsieveError):
    """An argument of a library call that cannot be used: no ICP, a grade that does not exist,
    a date that is no date, a frame of a kind leadsieve does not score."""

    code = "INVALID_ARGUMENT"


class StoreError(LeadsieveError):
    """A problem with stored records: missing, duplicated, ambiguous or not yours."""

    code = "STORE_ERROR"


class NotFound(StoreError):
    """No record by that name or id; the message names what exists."""

    code = "NOT_FOUND"


class WorkspaceNotFound(NotFound):
    """No workspace by that slug."""

    code = "WORKSPACE_NOT_FOUND"


class ListNotFound(NotFound):
    """No lead list by that name in the workspace."""

    code = "LIST_NOT_FOUND"


class BoardNotFound(NotFound):
    """No sales board by that name in the workspace."""

    code = "BOARD_NOT_FOUND"


class PursuitNotFound(NotFound):
    """No pursuit with that id in the workspace."""

    code = "PURSUIT_NOT_FOUND"


class WorkspaceAmbiguous(StoreError):
    """Several workspaces exist and none was named."""

    code = "WORKSPACE_AMBIGUOUS"


class AlreadyExists(StoreError):
    """A record with that unique name or key already exists."""

    code = "ALREADY_EXISTS"


class InvalidValue(StoreError):
    """A value the store refuses: an unknown role or scope, a malformed org number."""

    code = "INVALID_VALUE"


class InsufficientCredits(StoreError):
    """The workspace's credit balance does not cover a charge; ``required`` and ``available``
    say by how much (nothing was charged)."""

    code = "INSUFFICIENT_CREDITS"

    def __init__(self, message: str, *, required: Decimal, available: Decimal) -> None:
        super().__init__(message)
        self.required = required
        self.available = available


class PursuitClosed(StoreError):
    """The pursuit is closed (won or lost): it cannot be moved or closed again."""

    code = "PURSUIT_CLOSED"


class Forbidden(StoreError):
    """The record belongs to another workspace or user."""

    code = "FORBIDDEN"


class JobRunning(StoreError):
    """A job named again while its process still runs it (a second run would compete with it)."""

    code = "JOB_RUNNING"


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened (server down, wrong host, no permission)."""

    code = "STORE_UNAVAILABLE"
