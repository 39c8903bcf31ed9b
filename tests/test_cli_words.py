"""The command line in the words the app uses: sign-off roles as the app shows them,
two stages of one name refused by ``validate``, files it cannot write said plainly."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import PLAN, SIGNOFF

from alignplanner.cli import main
from alignplanner.cli.agreement import role_id


@pytest.mark.parametrize(("text", "role"), [
    ("Sales", "sales"), ("sales", "sales"), ("  MARKETING ", "marketing"),
    ("Customer success", "customer_success"), ("customer-success", "customer_success"),
    ("RevOps", "revops"), ("SDR", "sdr"),
])
def test_roles_as_the_app_shows_them(text: str, role: str) -> None:
    assert role_id(text) == role


def test_sign_accepts_the_role_as_the_app_shows_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agreement.toml"
    path.write_text(PLAN + SIGNOFF, encoding="utf-8")
    assert main(["sign", str(path), "--role", "Sales", "--name", "Sam"]) == 0
    assert f"{path}: signed for sales by Sam" in capsys.readouterr().out
    assert main(["sign", str(path), "--role", "Bogus", "--name", "Sam"]) == 1


def test_sign_of_a_utf16_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agreement.toml"
    path.write_bytes((PLAN + SIGNOFF).encode("utf-16"))
    assert main(["sign", str(path), "--role", "Marketing", "--name", "Dana"]) == 0
    out = capsys.readouterr().out
    assert "written in canonical form" in out
    assert main(["verify", str(path)]) == 1  # sales is still missing, the file reads


def test_validate_refuses_two_stages_of_one_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.toml"
    text = PLAN.replace('name = "Opportunity"', 'name = "LEAD"')
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x == 'name = "LEAD"')
    assert capsys.readouterr().out == (  # validate lists the problems on standard output
        f"{path}:{line}: stages[1].name: stage name 'LEAD' is already used by stage 1 "
        "(lead); give each stage its own name\n")


def test_export_into_a_missing_folder_says_so_plainly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "gone" / "out.toml"
    assert main(["export", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"{out}: cannot write: the folder {out.parent} does not exist\n"


def test_a_file_that_cannot_be_read_says_why_without_errno(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "missing.toml")]) == 1
    err = capsys.readouterr().out
    assert err == f"{tmp_path / 'missing.toml'}: no such file\n"
    assert "Errno" not in err
