"""Words of signing with keys in the Sign-off tab: the roster, the user's own key, and
what a signature's key says (no Qt)."""

from __future__ import annotations

__all__ = [
    "ENROL_BUTTON",
    "ENROL_TIP",
    "NO_KEY",
    "NO_ROSTER",
    "ROSTER_CAPTION",
    "ROSTER_WARNING",
    "SIGN_WITH_KEY_TIP",
    "UNVERIFIED_NOTE",
    "key_made",
    "own_key_words",
    "roster_line",
]

ENROL_BUTTON = "Add my key to the roster…"
ENROL_TIP = ("Put your public key in the plan for your role, so that your signature proves "
             "it is yours. Your private key stays on this machine.")
SIGN_WITH_KEY_TIP = "Sign the plan as it is now, for your role, with your key"
ROSTER_CAPTION = "Keys in the roster (read the fingerprints aloud to check them)"
NO_ROSTER = ("No keys in the roster: signatures name a role but prove nothing about who "
             "signed. Add your key to the roster to sign with it.")
NO_KEY = "no key"
UNVERIFIED_NOTE = "made before keys: unverified"
ROSTER_WARNING = "A signature does not hold:"
SSH_KEY_BUTTON = "Use my SSH key…"
SSH_KEY_TIP = ("Sign with an OpenSSH Ed25519 key you already have (such as ~/.ssh/id_ed25519) "
               "instead of your AlignPlanner key, for this session")
KEY_FILE_TITLE = "Your SSH key"


def passphrase_question(name: str, again: bool) -> str:
    """What the passphrase field asks."""
    return (f"Wrong passphrase. Passphrase of {name}:" if again
            else f"{name} is protected by a passphrase. Passphrase:")


def ssh_key_words(fingerprint: str, path: str) -> str:
    """``Your key: K7QF-2M9A (your SSH key ~/.ssh/id_ed25519, for this session)``."""
    return f"Your key: {fingerprint} (your SSH key {path}, for this session)"


def key_made(path: str) -> str:
    return (f"Made your signing key. It is kept in {path}, readable by you alone, and never "
            "leaves this machine.")


def own_key_words(fingerprint: str, path: str) -> str:
    """``Your key: K7QF-2M9A (kept in …/keys/id_ed25519, on this machine only)``."""
    return f"Your key: {fingerprint} (kept in {path}, on this machine only)"


def roster_line(role: str, name: str, fingerprint: str) -> str:
    """``Sales: Sam Lee, key K7QF-2M9A``."""
    return f"{role}: {name}, key {fingerprint}"
