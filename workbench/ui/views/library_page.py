"""The library page: every article with its review progress, a search box, import buttons."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.models.library import (
    IMPORTED,
    PROGRESS,
    PROGRESS_ROLE,
    TITLE,
    LibraryFilterModel,
    LibraryModel,
)
from workbench.ui.models.roles import ID_ROLE
from workbench.ui.ops import LibraryEntry


class ProgressDelegate(QStyledItemDelegate):
    """Review progress as a bar with "5 of 14" on it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        done, total = index.data(PROGRESS_ROLE) or (0, 0)
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(4, 3, -4, -3))
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.minimum, bar.maximum = 0, max(total, 1)
        bar.progress = done
        bar.text = f"{done} of {total}"
        bar.textVisible = True
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class LibraryPage(QWidget):
    open_requested = Signal(int)  # article id
    import_requested = Signal()
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles and quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        import_button = QPushButton("Import article…")
        import_button.clicked.connect(self.import_requested)
        paste_button = QPushButton("New from clipboard")
        paste_button.clicked.connect(self.paste_requested)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(import_button)
        top.addWidget(paste_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(IMPORTED, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(PROGRESS, 160)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)

        self.empty = QLabel(
            "<h3>No articles yet</h3><p>Drop an article file on this window, press "
            "<b>Import article…</b> (Ctrl+O), or copy an article's text and press "
            "<b>New from clipboard</b>.</p><p>Text, Markdown, HTML, DOCX and PDF files work, "
            "and web addresses too.</p>"
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.model.set_entries(entries)
        self.stack.setCurrentWidget(self.table if entries else self.empty)

    def _open_index(self, index: QModelIndex) -> None:
        article_id = index.siblingAtColumn(TITLE).data(ID_ROLE)
        if article_id is not None:
            self.open_requested.emit(int(article_id))
