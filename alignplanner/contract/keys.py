"""The user's signing key: an Ed25519 key kept on this machine, never in a plan.

`own_key()` loads the user's key from `key_dir()` (``id_ed25519``, OpenSSH's private key
format, so ``ssh-keygen`` can use it too), making it on first use with owner-only
permissions (the folder 0700, the file 0600). `load_key(path)` takes an existing OpenSSH
(or PEM) Ed25519 private key instead, e.g. ``~/.ssh/id_ed25519``; an encrypted one needs
its passphrase. Every failure is a `KeyProblem` whose message says what to do.

`key_dir()` is the app's configuration folder (the one `document.settings.config_dir`
uses: ``ALIGNPLANNER_CONFIG_DIR``, else Qt's AppConfigLocation, which this module finds
without Qt) + ``keys``; ``ALIGNPLANNER_KEY_DIR`` overrides it (tests).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
    load_ssh_private_key,
)

from alignplanner.contract.sshsig import public_key_text

__all__ = [
    "APP_FOLDER", "CONFIG_DIR_ENV", "KEY_DIR_ENV", "KEY_FILE", "EncryptedKey", "KeyProblem",
    "UserKey",
    "app_config_dir", "key_dir", "load_key", "own_key",
]

CONFIG_DIR_ENV = "ALIGNPLANNER_CONFIG_DIR"
KEY_DIR_ENV = "ALIGNPLANNER_KEY_DIR"
KEY_FILE = "id_ed25519"
APP_FOLDER = "AlignPlanner"
"""The organisation and application name the app gives Qt (ui/application.py)."""


class KeyProblem(Exception):
    """A key that cannot be used; the message says why and what to do."""


class EncryptedKey(KeyProblem):
    """A key protected by a passphrase, and none (or a wrong one) was given."""


@dataclass(frozen=True)
class UserKey:
    """A private key, where it is kept, and whether it was made just now."""

    private: Ed25519PrivateKey
    path: Path
    created: bool = False

    @property
    def public_key(self) -> str:
        """``ssh-ed25519 AAAA...`` (no comment), as the roster holds it."""
        return public_key_text(self.private)


def app_config_dir() -> Path:
    """The app's configuration folder, as Qt's AppConfigLocation names it (not created)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / APP_FOLDER
    if sys.platform == "darwin":
        return home / "Library" / "Preferences" / APP_FOLDER / APP_FOLDER
    base = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return base / APP_FOLDER / APP_FOLDER


def key_dir() -> Path:
    """Where the user's own key is kept (not created)."""
    override = os.environ.get(KEY_DIR_ENV)
    return Path(override) if override else app_config_dir() / "keys"


def own_key(create: bool = True) -> UserKey:
    """The user's key from `key_dir()`, made there first when missing and ``create``.
    KeyProblem when it cannot be read or made."""
    path = key_dir() / KEY_FILE
    if path.exists():
        if os.name == "posix" and path.stat().st_mode & 0o077:
            raise KeyProblem(
                f"your signing key {path} can be read or changed by others (mode "
                f"{path.stat().st_mode & 0o777:o}); make it yours alone (chmod 600 {path}) "
                "or, if others may have copied it, delete it and enrol a new key")
        return UserKey(load_key(path).private, path)
    if not create:
        raise KeyProblem(f"no signing key yet (it is made on first sign, in {path})")
    key = Ed25519PrivateKey.generate()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path.parent, 0o700)
        text = key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption())
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(text)
        pub = path.with_name(KEY_FILE + ".pub")
        pub.write_text(public_key_text(key) + " alignplanner\n", encoding="ascii")
    except OSError as exc:
        raise KeyProblem(f"cannot make a signing key in {path.parent}: "
                         f"{exc.strerror or exc}") from None
    return UserKey(key, path, created=True)


def load_key(path: str | os.PathLike[str], passphrase: str | None = None) -> UserKey:
    """The Ed25519 private key in ``path`` (OpenSSH or PEM format); KeyProblem saying
    what is wrong: missing, not a private key, not Ed25519, encrypted (give the passphrase)."""
    where = Path(path).expanduser()
    try:
        data = where.read_bytes()
    except OSError as exc:
        raise KeyProblem(f"cannot read the key {where}: {exc.strerror or exc}") from None
    if data.lstrip().startswith(b"ssh-"):
        raise KeyProblem(f"{where} is a public key; give the private key (the file "
                         "without .pub)")
    secret = passphrase.encode() if passphrase is not None else None
    loader = load_ssh_private_key if b"OPENSSH PRIVATE KEY" in data else load_pem_private_key
    try:
        key = loader(data, secret)
    except TypeError:
        if secret is None:
            raise EncryptedKey(
                f"{where} is encrypted: give its passphrase (the app asks for it; the "
                "command line reads it from the variable named by --passphrase-env), or "
                "use an unencrypted key") from None
        raise KeyProblem(f"{where} is not encrypted; give no passphrase") from None
    except ValueError as exc:
        if secret is not None:  # OpenSSH keys say "broken checksum" for a wrong one
            raise EncryptedKey(f"wrong passphrase for {where} (or the key is damaged)") from None
        raise KeyProblem(f"{where} is not a private key that can be read ({exc})") from None
    except Exception as exc:  # cryptography raises its own errors for damaged keys
        raise KeyProblem(f"{where} is not a private key that can be read ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{where} is not an Ed25519 key ({type(key).__name__}); make one "
                         "with ssh-keygen -t ed25519, or let AlignPlanner make one")
    return UserKey(key, where)
