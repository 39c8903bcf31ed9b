"""Test-wide set-up: a headless Qt and the Hypothesis profiles.

Hypothesis profiles: "ci" (deterministic) and "dev" (quicker, random). Neither has a
deadline: a deadline is a wall-clock assertion, and a loaded machine breaks it. Choose one with
HYPOTHESIS_PROFILE; without it, "ci" is used when CI is set and "dev" otherwise.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import settings

# Before anything creates a QApplication: tests never need a screen. Subprocesses that the
# tests start inherit it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the local version store (contract/versions.py): never the user's own during tests
os.environ.setdefault("ALIGNPLANNER_VERSIONS_DIR",
                      tempfile.mkdtemp(prefix="alignplanner-versions-"))

settings.register_profile(
    "ci",
    deadline=None,  # shared CI machines stall; a slow example is not a failure
    derandomize=True,  # the same examples on every run, so a red CI is reproducible
    max_examples=200,
    database=None,  # derandomized runs need no example database
    print_blob=True,
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_signing_key_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test that signs with "the user's own key" makes it in a folder of its own, never
    in the real configuration folder (alignplanner.contract.keys.KEY_DIR_ENV)."""
    monkeypatch.setenv("ALIGNPLANNER_KEY_DIR", str(tmp_path_factory.mktemp("keys") / "keys"))
