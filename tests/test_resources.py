"""alignplanner.resources finds the shipped files in a checkout, a wheel and a bundle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from alignplanner import resources
from alignplanner.resources import (
    resource_path,
    sample_plan_path,
    scenario_names,
    scenario_path,
)

ROOT = Path(__file__).resolve().parent.parent


def _shipped_files(folder: str, pattern: str = "**/*") -> list[str]:
    """Files of the checkout's ``folder`` as wheel paths under alignplanner/_data/."""
    base = ROOT / folder
    return sorted(
        f"alignplanner/_data/{folder}/{path.relative_to(base).as_posix()}"
        for path in base.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    )


# ------------------------------------------------------------------------ the checkout


def test_resource_path_finds_the_checkouts_file() -> None:
    path = resource_path("README.md")
    assert path.read_bytes() == (ROOT / "resources" / "README.md").read_bytes()


def test_scenario_names_are_the_checkouts_toml_files() -> None:
    expected = sorted(path.stem for path in (ROOT / "scenarios").glob("*.toml"))
    assert scenario_names() == expected
    assert "midmarket-saas" in scenario_names()


def test_sample_plan_is_midmarket_saas() -> None:
    path = sample_plan_path()
    assert path.name == "midmarket-saas.toml"
    assert path.read_bytes() == (ROOT / "scenarios" / "midmarket-saas.toml").read_bytes()


def test_scenario_path_accepts_the_name_with_or_without_suffix() -> None:
    assert scenario_path("midmarket-saas") == scenario_path("midmarket-saas.toml")


def test_unknown_scenario_names_the_ones_that_exist() -> None:
    with pytest.raises(FileNotFoundError, match=r"midmarket-saas") as excinfo:
        scenario_path("no-such-plan")
    assert "no-such-plan" in str(excinfo.value)


def test_unknown_resource_is_file_not_found() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such-file\.svg"):
        resource_path("icons/no-such-file.svg")


@pytest.mark.parametrize(
    "name", ["", "../pyproject.toml", "/etc/passwd", "icons/../../pyproject.toml", "a\\b"]
)
def test_names_that_leave_the_folder_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="resource name"):
        resource_path(name)


def test_scenario_names_have_no_folders() -> None:
    with pytest.raises(ValueError, match="no folders"):
        scenario_path("sub/midmarket-saas")


# ------------------------------------------------------------------- a frozen bundle


def _fake_tree(root: Path, marker: str) -> Path:
    (root / "resources").mkdir(parents=True)
    (root / "scenarios").mkdir()
    (root / "resources" / "README.md").write_text(marker, encoding="utf-8")
    (root / "scenarios" / "midmarket-saas.toml").write_text(marker, encoding="utf-8")
    return root


def test_a_frozen_bundle_is_searched_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _fake_tree(tmp_path / "bundle", "bundle")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert resource_path("README.md") == bundle / "resources" / "README.md"
    assert sample_plan_path() == bundle / "scenarios" / "midmarket-saas.toml"
    assert scenario_names() == ["midmarket-saas"]


def test_meipass_alone_does_not_make_a_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = _fake_tree(tmp_path / "bundle", "bundle")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert bundle not in resource_path("README.md").parents


def test_missing_folders_say_where_they_were_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "alignplanner"
    package.mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    # site-packages holds an unrelated "resources" folder: it must not be taken for ours.
    (tmp_path / "site-packages" / "resources").mkdir()
    (tmp_path / "site-packages" / "resources" / "README.md").write_text("not ours")

    with pytest.raises(FileNotFoundError, match=r"resources folder is missing.*_data"):
        resource_path("README.md")


# --------------------------------------------------------------------------- the wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the checkout, without build isolation (so without network)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=120,
    )
    (built,) = out.glob("alignplanner-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_ships_resources_and_scenarios(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())

    assert "alignplanner/resources.py" in names
    assert "alignplanner/_data/resources/README.md" in names
    assert "alignplanner/_data/scenarios/midmarket-saas.toml" in names
    missing = [
        name
        for name in _shipped_files("resources") + _shipped_files("scenarios", "*.toml")
        if name not in names
    ]
    assert not missing, f"files of the checkout missing from the wheel: {missing}"
    assert not [name for name in names if name.startswith(("tests/", "scenarios/", "resources/"))]


@pytest.mark.slow
def test_an_installed_wheel_finds_its_own_data(wheel: Path, tmp_path: Path) -> None:
    """Unpack the wheel as a non-editable install would and look the files up from there."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = (
        "import json, alignplanner, alignplanner.resources as r;"
        "print(json.dumps([alignplanner.__file__, str(r.resource_path('README.md')),"
        " str(r.sample_plan_path()), r.scenario_names()]))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,  # not the checkout, so that it is not importable from the cwd
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    package_file, readme, sample, names = json.loads(result.stdout)

    data = site / "alignplanner" / "_data"
    assert Path(package_file).parent == site / "alignplanner"
    assert Path(readme) == data / "resources" / "README.md"
    assert Path(sample) == data / "scenarios" / "midmarket-saas.toml"
    assert names == scenario_names()
