"""The agreement's tables in the plan file: stage ``crm``, ``[scoring]`` and ``[signoff]``
are read with every problem at its key and line, and written back byte for byte."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from plan_edits import ROOT

from alignplanner.contract.agreement import signed, status_of, verify
from alignplanner.contract.digest import digest, part_digests
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.problems import PlanInvalid

SAMPLE = (ROOT / "scenarios" / "midmarket-saas.toml").read_text("utf-8")
AT = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)


def _problems(text: str) -> dict[str, tuple[int | None, str]]:
    with pytest.raises(PlanFileError) as exc:
        loads(text, "p.toml")
    return {p.path: (p.line, p.message) for p in exc.value.problems}


def _line(text: str, fragment: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(fragment, start)) + 1


def test_the_sample_plan_carries_the_agreement() -> None:
    plan = loads(SAMPLE).plan
    assert plan.stages[1].crm["hubspot_lifecycle_stage"] == "marketingqualifiedlead"
    assert plan.scoring is not None
    assert plan.scoring.qualifies_for == "mql"
    assert plan.scoring.high_intent == ("demo_request", "pricing_request")
    assert plan.signoff.required == ("marketing", "sales")
    assert plan.signoff.signatures == ()
    assert status_of(plan).summary() == "Draft: waiting for marketing and sales."


def test_a_signed_plan_round_trips_byte_for_byte() -> None:
    loaded = loads(SAMPLE)
    plan = signed(loaded, "marketing", "Dana Whitfield", AT)
    text = dumps(plan, loaded.result)
    assert 'signed_at = 2026-11-23T14:05:00Z\ndigest = "sha256:' in text
    again = loads(text)
    assert again.plan == plan
    assert dumps(again.plan, again.result) == text
    assert again.plan.signoff.signatures[0].parts == part_digests(plan)


def test_the_digest_leaves_the_signoff_out_and_covers_scoring_and_crm() -> None:
    loaded = loads(SAMPLE)
    plan = signed(loaded, "marketing", "Dana Whitfield", AT)
    assert digest(plan) == digest(loaded.plan)
    for edited in (
        SAMPLE.replace('"Marketing Qualified"', '"MQL"'),
        SAMPLE.replace("fit_threshold = 40", "fit_threshold = 45"),
        SAMPLE.replace("days = 90 }", "days = 60 }"),
    ):
        assert digest(loads(edited).plan) != digest(loaded.plan)


def test_signed_at_must_be_a_utc_date_time() -> None:
    loaded = loads(SAMPLE)
    text = dumps(signed(loaded, "marketing", "Dana Whitfield", AT), loaded.result)
    for bad, words in (
        ("2026-11-23T14:05:00", "end it with Z"),
        ("2026-11-23T15:05:00+01:00", "must be in UTC"),
        ('"2026-11-23T14:05:00Z"', "without quotes"),
        ("2026-11-23", "without quotes"),
        ("2026-11-23T14:05:00.5Z", "to the second"),
    ):
        found = _problems(text.replace("2026-11-23T14:05:00Z", bad))
        line, message = found["signoff.signatures[0].signed_at"]
        assert words in message
        assert line == _line(text, "signed_at")


def test_every_agreement_problem_names_key_and_line() -> None:
    text = (
        SAMPLE.replace('salesforce_lead_status = "Inquiry"', 'salesforce_status = "Inquiry"')
        .replace('qualifies_for = "mql"', 'qualifies_for = "won"')
        .replace(
            'high_intent = ["demo_request", "pricing_request"]',
            'high_intent = ["demo_request", "pricing"]',
        )
        .replace('kind = "demographic"\npoints = 15', 'kind = "behaviour"\npoints = 15')
        .replace('required = ["marketing", "sales"]', 'required = ["marketing", "cfo"]')
        .replace('title = "VP Sales"', 'titel = "VP Sales"')
    )
    found = _problems(text)
    assert set(found) == {
        "stages[0].crm.salesforce_status",
        "scoring.high_intent[1]",
        "scoring.fit[3].kind",
        "signoff.required[1]",
        "signoff.approvers[1].titel",
        "scoring.qualifies_for",
        "signoff.required",  # marketing and sales: 'cfo' signs for neither
    }
    assert found["signoff.approvers[1].titel"][1] == "unknown key 'titel'; did you mean 'title'?"
    assert found["stages[0].crm.salesforce_status"][0] == _line(text, "salesforce_status")
    assert found["scoring.high_intent[1]"][0] == _line(text, "high_intent")
    assert found["scoring.fit[3].kind"][0] == _line(text, 'kind = "behaviour"')
    found = _problems(SAMPLE.replace('qualifies_for = "mql"', 'qualifies_for = "won"'))
    assert found == {
        "scoring.qualifies_for": (
            _line(SAMPLE, "qualifies_for"),
            "'won' is the last ('won') stage; a score qualifies leads for a stage before it",
        )
    }


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("version = 1\n", "version = 1\nsignoff = 3\n", "signoff"),
        ('required = ["marketing", "sales"]', 'required = "marketing"', "signoff.required"),
        ("version = 1\n", "version = 1\nscoring = []\n", "scoring"),
        ('decay = { mode = "expire", days = 90 }', "decay = 90", "scoring.decay"),
        ("fit_threshold = 40", 'fit_threshold = "40"', "scoring.fit_threshold"),
        (
            'crm = { salesforce_lead_status = "Inquiry", hubspot_lifecycle_stage = "lead" }',
            'crm = "Inquiry"',
            "stages[0].crm",
        ),
        (
            'hubspot_lifecycle_stage = "lead"',
            "hubspot_lifecycle_stage = 1",
            "stages[0].crm.hubspot_lifecycle_stage",
        ),
    ],
)
def test_wrong_types_are_named(old: str, new: str, path: str) -> None:
    assert old in SAMPLE
    text = SAMPLE
    if path in ("signoff", "scoring"):  # the table given as a value instead
        text = text[: text.index(f"\n[{path}]\n")] + "\n"
    found = _problems(text.replace(old, new, 1))
    assert path in found, found


def test_verify_of_the_signed_sample() -> None:
    loaded = loads(SAMPLE)
    plan = signed(loaded, "marketing", "Dana Whitfield", AT)
    plan = signed(loads(dumps(plan, loaded.result)), "sales", "Marcus Chen", AT)
    verdict = verify(loads(dumps(plan, loaded.result)))
    assert verdict.ok
    assert verdict.status.summary() == (
        "Agreed: signed by marketing (Dana Whitfield, 2026-11-23 14:05 UTC) and sales "
        "(Marcus Chen, 2026-11-23 14:05 UTC)."
    )


def test_sign_as_two_roles_edit_and_undo_in_memory() -> None:
    from alignplanner.contract.agreement import sign_current

    plan = loads(SAMPLE).plan
    plan = sign_current(plan, "marketing", "Dana Whitfield", AT)
    plan = sign_current(plan, "sales", "Marcus Chen", AT)
    assert status_of(plan).agreed
    edited = stage_edits.set_stage(plan, 1, conversion=0.6)
    status = status_of(edited)
    assert status.state == "draft"
    assert status.missing == ("marketing", "sales")
    assert [str(c) for c in status.changed] == ["stage mql changed"]
    assert status_of(edited.with_changes(stages=plan.stages)).agreed  # undone: agreed again
    with pytest.raises(PlanInvalid) as exc:
        sign_current(plan, "finance", "Fay", AT)
    assert exc.value.problems[0].path == ("signoff", "required")


def test_a_future_version_is_refused_before_its_signoff_is_read() -> None:
    loaded = loads(SAMPLE)
    text = dumps(signed(loaded, "marketing", "Dana Whitfield", AT), loaded.result)
    found = _problems(text.replace("version = 1\n", "version = 2\n", 1))
    assert list(found) == ["version"]
    assert "newer AlignPlanner (plan format version 2)" in found["version"][1]


def test_a_migrated_plan_asks_for_new_signatures(monkeypatch: pytest.MonkeyPatch) -> None:
    from alignplanner.contract import migrations

    loaded = loads(SAMPLE)
    plan = signed(loaded, "marketing", "Dana Whitfield", AT)
    plan = signed(loads(dumps(plan, loaded.result)), "sales", "Marcus Chen", AT)
    text = dumps(plan, loaded.result)
    assert verify(loads(text)).ok
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: lambda raw: raw})  # no key changes
    migrated = loads(text)
    assert migrated.source_version == 1
    assert migrated.plan.signoff == plan.signoff  # the signatures survive the migration
    verdict = verify(migrated)
    assert not verdict.ok
    assert [str(c) for c in verdict.status.changed] == ["format version changed"]
