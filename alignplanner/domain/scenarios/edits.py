"""Pure edits of the scenarios: add, rename, duplicate, delete, agree, override."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alignplanner.domain.scenarios.scenario import BASE, Scenario, Scenarios


def add(scenarios: Scenarios, name: str) -> Scenarios:
    """A new variant with no overrides (it computes exactly as the base)."""
    return replace(scenarios, variants=(*scenarios.variants, Scenario(name)))


def rename(scenarios: Scenarios, old: str, new: str) -> Scenarios:
    _index(scenarios, old)
    variants = tuple(replace(s, name=new) if s.name == old else s for s in scenarios.variants)
    agreed = new if scenarios.agreed == old else scenarios.agreed
    return Scenarios(variants, agreed)


def duplicate(scenarios: Scenarios, name: str, copy: str) -> Scenarios:
    """A copy of ``name`` (the base: a variant with no overrides) called ``copy``."""
    source = scenarios.get(name)
    new = Scenario(copy) if source is None else replace(source, name=copy)
    return replace(scenarios, variants=(*scenarios.variants, new))


def delete(scenarios: Scenarios, name: str) -> Scenarios:
    i = _index(scenarios, name)
    variants = scenarios.variants[:i] + scenarios.variants[i + 1:]
    return Scenarios(variants, "" if scenarios.agreed == name else scenarios.agreed)


def agree(scenarios: Scenarios, name: str) -> Scenarios:
    """Make ``name`` (or the base) the agreed scenario."""
    if name == BASE:
        return replace(scenarios, agreed="")
    _index(scenarios, name)
    return replace(scenarios, agreed=name)


def override(scenarios: Scenarios, name: str, key: str, value: Any | None) -> Scenarios:
    """Set ``key`` in variant ``name`` to ``value``; None removes the override."""
    i = _index(scenarios, name)
    old = scenarios.variants[i]
    new = old.without_override(key) if value is None else old.with_override(key, value)
    return replace(scenarios, variants=(*scenarios.variants[:i], new,
                                        *scenarios.variants[i + 1:]))


def _index(scenarios: Scenarios, name: str) -> int:
    for i, scenario in enumerate(scenarios.variants):
        if scenario.name == name:
            return i
    raise KeyError(name)


__all__ = ["add", "agree", "delete", "duplicate", "override", "rename"]
