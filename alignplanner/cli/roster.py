"""The command-line verbs of the roster: ``enrol`` (put a person's public key in the plan's
roster for a role) and ``signers`` (the roster as an OpenSSH allowed-signers file), and the
user's key for ``sign`` (`signing_key`). No Qt; the key files are read by
alignplanner.contract.keys, and a private key is never printed or written into a plan.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from alignplanner.contract.keys import UserKey

from alignplanner.cli.common import EXIT_INVALID, EXIT_OK

__all__ = ["add_key_options", "add_verbs", "role_id", "signing_key"]


def role_id(text: str) -> str:
    """A sign-off role as the app shows it or as the file writes it, any case:
    ``Sales`` and ``Customer success`` -> ``sales``, ``customer_success``."""
    return "_".join(text.replace("-", " ").split()).casefold()


def add_key_options(parser: Any) -> None:
    """``--key FILE`` and ``--passphrase-env NAME``, for the verbs that use the user's key."""
    parser.add_argument("--key", metavar="FILE",
                        help="an OpenSSH Ed25519 private key (e.g. ~/.ssh/id_ed25519) or its "
                        ".pub; default: your AlignPlanner key, made on first use in your "
                        "configuration folder (owner-only permissions)")
    parser.add_argument("--passphrase-env", metavar="NAME",
                        help="the environment variable that holds the passphrase of an "
                        "encrypted --key")


def add_verbs(verbs: Any) -> None:
    """``enrol`` and ``signers``."""
    enrol = verbs.add_parser(
        "enrol", help="put a person's public key in the plan's roster for a role",
        description="Add NAME's Ed25519 public key to FILE's roster for ROLE (replacing "
        "their earlier key) and write FILE back atomically. The key is --key (a .pub file, "
        "or a private key whose public half is taken), else your AlignPlanner key (made on "
        "first use). Prints the key's fingerprint, to read aloud. Exit 0 enrolled, 1 refused.",
    )
    enrol.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    enrol.add_argument("--role", required=True, help="the role: Sales, sales, ...")
    enrol.add_argument("--name", required=True, help="the person's name")
    add_key_options(enrol)
    enrol.set_defaults(command=_enrol)

    signers = verbs.add_parser(
        "signers", help="write the roster as an OpenSSH allowed-signers file",
        description="Write FILE's roster as an allowed-signers file for ssh-keygen -Y verify "
        "(a line per person: their name, namespaces=\"alignplanner\", their key, the role). "
        "docs/contract.md shows how to check a signature with it. Exit 1 if no roster.",
    )
    signers.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    signers.add_argument("-o", "--output", metavar="OUT", default="-",
                         help="where to write it (default: - for standard output)")
    signers.set_defaults(command=_signers)


def signing_key(args: argparse.Namespace) -> UserKey:
    """The user's private key: ``--key`` (with ``--passphrase-env``), else their own key
    (made on first use, with a line on standard error saying where). KeyProblem."""
    from alignplanner.contract.keys import KeyProblem, load_key, own_key

    if args.key:
        passphrase = None
        if args.passphrase_env:
            passphrase = os.environ.get(args.passphrase_env)
            if passphrase is None:
                raise KeyProblem(f"--passphrase-env: the variable {args.passphrase_env} is "
                                 "not set")
        return load_key(args.key, passphrase)
    key = own_key()
    if key.created:
        print(f"made your signing key: {key.path} (kept on this machine only, readable by "
              "you alone)", file=sys.stderr)
    return key


def _public_key(args: argparse.Namespace) -> str:
    from pathlib import Path

    from alignplanner.contract.keys import KeyProblem

    if args.key:
        path = Path(args.key).expanduser()
        try:
            text = path.read_text("utf-8", errors="replace")
        except OSError as exc:
            raise KeyProblem(f"cannot read the key {path}: {exc.strerror or exc}") from None
        if text.lstrip().startswith("ssh-"):
            return text.strip().splitlines()[0]
    return signing_key(args).public_key


def _enrol(args: argparse.Namespace) -> int:
    from alignplanner.contract.agreement import enrolled
    from alignplanner.contract.keys import KeyProblem
    from alignplanner.contract.reader import load
    from alignplanner.contract.writer import dump
    from alignplanner.domain.agreement.roster import fingerprint
    from alignplanner.domain.problems import PlanInvalid

    loaded = load(args.file)
    role = role_id(args.role)
    try:
        plan = enrolled(loaded.plan, role, args.name, _public_key(args))
    except KeyProblem as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except PlanInvalid as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        print(f"{args.file}: not enrolled", file=sys.stderr)
        return EXIT_INVALID
    try:
        dump(args.file, plan, loaded.result, loaded.extras)
    except OSError as exc:
        print(f"{args.file}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    entry = plan.signoff.roster_entry(role, args.name.strip())
    assert entry is not None
    print(f"{args.file}: enrolled {entry.name} for {role} with key "
          f"{fingerprint(entry.public_key)}")
    return EXIT_OK


def _signers(args: argparse.Namespace) -> int:
    from alignplanner.contract.agreement import allowed_signers
    from alignplanner.contract.atomic import atomic_write_text
    from alignplanner.contract.reader import load

    plan = load(args.file).plan
    if not plan.signoff.roster:
        print(f"{args.file}: the plan has no roster (enrol keys first: alignplanner enrol)",
              file=sys.stderr)
        return EXIT_INVALID
    text = allowed_signers(plan)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        atomic_write_text(args.output, text)
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"{args.output}: {len(plan.signoff.roster)} signers written", file=sys.stderr)
    return EXIT_OK
