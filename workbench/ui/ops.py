"""The window's calls into the core: thin calls to services, and the plain bundles the views show.

Each function takes what it needs and returns plain records, so the window never holds a
session; it runs on the database thread or the work pool (the window's task runner decides).
What a user does here and at the command line is one service call either way.

``workbench.services`` (and with it SQLAlchemy) is imported by the first call, on the database
thread, so the window is up before that import's few hundred milliseconds are spent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.domain import Analysis, Article, SpeakerRef, Status
from workbench.errors import UserError

# The comparison's types and roles, re-exported: the views take them from here with the bundles.
from workbench.sources.passage_review import (  # noqa: F401
    CANDIDATE,
    LINKED,
    PROPOSED,
    PassageOption,
    QuoteReview,
    ReviewInputs,
)

if TYPE_CHECKING:
    from workbench.matching import Match
    from workbench.services import (
        ArticleRecord,
        ArticleSummary,
        Database,
        LinkRecord,
        QuoteRecord,
        ReviewEventRecord,
        SourceDocumentRecord,
        SourceRecord,
    )
    from workbench.sources.capture import EvidenceSnapshot


class _LazyServices:
    def __getattr__(self, name: str):
        import workbench.services

        return getattr(workbench.services, name)


services = _LazyServices()


@dataclass(frozen=True)
class LibraryEntry:
    summary: ArticleSummary
    search_text: str  # title, outlet, origin and every quote, lower-cased, for the search box


@dataclass(frozen=True)
class ArticleBundle:
    """What the review page shows: the article, its quotes (rejected ones left out), sources."""

    article: ArticleRecord
    quotes: list[QuoteRecord]
    sources: list[SourceRecord]
    events: list[ReviewEventRecord]
    documents: list[SourceDocumentRecord] = field(default_factory=list)  # primary sources


@dataclass(frozen=True)
class QuoteChange:
    """The state after one review action: the quote as stored, its history, maybe new sources."""

    quote: QuoteRecord
    events: list[ReviewEventRecord]
    sources: list[SourceRecord] | None = None
    summary: str = ""


@dataclass(frozen=True)
class PreparedImport:
    article: Article
    analysis: Analysis
    label: str = field(default="")


@dataclass(frozen=True)
class ImportOutcome:
    article_id: int
    quote_count: int
    already_there: bool


def warm_up() -> None:
    """Import the engine's modules ahead of the first import (on a worker thread)."""
    import workbench.extraction
    import workbench.importing  # noqa: F401


def open_database(target: str | None) -> Database:
    return services.open_review_database(target, backup=True)


def close_database(db: Database) -> None:
    db.close()


def load_library(db: Database) -> list[LibraryEntry]:
    """The library page's rows: a fixed number of queries, whatever the number of articles."""
    entries = []
    for summary, words in services.list_library(db):
        found = [summary.title or "", summary.outlet or "", summary.origin or "", *words]
        entries.append(LibraryEntry(summary=summary, search_text="\n".join(found).lower()))
    return entries


# The size policy the window follows, in figures benchmarks/ui.py measures (two cores): the
# importer refuses a file over MAX_ARTICLE_BYTES (20 MB); over PREVIEW_CHARACTERS the text is
# shown as soon as it is read, while its quotes are found and stored; over SLOW_ARTICLE_BYTES
# the reader is told what that costs: about IMPORT_SECONDS_PER_MB to find and store the quotes
# (5 MB in 5-7 s, 19.5 MB in 18 s) and ACTION_MS_PER_MB for each review action to be stored
# and shown (5 MB: 80-100 ms, 19.5 MB: 300 ms), which is where the window starts to feel slow.
# A 19.5 MB article takes the window to 760 MB at its peak (it took 2.6 GB before).
PREVIEW_CHARACTERS = 100_000  # about 15,000 words: finding their quotes takes a moment
SLOW_ARTICLE_BYTES = 2 * 1024 * 1024
IMPORT_SECONDS_PER_MB = 1.2
ACTION_MS_PER_MB = 16


def read_import(path_or_url: str) -> Article:
    """Read a file or URL for import (work pool); its quotes are found by ``analyse_import``."""
    from workbench.importing import load_article

    return load_article(path_or_url)


def read_pasted(text: str) -> Article:
    """Pasted text, titled by the same rule as a text file (``importing.loader.headline_of``),
    and held to the importer's limit as a file is."""
    from workbench.importing import MAX_ARTICLE_BYTES, article_from_text
    from workbench.importing.loader import headline_of
    from workbench.importing.sizes import describe_size

    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        raise UserError(
            f"The clipboard holds {describe_size(size)} of text; the workbench opens articles "
            f"up to {describe_size(MAX_ARTICLE_BYTES)}. Copy a part of it, or split it in files."
        )
    return article_from_text(text, title=headline_of(text))


def import_label(path_or_url: str) -> str:
    label = str(path_or_url)
    return label if "://" in label else (Path(label).name or label)


def analyse_import(article: Article, label: str) -> PreparedImport:
    """Find the article's quotes, speakers and sources (slow for a long one: work pool)."""
    from workbench.extraction import analyze_text

    return PreparedImport(article, analyze_text(article.extraction_text), label=label)


def prepare_import(path_or_url: str) -> PreparedImport:
    """Read and analyse a file or URL (slow for a big document: runs on the work pool)."""
    return analyse_import(read_import(path_or_url), import_label(path_or_url))


def prepare_pasted(text: str) -> PreparedImport:
    return analyse_import(read_pasted(text), "the clipboard")


def wants_preview(article: Article) -> bool:
    """Whether to show the text while its quotes are found: a long article, worth reading
    while it is analysed and stored, rather than an empty window."""
    return len(article.text) > PREVIEW_CHARACTERS


def slow_import_note(article: Article) -> str | None:
    """What the reader is told about a long article while it is analysed: what its length
    costs, in the figures measured per megabyte; None for an article of ordinary length."""
    if len(article.text) * 4 <= SLOW_ARTICLE_BYTES:  # never over, however it is encoded
        return None
    megabytes = len(article.text.encode("utf-8", "surrogatepass")) / (1024 * 1024)
    if megabytes * 1024 * 1024 <= SLOW_ARTICLE_BYTES:
        return None
    seconds = megabytes * IMPORT_SECONDS_PER_MB
    wait = f"about {round(seconds / 60)} minutes" if seconds >= 90 else f"about {seconds:.0f} s"
    action = megabytes * ACTION_MS_PER_MB / 1000
    return (
        f"A long article ({megabytes:.3g} MB, where the window is made for articles under "
        f"{SLOW_ARTICLE_BYTES // (1024 * 1024)} MB): finding and storing its quotes takes {wait}, "
        f"and each review action about {action:.1f} s. Read it meanwhile; the quotes appear "
        "when they are stored."
    )


def find_existing(db: Database, article: Article) -> int | None:
    """The article already imported from the same place with the same text, if any."""
    return services.find_article(db, article=article)


def store_import(db: Database, prepared: PreparedImport) -> ImportOutcome:
    existing = find_existing(db, prepared.article)
    if existing is not None:
        count = len(services.list_quotes(db, article_id=existing))
        return ImportOutcome(existing, count, already_there=True)
    result = services.import_article(db, article=prepared.article, analysis=prepared.analysis)
    return ImportOutcome(result.article_id, result.quote_count, already_there=False)


def load_bundle(db: Database, article_id: int) -> ArticleBundle:
    return ArticleBundle(
        article=services.get_article(db, article_id=article_id),
        quotes=services.list_quotes(db, article_id=article_id),
        sources=services.list_sources(db, article_id=article_id),
        events=services.list_events(db, article_id=article_id),
        documents=services.list_source_documents(db, article_id=article_id),
    )


def _change(
    db: Database, quote: QuoteRecord, *, sources: bool = False, summary: str = ""
) -> QuoteChange:
    events = services.list_events(db, article_id=quote.article_id)
    return QuoteChange(
        quote=quote,
        events=events,
        sources=services.list_sources(db, article_id=quote.article_id) if sources else None,
        summary=summary,
    )


def mark(db: Database, quote_id: int, status: Status) -> QuoteChange:
    result = services.mark_status(db, quote_id=quote_id, status=status)
    return _change(db, result.quote)


def save_note(db: Database, quote_id: int, note: str | None) -> QuoteChange:
    return _change(db, services.edit_note(db, quote_id=quote_id, note=note))


def speaker_for(
    name: str, *, text: str, near: int, sources: list[SourceRecord]
) -> SpeakerRef | None:
    """A speaker from a typed name (``services.people.speaker_named``)."""
    return services.speaker_named(name, text=text, near=near, sources=sources)


def set_speaker(db: Database, quote_id: int, speaker: SpeakerRef | None) -> QuoteChange:
    quote = services.correct_quote(db, quote_id=quote_id, speaker=speaker)
    return _change(db, quote, sources=True)


def set_span(db: Database, quote_id: int, start: int, end: int) -> QuoteChange:
    return _change(db, services.correct_quote(db, quote_id=quote_id, start=start, end=end))


def add_quote(db: Database, article_id: int, start: int, end: int) -> QuoteChange:
    quote = services.add_quote(db, article_id=article_id, start=start, end=end)
    return _change(db, quote, sources=True)


def reject(db: Database, quote_id: int) -> QuoteChange:
    return _change(db, services.reject_quote(db, quote_id=quote_id), sources=True)


def restore(db: Database, quote_id: int) -> QuoteChange:
    return _change(db, services.restore_quote(db, quote_id=quote_id), sources=True)


def is_path(value: str) -> bool:
    return "://" not in value and Path(value).exists()


# --- primary sources: attach, compare each quote with its passage, link -----------------------

# How a diff step is marked (never by colour alone: the views give each its own style).
INSERTED = "inserted"  # words only in the quote
CHANGED = "changed"  # quote words standing where the source has other words
MISSING = "missing"  # source words the quote leaves out
ELIDED = "elided"  # source text an ellipsis in the quote stands for
PLAIN = "plain"  # the same words (or the quote's own punctuation)


@dataclass(frozen=True)
class SourceAttached:
    """What attaching a primary source did, with the article's sources and history after it."""

    document: SourceDocumentRecord
    documents: list[SourceDocumentRecord]
    events: list[ReviewEventRecord]
    reused: bool
    already_attached: bool


@dataclass(frozen=True)
class SourceMark:
    """A stretch of a primary source to mark: its offsets and what it is (MISSING …)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class LinkChange:
    """After a link action: the quote as stored (its links), its history, and the link touched."""

    change: QuoteChange
    link: LinkRecord | None = None


def capture_source(location: str, *, pasted: bool = False, title: str | None = None):
    """Read a file, fetch a URL or take pasted text as evidence (slow: runs on the work pool).

    Every failure is one UserError sentence, raised before anything is stored.
    """
    from workbench.sources.capture import capture, capture_pasted, with_index

    if pasted:
        return with_index(capture_pasted(location, title=title))
    # The index is built here, off the database thread, and stored beside the snapshot.
    return with_index(capture(location.strip(), title=title))


def store_source(db: Database, article_id: int, snapshot: EvidenceSnapshot) -> SourceAttached:
    result = services.add_source(db, article_id=article_id, snapshot=snapshot)
    return SourceAttached(
        document=result.document,
        documents=services.list_source_documents(db, article_id=article_id),
        events=services.list_events(db, article_id=article_id),
        reused=result.reused,
        already_attached=result.already_attached,
    )


def review_inputs(
    db: Database, article_id: int, quote_ids: Iterable[int] | None = None
) -> ReviewInputs:
    return services.review_inputs(db, article_id=article_id, quote_ids=quote_ids)


def review_quotes(
    inputs: ReviewInputs,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[int, QuoteReview]:
    """Compare each quote with the article's primary sources (matching: runs on the work pool),
    by the comparison ``workbench source autolink`` makes, then mark each passage for painting."""
    from workbench.sources.passage_review import review_quotes as compare

    reviews = compare(inputs, progress=progress, cancelled=cancelled)
    quotes = {quote.id: quote.text for quote in inputs.quotes}
    sources = dict(inputs.documents)
    return {
        quote_id: replace(
            review,
            options=tuple(
                _painted(option, quotes[quote_id], sources[option.source_id])
                for option in review.options
            ),
        )
        for quote_id, review in reviews.items()
    }


def _painted(option: PassageOption, quote: str, source: str) -> PassageOption:
    return replace(
        option,
        quote_parts=quote_parts(quote, option.match),
        source_marks=source_marks(source, option.match),
    )


def quote_parts(quote: str, match: Match) -> tuple[tuple[str, str], ...]:
    """The quote as the article has it, cut where its words depart from the source: the
    source's words it leaves out are put back (MISSING, to be struck through) so that both
    readings are there to see. `quote` is the quote `match` was made for: the diff's quote
    offsets point into it, and the text between two steps (spacing, punctuation, an ellipsis)
    is the quote's own."""
    parts: list[tuple[str, str]] = []
    at = 0
    for op in match.diff:
        if op.quote_start > at:
            parts.append((quote[at : op.quote_start], PLAIN))
        words = quote[op.quote_start : op.quote_end]
        if op.op == "equal":
            parts.append((words, PLAIN))
        elif op.op == "insert":
            parts.append((words, INSERTED))
        elif op.op == "delete":
            parts.append((op.source, MISSING))
        else:
            parts.append((op.source, MISSING))
            parts.append((words, CHANGED))
        at = max(at, op.quote_end)
    if at < len(quote):
        parts.append((quote[at:], PLAIN))
    return tuple(_spaced(parts))


def _spaced(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A space on each side of put-back words, so "have not seen" does not read "havenotseen"."""
    spaced: list[tuple[str, str]] = []
    for i, (text, kind) in enumerate(parts):
        if kind == MISSING:
            before = spaced[-1][0] if spaced else ""
            after = parts[i + 1][0] if i + 1 < len(parts) else ""
            if before and not before[-1].isspace():
                spaced.append((" ", PLAIN))
            spaced.append((text, kind))
            if after and not after[0].isspace():
                spaced.append((" ", PLAIN))
        else:
            spaced.append((text, kind))
    return spaced


def source_marks(source: str, match: Match) -> tuple[SourceMark, ...]:
    """Where the passage departs from the quote, in the source's offsets: the diff's own
    source offsets (words the quote leaves out or changes) and the elided stretches."""
    if match.start is None:
        return ()
    kinds = {"delete": MISSING, "replace": CHANGED}
    marks = [
        SourceMark(op.source_start, op.source_end, kinds[op.op])
        for op in match.diff
        if op.op in kinds and op.source_start < op.source_end <= len(source)
    ]
    marks.extend(SourceMark(gap.start, gap.end, ELIDED) for gap in match.elided)
    return tuple(sorted(marks, key=lambda m: (m.start, m.end)))


def _link_change(db: Database, quote_id: int, link: LinkRecord | None) -> LinkChange:
    quote = services.get_quote(db, quote_id=quote_id)
    return LinkChange(_change(db, quote), link)


def accept_passage(db: Database, quote_id: int, source_id: int, start: int, end: int) -> LinkChange:
    """Link the quote to a passage the reviewer accepted, picked or selected by hand."""
    outcome = services.accept_passage(
        db, quote_id=quote_id, source_id=source_id, start=start, end=end
    )
    return _link_change(db, quote_id, outcome.link)


def relink(db: Database, link: LinkRecord) -> LinkChange:
    """Link the same passage again, with the score and verdict it had (undoing an unlink)."""
    made = services.link_passage(
        db,
        quote_id=link.quote_id,
        source_id=link.source_id,
        start=link.start,
        end=link.end,
        score=link.score,
        verdict=link.verdict,
    )
    return _link_change(db, link.quote_id, made)


def unlink(db: Database, link_id: int, quote_id: int) -> LinkChange:
    removed = services.unlink_passage(db, link_id=link_id)
    return _link_change(db, quote_id, removed)


def reject_passage(db: Database, quote_id: int, option: PassageOption) -> LinkChange:
    services.reject_passage(
        db,
        quote_id=quote_id,
        source_id=option.source_id,
        start=option.start,
        end=option.end,
        score=option.score,
        verdict=str(option.match.verdict),
    )
    return _link_change(db, quote_id, None)


def withdraw_rejection(db: Database, quote_id: int, option: PassageOption) -> LinkChange:
    """Take back a rejected passage (undoing "Not this")."""
    services.withdraw_rejection(
        db, quote_id=quote_id, source_id=option.source_id, start=option.start, end=option.end
    )
    return _link_change(db, quote_id, None)


# --- exports and re-checks --------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRequest:
    """What to export and where: one article (``article_id``) or the library (None)."""

    fmt: str
    path: Path
    article_id: int | None = None
    statuses: tuple[Status, ...] = ()  # the library: only quotes with one of these
    since: str | None = None  # the library: imported on or after (YYYY-MM-DD)
    until: str | None = None

    @property
    def library(self) -> bool:
        return self.article_id is None


def export_organization() -> str | None:
    """Who publishes the ClaimReviews: 'organization' in settings (as the command line has it)."""
    from workbench.settings import load_settings

    value = load_settings().extra.get("organization")
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_export(db: Database, request: ExportRequest):
    """The records an export holds (database thread); ``render_export`` makes the file of it."""
    from workbench import export
    from workbench.export.model import read_export as read_articles

    organization = export_organization()
    if request.article_id is not None:
        return read_articles(db, [request.article_id], organization=organization)
    return export.library_export(
        db,
        statuses=request.statuses,
        since=request.since,
        until=request.until,
        organization=organization,
    )


def render_export(selection, fmt: str) -> bytes:
    """The file's bytes (work pool: a PDF of a long library takes a moment)."""
    from workbench import export

    return export.render(selection, fmt)


def check_export_target(path: Path, *, overwrite: bool) -> None:
    """Refuse a folder or an existing file before anything is rendered (TargetExists)."""
    from workbench import export

    export.check_target(path, overwrite=overwrite)


def write_export(path: Path, data: bytes, *, overwrite: bool) -> Path:
    from workbench import export

    return export.write_export(path, data, overwrite=overwrite)


def recheck_source(db: Database, source_id: int):
    """Read or fetch a primary source again and compare it with its snapshot; writes nothing."""
    return services.recheck_source(db, source_id=source_id)
