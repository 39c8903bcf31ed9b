"""The lead-scoring model that defines the MQL, and the pure function that scores a lead.

A lead earns **fit** points for who it is (firmographic: company size, industry, region;
demographic: role, seniority) and **engagement** points for what it does (behaviour: a
webinar, a pricing-page visit, a demo request). It qualifies for the stage
``qualifies_for`` (usually the MQL) when

- its fit score is at least ``fit_threshold`` AND its engagement score is at least
  ``engagement_threshold``, or
- it took a fresh **high-intent** action (an engagement criterion listed in
  ``high_intent``, e.g. a demo request), which qualifies it outright.

Fit criteria count once each (they describe a state). Engagement criteria count every
time they happen, and their points **decay** with the age of the action:

- ``none``: points never decay;
- ``halve``: points halve every ``days`` days (stepwise: full before ``days``, half from
  ``days``, a quarter from ``2 * days``, ...);
- ``expire``: full points up to ``days`` days old, none after.

Negative points (an unsubscribe, a visit to the careers page) never decay or expire, so
decay can only lower a score. A high-intent action is fresh while it has its full points:
younger than ``days`` under ``halve``, at most ``days`` old under ``expire``, always under
``none``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, get_args

from alignplanner.domain.checks import check_id, check_number, check_text
from alignplanner.domain.problems import Collector, Path, PlanInvalid

__all__ = [
    "CRITERION_KINDS",
    "DECAY_MODES",
    "ENGAGEMENT_KINDS",
    "FIT_KINDS",
    "Criterion",
    "CriterionKind",
    "Decay",
    "DecayMode",
    "LeadScore",
    "Match",
    "ScoringModel",
    "decayed",
    "is_fresh",
    "score_lead",
]

CriterionKind = Literal["firmographic", "demographic", "behaviour"]
CRITERION_KINDS: tuple[str, ...] = get_args(CriterionKind)
FIT_KINDS: tuple[str, ...] = ("firmographic", "demographic")
ENGAGEMENT_KINDS: tuple[str, ...] = ("behaviour",)
DecayMode = Literal["none", "halve", "expire"]
DECAY_MODES: tuple[str, ...] = get_args(DecayMode)

MAX_POINTS = 1000.0
MAX_THRESHOLD = 10_000.0
MAX_CRITERIA = 100
MAX_AGE_DAYS = 36_500.0  # a hundred years


@dataclass(frozen=True)
class Criterion:
    """One scoring rule: ``points`` (negative allowed) for leads that match it."""

    id: str
    label: str
    points: float
    kind: CriterionKind = "behaviour"

    def __post_init__(self) -> None:
        c = Collector()
        check_id(c, ("id",), self.id, "criterion id")
        check_text(c, ("label",), self.label, limit=200)
        if isinstance(self.label, str) and not self.label.strip():
            c.add(("label",), "the criterion needs a label people can read")
        check_number(c, ("points",), self.points, low=-MAX_POINTS, high=MAX_POINTS, what="points")
        if self.kind not in CRITERION_KINDS:
            c.add(("kind",), f"kind must be one of {', '.join(CRITERION_KINDS)}; got {self.kind!r}")
        c.raise_if_any()


@dataclass(frozen=True)
class Decay:
    """How engagement points lose value with the age of the action (see the module)."""

    mode: DecayMode = "none"
    days: float = 0.0

    def __post_init__(self) -> None:
        c = Collector()
        if self.mode not in DECAY_MODES:
            c.add(
                ("mode",), f"decay mode must be one of {', '.join(DECAY_MODES)}; got {self.mode!r}"
            )
        elif self.mode == "none":
            check_number(c, ("days",), self.days, low=0.0, high=MAX_AGE_DAYS, what="days")
        else:
            check_number(
                c, ("days",), self.days, low=0.0, high=MAX_AGE_DAYS, low_open=True, what="days"
            )
        c.raise_if_any()


@dataclass(frozen=True)
class ScoringModel:
    """The MQL definition: criteria with points, thresholds, high-intent actions, decay."""

    qualifies_for: str
    fit: tuple[Criterion, ...] = ()
    engagement: tuple[Criterion, ...] = ()
    fit_threshold: float = 0.0
    engagement_threshold: float = 0.0
    high_intent: tuple[str, ...] = ()
    decay: Decay = field(default_factory=Decay)

    def __post_init__(self) -> None:
        c = Collector()
        check_id(c, ("qualifies_for",), self.qualifies_for, "stage id")
        for key in ("fit_threshold", "engagement_threshold"):
            check_number(
                c, (key,), getattr(self, key), low=0.0, high=MAX_THRESHOLD, what="threshold"
            )
        seen: dict[str, Path] = {}
        for group, kinds in (("fit", FIT_KINDS), ("engagement", ENGAGEMENT_KINDS)):
            criteria = getattr(self, group)
            if len(criteria) > MAX_CRITERIA:
                c.add((group,), f"at most {MAX_CRITERIA} criteria, got {len(criteria)}")
            for i, crit in enumerate(criteria):
                if not isinstance(crit, Criterion):
                    c.add((group, i), f"must be a criterion, got {crit!r}")
                    continue
                if crit.kind not in kinds:
                    c.add(
                        (group, i, "kind"),
                        f"a {group} criterion is {' or '.join(kinds)}, not {crit.kind!r}",
                    )
                if crit.id in seen:
                    c.add(
                        (group, i, "id"),
                        f"criterion id {crit.id!r} is already used at {_shown(seen[crit.id])}",
                    )
                seen.setdefault(crit.id, (group, i))
        engagement_ids = {crit.id for crit in self.engagement if isinstance(crit, Criterion)}
        for i, action in enumerate(self.high_intent):
            if action not in engagement_ids:
                c.add(
                    ("high_intent", i),
                    f"high-intent action {action!r} is not an engagement criterion"
                    + (f" ({', '.join(sorted(engagement_ids))})" if engagement_ids else ""),
                )
        if len(set(self.high_intent)) != len(self.high_intent):
            c.add(("high_intent",), "lists an action twice")
        if not isinstance(self.decay, Decay):
            c.add(("decay",), f"must be a decay rule, got {self.decay!r}")
        if not c and self.max_fit < self.fit_threshold:
            c.add(
                ("fit_threshold",),
                f"fit threshold {self.fit_threshold:g} can never be reached: the fit "
                f"criteria add up to at most {self.max_fit:g} points",
            )
        c.raise_if_any()

    @property
    def max_fit(self) -> float:
        """The highest fit score a lead can have (every positive fit criterion met)."""
        return math.fsum(max(0.0, crit.points) for crit in self.fit)

    def criterion(self, criterion_id: str) -> Criterion | None:
        for crit in (*self.fit, *self.engagement):
            if crit.id == criterion_id:
                return crit
        return None


def _shown(path: Path) -> str:
    return f"{path[0]}[{path[1]}]"


# -- scoring a lead -------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A lead matched criterion ``criterion``; for behaviour, the action is ``age_days`` old."""

    criterion: str
    age_days: float = 0.0


@dataclass(frozen=True)
class LeadScore:
    """A lead's fit and engagement scores, whether it qualifies, and why (in words)."""

    fit: float
    engagement: float
    qualified: bool
    reason: str
    high_intent: tuple[str, ...] = ()
    points: tuple[tuple[str, float], ...] = ()
    """(criterion id, points it earned after decay) for every match, in input order."""


def decayed(points: float, age_days: float, decay: Decay) -> float:
    """The points an engagement action ``age_days`` old still earns."""
    if points <= 0 or decay.mode == "none":
        return points
    if decay.mode == "expire":
        return points if age_days <= decay.days else 0.0
    return points * 0.5 ** math.floor(age_days / decay.days)


def is_fresh(age_days: float, decay: Decay) -> bool:
    """Whether a high-intent action this old still qualifies a lead outright."""
    if decay.mode == "none":
        return True
    if decay.mode == "expire":
        return age_days <= decay.days
    return age_days < decay.days


def score_lead(model: ScoringModel, matches: Iterable[Match]) -> LeadScore:
    """Score a lead from the criteria it matched; PlanInvalid naming any unknown criterion
    or impossible age (paths index ``matches``)."""
    items = list(matches)
    c = Collector()
    earned: list[tuple[str, float]] = []
    fit_seen: set[str] = set()
    fit_points: list[float] = []
    engagement_points: list[float] = []
    fresh: list[tuple[str, float]] = []
    for i, match in enumerate(items):
        crit = model.criterion(match.criterion)
        if crit is None:
            c.add((i, "criterion"), f"{match.criterion!r} is not a criterion of the model")
            continue
        check_number(
            c, (i, "age_days"), match.age_days, low=0.0, high=MAX_AGE_DAYS, what="age in days"
        )
        if c:
            continue
        if crit.kind in FIT_KINDS:
            points = 0.0 if crit.id in fit_seen else float(crit.points)
            fit_seen.add(crit.id)
            fit_points.append(points)
        else:
            points = decayed(float(crit.points), float(match.age_days), model.decay)
            engagement_points.append(points)
            if crit.id in model.high_intent and is_fresh(float(match.age_days), model.decay):
                fresh.append((crit.label, float(match.age_days)))
        earned.append((crit.id, points))
    if c:
        raise PlanInvalid(list(c))
    fit, engagement = math.fsum(fit_points), math.fsum(engagement_points)
    qualified, reason = _verdict(model, fit, engagement, fresh)
    return LeadScore(
        fit, engagement, qualified, reason, tuple(label for label, _ in fresh), tuple(earned)
    )


def _verdict(
    model: ScoringModel, fit: float, engagement: float, fresh: list[tuple[str, float]]
) -> tuple[bool, str]:
    if fresh:
        label, age = min(fresh, key=lambda item: item[1])
        return True, f"qualifies: {label} (high intent, {_days(age)})"
    fit_ok = fit >= model.fit_threshold
    engagement_ok = engagement >= model.engagement_threshold
    fit_words = f"fit {fit:g} {'>=' if fit_ok else '<'} {model.fit_threshold:g}"
    engagement_words = (
        f"engagement {engagement:g} {'>=' if engagement_ok else '<'} {model.engagement_threshold:g}"
    )
    if fit_ok and engagement_ok:
        return True, f"qualifies: {fit_words} and {engagement_words}"
    joint = "and" if fit_ok == engagement_ok else "but"
    return False, f"does not qualify: {fit_words} {joint} {engagement_words}"


def _days(age: float) -> str:
    if age == 0:
        return "today"
    return f"{age:g} day{'' if age == 1 else 's'} ago"
