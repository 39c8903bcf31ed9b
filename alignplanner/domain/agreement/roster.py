"""The keys of the roster: who holds the key of each role that signs a plan.

An entry (`alignplanner.domain.agreement.signoff.RosterEntry`) binds a role and a
person's name to an OpenSSH Ed25519 public key (``ssh-ed25519 AAAA...``). A signature
made with a key is checked against the roster's key for its role and name
(alignplanner.contract.signatures). The short `fingerprint` is what people read aloud in
the meeting to confirm that the key in the plan is theirs: the first 8 base32 characters
of the SHA-256 of the key, grouped by four (``K7QF-2M9A``); `ssh_fingerprint` is the
whole of it as ``ssh-keygen -lf`` prints it (``SHA256:...``).

Pure Python: the key text is checked for its shape (type, base64, the key type inside
the blob and a 32-byte key), never used for cryptography here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

__all__ = ["KEY_TYPE", "fingerprint", "key_blob", "ssh_fingerprint"]

KEY_TYPE = "ssh-ed25519"
_KEY_TEXT = re.compile(r"^ssh-ed25519 ([A-Za-z0-9+/]+={0,2})$")


def key_blob(public_key: str) -> bytes:
    """The wire-format blob of ``ssh-ed25519 AAAA...`` (ValueError saying what is wrong)."""
    if not isinstance(public_key, str):
        raise ValueError(f"must be text such as 'ssh-ed25519 AAAAC3Nza...', got {public_key!r}")
    match = _KEY_TEXT.match(public_key.strip())
    if match is None:
        raise ValueError(
            "must be an OpenSSH Ed25519 public key without a comment, 'ssh-ed25519 AAAA...' "
            f"(the first line of a .pub file), got {public_key[:40]!r}"
        )
    try:
        blob = base64.b64decode(match.group(1), validate=True)
    except binascii.Error:
        raise ValueError("the key's base64 text is damaged") from None
    expected = _ssh_string(KEY_TYPE.encode())
    if not blob.startswith(expected) or len(blob) != len(expected) + 4 + 32 or (
            blob[len(expected):len(expected) + 4] != (32).to_bytes(4, "big")):
        raise ValueError("the key's base64 text is not an Ed25519 key (damaged or cut short)")
    return blob


def _ssh_string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def fingerprint(public_key: str) -> str:
    """``K7QF-2M9A``: the first 8 base32 characters of the SHA-256 of the key's blob."""
    text = base64.b32encode(hashlib.sha256(key_blob(public_key)).digest()).decode()
    return f"{text[:4]}-{text[4:8]}"


def ssh_fingerprint(public_key: str) -> str:
    """``SHA256:...``: the key's fingerprint as ``ssh-keygen -lf`` prints it."""
    raw = base64.b64encode(hashlib.sha256(key_blob(public_key)).digest()).decode()
    return "SHA256:" + raw.rstrip("=")
