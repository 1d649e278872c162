"""The scoring engine: ICP rules as narwhals expressions over normalized lead columns."""

from leadsieve.engine.columns import FIT_COLUMNS
from leadsieve.engine.score import fit_frame, plan, score

__all__ = ["FIT_COLUMNS", "fit_frame", "plan", "score"]
