"""Three-way merge of two copies of a plan edited from the same version (BASE).

Marketing and sales each edit a copy of one version offline; `merge(base, ours, theirs)`
puts both sets of changes into one plan. It works on the plan file's own shape (the tables
`writer.plan_dict` and `contract.extras` give, without ``[requirements]``, which is
recomputed, and ``[history]``, which the merge writes anew):

- tables are merged key by key; arrays of tables are matched by ``id`` (``name`` for
  ``[[scenarios]]``), so an edit of one stage and an edit of another both apply, a stage
  added on one side is kept at its place, and a stage removed on one side (and not edited
  on the other) is removed;
- a value changed on one side only takes that side's value; changed the same way on both,
  that value;
- a conflict is left for the user: the same value changed both ways (``changed``; a name:
  ``renamed``), something removed on one side and edited on the other
  (``removed-edited``), the order of an array changed both ways, or both sides adding
  entries at the same place (``order``). ``picks`` settles conflicts by key (``ours`` or
  ``theirs``); an unsettled one takes ours until it is picked.
- Signatures are matched by signer; one whose digest is not the merged plan's is dropped,
  with a message naming it (`Merge.dropped`).

Every change of each side is listed in the plan's own words (`contract.diff`), each
marked when it is part of a conflict. The merged tables are read back by the reader, so
the merged plan is checked like any file; what does not hold is in `Merge.problems`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from alignplanner.contract.diff import Change, input_changes, show_value
from alignplanner.contract.diff_generic import list_key, words
from alignplanner.contract.digest import digest
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.extras import extras_values
from alignplanner.contract.reader import LoadedPlan, loads
from alignplanner.contract.write import toml
from alignplanner.contract.writer import plan_dict
from alignplanner.domain import wording
from alignplanner.domain.history import History

__all__ = [
    "ABSENT", "SIDES", "Conflict", "Merge", "Side", "document_of", "merge", "merge_documents",
    "side_in", "value_at",
]

Side = Literal["ours", "theirs"]
SIDES: tuple[Side, ...] = ("ours", "theirs")
Kind = Literal["changed", "renamed", "removed-edited", "order"]
ORDERED = frozenset({"stages"})
"""Arrays whose order is part of what the plan says (a funnel's stages): entries both
sides add at the same place are a conflict; elsewhere they go in order of their ids."""
_NOUNS = {"stages": "Stage", "sources": "Source", "scenarios": "Scenario", "roles": "Role",
          "slas": "SLA"}


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"

    def __copy__(self) -> _Absent:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Absent:
        return self


ABSENT: Any = _Absent()
"""A key or entry one side does not have."""


@dataclass(frozen=True)
class Conflict:
    """Two changes that do not go together, at ``key`` (a dotted path: ``stages.mql``,
    ``stages.mql.conversion``, ``stages.order``); the three values (``ABSENT`` when a
    side has none), the user's ``pick`` (None: not picked yet) and a sentence."""

    key: str
    kind: Kind
    base: Any
    ours: Any
    theirs: Any
    pick: Side | None = None
    text: str = ""

    def value(self, side: Side) -> Any:
        return self.ours if side == "ours" else self.theirs


@dataclass(frozen=True)
class Merge:
    """The outcome: each side's changes, the conflicts, the signatures dropped, and the
    merged plan (None when it does not hold: `problems`)."""

    ours_changes: tuple[Change, ...]
    theirs_changes: tuple[Change, ...]
    conflicts: tuple[Conflict, ...]
    document: dict[str, Any]
    loaded: LoadedPlan | None
    dropped: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    picks: Mapping[str, Side] = field(default_factory=dict)

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.pick is None)

    def in_conflict(self, change: Change) -> bool:
        return any(_overlaps(change.path, c.key) for c in self.conflicts)


def side_in(conflict: Conflict, doc: dict[str, Any]) -> Side | None:
    """Which side's value ``doc`` (`document_of` a plan) holds at the conflict's key;
    None when neither (edited by hand since)."""
    if conflict.kind == "order":
        ids = _ids_at(doc, conflict.key.rsplit(".", 1)[0])
        for side in SIDES:
            wanted = conflict.value(side)
            if [i for i in ids if i in wanted] == [i for i in wanted if i in ids]:
                return side
        return None
    now = value_at(doc, conflict.key)
    return next((side for side in SIDES if conflict.value(side) == now), None)


def value_at(doc: Any, key: str) -> Any:
    """The value at a merge key (``stages.mql.conversion``: entries by their id), or
    ``ABSENT``."""
    path, value = "", doc
    for part in key.split("."):
        if isinstance(value, dict):
            value = value.get(part, ABSENT)
        elif isinstance(value, list) and (name := list_key(value, path.partition(".")[0])):
            value = next((item for item in value if item.get(name) == part), ABSENT)
        else:
            return ABSENT
        path = _join(path, part)
        if value is ABSENT:
            return ABSENT
    return value


def _ids_at(doc: dict[str, Any], key: str) -> list[str]:
    value = value_at(doc, key)
    name = list_key(value, key.partition(".")[0]) if isinstance(value, list) else None
    return [str(item[name]) for item in value] if name else []


def document_of(loaded: LoadedPlan) -> dict[str, Any]:
    """The tables of a plan file that a merge works on: the plan's and the sections
    beside it, without ``[history]`` and ``[requirements]``."""
    extras = loaded.extras.with_changes(history=History())
    return {**plan_dict(loaded.plan), **extras_values(extras)}


def merge(base: LoadedPlan, ours: LoadedPlan, theirs: LoadedPlan,
          picks: Mapping[str, Side] | None = None) -> Merge:
    """Merge ``theirs`` into ``ours``, both edited from ``base`` (see the module
    docstring); ``picks`` settle conflicts by key."""
    picks = dict(picks or {})
    docs = [document_of(x) for x in (base, ours, theirs)]
    signed = [_take_signatures(d) for d in docs]
    merged, conflicts = merge_documents(docs[0], docs[1], docs[2], picks)
    names = {s.id: s.name for x in (base, ours, theirs) for s in x.plan.stages}
    cur = base.plan.currency
    with_signatures = [_with_signatures(d, s) for d, s in zip(docs, signed, strict=True)]
    ours_changes = input_changes(with_signatures[0], with_signatures[1], cur,
                                 ours.plan.currency, names)
    theirs_changes = input_changes(with_signatures[0], with_signatures[2], cur,
                                   theirs.plan.currency, names)
    conflicts = [_worded(c, ours_changes, theirs_changes, cur) for c in conflicts]
    loaded, problems = _read(merged)
    dropped: list[str] = []
    if loaded is not None:
        kept, dropped = _signatures(signed, digest(loaded.plan))
        if kept:
            merged.setdefault("signoff", {})["signatures"] = kept
            loaded, problems = _read(merged)
    return Merge(tuple(ours_changes), tuple(theirs_changes), tuple(conflicts), merged,
                 loaded, tuple(dropped), tuple(problems), picks)


def merge_documents(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
                    picks: Mapping[str, Side] | None = None
                    ) -> tuple[dict[str, Any], list[Conflict]]:
    """The merged tables and the conflicts found (without words: `merge` adds them)."""
    merger = _Merger(dict(picks or {}))
    merged = merger.value("", base, ours, theirs)
    return (merged if isinstance(merged, dict) else {}), merger.found


# -- the merge of values --------------------------------------------------------------------


class _Merger:
    """One merge under way: the user's picks, and the conflicts found so far."""

    def __init__(self, picks: dict[str, Side]) -> None:
        self.picks = picks
        self.found: list[Conflict] = []

    def value(self, path: str, b: Any, o: Any, t: Any) -> Any:
        if o == t:
            return copy.deepcopy(o)
        if o == b:
            return copy.deepcopy(t)
        if t == b:
            return copy.deepcopy(o)
        if isinstance(o, dict) and isinstance(t, dict) and isinstance(b, dict | _Absent):
            return self.table(path, b if isinstance(b, dict) else {}, o, t)
        key_name = _list_key(path, b, o, t)
        if key_name is not None:
            return self.entries(path, key_name, (b, o, t))
        if o is ABSENT or t is ABSENT:
            kind: Kind = "removed-edited"
        else:
            kind = "renamed" if path.rsplit(".", 1)[-1] == "name" else "changed"
        return self.conflict(Conflict(path, kind, b, o, t))

    def table(self, path: str, b: dict[str, Any], o: dict[str, Any],
              t: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in [*o, *(k for k in t if k not in o)]:
            value = self.value(_join(path, key), b.get(key, ABSENT), o.get(key, ABSENT),
                               t.get(key, ABSENT))
            if value is not ABSENT:
                out[key] = value
        return out

    def conflict(self, conflict: Conflict) -> Any:
        pick = self.picks.get(conflict.key)
        self.found.append(dataclasses.replace(conflict, pick=pick))
        return copy.deepcopy(conflict.value(pick or "ours"))

    def entries(self, path: str, key: str, values: tuple[Any, Any, Any]
                ) -> list[dict[str, Any]]:
        """Arrays of tables, matched by ``key``: each entry merged, then the order."""
        bm, om, tm = ({item[key]: item for item in (v if isinstance(v, list) else [])}
                      for v in values)
        merged: dict[str, Any] = {}
        for item_id in dict.fromkeys([*om, *tm, *bm]):
            value = self.value(_join(path, item_id), bm.get(item_id, ABSENT),
                               om.get(item_id, ABSENT), tm.get(item_id, ABSENT))
            if value is not ABSENT:
                merged[item_id] = value
        return [merged[i] for i in self.order(path, (list(bm), list(om), list(tm)),
                                              set(merged))]

    def order(self, path: str, lists: tuple[list[str], list[str], list[str]],
              kept: set[str]) -> list[str]:
        """The merged order: the common entries in the order of the side that changed it,
        each side's own entries after the entry they follow there."""
        b, o, t = lists
        common = [i for i in b if i in o and i in t]
        co, ct = [i for i in o if i in common], [i for i in t if i in common]
        key = _join(path, "order")
        first: Side = "theirs" if co == common and ct != common else "ours"
        if common not in (co, ct) and co != ct:
            first = self.picks.get(key, "ours")
            self.conflict(Conflict(key, "order", b, o, t))
        skeleton = co if first == "ours" else ct
        inserts = _inserts(skeleton, o, t, kept)
        clash = [sides for sides in inserts.values() if len(sides) == 2]
        if clash and path not in ORDERED:  # where order says nothing: by id, both ways
            for sides in clash:
                sides["ours"] = sorted([*sides["ours"], *sides.pop("theirs")])
        elif clash and not any(c.key == key for c in self.found):
            first = self.picks.get(key, "ours")
            self.conflict(Conflict(key, "order", b, o, t))
        second: Side = "theirs" if first == "ours" else "ours"
        order: list[str] = []
        for anchor in [None, *skeleton]:
            if anchor is not None:
                order.append(anchor)
            sides = inserts.get(anchor, {})
            order += sides.get(first, []) + sides.get(second, [])
        return [i for i in order if i in kept]


def _inserts(skeleton: list[str], o: list[str], t: list[str], kept: set[str]
             ) -> dict[str | None, dict[Side, list[str]]]:
    """The entries each side has beyond ``skeleton``, by the entry they follow (None:
    the start)."""
    inserts: dict[str | None, dict[Side, list[str]]] = {}
    placed = set(skeleton)
    sides: tuple[tuple[Side, list[str]], ...] = (("ours", o), ("theirs", t))
    for side, lst in sides:
        anchor: str | None = None
        for item in lst:
            if item in skeleton:
                anchor = item
            elif item in kept and item not in placed:
                inserts.setdefault(anchor, {}).setdefault(side, []).append(item)
                placed.add(item)
    return inserts


def _list_key(path: str, *values: Any) -> str | None:
    top = path.split(".", 1)[0]
    keys = {list_key(v, top) for v in values if v is not ABSENT and v != []}
    if len(keys) != 1 or None in keys:
        return None
    if any(v is not ABSENT and not isinstance(v, list) for v in values):
        return None
    return keys.pop()


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _overlaps(path: str, key: str) -> bool:
    return path == key or path.startswith(key + ".") or key.startswith(path + ".")


# -- words ----------------------------------------------------------------------------------


def _worded(c: Conflict, ours: list[Change], theirs: list[Change], currency: str) -> Conflict:
    mine = [ch for ch in ours if _overlaps(ch.path, c.key)]
    other = [ch for ch in theirs if _overlaps(ch.path, c.key)]
    section = c.key.split(".", 1)[0]
    noun = _NOUNS.get(section) or words(section).capitalize()
    if c.kind == "order":
        text = wording.conflict_order(noun, _ids(c.ours, section), _ids(c.theirs, section))
    elif c.kind == "removed-edited":
        removed_in: Side = "ours" if c.ours is ABSENT else "theirs"
        gone, edits = (mine, other) if removed_in == "ours" else (other, mine)
        removed = next((ch.text for ch in gone if ch.path == c.key), f"{c.key} removed")
        text = wording.conflict_removed_edited(removed, removed_in, [ch.text for ch in edits])
    elif c.kind == "renamed" and section in _NOUNS:
        text = wording.conflict_renamed(noun, str(c.base), str(c.ours), str(c.theirs))
    else:
        text = _changed_text(c, mine, other, currency)
    return dataclasses.replace(c, text=text)


def _changed_text(c: Conflict, mine: list[Change], other: list[Change], currency: str) -> str:
    ours_text = next((ch.text for ch in mine if ch.path == c.key), None)
    if ours_text is None:  # inside something both added: "Scenario: 'x' added"
        outer = next((ch for ch in mine if c.key.startswith(ch.path + ".")), None)
        leaf = c.key.rsplit(".", 1)[-1]
        detail = words(c.key[len(outer.path) + 1:]).replace(".", " ") if outer else c.key
        return wording.conflict_added_both(
            outer.text if outer else c.key, detail,
            show_value(leaf, c.ours, currency), show_value(leaf, c.theirs, currency))
    theirs_text = next((ch.text for ch in other if ch.path == c.key), "")
    after = theirs_text.rsplit(" -> ", 1)[1] if " -> " in theirs_text else None
    return wording.conflict_changed(ours_text, after)


def _ids(value: Any, section: str) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    key = list_key(value, section) if isinstance(value, list) else None
    return [str(item[key]) for item in value] if key else []


# -- reading back, signatures ---------------------------------------------------------------


def _read(doc: dict[str, Any]) -> tuple[LoadedPlan | None, list[str]]:
    try:
        return loads(toml.emit(doc), "the merged plan"), []
    except PlanFileError as exc:
        return None, [str(p) for p in exc.problems]


def _take_signatures(doc: dict[str, Any]) -> list[dict[str, Any]]:
    signoff = doc.get("signoff")
    if not isinstance(signoff, dict):
        return []
    signatures = signoff.pop("signatures", [])
    return signatures if isinstance(signatures, list) else []


def _with_signatures(doc: dict[str, Any], signatures: list[dict[str, Any]]) -> dict[str, Any]:
    if not signatures:
        return doc
    out = dict(doc)
    out["signoff"] = {**doc.get("signoff", {}), "signatures": signatures}
    return out


def _signatures(signed: list[list[dict[str, Any]]], merged_digest: str
                ) -> tuple[list[dict[str, Any]], list[str]]:
    """The signatures both sides hold or made (one withdrawn on a side stays withdrawn),
    kept when they are over the merged plan's inputs; a message for each one dropped."""
    def by_signer(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(str(s.get("role")), str(s.get("name"))): s for s in items}

    b, o, t = (by_signer(s) for s in signed)
    kept: list[dict[str, Any]] = []
    dropped: list[str] = []
    for signer in dict.fromkeys([*o, *t]):
        withdrawn = signer in b and (signer not in o or signer not in t)
        if withdrawn and b[signer] in (o.get(signer), t.get(signer)):
            continue
        candidates = [s for s in (o.get(signer), t.get(signer)) if s is not None]
        good = [s for s in candidates if s.get("digest") == merged_digest]
        if good:
            kept.append(max(good, key=lambda s: str(s.get("signed_at"))))
        else:
            dropped.append(wording.signature_dropped(signer[1], signer[0]))
    return kept, dropped
