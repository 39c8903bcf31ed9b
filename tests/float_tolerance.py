"""Comparing engine numbers within a stated tolerance, for the tests.

The engine adds up with numpy (sums, convolutions, matrix products, linear solves), and a
chain solved again may be solved in another batch. Another numpy, BLAS or libm may add in
another order and move the last bits of a number without changing what it means. Tests
that compare two computations of the same numbers (a fresh compute against another, the
command line's output against a compute of its own), or an engine number against a
hand-worked literal, compare floats within ``REL`` and ``ABS``: `assert_close` for whole
results and their parts, ``pytest.approx(x, rel=REL, abs=ABS)`` for single numbers.

Not for the places where bit-identity is the promise: the bytes of a written or exported
file (an unchanged plan writes the same bytes; reading what was written gives back equal
values), and a value compared with itself through another view (a chart's bars against
the result it drew). Those compare exactly.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence

#: Relative: another summation order moves a sum of n terms by up to about n ulps (an
#: ulp is 2.2e-16 of the value); the engine's sums have at most a few thousand terms, and
#: 1e-12 is about 4,500 ulps. A cent on a million is 1e-8: still told apart.
REL = 1e-12
#: Absolute, for values at or near 0 (an empty month, a gap that just closes), which have
#: no relative precision: what is left there is the rounding of the terms that cancelled,
#: up to about 1e-16 of 1e8 money units. A millionth of an entry, a deal or a currency unit
#: is far below anything a plan shows (whole entries, cents).
ABS = 1e-6


def close(actual: float, expected: float) -> bool:
    """Whether two floats are the same number within `REL` and `ABS` (infinities only
    equal themselves; NaN equals nothing)."""
    return math.isclose(actual, expected, rel_tol=REL, abs_tol=ABS)


def assert_close(actual: object, expected: object) -> None:
    """Fail unless ``actual`` is ``expected`` with floats within `REL` and `ABS` and
    everything else (types, ids, ints, bools, dates, texts, lengths) exactly.

    Goes into dataclasses (their compared fields: `Result`, `StageResult`, `SlaMonth`,
    ...), tuples, lists and dicts; the failure names the path to the first difference."""
    problem = _difference(actual, expected, "")
    if problem is not None:
        raise AssertionError(problem)


def _difference(actual: object, expected: object, path: str) -> str | None:
    if type(actual) is not type(expected):
        return f"{path or 'the value'}: {type(actual).__name__} {actual!r} is not " \
               f"{type(expected).__name__} {expected!r}"
    if isinstance(expected, float):
        assert isinstance(actual, float)
        return None if close(actual, expected) else \
            f"{path or 'the value'}: {actual!r} != {expected!r} (rel {REL:g}, abs {ABS:g})"
    parts = _parts(actual, expected, path)
    if parts is None:
        return None if actual == expected else f"{path or 'the value'}: {actual!r} != {expected!r}"
    if isinstance(parts, str):
        return parts
    found = (_difference(a, e, inner) for a, e, inner in parts)
    return next((problem for problem in found if problem is not None), None)


def _parts(actual: object, expected: object,
           path: str) -> list[tuple[object, object, str]] | str | None:
    """The parts of two values of one type to compare one by one, a difference of their
    shape in words, or None for a value without parts."""
    if dataclasses.is_dataclass(expected) and not isinstance(expected, type):
        return [(getattr(actual, f.name), getattr(expected, f.name),
                 f"{path}.{f.name}" if path else f.name)
                for f in dataclasses.fields(expected) if f.compare]
    if isinstance(expected, Mapping):
        assert isinstance(actual, Mapping)
        if list(actual) != list(expected):
            return f"{path or 'the value'}: keys {list(actual)} != {list(expected)}"
        return [(actual[k], expected[k], f"{path}[{k!r}]") for k in expected]
    if isinstance(expected, Sequence) and not isinstance(expected, str | bytes):
        assert isinstance(actual, Sequence)
        if len(actual) != len(expected):
            return f"{path or 'the value'}: {len(actual)} items, expected {len(expected)}"
        return [(a, e, f"{path}[{i}]") for i, (a, e) in enumerate(zip(actual, expected,
                                                                       strict=True))]
    return None


__all__ = ["ABS", "REL", "assert_close", "close"]
