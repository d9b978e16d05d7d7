"""Ask the reviewer's name: at first start, and from Preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class ReviewerDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is reviewing?")
        intro = QLabel(
            "Your name goes on every review event in the audit trail, so that an editor can "
            "see who checked what. You can change it later in Preferences."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(current)
        self.name.setPlaceholderText("Your name as colleagues know it")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(current.strip()))
        form = QFormLayout()
        form.addRow("Name", self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, current: str = "") -> str | None:
        dialog = cls(parent, current)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name.text().strip():
            return dialog.name.text().strip()
        return None


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None, reviewer: str, font_size: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.reviewer = QLineEdit(reviewer)
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 32)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(font_size)
        theme = QLabel("The colours follow your system's light or dark theme.")
        theme.setProperty("role", "muted")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Reviewer name", self.reviewer)
        form.addRow("Article text size", self.font_size)
        form.addRow(theme)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, reviewer: str, font_size: int) -> tuple[str, int] | None:
        dialog = cls(parent, reviewer, font_size)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reviewer.text().strip(), dialog.font_size.value()
