"""Sign-off: the roles, approvers and signatures, and the agreed/draft status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.agreement.signoff import Approver, Signature, SignOff, sign, withdraw
from alignplanner.domain.agreement.status import PartChange, changed_parts, signoff_status
from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.wording import part_label

OLD = "sha256:" + "a" * 64
NEW = "sha256:" + "b" * 64
AT = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
PARTS_OLD = {
    "plan": "0" * 16,
    "target": "1" * 16,
    "stages": "2" * 16,
    "stages.mql": "3" * 16,
    "stages.sal": "4" * 16,
}
PARTS_NEW = {
    "plan": "0" * 16,
    "target": "f" * 16,
    "stages": "2" * 16,
    "stages.mql": "3" * 16,
    "stages.sql": "5" * 16,
}


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def sig(
    role: str, name: str, digest: str = NEW, parts: dict[str, str] | None = None, at: datetime = AT
) -> Signature:
    return Signature(role, name, at, digest, parts or {})


def test_agreed_only_when_every_required_role_signed_the_current_digest() -> None:
    signoff = SignOff(
        required=("marketing", "sales"), signatures=(sig("marketing", "Dana Whitfield"),)
    )
    status = signoff_status(signoff, NEW)
    assert status.state == "draft"
    assert status.missing == ("sales",)
    assert status.summary() == "Draft: waiting for sales."
    both = sign(signoff, sig("sales", "Sam Ortiz", at=AT + timedelta(hours=1)))
    status = signoff_status(both, NEW)
    assert status.agreed
    assert status.missing == ()
    assert status.stale == ()
    assert status.summary() == (
        "Agreed: signed by marketing (Dana Whitfield, 2026-11-23 "
        "14:05 UTC) and sales (Sam Ortiz, 2026-11-23 15:05 UTC)."
    )


def test_a_signature_on_an_older_digest_is_stale_and_says_what_changed() -> None:
    signoff = SignOff(
        required=("marketing", "sales"),
        signatures=(sig("marketing", "Dana Whitfield", OLD, PARTS_OLD), sig("sales", "Sam Ortiz")),
    )
    status = signoff_status(signoff, NEW, PARTS_NEW)
    assert not status.agreed
    assert status.missing == ("marketing",)
    assert [s.name for s in status.stale] == ["Dana Whitfield"]
    assert status.changed == (
        PartChange("target", "changed"),
        PartChange("stages.sql", "added"),
        PartChange("stages.sal", "removed"),
    )
    assert status.summary() == (
        "Draft: waiting for marketing. The plan changed since marketing (Dana Whitfield, "
        "2026-11-23 14:05 UTC) signed: revenue target changed, stage sql added, stage sal "
        "removed."
    )


def test_stale_signature_without_parts_says_so() -> None:
    signoff = SignOff(required=("marketing", "sales"), signatures=(sig("sales", "Sam", OLD),))
    assert (
        signoff_status(signoff, NEW, PARTS_NEW).summary().endswith("(which parts is not recorded).")
    )


def test_nothing_required_is_never_agreed() -> None:
    status = signoff_status(SignOff(), NEW)
    assert status.state == "draft"
    assert status.summary() == "Draft: the plan names no roles that must sign it."


def test_signing_again_replaces_the_earlier_signature() -> None:
    signoff = SignOff(
        required=("marketing", "sales"),
        signatures=(sig("marketing", "Dana", OLD), sig("sales", "Sam", OLD)),
    )
    again = sign(signoff, sig("marketing", "Dana", NEW))
    assert [(s.name, s.digest) for s in again.signatures] == [("Sam", OLD), ("Dana", NEW)]
    assert withdraw(again, "sales", "Sam").signatures == (sig("marketing", "Dana", NEW),)


def test_required_roles_must_include_marketing_and_sales() -> None:
    with pytest.raises(PlanInvalid) as exc:
        SignOff(required=("marketing", "finance"))
    assert "marketing and sales" in problems(exc)["required"]
    SignOff(required=("marketing", "sdr", "finance"))  # sdr signs for sales


def test_unknown_and_repeated_roles() -> None:
    with pytest.raises(PlanInvalid) as exc:
        SignOff(required=("marketing", "sales", "ceo", "sales"))
    assert set(problems(exc)) == {"required[2]", "required[3]"}


def test_signatures_must_come_from_roles_asked_and_named_approvers() -> None:
    approvers = (
        Approver("marketing", "Dana Whitfield", "VP Marketing"),
        Approver("sales", "Sam Ortiz"),
        Approver("finance", "Fay Chen"),
    )
    SignOff(
        required=("marketing", "sales"),
        approvers=approvers,
        signatures=(sig("finance", "Fay Chen"),),
    )  # an optional approver may sign
    with pytest.raises(PlanInvalid) as exc:
        SignOff(
            required=("marketing", "sales"),
            approvers=approvers,
            signatures=(
                sig("marketing", "Someone Else"),
                sig("revops", "Rae"),
                sig("sales", "Sam Ortiz"),
                sig("sales", "Sam Ortiz"),
            ),
        )
    assert set(problems(exc)) == {"signatures[0].name", "signatures[1].role", "signatures[3]"}


def test_required_role_without_approver_when_approvers_are_named() -> None:
    with pytest.raises(PlanInvalid) as exc:
        SignOff(required=("marketing", "sales"), approvers=(Approver("marketing", "Dana"),))
    assert "no named approver" in problems(exc)["required[1]"]


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime(2026, 11, 23, 14, 5), "UTC"),  # naive
        (datetime(2026, 11, 23, 14, 5, tzinfo=timezone(timedelta(hours=1))), "UTC"),
        (datetime(2026, 11, 23, 14, 5, 0, 500, tzinfo=UTC), "second"),
        ("2026-11-23T14:05:00Z", "date and time"),
    ],
)
def test_signed_at_is_utc_to_the_second(at: datetime, message: str) -> None:
    with pytest.raises(PlanInvalid) as exc:
        Signature("marketing", "Dana", at, NEW)
    assert message in problems(exc)["signed_at"]


def test_signature_field_checks() -> None:
    with pytest.raises(PlanInvalid) as exc:
        Signature("boss", " ", AT, "sha256:9f2c", {"stages.mql": "xyz", "Bad Part": "0" * 16})
    assert set(problems(exc)) == {"role", "name", "digest", "parts.stages.mql", "parts.Bad Part"}


def test_part_labels() -> None:
    assert part_label("stages.mql") == "stage mql"
    assert part_label("sources.partner") == "source partner"
    assert part_label("stages") == "stage order"
    assert part_label("calendar") == "business calendar"
    assert part_label("slas.mql-first-touch") == "SLA mql-first-touch"
    assert part_label("signoff.required") == "who must sign"
    assert part_label("sla_rules.mql_to_sal") == "sla rule mql_to_sal"  # a later version's


def test_dropping_a_required_role_after_signing_does_not_make_the_plan_agreed() -> None:
    """Found by review: [signoff] is outside the digest, so a signature remembers which
    roles had to sign (the part signoff.required) and holds only for those."""
    when = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    three = {"signoff.required": "a" * 16}
    two = {"signoff.required": "b" * 16}
    digest = "sha256:" + "0" * 64
    signed = SignOff(required=("marketing", "sales"), signatures=(
        Signature("marketing", "Dana", when, digest, three),
        Signature("sales", "Sam", when, digest, three)))
    assert signoff_status(signed, digest, three).agreed  # as signed
    dropped = signoff_status(signed, digest, two)  # finance was required when they signed
    assert not dropped.agreed
    assert dropped.missing == ("marketing", "sales")
    assert [c.part for c in dropped.changed] == ["signoff.required"]
    legacy = SignOff(required=("marketing", "sales"), signatures=(
        Signature("marketing", "Dana", when, digest, {}),
        Signature("sales", "Sam", when, digest, {})))
    assert signoff_status(legacy, digest, two).agreed  # nothing recorded: nothing to compare


parts = st.dictionaries(
    st.sampled_from(["plan", "target", "stages", "stages.a", "stages.b", "sources.x", "calendar"]),
    st.sampled_from(["0" * 16, "1" * 16, "2" * 16]),
)


@given(parts, parts)
def test_changed_parts_names_exactly_the_differing_parts(
    a: dict[str, str], b: dict[str, str]
) -> None:
    changes = changed_parts(a, b)
    assert {c.part for c in changes} == {p for p in a.keys() | b.keys() if a.get(p) != b.get(p)}
    assert changed_parts(a, a) == ()


def test_parts_named_for_people() -> None:
    names = {"stages.mql": "Marketing qualified lead"}
    assert part_label("stages.mql", names) == "stage 'Marketing qualified lead'"
    assert PartChange("stages.sal", "removed").describe(names) == "stage sal removed"
    signoff = SignOff(required=("marketing", "sales"),
                      signatures=(sig("sales", "Sam", OLD, {"stages.mql": "0" * 16}),))
    status = signoff_status(signoff, NEW, {"stages.mql": "1" * 16})
    assert status.summary(names).endswith("signed: stage 'Marketing qualified lead' changed.")
