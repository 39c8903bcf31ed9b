"""Keys never leave the machine: after enrolling, signing, saving, autosaving, exporting,
verifying and writing the signers file (in the app's document and on the command line),
the private key is in none of the files written nor in anything printed or logged: the
bytes are searched for the key file's text and the key itself (raw, hex, base64)."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from document_helpers import sample_plan
from pytestqt.qtbot import QtBot

from alignplanner.cli import main
from alignplanner.contract.keys import own_key
from alignplanner.contract.writer import dump
from alignplanner.document import signing
from alignplanner.document.autosave import Autosaver
from alignplanner.document.document import PlanDocument
from alignplanner.document.files import save_plan
from alignplanner.domain.edits.signoff import set_required, set_signoff


def _secrets() -> list[bytes]:
    key = own_key(create=False)
    seed = key.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    pem = key.path.read_bytes()
    body = [line for line in pem.splitlines()[2:-1] if len(line) >= 20]  # the private part
    return [seed, seed.hex().encode(), base64.b64encode(seed).rstrip(b"="),
            base64.urlsafe_b64encode(seed).rstrip(b"="), pem.strip(), *body]


def _leaks(blobs: dict[str, bytes]) -> list[str]:
    secrets = _secrets()
    return [where for where, data in blobs.items() if any(s in data for s in secrets)]


def test_the_private_key_is_in_no_plan_export_log_or_autosave(
        qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    plan = set_required(set_signoff(sample_plan(), required=(), approvers=(), signatures=()),
                        ["marketing", "sales"])
    document = PlanDocument(plan)
    key = own_key()  # made now, in the test's own key folder
    assert signing.enrol(document, "marketing", "Maria Chen", key.public_key) == []
    assert signing.enrol(document, "sales", "Sam Ortiz", key.public_key) == []
    assert signing.sign_with_key(document, "marketing", key.private) == []
    assert signing.sign_with_key(document, "sales", key.private) == []
    assert signing.standing(document).agreed

    written = tmp_path / "written"
    recovery = written / "recovery"
    autosaver = Autosaver(document, recovery, idle_ms=0)
    autosaver.flush()
    saved = written / "plan.toml"
    save_plan(saved, document.plan, document.result, document.extras)
    cli_plan = written / "cli.toml"
    dump(cli_plan, set_required(set_signoff(sample_plan(), required=(), approvers=(),
                                            signatures=()), ["marketing", "sales"]),
         document.result)
    for role, name in (("marketing", "Maria Chen"), ("sales", "Sam Ortiz")):
        assert main(["enrol", str(cli_plan), "--role", role, "--name", name]) == 0
        assert main(["sign", str(cli_plan), "--role", role]) == 0
    assert main(["verify", str(cli_plan)]) == 0
    assert main(["signers", str(cli_plan), "-o", str(written / "allowed_signers")]) == 0
    for fmt in ("toml", "json", "csv"):
        assert main(["export", str(saved), "--format", fmt, "-o",
                     str(written / f"export.{fmt}")]) == 0
    assert main(["sign", str(cli_plan), "--role", "sales", "--key",
                 str(key.path.with_name("missing"))]) == 1  # an error message, too
    out = capsys.readouterr()

    files = {str(p.relative_to(tmp_path)): p.read_bytes()
             for p in written.rglob("*") if p.is_file()}
    assert {"written/plan.toml", "written/cli.toml", "written/export.json",
            "written/allowed_signers"} <= set(files)
    assert any(name.startswith("written/recovery/") for name in files)  # the autosave
    assert all(b"BEGIN SSH SIGNATURE" in files[f] for f in ("written/plan.toml",
                                                             "written/cli.toml"))
    assert key.public_key.encode() in files["written/plan.toml"]  # the public half is there
    printed = {"stdout": out.out.encode(), "stderr": out.err.encode(),
               "log": caplog.text.encode()}
    assert _leaks({**files, **printed}) == []
    seed = key.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert _leaks({"key file": key.path.read_bytes(), "hex": seed.hex().encode()}) == [
        "key file", "hex"]  # the search finds the key where it is
    autosaver.close()
