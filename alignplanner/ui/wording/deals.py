"""The deals the plan must win, said one way wherever they show (the headline numbers,
the Target tab, the waterfall).

Three figures meet here: the deals the revenue target needs (rounded as the plan
rounds), the part that new leads must bring (the waterfall's last bar) and the part the
open pipeline is expected to bring. Their whole numbers need not add up: each is
rounded on its own, and the pipeline's deals are counted at the plan's average deal
size while new leads' deals have their sources' own sizes. Where they do not add up,
the sentence says so and why, instead of leaving the room to find the gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.wording import count
from alignplanner.domain.wording import money as money_exact

PIPELINE_SHOWN = 0.05  # fewer expected pipeline deals than this are not mentioned


@dataclass(frozen=True)
class Deals:
    """The deals of one result, exact and as shown."""

    total: int  # the deals the target needs, rounded as the plan rounds
    exact: float
    new: int  # won from new leads: the waterfall's last bar, rounded as the plan rounds
    new_exact: float
    pipeline: float  # expected from the open pipeline, exact
    average_deal_size: float
    currency: str
    sizes_differ: bool  # some source's deals are not of the average size

    @property
    def has_pipeline(self) -> bool:
        return self.pipeline >= PIPELINE_SHOWN

    @property
    def pipeline_text(self) -> str:
        return count(self.pipeline)

    @property
    def adds_up(self) -> bool:
        """The whole numbers shown add up: new leads' plus the pipeline's is the total."""
        shown = self.new + (round(self.pipeline) if self.has_pipeline else 0)
        return shown == self.total


def deals(plan: Plan, result: Result) -> Deals:
    target = plan.target
    return Deals(
        total=result.wins_rounded, exact=result.wins,
        new=result.stages[-1].rounded, new_exact=result.stages[-1].volume,
        pipeline=result.pipeline_wins, average_deal_size=target.average_deal_size,
        currency=plan.currency,
        sizes_differ=any(s.average_deal_size != target.average_deal_size
                         for s in result.sources))


def deals_total(d: Deals) -> str:
    """"237 deals"."""
    return f"{d.total:,} deals"


def deals_split(d: Deals) -> str:
    """Where they come from: "208 from new leads, 30 from the open pipeline"."""
    if not d.has_pipeline:
        return f"all {d.new:,} from new leads"
    return f"{d.new:,} from new leads, {d.pipeline_text} from the open pipeline"


def deals_caption(d: Deals) -> str:
    """The headline figure's caption, under the total."""
    if not d.has_pipeline:
        return "deals to win, all from new leads"
    return f"deals to win: {d.new:,} from new leads, {d.pipeline_text} from open pipeline"


def deals_gap(d: Deals) -> str:
    """Why the parts shown do not add up to the total; empty when they do."""
    if d.adds_up:
        return ""
    parts = f"{d.new:,} + {d.pipeline_text}" if d.has_pipeline else f"{d.new:,}"
    why = "each is rounded on its own"
    if d.sizes_differ and d.has_pipeline:
        why += (f", and the pipeline's deals are counted at the "
                f"{money_exact(d.average_deal_size, d.currency)} average deal size")
    return f"({parts} is not {d.total:,}: {why}.)"


def deals_sentence(d: Deals) -> str:
    """The whole story in one sentence or two, for the Target tab and the waterfall."""
    gap = deals_gap(d)
    text = f"{deals_total(d)} to win: {deals_split(d)}."
    return f"{text} {gap}" if gap else text


def deals_tooltip(d: Deals) -> str:
    """The exact figures (the headline's hover text)."""
    lines = [f"{d.exact:,.2f} deals for the target: {d.pipeline:,.1f} expected from the "
             f"open pipeline, {d.new_exact:,.1f} from new leads"]
    gap = deals_gap(d)
    if gap:
        lines.append(gap)
    return "\n".join(lines)


__all__ = ["Deals", "deals", "deals_caption", "deals_gap", "deals_sentence", "deals_split",
           "deals_tooltip", "deals_total"]
