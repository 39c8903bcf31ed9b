"""The digest of a plan's inputs: what an approver signs.

A signature must survive anything that does not change what the plan says (key order,
comments, whitespace, ``1`` written as ``1.0``) and must break on any change of an input
value. So the digest is taken over a canonical serialisation of `plan_dict(plan)` (the
inputs as the writer would write them, whole numbers already as integers) and never over
the file's bytes:

- JSON, keys sorted, no whitespace (``separators=(",", ":")``), UTF-8 without escaping;
- floats as Python's shortest round-trip ``repr``; dates as ISO ``YYYY-MM-DD``;
- ``[requirements]`` (derived, recomputed on load), ``[actuals]`` (what the CRM said:
  the snapshots of the actuals' refreshes) and ``[signoff]`` (the signatures
  themselves) are left out.

Other systems can recompute the digest from the TOML file with any parser by following
the same rules on the input tables.

`part_digests` says which parts of the inputs a signature covered, so that a later check
can say *what* changed: for every top-level input section, the first 16 hex digits of the
SHA-256 of its canonical JSON; a section that is an array of tables with ``id`` keys
(``stages``, ``sources``) gives one part for the list of its ids in order (``stages``) and
one per entry (``stages.mql``). Sections added by later versions are covered the same way.
One more part, ``signoff.required``, covers the roles that must sign (sorted): it is not an
input, but a signature holds only for the roles its signer saw (`domain.signoff`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from alignplanner.contract.write.values import rfc3339
from alignplanner.contract.writer import plan_dict
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.wording import REQUIRED_PART

__all__ = [
    "DERIVED_SECTIONS", "PART_DIGEST_LENGTH", "canonical_inputs", "canonical_json", "digest",
    "inputs_dict", "part_digests",
]

DERIVED_SECTIONS = ("requirements", "signoff", "actuals")
"""Top-level sections that are not inputs and so are not part of the digest."""


def canonical_json(value: Any) -> bytes:
    """``value`` as canonical JSON bytes (sorted keys, no whitespace, dates ISO)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
        default=_iso,
    ).encode("utf-8")


PART_DIGEST_LENGTH = 16


def inputs_dict(plan: Plan) -> dict[str, Any]:
    """`plan_dict` without the sections that are not inputs."""
    doc = plan_dict(plan)
    for key in DERIVED_SECTIONS:
        doc.pop(key, None)
    return doc


def canonical_inputs(plan: Plan) -> bytes:
    """Every input of ``plan``, canonically serialised (see the module docstring)."""
    return canonical_json(inputs_dict(plan))


def part_digests(plan: Plan) -> dict[str, str]:
    """The short digest of each part of the inputs (see the module docstring)."""
    out: dict[str, str] = {}
    for key, value in inputs_dict(plan).items():
        if _is_id_list(value):
            out[key] = _short([item["id"] for item in value])
            for item in value:
                out[f"{key}.{item['id']}"] = _short(item)
        else:
            out[key] = _short(value)
    out[REQUIRED_PART] = _short(sorted(plan.signoff.required))
    return out


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)


def _short(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()[:PART_DIGEST_LENGTH]


def digest(plan: Plan) -> str:
    """``"sha256:"`` + the hex SHA-256 of `canonical_inputs`."""
    return "sha256:" + hashlib.sha256(canonical_inputs(plan)).hexdigest()


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
