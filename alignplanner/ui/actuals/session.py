"""What the import dialog decides, without widgets: the plan's stages as the importer
wants them, where a plan's mapping file lives, a mapping to save or to read with, and
what a refused import says about unmapped stage values.

A plan ``q3.toml`` keeps its mapping beside it, as ``q3.actuals.toml``, with the exports'
paths relative to that folder, so the plan's folder can move (or travel by e-mail with
its exports) and next week's import finds everything again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from alignplanner.contract.actuals.mapping import FileMapping, Mapping
from alignplanner.contract.actuals.plan_link import MAPPING_SUFFIX, mapping_beside
from alignplanner.contract.actuals.result import ActualsError
from alignplanner.domain.plan.plan import Plan

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


@dataclass(frozen=True)
class PlanStages:
    """The plan's stages for the dialog's guesses: ids in funnel order, names, the CRM
    values the stages name (value -> id), and the SLAs' hand-offs (id -> from-stage,
    to-stage). The importer and the estimates take the plan itself
    (`contract.actuals.pipeline`)."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    known: MappingABC[str, str]
    slas: MappingABC[str, tuple[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))

    def name(self, stage: str) -> str:
        return dict(zip(self.ids, self.names, strict=True)).get(stage, stage)


def plan_stages(plan: Plan) -> PlanStages:
    stages = plan.stages
    known = {value: s.id for s in stages for value in s.crm.values() if value}
    slas = {sla.id: (sla.from_stage, sla.to_stage) for sla in plan.slas}
    return PlanStages(tuple(s.id for s in stages), tuple(s.name for s in stages),
                      MappingProxyType(known), MappingProxyType(slas))


def mapping_path(plan_path: Path | None) -> Path | None:
    """Where the mapping of the plan saved at ``plan_path`` lives; None for an unsaved plan."""
    return None if plan_path is None else mapping_beside(plan_path)


def build_mapping(files: Sequence[FileMapping], stages: MappingABC[str, str],
                  as_of: date | None = None, *, folder: Path | None = None) -> Mapping:
    """The mapping of ``files`` (absolute paths) and the stage map (unchosen values left
    out). With ``folder`` (where the mapping file goes), paths are written relative to
    it; without, they stay absolute (for reading at once)."""
    chosen = {value: stage for value, stage in stages.items() if stage}
    if folder is None:
        return Mapping(tuple(files), MappingProxyType(chosen), as_of=as_of, base=".")
    relative = tuple(replace(f, path=_relative(f.path, folder)) for f in files)
    return Mapping(relative, MappingProxyType(chosen), as_of=as_of, base=str(folder))


def _relative(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive on Windows: keep it absolute
        return path


def absolute(mapping: Mapping) -> tuple[FileMapping, ...]:
    """``mapping``'s files with their paths made absolute from its base."""
    base = Path(mapping.base)
    return tuple(replace(f, path=str((base / f.path).resolve())) for f in mapping.files)


def unmapped_values(error: ActualsError) -> list[str]:
    """The stage values a refused import names as not mapped (quoted in its messages),
    in the order they are named."""
    found: dict[str, None] = {}
    for problem in error.problems:
        _head, said, rest = problem.message.partition("[stages]: ")
        if not said:
            continue
        listed = rest.rsplit("; map each", 1)[0]
        for match in _QUOTED.finditer(listed):
            value = match.group(1) if match.group(1) is not None else match.group(2)
            found.setdefault(value.replace("\\'", "'").replace('\\"', '"'))
    return list(found)


def problem_lines(error: ActualsError) -> list[str]:
    """Every problem, one ``FILE:LINE: column: message`` line each, file names short."""
    lines = []
    for p in error.problems:
        where = Path(p.file).name if p.file else ""
        where += f", line {p.line}" if p.line is not None else ""
        where += f", column \u201c{p.path}\u201d" if p.path else ""
        lines.append(f"{where}: {p.message}" if where else p.message)
    return lines


__all__ = ["MAPPING_SUFFIX", "PlanStages", "absolute", "build_mapping", "mapping_path",
           "plan_stages", "problem_lines", "unmapped_values"]
