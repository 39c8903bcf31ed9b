"""The command line, run in-process (plus one real subprocess that must not load Qt)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from float_tolerance import assert_close

from alignplanner import __version__
from alignplanner.cli import main, tables, verbs

ROOT = Path(__file__).resolve().parent.parent

PLAN = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "CLI test plan"
currency = "EUR"
start = 2027-01-01
months = 12
rounding = "nearest"

[target]
revenue = 1200000
average_deal_size = 10000

[[stages]]
id = "lead"
name = "Lead"
owner = "marketing"
conversion = 0.2
days = 30

[[stages]]
id = "opp"
name = "Opportunity"
owner = "sales"
conversion = 0.25
days = 60

[[stages]]
id = "won"
name = "Won"
owner = "sales"

[[sources]]
id = "inbound"
name = "Inbound"
enters = "lead"
share = 0.75

[[sources]]
id = "partner"
enters = "opp"
share = 0.25
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _line(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def _write(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- compute ---------------------------------------------------------------------------------


def test_compute_prints_tables(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(plan_file)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("CLI test plan\nEUR 1,200,000 over 12 months from Jan 2027")
    assert "Wins the target needs: 120" in out
    header = next(line for line in out.splitlines() if line.startswith("Stage "))
    assert header.split()[:5] == ["Stage", "Owner", "Total", "Pre-plan", "Jan"]
    assert header.endswith("Dec 2027")
    lead = next(line for line in out.splitlines() if line.startswith("Lead "))
    assert lead.split()[1] == "marketing"
    assert lead.split()[2] == "1,800"  # inbound's 90 wins / (0.2 * 0.25); partner enters later
    assert any(line.startswith("Inbound ") for line in out.splitlines())
    assert any(line.startswith("partner ") for line in out.splitlines())  # id when no name
    assert "\nWarnings\n" in out


def test_compute_long_plans_in_blocks_of_twelve_months(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, PLAN.replace("months = 12", "months = 30"), "long.toml")
    assert main(["compute", str(path)]) == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("Stage ")]
    assert len(headers) == 3
    assert headers[1].split()[1:3] == ["Jan", "2028"]
    assert headers[2].endswith("Jun 2029")


def test_compute_json_is_the_requirements_structure(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alignplanner.contract.reader import load
    from alignplanner.contract.write.requirements import requirements_dict

    assert main(["compute", str(plan_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = requirements_dict(load(plan_file).result)
    assert list(data) == list(expected)
    assert data["months"][0] == "2027-01-01"
    assert data["stages"][0]["id"] == "lead"
    # the command's compute and this one are two computations of the plan
    assert_close(data["stages"][0]["monthly"], expected["stages"][0]["monthly"])
    assert_close(data["sources"][1]["volumes"], expected["sources"][1]["volumes"])


def test_compute_of_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, PLAN.replace("conversion = 0.2\n", "conversion = 0\n"))
    assert main(["compute", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"{path}:19: stages[0].conversion: conversion must be above 0 and at "
                   "most 1, got 0\n")


# -- validate --------------------------------------------------------------------------------


def test_validate_a_valid_file(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(plan_file)]) == 0
    assert capsys.readouterr().out == f"{plan_file}: valid (3 stages, 2 sources, 12 months)\n"


def test_validate_counts_the_implicit_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, PLAN[: PLAN.index("[[sources]]")].replace("months = 12", "months = 1"))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.endswith("valid (3 stages, 1 source, 1 month)\n")


def test_validate_prints_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PLAN.replace("conversion = 0.2\n", "conversion = 0\n")
    text = text.replace("share = 0.25", "share = 0.2")
    text = text.replace('owner = "sales"\nconversion', 'ownr = "sales"\nconversion')
    path = _write(tmp_path, text)
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:{_line(text, 'conversion = 0')}: stages[0].conversion: conversion must be above 0 "
        "and at most 1, got 0",
        f"{path}:{_line(text, 'ownr')}: stages[1].ownr: unknown key 'ownr'; did you mean 'owner'?",
        f"{path}:{_line(text, '[[sources]]')}: sources: source shares must add up to 1 (100%), "
        "they add up to 0.95 (95.00%)",
    ]


def test_validate_reports_stale_requirements(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exported.toml"
    assert main(["export", str(plan_file), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8").replace("revenue = 1200000", "revenue = 1300000")
    stale = _write(tmp_path, text, "stale.toml")
    capsys.readouterr()
    assert main(["validate", str(stale)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{stale}:")
    assert ": requirements.wins: does not follow from the inputs (stored 120, computed 130)" in (
        lines[0]
    )
    assert lines[-1].startswith(f"{stale}: the stored [requirements] do not follow")
    # compute and export still work on it: they recompute.
    assert main(["compute", str(stale)]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not TOML", ":1: not valid TOML: "),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ": is a binary file, not a plan (TOML text)"),
        (b'format = "alignplanner.plan"\nversion = 9\n', ":2: version: this file was written by a"),
        (b'[plan]\nname = "\xe9"\n', ":2: is not UTF-8 text (byte 0xe9 at column 9)"),
    ],
)
def test_validate_bad_files_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}{message}")
    assert "Traceback" not in out + err


def test_validate_missing_file_and_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nope.toml")]) == 1
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{tmp_path / 'nope.toml'}: no such file",
        f"{tmp_path}: is a folder, not a plan file",
    ]


# -- export ----------------------------------------------------------------------------------


def test_export_writes_the_canonical_file(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alignplanner.contract.reader import load
    from alignplanner.contract.writer import dumps

    out = tmp_path / "out.toml"
    assert main(["export", str(plan_file), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: written with fresh requirements\n"
    loaded = load(plan_file)
    assert out.read_text(encoding="utf-8") == dumps(loaded.plan, loaded.result)
    assert load(out).stale_requirements == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml", "plan.toml"]


def test_export_to_standard_output(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(plan_file), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('format = "alignplanner.plan"\n')
    assert "[requirements]" in out


def test_export_refuses_to_overwrite_its_input(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(plan_file), "-o", str(plan_file)]) == 2
    err = capsys.readouterr().err
    assert "refusing to write over the input" in err
    assert "--force" in err
    assert plan_file.read_text(encoding="utf-8") == PLAN
    assert main(["export", str(plan_file), "-o", str(plan_file), "--force"]) == 0
    assert "[requirements]" in plan_file.read_text(encoding="utf-8")


def test_export_notes_stale_requirements(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.toml"
    assert main(["export", str(plan_file), "-o", str(first)]) == 0
    stale = _write(tmp_path, first.read_text(encoding="utf-8").replace(
        "revenue = 1200000", "revenue = 1300000"), "stale.toml")
    capsys.readouterr()
    assert main(["export", str(stale), "-o", str(tmp_path / "fresh.toml")]) == 0
    assert "were out of date" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "fresh.toml")]) == 0


def test_export_into_a_missing_folder(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "out.toml"
    assert main(["export", str(plan_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{out}: cannot write: ")
    assert "does not exist" in err


def test_export_of_an_invalid_file_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, PLAN.replace("revenue = 1200000", "revenue = -1"))
    out = tmp_path / "out.toml"
    assert main(["export", str(path), "-o", str(out)]) == 1
    assert "target.revenue" in capsys.readouterr().err
    assert not out.exists()


# -- the rest --------------------------------------------------------------------------------


def test_no_arguments_shows_the_sample_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No plan file given: the built-in sample plan (")
    assert "midmarket-saas.toml" in out.splitlines()[0]
    assert any(line.startswith("Stage ") for line in out.splitlines())


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"alignplanner {__version__}\n"


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for verb in ("compute", "validate", "export"):
        assert verb in out


@pytest.mark.parametrize(
    "argv",
    [["bogus"], ["compute"], ["validate", "a", "b"], ["export", "x.toml"], ["compute", "--nope"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: alignplanner" in capsys.readouterr().err


def test_an_internal_error_is_one_line(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("bug")

    monkeypatch.setattr(verbs, "render", broken)
    assert main(["compute", str(plan_file)]) == 1
    assert capsys.readouterr().err == "alignplanner: internal error: RuntimeError: bug\n"


def test_month_labels_ignore_the_locale() -> None:
    from datetime import date

    assert tables.month_label(date(2027, 9, 1)) == "Sep 2027"


def test_python_m_alignplanner_compute_loads_no_qt(plan_file: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "alignplanner", "compute", str(plan_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Lead" in result.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "alignplanner.cli" in imported
    assert not [m for m in imported if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"}]


# -- diff -----------------------------------------------------------------------------------


def test_diff_prints_one_line_per_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text(PLAN, encoding="utf-8")
    b.write_text(PLAN.replace("conversion = 0.2\n", "conversion = 0.25\n", 1), encoding="utf-8")
    assert main(["diff", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Lead conversion 20% -> 25%"
    assert len(lines) > 1
    assert main(["diff", str(a), str(a)]) == 0
    assert capsys.readouterr().out == ""


def test_diff_json_and_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text(PLAN, encoding="utf-8")
    b.write_text(PLAN.replace("revenue = 1200000", "revenue = 1300000"), encoding="utf-8")
    assert main(["diff", str(a), str(b), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert changes[0] == {"path": "target.revenue", "kind": "input", "before": 1200000,
                          "after": 1300000, "text": "Revenue target 1,200,000 EUR -> "
                          "1,300,000 EUR"}
    assert main(["diff", str(a), str(tmp_path / "missing.toml")]) == 1
    assert "missing.toml" in capsys.readouterr().err


# -- export formats -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "toml"])
def test_export_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(plan), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    if fmt == "json":
        assert json.loads(text)["plan"]["start"] == "2027-01-01"
    elif fmt == "csv":
        assert text.startswith("kind,id,month,exact,rounded\nstage,lead,2027-01-01,")
    else:
        assert text.startswith('format = "alignplanner.plan"\n')
    capsys.readouterr()
    assert main(["export", str(plan), "--format", fmt, "-o", "-"]) == 0
    assert capsys.readouterr().out == text


# -- capacity and SLAs -------------------------------------------------------------------------

OPS_PLAN = PLAN + """
[calendar]
timezone = "Europe/Berlin"
holidays = [2027-01-01]

[[roles]]
id = "sdr"
works = "lead"
per_rep_per_month = 100
handle_minutes = 20
headcount = 2

[[roles]]
id = "ae"
works = "opp"
quota_per_month = 40000
attainment = 0.75
handle_minutes = 30
headcount = 3

[[slas]]
id = "lead-first-touch"
from = "lead"
to = "opp"
role = "sdr"
respond_within_minutes = 5
target = 0.95
"""


def test_compute_shows_capacity_and_sla_feasibility(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, OPS_PLAN, "ops.toml")
    assert main(["compute", str(path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "Capacity: SDRs (work Lead; in Leads per month)" in lines
    assert "Capacity: AEs (work Opportunity; in EUR per month)" in lines
    # 1,800 leads over the year at 150 a month against 2 reps x 100
    required = next(line for line in lines if line.startswith("Required ")).split()
    assert required[1:3] == ["150", "150"]
    sla = next(line for line in lines if line.startswith("SLA lead-first-touch: "))
    assert "95% answered within 5 minutes" in sla
    service = next(line for line in lines if line.startswith("Service level ")).split()
    assert len(service) == 2 + 12
    assert all(v.endswith("%") for v in service[2:])
    assert "AEs are short in 12 of 12 months" in out.replace("\n  ", " ")


def test_compute_json_has_capacity_and_slas_as_in_requirements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alignplanner.contract.reader import load
    from alignplanner.contract.write.requirements import requirements_dict

    path = _write(tmp_path, OPS_PLAN, "ops.toml")
    assert main(["compute", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = requirements_dict(load(path).result)
    assert list(data) == list(expected)
    assert [c["role"] for c in data["capacity"]] == ["sdr", "ae"]
    assert_close(data["capacity"][0]["required"], expected["capacity"][0]["required"])
    assert data["capacity"][1]["hire_by"][0] == "2027-01-01"
    assert data["slas"][0]["id"] == "lead-first-touch"
    assert data["slas"][0]["feasible"] is expected["slas"][0]["feasible"]
    assert data["slas"][0]["reps_needed"] == expected["slas"][0]["reps_needed"]


def test_validate_names_file_line_and_key_of_sla_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = OPS_PLAN.replace('from = "lead"', 'from = "opp"').replace(
        "headcount = 3", "heads = 3")
    path = _write(tmp_path, text)
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{path}:{_line(text, 'heads = 3')}: roles[1].heads: unknown "
                               "key 'heads'; did you mean") for line in lines)
    to_line = _line(text, 'to = "opp"')
    assert f"{path}:{to_line}: slas[0].to: the hand-off goes from 'opp' to a later stage; " \
        "'opp' is not after it" in lines
    role_line = _line(text, 'role = "sdr"')
    assert any(line.startswith(f"{path}:{role_line}: slas[0].role: role 'sdr' works 'lead'")
               for line in lines)


def test_validate_counts_roles_and_slas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, OPS_PLAN, "ops.toml")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: valid (3 stages, 2 sources, 2 roles, 1 SLA, 12 months)\n")
# -- sign and verify ------------------------------------------------------------------------

SIGNOFF = '\n[signoff]\nrequired = ["marketing", "sales"]\n'


@pytest.fixture
def signoff_file(tmp_path: Path) -> Path:
    return _write(tmp_path, PLAN + SIGNOFF, "agreement.toml")


def _signed_by(path: Path) -> list[tuple[str, str]]:
    from alignplanner.contract.reader import load

    return [(s.role, s.name) for s in load(path).plan.signoff.signatures]


def test_sign_twice_and_verify(signoff_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(signoff_file)]) == 1
    out = capsys.readouterr().out
    assert f"{signoff_file}: missing signature: marketing, sales have not signed" in out
    assert main(["sign", str(signoff_file), "--role", "marketing", "--name", "Dana"]) == 0
    out = capsys.readouterr().out
    assert f"{signoff_file}: signed for marketing by Dana" in out
    assert "Draft: waiting for sales." in out
    assert main(["verify", str(signoff_file)]) == 1
    assert "missing signature: sales has not signed" in capsys.readouterr().out
    assert main(["sign", str(signoff_file), "--role", "sales", "--name", "Sam"]) == 0
    capsys.readouterr()
    assert main(["verify", str(signoff_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{signoff_file}: agreed and intact (sha256:")
    assert _signed_by(signoff_file) == [("marketing", "Dana"), ("sales", "Sam")]
    assert main(["validate", str(signoff_file)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_an_edit_after_signing_is_reported(
    signoff_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for role, name in (("marketing", "Dana"), ("sales", "Sam")):
        assert main(["sign", str(signoff_file), "--role", role, "--name", name]) == 0
    edited = signoff_file.read_text("utf-8").replace("conversion = 0.25\n", "conversion = 0.3\n",
                                                      1)
    signoff_file.write_text(edited, "utf-8")
    from alignplanner.contract.reader import load
    from alignplanner.contract.writer import dump

    loaded = load(signoff_file)  # recompute the requirements, as the app does on save
    dump(signoff_file, loaded.plan, loaded.result)
    capsys.readouterr()
    assert main(["validate", str(signoff_file)]) == 0  # a changed plan is a valid draft
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith(f"{signoff_file}: warning: signoff: Draft: waiting for marketing "
                             "and sales. The plan changed since marketing (Dana, ")
    assert out[1].endswith(": stage 'Opportunity' changed.")
    assert main(["verify", str(signoff_file)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{signoff_file}: not agreed"
    reasons = [line for line in lines[1:] if ": note: unverified, made before keys" not in line]
    assert [line.split(": digest mismatch: ")[1].split(" (")[0] for line in reasons] == [
        "marketing", "sales"]
    assert all(line.endswith("changed since: stage 'Opportunity' changed") for line in reasons)


def test_sign_refuses_unknown_roles_and_names(
    tmp_path: Path, signoff_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = signoff_file.read_bytes()
    assert main(["sign", str(signoff_file), "--role", "finance", "--name", "Fay"]) == 1
    err = capsys.readouterr().err
    assert "signoff.required: role 'finance' is not asked to sign this plan (roles: marketing, "\
        "sales)" in err
    assert main(["sign", str(signoff_file), "--role", "marketing", "--name", " "]) == 1
    assert "signoff.signatures[0].name: the name must not be empty" in capsys.readouterr().err
    assert signoff_file.read_bytes() == before
    named = _write(tmp_path, PLAN + SIGNOFF + '\n[[signoff.approvers]]\nrole = "marketing"\n'
                   'name = "Dana"\n\n[[signoff.approvers]]\nrole = "sales"\nname = "Sam"\n',
                   "named.toml")
    assert main(["sign", str(named), "--role", "sales", "--name", "Someone"]) == 1
    assert "Someone is not a named approver for sales (Sam)" in capsys.readouterr().err
    plain = _write(tmp_path, PLAN, "plain.toml")
    assert main(["sign", str(plain), "--role", "marketing", "--name", "Dana"]) == 1
    assert "none: [signoff] required is empty" in capsys.readouterr().err


def test_sign_refuses_stale_requirements_and_broken_files(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alignplanner.contract.reader import load
    from alignplanner.contract.writer import dumps

    loaded = load(plan_file)
    stale = dumps(loaded.plan, loaded.result).replace("conversion = 0.2\n", "conversion = 0.3\n")
    path = _write(tmp_path, stale + SIGNOFF, "stale.toml")
    assert main(["sign", str(path), "--role", "marketing", "--name", "Dana"]) == 1
    assert "requirements: the stored requirements do not follow from the inputs" in (
        capsys.readouterr().err)
    assert main(["verify", str(path)]) == 1
    assert "requirements that do not follow from the inputs: " in capsys.readouterr().out
    broken = _write(tmp_path, PLAN.replace("conversion = 0.2\n", "conversion = 2\n") + SIGNOFF)
    assert main(["sign", str(broken), "--role", "marketing", "--name", "Dana"]) == 1
    assert "stages[0].conversion" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "missing.toml")]) == 1


def test_verify_of_a_plan_that_requires_nobody(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(plan_file)]) == 1
    assert "the plan names no roles that must sign it" in capsys.readouterr().out
    assert main(["validate", str(plan_file)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_sign_and_verify_through_the_console_entry_point(
    signoff_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alignplanner.__main__ import main as entry

    assert entry(["sign", str(signoff_file), "--role", "sales", "--name", "Sam"]) == 0
    assert entry(["verify", str(signoff_file)]) == 1
    assert "missing signature: marketing has not signed" in capsys.readouterr().out


def test_verify_notes_an_optional_signature_on_an_earlier_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from alignplanner.contract.reader import load
    from alignplanner.contract.writer import dump

    path = _write(tmp_path, PLAN + SIGNOFF + '\n[[signoff.approvers]]\nrole = "marketing"\n'
                  'name = "Dana"\n\n[[signoff.approvers]]\nrole = "sales"\nname = "Sam"\n\n'
                  '[[signoff.approvers]]\nrole = "finance"\nname = "Fay"\n', "optional.toml")
    assert main(["sign", str(path), "--role", "finance", "--name", "Fay"]) == 0
    loaded = load(path)
    dump(path, loaded.plan.with_changes(name="CLI test plan, revised"), loaded.result)
    for role, name in (("marketing", "Dana"), ("sales", "Sam")):
        assert main(["sign", str(path), "--role", role, "--name", name]) == 0
    capsys.readouterr()
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert "note: finance (Fay, " in out
    assert out.endswith("signed an earlier version\n")


def test_a_required_role_dropped_by_hand_after_signing_fails_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review: [signoff] is not in the digest, so deleting "finance" from the
    roles that must sign once marketing and sales had signed made the plan "agreed"."""
    three = SIGNOFF.replace('["marketing", "sales"]', '["marketing", "sales", "finance"]')
    path = _write(tmp_path, PLAN + three, "three.toml")
    for role, name in (("marketing", "Dana"), ("sales", "Sam")):
        assert main(["sign", str(path), "--role", role, "--name", name]) == 0
    assert main(["verify", str(path)]) == 1  # finance has not signed
    text = path.read_text("utf-8")
    path.write_text(text.replace('"marketing", "sales", "finance"', '"marketing", "sales"'),
                    "utf-8")
    capsys.readouterr()
    assert main(["verify", str(path)]) == 1
    assert "who must sign changed" in capsys.readouterr().out


def test_a_signature_dated_in_the_future_fails_verify(
    signoff_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for role, name in (("marketing", "Dana"), ("sales", "Sam")):
        assert main(["sign", str(signoff_file), "--role", role, "--name", name]) == 0
    assert main(["verify", str(signoff_file)]) == 0
    text = signoff_file.read_text("utf-8")
    year = re.search(r"signed_at = (\d{4})-", text)
    assert year is not None
    signoff_file.write_text(text.replace(f"signed_at = {year[1]}-", "signed_at = 2126-", 1),
                            "utf-8")
    capsys.readouterr()
    assert main(["verify", str(signoff_file)]) == 1
    assert "signed in the future: marketing (Dana, 2126-" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["compute", "plan.toml"], ["compute", "plan.toml", "--json"], ["compute", "--json", "p.toml"],
])
def test_the_plain_compute_reads_what_argparse_reads(argv: list[str]) -> None:
    """`compute FILE [--json]` skips argparse (start-up time); it must mean the same."""
    from alignplanner.cli import _parser, plain_compute

    plain = plain_compute(argv)
    assert plain is not None
    assert vars(plain) == vars(_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["compute"], ["compute", "--js", "p.toml"], ["compute", "--", "p.toml"],
    ["compute", "-x.toml"], ["compute", "a.toml", "b.toml"], ["validate", "p.toml"],
    ["compute", "p.toml", "--json", "--json"],
])
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    from alignplanner.cli import plain_compute

    assert plain_compute(argv) is None


def test_sign_keeps_the_scenarios_and_settings_beside_the_plan(tmp_path: Path) -> None:
    """`sign` rewrites the file: what it holds beside the plan must survive (it was dropped)."""
    from alignplanner.contract.reader import load

    beside = """
[uncertainty]
seed = 7

[[scenarios]]
name = "Worst case"
set = { "target.revenue" = 9000000 }
"""
    path = _write(tmp_path, PLAN + SIGNOFF + beside, "beside.toml")
    before = load(path)
    assert main(["sign", str(path), "--role", "marketing", "--name", "Dana"]) == 0
    after = load(path)
    assert after.scenarios == before.scenarios
    assert after.scenarios.names == ("Worst case",)
    assert after.uncertainty.seed == 7
