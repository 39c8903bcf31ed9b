"""The plan's ``[history]``: read and written back, absent from a file that has none (the
same bytes as before), outside the sign-off digest, bad values named; the lineage and the
common ancestor of two copies; the local version store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from alignplanner.contract import versions
from alignplanner.contract.digest import digest, part_digests
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import load, loads
from alignplanner.contract.writer import dumps
from alignplanner.domain.history import MAX_ANCESTORS, History
from alignplanner.domain.problems import PlanInvalid

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "scenarios" / "midmarket-saas.toml"
A, B, C, D = "a" * 16, "b" * 16, "c" * 16, "d" * 16
NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_a_file_without_history_writes_back_the_same_bytes() -> None:
    text = dumps(*_plan_and_result())
    again = loads(text)
    assert again.extras.history == History()
    assert dumps(again.plan, again.result, again.extras) == text
    assert "[history]" not in text


def _plan_and_result():  # type: ignore[no-untyped-def]
    loaded = load(SAMPLE)
    return loaded.plan, loaded.result, loaded.extras


def test_history_is_read_back_as_written() -> None:
    plan, result, extras = _plan_and_result()
    history = History(C, B, NOON, (B, A))
    text = dumps(plan, result, extras.with_changes(history=history))
    assert ('[history]\nversion = "cccccccccccccccc"\nparent = "bbbbbbbbbbbbbbbb"\n'
            'saved = 2026-12-07T12:00:00Z\n'
            'ancestors = ["bbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaaaa"]\n\n') in text
    assert text.index("[history]") < text.index("[requirements]")
    assert loads(text).extras.history == history


def test_the_version_id_is_not_part_of_the_signoff_digest() -> None:
    plan, result, extras = _plan_and_result()
    first = loads(dumps(plan, result, extras.with_changes(history=History(A, "", NOON))))
    second = loads(dumps(plan, result, extras.with_changes(history=History(B, A, NOON, (A,)))))
    assert digest(first.plan) == digest(second.plan) == digest(plan)
    assert part_digests(first.plan) == part_digests(second.plan)


@pytest.mark.parametrize(("table", "message"), [
    ('version = "xyz"', "history.version: must be 16 lowercase hex digits, got 'xyz'"),
    ('version = "aaaaaaaaaaaaaaaa"\nsaved = "noon"',
     "history.saved: must be a date and time in UTC without quotes"),
    ('parent = "aaaaaaaaaaaaaaaa"', "history.version: missing: this key is required"),
    ('version = "aaaaaaaaaaaaaaaa"\nancestors = [1]',
     "history.ancestors[0]: must be text (in quotes)"),
    ('version = "aaaaaaaaaaaaaaaa"\nparnet = "bbbbbbbbbbbbbbbb"',
     "history.parnet: unknown key 'parnet'; did you mean 'parent'?"),
    ('version = "aaaaaaaaaaaaaaaa"\nancestors = ["bbbbbbbbbbbbbbbb"]\n'
     'ancestors_saved = [2026-12-07T12:00:00Z, 2026-12-08T12:00:00Z]',
     "history.ancestors_saved: must hold at most one time for each of the 1 ancestors, got 2"),
])
def test_a_wrong_history_is_named_with_its_line(table: str, message: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + f"\n[history]\n{table}\n"
    with pytest.raises(PlanFileError) as caught:
        loads(text, "plan.toml")
    shown = [str(p) for p in caught.value.problems]
    assert any(message in line and line.startswith("plan.toml:") for line in shown), shown


def test_each_save_has_a_new_version_whose_parent_is_the_last() -> None:
    first = History().saved_again(A, NOON)
    assert first == History(A, "", NOON, ())
    second = first.saved_again(B, NOON)
    assert second == History(B, A, NOON, (A,), (NOON,))
    assert second.saved_at(A) == NOON
    assert second.saved_again(C, NOON).lineage == (C, B, A)
    long = History(A)
    for i in range(MAX_ANCESTORS + 5):
        long = long.saved_again(f"{i:016x}", NOON)
    assert len(long.ancestors) == MAX_ANCESTORS


def test_the_common_ancestor_of_two_copies() -> None:
    start = History(A, saved=NOON).saved_again(B, NOON)  # B, parent A
    ours = start.saved_again(C, NOON)
    theirs = start.saved_again(D, NOON)
    assert ours.common_ancestor(theirs) == B
    assert theirs.common_ancestor(ours) == B
    assert ours.common_ancestor(History()) is None
    merged = ours.merged_with(theirs)
    assert merged.ancestors == (D, B, A)  # D came after B, on theirs
    assert merged.saved_at(D) == NOON
    assert merged.common_ancestor(theirs) == D  # merged again later: theirs is the base
    assert merged.common_ancestor(start) == B
    assert merged.saved_again(A, NOON).lineage == (A, C, D, B)
    other = History(C, B, NOON, ("e" * 16, B, A)).merged_with(theirs)
    assert other.ancestors == ("e" * 16, D, B, A)


def test_a_wrong_version_id_is_refused() -> None:
    with pytest.raises(PlanInvalid, match="16 lowercase hex digits"):
        History("ABC")


def test_the_store_keeps_each_version_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.setenv(versions.VERSIONS_DIR_ENV, str(tmp_path / "store"))
    assert versions.store_dir() == tmp_path / "store"
    assert versions.find(A) is None
    assert versions.keep(A, "first")
    assert versions.keep(A, "second")  # a version never changes
    found = versions.find(A)
    assert found is not None
    assert found.read_text(encoding="utf-8") == "first"
    assert not versions.keep("../../etc", "x")
    assert versions.find("../../etc") is None


def test_the_store_stays_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(versions, "MAX_VERSIONS", 3)
    for i in range(5):
        versions.keep(f"{i:016x}", str(i), tmp_path)
    assert len(list(tmp_path.glob("*.toml"))) == 3


def test_the_base_of_two_copies_is_found_in_the_store_or_named(tmp_path: Path) -> None:
    start = History(A, saved=NOON).saved_again(B, datetime(2026, 12, 8, 9, 30, tzinfo=UTC))
    ours, theirs = start.saved_again(C, NOON), start.saved_again(D, NOON)
    missing = versions.find_base(ours, theirs, tmp_path)
    assert (missing.version, missing.path) == (B, None)
    assert missing.message == ("The version both copies come from, bbbbbbbbbbbbbbbb (saved "
                               "2026-12-08 09:30 UTC), is not on this machine: give it as "
                               "BASE (the copy saved then)")
    versions.keep(B, "base text", tmp_path)
    found = versions.find_base(ours, theirs, tmp_path)
    assert found.path == tmp_path / f"{B}.toml"
    assert found.message == ("Base: version bbbbbbbbbbbbbbbb (saved 2026-12-08 09:30 UTC), the "
                             f"newest version both copies come from, kept on this machine in "
                             f"{tmp_path}")
    none = versions.find_base(ours, History(), tmp_path)
    assert none.version == ""
    assert none.message.startswith("The two copies share no version in their history")
