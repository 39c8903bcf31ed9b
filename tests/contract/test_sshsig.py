"""OpenSSH signatures (contract/sshsig.py) and key fingerprints (domain/agreement/roster.py):
made here, checked by the real ssh-keygen, and the other way round; every damage named."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from alignplanner.contract import sshsig
from alignplanner.domain.agreement.roster import fingerprint, key_blob, ssh_fingerprint

SSH_KEYGEN = shutil.which("ssh-keygen")
needs_ssh_keygen = pytest.mark.skipif(
    SSH_KEYGEN is None, reason="ssh-keygen (OpenSSH) is not installed on this machine")

# RFC 8032's first test key: the public key of this seed is d75a9801...
SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")


def _key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(SEED)


def test_public_key_text_is_the_openssh_blob_of_the_rfc_8032_key() -> None:
    text = sshsig.public_key_text(_key())
    kind, b64 = text.split()
    assert kind == "ssh-ed25519"
    blob = base64.b64decode(b64)
    assert blob == b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + PUBLIC
    assert key_blob(text) == blob


def test_fingerprint_is_the_first_eight_base32_characters_of_the_sha256_grouped() -> None:
    text = sshsig.public_key_text(_key())
    by_hand = base64.b32encode(hashlib.sha256(key_blob(text)).digest()).decode()
    assert fingerprint(text) == f"{by_hand[:4]}-{by_hand[4:8]}"
    assert len(fingerprint(text)) == 9
    assert fingerprint(text)[4] == "-"


@needs_ssh_keygen
def test_ssh_fingerprint_is_what_ssh_keygen_prints(tmp_path: Path) -> None:
    pub = tmp_path / "k.pub"
    pub.write_text(sshsig.public_key_text(_key()) + " test\n")
    out = subprocess.run([str(SSH_KEYGEN), "-lf", str(pub)], capture_output=True, text=True,
                         check=True).stdout
    assert out.split()[1] == ssh_fingerprint(sshsig.public_key_text(_key()))


@pytest.mark.parametrize(("bad", "words"), [
    ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ", "must be an OpenSSH Ed25519 public key"),
    ("ssh-ed25519 AAAA!!", "must be an OpenSSH Ed25519 public key"),
    ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOs6", "not an Ed25519 key (damaged or cut short)"),
])
def test_a_key_that_is_not_an_ed25519_public_key_is_named(bad: str, words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        key_blob(bad)


@needs_ssh_keygen
def test_a_signature_made_here_verifies_with_ssh_keygen(tmp_path: Path) -> None:
    message = b'{"digest":"sha256:00"}'
    (tmp_path / "sig").write_text(sshsig.sign(_key(), message))
    (tmp_path / "allowed").write_text(
        f'"Sam Lee" namespaces="alignplanner" {sshsig.public_key_text(_key())}\n')
    args = [str(SSH_KEYGEN), "-Y", "verify", "-f", str(tmp_path / "allowed"), "-I", "Sam Lee",
            "-n", "alignplanner", "-s", str(tmp_path / "sig")]
    good = subprocess.run(args, input=message, capture_output=True, check=False)
    assert good.returncode == 0, good.stderr
    assert b'Good "alignplanner" signature for Sam Lee' in good.stdout
    bad = subprocess.run(args, input=message + b" ", capture_output=True, check=False)
    assert bad.returncode != 0


@needs_ssh_keygen
def test_a_signature_made_by_ssh_keygen_verifies_here(tmp_path: Path) -> None:
    key = tmp_path / "id_ed25519"
    key.write_bytes(_key().private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption()))
    key.chmod(0o600)
    message = tmp_path / "message"
    message.write_bytes(b"the plan")
    subprocess.run([str(SSH_KEYGEN), "-Y", "sign", "-f", str(key), "-n", "alignplanner",
                    str(message)], capture_output=True, check=True)
    parsed = sshsig.parse((tmp_path / "message.sig").read_text())
    public = sshsig.public_key_text(_key())
    assert parsed.public_key_text == public
    assert sshsig.verify(parsed, public, b"the plan")
    assert not sshsig.verify(parsed, public, b"the plan!")
    assert not sshsig.verify(parsed, public, b"the plan", namespace="git")


def test_a_signature_verifies_only_with_its_key_message_and_namespace() -> None:
    armored = sshsig.sign(_key(), b"m")
    parsed = sshsig.parse(armored)
    other = sshsig.public_key_text(Ed25519PrivateKey.generate())
    assert sshsig.verify(parsed, sshsig.public_key_text(_key()), b"m")
    assert not sshsig.verify(parsed, other, b"m")
    assert not sshsig.verify(parsed, sshsig.public_key_text(_key()), b"n")


def _damaged(change: str) -> str:
    armored = sshsig.sign(_key(), b"m")
    lines = armored.splitlines()
    body = base64.b64decode("".join(lines[1:-1]))
    if change == "truncated text":
        return armored[: len(armored) // 2]
    if change == "no armor":
        return "\n".join(lines[1:-1])
    if change == "bad base64":
        return "\n".join([lines[0], lines[1][:-3] + "!!!", *lines[2:]])
    if change == "cut bytes":
        body = body[:-10]
    elif change == "wrong preamble":
        body = b"SSHSIH" + body[6:]
    elif change == "version 2":
        body = body[:6] + (2).to_bytes(4, "big") + body[10:]
    text = base64.b64encode(body).decode()
    return "\n".join([lines[0], text, lines[-1]])


@pytest.mark.parametrize(("change", "words"), [
    ("truncated text", "does not end with -----END SSH SIGNATURE----- (cut short?)"),
    ("no armor", "does not start with -----BEGIN SSH SIGNATURE-----"),
    ("bad base64", "its base64 text is damaged"),
    ("cut bytes", "cut short (in its signature)"),
    ("wrong preamble", "is not an SSH signature (no SSHSIG preamble)"),
    ("version 2", "has version 2; only version 1 is known"),
])
def test_a_damaged_signature_says_what_is_wrong(change: str, words: str) -> None:
    with pytest.raises(sshsig.SshSigError) as caught:
        sshsig.parse(_damaged(change))
    assert str(caught.value) == words
