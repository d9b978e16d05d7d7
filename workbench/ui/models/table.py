"""The table-model base the library, quote and source tables share: rows of records, fixed columns."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """One record a row, ``COLUMNS`` across; a subclass says what a cell shows (``cell``)."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[dict[int, str]] = {}  # a column's header tooltip, where it needs one

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Record] = []

    # --- Qt's interface ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- what a subclass says ---------------------------------------------------------------

    def cell(self, record: Record, column: int, role: int) -> Any:
        """What the cell of ``record`` in ``column`` holds for ``role`` (None: nothing)."""
        raise NotImplementedError

    def record_id(self, record: Record) -> int:
        return record.id  # type: ignore[attr-defined]

    # --- rows ---------------------------------------------------------------------------------

    def set_rows(self, records: list[Record]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def row_of(self, record_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if self.record_id(record) == record_id:
                return row
        return None

    def _column_changed(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
