"""The library: every article with title, outlet, date and review progress; searchable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from workbench.ui.models.quotes import begin_filter_change, end_filter_change
from workbench.ui.models.roles import ID_ROLE, RECORD_ROLE, SORT_ROLE
from workbench.ui.models.table import Index, RecordTableModel
from workbench.ui.ops import LibraryEntry

COLUMNS = ("Title", "Outlet", "Imported", "Checked", "Quotes")
TITLE, OUTLET, IMPORTED, PROGRESS, QUOTES = range(len(COLUMNS))
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 10  # (reviewed, total) for the bar delegate


def article_title(entry: LibraryEntry) -> str:
    summary = entry.summary
    if summary.title:
        return summary.title
    if summary.origin:
        return summary.origin.rsplit("/", 1)[-1]
    return f"Article {summary.id}"


class LibraryModel(RecordTableModel[LibraryEntry]):
    COLUMNS = COLUMNS

    def cell(self, entry: LibraryEntry, column: int, role: int) -> Any:
        summary = entry.summary
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return article_title(entry)
            if column == OUTLET:
                return summary.outlet or ""
            if column == IMPORTED:
                return summary.imported_at[:10]
            if column == PROGRESS:
                return f"{summary.reviewed} of {summary.quote_count}"
            return str(summary.quote_count)
        if role == PROGRESS_ROLE:
            return (summary.reviewed, summary.quote_count)
        if role == SORT_ROLE:
            if column == TITLE:
                return article_title(entry).lower()
            if column == OUTLET:
                return (summary.outlet or "").lower()
            if column == IMPORTED:
                return summary.imported_at
            if column == PROGRESS:
                return summary.reviewed / summary.quote_count if summary.quote_count else 0.0
            return summary.quote_count
        if role == RECORD_ROLE:
            return entry
        if role == ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return summary.origin or None
        if role == Qt.ItemDataRole.ToolTipRole and column == PROGRESS:
            return "Quotes whose review is finished, of all quotes"
        return None

    def record_id(self, entry: LibraryEntry) -> int:
        return entry.summary.id

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.set_rows(entries)


class LibraryFilterModel(QSortFilterProxyModel):
    """Search across titles and quote text: every word typed must appear somewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        begin_filter_change(self)
        self._words = text.lower().split()
        end_filter_change(self)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        entry = self.sourceModel().index(source_row, 0, source_parent).data(RECORD_ROLE)
        return entry is None or all(word in entry.search_text for word in self._words)
