"""A quote's history from the audit trail, newest first, one readable line per event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workbench import vocabulary
from workbench.ui.models.roles import RECORD_ROLE

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import ReviewEventRecord

Index = QModelIndex | QPersistentModelIndex


def describe_event(event: ReviewEventRecord) -> str:
    """The panel's line for an event: the reports' wording, briefer (one quote's history)."""
    return vocabulary.describe_event(event.action, event.from_state, event.to_state, brief=True)


class HistoryModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[ReviewEventRecord] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = vocabulary.when(event.at, zone=False)
            return f"{when}  {event.reviewer}: {describe_event(event)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return event.note or None
        if role == RECORD_ROLE:
            return event
        return None

    def set_events(self, events: list[ReviewEventRecord], quote_id: int | None) -> None:
        """Show the events of one quote (the import event counts: it is when it was found)."""
        self.beginResetModel()
        mine = [e for e in events if e.quote_id == quote_id and quote_id is not None]
        imported = [e for e in events if e.action == "article.imported"]
        if quote_id is not None and imported and not any(e.action == "quote.added" for e in mine):
            mine = imported[:1] + mine
        self._events = sorted(mine, key=lambda e: e.seq, reverse=True)
        self._events = self._events if quote_id is not None else []
        self.endResetModel()

    def events(self) -> list[ReviewEventRecord]:
        return list(self._events)
