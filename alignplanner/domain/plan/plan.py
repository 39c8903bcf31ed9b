"""The whole plan: settings, the funnel, the operations around it and the agreement.

`Plan` checks what reaches across its parts (ids unique, references to stages that
exist, shares that add up); each part checked its own fields when it was made.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from alignplanner.domain.agreement.signoff import SignOff
from alignplanner.domain.checks import MAX_MONTHS, check_text
from alignplanner.domain.plan.consistency import check_agreement, check_operations
from alignplanner.domain.plan.funnel import ROUNDINGS, Pipeline, Rounding, Source, Stage, Target
from alignplanner.domain.problems import Collector
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role

if TYPE_CHECKING:  # the scoring model is imported by the plans that have one
    from alignplanner.domain.agreement.scoring import ScoringModel

CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
MAX_STAGES = 40
MAX_SOURCES = 40
SHARE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Plan:
    """A whole plan: settings, target, stages (top to bottom, last one won), sources, the
    existing pipeline; the business calendar, roles and SLAs that work the funnel; the
    lead-scoring model that defines the MQL and the sign-off. Cross-references are
    checked here."""

    name: str
    start: date
    months: int
    target: Target
    stages: tuple[Stage, ...]
    sources: tuple[Source, ...] = ()
    pipeline: Pipeline = field(default_factory=Pipeline)
    currency: str = "USD"
    rounding: Rounding = "ceil"
    description: str = ""
    rates_source: str = ""
    calendar: BusinessCalendar = field(default_factory=BusinessCalendar)
    roles: tuple[Role, ...] = ()
    slas: tuple[Sla, ...] = ()
    scoring: ScoringModel | None = None
    signoff: SignOff = field(default_factory=SignOff)

    def __post_init__(self) -> None:
        for key in ("roles", "slas"):  # lists, as a reader may give them, become tuples
            if isinstance(getattr(self, key), list):
                object.__setattr__(self, key, tuple(getattr(self, key)))
        c = Collector()
        self._check_settings(c)
        self._check_stages(c)
        self._check_sources(c)
        self._check_pipeline(c)
        check_operations(c, self.stages, self.roles, self.slas, self.calendar)
        check_agreement(c, self.stages, self.scoring, self.signoff)
        c.raise_if_any()

    # -- checks ---------------------------------------------------------------------

    def _check_settings(self, c: Collector) -> None:
        check_text(c, ("plan", "name"), self.name, limit=200)
        check_text(c, ("plan", "description"), self.description)
        check_text(c, ("plan", "rates_source"), self.rates_source)
        if not isinstance(self.currency, str) or not CURRENCY_PATTERN.match(self.currency):
            c.add(("plan", "currency"),
                  "currency must be a three-letter ISO 4217 code such as USD, "
                  f"got {self.currency!r}")
        if not isinstance(self.start, date) or type(self.start) is not date:
            c.add(("plan", "start"), f"start must be a date such as 2027-01-01, got {self.start!r}")
        elif self.start.day != 1:
            c.add(("plan", "start"), f"start must be the first day of a month, got {self.start}")
        if not isinstance(self.months, int) or isinstance(self.months, bool):
            c.add(("plan", "months"), f"months must be a whole number, got {self.months!r}")
        elif not 1 <= self.months <= MAX_MONTHS:
            c.add(("plan", "months"),
                  f"months must be between 1 and {MAX_MONTHS}, got {self.months}")
        elif type(self.start) is date and self.start.year * 12 + self.start.month + self.months > (
            date.max.year * 12 + 13
        ):  # the last plan month must be a date Python can represent (year 9999 at most)
            c.add(("plan", "start"), f"a plan of {self.months} months from {self.start} ends "
                  "after the year 9999")
        if self.rounding not in ROUNDINGS:
            c.add(("plan", "rounding"),
                  f"rounding must be one of {', '.join(ROUNDINGS)}; got {self.rounding!r}")
        elif isinstance(self.months, int) and 1 <= self.months <= MAX_MONTHS:
            for key in ("monthly_weights", "monthly_revenue"):
                values = getattr(self.target, key)
                if values is not None and len(values) != self.months:
                    c.add(("target", key),
                          f"needs one value per plan month ({self.months}), got {len(values)}")

    def _check_stages(self, c: Collector) -> None:
        if len(self.stages) < 2:
            c.add(("stages",), "a funnel needs at least two stages (the last one is 'won')")
            return
        if len(self.stages) > MAX_STAGES:
            c.add(("stages",), f"at most {MAX_STAGES} stages, got {len(self.stages)}")
        seen: dict[str, int] = {}
        named: dict[str, int] = {}
        last = len(self.stages) - 1
        for i, stage in enumerate(self.stages):
            if stage.id in seen:
                c.add(("stages", i, "id"),
                      f"stage id {stage.id!r} is already used by stages[{seen[stage.id]}]")
            seen.setdefault(stage.id, i)
            key = " ".join(str(stage.name).split()).casefold()
            if key in named:
                first = named[key]
                c.add(("stages", i, "name"),
                      f"stage name {stage.name!r} is already used by stage {first + 1} "
                      f"({self.stages[first].id}); give each stage its own name")
            named.setdefault(key, i)
            if i == last:
                for key in ("conversion", "days", "lag", "recycle"):
                    if getattr(stage, key) is not None:
                        c.add(("stages", i, key),
                              f"the last stage {stage.id!r} is 'won': it takes no {key}")
                continue
            if stage.conversion is None:
                c.add(("stages", i, "conversion"), f"stage {stage.id!r} needs a conversion")
            if stage.days is None:
                c.add(("stages", i, "days"), f"stage {stage.id!r} needs days to the next stage")
            if stage.recycle is not None:
                j = seen.get(stage.recycle.to)
                if j is None:
                    where = "a later stage" if stage.recycle.to in self.stage_ids else "no stage"
                    c.add(("stages", i, "recycle", "to"),
                          f"recycle target {stage.recycle.to!r} is {where}; it must be this "
                          "stage or one above it")

    def _check_sources(self, c: Collector) -> None:
        if len(self.sources) > MAX_SOURCES:
            c.add(("sources",), f"at most {MAX_SOURCES} sources, got {len(self.sources)}")
        open_stages = set(self.stage_ids[:-1])
        seen: set[str] = set()
        for i, source in enumerate(self.sources):
            if source.id in seen:
                c.add(("sources", i, "id"), f"source id {source.id!r} is used twice")
            seen.add(source.id)
            if source.enters not in open_stages:
                c.add(("sources", i, "enters"),
                      f"entry stage {source.enters!r} must be one of the stages before the last"
                      f" ({', '.join(self.stage_ids[:-1])})")
            for stage_id in source.conversion_overrides:
                if stage_id not in open_stages:
                    c.add(("sources", i, "conversion_overrides", stage_id),
                          f"{stage_id!r} is not a stage with a conversion")
        if self.sources:
            total = math.fsum(s.share for s in self.sources)
            if abs(total - 1.0) > SHARE_TOLERANCE:
                c.add(("sources",), f"source shares must add up to 1 (100%), they add up to "
                      f"{total:.4g} ({total * 100:.2f}%)")

    def _check_pipeline(self, c: Collector) -> None:
        open_stages = set(self.stage_ids[:-1])
        for stage_id in self.pipeline.existing:
            if stage_id not in open_stages:
                c.add(("pipeline", "existing", stage_id),
                      f"{stage_id!r} is not an open stage (one before the last)")

    # -- queries --------------------------------------------------------------------

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    def stage_index(self, stage_id: str) -> int:
        return self.stage_ids.index(stage_id)

    def effective_sources(self) -> tuple[Source, ...]:
        """The declared sources, or the one implicit source entering at the first stage."""
        if self.sources:
            return self.sources
        return (Source(id="all", enters=self.stages[0].id, share=1.0, name="All sources"),)

    def month_start(self, offset: int) -> date:
        """First day of plan month ``offset`` (negative offsets are before the plan)."""
        index = self.start.year * 12 + self.start.month - 1 + offset
        return date(index // 12, index % 12 + 1, 1)

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def sla(self, sla_id: str) -> Sla:
        for sla in self.slas:
            if sla.id == sla_id:
                return sla
        raise KeyError(sla_id)

    def with_changes(self, **changes: object) -> Plan:
        """A copy with some fields replaced (validated again)."""
        return replace(self, **changes)  # type: ignore[arg-type]


__all__ = ["Plan"]
