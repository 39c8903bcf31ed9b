"""Differences between two values of any plan section, named by key path in readable words.

`contract.diff` describes the sections it knows in the plan's own words; every other
section (one added by a later version, a table this diff has no special words for) goes
through `describe`, so that no changed input is ever left out. Maps are walked key by key;
arrays of tables whose entries have an ``id`` are matched by id (added, removed,
reordered, changed); any other value is compared whole.

Paths are dotted with ids in place of positions (``roles.sdr.headcount``), as in the diff.
Texts read ``Roles 'SDR team' headcount 4 -> 5``: the section's label, the entry's name
(or id), the key in words, before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["NAMED_BY_NAME", "Leaf", "describe", "list_key", "words"]

Leaf = tuple[str, Any, Any, str]
"""(path, before, after, text) of one difference."""

Formatter = Callable[[str, Any], str]


def words(key: str) -> str:
    """``monthly_weights`` -> ``monthly weights``."""
    return key.replace("_", " ")


def describe(path: str, label: str, a: Any, b: Any, fmt: Formatter) -> list[Leaf]:
    """Every difference between ``a`` and ``b`` (None: absent) at ``path``. ``label`` starts
    each text; ``fmt(key, value)`` shows a leaf value (``key`` is its last key)."""
    if a == b:
        return []
    if (a is None and list_key(b, path)) or (b is None and list_key(a, path)):
        return _id_list(path, label, (a or [], b or []), fmt, str(list_key(a or b, path)))
    if a is None or b is None:
        what = "added" if a is None else "removed"
        return [(path, a, b, f"{label} {what}")]
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[Leaf] = []
        for key in [*a, *(k for k in b if k not in a)]:
            out += describe(f"{path}.{key}", f"{label} {words(key)}", a.get(key), b.get(key), fmt)
        return out
    if list_key(a, path) is not None and list_key(a, path) == list_key(b, path):
        return _id_list(path, label, (a, b), fmt, str(list_key(a, path)))
    key = path.rsplit(".", 1)[-1]
    return [(path, a, b, f"{label} {fmt(key, a)} -> {fmt(key, b)}")]


NAMED_BY_NAME = frozenset({"scenarios"})
"""Top-level arrays of tables whose entries are named by ``name`` (they have no ``id``)."""


def list_key(value: Any, path: str = "") -> str | None:
    """The key that names each entry of an array of tables at ``path``: ``id``, or
    ``name`` in the arrays of `NAMED_BY_NAME`; None for any other value."""
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(item, dict) for item in value):
        return None
    for key in ("id", "name") if path in NAMED_BY_NAME else ("id",):
        names = [item.get(key) for item in value]
        if all(isinstance(n, str) for n in names) and len(set(names)) == len(names):
            return key
    return None


def _is_id_list(value: Any) -> bool:
    return list_key(value) is not None


def _title(item: dict[str, Any]) -> str:
    return str(item.get("name") or item.get("label") or item["id"])


def _id_list(
    path: str, label: str, pair: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    fmt: Formatter, key: str = "id",
) -> list[Leaf]:
    a, b = pair
    by_a = {item[key]: item for item in a}
    by_b = {item[key]: item for item in b}
    out: list[Leaf] = []
    for item_id, item in by_a.items():
        if item_id not in by_b:
            out.append((f"{path}.{item_id}", item, None, f"{label}: '{_title(item)}' removed"))
    for item_id, item in by_b.items():
        if item_id not in by_a:
            out.append((f"{path}.{item_id}", None, item, f"{label}: '{_title(item)}' added"))
    common_a = [i for i in by_a if i in by_b]
    common_b = [i for i in by_b if i in by_a]
    if common_a != common_b:
        out.append(
            (
                f"{path}.order",
                common_a,
                common_b,
                f"{label} order {', '.join(common_a)} -> {', '.join(common_b)}",
            )
        )
    for item_id in common_b:
        item_label = f"{label} '{_title(by_a[item_id])}'"
        before, after = by_a[item_id], by_b[item_id]
        for field in [*before, *(k for k in after if k not in before)]:
            out += describe(
                f"{path}.{item_id}.{field}",
                f"{item_label} {words(field)}",
                before.get(field),
                after.get(field),
                fmt,
            )
    return out
