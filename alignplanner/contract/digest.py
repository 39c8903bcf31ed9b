"""The digest of a plan's inputs: what an approver signs.

A signature must survive anything that does not change what the plan says (key order,
comments, whitespace, ``1`` written as ``1.0``) and must break on any change of an input
value. So the digest is taken over a canonical serialisation of `plan_dict(plan)` (the
inputs as the writer would write them, whole numbers already as integers) and never over
the file's bytes:

- JSON, keys sorted, no whitespace (``separators=(",", ":")``), UTF-8 without escaping;
- floats as Python's shortest round-trip ``repr``; dates as ISO ``YYYY-MM-DD``;
- ``[requirements]`` (derived, recomputed on load) and ``[signoff]`` (the signatures
  themselves) are left out.

Other systems can recompute the digest from the TOML file with any parser by following
the same rules on the input tables.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from alignplanner.contract.writer import plan_dict
from alignplanner.domain.model import Plan

__all__ = ["DERIVED_SECTIONS", "canonical_inputs", "canonical_json", "digest"]

DERIVED_SECTIONS = ("requirements", "signoff")
"""Top-level sections that are not inputs and so are not part of the digest."""


def canonical_json(value: Any) -> bytes:
    """``value`` as canonical JSON bytes (sorted keys, no whitespace, dates ISO)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
        default=_iso,
    ).encode("utf-8")


def canonical_inputs(plan: Plan) -> bytes:
    """Every input of ``plan``, canonically serialised (see the module docstring)."""
    doc = plan_dict(plan)
    for key in DERIVED_SECTIONS:
        doc.pop(key, None)
    return canonical_json(doc)


def digest(plan: Plan) -> str:
    """``"sha256:"`` + the hex SHA-256 of `canonical_inputs`."""
    return "sha256:" + hashlib.sha256(canonical_inputs(plan)).hexdigest()


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
