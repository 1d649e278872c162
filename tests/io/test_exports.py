"""The public API of ``leadsieve.io`` is pinned."""

from __future__ import annotations

import leadsieve.io


def test_exported_members() -> None:
    """Exactly these names are exported, and each exists."""
    assert sorted(leadsieve.io.__all__) == sorted(
        [
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
    )
    for name in leadsieve.io.__all__:
        assert getattr(leadsieve.io, name) is not None
