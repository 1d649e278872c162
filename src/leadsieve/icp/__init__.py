"""The ICP model: rules as data, loaded from and dumped to YAML or JSON."""

from leadsieve.icp.document import dump_icp, icp_json_schema, load_icp, parse_icp, validate_icp
from leadsieve.icp.model import RULE_NAMES, Icp
from leadsieve.icp.starter import starter_icp

__all__ = [
    "RULE_NAMES",
    "Icp",
    "dump_icp",
    "icp_json_schema",
    "load_icp",
    "parse_icp",
    "starter_icp",
    "validate_icp",
]
