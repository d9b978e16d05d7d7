"""Ask where a primary source is (a file, a web address, pasted text), and confirm a weak link."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.dialogs.file_picker import choose_file_to_open

SOURCE_FILES = (
    "Sources (*.txt *.md *.html *.htm *.pdf *.docx *.srt *.vtt);;All files (*)"
)  # fmt: skip


@dataclass(frozen=True)
class SourceRequest:
    """Where the reviewer said the source is: a path or URL, or the text itself when pasted."""

    location: str
    pasted: bool = False
    title: str | None = None


class AttachSourceDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attach a primary source")
        intro = QLabel(
            "The document the article quotes from: a transcript, report, web page, email or "
            "interview notes. It is kept exactly as captured, as evidence."
        )
        intro.setWordWrap(True)

        self.path = QLineEdit()
        self.path.setPlaceholderText("txt, md, html, pdf, docx, srt or vtt")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        file_page = QWidget()
        file_form = QFormLayout(file_page)
        file_form.addRow("File", file_row)

        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        url_page = QWidget()
        url_form = QFormLayout(url_page)
        url_form.addRow("Web address", self.url)

        self.pasted = QPlainTextEdit()
        self.pasted.setPlaceholderText("Paste the text: an email, interview notes, a statement")
        paste_page = QWidget()
        paste_layout = QVBoxLayout(paste_page)
        paste_layout.addWidget(self.pasted)

        self.tabs = QTabWidget()
        self.tabs.addTab(file_page, "File")
        self.tabs.addTab(url_page, "Web address")
        self.tabs.addTab(paste_page, "Pasted text")
        self.title = QLineEdit()
        self.title.setPlaceholderText("Optional: what to call it (e.g. Committee transcript)")
        title_form = QFormLayout()
        title_form.addRow("Title", self.title)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Attach")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(title_form)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def _browse(self) -> None:
        path = choose_file_to_open(self, "Primary source", SOURCE_FILES)
        if path:
            self.path.setText(path)

    def request(self) -> SourceRequest | None:
        title = self.title.text().strip() or None
        page = self.tabs.currentIndex()
        if page == 0 and self.path.text().strip():
            return SourceRequest(self.path.text().strip(), title=title)
        if page == 1 and self.url.text().strip():
            return SourceRequest(self.url.text().strip(), title=title)
        if page == 2 and self.pasted.toPlainText().strip():
            return SourceRequest(self.pasted.toPlainText(), pasted=True, title=title)
        return None

    @classmethod
    def ask(cls, parent: QWidget | None) -> SourceRequest | None:
        dialog = cls(parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.request()
        return None


class WeakLinkQuestion:
    """Below the threshold nothing is linked on the program's word: the reviewer decides."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, number: int, score: float, threshold: float) -> bool:
        answer = QMessageBox.question(
            parent,
            "Link a weak match?",
            f"This passage scores {score:.1f}, below the threshold of {threshold:g}: the words "
            f"differ a lot from quote #{number}. Link it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
