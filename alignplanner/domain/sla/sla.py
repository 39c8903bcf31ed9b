"""A service-level agreement on one hand-off between two stages.

An SLA is the promise two leaders sign: the receiving side (the owner of the ``to``
stage, through the role that works the ``from`` stage) answers each unit that enters
``from_stage`` within a first-response window, accepts or rejects it within an
acceptance window giving one of the reason codes, makes ``attempts`` tries within a
period, sends what it rejects to ``recycle_to`` for ``nurture_days`` of nurture, and
escalates along a ladder. The passing side (the owner of the ``from`` stage) has
obligations too (``obligations``). ``target`` is the share of units for which the
first-response promise must hold (0.95 = 95%).

Units (see docs/capacity.md): every window is in **business hours** of the plan's
calendar (``respond_within_minutes`` is the same window in business minutes, for hot
leads); ``attempts_within_days`` and ``nurture_days`` are calendar days.

Cross-references (stages and roles exist, ``to`` lies after ``from``, the role works
``from``) are checked by the plan, which knows the stages and roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from alignplanner.domain.checks import MAX_DAYS, check_days, check_id, check_number, check_text
from alignplanner.domain.problems import Collector

OnLapse = Literal["accept", "return"]
ON_LAPSE: tuple[str, ...] = get_args(OnLapse)
EscalationAction = Literal["notify", "reassign"]
ESCALATION_ACTIONS: tuple[str, ...] = get_args(EscalationAction)

MAX_WINDOW_HOURS = 24.0 * 365  # a year of round-the-clock business time
MAX_ATTEMPTS = 1000
MAX_STEPS = 20
MAX_REASON_CODES = 50
MAX_OBLIGATIONS = 20
MAX_AMOUNT = 1e12

#: Typical published windows, for new SLAs and sample plans.
HOT_INBOUND_MINUTES = (5.0, 15.0)
MQL_FOLLOW_UP_HOURS = (2.0, 24.0)
ACCEPT_WITHIN_HOURS = 8.0  # "accept or reject within 24 hours": one working day
DEFAULT_TARGET = 0.95
STALE_AFTER_DAYS = {"mql": 14.0, "sql": 7.0, "opportunity": 30.0}


def _as_tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _check_tuple(c: Collector, key: str, value: object, limit: int) -> bool:
    if not isinstance(value, tuple):
        c.add((key,), f"{key} must be a list, got {value!r}")
        return False
    if len(value) > limit:
        c.add((key,), f"at most {limit} entries, got {len(value)}")
    return True


def _check_hours(c: Collector, key: str, value: object) -> None:
    """A window of business hours: more than none, at most a year's."""
    check_number(
        c, (key,), value, low=0.0, high=MAX_WINDOW_HOURS, low_open=True, what="business hours"
    )


@dataclass(frozen=True, kw_only=True)
class EscalationStep:
    """After ``after_hours`` business hours without a response, ``action`` the unit
    ("notify" ``to``, or "reassign" it to ``to``; ``to`` is a role id or a person)."""

    after_hours: float
    action: EscalationAction = "notify"
    to: str

    def __post_init__(self) -> None:
        c = Collector()
        _check_hours(c, "after_hours", self.after_hours)
        if self.action not in ESCALATION_ACTIONS:
            c.add(
                ("action",),
                f"action must be one of {', '.join(ESCALATION_ACTIONS)}; got {self.action!r}",
            )
        check_text(c, ("to",), self.to, limit=200)
        if isinstance(self.to, str) and not self.to.strip():
            c.add(("to",), "say whom to notify or reassign to (a role or a person)")
        c.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class Obligation:
    """What the other (passing) side promises in return: words, and optionally the number
    they commit to (e.g. "qualified leads per SDR per month", 150)."""

    text: str
    amount: float | None = None

    def __post_init__(self) -> None:
        c = Collector()
        check_text(c, ("text",), self.text, limit=1000)
        if isinstance(self.text, str) and not self.text.strip():
            c.add(("text",), "say what the other side promises")
        if self.amount is not None:
            check_number(c, ("amount",), self.amount, low=0.0, high=MAX_AMOUNT, what="amount")
        c.raise_if_any()


@dataclass(frozen=True, kw_only=True)
class Sla:
    """The promise on the hand-off from ``from_stage`` to ``to_stage`` (see the module
    notes). Give exactly one of ``respond_within_hours`` and ``respond_within_minutes``."""

    id: str
    from_stage: str
    to_stage: str
    role: str
    respond_within_hours: float | None = None
    respond_within_minutes: float | None = None
    target: float = DEFAULT_TARGET
    name: str = ""
    accept_within_hours: float | None = None
    reason_codes: tuple[str, ...] = ()
    on_lapse: OnLapse = "accept"
    attempts: int | None = None
    attempts_within_days: float | None = None
    recycle_to: str | None = None
    nurture_days: float | None = None
    escalation: tuple[EscalationStep, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    response: str = ""  # what the first response is, for sentences ("a first call")

    def __post_init__(self) -> None:
        for key in ("reason_codes", "escalation", "obligations"):
            object.__setattr__(self, key, _as_tuple(getattr(self, key)))
        c = Collector()
        check_id(c, ("id",), self.id, "SLA id")
        check_id(c, ("from_stage",), self.from_stage, "stage id")
        check_id(c, ("to_stage",), self.to_stage, "stage id")
        check_id(c, ("role",), self.role, "role id")
        check_text(c, ("name",), self.name, limit=200)
        check_text(c, ("response",), self.response, limit=100)
        self._check_window(c)
        check_number(
            c, ("target",), self.target, low=0.0, high=1.0, low_open=True, what="target compliance"
        )
        if self.target == 1.0:
            c.add(
                ("target",),
                "target compliance must be below 1 (100% cannot be promised "
                "for random arrivals); 0.95 is usual",
            )
        self._check_acceptance(c)
        self._check_attempts(c)
        if self.recycle_to is not None:
            check_id(c, ("recycle_to",), self.recycle_to, "stage id")
        if self.nurture_days is not None:
            check_days(c, ("nurture_days",), self.nurture_days)
        self._check_escalation(c)
        if _check_tuple(c, "obligations", self.obligations, MAX_OBLIGATIONS):
            for i, ob in enumerate(self.obligations):
                if not isinstance(ob, Obligation):
                    c.add(("obligations", i), f"must be an obligation, got {ob!r}")
        c.raise_if_any()

    def _check_window(self, c: Collector) -> None:
        hours, minutes = self.respond_within_hours, self.respond_within_minutes
        if (hours is None) == (minutes is None):
            c.add(
                ("respond_within_hours",),
                "give exactly one of respond_within_hours "
                "(business hours) or respond_within_minutes (for hot leads)",
            )
        if hours is not None:
            _check_hours(c, "respond_within_hours", hours)
        if minutes is not None:
            check_number(
                c,
                ("respond_within_minutes",),
                minutes,
                low=0.0,
                high=MAX_WINDOW_HOURS * 60,
                low_open=True,
                what="business minutes",
            )

    def _check_acceptance(self, c: Collector) -> None:
        if self.accept_within_hours is not None:
            _check_hours(c, "accept_within_hours", self.accept_within_hours)
        if self.on_lapse not in ON_LAPSE:
            c.add(
                ("on_lapse",),
                'on_lapse must be "accept" (a lapsed lead counts as '
                f'accepted) or "return" (it goes back to marketing); got {self.on_lapse!r}',
            )
        if _check_tuple(c, "reason_codes", self.reason_codes, MAX_REASON_CODES):
            seen: set[object] = set()
            for i, code in enumerate(self.reason_codes):
                check_id(c, ("reason_codes", i), code, "reason code")
                if code in seen:
                    c.add(("reason_codes", i), f"reason code {code!r} is listed twice")
                seen.add(code)

    def _check_attempts(self, c: Collector) -> None:
        if self.attempts is not None:
            if isinstance(self.attempts, bool) or not isinstance(self.attempts, int):
                c.add(("attempts",), f"attempts must be a whole number, got {self.attempts!r}")
            elif not 1 <= self.attempts <= MAX_ATTEMPTS:
                c.add(
                    ("attempts",),
                    f"attempts must be between 1 and {MAX_ATTEMPTS}, got {self.attempts}",
                )
        if self.attempts_within_days is not None:
            check_number(
                c,
                ("attempts_within_days",),
                self.attempts_within_days,
                low=0.0,
                high=MAX_DAYS,
                low_open=True,
                what="days",
            )
            if self.attempts is None:
                c.add(("attempts",), "give the number of attempts the period is for")

    def _check_escalation(self, c: Collector) -> None:
        if not _check_tuple(c, "escalation", self.escalation, MAX_STEPS):
            return
        previous = 0.0
        for i, step in enumerate(self.escalation):
            if not isinstance(step, EscalationStep):
                c.add(("escalation", i), f"must be an escalation step, got {step!r}")
                continue
            if step.after_hours <= previous:
                c.add(
                    ("escalation", i, "after_hours"),
                    "escalation steps must come later and later: "
                    f"{step.after_hours:g} hours is not after {previous:g}",
                )
            previous = max(previous, step.after_hours)

    # -- derived --------------------------------------------------------------------

    @property
    def window_hours(self) -> float:
        """The first-response window in business hours (minutes / 60 for hot leads)."""
        if self.respond_within_minutes is not None:
            return float(self.respond_within_minutes) / 60.0
        assert self.respond_within_hours is not None
        return float(self.respond_within_hours)


__all__ = [
    "ACCEPT_WITHIN_HOURS",
    "DEFAULT_TARGET",
    "ESCALATION_ACTIONS",
    "HOT_INBOUND_MINUTES",
    "MQL_FOLLOW_UP_HOURS",
    "ON_LAPSE",
    "STALE_AFTER_DAYS",
    "EscalationAction",
    "EscalationStep",
    "Obligation",
    "OnLapse",
    "Sla",
]
