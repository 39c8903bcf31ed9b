"""OpenSSH signatures (SSHSIG, as ``ssh-keygen -Y sign`` makes them) with Ed25519 keys.

The format is OpenSSH's PROTOCOL.sshsig: the signature is Ed25519 (from `cryptography`)
over a small envelope holding the namespace and the SHA-512 of the message; the result
is armored text (``-----BEGIN SSH SIGNATURE-----``) that ``ssh-keygen -Y verify``
checks. Only the framing (length-prefixed strings, base64 armor) is written here; the
cryptography is the library's.

`parse` says exactly what is wrong with a damaged signature (`SshSigError`), so that
``verify`` can name it; `verify` is True only for a signature over ``message`` in
``namespace`` by the given key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from alignplanner.domain.agreement.roster import KEY_TYPE, key_blob

__all__ = ["NAMESPACE", "SshSig", "SshSigError", "parse", "public_key_text", "sign", "verify"]

NAMESPACE = "alignplanner"
_MAGIC = b"SSHSIG"
_VERSION = 1
_HASH = "sha512"
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"


class SshSigError(ValueError):
    """A signature that is not a well-formed SSHSIG (the message says what is wrong)."""


@dataclass(frozen=True)
class SshSig:
    """A parsed SSHSIG: the signer's public key blob, the namespace and the raw signature."""

    public_key: bytes
    namespace: str
    hash_algorithm: str
    signature: bytes

    @property
    def public_key_text(self) -> str:
        """``ssh-ed25519 AAAA...``: the key that made the signature, as a .pub file says."""
        return f"{KEY_TYPE} {base64.b64encode(self.public_key).decode()}"


def _string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _signed_data(namespace: str, message: bytes) -> bytes:
    return (_MAGIC + _string(namespace.encode()) + _string(b"") + _string(_HASH.encode())
            + _string(hashlib.sha512(message).digest()))


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """``ssh-ed25519 AAAA...`` (no comment) of a key or of a private key's public half."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode()


def sign(key: Ed25519PrivateKey, message: bytes, namespace: str = NAMESPACE) -> str:
    """The armored SSHSIG of ``message`` by ``key`` in ``namespace``."""
    raw = key.sign(_signed_data(namespace, message))
    blob = (_MAGIC + _VERSION.to_bytes(4, "big") + _string(key_blob(public_key_text(key)))
            + _string(namespace.encode()) + _string(b"") + _string(_HASH.encode())
            + _string(_string(KEY_TYPE.encode()) + _string(raw)))
    text = base64.b64encode(blob).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return "\n".join([_BEGIN, *lines, _END]) + "\n"


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, n: int, what: str) -> bytes:
        if self.at + n > len(self.data):
            raise SshSigError(f"cut short (in its {what})")
        out = self.data[self.at:self.at + n]
        self.at += n
        return out

    def string(self, what: str) -> bytes:
        return self.take(int.from_bytes(self.take(4, what), "big"), what)


def parse(armored: str) -> SshSig:
    """The parts of an armored SSHSIG; SshSigError saying what is wrong with it."""
    lines = [line.strip() for line in armored.strip().splitlines()]
    if not lines or lines[0] != _BEGIN:
        raise SshSigError(f"does not start with {_BEGIN}")
    if lines[-1] != _END:
        raise SshSigError(f"does not end with {_END} (cut short?)")
    try:
        data = base64.b64decode("".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        raise SshSigError("its base64 text is damaged") from None
    r = _Reader(data)
    if r.take(6, "preamble") != _MAGIC:
        raise SshSigError("is not an SSH signature (no SSHSIG preamble)")
    version = int.from_bytes(r.take(4, "version"), "big")
    if version != _VERSION:
        raise SshSigError(f"has version {version}; only version {_VERSION} is known")
    public = r.string("public key")
    namespace = r.string("namespace").decode("utf-8", "replace")
    r.string("reserved field")
    algorithm = r.string("hash algorithm").decode("ascii", "replace")
    envelope = _Reader(r.string("signature"))
    if r.at != len(data):
        raise SshSigError("has bytes after the signature")
    key_type = envelope.string("signature type").decode("ascii", "replace")
    if key_type != KEY_TYPE or public[:15] != _string(KEY_TYPE.encode()):
        raise SshSigError(f"is not an Ed25519 signature ({key_type})")
    raw = envelope.string("signature bytes")
    if len(raw) != 64 or envelope.at != len(envelope.data):
        raise SshSigError("its Ed25519 signature is not 64 bytes")
    if len(public) != 51:
        raise SshSigError("its public key is not an Ed25519 key")
    if algorithm not in ("sha256", "sha512"):
        raise SshSigError(f"uses an unknown hash algorithm {algorithm!r}")
    return SshSig(public, namespace, algorithm, raw)


def verify(sig: SshSig, public_key: str, message: bytes, namespace: str = NAMESPACE) -> bool:
    """Whether ``sig`` is ``public_key``'s (``ssh-ed25519 AAAA...``) signature over
    ``message`` in ``namespace``."""
    blob = key_blob(public_key)
    if sig.public_key != blob or sig.namespace != namespace:
        return False
    digest = hashlib.new(sig.hash_algorithm, message).digest()
    signed = (_MAGIC + _string(namespace.encode()) + _string(b"")
              + _string(sig.hash_algorithm.encode()) + _string(digest))
    try:
        Ed25519PublicKey.from_public_bytes(blob[-32:]).verify(sig.signature, signed)
    except InvalidSignature:
        return False
    return True
