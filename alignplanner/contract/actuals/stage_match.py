"""Which plan stage a CRM stage value (or a column's stage words) most likely means.

CRMs say the same stage many ways: "Closed Won", "closedwon", "Cerrada ganada",
"Marketing Qualified Lead", "marketingqualifiedlead", "MQL". Plan stages have an id and a
name ("sal", "First meeting held (SAL)"). A value is matched by meaning first (won, lost,
the usual abbreviations), then by a word both share, then by spelling (difflib); a
value nothing matches well is left for the person to choose ("").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from alignplanner.contract.actuals.mapping import IGNORE_VALUE, LOST_VALUE

UNKNOWN = ""
"""What `match_stage` says of a value it cannot place: the person chooses."""

WON_KEYS = frozenset({"closedwon", "won", "cerradaganada", "customer", "ganada", "gagne",
                      "gewonnen", "paid", "payingcustomer"})
LOST_KEYS = frozenset({"closedlost", "lost", "disqualified", "unqualified", "cerradaperdida",
                       "perdida", "closednotconverted", "junk", "perdu", "verloren"})
IGNORE_KEYS = frozenset({"", "none", "null", "na", "other", "evangelist", "unknown"})

# The long forms of the funnel's usual abbreviations, as `key` writes them.
MEANINGS: dict[str, tuple[str, ...]] = {
    "mql": ("marketingqualifiedlead", "marketingqualified", "mql"),
    "mqa": ("marketingqualifiedaccount", "mqa"),
    "sal": ("salesacceptedlead", "salesaccepted", "sal"),
    "sql": ("salesqualifiedlead", "salesqualified", "sql"),
    "pql": ("productqualifiedlead", "pql"),
    "lead": ("lead", "inquiry", "newlead", "rawlead"),
    "opportunity": ("opportunity", "opp", "closedconverted"),
    "subscriber": ("subscriber",),
}
_MEANING_OF = {form: meaning for meaning, forms in MEANINGS.items() for form in forms}
_WORD = re.compile(r"[a-z0-9]+")
_SPELLING_CUTOFF = 0.8


def key(text: str) -> str:
    """``text`` lower-cased with everything but letters and digits dropped:
    "Opportunity ID", "opportunity_id" and "OpportunityId" all give "opportunityid"."""
    return "".join(_WORD.findall(text.lower()))


def _meanings(text: str) -> set[str]:
    """The abbreviations ``text`` stands for: the whole of it, or a word of it
    ("First meeting held (SAL)" -> {"sal"})."""
    whole = key(text)
    if whole in _MEANING_OF:
        return {_MEANING_OF[whole]}
    return {_MEANING_OF[w] for w in _WORD.findall(text.lower()) if w in _MEANING_OF}


def _words(text: str) -> set[str]:
    """The words of ``text`` long enough to say something, cut to five letters so that
    "Engaging" and "Engaged" share one ("engag")."""
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) >= 4 and not w.isdigit()}


def match_stage(value: str, plan_stages: Sequence[str], names: Sequence[str] = (), *,
                known: Mapping[str, str] | None = None) -> str:
    """The plan stage (one of ``plan_stages``, ids) that the CRM value ``value`` means, or
    `LOST_VALUE`, `IGNORE_VALUE`, or `UNKNOWN`. ``names`` are the stages' names, in the
    same order; ``known`` maps CRM values the plan itself names (its stages' CRM fields)
    to their stage."""
    if (known and value in known) or not plan_stages:
        return (known or {}).get(value, UNKNOWN)
    k = key(value)
    labels = [(stage, [stage, *([names[i]] if i < len(names) else [])])
              for i, stage in enumerate(plan_stages)]
    exact = [stage for stage, texts in labels if any(key(t) == k for t in texts)]
    if exact:
        return exact[0]
    if k in WON_KEYS:
        return plan_stages[-1]
    if k in LOST_KEYS or k.startswith("closedlost"):
        return LOST_VALUE
    if k in IGNORE_KEYS:
        return IGNORE_VALUE
    return _by_likeness(value, labels)


def _by_likeness(value: str, labels: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The one stage ``value`` shares a meaning with, else a word, else its spelling."""
    meant = _meanings(value)
    hits = [stage for stage, texts in labels if any(meant & _meanings(t) for t in texts)]
    if len(hits) != 1:
        words = _words(value)
        hits = [stage for stage, texts in labels if any(words & _words(t) for t in texts)]
    if len(hits) == 1:
        return hits[0]
    spelled = {key(t): stage for stage, texts in labels for t in texts}
    close = difflib.get_close_matches(key(value), list(spelled), n=1, cutoff=_SPELLING_CUTOFF)
    return spelled[close[0]] if close else UNKNOWN


def guess_stages(values: Iterable[str], plan_stages: Sequence[str], names: Sequence[str] = (),
                 *, known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each distinct CRM value of ``values`` (in first-seen order) -> the plan stage it
    means, "lost", "ignore", or "" for the person to choose (see `match_stage`)."""
    out: dict[str, str] = {}
    for value in values:
        if value not in out:
            out[value] = match_stage(value, plan_stages, names, known=known)
    return out


__all__ = ["IGNORE_KEYS", "LOST_KEYS", "MEANINGS", "UNKNOWN", "WON_KEYS", "guess_stages", "key",
           "match_stage"]
