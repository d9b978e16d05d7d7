"""What the reviewer's keys and clicks on the review page do: the quote or passage on screen,
checked, becomes an undo command pushed on the session (or a sentence saying what to do first).

The window's action table (``ui/actions.py``) and the review page's signals call these; the
window paints what the session reports back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.domain import Status
from workbench.errors import UserError
from workbench.ui import ops
from workbench.ui.dialogs.attach_source import AttachSourceDialog, WeakLinkQuestion
from workbench.ui.ops import LINKED, PROPOSED, PassageOption
from workbench.ui.statuses import look
from workbench.ui.undo import (
    AddQuoteCommand,
    AdjustSpanCommand,
    ChangeSpeakerCommand,
    EditNoteCommand,
    LinkPassageCommand,
    MarkStatusCommand,
    RejectPassageCommand,
    RejectQuoteCommand,
    UnlinkPassageCommand,
)
from workbench.ui.views.review_page import EVIDENCE_TAB

if TYPE_CHECKING:
    from workbench.services import QuoteRecord
    from workbench.ui.main_window import MainWindow


class ReviewActions:
    """The review page's commands, on the quote and passage the reader has on screen."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.review = window.review
        self.session = window.session

    def _say(self, text: str, milliseconds: int) -> None:
        self.window.statusBar().showMessage(text, milliseconds)

    # --- the quote on screen ----------------------------------------------------------------

    def current_quote(self) -> QuoteRecord | None:
        return self.review.current_quote() if self.window.on_review_page() else None

    def step_quote(self, delta: int) -> None:
        self.review.step(delta)

    def open_find(self) -> None:
        self.review.open_find()

    def set_status(self, status: Status) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        if quote.status == status:
            self._say(f"#{quote.number} is already {look(status).label.lower()}.", 4000)
            return
        self.session.push(
            MarkStatusCommand(self.session, quote.id, quote.number, status, quote.status)
        )

    def verify_and_next(self) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        if quote.status != Status.VERIFIED:
            self.set_status(Status.VERIFIED)
        self.review.step(+1)

    def note_paused(self, quote_id: int, note: str | None, before: str | None) -> None:
        quote = self.review.quotes.quote(self.review.quotes.row_of(quote_id) or 0)
        number = quote.number if quote.id == quote_id else 0
        self.session.push(EditNoteCommand(self.session, quote_id, number, note, before))

    def speaker_entered(self, quote_id: int, name: str) -> None:
        quote = self.current_quote()
        bundle = self.review.bundle
        if quote is None or quote.id != quote_id or bundle is None:
            return
        speaker = ops.speaker_for(
            name, text=bundle.article.text, near=quote.start, sources=bundle.sources
        )
        self.session.push(
            ChangeSpeakerCommand(self.session, quote.id, quote.number, speaker, quote.speaker)
        )

    def reject_current(self) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        self.session.push(RejectQuoteCommand(self.session, quote.id, quote.number))
        following = self.review.step(+1)
        if following is not None and following.id == quote.id:
            self.review.step(-1)

    def add_quote_from_selection(self) -> None:
        bundle = self.review.bundle
        span = self.review.article.selected_span()
        if bundle is None or span is None:
            self.window.report_error(
                UserError("Select the words of the missed quote in the text first, then press Q.")
            )
            return
        start, end = span
        for quote in self.review.quotes.quotes():
            if quote.start == start and quote.end == end:
                self.review.select_quote(quote.id)
                self._say(f"That is already quote #{quote.number}.", 5000)
                return
        self.session.push(AddQuoteCommand(self.session, bundle.article.id, start, end))

    def adjust_span_to_selection(self) -> None:
        quote = self.current_quote()
        span = self.review.article.selected_span()
        if quote is None or span is None:
            self.window.report_error(
                UserError(
                    "Select the words the quote should cover in the text first, then press Shift+Q."
                )
            )
            return
        if span != (quote.start, quote.end):
            old = (quote.start, quote.end)
            self.session.push(AdjustSpanCommand(self.session, quote.id, quote.number, span, old))

    def focus_note(self) -> None:
        if self.current_quote() is not None:
            self.review.tabs.setCurrentIndex(0)
            self.review.detail.note.setFocus()

    def focus_speaker(self) -> None:
        if self.current_quote() is not None:
            self.review.tabs.setCurrentIndex(0)
            self.review.detail.speaker.setFocus()
            self.review.detail.speaker.selectAll()

    # --- its primary sources ----------------------------------------------------------------

    def choose_source(self) -> None:
        if self.review.bundle is None or not self.window.on_review_page():
            self.window.report_error(
                UserError("Open an article first, then attach the primary source it quotes.")
            )
            return
        request = AttachSourceDialog.ask(self.window)
        if request is not None:
            self.attach_source(request.location, pasted=request.pasted, title=request.title)

    def attach_source(self, location: str, *, pasted: bool = False, title: str | None = None):
        self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
        self.session.attach_source(location, pasted=pasted, title=title)

    def shown_option(self) -> tuple[QuoteRecord | None, PassageOption | None]:
        """The current quote and the passage shown for it (the source view comes forward)."""
        quote = self.current_quote()
        if quote is None:
            return None, None
        self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
        return quote, self.review.evidence.current_option()

    def accept_passage(self) -> None:
        quote, option = self.shown_option()
        if quote is None:
            return
        if option is None:
            self.window.report_error(
                UserError(
                    f"No passage is proposed for #{quote.number}; select its words in the "
                    "source text and press Shift+L to link them."
                )
            )
            return
        if option.role == LINKED:
            self._say(f"#{quote.number} is already linked to this passage.", 5000)
            return
        if option.below_threshold and not WeakLinkQuestion.ask(
            self.window, number=quote.number, score=option.score, threshold=option.threshold
        ):
            self._say("Nothing was linked.", 5000)
            return
        what = "link" if option.role == PROPOSED else "link a runner-up for"
        span = (option.start, option.end)
        self.session.push(
            LinkPassageCommand(self.session, quote.id, quote.number, option.source_id, span, what)
        )

    def link_selection(self) -> None:
        quote = self.current_quote()
        evidence = self.review.evidence
        span = evidence.view.selected_span()
        source_id = evidence.current_source_id()
        if quote is None or span is None or source_id is None:
            self.window.report_error(
                UserError(
                    "Select the quote's words in the primary source text first, then press Shift+L."
                )
            )
            return
        self.session.push(
            LinkPassageCommand(
                self.session, quote.id, quote.number, source_id, span, "link by hand"
            )
        )

    def reject_passage(self) -> None:
        quote, option = self.shown_option()
        if quote is None or option is None:
            return
        if option.role == LINKED:
            self.window.report_error(
                UserError(
                    f"#{quote.number} is linked to this passage; unlink it (U) rather than "
                    "reject it."
                )
            )
            return
        self.session.push(RejectPassageCommand(self.session, quote.id, quote.number, option))

    def unlink_passage(self) -> None:
        quote, option = self.shown_option()
        if quote is None or option is None or option.role != LINKED:
            return
        link = next((x for x in quote.links if x.id == option.link_id), None)
        if link is not None:
            self.session.push(UnlinkPassageCommand(self.session, quote.number, link))

    def step_passage(self, delta: int) -> None:
        quote, _option = self.shown_option()
        if quote is not None and not self.review.evidence.step(delta):
            self._say(f"There is no other passage to show for #{quote.number}.", 4000)

    def recheck_source(self) -> None:
        """Read or fetch the source shown again and say what changed; nothing is written."""
        evidence = self.review.evidence
        document = evidence.current_document() if self.review.bundle is not None else None
        if document is None or not self.window.on_review_page():
            self.window.report_error(
                UserError("Attach a primary source first; then Re-check reads it again.")
            )
            return
        self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
        self.session.recheck_source(document)
