"""The seeded Monte Carlo of a plan's revenue (docs/uncertainty.md).

Every conversion rate is drawn from its Beta and the average deal size from its
lognormal, once a draw. Given a draw's rates a unit entering stage i wins with the
chain's win chance P_i (`funnel_draws.win_chances`), so the plan's monthly cohorts of
net-new units (in the horizon and before it, as the engine requires them; Poisson
around the plan's numbers) win Poisson counts in each month, their lags drawn from the
entry stage's lag distribution (`cohorts`); the open pipeline wins Binomial counts at its
stages, split over the months by a Multinomial on their lags. The same plan and seed
give the same numbers, bit for bit, with one numpy version.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine.chain import ChainSpec, solve
from alignplanner.domain.engine.compute import _chain_specs, compute, deal_size
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.uncertainty import cohorts, funnel_draws
from alignplanner.domain.uncertainty.settings import Uncertainty, beta_parameters

FloatArray = npt.NDArray[np.float64]
CONFIDENCES = (0.5, 0.8, 0.9)


@dataclass(frozen=True)
class Simulation:
    """What the draws say. ``revenue`` is the year's (horizon's) revenue of every draw."""

    draws: int
    seed: int
    target: float
    revenue: FloatArray
    monthly: FloatArray  # draws x months
    target_monthly: tuple[float, ...]
    drivers: tuple[str, ...]  # "conversion:<stage>" and "deal_size"
    driver_draws: FloatArray  # drivers x draws
    top_volume: float  # the plan's net-new entries at the top, sources summed

    @property
    def p_hit(self) -> float:
        return float(np.mean(self.revenue >= self.target * (1 - 1e-12)))

    @property
    def p_hit_monthly(self) -> tuple[float, ...]:
        target = np.asarray(self.target_monthly) * (1 - 1e-12)
        return tuple(float(v) for v in np.mean(self.monthly >= target, axis=0))

    @property
    def p_hit_yearly(self) -> tuple[float, ...]:
        """P(revenue >= target) for each plan year (12 months from the start; a shorter
        last year as far as the horizon goes)."""
        months = len(self.target_monthly)
        out = []
        for start in range(0, months, 12):
            target = math.fsum(self.target_monthly[start : start + 12]) * (1 - 1e-12)
            out.append(float(np.mean(self.monthly[:, start : start + 12].sum(axis=1) >= target)))
        return tuple(out)

    def monthly_percentiles(self) -> dict[int, tuple[float, ...]]:
        q = np.percentile(self.monthly, [10, 50, 90], axis=0)
        return {p: tuple(float(v) for v in row) for p, row in zip((10, 50, 90), q, strict=True)}

    def percentiles(self) -> dict[int, float]:
        q = np.percentile(self.revenue, [10, 50, 90])
        return {10: float(q[0]), 50: float(q[1]), 90: float(q[2])}

    def variance_shares(self) -> dict[str, float]:
        """The share of the revenue's variance each driver explains alone (its squared
        correlation with revenue); the rest is count noise and interactions."""
        out: dict[str, float] = {}
        sd = self.revenue.std()
        for name, values in zip(self.drivers, self.driver_draws, strict=True):
            if sd == 0.0 or values.std() == 0.0:
                out[name] = 0.0
                continue
            out[name] = float(np.corrcoef(values, self.revenue)[0, 1] ** 2)
        return out

    def volume_needed(self) -> dict[float, float]:
        """Net-new top-of-funnel units for each confidence of hitting the target, the
        plan's volumes scaled until that share of draws reaches the target (revenue is
        proportional to volume but for the count noise, so this is close, not exact)."""
        out = {}
        for confidence in CONFIDENCES:
            low = float(np.quantile(self.revenue, 1.0 - confidence))
            out[confidence] = self.top_volume * self.target / low if low > 0 else float("inf")
        return out


def simulate(plan: Plan, settings: Uncertainty | None = None, *,
             result: Result | None = None) -> Simulation:
    settings = settings or Uncertainty()
    result = result or compute(plan)
    rng = np.random.default_rng(settings.seed)
    n = settings.draws
    sources = plan.effective_sources()
    specs = _chain_specs(plan, sources)
    *solved, plain = solve.many(specs)  # kept from the compute: no new solve
    open_ids = [s.id for s in plan.stages[:-1]]
    base_rates = _draw_rates(rng, specs[-1].conversion, open_ids, settings, n)
    size_factor = _draw_size_factor(rng, plan, settings, n)
    chances = _Chances(specs[-1], base_rates)
    monthly = np.zeros((n, plan.months))
    landing = cohorts.source_landing(plan, result, solved)
    by_size: dict[float, FloatArray] = {}  # expected wins (draws x months) per deal size
    for source, spec, found in zip(sources, specs[:-1], landing, strict=True):
        chance = chances.of(spec)[plan.stage_index(source.enters)]
        mean = by_size.setdefault(deal_size(plan, source), np.zeros((n, plan.months)))
        mean += chance[:, None] * found[None, :]
    for size, mean in by_size.items():  # Poisson cohorts, thinned: Poisson wins a month
        monthly += size * rng.poisson(mean)
    at_start = chances.of(specs[-1])
    for stage_id, count in plan.pipeline.existing.items():
        i = plan.stage_index(stage_id)
        won = rng.binomial(_whole(rng, float(count), n), at_start[i])
        split = rng.multinomial(won, cohorts.pipeline_landing(plain.lags.dist[i], plan.months))
        monthly += plan.target.average_deal_size * split[:, : plan.months]
    monthly *= size_factor[:, None]
    return Simulation(
        draws=n, seed=settings.seed, target=float(sum(result.target_monthly)),
        revenue=monthly.sum(axis=1), monthly=monthly,
        target_monthly=result.target_monthly,
        drivers=(*(f"conversion:{i}" for i in open_ids), "deal_size"),
        driver_draws=np.vstack([base_rates, size_factor[None, :]]),
        top_volume=math.fsum(found.new for found in result.sources),
    )


class _Chances:
    """Each chain's win chances (stages x draws) for the draws' rates, worked out once a
    chain: a source's overridden rates move with the plan's draws by the same relative
    shift."""

    def __init__(self, plain: ChainSpec, rates: FloatArray) -> None:
        self._plain, self._rates = plain, rates
        self._found: dict[ChainSpec, FloatArray] = {}

    def of(self, spec: ChainSpec) -> FloatArray:
        if spec not in self._found:
            rates = self._rates if spec == self._plain else _shifted(self._rates, self._plain,
                                                                     spec)
            self._found[spec] = funnel_draws.win_chances(spec, rates)
        return self._found[spec]


def _draw_rates(rng: np.random.Generator, rates: tuple[float, ...], ids: list[str],
                settings: Uncertainty, n: int) -> FloatArray:
    out = np.empty((len(rates), n))
    for i, (rate, stage_id) in enumerate(zip(rates, ids, strict=True)):
        if rate >= 1.0:
            out[i] = 1.0
            continue
        a, b = beta_parameters(rate, settings.observations_for(stage_id))
        out[i] = rng.beta(a, b, n)
    return out


def _shifted(base: FloatArray, plain: ChainSpec, spec: ChainSpec) -> FloatArray:
    """A source's overridden rates move with the plan's draws: the same relative shift."""
    mean = np.asarray(plain.conversion)[:, None]
    own = np.asarray(spec.conversion)[:, None]
    shifted: FloatArray = np.clip(base * own / np.where(mean > 0, mean, 1.0), 0.0, 1.0)
    return shifted


def _draw_size_factor(rng: np.random.Generator, plan: Plan, settings: Uncertainty,
                      n: int) -> FloatArray:
    """The average deal size of a draw as a multiple of the plan's (mean 1)."""
    fitted = settings.deal_size_lognormal()
    if fitted is None:
        return np.ones(n)
    mu, sigma = fitted
    mean = float(np.exp(mu + sigma * sigma / 2.0))
    drawn: FloatArray = rng.lognormal(mu, sigma, n) / mean
    return drawn


def _whole(rng: np.random.Generator, units: float, n: int) -> npt.NDArray[np.int64]:
    """``units`` as whole units, the fraction rounded up in that share of draws."""
    floor = int(np.floor(units))
    return floor + (rng.random(n) < units - floor).astype(np.int64)
