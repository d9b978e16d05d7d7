"""The quote table: number, excerpt, speaker, kind, status (icon and text), linked primary
source and the match verdict (the link's, or the proposal's until the reviewer decides)."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from workbench.ui.models.roles import ID_ROLE, RECORD_ROLE, SORT_ROLE
from workbench.ui.models.table import Index, RecordTableModel
from workbench.ui.statuses import STATUS_ORDER, look
from workbench.ui.theme import status_icon, verdict_icon
from workbench.vocabulary import verdict_words

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord
    from workbench.ui.ops import QuoteReview

COLUMNS = ("#", "Quote", "Speaker", "Kind", "Status", "Linked to", "Verdict")
NUMBER, EXCERPT, SPEAKER, KIND, STATUS, LINKED, VERDICT = range(len(COLUMNS))
VERDICT_ORDER = ("not_found", "altered", "near_exact", "exact")
EXCERPT_LENGTH = 90


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def speaker_label(quote: QuoteRecord) -> str:
    return quote.speaker.name if quote.speaker else "—"


def link_label(quote: QuoteRecord, titles: dict[int, str] | None = None) -> str:
    """The primary source a quote is linked to (its title when known), and how many more."""
    if not quote.links:
        return ""
    link = quote.links[0]
    title = (titles or {}).get(link.source_id) or f"source {link.source_id}"
    more = f" +{len(quote.links) - 1}" if len(quote.links) > 1 else ""
    return f"{title}{more}"


def quote_verdict(quote: QuoteRecord, review: QuoteReview | None) -> tuple[str | None, bool]:
    """(verdict, confirmed): a link's verdict is the reviewer's; a proposal's is the engine's."""
    if quote.links:
        verdict = quote.links[0].verdict
        if verdict is None and review is not None:
            verdict = review.verdict
        return verdict or "not_found", True
    if review is not None:
        return review.verdict, False
    return None, False


class QuoteTableModel(RecordTableModel["QuoteRecord"]):
    """Rows in text order; ``upsert`` and ``remove`` keep it in step with review actions."""

    COLUMNS = COLUMNS
    HEADER_TIPS: ClassVar[dict[int, str]] = {
        NUMBER: "The quote's number in the article",
        VERDICT: (
            "How the quote compares with its primary source; in italics with a “?” "
            "until a reviewer links the passage"
        ),
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reviews: dict[int, QuoteReview] = {}
        self._titles: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def cell(self, quote: QuoteRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(quote, column)
        if role == RECORD_ROLE:
            return quote
        if role == ID_ROLE:
            return quote.id
        if role == SORT_ROLE:
            return self._sort_key(quote, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return status_icon(quote.status)
        if role == Qt.ItemDataRole.DecorationRole and column == VERDICT:
            verdict, _confirmed = quote_verdict(quote, self._reviews.get(quote.id))
            return verdict_icon(verdict) if verdict else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(quote, column)
        if role == Qt.ItemDataRole.FontRole and column == SPEAKER:
            if quote.speaker is None:
                return self._italic  # "—": nobody found
            return self._bold if quote.speaker.anonymous else None
        if role == Qt.ItemDataRole.FontRole and column == VERDICT:
            verdict, confirmed = quote_verdict(quote, self._reviews.get(quote.id))
            return self._italic if verdict and not confirmed else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- our interface ----------------------------------------------------------------------

    def set_quotes(self, quotes: list[QuoteRecord]) -> None:
        self.set_rows(sorted((q for q in quotes if not q.rejected), key=_order))

    def quotes(self) -> list[QuoteRecord]:
        return list(self._rows)

    def set_source_titles(self, titles: dict[int, str]) -> None:
        self._titles = dict(titles)
        self._column_changed(LINKED)

    def set_reviews(self, reviews: dict[int, QuoteReview], *, replace: bool = True) -> None:
        """How each quote compares with the primary sources (``replace``: forget the others)."""
        if replace:
            self._reviews = dict(reviews)
        else:
            self._reviews.update(reviews)
        self._column_changed(VERDICT)

    def review(self, quote_id: int) -> QuoteReview | None:
        return self._reviews.get(quote_id)

    def reviews(self) -> dict[int, QuoteReview]:
        return dict(self._reviews)

    def quote(self, row: int) -> QuoteRecord:
        return self._rows[row]

    def upsert(self, quote: QuoteRecord) -> None:
        """Show a quote as stored now: changed in place, added, or gone when rejected."""
        row = self.row_of(quote.id)
        if quote.rejected:
            if row is not None:
                self.remove(quote.id)
            return
        if row is not None and _order(self._rows[row]) == _order(quote):
            self._rows[row] = quote
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        if row is not None:
            self.remove(quote.id)
        row = bisect_left([_order(q) for q in self._rows], _order(quote))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, quote)
        self.endInsertRows()

    def remove(self, quote_id: int) -> None:
        row = self.row_of(quote_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    # --- cells ------------------------------------------------------------------------------

    def _display(self, quote: QuoteRecord, column: int) -> str:
        if column == NUMBER:
            return str(quote.number)
        if column == EXCERPT:
            return excerpt(quote.text)
        if column == SPEAKER:
            name = speaker_label(quote)
            return f"{name} (anonymous)" if quote.speaker and quote.speaker.anonymous else name
        if column == KIND:
            return quote.kind
        if column == STATUS:
            return look(quote.status).label
        if column == VERDICT:
            verdict, confirmed = quote_verdict(quote, self._reviews.get(quote.id))
            if verdict is None:
                return ""
            label = verdict_words(verdict).label
            label = label if confirmed or verdict == "not_found" else f"{label}?"
            review = self._reviews.get(quote.id)
            if review is not None and review.said_by:
                label += " ⚠ speaker"
            return label
        return link_label(quote, self._titles)

    def _sort_key(self, quote: QuoteRecord, column: int) -> Any:
        if column == NUMBER:
            return quote.start
        if column == STATUS:
            return STATUS_ORDER.index(quote.status) * 1_000_000 + quote.start
        if column == EXCERPT:
            return quote.text.lower()
        if column == SPEAKER:
            return speaker_label(quote).lower()
        if column == KIND:
            return quote.kind
        if column == VERDICT:
            verdict, _confirmed = quote_verdict(quote, self._reviews.get(quote.id))
            rank = VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else -1
            return rank * 1_000_000 + quote.start
        return link_label(quote, self._titles).lower()

    def _tooltip(self, quote: QuoteRecord, column: int) -> str | None:
        if column == STATUS:
            entry = look(quote.status)
            return f"{entry.label}: {entry.description}"
        if column == EXCERPT:
            return excerpt(quote.text, 400)
        if column == SPEAKER and quote.speaker:
            role = f", {quote.speaker.role}" if quote.speaker.role else ""
            return quote.speaker.name + role
        if column == VERDICT:
            verdict, confirmed = quote_verdict(quote, self._reviews.get(quote.id))
            if verdict is None:
                return None
            entry = verdict_words(verdict)
            state = (
                "linked by a reviewer"
                if confirmed
                else "nothing to link"
                if verdict == "not_found"
                else "proposed, not linked yet"
            )
            review = self._reviews.get(quote.id)
            other = (
                f"\nThe source has {review.said_by} saying it, not "
                f"{speaker_label(quote)} as the article says."
                if review is not None and review.said_by
                else ""
            )
            return f"{entry.glyph} {entry.label}: {entry.description} ({state}){other}"
        if column == LINKED and quote.links:
            return "\n".join(
                f"{self._titles.get(link.source_id, f'source {link.source_id}')}, "
                f"characters {link.start}–{link.end}"
                for link in quote.links
            )
        return None


def begin_filter_change(proxy: QSortFilterProxyModel) -> None:
    if hasattr(proxy, "beginFilterChange"):  # Qt 6.9+; before, invalidateFilter() at the end
        proxy.beginFilterChange()


def end_filter_change(proxy: QSortFilterProxyModel) -> None:
    if hasattr(proxy, "endFilterChange"):
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        proxy.invalidateFilter()


def _order(quote: QuoteRecord) -> tuple[int, int]:
    return (quote.start, quote.id)


class QuoteFilterModel(QSortFilterProxyModel):
    """Sorting and the filter row above the table: status, speaker, kind and free text."""

    ANY = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._status = self.ANY
        self._speaker = self.ANY
        self._kind = self.ANY
        self._text = ""

    def set_filters(
        self,
        *,
        status: str | None = None,
        speaker: str | None = None,
        kind: str | None = None,
        text: str | None = None,
    ) -> None:
        begin_filter_change(self)
        if status is not None:
            self._status = status
        if speaker is not None:
            self._speaker = speaker
        if kind is not None:
            self._kind = kind
        if text is not None:
            self._text = text.strip().lower()
        end_filter_change(self)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, QuoteTableModel) or source_row >= model.rowCount():
            return True
        quote = model.quote(source_row)
        if self._status and str(quote.status) != self._status:
            return False
        if self._kind and quote.kind != self._kind:
            return False
        if self._speaker and speaker_label(quote) != self._speaker:
            return False
        if self._text:
            haystack = f"{quote.text}\n{speaker_label(quote)}\n{quote.note or ''}".lower()
            if self._text not in haystack:
                return False
        return True
