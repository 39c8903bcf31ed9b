"""FileWorkflow: the app's file logic (new, open, save, close, recover), with no widgets.

It holds the open PlanDocument and what goes with it: the file's `PlanLock`, an
`Autosaver`, and a `FileWatcher`. There is one document from the first plan opened until
the plan is closed: opening another file, a new plan or a recovered one puts that plan in
the same document (`PlanDocument.load`), so the window built on it never changes
documents. Every question goes through `Prompts`, so tests drive all
of it with scripted answers. The rules that keep work safe:

- A document is replaced only after the user agreed (saved or discarded its changes) *and*
  the replacement is ready: a file that fails to load leaves the current plan as it was.
- Dirty state is the undo stack's. Where the plan on screen differs from the file without
  an edit (requirements recomputed, a recovered plan, the user kept their version over a
  changed file), the stack's clean state is dropped (`resetClean`), never a flag set.
- A recovery is deleted only once the recovered plan has its own autosave.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from alignplanner.contract.errors import PlanFileError, os_reason
from alignplanner.contract.reader import LoadedPlan
from alignplanner.document import files
from alignplanner.document.autosave import Autosaver
from alignplanner.document.document import PlanDocument
from alignplanner.document.files import FileSignature
from alignplanner.document.lock import PlanLock
from alignplanner.document.prompts import Prompts
from alignplanner.document.recovery import Recovery, find_recoveries
from alignplanner.document.restore import differs_from_file, load_changed_file, recover
from alignplanner.document.settings import Settings, autosave_idle_ms, recovery_dir
from alignplanner.document.watch import FileWatcher
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Pipeline
from alignplanner.domain.plan.plan import Plan
from alignplanner.resources import sample_plan_path

__all__ = ["FileWorkflow"]


class FileWorkflow(QObject):
    """New, open, save, save as, close and crash recovery of the one open plan."""

    notice = Signal(str, list)  # (title, lines): told through the prompts, needs no answer
    recentFilesChanged = Signal()

    def __init__(self, prompts: Prompts, settings: Settings, recovery_folder: Path | None = None,
                 autosave_ms: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prompts = prompts
        self._settings = settings
        self._recovery_dir = recovery_folder if recovery_folder is not None else recovery_dir()
        self._autosave_ms = autosave_ms if autosave_ms is not None else autosave_idle_ms(settings)
        self._document: PlanDocument | None = None
        self._autosaver: Autosaver | None = None
        self._lock: PlanLock | None = None
        self._watcher = FileWatcher(parent=self)
        self._watcher.changedOnDisk.connect(self._changed_on_disk)
        self._asking_reload = False

    @property
    def document(self) -> PlanDocument | None:
        """The open plan's document; None before a plan is opened and after it is closed."""
        return self._document

    @property
    def autosaver(self) -> Autosaver | None:
        return self._autosaver

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def prompts(self) -> Prompts:
        return self._prompts

    # -- start ---------------------------------------------------------------------------

    def start(self, path: Path | None = None) -> None:
        """The staged start: offer crash recoveries, else open ``path``, else the sample."""
        if self.recover_at_start():
            return
        if path is not None and self.open(path):
            return
        self.new_from_sample()

    def new_from_sample(self) -> bool:
        """An untitled copy of the built-in sample plan (Save asks for a name)."""
        return self._new(blank=False)

    def new_blank(self) -> bool:
        """An untitled blank plan: the sample's stages, nothing of its own else."""
        return self._new(blank=True)

    def _new(self, *, blank: bool) -> bool:
        if not self._may_replace():
            return False
        try:
            loaded, _ = files.load_plan(sample_plan_path())
        except (PlanFileError, FileNotFoundError) as exc:
            self._prompts.show_error("The sample plan could not be opened", str(exc))
            return False
        if blank:
            plan = blank_plan(loaded.plan)
            loaded = dataclasses.replace(loaded, plan=plan, result=compute(plan),
                                         stale_requirements=())
        self._install(self._document_with(loaded, None), None, None)
        return True

    def open(self, path: Path | None = None) -> bool:
        """Open ``path`` (or ask which). On any problem the current plan stays open."""
        if not self._may_replace():
            return False
        if path is None:
            path = self._prompts.ask_open_path(self._settings.last_folder())
            if path is None:
                return False
        path = path.resolve()
        proceed, lock = self._take_lock(path)
        if not proceed:
            return False
        try:
            loaded, known = files.load_plan(path)
        except PlanFileError as exc:
            if lock is not self._lock and lock is not None:
                lock.release()
            self._prompts.show_problems(f"{path.name} could not be opened",
                                        files.problem_lines(exc))
            return False
        files.keep_opened(path, loaded)
        document = self._document_with(loaded, path)
        self._install(document, lock, known)
        if loaded.stale_requirements:
            self._recomputed(document, [str(p) for p in loaded.stale_requirements])
        self._remember(path)
        return True

    # -- save ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the document's file; an untitled plan asks for a name (`save_as`)."""
        document = self._document
        if document is None:
            return False
        if document.path is None:
            return self.save_as()
        return self._write(document, document.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there; the plan then belongs to that file."""
        document = self._document
        if document is None:
            return False
        folder = self._settings.last_folder() or Path.home()
        suggested = document.path or folder / files.suggested_name(document.plan.name)
        path = self._prompts.ask_save_path(suggested)
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(files.PLAN_SUFFIX)
        path = path.resolve()
        if path == document.path:
            return self._write(document, path)
        lock = PlanLock(path)
        if not lock.acquire():
            owner = lock.owner()
            where = owner.describe() if owner else "another program"
            self._prompts.show_error(
                "The plan was not saved",
                f"{path.name} is open in {where}. Save under another name, or close it there.",
            )
            return False
        if not self._write(document, path):
            lock.release()
            return False
        if self._lock is not None:
            self._lock.release()
        self._lock = lock
        if lock.held:
            files.remove_leftovers(path)
        return True

    def _write(self, document: PlanDocument, path: Path) -> bool:
        history = document.extras.history.saved_again()  # each save a new version
        try:
            known = files.save_plan(path, document.base, document.base_result,
                                    document.extras.with_changes(history=history))
        except (OSError, ValueError) as exc:
            if self._autosaver is not None:
                self._autosaver.flush()
            self._prompts.show_error(
                "The plan was not saved",
                f"{path}: {_reason(exc)}\n\nNothing is lost: the plan stays open, and it is "
                "kept in the recovery folder until it is saved.",
            )
            return False
        if path == self._watcher.path:
            self._watcher.expect(known)
        else:
            self._watcher.watch(path, known)
        document.mark_saved(path, history)
        self._remember(path)
        return True

    # -- close ---------------------------------------------------------------------------

    def close(self) -> bool:
        """Close the plan, asking about unsaved changes; False (still open) on cancel."""
        if self._document is None:
            return True
        if not self._may_replace():
            return False
        self._install(None, None, None)
        return True

    # -- crash recovery ------------------------------------------------------------------

    def recover_at_start(self) -> bool:
        """Offer the plans of sessions that ended without saving; True if one was opened.
        Those not chosen stay in the recovery folder for the next start."""
        recoveries = find_recoveries(self._recovery_dir)
        if not recoveries:
            return False
        try:
            chosen = self._prompts.ask_recover(list(recoveries))
            return chosen is not None and self._recover(chosen)
        finally:
            for recovery in recoveries:
                recovery.release()

    def _recover(self, recovery: Recovery) -> bool:
        if not self._may_replace():
            return False
        try:
            loaded = recovery.load()
        except PlanFileError as exc:
            kept = recovery.set_aside()
            self._prompts.show_problems(
                f"The unsaved plan {recovery.name} could not be recovered",
                [*files.problem_lines(exc), f"The file is kept as {kept}"],
            )
            return False
        original, lock, known = recovery.original_path, None, None
        base = None
        if original is not None:
            proceed, lock = self._take_lock(original)
            if not proceed:
                original = None  # open elsewhere: recover as a new, untitled plan
            else:
                try:
                    base, known = files.load_plan(original)
                except PlanFileError:
                    base = None  # the original is gone or broken: the recovery is all
        document = self._document_with(loaded, original)
        recover(document, loaded, original, base)
        self._install(document, lock, known)
        if not document.is_modified or (
            self._autosaver is not None and self._autosaver.recovery_path.exists()
        ):
            recovery.discard()
        return True

    # -- changes on disk -----------------------------------------------------------------

    def _changed_on_disk(self, path: Path) -> None:
        document = self._document
        if document is None or document.path != path or self._asking_reload:
            return
        self._asking_reload = True
        try:
            if self._prompts.ask_reload_changed(document.display_name):
                self._reload(document, path)
            else:
                differs_from_file(document)
        finally:
            self._asking_reload = False

    def _reload(self, document: PlanDocument, path: Path) -> None:
        """Load the file into the document as one undoable step (undo brings back the
        version that was on screen)."""
        try:
            loaded, known = files.load_plan(path)
        except PlanFileError as exc:
            differs_from_file(document)
            self._prompts.show_problems(f"{path.name} changed on disk and cannot be read",
                                        files.problem_lines(exc))
            return
        load_changed_file(document, loaded, path.name)
        self._watcher.expect(known)
        if loaded.stale_requirements:
            self._recomputed(document, [str(p) for p in loaded.stale_requirements])

    # -- helpers -------------------------------------------------------------------------

    def _may_replace(self) -> bool:
        """True when the current plan may go: unmodified, saved, or changes discarded."""
        document = self._document
        if document is None or not document.is_modified:
            return True
        answer = self._prompts.ask_unsaved_changes(document.display_name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _take_lock(self, path: Path) -> tuple[bool, PlanLock | None]:
        """(go ahead?, the lock to keep). Asks when another process holds the file."""
        if self._lock is not None and self._lock.path == path:
            return True, self._lock
        lock = PlanLock(path)
        if lock.acquire():
            if lock.held:
                files.remove_leftovers(path)
            return True, lock
        owner = lock.owner()
        where = owner.describe() if owner else "another program"
        return self._prompts.ask_open_locked(path.name, where), None

    def _document_with(self, loaded: LoadedPlan, path: Path | None) -> PlanDocument:
        """The document, holding ``loaded``'s plan as a file ``path`` just opened (the
        autosave of the plan before it ends first: it is saved or its changes discarded)."""
        self._stop_autosave()
        if self._document is None:
            made = PlanDocument(loaded.plan, path, loaded.result)
            made.load(loaded.plan, path, loaded.result, loaded.extras)
            return made
        self._document.load(loaded.plan, path, loaded.result, loaded.extras)
        return self._document

    def _install(self, document: PlanDocument | None, lock: PlanLock | None,
                 known: FileSignature | None) -> None:
        """Start the autosave, lock and watch of the plan in ``document`` (None: the plan
        is closed); those of the plan before it end."""
        self._stop_autosave()
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._document, self._lock = document, lock
        if document is not None:
            self._autosaver = Autosaver(document, self._recovery_dir, self._autosave_ms, self)
            self._autosaver.failed.connect(self._autosave_failed)
        self._watcher.watch(document.path if document else None, known)

    def _stop_autosave(self) -> None:
        if self._autosaver is not None:
            self._autosaver.close()
            self._autosaver.deleteLater()
            self._autosaver = None

    def _autosave_failed(self, reason: str) -> None:
        lines = [reason, "Save the plan to keep it safe."]
        self._prompts.show_error("Autosave failed", " ".join(lines))  # once, until it works
        self.notice.emit("Autosave failed", lines)

    def _recomputed(self, document: PlanDocument, lines: list[str]) -> None:
        differs_from_file(document)  # the file's [requirements] differ from the screen
        title = f"{document.display_name}: requirements recomputed"
        details = ["The requirements stored in the file did not follow from its inputs; "
                   "they were recomputed and are saved with the plan.", *lines]
        self._prompts.show_notice(title, details)  # gently: the workshop goes on
        self.notice.emit(title, details)

    def _remember(self, path: Path) -> None:
        self._settings.add_recent_file(path)
        self._settings.set_last_folder(path.parent)
        self.recentFilesChanged.emit()


def blank_plan(sample: Plan) -> Plan:
    """A plan to start from nothing: ``sample``'s funnel stages, dates and target, and
    none of its sources, pipeline, team, SLAs, holidays, scoring or approvers."""
    return Plan(name="Untitled plan", start=sample.start, months=sample.months,
                target=sample.target, stages=sample.stages, currency=sample.currency,
                rounding=sample.rounding, pipeline=Pipeline())


def _reason(exc: OSError | ValueError) -> str:
    return os_reason(exc) if isinstance(exc, OSError) else str(exc)
