"""Units drawn through the funnel, vectorised over draws: at every stage the units that
convert are a Binomial count of those that entered, the recycled a Binomial count of
those that did not (funnel-math section 1, with counts instead of expectations)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from alignplanner.domain.engine.chain import ChainSpec

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
MAX_ROUNDS = 10_000  # recycle rounds; each one only sends units back up, so they die out


def wins(rng: np.random.Generator, spec: ChainSpec, rates: FloatArray,
         entries: IntArray) -> IntArray:
    """Wins per draw from ``entries`` (stages x draws, units entering each stage) with
    the conversion ``rates`` drawn for each stage (stages x draws)."""
    k = len(spec.conversion)
    current = entries.astype(np.int64).copy()
    won = np.zeros(current.shape[1], dtype=np.int64)
    for _ in range(MAX_ROUNDS):
        later = np.zeros_like(current)
        for i in range(k):
            here = current[i]
            if not here.any():
                continue
            converted = rng.binomial(here, rates[i])
            current[i + 1] += converted
            share = spec.recycle_share[i]
            if share > 0.0:
                back = rng.binomial(here - converted, share)
                to = spec.recycle_to[i]
                if to == i:
                    later[i] += back
                else:
                    later[to] += back
        won += current[k]
        if not later.any():
            break
        current = later
    return won
