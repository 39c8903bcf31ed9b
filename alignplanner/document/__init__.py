"""The open plan as a Qt document: state, undo, files, autosave (QtCore/QtGui only)."""

from alignplanner.document import qtfix

qtfix.apply()  # before any signal is emitted: see qtfix (PySide6 6.12.0 on Python 3.11)
