"""The roster and key signatures in the plan file: read with every problem at its key and
line, written back byte for byte; a file without them writes the same bytes as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st
from plan_edits import ROOT

from alignplanner.contract.agreement import enrolled, sign_with_key, status_of, verify
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import loads
from alignplanner.contract.signatures import message_of, problem
from alignplanner.contract.sshsig import public_key_text
from alignplanner.contract.writer import dumps

SAMPLE = (ROOT / "scenarios" / "midmarket-saas.toml").read_text("utf-8")
AT = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
DANA = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
MARCUS = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))


def _signed_text() -> str:
    loaded = loads(SAMPLE)
    plan = enrolled(loaded.plan, "marketing", "Dana Whitfield", public_key_text(DANA))
    plan = enrolled(plan, "sales", "Marcus Chen", public_key_text(MARCUS) + " marcus@laptop")
    plan = sign_with_key(plan, "marketing", DANA, AT)
    plan = sign_with_key(plan, "sales", MARCUS, AT)
    return dumps(plan, loaded.result, loaded.extras)


def _problems(text: str) -> dict[str, tuple[int | None, str]]:
    with pytest.raises(PlanFileError) as exc:
        loads(text, "p.toml")
    return {p.path: (p.line, p.message) for p in exc.value.problems}


def _line(text: str, fragment: str) -> int:
    return text.count("\n", 0, text.index(fragment)) + 1


def test_a_plan_signed_with_keys_round_trips_byte_for_byte_and_is_agreed() -> None:
    text = _signed_text()
    assert "[[signoff.roster]]" in text
    assert 'sshsig = "-----BEGIN SSH SIGNATURE-----\\n' in text
    again = loads(text)
    assert dumps(again.plan, again.result, again.extras) == text
    assert status_of(again.plan).agreed
    assert verify(again, require_keys=True).ok
    assert [s.keyed for s in again.plan.signoff.signatures] == [True, True]


def test_a_file_without_a_roster_writes_the_same_bytes_as_before() -> None:
    loaded = loads(SAMPLE)
    text = dumps(loaded.plan, loaded.result, loaded.extras)
    assert "roster" not in text
    assert "sshsig" not in text
    assert dumps(loads(text).plan, loads(text).result, loads(text).extras) == text


def test_every_roster_problem_names_key_and_line() -> None:
    text = _signed_text()
    key = public_key_text(MARCUS)
    bad = (text.replace(f'public_key = "{key}"', 'public_key = "ssh-rsa AAAAB3NzaC1yc2E"')
           .replace('role = "marketing"\nname = "Dana Whitfield"\npublic_key',
                    'role = "marketing"\nname = "Dana Whitfield"\nkey = "x"\npublic_key', 1))
    found = _problems(bad)
    assert set(found) == {"signoff.roster[1].public_key", "signoff.roster[0].key"}
    assert found["signoff.roster[1].public_key"] == (
        _line(bad, 'public_key = "ssh-rsa'),
        "must be an OpenSSH Ed25519 public key without a comment, 'ssh-ed25519 AAAA...' (the "
        "first line of a .pub file), got 'ssh-rsa AAAAB3NzaC1yc2E'")
    assert found["signoff.roster[0].key"][1].startswith("unknown key 'key'")


def test_a_key_signature_needs_both_its_roster_digest_and_its_sshsig() -> None:
    text = _signed_text()
    start = text.index("roster = \"sha256:")
    end = text.index("\n", start) + 1
    found = _problems(text[:start] + text[end:])
    assert found == {"signoff.signatures[0].roster": (  # the one missing
        _line(text, "[[signoff.signatures]]"),
        "a signature made with a key has both 'roster' and 'sshsig'")}


def test_a_roster_person_who_is_not_a_named_approver_is_refused() -> None:
    text = _signed_text().replace('name = "Marcus Chen"\npublic_key',
                                  'name = "Mark Chen"\npublic_key')
    found = _problems(text)
    assert found["signoff.roster[1].name"][1] == (
        "Mark Chen is not a named approver for sales (Marcus Chen)")


@given(name=st.text(st.characters(codec="utf-8", exclude_characters='*?,!"\\\n\r\t'),
                    min_size=1, max_size=40).filter(str.strip),
       seed=st.binary(min_size=32, max_size=32),
       change=st.sampled_from(["digest", "role", "name", "signed_at", "roster"]))
def test_a_key_signature_holds_for_its_message_and_breaks_on_any_field(
        name: str, seed: bytes, change: str) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from alignplanner.contract.signatures import entry_digest, sign_message
    from alignplanner.domain.agreement.signoff import RosterEntry, Signature, SignOff

    key = Ed25519PrivateKey.from_private_bytes(seed)
    entry = RosterEntry("sales", name.strip(), public_key_text(key))
    digest = "sha256:" + "ab" * 32
    roster, armored = sign_message(key, digest, entry, AT)
    sig = Signature("sales", entry.name, AT, digest, {}, roster, armored)
    signoff = SignOff(required=("marketing", "sales"), roster=(entry,), signatures=(sig,))
    assert problem(signoff, sig) is None
    assert roster == entry_digest(entry)
    altered = {
        "digest": replace(sig, digest="sha256:" + "cd" * 32),
        "role": replace(sig, role="sdr"),
        "name": replace(sig, name=entry.name + "x"),
        "signed_at": replace(sig, signed_at=AT + timedelta(seconds=1)),
        "roster": replace(sig, roster="sha256:" + "00" * 32),
    }[change]
    assert message_of(altered) != message_of(sig)
    entries = (entry,) if (altered.role, altered.name) == ("sales", entry.name) else (
        entry, RosterEntry(altered.role, altered.name, entry.public_key))  # the same key
    wider = SignOff(required=("marketing", "sales"), roster=entries)
    assert problem(wider, altered) is not None


def test_the_json_export_of_a_plan_signed_with_keys_validates_against_the_schema() -> None:
    import json

    from jsonschema import Draft202012Validator

    from alignplanner.contract.exports import to_json
    from alignplanner.resources import resource_path

    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    loaded = loads(_signed_text())
    exported = json.loads(to_json(loaded.plan, loaded.result))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(exported)) == []
    assert [e["name"] for e in exported["signoff"]["roster"]] == ["Dana Whitfield", "Marcus Chen"]
    del exported["signoff"]["signatures"][0]["roster"]  # the schema wants both, as the reader
    assert [e.validator for e in validator.iter_errors(exported)] == ["dependentRequired"]
