"""Undo commands for every review action; each one is a service call each way.

As in Orange's canvas, a command only remembers what it needs to go both ways and asks the
``Reviewer`` (the main window's door to the services) to do the work. The work itself runs on
the serial database thread, so an undo queued behind its action always lands after it.
Nothing is ever deleted: undoing an added quote rejects it, and redoing restores it; undoing a
link removes it (marked removed, its history kept), undoing a rejected passage takes it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

from workbench.domain import SpeakerRef, Status
from workbench.ui.statuses import look

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import LinkRecord
    from workbench.ui.ops import PassageOption


class Reviewer(Protocol):
    """What the commands need; MainWindow implements it, a test can use a fake."""

    def do_mark(self, quote_id: int, status: Status) -> None: ...
    def do_note(self, quote_id: int, note: str | None) -> None: ...
    def do_speaker(self, quote_id: int, speaker: SpeakerRef | None) -> None: ...
    def do_span(self, quote_id: int, start: int, end: int) -> None: ...
    def do_reject(self, quote_id: int) -> None: ...
    def do_restore(self, quote_id: int) -> None: ...
    def do_add(self, command: AddQuoteCommand) -> None: ...
    def do_unadd(self, command: AddQuoteCommand) -> None: ...


class MarkStatusCommand(QUndoCommand):
    def __init__(self, reviewer: Reviewer, quote_id: int, number: int, new: Status, old: Status):
        super().__init__(f"mark #{number} {look(new).label.lower()}")
        self.reviewer, self.quote_id, self.new, self.old = reviewer, quote_id, new, old

    def redo(self) -> None:
        self.reviewer.do_mark(self.quote_id, self.new)

    def undo(self) -> None:
        self.reviewer.do_mark(self.quote_id, self.old)


class EditNoteCommand(QUndoCommand):
    def __init__(
        self,
        reviewer: Reviewer,
        quote_id: int,
        number: int,
        new: str | None,
        old: str | None,
        *,
        already_done: bool = False,
    ):
        super().__init__(f"note on #{number}")
        self.reviewer, self.quote_id, self.new, self.old = reviewer, quote_id, new, old
        # The note panel saves the moment typing pauses: the first redo() is that save.
        self._skip = already_done

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self.reviewer.do_note(self.quote_id, self.new)

    def undo(self) -> None:
        self.reviewer.do_note(self.quote_id, self.old)


class ChangeSpeakerCommand(QUndoCommand):
    def __init__(
        self,
        reviewer: Reviewer,
        quote_id: int,
        number: int,
        new: SpeakerRef | None,
        old: SpeakerRef | None,
    ):
        super().__init__(f"speaker of #{number}")
        self.reviewer, self.quote_id, self.new, self.old = reviewer, quote_id, new, old

    def redo(self) -> None:
        self.reviewer.do_speaker(self.quote_id, self.new)

    def undo(self) -> None:
        self.reviewer.do_speaker(self.quote_id, self.old)


class AdjustSpanCommand(QUndoCommand):
    def __init__(
        self,
        reviewer: Reviewer,
        quote_id: int,
        number: int,
        new: tuple[int, int],
        old: tuple[int, int],
    ):
        super().__init__(f"adjust the words of #{number}")
        self.reviewer, self.quote_id, self.new, self.old = reviewer, quote_id, new, old

    def redo(self) -> None:
        self.reviewer.do_span(self.quote_id, *self.new)

    def undo(self) -> None:
        self.reviewer.do_span(self.quote_id, *self.old)


class RejectQuoteCommand(QUndoCommand):
    def __init__(self, reviewer: Reviewer, quote_id: int, number: int):
        super().__init__(f"reject #{number}")
        self.reviewer, self.quote_id = reviewer, quote_id

    def redo(self) -> None:
        self.reviewer.do_reject(self.quote_id)

    def undo(self) -> None:
        self.reviewer.do_restore(self.quote_id)


class AddQuoteCommand(QUndoCommand):
    """The first redo adds the quote; the id it gets is kept, so undo/redo reject/restore it.

    The id is read and written on the database thread (``do_add`` / ``do_unadd``), so an undo
    pressed before the add has come back still finds the quote it must reject.
    """

    def __init__(self, reviewer: Reviewer, article_id: int, start: int, end: int):
        super().__init__("add a quote")
        self.reviewer, self.article_id, self.start, self.end = reviewer, article_id, start, end
        self.quote_id: int | None = None

    def redo(self) -> None:
        self.reviewer.do_add(self)

    def undo(self) -> None:
        self.reviewer.do_unadd(self)


class LinkPassageCommand(QUndoCommand):
    """Link a quote to a passage (the proposal, a runner-up, or words selected by hand).

    The link made is kept (set on the database thread), so undo removes exactly that link and
    redo makes it again; its history keeps both.
    """

    def __init__(
        self,
        reviewer: LinkReviewer,
        quote_id: int,
        number: int,
        source_id: int,
        span: tuple[int, int],
        what: str = "link",
    ):
        super().__init__(f"{what} #{number} to source {source_id}")
        self.reviewer, self.quote_id, self.source_id = reviewer, quote_id, source_id
        self.start, self.end = span
        self.link: LinkRecord | None = None

    def redo(self) -> None:
        self.reviewer.do_link(self)

    def undo(self) -> None:
        self.reviewer.do_unlink_made(self)


class UnlinkPassageCommand(QUndoCommand):
    """Remove a link; undo links the same passage again (a new link with the same score)."""

    def __init__(self, reviewer: LinkReviewer, number: int, link: LinkRecord):
        super().__init__(f"unlink #{number} from source {link.source_id}")
        self.reviewer, self.quote_id, self.link = reviewer, link.quote_id, link

    def redo(self) -> None:
        self.reviewer.do_unlink(self)

    def undo(self) -> None:
        self.reviewer.do_relink(self)


class RejectPassageCommand(QUndoCommand):
    """Say a proposed passage is not the quote's; undo takes the rejection back."""

    def __init__(self, reviewer: LinkReviewer, quote_id: int, number: int, option: PassageOption):
        super().__init__(f"reject a passage for #{number}")
        self.reviewer, self.quote_id, self.option = reviewer, quote_id, option

    def redo(self) -> None:
        self.reviewer.do_reject_passage(self.quote_id, self.option)

    def undo(self) -> None:
        self.reviewer.do_withdraw_rejection(self.quote_id, self.option)


class LinkReviewer(Protocol):
    """What the link commands need; MainWindow implements it, a test can use a fake."""

    def do_link(self, command: LinkPassageCommand) -> None: ...
    def do_unlink_made(self, command: LinkPassageCommand) -> None: ...
    def do_unlink(self, command: UnlinkPassageCommand) -> None: ...
    def do_relink(self, command: UnlinkPassageCommand) -> None: ...
    def do_reject_passage(self, quote_id: int, option: PassageOption) -> None: ...
    def do_withdraw_rejection(self, quote_id: int, option: PassageOption) -> None: ...
