"""The weekly review as a one-page PDF (A4 landscape), without Qt: fpdf2 draws the
`domain.review.report.Report` that the Markdown shows: the title, the headline figures as large
tiles, the sentences, then the cumulative variance chart and the tables in two columns.
The page never grows a second one: a table that would run past the foot is cut, and says
how many rows the JSON has beyond.

fpdf2's built-in Helvetica covers Latin-1; a character beyond it prints as '?'.
"""

from __future__ import annotations

from itertools import pairwise

from fpdf import FPDF

from alignplanner.domain.review.report import Report, Table

_W, _H, _M = 297.0, 210.0, 10.0
_LINE = 4.6
_INK = (33, 37, 41)
_MUTED = (90, 98, 108)
_RULE = (205, 210, 216)
_BAND = (242, 244, 247)
_BEHIND = (198, 40, 40)  # the app's warning colour
_AHEAD = (46, 125, 50)  # the app's target colour


def _text(s: str) -> str:
    return s.replace("\u2212", "-").replace("\u2013", "-").encode(
        "latin-1", "replace").decode("latin-1")


def _kpis(pdf: FPDF, rep: Report, y: float) -> float:
    n = max(1, len(rep.kpis))
    gap = 4.0
    w = (_W - 2 * _M - gap * (n - 1)) / n
    for i, (label, planned, actual, change) in enumerate(rep.kpis):
        x = _M + i * (w + gap)
        pdf.set_fill_color(*_BAND)
        pdf.rect(x, y, w, 24, style="F")
        pdf.set_xy(x + 3, y + 2)
        pdf.set_font("Helvetica", "", 8.5)
        pdf.set_text_color(*_MUTED)
        pdf.cell(w - 6, 4, _text(label))
        pdf.set_xy(x + 3, y + 7)
        pdf.set_font("Helvetica", "B", 15)
        pdf.set_text_color(*_INK)
        pdf.cell(w - 6, 8, _text(actual))
        pdf.set_xy(x + 3, y + 16)
        pdf.set_font("Helvetica", "", 8.5)
        pdf.set_text_color(*(_BEHIND if change.startswith("-") else _AHEAD))
        pdf.cell(w - 6, 5, _text(f"{planned}   {change}"))
    return y + 28


def _table(pdf: FPDF, t: Table, at: tuple[float, float], width: float, foot: float) -> float:
    """Draw ``t`` at ``at`` (x, y) across ``width``; returns where it ends (never past
    ``foot``)."""
    x, y = at
    if y + 3 * _LINE > foot:
        return y
    pdf.set_xy(x, y)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(*_INK)
    pdf.cell(width, 6, _text(t.title))
    y += 6.5
    pdf.set_font("Helvetica", "", 8)
    cols = len(t.head)
    longest = [max(pdf.get_string_width(_text(r[i])) for r in (t.head, *t.rows)) + 2.5
               for i in range(cols)]
    scale = width / sum(longest)
    widths = [w * scale for w in longest]
    rows = list(t.rows)
    fits = int((foot - y) // _LINE) - 1
    cut = len(rows) - fits if len(rows) > fits else 0
    if cut:
        rows = rows[: max(0, fits - 1)]
    for r, row in enumerate([t.head, *rows]):
        pdf.set_font("Helvetica", "B" if r == 0 else "", 8)
        pdf.set_text_color(*(_MUTED if r == 0 else _INK))
        cx = x
        for i, cell in enumerate(row):
            pdf.set_xy(cx, y)
            pdf.cell(widths[i], _LINE, _text(cell), align="L" if i < t.left else "R")
            cx += widths[i]
        y += _LINE
        if r == 0:
            pdf.set_draw_color(*_RULE)
            pdf.line(x, y, x + width, y)
    note = t.note or (f"{cut + 1} more rows in the JSON report." if cut else "")
    if note:
        pdf.set_xy(x, y)
        pdf.set_font("Helvetica", "I", 7.5)
        pdf.set_text_color(*_MUTED)
        pdf.cell(width, _LINE, _text(note))
        y += _LINE
    return y + 4


_LINES = ((46, 125, 50), (47, 111, 219), (18, 163, 154), (224, 115, 26), (142, 91, 208),
          (176, 137, 43), (122, 132, 145))


def _chart(pdf: FPDF, rep: Report, at: tuple[float, float], size: tuple[float, float]) -> float:
    """The cumulative variance lines (% of plan to date) in the box at ``at``."""
    x, y = at
    w, h = size
    pdf.set_xy(x, y)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(*_INK)
    pdf.cell(w, 6, "Cumulative variance against plan (% of plan to date)")
    top, bottom, left, right = y + 8, y + h - 5, x + 12, x + w - 2
    values = [v * 100 for _, line in rep.lines for v in line if v is not None]
    if not values or len(rep.months) < 1:
        return y + 8
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0

    def py(v: float) -> float:
        return bottom - (v - low) / span * (bottom - top)

    step = (right - left) / max(1, len(rep.months) - 1)
    pdf.set_font("Helvetica", "", 7)
    pdf.set_text_color(*_MUTED)
    pdf.set_draw_color(*_RULE)
    for v in (low, 0.0, high):
        pdf.line(left, py(v), right, py(v))
        pdf.set_xy(x, py(v) - 2)
        pdf.cell(11, 4, f"{v:+.0f}%", align="R")
    for i, month in enumerate(rep.months):
        pdf.set_xy(left + i * step - 6, bottom + 0.5)
        pdf.cell(12, 4, _text(month), align="C")
    legend_x = left
    for k, (name, line) in enumerate(rep.lines):
        color = _LINES[k % len(_LINES)]
        pdf.set_draw_color(*color)
        pdf.set_line_width(0.8 if k == 0 else 0.45)
        points = [(left + i * step, py(v * 100)) for i, v in enumerate(line) if v is not None]
        for a, b in pairwise(points):
            pdf.line(*a, *b)
        if len(points) == 1:
            pdf.circle(points[0][0], points[0][1], 0.8, style="D")
        pdf.set_text_color(*color)
        label = _text(name)
        if legend_x + pdf.get_string_width(label) < right:
            pdf.set_xy(legend_x, y + 5)
            pdf.cell(pdf.get_string_width(label) + 3, 3, label)
            legend_x += pdf.get_string_width(label) + 3
    pdf.set_line_width(0.2)
    return y + h + 3


def pdf_bytes(rep: Report) -> bytes:
    """The report on one A4 landscape page."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(_M, _M, _M)
    pdf.set_title(_text(rep.title))
    pdf.set_creator("AlignPlanner")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.set_text_color(*_INK)
    pdf.set_xy(_M, _M)
    pdf.cell(_W - 2 * _M, 9, _text(rep.title))
    pdf.set_xy(_M, _M + 9)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_text_color(*_MUTED)
    pdf.cell(_W - 2 * _M, 5, _text(rep.subtitle))
    y = _kpis(pdf, rep, _M + 17)
    pdf.set_text_color(*_INK)
    pdf.set_font("Helvetica", "", 9.5)
    for sentence in rep.sentences[:4]:
        pdf.set_xy(_M, y)
        pdf.multi_cell(_W - 2 * _M, 4.8, _text(f"- {sentence}"))
        y = pdf.get_y()
    y += 3
    foot = _H - _M
    half = (_W - 2 * _M - 8) / 2
    left, right = y, _chart(pdf, rep, (_M + half + 8, y), (half, 52))
    for t in rep.tables:
        if left <= right:
            left = _table(pdf, t, (_M, left), half, foot)
        else:
            right = _table(pdf, t, (_M + half + 8, right), half, foot)
    return bytes(pdf.output())


__all__ = ["pdf_bytes"]
