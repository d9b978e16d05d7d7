"""Who the article relies on: named and anonymous sources, their quotes, the anonymous share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.models.roles import RECORD_ROLE
from workbench.ui.models.sources import NAME, QUOTES, SourcesModel

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord, SourceRecord


def anonymity_summary(sources: list[SourceRecord], quotes: list[QuoteRecord]) -> str:
    anonymous = [s for s in sources if s.anonymous]
    credited = [q for q in quotes if q.speaker is not None]
    anonymous_quotes = [q for q in credited if q.speaker and q.speaker.anonymous]
    share = f"{len(anonymous_quotes) / len(credited):.0%}" if credited else "—"
    return (
        f"<b>{len(anonymous)}</b> of {len(sources)} sources are anonymous; they are credited with "
        f"<b>{len(anonymous_quotes)}</b> of {len(credited)} attributed quotes ({share})."
    )


class SourcesPanel(QWidget):
    quote_chosen = Signal(int)  # a source was picked: its first quote

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SourcesModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(QUOTES, QHeaderView.ResizeMode.Interactive)
        self.table.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_sources(self, sources: list[SourceRecord], quotes: list[QuoteRecord]) -> None:
        self.model.set_sources(sources, quotes)
        self.summary.setText(anonymity_summary(sources, quotes))

    def _clicked(self, index) -> None:
        source = index.siblingAtColumn(NAME).data(RECORD_ROLE)
        if source is None:
            return
        quotes = self.model.credited(source.id)
        if quotes:
            self.quote_chosen.emit(quotes[0].id)
