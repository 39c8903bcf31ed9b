"""The command-line verbs of the agreement: ``diff``, ``sign`` and ``verify``, and the
sign-off warning that ``validate`` prints. The command line registers them on its parser
and runs them inside its own error handling (a bad file is exit 1 with its problems,
never a traceback). No Qt, and nothing heavy at import time.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from alignplanner.contract.reader import LoadedPlan

from alignplanner.cli import roster
from alignplanner.cli.common import EXIT_INVALID, EXIT_OK
from alignplanner.cli.roster import role_id

__all__ = ["add_verbs", "role_id", "validate_notes"]



def add_verbs(verbs: Any) -> None:
    """Add this module's verbs to the command line's sub-parsers (``verbs``)."""
    diff = verbs.add_parser(
        "diff", help="what changed between two versions of a plan",
        description="Print what changed from plan A to plan B, one change a line, in the "
        "plan's own words: the inputs first, then what they change in the requirements "
        "(wins, each stage's total, and each month that changed). Exit 0 whether or not "
        "they differ; 1 if a file cannot be read. Two scenarios of one plan: "
        "'diff PLAN --scenario 'Hire 2 SDRs' [--against Base]'.",
    )
    diff.add_argument("a", metavar="A", help="the earlier plan file (.toml)")
    diff.add_argument("b", metavar="B", nargs="?", default=None,
                      help="the later plan file (.toml); without it, two scenarios of A")
    diff.add_argument("--scenario", metavar="NAME", default=None,
                      help="the later scenario (of B, or of A without B; default: the base)")
    diff.add_argument("--against", metavar="NAME", default=None,
                      help="the earlier scenario, of A (default: the base)")
    diff.add_argument("--json", action="store_true",
                      help="print a JSON list of {path, kind, before, after, text}")
    diff.set_defaults(command=_diff)
    add_signoff_verbs(verbs)
    roster.add_verbs(verbs)


def _diff(args: argparse.Namespace) -> int:
    from alignplanner.cli.scenarios import diffed
    from alignplanner.contract.diff import diff

    changes = diff(*diffed(args.a, args.b, args.against, args.scenario))
    if args.json:
        import json

        json.dump([c.as_dict() for c in changes], sys.stdout, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        for change in changes:
            print(change.text)
    return EXIT_OK


# -- sign and verify ------------------------------------------------------------------------


def add_signoff_verbs(verbs: Any) -> None:
    """``sign`` and ``verify``."""
    sign = verbs.add_parser(
        "sign", help="sign a plan for a role",
        description="Record NAME's signature for ROLE on the plan's current inputs (UTC time, "
        "the digest of the inputs and of each part) and write FILE back atomically, in its "
        "canonical form (as the app saves it). Refuses a role the plan does not ask to sign, "
        "a name that is not a named approver, a file that does not load, and stored "
        "requirements that no longer follow from the inputs. Signing again replaces the "
        "same person's earlier signature. When the plan has a roster, the signature is made "
        "with your key (--key, else your AlignPlanner key, made on first sign) as an "
        "OpenSSH signature, and a key the roster does not hold for ROLE is refused; NAME "
        "is then the roster's. Without a roster the signature is unverified (it names a "
        "role and proves nothing). Exit 0 signed, 1 refused.",
    )
    sign.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    sign.add_argument("--role", required=True,
                      help="the role signing, as the app shows it or by id: Sales, sales")
    sign.add_argument("--name", help="the approver's name (with a roster: the roster's, "
                      "by default)")
    roster.add_key_options(sign)
    sign.set_defaults(command=_sign)

    verify = verbs.add_parser(
        "verify", help="check that a plan is agreed and intact",
        description="Exit 0 when every required role signed the current inputs and the "
        "stored requirements follow from them; otherwise print each reason (digest mismatch "
        "and which parts changed, missing roles, stale requirements, a key signature that "
        "does not hold and exactly why) and exit 1. A signature made before keys (a plan "
        "without a roster) is noted as unverified.",
    )
    verify.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    verify.add_argument("--require-keys", action="store_true",
                        help="exit 1 unless every signature is made with a key in the roster")
    verify.add_argument("--signers", metavar="ALLOWED_SIGNERS",
                        help="an OpenSSH allowed-signers file you trust (e.g. written by "
                        "'alignplanner signers' when the fingerprints were read aloud): every "
                        "signature must be made by a key it holds for the signer")
    verify.set_defaults(command=_verify)


def _sign(args: argparse.Namespace) -> int:
    from alignplanner.contract.agreement import signed, status_of
    from alignplanner.contract.keys import KeyProblem
    from alignplanner.contract.reader import load
    from alignplanner.contract.signatures import signer_key
    from alignplanner.contract.writer import dump, dumps
    from alignplanner.domain.agreement.roster import fingerprint
    from alignplanner.domain.problems import PlanInvalid

    loaded = load(args.file)
    args.role = role_id(args.role)
    try:
        if loaded.plan.signoff.roster:
            plan = _signed_with_key(args, loaded)
        else:
            if not args.name:
                print(f"{args.file}: --name: give the approver's name (the plan has no "
                      "roster to take it from)", file=sys.stderr)
                return EXIT_INVALID
            plan = signed(loaded, args.role, args.name)
    except KeyProblem as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        print(f"{args.file}: not signed", file=sys.stderr)
        return EXIT_INVALID
    except PlanInvalid as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        print(f"{args.file}: not signed", file=sys.stderr)
        return EXIT_INVALID
    with open(args.file, encoding="utf-8-sig", errors="replace") as stream:  # UTF-16 too
        before = stream.read()
    try:
        dump(args.file, plan, loaded.result, loaded.extras)
    except OSError as exc:
        print(f"{args.file}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    sig = plan.signoff.signatures[-1]
    key = f" with key {fingerprint(roster_key)}" if (roster_key := signer_key(sig)) else ""
    print(f"{args.file}: signed for {args.role} by {sig.name}{key}")
    if not sig.keyed:
        print(f"{args.file}: note: unverified: the plan has no roster, so the signature "
              "names a role and proves nothing; enrol keys (alignplanner enrol) to sign "
              "with them")
    if before.replace("\r\n", "\n") != dumps(loaded.plan, loaded.result, loaded.extras):
        print(f"{args.file}: note: written in canonical form (comments and layout not kept)")
    from alignplanner.contract.scenarios import signed_plan

    print(status_of(signed_plan(plan, loaded.scenarios)).summary())
    return EXIT_OK


def _signed_with_key(args: argparse.Namespace, loaded: LoadedPlan) -> Any:
    """The plan signed with the user's key (see ``sign``); PlanInvalid or KeyProblem."""
    from alignplanner.contract.agreement import sign_with_key, signed, the_signed
    from alignplanner.domain.problems import PlanInvalid, Problem

    key = roster.signing_key(args)
    signed(loaded, args.role, "check")  # the stored requirements follow from the inputs
    # the agreed scenario is what is signed; the signatures are kept with the base
    signed_one = sign_with_key(the_signed(loaded), args.role, key.private)
    plan = loaded.plan.with_changes(signoff=signed_one.signoff)
    name = plan.signoff.signatures[-1].name
    if args.name and args.name.strip() != name:
        raise PlanInvalid([Problem(("signoff", "roster"),
                                   f"your key is in the roster for {args.role} as {name}, "
                                   f"not as {args.name.strip()}")])
    return plan


def _verify(args: argparse.Namespace) -> int:
    from alignplanner.contract.agreement import verify
    from alignplanner.contract.reader import load

    trusted = None
    if args.signers:
        from alignplanner.contract.signatures import trusted_signers

        try:
            with open(args.signers, encoding="utf-8", errors="replace") as stream:
                trusted = (args.signers, trusted_signers(stream.read()))
        except OSError as exc:
            print(f"{args.signers}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_INVALID
    verdict = verify(load(args.file), require_keys=args.require_keys, trusted=trusted)
    if verdict.ok:
        print(f"{args.file}: agreed and intact ({verdict.digest})")
        print(verdict.status.summary())
        for note in verdict.notes:
            print(f"{args.file}: note: {note}")
        for sig in verdict.status.stale:  # an optional signer who signed an earlier version
            print(f"{args.file}: note: {sig.describe()} signed an earlier version")
        return EXIT_OK
    print(f"{args.file}: not agreed")
    for reason in verdict.reasons:
        print(f"{args.file}: {reason}")
    for note in verdict.notes:
        print(f"{args.file}: note: {note}")
    return EXIT_INVALID


def validate_notes(file: str, loaded: LoadedPlan) -> list[str]:
    """Warning lines ``validate`` prints for a valid plan (exit status unchanged): the plan
    changed since it was signed, and by what."""
    from alignplanner.contract.agreement import changed_since_signed, the_signed

    note = changed_since_signed(the_signed(loaded))
    return [f"{file}: warning: signoff: {note}"] if note else []
