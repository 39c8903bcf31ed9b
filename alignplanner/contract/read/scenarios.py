"""The ``[[scenarios]]`` section: type-checked into `Scenarios`, and a variant's overrides
applied on the base plan's own file shape.

Each entry has a ``name``, an optional ``description``, ``agreed = true`` on at most one,
and ``set``, a table of dotted key paths to values: ``"stages.sql.conversion" = 0.3``. A
path's list part names an entry by its id (``stages``, ``sources``, ``roles``, ``slas``);
the rest are table keys. A path must reach a key the base has, or one its table allows
(the variant's plan is checked by the same reader as the base).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import partial
from typing import Any

from alignplanner.contract.read.checks import Checker, array_of_tables, kind_of
from alignplanner.domain.problems import Path, PlanInvalid, Problem
from alignplanner.domain.scenarios.scenario import Scenario, Scenarios

KEYS = ("name", "description", "agreed", "set")
LISTS_BY_ID = ("stages", "sources", "roles", "slas")
_EXAMPLE = 'name = "Hire 2 SDRs" and set = { "roles.sdr.headcount" = 4 }'


def scenarios_of(raw: Mapping[str, Any], c: Checker) -> Scenarios:
    """The scenarios of ``raw`` (none when the section is absent: older files)."""
    variants: list[Scenario] = []
    agreed: list[tuple[Path, str]] = []
    for p, entry in array_of_tables(raw, "scenarios", c, required=False, example=_EXAMPLE):
        c.keys(entry, p, KEYS)
        name = c.text(entry, "name", p, required=True)
        description = c.text(entry, "description", p)
        overrides = entry.get("set", {})
        if not isinstance(overrides, dict):
            c.add((*p, "set"), 'must be a table of key paths to values such as '
                  f'{{ "stages.sql.conversion" = 0.3 }}, got {kind_of(overrides)}')
            overrides = {}
        flag = entry.get("agreed", False)
        if not isinstance(flag, bool):
            c.add((*p, "agreed"), f"must be true or false, got {kind_of(flag)}")
        elif flag:
            agreed.append((p, name))
        made = c.build(p, partial(Scenario, name, overrides, description))
        if made is not None:
            variants.append(made)
    for p, _ in agreed[1:]:
        c.add((*p, "agreed"), f"only one scenario can be agreed; {agreed[0][1]!r} already is")
    made_all = c.build((), lambda: Scenarios(tuple(variants), agreed[0][1] if agreed else ""))
    return made_all if made_all is not None else Scenarios()


def apply(base: Mapping[str, Any], scenario: Scenario) -> dict[str, Any]:
    """A deep copy of the plan dict ``base`` with the overrides of ``scenario`` set;
    PlanInvalid naming each override (``set.<key>``) whose path does not reach a table."""
    out = copy.deepcopy(dict(base))
    problems: list[Problem] = []
    for key, value in scenario.overrides.items():
        where = _parent(out, key.split("."))
        if isinstance(where, str):
            problems.append(Problem(("set", key), where))
        else:
            table, leaf = where
            table[leaf] = copy.deepcopy(value)
    if problems:
        raise PlanInvalid(problems)
    return out


def _parent(doc: dict[str, Any], parts: list[str]) -> tuple[dict[str, Any], str] | str:
    """The table that holds the last part of ``parts``, or why there is none."""
    table: Any = doc
    i = 0
    while i < len(parts) - 1:
        part = parts[i]
        if part in LISTS_BY_ID and table is doc:
            entries = table.get(part, [])
            wanted = parts[i + 1]
            found = [e for e in entries if isinstance(e, dict) and e.get("id") == wanted]
            if not found:
                ids = ", ".join(str(e.get("id")) for e in entries if isinstance(e, dict))
                return (f"the base plan has no {part[:-1]} {wanted!r} (was it deleted or "
                        f"renamed?); its {part} are: {ids or 'none'}")
            if i + 2 > len(parts) - 1:
                return f"names a whole {part[:-1]}; add the key to change, such as " \
                       f"'{part}.{wanted}.{_example_key(part)}'"
            table, i = found[0], i + 2
            continue
        nxt = table.get(part) if isinstance(table, dict) else None
        if nxt is None:
            nxt = {}
            table[part] = nxt
        if not isinstance(nxt, dict):
            return f"{'.'.join(parts[:i + 1])!r} is a value, not a table"
        table, i = nxt, i + 1
    if not isinstance(table, dict):
        return f"{'.'.join(parts[:-1])!r} is not a table"
    return table, parts[-1]


def _example_key(part: str) -> str:
    return {"stages": "conversion", "sources": "share", "roles": "headcount"}.get(part, "name")


__all__ = ["KEYS", "LISTS_BY_ID", "apply", "scenarios_of"]
