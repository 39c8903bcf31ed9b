"""Find the files that ship with AlignPlanner: resources (icons, style sheets, schema) and
the sample plans in scenarios/.

The same two folders live in three places, and this module is the only code that knows it:

- a PyInstaller bundle: ``<sys._MEIPASS>/resources`` and ``<sys._MEIPASS>/scenarios``
  (build.spec puts them there);
- an installed wheel: ``alignplanner/_data/resources`` and ``alignplanner/_data/scenarios``
  (pyproject.toml force-includes them);
- a source checkout, also under an editable install: the top-level ``resources/`` and
  ``scenarios/`` beside ``pyproject.toml``.

No Qt here: the command line uses this module too.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

__all__ = [
    "SAMPLE_PLAN",
    "resource_path",
    "sample_plan_path",
    "scenario_names",
    "scenario_path",
]

SAMPLE_PLAN = "midmarket-saas"
"""The plan the app opens when started without a file (``scenarios/midmarket-saas.toml``)."""

_PACKAGE_DIR = Path(__file__).resolve().parent
_SCENARIO_SUFFIX = ".toml"


def _candidate_roots() -> list[Path]:
    """Folders that may hold ``resources/`` and ``scenarios/``, most specific first."""
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        roots.append(Path(bundle))
    roots.append(_PACKAGE_DIR / "_data")
    checkout = _PACKAGE_DIR.parent
    # A checkout is recognised by its pyproject.toml, so that an unrelated "resources"
    # folder beside an installed package (in site-packages) is never picked up.
    if (checkout / "pyproject.toml").is_file():
        roots.append(checkout)
    return roots


def _folder(kind: str) -> Path:
    """The shipped folder ``kind`` ("resources" or "scenarios") for this installation."""
    roots = _candidate_roots()
    for root in roots:
        if (root / kind).is_dir():
            return root / kind
    searched = ", ".join(str(root / kind) for root in roots)
    raise FileNotFoundError(f"AlignPlanner's {kind} folder is missing; looked in: {searched}")


def _relative(name: str) -> PurePosixPath:
    """``name`` as a relative path that stays inside its folder, or ValueError."""
    relative = PurePosixPath(name)
    if not name or relative.is_absolute() or ".." in relative.parts or "\\" in name:
        raise ValueError(f"not a plain relative resource name: {name!r}")
    return relative


def resource_path(name: str) -> Path:
    """The path of the shipped resource ``name`` (e.g. ``"README.md"``, ``"icons/app.svg"``).

    Raises FileNotFoundError if no such file ships, ValueError for a name that is absolute or
    climbs out of the folder.
    """
    path = _folder("resources").joinpath(*_relative(name).parts)
    if not path.is_file():
        raise FileNotFoundError(f"no resource named {name!r} (looked for {path})")
    return path


def scenario_names() -> list[str]:
    """The names of the shipped sample plans, sorted (``"midmarket-saas"``, ...)."""
    folder = _folder("scenarios")
    return sorted(path.stem for path in folder.glob(f"*{_SCENARIO_SUFFIX}") if path.is_file())


def scenario_path(name: str) -> Path:
    """The path of the sample plan ``name``, given with or without ``.toml``.

    Raises FileNotFoundError naming the plans that do ship if there is no such plan.
    """
    relative = _relative(name)
    if len(relative.parts) != 1:
        raise ValueError(f"a scenario name has no folders: {name!r}")
    stem = name.removesuffix(_SCENARIO_SUFFIX)
    path = _folder("scenarios") / f"{stem}{_SCENARIO_SUFFIX}"
    if not path.is_file():
        known = ", ".join(scenario_names()) or "none"
        raise FileNotFoundError(f"no sample plan named {name!r}; the sample plans are: {known}")
    return path


def sample_plan_path() -> Path:
    """The built-in sample plan that the app opens when started without a file."""
    return scenario_path(SAMPLE_PLAN)
