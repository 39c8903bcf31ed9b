"""Signatures made with keys: the exact message signed, signing, and checking one.

A signature with a key is an SSHSIG (namespace ``alignplanner``) over the **message**:
the canonical JSON (alignplanner.contract.digest.canonical_json: keys sorted, no
whitespace, UTF-8) of ::

    {"digest": <the digest of the inputs signed>, "name": <who>, "role": <role id>,
     "roster": <entry digest>, "signed_at": "2026-11-23T14:05:00Z",
     "signoff": "alignplanner/1"}

where the **entry digest** is ``"sha256:"`` + the hex SHA-256 of the canonical JSON of
the signer's roster entry ``{"name", "public_key", "role"}``. So a signature holds only
for those inputs, that role and person, that time, and that roster entry: editing a
number, copying the signature to another plan, or swapping the roster's key after
signing all break it. docs/contract.md shows how to check one with ``ssh-keygen``.

`problem` says exactly why a signature does not hold (None when it does).
"""

from __future__ import annotations

import hashlib
import shlex
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from alignplanner.contract import sshsig
from alignplanner.contract.digest import canonical_json
from alignplanner.contract.write.values import rfc3339
from alignplanner.domain.agreement.roster import fingerprint, key_blob
from alignplanner.domain.agreement.signoff import RosterEntry, Signature, SignOff

__all__ = [
    "MESSAGE_KIND", "entry_digest", "message", "message_of", "problem", "sign_message",
    "signer_key", "trusted_signers", "untrusted",
]

MESSAGE_KIND = "alignplanner/1"


def entry_digest(entry: RosterEntry) -> str:
    """``sha256:...`` of the roster entry's canonical JSON (name, public_key, role)."""
    blob = canonical_json({"role": entry.role, "name": entry.name,
                           "public_key": entry.public_key})
    return "sha256:" + hashlib.sha256(blob).hexdigest()


def message(digest: str, role: str, name: str, signed_at: datetime, roster: str) -> bytes:
    """The bytes a signature with a key signs (see the module docstring)."""
    return canonical_json({"signoff": MESSAGE_KIND, "digest": digest, "role": role,
                           "name": name, "signed_at": rfc3339(signed_at), "roster": roster})


def message_of(sig: Signature) -> bytes:
    """The message ``sig`` says it signed."""
    return message(sig.digest, sig.role, sig.name, sig.signed_at, sig.roster)


def sign_message(key: Ed25519PrivateKey, digest: str, entry: RosterEntry,
                 signed_at: datetime) -> tuple[str, str]:
    """(entry digest, armored SSHSIG) of ``entry``'s person signing ``digest``."""
    roster = entry_digest(entry)
    text = sshsig.sign(key, message(digest, entry.role, entry.name, signed_at, roster))
    return roster, text


def signer_key(sig: Signature) -> str | None:
    """``ssh-ed25519 AAAA...``: the key that made ``sig`` (None if it cannot be read)."""
    try:
        return sshsig.parse(sig.sshsig).public_key_text
    except sshsig.SshSigError:
        return None


def problem(signoff: SignOff, sig: Signature) -> str | None:
    """Why the key signature of ``sig`` does not hold under ``signoff``'s roster, in one
    sentence naming the signature; None when it holds, or when ``sig`` was made before keys
    (`Signature.keyed`: the caller says that in its own words)."""
    if not sig.keyed:
        return None
    who = sig.describe()
    try:
        parsed = sshsig.parse(sig.sshsig)
    except sshsig.SshSigError as exc:
        return f"malformed signature: the signature of {who} {exc}"
    if parsed.namespace != sshsig.NAMESPACE:
        return (f"malformed signature: the signature of {who} is for namespace "
                f"{parsed.namespace!r}, not {sshsig.NAMESPACE!r}")
    return _key_problem(signoff, sig, parsed)


def _key_problem(signoff: SignOff, sig: Signature, parsed: sshsig.SshSig) -> str | None:
    who = sig.describe()
    used = fingerprint(parsed.public_key_text)
    entry = signoff.roster_entry(sig.role, sig.name)
    if entry is None:
        return (f"not in the roster: {who} signed with key {used}, but the roster has no "
                f"key for {sig.name} as {sig.role}")
    if parsed.public_key != key_blob(entry.public_key):
        if sig.roster != entry_digest(entry):
            return (f"roster changed after signing: {who} signed with key {used}, the "
                    f"roster now holds key {entry.fingerprint} for {sig.name} as {sig.role}")
        return (f"wrong key: {who} signed with key {used}, which is not the roster's key "
                f"{entry.fingerprint} for {sig.name} as {sig.role}")
    if sig.roster != entry_digest(entry):
        return (f"roster changed after signing: the roster entry of {sig.name} as "
                f"{sig.role} is not the one {who} signed under")
    if not sshsig.verify(parsed, entry.public_key, message_of(sig)):
        return (f"signature does not match: the signature of {who} is not over this "
                f"digest, role, name and time (altered, or copied from another plan)")
    return None


def trusted_signers(text: str) -> dict[str, set[str]]:
    """An OpenSSH allowed-signers file (as ``alignplanner signers`` writes it, or by hand):
    principal -> the Ed25519 keys (``ssh-ed25519 AAAA...``) trusted for it in the
    ``alignplanner`` namespace. Principals match as written (patterns are not expanded).
    Lines are left out (they trust nobody) when restricted to other namespaces, with any
    other option (``cert-authority`` trusts certificates, not the key; ``valid-before``
    and ``valid-after`` are not checked here), with another key type, or unreadable."""
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        if "ssh-ed25519" not in words[1:-1]:
            continue
        at = words.index("ssh-ed25519")
        options = [o for o in ",".join(words[1:at]).split(",") if o]
        spaces = [o.removeprefix("namespaces=") for o in options if o.startswith("namespaces=")]
        if len(spaces) != len(options) or (
                spaces and sshsig.NAMESPACE not in ",".join(spaces).split(",")):
            continue
        key = f"ssh-ed25519 {words[at + 1]}"
        try:
            key_blob(key)
        except ValueError:
            continue
        for principal in words[0].split(","):
            out.setdefault(principal, set()).add(key)
    return out


def untrusted(sig: Signature, trusted: dict[str, set[str]], source: str) -> str | None:
    """Why a signature with a key is not from a key ``trusted`` holds for its signer
    (``source`` names the file); None when it is, or when it was made before keys."""
    if not sig.keyed:
        return None
    used = signer_key(sig)
    if used is None:
        return None  # malformed: `problem` says so
    keys = {key_blob(k) for k in trusted.get(sig.name, set())}
    if key_blob(used) in keys:
        return None
    return (f"not a trusted key: {sig.describe()} signed with key {fingerprint(used)}, "
            f"which {source} does not hold for {sig.name}")
