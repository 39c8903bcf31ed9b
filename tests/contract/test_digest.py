"""The digest of a plan's inputs: stable under reformatting, broken by any input edit."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from plan_edits import SCENARIOS, Edit, edits, ops_edits
from plan_texts import reversed_keys

from alignplanner.contract.digest import canonical_inputs, digest
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_reformatting_and_reordering_keep_the_digest(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    loaded = loads(text)
    rewritten = dumps(loaded.plan, loaded.result)  # canonical layout, with requirements
    reordered = tomli_w.dumps(reversed_keys(tomllib.loads(text)))  # other layout and order
    commented = "# a comment\n" + re.sub(r"\n\[", "\n\n# note\n[", text)
    digests = {digest(loads(t).plan) for t in (text, rewritten, reordered, commented)}
    assert digests == {digest(loaded.plan)}


def test_digest_shape_and_canonical_form() -> None:
    plan = loads(SCENARIOS[0].read_text(encoding="utf-8")).plan
    value = digest(plan)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", value)
    raw = canonical_inputs(plan)
    assert b" " not in raw.split(b'"')[0]  # no whitespace outside strings at the start
    doc = json.loads(raw)
    assert "requirements" not in doc
    assert "signoff" not in doc
    assert doc["plan"]["start"] == plan.start.isoformat()
    assert list(doc) == sorted(doc)


def test_whole_floats_and_integers_give_the_same_digest() -> None:
    text = SCENARIOS[0].read_text(encoding="utf-8")
    floated = re.sub(r"^revenue = (\d+)$", r"revenue = \1.0", text, count=1, flags=re.M)
    assert floated != text
    assert digest(loads(floated).plan) == digest(loads(text).plan)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(edits())
def test_any_single_input_edit_changes_the_digest(edit: Edit) -> None:
    plan, edited, _path = edit
    assert digest(edited) != digest(plan)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(ops_edits())
def test_any_edit_of_the_calendar_roles_or_slas_changes_the_digest(edit: Edit) -> None:
    plan, edited, _path = edit
    assert digest(edited) != digest(plan)
