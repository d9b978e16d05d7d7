"""Item data roles shared by the models and their views."""

from PySide6.QtCore import Qt

RECORD_ROLE = Qt.ItemDataRole.UserRole  # the record behind a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts as a reader expects
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the record's id
