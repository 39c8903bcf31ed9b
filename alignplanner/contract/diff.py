"""What changed between two versions of a plan, in the plan's own words.

Two leaders edit copies of the same plan and mail them back; they need to see "Marketing
qualified lead conversion 38% -> 42%" and what it does to the funnel ("Inquiry needed in
Mar 2027 1,904 -> 1,722"), not a text diff of TOML. So the diff compares values, not text:
stages and sources are matched by id (a reordering is one change, not many), inputs come
first (in file order), then the consequences (wins, each stage's rounded volume, and each
month whose rounded requirement changed, matched by calendar month).

Sections without words of their own (lead scoring, sign-off, and any section a later
version adds) are described key path by key path (`diff_generic`); sign-off changes have
kind ``signoff`` (they are not inputs: the digest leaves them out).

Paths are dotted, with ids instead of list positions (``stages.mql.conversion``,
``sources.partners.share``, ``requirements.stages.inquiry.monthly_rounded.2027-03``), so
a machine reading ``alignplanner diff --json`` can act on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from alignplanner.contract.diff_generic import describe, words
from alignplanner.contract.write.values import rfc3339
from alignplanner.contract.writer import plan_dict
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.wording import crm_label

__all__ = ["Change", "diff", "input_changes", "show_value"]

Kind = Literal["input", "consequence", "signoff"]
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LABELS = {
    "name": "name", "currency": "Currency", "start": "Start", "months": "Months",
    "rounding": "Rounding", "description": "Description", "rates_source": "Rates source",
    "revenue": "Revenue target", "average_deal_size": "Average deal size",
    "monthly_weights": "Monthly weights", "monthly_revenue": "Monthly revenue",
    "growth": "Growth", "continuation": "Continuation", "conversion": "conversion",
    "days": "days to the next stage", "owner": "owner", "definition": "definition",
    "entry_criteria": "entry criteria", "exit_criteria": "exit criteria", "share": "share",
    "enters": "entry stage", "recycle": "recycle", "crm": "CRM",
}
_KNOWN = frozenset({"plan", "target", "stages", "sources"})
_HANDLED = {"pipeline": "existing", "signoff": "signatures"}  # keys with words of their own
_SECTIONS = {"scoring": "Lead scoring", "signoff": "Sign-off", "calendar": "Business calendar",
             "roles": "Role", "slas": "SLA", "scenarios": "Scenario",
             "uncertainty": "Uncertainty"}
_PERCENT = frozenset({"conversion", "share", "growth", "target", "attrition", "attainment"})
_MONEY = frozenset({"revenue", "average_deal_size"})
_LONG_TEXT = frozenset({"description", "rates_source", "definition", "entry_criteria",
                        "exit_criteria"})


@dataclass(frozen=True)
class Change:
    """One difference: where (``path``), whether an input or a consequence, the values
    before and after (None when absent), and a sentence for people."""

    path: str
    kind: Kind
    before: Any
    after: Any
    text: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO strings)."""
        return {"path": self.path, "kind": self.kind, "before": _jsonable(self.before),
                "after": _jsonable(self.after), "text": self.text}


def diff(a: Plan, b: Plan, ra: Result, rb: Result) -> list[Change]:
    """The changes from plan ``a`` (with result ``ra``) to ``b`` (``rb``): inputs first."""
    return _inputs(a, b) + _consequences(a, b, ra, rb)


# -- inputs ---------------------------------------------------------------------------------


def _inputs(a: Plan, b: Plan) -> list[Change]:
    names = {s.id: s.name for s in (*a.stages, *b.stages)}
    return input_changes(plan_dict(a), plan_dict(b), a.currency, b.currency, names)


def input_changes(da: dict[str, Any], db: dict[str, Any], cur_a: str, cur_b: str,
                  names: dict[str, str]) -> list[Change]:
    """The changes of the inputs from file tables ``da`` to ``db`` (as `plan_dict` gives
    them, with any sections beside the plan), currencies ``cur_a``, ``cur_b``; ``names``
    are the stages' names by id (for the existing pipeline)."""
    out: list[Change] = []
    for section in ("plan", "target"):
        for key, before, after in _leaf_changes(da.get(section, {}), db.get(section, {})):
            label = _LABELS.get(key, key)
            if section == "plan" and key == "name":
                label = "Plan name"
            text = f"{label} {_fmt(key, before, cur_a)} -> {_fmt(key, after, cur_b)}"
            out.append(Change(f"{section}.{key}", "input", before, after, text))
    out += _items("stages", "Stage", da.get("stages", []), db.get("stages", []),
                  cur_a=cur_a, cur_b=cur_b)
    out += _items("sources", "Source", da.get("sources", []), db.get("sources", []),
                  cur_a=cur_a, cur_b=cur_b)
    existing_a = da.get("pipeline", {}).get("existing", {})
    existing_b = db.get("pipeline", {}).get("existing", {})
    for key, before, after in _leaf_changes(existing_a, existing_b):
        text = (f"Existing pipeline at {names.get(key, key)} "
                f"{_fmt('', before, cur_a)} -> {_fmt('', after, cur_b)}")
        out.append(Change(f"pipeline.existing.{key}", "input", before, after, text))
    return out + _other_sections(da, db, cur_b)


def _other_sections(da: dict[str, Any], db: dict[str, Any], currency: str) -> list[Change]:
    """Every section without words of its own above (scoring, sign-off, and any section a
    later version adds), described key path by key path."""
    out: list[Change] = []
    for key in [*da, *(k for k in db if k not in da)]:
        if key in _KNOWN:
            continue
        before, after = da.get(key), db.get(key)
        if key == "signoff":
            out += _signatures(before or {}, after or {})
        if key in _HANDLED and isinstance(before or {}, dict) and isinstance(after or {}, dict):
            before = {k: v for k, v in (before or {}).items() if k != _HANDLED[key]} or None
            after = {k: v for k, v in (after or {}).items() if k != _HANDLED[key]} or None
        label = _SECTIONS.get(key) or words(key).capitalize()
        kind: Kind = "signoff" if key == "signoff" else "input"
        for path, was, now, text in describe(key, label, before, after,
                                             lambda k, v: _fmt(k, v, currency)):
            out.append(Change(path, kind, was, now, text))
    return out


def _signatures(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    """Signatures matched by role and name: made, withdrawn, or made again."""
    def by_signer(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(s["role"], s["name"]): s for s in doc.get("signatures", [])}

    sa, sb = by_signer(a), by_signer(b)
    out: list[Change] = []
    for (role, name), sig in sa.items():
        if (role, name) not in sb:
            out.append(Change(f"signoff.signatures.{role}.{name}", "signoff", sig, None,
                              f"Signature of {name} for {role} removed"))
    for (role, name), sig in sb.items():
        when = f"{sig['signed_at']:%Y-%m-%d %H:%M} UTC"
        if (role, name) not in sa:
            out.append(Change(f"signoff.signatures.{role}.{name}", "signoff", None, sig,
                              f"Signed by {name} for {role} ({when})"))
        elif sa[(role, name)] != sig:
            out.append(Change(f"signoff.signatures.{role}.{name}", "signoff", sa[(role, name)], sig,
                              f"Signed again by {name} for {role} ({when})"))
    return out


def _items(section: str, noun: str, items_a: list[dict[str, Any]],
           items_b: list[dict[str, Any]], *, cur_a: str, cur_b: str) -> list[Change]:
    """Stages or sources, matched by id: added, removed, reordered, and changed fields."""
    by_a = {item["id"]: item for item in items_a}
    by_b = {item["id"]: item for item in items_b}
    out: list[Change] = []
    for item_id, item in by_a.items():
        if item_id not in by_b:
            out.append(Change(f"{section}.{item_id}", "input", item, None,
                              f"{noun} '{_title(item)}' removed"))
    for item_id, item in by_b.items():
        if item_id not in by_a:
            out.append(Change(f"{section}.{item_id}", "input", None, item,
                              f"{noun} '{_title(item)}' added"))
    common_a = [i for i in by_a if i in by_b]
    common_b = [i for i in by_b if i in by_a]
    if common_a != common_b:
        out.append(Change(f"{section}.order", "input", common_a, common_b,
                          f"{noun} order {', '.join(common_a)} -> {', '.join(common_b)}"))
    for item_id in common_b:
        before_item, after_item = by_a[item_id], by_b[item_id]
        title = _title(before_item)
        for key, before, after in _leaf_changes(before_item, after_item):
            leaf = key.split(".")[0]
            if key == "name":
                text = f"{noun} '{before or item_id}' renamed '{after or item_id}'"
            elif leaf in _LONG_TEXT:
                text = f"{noun} {title} {_LABELS[leaf]} changed"
            else:
                label = _field_label(key, leaf)
                if noun == "Stage":
                    text = f"{title} {label} {_fmt(leaf, before, cur_a)} -> " \
                        f"{_fmt(leaf, after, cur_b)}"
                else:
                    text = f"{noun} {title} {label} {_fmt(leaf, before, cur_a)} -> " \
                        f"{_fmt(leaf, after, cur_b)}"
            out.append(Change(f"{section}.{item_id}.{key}", "input", before, after, text))
    return out


def _field_label(key: str, leaf: str) -> str:
    """``conversion`` -> ``conversion``; ``crm.hubspot_deal_stage`` -> ``HubSpot deal
    stage``; ``recycle.share`` -> ``recycle share``."""
    if leaf == "crm" and "." in key:
        return crm_label(key.split(".", 1)[1])
    return _LABELS.get(leaf, leaf) + key[len(leaf):].replace(".", " ")


def _leaf_changes(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(dotted key, before, after) for every leaf that differs; maps are walked, lists are
    leaves. Keys in the order of ``a``, then those only in ``b``."""
    flat_a, flat_b = _flatten(a, ""), _flatten(b, "")
    keys = list(flat_a) + [k for k in flat_b if k not in flat_a]
    return [(k, flat_a.get(k), flat_b.get(k)) for k in keys if flat_a.get(k) != flat_b.get(k)]


def _flatten(value: dict[str, Any], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, dict):
            out.update(_flatten(item, path + "."))
        else:
            out[path] = item
    return out


def _title(item: dict[str, Any]) -> str:
    return str(item.get("name") or item["id"])


# -- consequences ---------------------------------------------------------------------------


def _consequences(a: Plan, b: Plan, ra: Result, rb: Result) -> list[Change]:
    out: list[Change] = []
    if ra.wins_rounded != rb.wins_rounded:
        out.append(Change("requirements.wins_rounded", "consequence", ra.wins_rounded,
                          rb.wins_rounded, f"Wins needed {ra.wins_rounded:,} -> "
                          f"{rb.wins_rounded:,}"))
    names = {s.id: s.name for s in b.stages}
    stages_a = {s.id: s for s in ra.stages}
    months_a = [date(m.year, m.month, 1) for m in ra.months]
    months_b = [date(m.year, m.month, 1) for m in rb.months]
    for sb in rb.stages:
        sa = stages_a.get(sb.id)
        if sa is None:
            continue
        name = names.get(sb.id, sb.id)
        path = f"requirements.stages.{sb.id}"
        if sa.rounded != sb.rounded:
            out.append(Change(f"{path}.rounded", "consequence", sa.rounded, sb.rounded,
                              f"{name} needed over the plan {sa.rounded:,} -> {sb.rounded:,}"))
        monthly_a = dict(zip(months_a, sa.monthly_rounded, strict=True))
        monthly_b = dict(zip(months_b, sb.monthly_rounded, strict=True))
        for month in sorted(set(monthly_a) | set(monthly_b)):
            before, after = monthly_a.get(month), monthly_b.get(month)
            if before == after:
                continue
            label = f"{_MONTHS[month.month - 1]} {month.year}"
            text = f"{name} needed in {label} {_count(before)} -> {_count(after)}"
            out.append(Change(f"{path}.monthly_rounded.{month:%Y-%m}", "consequence",
                              before, after, text))
    return out + _operations(b, ra, rb)


def _operations(b: Plan, ra: Result, rb: Result) -> list[Change]:
    """What the change does to the team and the SLAs: the months a role is short, the most
    reps it needs, and the months each SLA is kept."""
    out: list[Change] = []
    roles = {r.id: r.name or r.id for r in b.roles}
    capacity_a = {c.role: c for c in ra.capacity}
    for cb in rb.capacity:
        ca = capacity_a.get(cb.role)
        if ca is None:
            continue
        name, path = roles.get(cb.role, cb.role), f"requirements.capacity.{cb.role}"
        short_a, short_b = len(ca.short_months), len(cb.short_months)
        if short_a != short_b:
            out.append(Change(f"{path}.short_months", "consequence", short_a, short_b,
                              f"{name} short in {short_a} -> {short_b} of "
                              f"{len(cb.gap)} months"))
        peak_a, peak_b = max(ca.reps_needed, default=0.0), max(cb.reps_needed, default=0.0)
        if round(peak_a, 1) != round(peak_b, 1):
            out.append(Change(f"{path}.reps_needed", "consequence", peak_a, peak_b,
                              f"{name} needed at the peak {peak_a:,.1f} -> {peak_b:,.1f} "
                              "ramped reps"))
    slas = {s.id: s.name or s.id for s in b.slas}
    slas_a = {s.id: s for s in ra.slas}
    for sb in rb.slas:
        sa = slas_a.get(sb.id)
        if sa is None:
            continue
        kept_a = len(sa.months) - len(sa.failing_months)
        kept_b = len(sb.months) - len(sb.failing_months)
        if kept_a != kept_b:
            out.append(Change(f"requirements.slas.{sb.id}.feasible", "consequence", kept_a,
                              kept_b, f"SLA '{slas.get(sb.id, sb.id)}' kept in {kept_a} -> "
                              f"{kept_b} of {len(sb.months)} months"))
    return out


# -- formatting -----------------------------------------------------------------------------


def _count(value: int | None) -> str:
    return "none" if value is None else f"{value:,}"


def _fmt(key: str, value: Any, currency: str) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, list):
            return "[" + ", ".join(_fmt("", v, currency) for v in value) + "]"
        return str(value)
    if key in _PERCENT:
        return f"{value * 100:.4g}%"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    return f"{number} {currency}" if key in _MONEY else number


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def show_value(key: str, value: Any, currency: str) -> str:
    """A value as the diff shows it (``key`` its last key: 55% for a conversion)."""
    return _fmt(key, value, currency)
