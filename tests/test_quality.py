"""The code base stays linted, typed and layered, and the Qt-free core stays Qt-free.

The linters are configured in pyproject.toml; these tests run them, so CI fails when they do.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "alignplanner"
QT_PACKAGES = frozenset({"PySide6", "pyqtgraph", "shiboken6"})



def _run(*command: str) -> None:
    """Run ``command`` in the checkout; fail with its output if it fails."""
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}",
            pytrace=False,
        )


def _tool(name: str) -> str:
    """The console script ``name`` of the running Python's environment."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'", pytrace=False)
    return found


# ---------------------------------------------------------------------------- the tools


@pytest.mark.slow
def test_ruff() -> None:
    _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")


@pytest.mark.slow
def test_mypy() -> None:
    # The files and the per-package strictness come from pyproject.toml.
    _run(sys.executable, "-m", "mypy")


@pytest.mark.slow
def test_import_layers() -> None:
    _run(_tool("lint-imports"), "--no-cache")


# --------------------------------------------------- no Qt below the document layer


def _qt_free_modules() -> list[Path]:
    modules: list[Path] = []
    for package in ("domain", "contract", "cli"):
        modules += sorted((PACKAGE / package).rglob("*.py"))
    return modules


def _imported_names(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in ``tree``, also those by importlib or __import__."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            yield node.lineno, node.args[0].value


def _qt_imports(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename=filename)
    return [
        f"{filename}:{line}: imports {name}"
        for line, name in _imported_names(tree)
        if name.split(".")[0] in QT_PACKAGES
    ]


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6",
        "from PySide6.QtCore import QObject",
        "import pyqtgraph as pg",
        "def f():\n    import shiboken6",
        "import importlib\nimportlib.import_module('PySide6.QtGui')",
        "__import__('pyqtgraph')",
    ],
)
def test_the_qt_import_scan_sees(source: str) -> None:
    assert _qt_imports(source, "example.py")


@pytest.mark.parametrize(
    "source", ["import tomllib", "from . import PySide6", "from .pyqtgraph import x", "x = 1"]
)
def test_the_qt_import_scan_ignores(source: str) -> None:
    assert not _qt_imports(source, "example.py")


def test_domain_contract_and_cli_import_no_qt() -> None:
    modules = _qt_free_modules()
    assert len(modules) > 3, "no modules found under alignplanner/domain, contract or cli"
    found = [
        problem
        for module in modules
        for problem in _qt_imports(
            module.read_text(encoding="utf-8"), module.relative_to(ROOT).as_posix()
        )
    ]
    assert not found, "Qt below the document layer:\n" + "\n".join(found)


def test_importing_the_cli_loads_no_qt() -> None:
    probe = (
        "import sys, alignplanner.cli\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(QT_PACKAGES)!r})\n"
        "print('\\n'.join(qt))\n"
        "sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, (
        f"importing alignplanner.cli loaded Qt:\n{result.stdout}{result.stderr}"
    )


# ------------------------------------------------------------------ README and CI agree


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)]


def test_readme_opens_with_the_run_and_test_commands() -> None:
    run, test = _readme_commands()[:2]
    assert "\n" not in run
    assert "\n" not in test
    assert run.endswith(".venv/bin/alignplanner")
    assert "pytest" in test


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    test = _readme_commands()[1]
    ci_lines = [
        line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ]
    assert test in ci_lines, f".ci/run does not run the README's test command:\n{test}"
