"""Undo commands for every review action; each one is a session call each way.

As in Orange's canvas, a command only remembers what it needs to go both ways and asks the
``ReviewSession`` (``ui/session.py``) to do the work. The work itself runs on the serial
database thread, so an undo queued behind its action always lands after it. Nothing is ever
deleted: undoing an added quote rejects it, and redoing restores it; undoing a link removes it
(marked removed, its history kept), undoing a rejected passage takes it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from workbench.domain import SpeakerRef, Status
from workbench.ui.statuses import look

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import LinkRecord
    from workbench.ui.ops import PassageOption
    from workbench.ui.session import ReviewSession


class _ChangeCommand(QUndoCommand):
    """A quote's value from ``old`` to ``new`` (redo) and back (undo), by one session call."""

    def __init__(self, session: ReviewSession, quote_id: int, text: str, new: Any, old: Any):
        super().__init__(text)
        self.session, self.quote_id, self.new, self.old = session, quote_id, new, old

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)

    def apply(self, value: Any) -> None:
        raise NotImplementedError


class MarkStatusCommand(_ChangeCommand):
    def __init__(
        self, session: ReviewSession, quote_id: int, number: int, new: Status, old: Status
    ):
        super().__init__(session, quote_id, f"mark #{number} {look(new).label.lower()}", new, old)

    def apply(self, status: Status) -> None:
        self.session.mark(self.quote_id, status)


class EditNoteCommand(_ChangeCommand):
    def __init__(
        self, session: ReviewSession, quote_id: int, number: int, new: str | None, old: str | None
    ):
        super().__init__(session, quote_id, f"note on #{number}", new, old)

    def apply(self, note: str | None) -> None:
        self.session.save_note(self.quote_id, note)


class ChangeSpeakerCommand(_ChangeCommand):
    def __init__(
        self,
        session: ReviewSession,
        quote_id: int,
        number: int,
        new: SpeakerRef | None,
        old: SpeakerRef | None,
    ):
        super().__init__(session, quote_id, f"speaker of #{number}", new, old)

    def apply(self, speaker: SpeakerRef | None) -> None:
        self.session.set_speaker(self.quote_id, speaker)


class AdjustSpanCommand(_ChangeCommand):
    def __init__(
        self,
        session: ReviewSession,
        quote_id: int,
        number: int,
        new: tuple[int, int],
        old: tuple[int, int],
    ):
        super().__init__(session, quote_id, f"adjust the words of #{number}", new, old)

    def apply(self, span: tuple[int, int]) -> None:
        self.session.set_span(self.quote_id, *span)


class RejectQuoteCommand(QUndoCommand):
    def __init__(self, session: ReviewSession, quote_id: int, number: int):
        super().__init__(f"reject #{number}")
        self.session, self.quote_id = session, quote_id

    def redo(self) -> None:
        self.session.reject_quote(self.quote_id)

    def undo(self) -> None:
        self.session.restore_quote(self.quote_id)


class AddQuoteCommand(QUndoCommand):
    """The first redo adds the quote; the id it gets is kept, so undo/redo reject/restore it.

    The id is read and written on the database thread (``ReviewSession.add_quote``), so an
    undo pressed before the add has come back still finds the quote it must reject.
    """

    def __init__(self, session: ReviewSession, article_id: int, start: int, end: int):
        super().__init__("add a quote")
        self.session, self.article_id, self.start, self.end = session, article_id, start, end
        self.quote_id: int | None = None

    def redo(self) -> None:
        self.session.add_quote(self)

    def undo(self) -> None:
        self.session.take_back_added_quote(self)


class LinkPassageCommand(QUndoCommand):
    """Link a quote to a passage (the proposal, a runner-up, or words selected by hand).

    The link made is kept (set on the database thread), so undo removes exactly that link and
    redo makes it again; its history keeps both.
    """

    def __init__(
        self,
        session: ReviewSession,
        quote_id: int,
        number: int,
        source_id: int,
        span: tuple[int, int],
        what: str = "link",
    ):
        super().__init__(f"{what} #{number} to source {source_id}")
        self.session, self.quote_id, self.source_id = session, quote_id, source_id
        self.start, self.end = span
        self.link: LinkRecord | None = None

    def redo(self) -> None:
        self.session.link_passage(self)

    def undo(self) -> None:
        self.session.take_back_link(self)


class UnlinkPassageCommand(QUndoCommand):
    """Remove a link; undo links the same passage again (a new link with the same score)."""

    def __init__(self, session: ReviewSession, number: int, link: LinkRecord):
        super().__init__(f"unlink #{number} from source {link.source_id}")
        self.session, self.quote_id, self.link = session, link.quote_id, link

    def redo(self) -> None:
        self.session.unlink_passage(self)

    def undo(self) -> None:
        self.session.relink_passage(self)


class RejectPassageCommand(QUndoCommand):
    """Say a proposed passage is not the quote's; undo takes the rejection back."""

    def __init__(self, session: ReviewSession, quote_id: int, number: int, option: PassageOption):
        super().__init__(f"reject a passage for #{number}")
        self.session, self.quote_id, self.option = session, quote_id, option

    def redo(self) -> None:
        self.session.reject_passage(self.quote_id, self.option)

    def undo(self) -> None:
        self.session.withdraw_rejection(self.quote_id, self.option)
