"""Invariants of the three-way merge: a side that changed nothing takes the other side
whole, and without a conflict the order of the two sides does not matter. Over single
edits of the sample plans (through the merged file read back) and over random changes of
the file's tables (added, removed and reordered entries, changed and removed keys)."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from plan_edits import PLANS, SCENARIOS, two_edits

from alignplanner.contract.merge import document_of, merge, merge_documents
from alignplanner.contract.reader import LoadedPlan, load
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan

LOADED = [load(path) for path in SCENARIOS]


def _loaded(plan: Plan) -> LoadedPlan:
    base = LOADED[PLANS.index(plan)] if plan in PLANS else LOADED[0]
    return dataclasses.replace(base, plan=plan, result=compute(plan))


@settings(max_examples=25)
@given(two_edits())
def test_a_side_without_changes_takes_the_other_whole(edits: tuple[Plan, Plan, Plan]) -> None:
    plan, x, _ = edits
    base, edited = _loaded(plan), _loaded(x)
    for merged in (merge(base, edited, base), merge(base, base, edited)):
        assert merged.conflicts == ()
        assert merged.loaded is not None, merged.problems
        assert document_of(merged.loaded) == document_of(edited)
        assert merged.loaded.plan == x


@settings(max_examples=25)
@given(two_edits())
def test_without_conflict_the_order_of_the_sides_does_not_matter(
        edits: tuple[Plan, Plan, Plan]) -> None:
    plan, x, y = edits
    base, a, b = _loaded(plan), _loaded(x), _loaded(y)
    ab, ba = merge(base, a, b), merge(base, b, a)
    assume(not ab.conflicts)
    assert ba.conflicts == ()
    assert ab.document == ba.document
    assert ab.problems == ba.problems
    if ab.loaded is not None:
        assert ba.loaded is not None
        assert ab.loaded.plan == ba.loaded.plan


# -- random changes of the tables -----------------------------------------------------------

DOCS = [document_of(x) for x in LOADED]
_values = st.one_of(st.integers(-5, 5), st.text("abc", min_size=1, max_size=3),
                    st.floats(0, 1, allow_nan=False), st.booleans())


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list) and value and all(isinstance(i, dict) and "id" in i
                                                    for i in value):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


@st.composite
def changed(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with a few random changes: a value set, a key or an entry removed, an entry
    added, two entries swapped."""
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p[0] not in ("format", "version")]
        path = draw(st.sampled_from(paths))
        parent, last = _at(doc, path[:-1]), path[-1]
        what = draw(st.sampled_from(["set", "remove", "add", "swap"]))
        if isinstance(parent, list):
            if what == "remove":
                del parent[last]
            elif what == "swap" and len(parent) > 1:
                j = (last + 1) % len(parent)
                parent[last], parent[j] = parent[j], parent[last]
            else:
                new = dict(parent[last], id=draw(st.text("xyz", min_size=4, max_size=4)))
                assume(all(item["id"] != new["id"] for item in parent))
                parent.insert(last + 1, new)
        elif what == "remove":
            del parent[last]
        else:
            parent[last] = draw(_values)
    return doc


@st.composite
def versions(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    base = draw(st.sampled_from(DOCS))
    return base, draw(changed(base)), draw(changed(base))


@given(versions())
def test_tables_a_side_without_changes_takes_the_other(
        docs: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    base, x, _ = docs
    assert merge_documents(base, x, base) == (x, [])
    assert merge_documents(base, base, x) == (x, [])
    assert merge_documents(base, x, x) == (x, [])


@given(versions())
def test_tables_without_conflict_the_order_of_the_sides_does_not_matter(
        docs: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    base, x, y = docs
    xy, conflicts = merge_documents(base, x, y)
    assume(not conflicts)
    yx, none = merge_documents(base, y, x)
    assert none == []
    assert xy == yx  # tables equal whatever their key order; arrays in the same order
    assert _order_of_lists(xy) == _order_of_lists(yx)


def _order_of_lists(value: Any) -> Any:
    return [(p, [i["id"] for i in _at(value, p)]) for p in _paths(value)
            if isinstance(_at(value, p), list) and _at(value, p)
            and all(isinstance(i, dict) and "id" in i for i in _at(value, p))]
