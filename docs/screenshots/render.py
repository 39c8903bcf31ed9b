"""Render the screenshots in this folder from the real app, offscreen.

Run from the repository root: python docs/screenshots/render.py [NAME ...]
(NAME: main-window, presentation-mode, dark-theme-stress-plan, sla-panel, capacity,
scoring, scenarios, scenario-compare, scenario-compare-by-month, signoff, signoff-keys,
actuals-import, actuals-view, actuals-refused, actuals-sla-week, review, pdf-review-page,
calibration, uncertainty, uncertainty-presentation, merge, or "screens" for every tab at
both screen sizes; none given: all). Qt draws offscreen on two screens: a 1920x1080 one, where the
windows are 1600x960 (the actuals shots ask for 1280x720) and presentation mode fills it,
and a 1280x720 projector beside it.

"screens" (files ``at-<width>x<height>/<tab>.png``): the window filling each screen, once
per editor tab (with the waterfall beside it), once per other chart tab (beside the
funnel), and in presentation mode (alone, and with the editors beside it).

Each shot gets fresh settings in a temporary folder, so nothing of the user's own layout
or theme (nor of the shot before) leaks in, and no file is written outside this folder.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
WIDTH, HEIGHT = 1600, 960
SCREEN = {"name": "large", "x": 0, "y": 0, "width": 1920, "height": 1080,
          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
PROJECTOR = {**SCREEN, "name": "projector", "x": 1920, "width": 1280, "height": 720}


def main(names: list[str]) -> int:  # noqa: PLR0915 (one script, read top to bottom)
    scratch = tempfile.TemporaryDirectory()
    screens = Path(scratch.name) / "screens.json"
    screens.write_text(json.dumps({"screens": [SCREEN, PROJECTOR]}), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"

    from PySide6.QtWidgets import QApplication, QTabWidget

    from alignplanner.app import build_window
    from alignplanner.ui.application import create_application
    from alignplanner.ui.main_window import MainWindow

    create_application()

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    def shot(name: str, plan: str | None, arrange: Callable[[MainWindow], None],
             screen: dict | None = None) -> None:
        config = Path(tempfile.mkdtemp(dir=scratch.name))
        os.environ["ALIGNPLANNER_CONFIG_DIR"] = str(config)
        window = build_window(ROOT / "scenarios" / f"{plan}.toml" if plan else None)
        assert window is not None, "the sample plan did not open"
        if screen is None:
            window.resize(WIDTH, HEIGHT)
        else:  # the window fills the screen, as a maximised one does
            on = next(s for s in QApplication.screens() if s.name() == screen["name"])
            window.setScreen(on)
            window.setGeometry(on.geometry())
        settle()
        arrange(window)
        if name.startswith(("actuals", "review")):
            window.resize(1280, 720)
        settle()
        simulated(window)
        if name not in ("actuals-import", "actuals-refused", "calibration", "merge",
                        "pdf-review-page"):  # dialogs', a page's
            (HERE / name).parent.mkdir(exist_ok=True)
            window.grab().save(str(HERE / f"{name}.png"))
        window.presentation.set_active(False)  # its large type is the application's font
        window.set_theme_mode("system", save=False)  # the dark palette is the application's too
        window.document.undo_stack.setClean()  # nothing to ask about on close
        window.close()
        settle()
        print(f"docs/screenshots/{name}.png")

    def simulated(window: MainWindow) -> None:
        """The Uncertainty tab's numbers are in (its worker thread is done), if it is built."""
        import time

        tab = window.uncertainty
        deadline = time.monotonic() + 60
        while tab.built and tab.view.runner.busy and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        settle()

    def pick(tabs: QTabWidget, title: str) -> None:
        for i in range(tabs.count()):
            if tabs.tabText(i).replace("&", "") == title:
                tabs.setCurrentIndex(i)
                return
        raise SystemExit(f"no tab {title!r}")

    def tab(title: str) -> Callable[[MainWindow], None]:
        return lambda window: pick(window.editor_tabs, title)

    def with_scenarios(window: MainWindow) -> None:
        from alignplanner.domain.scenarios import edits

        def three(s):  # type: ignore[no-untyped-def]
            s = edits.override(edits.add(s, "Hire 2 SDRs"), "Hire 2 SDRs",
                               "roles.sdr.headcount", 6)
            s = edits.override(edits.add(s, "Worst case"), "Worst case",
                               "stages.mql.conversion", 0.2)
            return edits.agree(s, "Hire 2 SDRs")

        problems = window.document.edit_scenarios("Add scenarios", three)
        assert not problems, problems
        pick(window.editor_tabs, "Scenarios")
        window.document.show_scenario("Hire 2 SDRs")

    def compared(title: str) -> Callable[[MainWindow], None]:
        """Working in "Worst case", the chart ``title`` compared with the base."""
        def arrange(window: MainWindow) -> None:
            with_scenarios(window)
            window.document.show_scenario("Worst case")
            pick(window.editor_tabs, "Funnel")
            pick(window.chart_tabs, title)
            view = window.chart_tabs.currentWidget()
            inner = view.view if hasattr(view, "built") else view  # a LazyView's chart
            inner.compare.choose("Base")

        return arrange

    def chart(title: str, then: Callable[[MainWindow], None]) -> Callable[[MainWindow], None]:
        def arrange(window: MainWindow) -> None:
            then(window)
            pick(window.chart_tabs, title)

        return arrange

    def signed_then_edited(window: MainWindow) -> None:
        """Both leaders sign, then the MQL conversion changes: the plan falls back to
        draft and says what changed since it was signed."""
        from datetime import UTC, datetime

        from alignplanner.document import signing
        from alignplanner.domain.edits import stages as stage_edits

        document = window.document
        for role, at in (("marketing", datetime(2026, 11, 23, 14, 5, tzinfo=UTC)),
                         ("sales", datetime(2026, 11, 24, 9, 30, tzinfo=UTC))):
            names = [a.name for a in document.plan.signoff.approvers if a.role == role]
            assert not signing.sign(document, role, names[0] if names else role.title(), at)
        mql = document.plan.stage_index("mql")
        document.edit("MQL conversion", lambda p: stage_edits.set_stage(p, mql, conversion=0.42))
        tab("Sign-off")(window)

    def signed_with_keys(window: MainWindow) -> None:
        """Both leaders enrol their keys and sign with them; then sales' key in the roster
        is swapped for another: the signature no longer holds, and the tab says why."""
        from datetime import UTC, datetime

        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from alignplanner.contract.sshsig import public_key_text
        from alignplanner.document import signing

        document = window.document
        keys = [Ed25519PrivateKey.from_private_bytes(bytes([n]) * 32) for n in (1, 2, 3)]
        people = {}
        for (role, at), key in zip((("marketing", datetime(2026, 11, 23, 14, 5, tzinfo=UTC)),
                                    ("sales", datetime(2026, 11, 24, 9, 30, tzinfo=UTC))),
                                   keys, strict=False):
            names = [a.name for a in document.plan.signoff.approvers if a.role == role]
            people[role] = names[0] if names else role.title()
            assert not signing.enrol(document, role, people[role], public_key_text(key))
            assert not signing.sign_with_key(document, role, key, at)
        assert not signing.enrol(document, "sales", people["sales"], public_key_text(keys[2]))
        tab("Sign-off")(window)

    def typed_wrong(window: MainWindow) -> None:
        """"12 mio" typed as the revenue target: kept as typed, refused beside it."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        tab("Target")(window)
        settle()
        revenue = window.target.view.revenue
        revenue.setFocus()
        revenue.selectAll()
        QTest.keyClicks(revenue, "12 mio")
        QTest.keyClick(revenue, Qt.Key.Key_Return)

    def presentation(window: MainWindow) -> None:
        window.presentation.set_active(True)

    def presenting_with_editors(window: MainWindow) -> None:
        """Presentation mode, the funnel table brought back beside the charts (F6)."""
        window.presentation.set_active(True)
        window.presentation.toggle_editors()

    def presenting_uncertainty(window: MainWindow) -> None:
        """Presentation mode on the Uncertainty tab: P(hit) readable across the room."""
        pick(window.chart_tabs, "Uncertainty")
        window.presentation.set_active(True)

    def dark(window: MainWindow) -> None:
        window.set_theme_mode("dark", save=False)
        window.chart_tabs.setCurrentIndex(1)  # the monthly timeline

    def actuals(window: MainWindow, *, run: bool, refused: bool = False,
                days: int = 330) -> None:
        """Week 1's exports: a Salesforce OpportunityHistory made up here, added to the
        import dialog (its guesses shown), and, with ``run``, imported into the tab;
        ``refused``: the file ends with a stage value the first rows did not show;
        ``days``: how many days the opportunities open over."""
        import time

        export = Path(scratch.name) / "OpportunityHistory.csv"
        write_history(export, extra="Negotiation/Review" if refused else None, days=days)
        feature = window.actuals
        feature.prompts = _Answers(export)
        window.resize(1280, 720)  # a projector's
        dialog = feature.open_dialog()
        dialog.resize(1240, 690)
        dialog.files.ask_files()
        settle()
        def run_import(as_of: tuple[int, int, int] | None) -> None:
            from PySide6.QtCore import QDate

            if as_of is not None:
                dialog.as_of_check.setChecked(True)
                dialog.as_of.setDate(QDate(*as_of))
            dialog.start_import()
            deadline = time.monotonic() + 60
            while dialog.job is not None and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.01)

        if run and not refused:  # last week's refresh, then this week's: "vs last week"
            run_import((2025, 11, 24))
            feature.open_dialog()
            run_import((2025, 12, 1))
        elif run:
            run_import(None)
        if not run and not refused:  # the column form scrolled to its SLA hand-offs
            from PySide6.QtWidgets import QScrollArea

            area = dialog.columns.parentWidget().parentWidget()
            if isinstance(area, QScrollArea):
                area.ensureWidgetVisible(dialog.columns.handoff_box)
            settle()
        if not run or refused:
            name = "actuals-refused" if refused else "actuals-import"
            dialog.grab().save(str(HERE / f"{name}.png"))
            print(f"docs/screenshots/{name}.png")
            dialog.close()

    def merged(window: MainWindow) -> None:
        """File > Merge a copy…: sales sent back a copy of the same version with its own
        edits; two of them collide with this plan's. Merged, one conflict taken from the
        copy."""
        import dataclasses

        from alignplanner.contract.writer import dumps
        from alignplanner.domain.edits import stages as stage_edits
        from alignplanner.domain.engine.compute import compute

        document = window.document
        base = document.plan
        folder = Path(tempfile.mkdtemp(dir=scratch.name))
        os.environ["ALIGNPLANNER_VERSIONS_DIR"] = str(folder / "versions")
        mql, sql = base.stage_index("mql"), base.stage_index("sql")

        def write(name: str, plan):  # type: ignore[no-untyped-def]
            path = folder / name
            path.write_text(dumps(plan, compute(plan), document.extras), "utf-8")
            return path

        base_file = write("Q3 plan (as sent).toml", base)
        theirs = stage_edits.set_stage(base, mql, conversion=0.5)
        theirs = stage_edits.rename_stage(theirs, sql, "Sales qualified opportunity")
        opportunity = base.stage_index("opportunity")
        theirs = stage_edits.set_stage(theirs, opportunity,
                                       days=base.stages[opportunity].days + 15)
        copy = write("Q3 plan (sales).toml", theirs)
        document.edit("MQL", lambda p: stage_edits.set_stage(p, mql, conversion=0.42))
        document.edit("SQL", lambda p: stage_edits.rename_stage(p, sql, "Sales-qualified lead"))
        document.edit("Revenue", lambda p: p.with_changes(target=dataclasses.replace(
            p.target, revenue=p.target.revenue * 1.05)))
        dialog = window.merge.open_dialog(copy, base_file)
        assert dialog is not None
        dialog.resize(900, 480)
        dialog.merge_button.click()
        dialog.session.pick("stages.mql.conversion", "theirs")
        settle()
        dialog.grab().save(str(HERE / "merge.png"))
        dialog.close()
    def reviewed(window: MainWindow) -> None:
        """The sample plan saved with its mapping beside it and a history of its first
        months (write_review_history); Refresh actuals once a week for four weeks (each
        kept as a snapshot), and wait for the last review."""
        import shutil
        import time

        folder = Path(tempfile.mkdtemp(dir=scratch.name))
        plan = folder / "fy2027.toml"
        shutil.copyfile(ROOT / "scenarios" / "midmarket-saas.toml", plan)
        write_review_history(folder / "OpportunityHistory.csv")
        window.workflow.open(plan)
        window.resize(1280, 720)  # a projector's
        feature = window.review
        # Four weekly refreshes, each kept as a snapshot: the last stands beside the others
        for as_of in ("2027-04-28", "2027-05-05", "2027-05-12", "2027-05-19"):
            (folder / "fy2027.actuals.toml").write_text(
                REVIEW_MAPPING.replace("2027-05-19", as_of), encoding="utf-8")
            feature.refresh()
            deadline = time.monotonic() + 60
            while ((feature.review is None or feature.review.as_of.isoformat() != as_of)
                   and time.monotonic() < deadline):
                QApplication.processEvents()
                time.sleep(0.01)
        assert feature.review is not None, "the review did not come"

    def review(window: MainWindow) -> None:
        """The review of `reviewed` in the Review tab."""
        reviewed(window)
        feature = window.review
        pick(window.chart_tabs, "Review")
        settle()
        from alignplanner.ui.review.view import ReviewView
        from alignplanner.ui.theme import LIGHT

        page = ReviewView()  # the whole tab at once, as tall as it is, a projector wide
        page.apply_theme(LIGHT)
        assert feature.review is not None
        page.show_review(feature.review)
        page.resize(1000, page.minimumSizeHint().height() + 160)  # the chart's room
        page.show()
        settle()
        page.grab().save(str(HERE / "review-page.png"))
        page.close()
        print("docs/screenshots/review-page.png")
        window.presentation.set_active(True)  # the room's view: the charts alone, large
        settle()
        pick(window.chart_tabs, "Review")
        settle()

    def pdf_review_page(window: MainWindow) -> None:
        """The review page of File > Export PDF summary, as printed (A4 landscape at 150
        dpi), from the review of `reviewed`."""
        from datetime import datetime

        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage, QPainter

        from alignplanner.domain.review.report import report
        from alignplanner.ui.charts.review_page import ReviewPage

        reviewed(window)
        review = window.review.review
        assert review is not None
        image = QImage(1754, 1240, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        ReviewPage(painter, image.width(), image.height(), 150).draw(
            report(review), datetime(2027, 5, 19, 9, 30), window.document.display_name)
        painter.end()
        image.save(str(HERE / "pdf-review-page.png"))

    def calibration(window: MainWindow) -> None:
        """Two years of history imported, then the Calibrate dialog from the Actuals tab."""
        actuals(window, run=True, days=760)
        view = window.actuals.view.view
        view.open_calibration()
        dialog = view.calibration
        assert dialog is not None
        dialog.resize(1240, 600)
        from PySide6.QtCore import Qt

        model = dialog.models["conversion"]
        for row in (0, 5):  # ticked, as the room would before accepting
            model.setData(model.index(row, 0), Qt.CheckState.Checked.value,
                          Qt.ItemDataRole.CheckStateRole)
        settle()
        dialog.grab().save(str(HERE / "calibration.png"))
        print("docs/screenshots/calibration.png")
        dialog.tabs.setCurrentIndex(1)  # the lags, as monthly mass
        settle()
        dialog.grab().save(str(HERE / "calibration-lags.png"))
        print("docs/screenshots/calibration-lags.png")
        dialog.close()

    def actuals_tables(window: MainWindow) -> None:
        """The Actuals tab's week and SLA tables: the tab scrolled to show them."""
        from PySide6.QtWidgets import QScrollArea

        actuals(window, run=True)
        view = window.actuals.view.view
        settle()
        area = view.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(view.sla_table, 0, 0)

    shots: dict[str, tuple[str | None, Callable[[MainWindow], None]]] = {
        "main-window": (None, tab("Funnel")),
        "presentation-mode": (None, presentation),
        "dark-theme-stress-plan": ("stress", dark),
        "sla-panel": (None, chart("Capacity", tab("SLAs"))),
        "capacity": (None, chart("Capacity", tab("Team"))),
        "scoring": (None, tab("Scoring")),
        "number-refused": (None, typed_wrong),
        "scenarios": (None, with_scenarios),
        "scenario-compare": (None, compared("Waterfall")),
        "scenario-compare-by-month": (None, compared("By month")),
        "signoff": (None, signed_then_edited),
        "signoff-keys": (None, signed_with_keys),
        "actuals-import": (None, lambda window: actuals(window, run=False)),
        "actuals-view": (None, lambda window: actuals(window, run=True)),
        "actuals-refused": (None, lambda window: actuals(window, run=True, refused=True)),
        "merge": (None, merged),
        "review": (None, review),
        "pdf-review-page": (None, pdf_review_page),
        "calibration": (None, calibration),
        "uncertainty": (None, chart("Uncertainty", tab("Funnel"))),
        "uncertainty-presentation": (None, presenting_uncertainty),
        "actuals-sla-week": (None, actuals_tables),
    }
    def every_tab() -> dict[str, Callable[[MainWindow], None]]:
        """The window as it opens, with each editor tab, each chart tab, and presenting."""
        from alignplanner.ui.main_window import MainWindow as Window

        probe = build_window(None)
        assert isinstance(probe, Window)
        editors = [probe.editor_tabs.tabText(i).replace("&", "")
                   for i in range(probe.editor_tabs.count())]
        charts = [probe.chart_tabs.tabText(i).replace("&", "")
                  for i in range(1, probe.chart_tabs.count())]
        probe.document.undo_stack.setClean()
        probe.close()
        views: dict[str, Callable[[MainWindow], None]] = {
            f"editor-{slug(t)}": tab(t) for t in editors}
        views |= {f"chart-{slug(t)}": chart(t, tab("Funnel")) for t in charts}
        views["presentation"] = presentation
        views["presentation-editors"] = presenting_with_editors
        return views

    def screens() -> None:
        for screen in (PROJECTOR, SCREEN):
            folder = f"at-{screen['width']}x{screen['height']}"
            for view, arrange in every_tab().items():
                shot(f"{folder}/{view}", None, arrange, screen)

    for name in names or [*shots, "screens"]:
        if name == "screens":
            screens()
            continue
        plan, arrange = shots[name]
        shot(name, plan, arrange)
    scratch.cleanup()
    return 0


def slug(title: str) -> str:
    """A tab's title as a file name: "Sign-off" -> "sign-off", "By month" -> "by-month"."""
    return title.lower().replace(" ", "-")


class _Answers:
    """The import dialog's questions, answered: this export, and no other path."""

    def __init__(self, export: Path) -> None:
        self.export = export

    def ask_exports(self, start_dir: Path | None) -> list[Path]:
        return [self.export]

    def ask_mapping_path(self, suggested: Path | None) -> Path | None:
        return None


def write_history(path: Path, records: int = 2400, extra: str | None = None,
                  days: int = 330) -> None:
    """A made-up Salesforce OpportunityHistory: opportunities from three sources climb
    Inquiry -> ... -> Closed Won with random lags, some lost, the young ones still open."""
    import random
    from datetime import date, timedelta

    rng = random.Random(7)
    ladder = ("Inquiry", "MQL", "Sales Accepted", "SQL", "Opportunity", "Closed Won")
    keep = (0.45, 0.6, 0.55, 0.5, 0.35)
    lags = (6, 4, 10, 18, 40)
    sources = ("Web", "Outbound", "Partner")
    lines = ["Id,OpportunityId,CreatedDate,StageName,Amount,LeadSource"]
    start = date(2025, 1, 6)
    for i in range(records):
        day = start + timedelta(days=rng.randrange(days))
        source = rng.choices(sources, (6, 3, 1))[0]
        amount = rng.randrange(8, 60) * 1000
        for k, stage in enumerate(ladder):
            lines.append(f"008{len(lines):07d},006{i:07d},{day}T09:00:00.000Z,{stage},{amount},"
                         f"{source}")
            if k == len(keep) or rng.random() > keep[k]:
                if k < len(keep) and rng.random() < 0.4:
                    lost = day + timedelta(days=rng.randrange(1, 30))
                    lines.append(f"008{len(lines):07d},006{i:07d},{lost}T09:00:00.000Z,"
                                 f"Closed Lost,{amount},{source}")
                break
            day += timedelta(days=round(rng.expovariate(1 / lags[k])))
    if extra:
        lines.append(f"0089999999,0069999999,2025-11-28T09:00:00.000Z,{extra},1000,Web")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


REVIEW_MAPPING = """\
as_of = "2027-05-19"
[[file]]
path = "OpportunityHistory.csv"
id = "OpportunityId"
stage = "StageName"
date = "CreatedDate"
amount = "Amount"
source = "LeadSource"

[stages]
Inquiry = "inquiry"
"Marketing Qualified" = "mql"
"Sales Accepted" = "sal"
Discovery = "sql"
Evaluation = "opportunity"
"Closed Won" = "won"
"Closed Lost" = "lost"

[sources]
Web = "inbound"
Outbound = "outbound"
Partner = "partner"
"""


def write_review_history(path: Path) -> None:
    """A made-up history of the sample plan's first months (from October 2026, so some
    pipeline is open on 1 January): inbound near plan, outbound a little short, partner
    well short, and SQLs converting below the plan's rate."""
    import random
    from datetime import date, timedelta

    rng = random.Random(11)
    ladder = ("Inquiry", "Marketing Qualified", "Sales Accepted", "Discovery", "Evaluation",
              "Closed Won")
    keep = (0.12, 0.55, 0.5, 0.55, 0.24)
    lags = (14, 3, 10, 14, 75)
    entry = {"Web": (0, 1900, 0.97), "Outbound": (2, 80, 0.85), "Partner": (3, 10, 0.5)}
    lines = ["OpportunityId,StageName,CreatedDate,Amount,LeadSource"]
    start, as_of = date(2026, 10, 1), date(2027, 5, 19)
    n = 0
    for source, (first, monthly, pace) in entry.items():
        for _ in range(int(monthly * pace * 7.6)):
            day = start + timedelta(days=rng.randrange((as_of - start).days))
            amount = rng.randrange(20, 55) * 1000
            n += 1
            for k in range(first, len(ladder)):
                if day > as_of:
                    break
                lines.append(f"006{n:07d},{ladder[k]},{day}T09:00:00Z,{amount},{source}")
                if k == len(keep) or rng.random() > keep[k]:
                    if k < len(keep) and rng.random() < 0.75:
                        lost = day + timedelta(days=rng.randrange(1, 40))
                        if lost <= as_of:
                            lines.append(f"006{n:07d},Closed Lost,{lost}T09:00:00Z,{amount},"
                                         f"{source}")
                    break
                day += timedelta(days=round(rng.expovariate(1 / lags[k])))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
