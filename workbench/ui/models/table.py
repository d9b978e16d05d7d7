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
        self._row_index: dict[int, int] | None = {}  # record id -> row; None: to rebuild

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
        self._row_index = None
        self.endResetModel()

    def append_rows(self, records: list[Record]) -> None:
        """Add rows at the end: the view and its proxy take in these rows, not a new model."""
        if not records:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self._rows.extend(records)
        if self._row_index is not None:
            for row, record in enumerate(records, first):
                self._row_index[self.record_id(record)] = row
        self.endInsertRows()

    def insert_row(self, row: int, record: Record) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, record)
        self._row_index = None  # the rows after it moved down
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_index = None
        self.endRemoveRows()

    def replace_row(self, row: int, record: Record) -> None:
        """The same record as stored now (its id unchanged), repainted in place."""
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def row_of(self, record_id: int) -> int | None:
        """The record's row, by a dictionary kept beside the rows (rebuilt after a row is
        inserted or removed in the middle, which review actions rarely do)."""
        if self._row_index is None:
            self._row_index = {self.record_id(r): row for row, r in enumerate(self._rows)}
        return self._row_index.get(record_id)

    def _column_changed(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
