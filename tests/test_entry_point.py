"""Which front end a word on the command line starts: a mistyped verb is refused with a
suggestion (no Qt loaded), a session without a display gets a sentence, not a core dump,
and a verb given an option it does not take shows that verb's own usage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from alignplanner.__main__ import main, mistyped_verb
from alignplanner.app import no_display
from alignplanner.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "scenarios" / "smb-high-volume.toml"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "alignplanner", *args], cwd=ROOT,
        capture_output=True, text=True, timeout=120, check=False,
        env=dict(env if env is not None else os.environ, PYTHONPATH=str(ROOT)),
    )


def _imported(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in stderr.splitlines()
            if line.startswith("import time:")}


@pytest.mark.parametrize(("word", "verb"), [("verfy", "verify"), ("Validte", "validate"),
                                            ("comptue", "compute"), ("exprot", "export")])
def test_a_word_near_a_verb_suggests_it(word: str, verb: str) -> None:
    message = mistyped_verb([word, "plan.toml"])
    assert message is not None
    assert f"did you mean {verb}?" in message
    assert repr(word) in message


def test_files_options_and_far_words_go_to_the_app(tmp_path: Path) -> None:
    named_like_a_verb = tmp_path / "verfy"
    named_like_a_verb.write_text("", encoding="utf-8")
    assert mistyped_verb([str(named_like_a_verb)]) is None
    assert mistyped_verb(["--presentation"]) is None
    assert mistyped_verb(["quarterly-plan.toml"]) is None
    assert mistyped_verb([]) is None


def test_mistyped_verb_exits_2_without_qt() -> None:
    result = _run("verfy", str(SAMPLE))
    assert result.returncode == 2
    assert "did you mean verify?" in result.stderr
    assert not _imported(result.stderr) & {"PySide6", "shiboken6", "pyqtgraph"}


def test_mistyped_verb_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valdate", "plan.toml"]) == 2
    assert "did you mean validate?" in capsys.readouterr().err


def test_no_display_is_a_sentence() -> None:
    message = no_display({}, "linux")
    assert message is not None
    assert "no display" in message
    assert "validate" in message
    assert no_display({"DISPLAY": ":0"}, "linux") is None
    assert no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display({}, "darwin") is None
    assert no_display({}, "win32") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are X11/Wayland")
def test_no_display_exits_1_with_the_reason_not_a_core_dump() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run(str(SAMPLE), env=env)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "no display to show the window on" in result.stderr
    assert "PySide6" not in _imported(result.stderr)


def test_an_unknown_option_shows_the_verbs_usage_and_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main(["compute", str(SAMPLE), "--jsn"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: alignplanner compute")
    assert "unrecognized arguments: --jsn; did you mean --json?" in err


def test_an_extra_argument_shows_the_verbs_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["validate", str(SAMPLE), "other.toml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: alignplanner validate")
    assert "did you mean" not in err


def test_every_verb_of_the_command_line_is_sent_to_it() -> None:
    """A verb the command line knows but the entry point does not would open the app with
    the verb taken for a file name (``alignplanner merge`` did)."""
    import argparse

    from alignplanner.__main__ import CLI_VERBS
    from alignplanner.cli import _parser

    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == CLI_VERBS
