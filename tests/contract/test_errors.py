"""How file problems read: ``FILE:LINE: key.path: message``."""

from __future__ import annotations

from alignplanner.contract.errors import FileProblem, PlanFileError


def test_problem_with_line() -> None:
    problem = FileProblem("plan.toml", 12, "stages[2].conversion", "must be a number")
    assert str(problem) == "plan.toml:12: stages[2].conversion: must be a number"


def test_problem_without_line() -> None:
    problem = FileProblem("plan.toml", None, "target", "missing")
    assert str(problem) == "plan.toml: target: missing"


def test_problem_without_path() -> None:
    problem = FileProblem("plan.toml", 3, "", "not valid TOML")
    assert str(problem) == "plan.toml:3: not valid TOML"


def test_error_sorts_problems_by_line_whole_file_ones_first() -> None:
    error = PlanFileError([
        FileProblem("p", 9, "b", "x"),
        FileProblem("p", 2, "a", "y"),
        FileProblem("p", None, "target", "missing"),
    ])
    assert [p.line for p in error.problems] == [None, 2, 9]
    assert str(error).splitlines() == ["p: target: missing", "p:2: a: y", "p:9: b: x"]
