"""One figure for the deals, one rounding, one wording: the headline numbers, the Target
tab and the waterfall say the same, and keep saying it after an edit."""

from __future__ import annotations

import pytest

from alignplanner.domain.edits.plan import set_target
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                  "does not support raise")]


def said(window: MainWindow) -> dict[str, str]:
    window.editor_tabs.setCurrentWidget(window.target)
    target = window.target.view
    return {"headline": window.kpis.wins.value.text(),
            "caption": window.kpis.wins.caption.text(),
            "target": target.wins.text(),
            "target note": target.deals_note.text(),
            "waterfall note": window.waterfall.deals_note.text(),
            "last bar": window.waterfall.number_labels()[-1]}


def test_the_deals_read_alike_on_every_view(window: MainWindow) -> None:
    """The sample plan: 236.25 deals rounded up to 237 (its rounding is "ceil"), 208 of
    them from new leads (207.45 rounded up), 30.48 from the open pipeline."""
    seen = said(window)
    assert seen["headline"] == "237"
    assert seen["target"] == "237 deals"  # it said "236 deals": another rounding
    assert seen["caption"] == "deals to win: 208 from new leads, 30 from open pipeline"
    assert seen["last bar"] == "208"
    assert seen["target note"] == seen["waterfall note"]
    assert seen["waterfall note"].startswith(
        "237 deals to win: 208 from new leads, 30 from the open pipeline. (208 + 30 is not 237")


def test_after_an_edit_they_still_agree(window: MainWindow) -> None:
    window.document.edit("Revenue", lambda p: set_target(p, revenue=18_000_000))
    result = window.document.result
    seen = said(window)
    total = f"{result.wins_rounded:,}"
    assert seen["headline"] == total
    assert seen["target"] == f"{total} deals"
    assert seen["last bar"] == f"{result.stages[-1].rounded:,}"
    assert seen["target note"] == seen["waterfall note"]
    assert seen["waterfall note"].startswith(f"{total} deals to win: {seen['last bar']} from")
    assert total != "237"
