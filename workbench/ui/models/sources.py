"""The sources panel: named and anonymous sources, how often they appear, which quotes are theirs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.ui.models.roles import ID_ROLE, RECORD_ROLE, SORT_ROLE
from workbench.ui.models.table import RecordTableModel
from workbench.ui.statuses import ANONYMOUS_BACKGROUND, source_look

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord, SourceRecord

COLUMNS = ("Source", "Type", "Quotes", "Mentions", "Claims")
NAME, TYPE, QUOTES, MENTIONS, CLAIMS = range(len(COLUMNS))


def quotes_of(source: SourceRecord, quotes: list[QuoteRecord]) -> list[QuoteRecord]:
    # services credits a quote to the article's source of the same name (case aside).
    name = source.name.lower()
    return [q for q in quotes if q.speaker and q.speaker.name.lower() == name]


class SourcesModel(RecordTableModel["SourceRecord"]):
    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quotes: dict[int, list[QuoteRecord]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def cell(self, source: SourceRecord, column: int, role: int) -> Any:
        quotes = self._quotes.get(source.id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return source.name
            if column == TYPE:
                return source_look(source.type, source.anonymous).label
            if column == QUOTES:
                return ", ".join(f"#{q.number}" for q in quotes) or "—"
            if column == MENTIONS:
                return str(len(source.mentions))
            return str(source.claim_count)
        if role == SORT_ROLE:
            if column == NAME:
                return source.name.lower()
            if column == TYPE:
                return (not source.anonymous, source.type)
            if column == QUOTES:
                return len(quotes)
            if column == MENTIONS:
                return len(source.mentions)
            return source.claim_count
        if role == RECORD_ROLE:
            return source
        if role == ID_ROLE:
            return source.id
        if source.anonymous and role == Qt.ItemDataRole.FontRole:
            return self._bold
        if source.anonymous and role == Qt.ItemDataRole.BackgroundRole and column in (NAME, TYPE):
            return QBrush(QColor(ANONYMOUS_BACKGROUND))
        if source.anonymous and role == Qt.ItemDataRole.ForegroundRole and column in (NAME, TYPE):
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return source.name
        if role == Qt.ItemDataRole.ToolTipRole and column == QUOTES and quotes:
            return "\n".join(f"#{q.number}: {q.text[:80]}" for q in quotes)
        return None

    def set_sources(self, sources: list[SourceRecord], quotes: list[QuoteRecord]) -> None:
        # Anonymous sources first: they are the ones an editor asks about.
        ordered = sorted(sources, key=lambda s: (not s.anonymous, s.id))
        self._quotes = {s.id: quotes_of(s, quotes) for s in ordered}
        self.set_rows(ordered)

    def sources(self) -> list[SourceRecord]:
        return list(self._rows)

    def credited(self, source_id: int) -> list[QuoteRecord]:
        return list(self._quotes.get(source_id, []))
