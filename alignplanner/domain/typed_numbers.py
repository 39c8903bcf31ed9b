"""Numbers as people type them: ``12M``, ``$12,000,000``, ``1.2e7``, ``12k``, ``1.5B``.

`read_number` takes the text of a number field and gives its value, or refuses it with
`NotANumber`, whose message says why and what the field takes; it never guesses (a
letter is never dropped, a decimal never rounded away). `show_number` writes a value
the way `read_number` reads it back, so a field can show what it will store.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, DecimalException, localcontext

__all__ = ["ACCEPTED", "NotANumber", "read_number", "show_number"]

ACCEPTED = "12, 12k, 1.5M, 2B, $12,000,000 or 1.2e7"
SCALES = {"": 1, "k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "t": 10**12,
          "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
CURRENCY_SIGNS = "$€£¥"
MINUS_SIGNS = "-\u2212\u2013"  # hyphen, minus sign, en dash

_NUMBER = re.compile(
    r"""^(?P<sign>[+-]?)\s*
        (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)
        (?P<exponent>e[+-]?\d+)?
        \s*(?P<scale>[a-z]*)$""",
    re.IGNORECASE | re.VERBOSE,
)


class NotANumber(ValueError):
    """The typed text is not a number the field takes; the message says why, for people."""


def _refuse(text: str, why: str) -> NotANumber:
    return NotANumber(f"\u201c{text}\u201d {why}")


def _without_currency(text: str) -> str:
    """``$12M``, ``-$12M``, ``$-12M`` and ``12M €`` without their currency sign."""
    for sign in CURRENCY_SIGNS:
        if sign in text:
            rest = text.replace(sign, "", 1).strip()
            if sign in rest:
                break  # two signs: refused below as not a number
            return rest
    return text


def read_number(text: str, *, decimals: int = 2) -> float:
    """The value of ``text``; ``decimals`` is how many decimals the field keeps.

    Takes digits with an optional sign, a decimal point, commas between thousands, an
    exponent (``1.2e7``), a currency sign before or after (``$``, ``€``, ``£``, ``¥``)
    and a scale after: ``k`` thousands, ``M``/``mn`` millions, ``B``/``bn`` billions,
    ``T`` trillions, or the word (``12M`` and ``12 million`` are 12,000,000). Refuses
    anything else, a value with more decimals than the field keeps, and one too large
    to hold."""
    typed = text.strip()
    if not typed:
        raise NotANumber(f"is empty: type a number, such as {ACCEPTED}")
    plain = _without_currency(typed)
    for minus in MINUS_SIGNS[1:]:
        plain = plain.replace(minus, "-")
    match = _NUMBER.match(plain)
    if match is None:
        if re.fullmatch(r"[+-]?\d+(?:,\d+)+(?:\.\d*)?", plain.replace(" ", "")):
            raise _refuse(typed, "has a comma that does not separate thousands: a comma "
                          "goes between groups of three digits (12,000), a decimal is "
                          "written with a point (12.5)")
        raise _refuse(typed, f"is not a number: type, for example, {ACCEPTED}")
    scale = match["scale"].lower()
    if len(scale) > 2 and scale.endswith("s"):
        scale = scale[:-1]  # "12 millions" as "12 million"
    if scale not in SCALES:
        raise _refuse(typed, f"ends in \u201c{match['scale']}\u201d: after a number the "
                      "field takes k (thousand), M (million), B (billion) or "
                      "T (trillion)")
    if scale and match["exponent"]:
        raise _refuse(typed, "has both an exponent and a scale: write 1.2e7 or 12M")
    try:
        with localcontext() as context:
            context.prec = 1000  # exact: no digit typed is rounded away
            exact = Decimal(match["sign"] + match["digits"].replace(",", "")
                            + (match["exponent"] or ""))
            if exact and exact.adjusted() > 300:
                raise _refuse(typed, "is too large a number")
            exact *= SCALES[scale]
            step = Decimal(1).scaleb(-decimals)
            rounded = exact.quantize(step) if exact.adjusted() >= -decimals - 1 else 0
    except DecimalException:
        raise _refuse(typed, "is too large a number") from None
    if rounded != exact:
        kept = "whole numbers" if decimals == 0 else f"at most {decimals} decimals"
        raise _refuse(typed, f"has more decimals than this field keeps: it takes {kept}")
    value = float(exact)
    return 0.0 if value == 0 else value


def show_number(value: float, decimals: int = 2, *, groups: bool = True) -> str:
    """``value`` as `read_number` reads it back, with ``decimals`` decimals (trailing zeros
    kept, so that columns line up) and commas between thousands when ``groups``."""
    if not math.isfinite(value):
        raise ValueError(f"cannot show {value!r} as a number")
    if round(value, decimals) == 0:
        value = 0.0  # never "-0.00"
    return f"{value:,.{decimals}f}" if groups else f"{value:.{decimals}f}"
