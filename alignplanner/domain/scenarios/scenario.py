"""A scenario is a name and the values it changes in the base plan.

An override is a key path into the plan's own file shape, written with dots: a table's
key (``target.revenue``), or an entry of a list of tables by its id
(``stages.sql.conversion``, ``roles.sdr.headcount``, ``sources.partner.share``). A variant
stores only its overrides, so a change to the base reaches every variant that does not
override that key. The base is the plan itself; at most one variant is the agreed one
(none: the base is agreed), and the agreed scenario is what is signed and exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from alignplanner.domain.checks import check_text
from alignplanner.domain.problems import Collector

BASE = "Base"
MAX_SCENARIOS = 20


@dataclass(frozen=True)
class Scenario:
    """One variant: its name and its overrides (dotted key path -> value)."""

    name: str
    overrides: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        c = Collector()
        check_text(c, ("name",), self.name, limit=80)
        if isinstance(self.name, str) and not self.name.strip():
            c.add(("name",), "a scenario needs a name")
        check_text(c, ("description",), self.description)
        for key in self.overrides:
            if not isinstance(key, str) or "." not in key or any(
                    not p for p in key.split(".")):
                c.add(("set", str(key)), f"{key!r} is not a key path such as "
                      "'stages.sql.conversion'")
        c.raise_if_any()

    def with_override(self, key: str, value: Any) -> Scenario:
        return replace(self, overrides={**self.overrides, key: value})

    def without_override(self, key: str) -> Scenario:
        return replace(self, overrides={k: v for k, v in self.overrides.items() if k != key})


@dataclass(frozen=True)
class Scenarios:
    """The variants of a plan in their order, and which one is agreed ("" for the base)."""

    variants: tuple[Scenario, ...] = ()
    agreed: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.variants, list):
            object.__setattr__(self, "variants", tuple(self.variants))
        c = Collector()
        if len(self.variants) > MAX_SCENARIOS:
            c.add(("scenarios",), f"at most {MAX_SCENARIOS} scenarios, got {len(self.variants)}")
        seen: dict[str, int] = {}
        for i, scenario in enumerate(self.variants):
            key = scenario.name.strip().casefold()
            if key == BASE.casefold():
                c.add(("scenarios", i, "name"),
                      f"{scenario.name!r} is the name of the base plan; choose another")
            elif key in seen:
                c.add(("scenarios", i, "name"), f"scenario {scenario.name!r} is named twice "
                      f"(also scenarios[{seen[key]}])")
            seen.setdefault(key, i)
        if self.agreed and self.agreed not in self.names:
            c.add(("scenarios",), f"the agreed scenario {self.agreed!r} does not exist")
        c.raise_if_any()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.variants)

    def get(self, name: str) -> Scenario | None:
        """The variant called ``name`` (case and surrounding spaces ignored), or None for
        the base."""
        wanted = name.strip().casefold()
        if wanted == BASE.casefold():
            return None
        for scenario in self.variants:
            if scenario.name.strip().casefold() == wanted:
                return scenario
        raise KeyError(name)


__all__ = ["BASE", "MAX_SCENARIOS", "Scenario", "Scenarios"]
