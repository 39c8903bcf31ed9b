"""Plan + result -> the plan file (TOML), in one canonical form.

The layout is fixed so that saving an unchanged plan gives the same bytes:
``format`` and ``version`` first, then ``[plan]``, ``[target]``, ``[[stages]]``,
``[[sources]]``, ``[pipeline]``, ``[calendar]``, ``[[roles]]``, ``[[slas]]`` (`write_ops`)
and ``[requirements]`` last, keys in the order of the
contract. Values are formatted by tomli-w; this module only decides the layout (tables,
arrays of tables, and one-line inline tables for small maps such as ``recycle``).

- Input numbers that are whole are written as integers (``revenue = 12000000``, not
  ``12000000.0``); other floats at full precision (shortest repr that reads back exactly).
- Optional fields are left out when they have their default value or are empty;
  ``currency``, ``rounding`` and ``owner`` are always written, so a consumer never needs
  to know the defaults.
- ``[[sources]]`` is written only for declared sources (not the implicit one).
- NaN and infinity are never written: ValueError instead.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import tomli_w

from alignplanner.contract import migrations, write_ops
from alignplanner.contract.atomic import atomic_write_text
from alignplanner.contract.requirements import check_finite, requirements_dict
from alignplanner.contract.write_agreement import agreement_dict, rfc3339, stage_agreement
from alignplanner.domain.model import Plan, Stage
from alignplanner.domain.results import Result

__all__ = ["FORMAT", "dump", "dumps", "plan_dict"]

FORMAT = "alignplanner.plan"
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_LINE_LENGTH = 100
_WHOLE_LIMIT = 2.0**53  # above this a float's integer value is no longer exact
_PLAIN = frozenset({int, float, date})  # tomli-w writes these as str(value)


def dumps(plan: Plan, result: Result) -> str:
    """The plan file for ``plan`` with ``result`` as its `[requirements]`."""
    if tuple(s.id for s in result.stages) != plan.stage_ids:
        raise ValueError("the result does not belong to this plan (its stages differ)")
    doc = plan_dict(plan)
    doc["requirements"] = requirements_dict(result)
    check_finite(doc, ())
    chunks: list[str] = []
    _emit_table(chunks, "", doc, array=False)
    return "".join(chunks)


def dump(path: str | os.PathLike[str], plan: Plan, result: Result) -> None:
    """Write the plan file for ``plan`` and ``result`` to ``path`` atomically."""
    atomic_write_text(path, dumps(plan, result))


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The input part of the plan file as a dict in file order (no `[requirements]`)."""
    settings: dict[str, Any] = {
        "name": plan.name,
        "currency": plan.currency,
        "start": plan.start,
        "months": plan.months,
        "rounding": plan.rounding,
    }
    if plan.description:
        settings["description"] = plan.description
    if plan.rates_source:
        settings["rates_source"] = plan.rates_source

    target = plan.target
    target_out: dict[str, Any] = {
        "revenue": _num(target.revenue),
        "average_deal_size": _num(target.average_deal_size),
    }
    if target.monthly_weights is not None:
        target_out["monthly_weights"] = [_num(v) for v in target.monthly_weights]
    if target.monthly_revenue is not None:
        target_out["monthly_revenue"] = [_num(v) for v in target.monthly_revenue]
    if target.growth != 0:
        target_out["growth"] = _num(target.growth)
    if target.continuation != "repeat":
        target_out["continuation"] = target.continuation

    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": migrations.CURRENT_VERSION,
        "plan": settings,
        "target": target_out,
        "stages": [_stage(s) for s in plan.stages],
    }
    if plan.sources:
        doc["sources"] = [
            _drop_empty({
                "id": s.id,
                "name": s.name,
                "enters": s.enters,
                "share": _num(s.share),
                "average_deal_size": _opt_num(s.average_deal_size),
                "conversion_overrides": {k: _num(v) for k, v in s.conversion_overrides.items()},
            })
            for s in plan.sources
        ]
    if plan.pipeline.existing:
        doc["pipeline"] = {"existing": {k: _num(v) for k, v in plan.pipeline.existing.items()}}
    doc.update(write_ops.plan_values(plan))
    doc.update(agreement_dict(plan, _num))  # agreement (issue 5): scoring, signoff
    return doc


def _stage(stage: Stage) -> dict[str, Any]:
    recycle: dict[str, Any] | None = None
    if stage.recycle is not None:
        recycle = {"to": stage.recycle.to, "share": _num(stage.recycle.share)}
        if stage.recycle.after_days:
            recycle["after_days"] = _num(stage.recycle.after_days)
    return _drop_empty({
        "id": stage.id,
        "name": stage.name,
        "owner": stage.owner,
        "conversion": _opt_num(stage.conversion),
        "days": _opt_num(stage.days),
        "recycle": recycle,
        "definition": stage.definition,
        "entry_criteria": stage.entry_criteria,
        "exit_criteria": stage.exit_criteria,
        **write_ops.stage_values(stage),
        **stage_agreement(stage),  # agreement (issue 5): crm
    })


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v not in ("", {})}


def _num(value: float) -> int | float:
    """A whole input number as an int (``12000000``), any other as the float it is."""
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"refusing to write {x}: not a finite number")
    if x.is_integer() and abs(x) < _WHOLE_LIMIT:
        return int(x)
    return x


def _opt_num(value: float | None) -> int | float | None:
    return None if value is None else _num(value)


# -- layout -----------------------------------------------------------------------------


def _key(key: str) -> str:
    if key and _BARE.issuperset(key):
        return key
    return _value(key)


def _value(value: object) -> str:
    """One value formatted by tomli-w (``x = `` is four characters); date-times in RFC 3339
    form with a T (and Z for UTC), as the sign-off's ``signed_at`` is documented. Numbers
    and dates, most of the values of a plan with roles and SLAs, are written as tomli-w
    writes them (``str(value)``) without the round trip through it."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return rfc3339(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if type(value) in _PLAIN:
        return str(value)
    return tomli_w.dumps({"x": value})[4:].rstrip("\n")


def _line(key: str, value: object) -> str:
    """``key = value``: a map as a one-line inline table; a list of plain values on one line
    when that fits in `_LINE_LENGTH`, else one value per line (tomli-w's layout)."""
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return f"{_key(key)} = {{ {inner} }}\n" if inner else f"{_key(key)} = {{}}\n"
    if isinstance(value, list) and value and not any(isinstance(v, Mapping | list) for v in value):
        short = f"{_key(key)} = [{', '.join(_value(v) for v in value)}]"
        if len(short) <= _LINE_LENGTH:
            return short + "\n"
    return f"{_key(key)} = {_value(value)}\n"


def _is_flat(value: Mapping[str, Any]) -> bool:
    return not any(isinstance(v, Mapping | list) for v in value.values())


def _emit_table(chunks: list[str], name: str, table: Mapping[str, Any], *, array: bool) -> None:
    """Append ``table`` under header ``name``: its values first, then its sub-tables.

    Inside a table, a map of plain values becomes a one-line inline table, a non-empty
    list of maps an array of tables, and any other map a sub-table.
    """
    if name:
        chunks.append(f"[[{name}]]\n" if array else f"[{name}]\n")
    later: list[tuple[str, Any, bool]] = []
    for key, value in table.items():
        if isinstance(value, Mapping) and (not name or not _is_flat(value)):
            later.append((key, value, False))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            later.extend((key, item, True) for item in value)
        else:
            chunks.append(_line(key, value))
    for key, value, is_array in later:
        if chunks:
            chunks.append("\n")
        child = f"{name}.{_key(key)}" if name else _key(key)
        _emit_table(chunks, child, value, array=is_array)
