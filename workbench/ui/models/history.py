"""A quote's history from the audit trail, newest first, one readable line per event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workbench.ui.models.roles import RECORD_ROLE
from workbench.ui.statuses import look

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import ReviewEventRecord

Index = QModelIndex | QPersistentModelIndex


def _status(value: Any) -> str:
    try:
        return look(value).label
    except (KeyError, ValueError):
        return str(value)


def describe_event(event: ReviewEventRecord) -> str:
    before, after = event.from_state or {}, event.to_state or {}
    action = event.action
    if action == "quote.status":
        text = f"{_status(before.get('status'))} → {_status(after.get('status'))}"
        if "note" in after:
            text += " (note changed)"
        return text
    if action == "quote.note":
        note = after.get("note")
        if not note:
            return "note cleared"
        return f"note: {note[:60]}{'…' if len(note) > 60 else ''}"
    if action == "quote.corrected":
        parts = []
        if "speaker" in after:
            speaker = after.get("speaker") or {}
            parts.append(f"speaker → {speaker.get('name') or 'nobody'}")
        if "start" in after or "end" in after:
            parts.append("span adjusted")
        if "kind" in after:
            parts.append(f"kind → {after['kind']}")
        return "corrected: " + (", ".join(parts) or "details")
    if action == "quote.added":
        return "added by hand"
    if action == "quote.rejected":
        return "rejected as a false detection"
    if action == "quote.restored":
        return "restored"
    if action == "article.imported":
        return "detected on import"
    if action == "link.added":
        return "linked to " + _passage(after.get("link") or {})
    if action == "link.removed":
        return "unlinked from " + _passage(before.get("link") or {})
    if action == "link.rejected":
        return "rejected " + _passage(after.get("proposal") or {})
    if action == "link.rejection_withdrawn":
        return "took back the rejection of " + _passage(after.get("withdrawn") or {})
    return action


def _passage(link: dict[str, Any]) -> str:
    """ "primary source 2, characters 964–1017 (altered)": which passage, and how it read."""
    where = f"primary source {link.get('source_id', '?')}"
    if link.get("start") is not None:
        where += f", characters {link['start']}–{link.get('end')}"
    verdict = link.get("verdict")
    return f"{where} ({str(verdict).replace('_', ' ')})" if verdict else where


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
            when = event.at[:16].replace("T", " ")
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
