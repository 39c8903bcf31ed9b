"""The user's signing key (contract/keys.py): made once, owner-only, in the app's
configuration folder; an existing OpenSSH key, encrypted or not; every refusal in words."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from alignplanner.contract import keys

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@posix_only
def test_own_key_is_made_once_with_owner_only_permissions(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "keys"))
    first = keys.own_key()
    assert first.created
    assert first.path == tmp_path / "keys" / "id_ed25519"
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.path.parent.stat().st_mode) == 0o700
    assert (tmp_path / "keys" / "id_ed25519.pub").read_text().startswith(first.public_key)
    again = keys.own_key()
    assert not again.created
    assert again.public_key == first.public_key


def test_own_key_without_create_says_where_it_would_be(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path))
    with pytest.raises(keys.KeyProblem, match="no signing key yet"):
        keys.own_key(create=False)


def test_key_dir_is_in_the_config_dir_the_settings_use(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(keys.KEY_DIR_ENV)
    monkeypatch.setenv(keys.CONFIG_DIR_ENV, str(tmp_path))
    assert keys.key_dir() == tmp_path / "keys"


@pytest.mark.skipif(os.name != "posix" or os.uname().sysname != "Linux", reason="Linux paths")
def test_app_config_dir_is_qts_app_config_location(qapp: object,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    monkeypatch.delenv(keys.CONFIG_DIR_ENV, raising=False)
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName(keys.APP_FOLDER)
    QCoreApplication.setApplicationName(keys.APP_FOLDER)
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])
    assert keys.app_config_dir() == Path(qt)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_load_key_reads_openssh_and_pem_ed25519_keys(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    for name, fmt in (("openssh", PrivateFormat.OpenSSH), ("pkcs8", PrivateFormat.PKCS8)):
        path = _write(tmp_path / name, key.private_bytes(Encoding.PEM, fmt, NoEncryption()))
        assert keys.load_key(path).public_key == keys.UserKey(key, path).public_key


def test_an_encrypted_key_needs_its_passphrase(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    path = _write(tmp_path / "id_ed25519", key.private_bytes(
        Encoding.PEM, PrivateFormat.OpenSSH, BestAvailableEncryption(b"open sesame")))
    with pytest.raises(keys.KeyProblem) as caught:
        keys.load_key(path)
    assert str(caught.value) == (
        f"{path} is encrypted: give its passphrase (the app asks for it; the command line "
        "reads it from the variable named by --passphrase-env), or use an unencrypted key")
    with pytest.raises(keys.KeyProblem, match="wrong passphrase for "):
        keys.load_key(path, "wrong")
    assert keys.load_key(path, "open sesame").public_key == keys.UserKey(key, path).public_key


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def test_a_key_made_by_ssh_keygen_with_a_passphrase_is_read(tmp_path: Path) -> None:
    path = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "pass phrase", "-f", str(path)],
                   check=True, capture_output=True)
    public = (tmp_path / "id_ed25519.pub").read_text().split()
    assert keys.load_key(path, "pass phrase").public_key == " ".join(public[:2])


def test_keys_that_cannot_sign_are_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(keys.KeyProblem, match=r"cannot read the key .*missing"):
        keys.load_key(tmp_path / "missing")
    pub = _write(tmp_path / "k.pub", b"ssh-ed25519 AAAA x\n")
    with pytest.raises(keys.KeyProblem, match="is a public key; give the private key"):
        keys.load_key(pub)
    ec = generate_private_key(SECP256R1())
    path = _write(tmp_path / "ec", ec.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH,
                                                    NoEncryption()))
    with pytest.raises(keys.KeyProblem, match="is not an Ed25519 key"):
        keys.load_key(path)
    junk = _write(tmp_path / "junk", b"hello")
    with pytest.raises(keys.KeyProblem, match="is not a private key that can be read"):
        keys.load_key(junk)


@posix_only
def test_own_key_readable_by_others_is_refused(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "keys"))
    made = keys.own_key()
    made.path.chmod(0o644)
    with pytest.raises(keys.KeyProblem) as caught:
        keys.own_key()
    assert str(caught.value) == (
        f"your signing key {made.path} can be read or changed by others (mode 644); make it "
        f"yours alone (chmod 600 {made.path}) or, if others may have copied it, delete it and "
        "enrol a new key")
