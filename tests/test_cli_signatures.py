"""Signatures with keys on the command line: enrol, sign, verify, signers, and every attack
on a signature (a key not in the roster, an edit, another key, a copy, a swapped roster, a
damaged signature) failing with a message that says exactly what failed."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from test_cli import PLAN, SIGNOFF

from alignplanner.cli import main
from alignplanner.contract.reader import load
from alignplanner.contract.signatures import entry_digest, message, message_of
from alignplanner.contract.sshsig import public_key_text
from alignplanner.contract.sshsig import sign as sshsign
from alignplanner.contract.writer import dump
from alignplanner.domain.agreement.roster import fingerprint
from alignplanner.domain.agreement.signoff import RosterEntry, Signature


def _key_file(folder: Path, name: str) -> tuple[Path, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    path = folder / name
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption()))
    path.chmod(0o600)
    (folder / f"{name}.pub").write_text(public_key_text(key) + f" {name}@laptop\n")
    return path, key


class Team:
    """A plan with Dana (marketing) and Sam (sales) enrolled, and Eve's key, not enrolled."""

    def __init__(self, folder: Path, name: str = "plan.toml", text: str = PLAN) -> None:
        self.plan = folder / name
        self.plan.write_text(text + SIGNOFF, encoding="utf-8")
        self.dana, self.dana_key = _key_file(folder, "dana")
        self.sam, self.sam_key = _key_file(folder, "sam")
        self.eve, self.eve_key = _key_file(folder, "eve")
        for role, who, key in (("marketing", "Dana Whitfield", self.dana),
                               ("sales", "Sam Lee", self.sam)):
            assert main(["enrol", str(self.plan), "--role", role, "--name", who,
                         "--key", f"{key}.pub"]) == 0

    def sign(self, role: str, key: Path) -> int:
        return main(["sign", str(self.plan), "--role", role, "--key", str(key)])

    def sign_both(self) -> None:
        assert self.sign("marketing", self.dana) == 0
        assert self.sign("sales", self.sam) == 0

    def signature(self, role: str) -> Signature:
        return next(s for s in load(self.plan).plan.signoff.signatures if s.role == role)

    def fp(self, key: Ed25519PrivateKey) -> str:
        return fingerprint(public_key_text(key))


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


def _verify(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["verify", str(path), *extra])
    return status, capsys.readouterr().out


def _rewrite(path: Path, **signoff: object) -> None:
    loaded = load(path)
    plan = replace(loaded.plan, signoff=replace(loaded.plan.signoff, **signoff))
    dump(path, plan, loaded.result, loaded.extras)


def test_enrol_sign_and_verify(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert team.sign("marketing", team.dana) == 0
    out = capsys.readouterr().out
    assert f"signed for marketing by Dana Whitfield with key {team.fp(team.dana_key)}" in out
    team.sign("sales", team.sam)
    status, out = _verify(team.plan, capsys, "--require-keys")
    assert status == 0, out
    assert "agreed and intact" in out
    roster = load(team.plan).plan.signoff.roster
    assert [(e.role, e.name, e.fingerprint) for e in roster] == [
        ("marketing", "Dana Whitfield", team.fp(team.dana_key)),
        ("sales", "Sam Lee", team.fp(team.sam_key))]
    assert roster[0].public_key == public_key_text(team.dana_key)  # the comment dropped


def test_enrol_prints_the_fingerprint_and_replaces_a_persons_key(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["enrol", str(team.plan), "--role", "Sales", "--name", "Sam Lee",
                 "--key", str(team.eve)]) == 0  # a private key: its public half
    assert capsys.readouterr().out == (
        f"{team.plan}: enrolled Sam Lee for sales with key {team.fp(team.eve_key)}\n")
    assert [e.public_key for e in load(team.plan).plan.signoff.roster if e.role == "sales"] == [
        public_key_text(team.eve_key)]


def test_enrol_refuses_a_name_with_pattern_characters(team: Team,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["enrol", str(team.plan), "--role", "sales", "--name", "Sam*",
                 "--key", f"{team.sam}.pub"]) == 1
    assert ("signoff.roster[2].name: a name in the roster cannot hold * (in an allowed-signers "
            "file they are patterns that match other names)") in capsys.readouterr().err


def test_sign_with_the_users_own_key_made_on_first_sign(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["enrol", str(team.plan), "--role", "sales", "--name", "Sam Lee"]) == 0
    err = capsys.readouterr().err
    assert "made your signing key: " in err
    assert "kept on this machine only" in err
    assert main(["sign", str(team.plan), "--role", "sales"]) == 0
    assert "signed for sales by Sam Lee" in capsys.readouterr().out
    assert team.signature("sales").keyed


# -- the attacks ----------------------------------------------------------------------------


def test_attack_sign_as_a_role_with_a_key_not_in_the_roster(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    before = team.plan.read_bytes()
    capsys.readouterr()
    assert team.sign("sales", team.eve) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{team.plan}: signoff.roster: your key {team.fp(team.eve_key)} is not in the roster "
        f"for sales (the roster holds: sales: Sam Lee, key {team.fp(team.sam_key)}); add it "
        "to the roster first (enrol)\n"
        f"{team.plan}: not signed\n")
    assert team.plan.read_bytes() == before
    assert team.sign("sales", team.dana) == 1  # marketing's key does not sign for sales


def test_attack_edit_a_number_and_keep_the_old_signature(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    team.sign_both()
    sig = team.signature("sales")
    loaded = load(team.plan)
    dump(team.plan, replace(loaded.plan, target=replace(loaded.plan.target, revenue=2_000_000)),
         loaded.result, loaded.extras)
    status, out = _verify(team.plan, capsys)
    assert status == 1
    now = load(team.plan)
    from alignplanner.contract.digest import digest

    assert (f"{team.plan}: digest mismatch: {sig.describe()} signed {sig.digest[:19]}..., the "
            f"inputs are now {digest(now.plan)[:19]}...; changed since: revenue target "
            "changed") in out


def test_attack_edit_and_re_sign_with_another_key(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    from alignplanner.contract.digest import digest, part_digests

    team.sign_both()
    loaded = load(team.plan)
    edited = replace(loaded.plan, target=replace(loaded.plan.target, revenue=2_000_000))
    entry = edited.signoff.roster_entry("sales", "Sam Lee")
    assert entry is not None
    old = team.signature("sales")
    forged_digest = digest(edited)
    text = sshsign(team.eve_key, message(forged_digest, "sales", "Sam Lee", old.signed_at,
                                         entry_digest(entry)))
    forged = replace(old, digest=forged_digest, parts=part_digests(edited), sshsig=text)
    signatures = tuple(forged if s.role == "sales" else s for s in edited.signoff.signatures)
    dump(team.plan, replace(edited, signoff=replace(edited.signoff, signatures=signatures)),
         loaded.result, loaded.extras)
    status, out = _verify(team.plan, capsys)
    assert status == 1
    assert (f"{team.plan}: wrong key: {old.describe()} signed with key {team.fp(team.eve_key)}, "
            f"which is not the roster's key {team.fp(team.sam_key)} for Sam Lee as sales") in out
    assert "missing signature" not in out  # the failure is named once, exactly


def test_attack_copy_a_signature_from_plan_a_to_plan_b(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = Team(tmp_path)
    b_text = PLAN.replace('name = "CLI test plan"', 'name = "Another plan"')
    a.sign_both()
    b = tmp_path / "b.toml"
    b.write_text(b_text + SIGNOFF, encoding="utf-8")
    for role, who, key in (("marketing", "Dana Whitfield", a.dana), ("sales", "Sam Lee", a.sam)):
        assert main(["enrol", str(b), "--role", role, "--name", who, "--key", f"{key}.pub"]) == 0
    copied = load(a.plan).plan.signoff.signatures
    _rewrite(b, signatures=copied)
    status, out = _verify(b, capsys)
    assert status == 1
    assert f"{b}: digest mismatch: {copied[0].describe()} signed {copied[0].digest[:19]}..." in out
    from alignplanner.contract.digest import digest

    b_digest = digest(load(b).plan)  # the copied signatures claim B's digest
    _rewrite(b, signatures=tuple(replace(s, digest=b_digest) for s in copied))
    status, out = _verify(b, capsys)
    assert status == 1
    assert (f"{b}: signature does not match: the signature of {copied[1].describe()} is not "
            "over this digest, role, name and time (altered, or copied from another plan)") in out


def test_attack_change_the_rosters_key_after_signing(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    team.sign_both()
    sig = team.signature("sales")
    roster = load(team.plan).plan.signoff.roster
    swapped = tuple(RosterEntry(e.role, e.name, public_key_text(team.eve_key))
                    if e.role == "sales" else e for e in roster)
    _rewrite(team.plan, roster=swapped)
    status, out = _verify(team.plan, capsys)
    assert status == 1
    assert (f"{team.plan}: roster changed after signing: {sig.describe()} signed with key "
            f"{team.fp(team.sam_key)}, the roster now holds key {team.fp(team.eve_key)} for "
            "Sam Lee as sales") in out


def test_attack_rename_the_signer_in_the_roster_after_signing(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    team.sign_both()
    sig = team.signature("sales")
    roster = load(team.plan).plan.signoff.roster
    _rewrite(team.plan, roster=tuple(replace(e, name="Sam Leigh") if e.role == "sales" else e
                                     for e in roster))
    status, out = _verify(team.plan, capsys)
    assert status == 1
    assert (f"{team.plan}: not in the roster: {sig.describe()} signed with key "
            f"{team.fp(team.sam_key)}, but the roster has no key for Sam Lee as sales") in out


@pytest.mark.parametrize(("damage", "words"), [
    (lambda t: t[: len(t) // 2],
     "does not end with -----END SSH SIGNATURE----- (cut short?)"),
    (lambda t: t.replace("U1NIU0lH", "U1NIU0lI", 1),
     "is not an SSH signature (no SSHSIG preamble)"),
    (lambda t: "hello", "does not start with -----BEGIN SSH SIGNATURE-----"),
    (lambda t: re.sub(r"(-----\n)(.)", r"\1!", t, count=1), "its base64 text is damaged"),
])
def test_attack_a_truncated_or_malformed_signature(
        team: Team, capsys: pytest.CaptureFixture[str], damage: object, words: str) -> None:
    team.sign_both()
    sig = team.signature("sales")
    assert callable(damage)
    signatures = tuple(replace(s, sshsig=damage(s.sshsig)) if s.role == "sales" else s
                       for s in load(team.plan).plan.signoff.signatures)
    _rewrite(team.plan, signatures=signatures)
    status, out = _verify(team.plan, capsys)
    assert status == 1
    assert f"{team.plan}: malformed signature: the signature of {sig.describe()} {words}" in out


def test_attack_alter_the_time_of_a_signature(team: Team,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import timedelta

    team.sign_both()
    sig = team.signature("sales")
    moved = replace(sig, signed_at=sig.signed_at - timedelta(days=1))
    _rewrite(team.plan, signatures=tuple(moved if s.role == "sales" else s
                                         for s in load(team.plan).plan.signoff.signatures))
    status, out = _verify(team.plan, capsys)
    assert status == 1
    assert f"signature does not match: the signature of {moved.describe()}" in out


def test_attack_strip_the_keys_to_pass_as_signed_before_keys(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    team.sign_both()
    keyless = tuple(replace(s, roster="", sshsig="")
                    for s in load(team.plan).plan.signoff.signatures)
    _rewrite(team.plan, signatures=keyless)
    status, out = _verify(team.plan, capsys)
    assert status == 1
    assert (f"{team.plan}: unverified: {keyless[0].describe()} signed without a key, but the "
            "plan has a roster; sign again with a key") in out
    _rewrite(team.plan, roster=())  # and the roster too: only --require-keys catches that
    status, out = _verify(team.plan, capsys)
    assert status == 0
    assert (f"{team.plan}: note: unverified, made before keys: {keyless[0].describe()} names a "
            "role but proves nothing about who signed") in out
    status, out = _verify(team.plan, capsys, "--require-keys")
    assert status == 1
    assert f"{team.plan}: unverified, made before keys: {keyless[1].describe()}" in out


def test_a_plan_without_a_roster_signs_unverified_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.toml"
    path.write_text(PLAN + SIGNOFF, encoding="utf-8")
    assert main(["sign", str(path), "--role", "sales", "--name", "Sam"]) == 0
    assert ("note: unverified: the plan has no roster, so the signature names a role and "
            "proves nothing") in capsys.readouterr().out
    assert main(["sign", str(path), "--role", "sales"]) == 1
    assert "--name: give the approver's name" in capsys.readouterr().err


def test_sign_refuses_a_name_other_than_the_rosters(team: Team,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["sign", str(team.plan), "--role", "sales", "--key", str(team.sam),
                 "--name", "Samuel"]) == 1
    assert "your key is in the roster for sales as Sam Lee, not as Samuel" in (
        capsys.readouterr().err)


def test_signers_writes_the_roster_as_allowed_signers(team: Team, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "allowed_signers"
    assert main(["signers", str(team.plan), "-o", str(out)]) == 0
    assert out.read_text() == (
        f'"Dana Whitfield" namespaces="alignplanner" {public_key_text(team.dana_key)} marketing\n'
        f'"Sam Lee" namespaces="alignplanner" {public_key_text(team.sam_key)} sales\n')
    bare = tmp_path / "bare.toml"
    bare.write_text(PLAN, encoding="utf-8")
    capsys.readouterr()
    assert main(["signers", str(bare)]) == 1
    assert "the plan has no roster" in capsys.readouterr().err


def test_an_encrypted_key_reads_its_passphrase_from_the_named_variable(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption

    locked = tmp_path / "locked"
    locked.write_bytes(team.sam_key.private_bytes(
        Encoding.PEM, PrivateFormat.OpenSSH, BestAvailableEncryption(b"s3cret")))
    capsys.readouterr()
    assert team.sign("sales", locked) == 1
    assert "is encrypted: give its passphrase" in capsys.readouterr().err
    monkeypatch.setenv("SAM_PASSPHRASE", "s3cret")
    assert main(["sign", str(team.plan), "--role", "sales", "--key", str(locked),
                 "--passphrase-env", "SAM_PASSPHRASE"]) == 0
    assert main(["sign", str(team.plan), "--role", "sales", "--key", str(locked),
                 "--passphrase-env", "NOT_SET_ANYWHERE"]) == 1
    assert "the variable NOT_SET_ANYWHERE is not set" in capsys.readouterr().err


def test_attack_swap_the_roster_and_re_sign_is_caught_by_a_trusted_signers_file(
        team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trusted = tmp_path / "trusted_signers"
    assert main(["signers", str(team.plan), "-o", str(trusted)]) == 0  # at the meeting
    team.sign_both()
    # Eve puts her key in the roster for Sam and signs: the plan alone cannot tell.
    assert main(["enrol", str(team.plan), "--role", "sales", "--name", "Sam Lee",
                 "--key", str(team.eve)]) == 0
    assert team.sign("sales", team.eve) == 0
    status, out = _verify(team.plan, capsys)
    assert status == 0
    status, out = _verify(team.plan, capsys, "--signers", str(trusted))
    assert status == 1
    sig = team.signature("sales")
    assert (f"{team.plan}: not a trusted key: {sig.describe()} signed with key "
            f"{team.fp(team.eve_key)}, which {trusted} does not hold for Sam Lee") in out
    assert out.count("not a trusted key") == 1  # Dana's signature is hers


def test_trusted_signers_reads_allowed_signers_as_openssh_writes_them() -> None:
    from alignplanner.contract.signatures import trusted_signers

    key = public_key_text(Ed25519PrivateKey.generate())
    text = (f'# a comment\n"Sam Lee" namespaces="alignplanner" {key} sales\n'
            f'dana@example.com,dana {key}\n'
            f'ops namespaces="git" {key}\n'
            f'ca cert-authority {key}\n'
            f'late valid-after="20990101" {key}\n'
            f'broken ssh-ed25519 AAAA!!\n'
            f'rsa ssh-rsa AAAAB3Nza\n')
    assert trusted_signers(text) == {"Sam Lee": {key}, "dana@example.com": {key},
                                     "dana": {key}}


ROOT = Path(__file__).resolve().parent.parent


def _doc_block(language: str, needle: str) -> str:
    doc = (ROOT / "docs" / "contract.md").read_text("utf-8")
    blocks = re.findall(rf"```{language}\n(.*?)```", doc, flags=re.S)
    return next(b for b in blocks if needle in b)


@pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                    reason="ssh-keygen (OpenSSH) is not installed on this machine")
def test_the_documented_check_with_standard_tools_runs(team: Team, tmp_path: Path) -> None:
    """docs/contract.md 'Signatures with keys': the script and the commands as printed, with
    the real ssh-keygen; then the same after an edit, which they must refuse."""
    team.sign_both()
    work = tmp_path / "consumer"
    work.mkdir()
    (work / "plan.toml").write_bytes(team.plan.read_bytes())
    (work / "signoff_message.py").write_text(_doc_block("python", "message.sig"), "utf-8")
    script = _doc_block("sh", "ssh-keygen -Y verify")
    here = f"{shlex.quote(sys.executable)} -m alignplanner "
    script = script.replace("alignplanner ", here, 1).replace("python3 ", shlex.quote(
        sys.executable) + " ")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert 'Good "alignplanner" signature for Sam Lee with ED25519 key SHA256:' in done.stdout
    assert (work / "message").read_bytes() == message_of(team.signature("sales"))

    sig = (work / "message.sig").read_text()  # another person's name: ssh-keygen refuses
    wrong = script.replace('-I "Sam Lee"', '-I "Dana Whitfield"')
    assert subprocess.run(["bash", "-e", "-c", wrong], cwd=work, env=env, capture_output=True,
                          check=False).returncode != 0
    assert (work / "message.sig").read_text() == sig
    text = (work / "plan.toml").read_text("utf-8")  # an edited number: the script refuses
    (work / "plan.toml").write_text(text.replace("revenue = 1200000", "revenue = 1300000"),
                                    "utf-8")
    assert "revenue = 1300000" in (work / "plan.toml").read_text("utf-8")
    edited = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env,
                            capture_output=True, text=True, check=False)
    assert edited.returncode != 0
    assert "sales signed other inputs than these" in edited.stderr
