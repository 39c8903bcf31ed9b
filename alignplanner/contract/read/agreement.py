"""Read the agreement's tables of a raw plan dict: each stage's ``crm``, ``[scoring]`` and
``[signoff]``. Every field is type-checked before a domain value is made, and every
problem names its key path (the reader adds the line).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from alignplanner.contract.read.checks import MISSING, Checker, array_of_tables, kind_of, make
from alignplanner.domain.agreement.signoff import Approver, RosterEntry, Signature, SignOff
from alignplanner.domain.problems import Path

if TYPE_CHECKING:
    from alignplanner.domain.agreement.scoring import Criterion, ScoringModel

__all__ = [
    "APPROVER_KEYS",
    "CRITERION_KEYS",
    "DECAY_KEYS",
    "ROSTER_KEYS",
    "SCORING_KEYS",
    "SIGNATURE_KEYS",
    "SIGNOFF_KEYS",
    "STAGE_KEYS",
    "TOP_KEYS",
    "crm_of",
    "plan_values",
    "scoring_of",
    "signoff_of",
    "stage_values",
]

TOP_KEYS: tuple[str, ...] = ("scoring", "signoff")
STAGE_KEYS: tuple[str, ...] = ("crm",)
SCORING_KEYS = (
    "qualifies_for",
    "fit_threshold",
    "engagement_threshold",
    "high_intent",
    "decay",
    "fit",
    "engagement",
)
CRITERION_KEYS = ("id", "label", "kind", "points")
DECAY_KEYS = ("mode", "days")
SIGNOFF_KEYS = ("required", "approvers", "roster", "signatures")
ROSTER_KEYS = ("role", "name", "public_key")
APPROVER_KEYS = ("role", "name", "title")
SIGNATURE_KEYS = ("role", "name", "signed_at", "digest", "parts", "roster", "sshsig")


def _text_list(c: Checker, table: Mapping[str, Any], key: str, path: Path) -> tuple[str, ...]:
    return c.texts(table, key, path, what='text such as ["marketing", "sales"]')


def _text_map(
    c: Checker, table: Mapping[str, Any], key: str, path: Path, example: str
) -> dict[str, str]:
    value = table.get(key, MISSING)
    if value is MISSING:
        return {}
    if not isinstance(value, dict):
        c.add((*path, key), f"must be a table such as {example}, got {kind_of(value)}")
        return {}
    out: dict[str, str] = {}
    for k, v in value.items():
        if isinstance(v, str):
            out[k] = v
        else:
            c.add((*path, key, k), f"must be text (in quotes), got {kind_of(v)}")
    return out


# -- stages ---------------------------------------------------------------------------------


def stage_values(c: Checker, s: Mapping[str, Any], p: Path) -> dict[str, Any]:
    """The fields of one ``[[stages]]`` table that this part reads."""
    return {"crm": crm_of(c, s, p)}


def plan_values(raw: Mapping[str, Any], c: Checker) -> dict[str, Any]:
    """``scoring`` and ``signoff`` for the Plan, each checked."""
    return {"scoring": scoring_of(raw, c), "signoff": signoff_of(raw, c)}


def crm_of(c: Checker, stage: Mapping[str, Any], path: Path) -> dict[str, str]:
    """The ``crm`` table of one stage (its system fields are checked by the domain)."""
    return _text_map(
        c, stage, "crm", path, example='{ salesforce_lead_status = "Marketing Qualified" }'
    )


# -- scoring --------------------------------------------------------------------------------


def scoring_of(raw: Mapping[str, Any], c: Checker) -> ScoringModel | None:
    """The ``[scoring]`` table as a ScoringModel; None when absent or wrong."""
    p: Path = ("scoring",)
    table = c.table(raw, "scoring", p, required=False, what="")
    if table is None:
        return None
    # only a plan with a scoring model (most have none) needs its module
    from alignplanner.domain.agreement.scoring import Decay, ScoringModel

    c.keys(table, p, SCORING_KEYS)
    fit = _criteria(c, table, "fit", "firmographic")
    engagement = _criteria(c, table, "engagement", "behaviour")
    decay = Decay()
    dp: Path = (*p, "decay")
    decay_raw = c.inline_table(
        table, "decay", p, DECAY_KEYS, example='{ mode = "halve", days = 30 }'
    )
    if decay_raw is not None:
        days = c.number(decay_raw, "days", dp)
        decay = make(
            c,
            dp,
            Decay,
            mode=c.text(decay_raw, "mode", dp, required=True, bad="none"),
            days=0.0 if days is None else days,
        )
    fit_threshold = c.number(table, "fit_threshold", p)
    engagement_threshold = c.number(table, "engagement_threshold", p)
    return make(
        c,
        p,
        ScoringModel,
        qualifies_for=c.text(table, "qualifies_for", p, required=True, bad="?"),
        fit=fit,
        engagement=engagement,
        fit_threshold=0.0 if fit_threshold is None else fit_threshold,
        engagement_threshold=0.0 if engagement_threshold is None else engagement_threshold,
        high_intent=_text_list(c, table, "high_intent", p),
        decay=decay,
    )


def _criteria(
    c: Checker, table: Mapping[str, Any], group: str, default_kind: str
) -> tuple[Criterion, ...]:
    from alignplanner.domain.agreement.scoring import Criterion

    out: list[Criterion] = []
    for p, item in array_of_tables(table, group, c, required=False, example=""):
        path: Path = ("scoring", *p)
        c.keys(item, path, CRITERION_KEYS)
        out.append(
            make(
                c,
                path,
                Criterion,
                id=c.text(item, "id", path, required=True, bad=f"?{p[1]}"),
                label=c.text(item, "label", path, required=True, bad="?"),
                points=c.number(item, "points", path, required=True),
                kind=c.text(item, "kind", path, default=default_kind, bad=default_kind),
            )
        )
    return tuple(out)


# -- sign-off -------------------------------------------------------------------------------


def signoff_of(raw: Mapping[str, Any], c: Checker) -> SignOff:
    """The ``[signoff]`` table as a SignOff; an empty one when absent or wrong."""
    p: Path = ("signoff",)
    table = c.table(raw, "signoff", p, required=False, what="")
    if table is None:
        return SignOff()
    c.keys(table, p, SIGNOFF_KEYS)
    approvers = []
    for ap, item in array_of_tables(table, "approvers", c, required=False, example=""):
        path: Path = ("signoff", *ap)
        c.keys(item, path, APPROVER_KEYS)
        approvers.append(
            make(
                c,
                path,
                Approver,
                role=c.text(item, "role", path, required=True, bad="?"),
                name=c.text(item, "name", path, required=True, bad="?"),
                title=c.text(item, "title", path),
            )
        )
    signatures = []
    for sp, item in array_of_tables(table, "signatures", c, required=False, example=""):
        path = ("signoff", *sp)
        c.keys(item, path, SIGNATURE_KEYS)
        signatures.append(
            make(
                c,
                path,
                Signature,
                role=c.text(item, "role", path, required=True, bad="?"),
                name=c.text(item, "name", path, required=True, bad="?"),
                signed_at=_timestamp(c, item, path),
                digest=c.text(item, "digest", path, required=True, bad="?"),
                parts=_text_map(c, item, "parts", path, example='{ target = "0123456789abcdef" }'),
                roster=c.text(item, "roster", path),
                sshsig=c.text(item, "sshsig", path),
            )
        )
    roster = []
    for rp, item in array_of_tables(table, "roster", c, required=False, example=""):
        path = ("signoff", *rp)
        c.keys(item, path, ROSTER_KEYS)
        roster.append(
            make(
                c,
                path,
                RosterEntry,
                role=c.text(item, "role", path, required=True, bad="?"),
                name=c.text(item, "name", path, required=True, bad="?"),
                public_key=c.text(item, "public_key", path, required=True, bad="?"),
            )
        )
    required = _text_list(c, table, "required", p)
    return make(
        c, p, SignOff, required=required, approvers=tuple(approvers),
        signatures=tuple(signatures), roster=tuple(roster),
    )


def _timestamp(c: Checker, table: Mapping[str, Any], path: Path) -> datetime | None:
    value = table.get("signed_at", MISSING)
    where: Path = (*path, "signed_at")
    if value is MISSING:
        c.add(where, "missing: when it was signed, in UTC, e.g. 2026-11-23T14:05:00Z")
        return None
    if not isinstance(value, datetime):
        c.add(
            where,
            "must be a date and time in UTC without quotes, e.g. "
            f"2026-11-23T14:05:00Z, got {kind_of(value)}",
        )
        return None
    if value.tzinfo is None:
        c.add(where, "must say it is UTC: end it with Z, e.g. 2026-11-23T14:05:00Z")
        return None
    return value
