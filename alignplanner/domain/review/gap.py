"""Where the gap is, in sentences: the stages behind plan over their latest months."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from alignplanner.domain import wording
from alignplanner.domain.review.variance import StageVariance, behind_since


def gap_sentences(variances: Sequence[StageVariance],
                  names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """One sentence per stage, the stages furthest behind first; ``names`` maps a stage id
    to its name for people (default: the id)."""
    said = []
    for v in variances:
        name = (names or {}).get(v.stage, v.stage)
        behind = behind_since(v.months)
        if behind is not None:
            said.append((-behind[1], wording.review_behind(name, behind[1], behind[0])))
        elif v.planned > 0:
            said.append((v.actual / v.planned - 1.0, wording.review_on_plan(
                name, v.actual / v.planned - 1.0)))
    return tuple(text for _, text in sorted(said, key=lambda x: x[0]))


__all__ = ["gap_sentences"]
