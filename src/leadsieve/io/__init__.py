"""Reading and writing lead files, and mapping their columns onto canonical names."""

from leadsieve.io.mapping import (
    ColumnMapping,
    canonical_frame,
    parse_map_overrides,
    require_usable,
    suggest_mapping,
)
from leadsieve.io.read import LINE_COLUMN, LeadFile, Reject, iter_lead_batches, read_leads
from leadsieve.io.write import LeadWriter, write_leads, write_rejects

__all__ = [
    "LINE_COLUMN",
    "ColumnMapping",
    "LeadFile",
    "LeadWriter",
    "Reject",
    "canonical_frame",
    "iter_lead_batches",
    "parse_map_overrides",
    "read_leads",
    "require_usable",
    "suggest_mapping",
    "write_leads",
    "write_rejects",
]
