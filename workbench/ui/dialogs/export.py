"""File ▸ Export…: choose a format and a file, see the HTML report before writing it; and the
question asked before an existing file is replaced."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Status
from workbench.ui.dialogs.file_picker import choose_file_to_save
from workbench.ui.statuses import STATUS_ORDER, look

# (format, what the reviewer reads in the list, file suffix), the report first
FORMAT_CHOICES = (
    ("pdf", "PDF report — for editors and lawyers, to print or send", ".pdf"),
    ("html", "HTML report — the same report, opens in any browser", ".html"),
    ("csv", "CSV — one row per quote, for spreadsheets", ".csv"),
    ("json", "JSON — the whole review log with its audit chain", ".json"),
    ("claimreview", "ClaimReview — schema.org JSON-LD for fact-check aggregators", ".jsonld"),
)
SUFFIXES = {fmt: suffix for fmt, _label, suffix in FORMAT_CHOICES}
FORMAT_NAMES = {
    "pdf": "PDF report",
    "html": "HTML report",
    "csv": "CSV",
    "json": "JSON log",
    "claimreview": "ClaimReview JSON-LD",
}


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: Path
    statuses: tuple[Status, ...] = ()
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class PreviewFilters:
    statuses: tuple[Status, ...] = ()
    since: str | None = None
    until: str | None = None


# The window renders the preview off its thread: it is asked with the filters and a function
# to hand the HTML (or an error sentence) back to, on the GUI thread.
PreviewLoader = Callable[[PreviewFilters, Callable[[str], None]], None]


def file_stem(title: str) -> str:
    """A file name from an article's title: letters, digits and dashes, not too long."""
    stem = re.sub(r"[^\w]+", "-", title.lower()).strip("-_")
    if len(stem) > 80:  # cut at a word, not inside one
        stem = stem[:81].rsplit("-", 1)[0]
    return stem or "review"


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


class ReportPreview(QTextBrowser):
    """The HTML report as an editor will see it. It never follows a link and never loads
    anything the report names (the report is self-contained and escapes every article text,
    and a QTextBrowser runs no script): nothing in an article can reach out from here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl) -> None:
        return None


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        library: bool = False,
        preview: PreviewLoader | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._preview_loader = preview
        self._preview_generation = 0
        self._finished = False
        self.setWindowTitle("Export the library" if library else "Export this review")
        heading = QLabel(
            "Every article in the library, with its quotes, verdicts, notes and history."
            if library
            else f"<b>{html.escape(title)}</b>: its quotes, verdicts, notes, linked passages and "
            "history."
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText if not library else Qt.TextFormat.PlainText)

        self.format_combo = QComboBox()
        for fmt, label, _suffix in FORMAT_CHOICES:
            self.format_combo.addItem(label, fmt)
        self.format_combo.currentIndexChanged.connect(self._format_changed)

        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        stem = "workbench-library" if library else file_stem(title)
        self.path.setText(str((folder or default_folder()) / f"{stem}{SUFFIXES['pdf']}"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Format", self.format_combo)
        form.addRow("Save to", path_row)

        self.status_boxes: dict[Status, QCheckBox] = {}
        self.since = QDateEdit()
        self.until = QDateEdit()
        self.dated = QCheckBox("Only articles imported from")
        if library:
            statuses = QHBoxLayout()
            for status in STATUS_ORDER:
                entry = look(status)
                box = QCheckBox(f"{entry.glyph} {entry.label}")
                box.toggled.connect(self._filters_changed)
                self.status_boxes[status] = box
                statuses.addWidget(box)
            statuses.addStretch(1)
            hint = QLabel("None ticked: every quote.")
            hint.setProperty("role", "muted")
            form.addRow("Quotes", statuses)
            form.addRow("", hint)
            today = QDate.currentDate()
            for edit, date in ((self.since, today.addMonths(-1)), (self.until, today)):
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("yyyy-MM-dd")
                edit.setDate(date)
                edit.setEnabled(False)
                edit.dateChanged.connect(self._filters_changed)
            self.dated.toggled.connect(self.since.setEnabled)
            self.dated.toggled.connect(self.until.setEnabled)
            self.dated.toggled.connect(self._filters_changed)
            dates = QHBoxLayout()
            dates.addWidget(self.dated)
            dates.addWidget(self.since)
            dates.addWidget(QLabel("to"))
            dates.addWidget(self.until)
            dates.addStretch(1)
            form.addRow("Articles", dates)

        self.preview_caption = QLabel("Preview of the report (the PDF has the same content)")
        self.preview_caption.setProperty("role", "muted")
        self.preview = ReportPreview()
        self.preview.setMinimumHeight(260)
        self.preview.setPlainText("Preparing the preview…" if preview else "")
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(300)  # filters ticked in a row: render once
        self._preview_timer.timeout.connect(self.refresh_preview)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(
            lambda text: self.export_button.setEnabled(bool(text.strip()))
        )

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.preview_caption)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        if preview is not None:
            self.refresh_preview()

    # --- the choice -------------------------------------------------------------------------

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def filters(self) -> PreviewFilters:
        if not self.library:
            return PreviewFilters()
        statuses = tuple(s for s, box in self.status_boxes.items() if box.isChecked())
        if not self.dated.isChecked():
            return PreviewFilters(statuses)
        since = self.since.date().toString("yyyy-MM-dd")
        until = self.until.date().toString("yyyy-MM-dd")
        return PreviewFilters(statuses, min(since, until), max(since, until))

    def choice(self) -> ExportChoice | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_suffix(SUFFIXES[self.fmt()])
        filters = self.filters()
        return ExportChoice(self.fmt(), path, filters.statuses, filters.since, filters.until)

    def _format_changed(self, _index: int) -> None:
        """Keep the file name's ending in step with the format, unless the reviewer chose one."""
        text = self.path.text().strip()
        if not text:
            return
        path = Path(text)
        if path.suffix.lower() in SUFFIXES.values():
            self.path.setText(str(path.with_suffix(SUFFIXES[self.fmt()])))

    def _browse(self) -> None:
        fmt = self.fmt()
        suffix = SUFFIXES[fmt]
        chosen = choose_file_to_save(  # the window asks about an existing file, after rendering
            self, "Export to", self.path.text(), f"{FORMAT_NAMES[fmt]} (*{suffix});;All files (*)"
        )
        if chosen:
            self.path.setText(chosen)

    # --- the preview ------------------------------------------------------------------------

    def _filters_changed(self, *_args: object) -> None:
        if self._preview_loader is not None:
            self._preview_timer.start()

    def refresh_preview(self) -> None:
        if self._preview_loader is None:
            return
        self._preview_generation += 1
        generation = self._preview_generation

        def deliver(html: str) -> None:
            # The dialog may be gone (or the filters changed again) by the time it is ready.
            if self._finished or generation != self._preview_generation:
                return
            self.preview.setHtml(html)

        self._preview_loader(self.filters(), deliver)

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def done(self, result: int) -> None:
        self._finished = True
        self._preview_timer.stop()
        super().done(result)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        library: bool = False,
        preview: PreviewLoader | None = None,
    ) -> ExportChoice | None:
        dialog = cls(parent, title=title, library=library, preview=preview)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.choice()
            return None
        finally:
            dialog.deleteLater()


class OverwriteQuestion:
    """An export never replaces a file on the program's word: the reviewer decides."""

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path) -> bool:
        answer = QMessageBox.question(
            parent,
            "Replace the file?",
            f"{path.name} already exists in {path.parent}. Replace it with this export?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
