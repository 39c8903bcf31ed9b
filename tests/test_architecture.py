"""The house stays in order: no import circles, small modules, concept names, no history.

import-linter (tests/test_quality.py runs it) checks the layers between packages; these
tests check what it does not: no circle between any two modules (lazy imports inside
functions and TYPE_CHECKING imports included), every package placed in a layers
contract, module sizes, and names and comments that say what, never when.
"""

from __future__ import annotations

import re
import statistics
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "alignplanner"

MEDIAN_LINES = 150
MAX_LINES = 450


# -------------------------------------------------------------------------- import circles


def circles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan), or a module that
    imports itself: the import circles of ``graph`` (module -> modules it imports)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1 or node in graph.get(node, ()):
                    found.append(sorted(members))
    return found


def _graph(package: str) -> dict[str, set[str]]:
    """module -> the modules of ``package`` it imports, any way it imports them."""
    built = grimp.build_graph(package, include_external_packages=False, cache_dir=None)
    return {module: set(built.find_modules_directly_imported_by(module))
            for module in built.modules}


def test_the_circle_finder_finds_circles() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"a"}}) == [["a"]]
    assert circles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_a_lazy_import_closes_a_circle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import inside a function counts: the check sees what a lazy import does."""
    package = tmp_path / "circlepkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from circlepkg import second\n")
    (package / "second.py").write_text("def later():\n    from circlepkg import first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert circles(_graph("circlepkg")) == [["circlepkg.first", "circlepkg.second"]]


@pytest.mark.slow
def test_no_import_circles_in_the_package() -> None:
    graph = _graph("alignplanner")
    assert len(graph) > 100  # the whole package, not a stale or empty graph
    assert "alignplanner.domain.plan.plan" in graph["alignplanner.domain.engine.compute"]
    found = circles(graph)
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


# ------------------------------------------------------ every package has its place


def _packages() -> list[str]:
    return sorted(
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in PACKAGE.rglob("__init__.py")
        if p.parent != PACKAGE
    )


def _layered() -> set[str]:
    """Every module or package named in a layer of a layers contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    named: set[str] = set()
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] == "layers":
            for layer in contract["layers"]:
                named.update(part.strip(" ()") for part in re.split(r"[|:]", layer))
    return named


def test_every_package_is_placed_in_a_layers_contract() -> None:
    packages = _packages()
    assert "alignplanner.domain.engine" in packages
    missing = [p for p in packages if p not in _layered()]
    assert not missing, ("packages in no layers contract of pyproject.toml (place them in "
                         f"the layer they belong to): {missing}")


def test_every_package_has_an_init_with_a_docstring() -> None:
    """A folder of modules without __init__.py is a namespace package, which the import
    checks do not see."""
    for folder in (p for p in PACKAGE.rglob("*") if p.is_dir() and p.name != "__pycache__"):
        if not any(folder.glob("*.py")):
            continue
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder.relative_to(ROOT)} has no __init__.py"
        assert init.read_text(encoding="utf-8").lstrip().startswith('"""'), (
            f"{init.relative_to(ROOT)} does not say what the package is for")


# ------------------------------------------------------------------------ small modules


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_modules_stay_small() -> None:
    lengths = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
               for p in _modules()}
    assert statistics.median(lengths.values()) <= MEDIAN_LINES
    too_long = {p: n for p, n in lengths.items() if n > MAX_LINES}
    assert not too_long, f"modules over {MAX_LINES} lines: {too_long}"


# ----------------------------------------------- names and comments say what, not when

ISSUE_CITATION = re.compile(r"\bissues?\s*#?\s*\d+|\(issue\b", re.IGNORECASE)
DELIVERY_NAME = re.compile(r"^(ops|issue|part|phase|step|sprint|v\d+|new|old|extra|misc)"
                           r"(_|\d|$)|_(v\d+|new|old|fast|slow|extra)$")


def issue_citations(text: str) -> list[int]:
    """The lines of ``text`` that cite an issue by number."""
    return [n for n, line in enumerate(text.splitlines(), 1) if ISSUE_CITATION.search(line)]


def delivery_named(name: str) -> bool:
    """True for a module or folder name that says when it was made, not what it is."""
    return bool(DELIVERY_NAME.search(name.removesuffix(".py")))


def test_the_citation_and_name_checks_see_what_they_must() -> None:
    assert issue_citations("x = 1  # operations (issue 4)\n") == [1]
    assert issue_citations("ok\nsee issue #12 for why\n") == [2]
    assert issue_citations("the issue is the rounding\n") == []
    assert [n for n in ("ops_checks.py", "engine_v2.py", "chain_fast.py", "part2",
                        "new_panel.py") if delivery_named(n)] == [
        "ops_checks.py", "engine_v2.py", "chain_fast.py", "part2", "new_panel.py"]
    assert not [n for n in ("operations.py", "stages.py", "news.py", "steps.py")
                if delivery_named(n)]


def _project_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / "build.spec"]
    for folder in ("alignplanner", "tests", "bench", "docs"):
        files += [p for p in (ROOT / folder).rglob("*")
                  if p.suffix in {".py", ".md", ".toml"} and "__pycache__" not in p.parts]
    return [p for p in files if p.is_file()]


def test_no_comment_cites_an_issue() -> None:
    found = [f"{p.relative_to(ROOT).as_posix()}:{n}"
             for p in _project_files() if p != Path(__file__)
             for n in issue_citations(p.read_text(encoding="utf-8"))]
    assert not found, "say what and why, not which issue:\n" + "\n".join(found)


def test_no_module_or_folder_is_named_after_a_delivery() -> None:
    names = [p for folder in ("alignplanner", "tests", "bench")
             for p in (ROOT / folder).rglob("*")
             if (p.is_dir() or p.suffix == ".py") and "__pycache__" not in p.parts]
    found = [p.relative_to(ROOT).as_posix() for p in names if delivery_named(p.name)]
    assert not found, f"name these by what they are: {found}"
