"""The selected quote in full: speaker (editable), cue, status buttons, note, reviewer, history.

The note saves itself: each keystroke restarts a short timer, and only when typing pauses is the
note handed on, so the audit trail gets one event per pause, not one per key. Switching quotes or
closing the window hands on whatever is still waiting, so nothing typed is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench import vocabulary
from workbench.domain import Status
from workbench.ui.models.history import HistoryModel
from workbench.ui.statuses import STATUS_ORDER, look
from workbench.ui.theme import status_icon

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord, ReviewEventRecord

NOTE_PAUSE_MS = 800


class DetailPanel(QWidget):
    status_chosen = Signal(int, object)  # quote id, Status
    note_paused = Signal(int, object, object)  # quote id, new note, note before
    speaker_entered = Signal(int, str)  # quote id, the name typed ("" clears it)
    reject_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quote: QuoteRecord | None = None
        self._saved_note: str = ""  # the note as last handed on (or loaded) for this quote
        self.note_timer = QTimer(self)
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(NOTE_PAUSE_MS)
        self.note_timer.timeout.connect(self.flush_note)

        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.quote_text = QLabel()
        self.quote_text.setWordWrap(True)
        self.quote_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote_text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        quote_font = QFont(self.font())
        quote_font.setPointSizeF(quote_font.pointSizeF() * 1.12)
        self.quote_text.setFont(quote_font)

        self.speaker = QLineEdit()
        self.speaker.setPlaceholderText("Who said it? (Enter to save, empty for nobody)")
        self.speaker.setClearButtonEnabled(True)
        self.speaker.returnPressed.connect(self._speaker_done)
        self._completer = QCompleter([], self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.speaker.setCompleter(self._completer)
        self.anonymous_badge = QLabel("Anonymous source")
        self.anonymous_badge.setStyleSheet(
            "QLabel { background: #ffd54a; color: black; font-weight: bold;"
            " border-radius: 3px; padding: 1px 6px; }"
        )
        speaker_row = QHBoxLayout()
        speaker_row.setContentsMargins(0, 0, 0, 0)
        speaker_row.addWidget(self.speaker, 1)
        speaker_row.addWidget(self.anonymous_badge)

        self.cue = QLabel()
        self.cue.setWordWrap(True)

        self.status_buttons: dict[Status, QToolButton] = {}
        self._status_group = QButtonGroup(self)
        self._status_group.setExclusive(True)
        status_grid = QGridLayout()
        status_grid.setContentsMargins(0, 0, 0, 0)
        status_grid.setSpacing(4)
        for i, status in enumerate(STATUS_ORDER):
            entry = look(status)
            button = QToolButton()
            button.setProperty("statusButton", True)
            button.setCheckable(True)
            button.setText(f"{entry.label}  ({entry.key})")
            button.setToolTip(f"{entry.label}: {entry.description}. Key {entry.key} or {i + 1}.")
            button.setIcon(status_icon(status))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=status: self._choose(s))
            self._status_group.addButton(button)
            self.status_buttons[status] = button
            status_grid.addWidget(button, i // 3, i % 3)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note: what you checked, where, with whom (saved as you type)")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(54)
        self.note.setMaximumHeight(84)
        self.note.textChanged.connect(self._note_typed)
        self.note_state = QLabel()
        self.note_state.setProperty("role", "muted")

        self.reviewer = QLabel()
        self.reviewer.setProperty("role", "muted")

        self.history_model = HistoryModel(self)
        self.history = QListView()
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.history.setMinimumHeight(90)
        self.history.setAlternatingRowColors(True)

        self.reject_button = QPushButton("Reject detection")
        self.reject_button.setToolTip(
            "Not a quote: hide it from the review (Delete). Undo brings it back."
        )
        self.reject_button.clicked.connect(self._reject)

        self.empty = QLabel("Select a quote in the text or the table.")
        self.empty.setProperty("role", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Speaker", speaker_row)
        form.addRow("Cue", self.cue)
        form.addRow("Status", status_grid)
        note_box = QVBoxLayout()
        note_box.setContentsMargins(0, 0, 0, 0)
        note_box.setSpacing(2)
        note_box.addWidget(self.note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_state, 1)
        note_row.addWidget(self.reject_button)
        note_box.addLayout(note_row)
        form.addRow("Note", note_box)
        form.addRow("Reviewer", self.reviewer)
        form.addRow("History", self.history)

        self.body = QFrame()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.quote_text)
        body_layout.addLayout(form, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)
        self.show_quote(None)

    # --- showing ----------------------------------------------------------------------------

    def quote(self) -> QuoteRecord | None:
        return self._quote

    def set_speaker_names(self, names: list[str]) -> None:
        self._completer.model().setStringList(sorted(set(names), key=str.lower))

    def show_quote(
        self,
        quote: QuoteRecord | None,
        events: list[ReviewEventRecord] | None = None,
    ) -> None:
        """Show a quote; a newer record of the same quote refreshes it without losing typing."""
        same = quote is not None and self._quote is not None and quote.id == self._quote.id
        if not same:
            self.flush_note()
        self._quote = quote
        self.empty.setVisible(quote is None)
        self.body.setVisible(quote is not None)
        if quote is None:
            self.history_model.set_events([], None)
            return
        entry = look(quote.status)
        origin = " · added by hand" if quote.origin == "added" else ""
        confidence = f" · confidence {quote.confidence:.0%}" if quote.confidence is not None else ""
        self.heading.setText(
            f"Quote #{quote.number} · {quote.kind}{confidence}{origin} · {entry.label}"
        )
        self.quote_text.setText(f"“{quote.text}”")
        if not self.speaker.hasFocus() or not same:
            self.speaker.setText(quote.speaker.name if quote.speaker else "")
            self.speaker.setCursorPosition(0)  # a long description reads from its start
        anonymous = bool(quote.speaker and quote.speaker.anonymous)
        self.anonymous_badge.setVisible(anonymous)
        role = quote.speaker.role if quote.speaker and quote.speaker.role else ""
        cue = f"“{quote.cue.text}”" if quote.cue else "none found"
        self.cue.setText(cue + (f" — {role}" if role else ""))
        self.status_buttons[quote.status].setChecked(True)
        note = quote.note or ""
        if not same or not self.note_pending():
            if self.note.toPlainText() != note:
                self.note.blockSignals(True)
                self.note.setPlainText(note)
                self.note.blockSignals(False)
            self._saved_note = note
            self.note_state.setText("")
        who = quote.changed_by or "nobody yet"
        when = f" on {vocabulary.when(quote.changed_at, zone=False)}" if quote.changed_at else ""
        self.reviewer.setText(f"Last change by {who}{when}")
        if events is not None:
            self.history_model.set_events(events, quote.id)

    def show_events(self, events: list[ReviewEventRecord]) -> None:
        self.history_model.set_events(events, self._quote.id if self._quote else None)

    # --- editing ----------------------------------------------------------------------------

    def note_pending(self) -> bool:
        return self.note_timer.isActive() or self.note.toPlainText() != self._saved_note

    def _note_typed(self) -> None:
        if self._quote is None:
            return
        self.note_state.setText("Typing…")
        self.note_timer.start()

    def flush_note(self) -> None:
        """Hand on the note now, if it differs from what was last handed on."""
        self.note_timer.stop()
        if self._quote is None:
            return
        text = self.note.toPlainText()
        if text.strip() == self._saved_note.strip():
            if self.note_state.text() == "Typing…":
                self.note_state.setText("")
            return
        before = self._saved_note or None
        self._saved_note = text
        self.note_state.setText("Saving…")
        self.note_paused.emit(self._quote.id, text if text.strip() else None, before)

    def note_saved(self, quote_id: int) -> None:
        if (
            self._quote is not None
            and self._quote.id == quote_id
            and not self.note_timer.isActive()
        ):
            self.note_state.setText("Saved")

    def note_failed(self, quote_id: int) -> None:
        if self._quote is not None and self._quote.id == quote_id:
            self._saved_note = "\0unsaved"  # differs from any text: the next pause tries again
            self.note_state.setText("Not saved: your text is still here; keep typing to retry")

    def _choose(self, status: Status) -> None:
        if self._quote is not None and status != self._quote.status:
            self.status_chosen.emit(self._quote.id, status)

    def _speaker_done(self) -> None:
        if self._quote is None:
            return
        typed = " ".join(self.speaker.text().split())
        current = self._quote.speaker.name if self._quote.speaker else ""
        if typed != current:
            self.speaker_entered.emit(self._quote.id, typed)

    def _reject(self) -> None:
        if self._quote is not None:
            self.reject_requested.emit(self._quote.id)
