"""The open plan as a Qt document: state, undo, files, autosave (QtCore/QtGui only)."""
