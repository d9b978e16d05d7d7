"""What an export holds: one snapshot of an article's review, read once and shared by formats.

Every format renders the same ``ArticleReport``, so the CSV, the JSON, the reports and the
ClaimReview of one export never disagree, and no URL in any of them carries a user name or
password. The passage of each link is cut from the stored primary source and its differences
from the quote are marked; links store no diff, so it is recomputed with ``locate_quote`` on
the linked passage alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from workbench import services
from workbench.domain import Status
from workbench.errors import EnvironmentFault, UserError
from workbench.storage.db import Database
from workbench.storage.records import (
    ArticleRecord,
    LinkRecord,
    QuoteRecord,
    ReviewEventRecord,
    SourceDocumentRecord,
    SourceRecord,
)
from workbench.vocabulary import OPEN_STATUSES, utc_now

# Segment kinds of a marked passage.
CONTEXT = "context"  # passage text outside the part that lines up with the quote
SAME = "same"  # words the quote and the source share
SOURCE_ONLY = "source_only"  # in the source, not in the quote (struck through)
QUOTE_ONLY = "quote_only"  # in the quote, not in the source (underlined)


@dataclass(frozen=True)
class Segment:
    kind: str
    text: str


@dataclass(frozen=True)
class LinkView:
    """A quote's link to a passage of a primary source, with the differences marked."""

    link: LinkRecord
    document: SourceDocumentRecord | None
    passage: str
    segments: tuple[Segment, ...]
    remark: str | None = None  # why no differences are marked, when they are not

    @property
    def source_url(self) -> str:
        """Where the primary source was captured: the address it ended at, else as given."""
        if self.document is None:
            return ""
        return self.document.final_url or self.document.origin

    @property
    def page(self) -> int | None:
        """The passage's page in a paged primary source (a PDF), else None."""
        return None if self.document is None else self.document.page_of(self.link.start)

    @property
    def page_label(self) -> str | None:
        """How a citation names the passage's page: "p. 6" (None for an unpaged source)."""
        return None if self.page is None else f"p. {self.page}"


@dataclass(frozen=True)
class QuoteView:
    quote: QuoteRecord
    speaker_type: str | None  # person, organization, publication or anonymous (article source)
    links: tuple[LinkView, ...]
    history: tuple[ReviewEventRecord, ...]
    page: int | None = None  # the quote's page in a paged article (a PDF), else None

    @property
    def reviewed(self) -> bool:
        return self.quote.status not in OPEN_STATUSES


@dataclass(frozen=True)
class ArticleReport:
    article: ArticleRecord
    quotes: tuple[QuoteView, ...]  # not rejected; only the asked-for statuses when filtered
    rejected: tuple[QuoteRecord, ...]  # false detections (kept, never reviewed)
    sources: tuple[SourceRecord, ...]
    documents: tuple[SourceDocumentRecord, ...]
    events: tuple[ReviewEventRecord, ...]
    audit: dict[str, Any]  # services.audit_record: what `audit verify --file` checks
    status_counts: dict[Status, int]  # over every quote that is not rejected, filtered or not
    quote_total: int

    @property
    def reviewed_total(self) -> int:
        return self.quote_total - sum(self.status_counts.get(s, 0) for s in OPEN_STATUSES)

    @property
    def article_events(self) -> tuple[ReviewEventRecord, ...]:
        return tuple(e for e in self.events if e.quote_id is None)


@dataclass(frozen=True)
class ExportFilters:
    statuses: frozenset[Status] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None

    def describe(self) -> str:
        parts = []
        if self.statuses:
            parts.append("status " + " or ".join(sorted(str(s) for s in self.statuses)))
        if self.since:
            parts.append(f"imported on or after {self.since.isoformat()}")
        if self.until:
            parts.append(f"imported on or before {self.until.isoformat()}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": sorted(str(s) for s in self.statuses) or None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }

    def admits_date(self, stamp: str) -> bool:
        day = dt.date.fromisoformat(stamp[:10])
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class ExportSet:
    """What one export file holds: one article, or the library (``whole_library``)."""

    articles: tuple[ArticleReport, ...]
    exported_at: str
    whole_library: bool = False
    filters: ExportFilters = field(default_factory=ExportFilters)
    organization: str | None = None  # the newsroom, author of the ClaimReviews when known
    # The chain heads after reading (services.audit_anchor): kept outside the database by
    # whoever holds the export, `audit verify --anchor` later proves the record extends them.
    anchor: dict[str, Any] | None = None


# --- reading ------------------------------------------------------------------------------


def parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise UserError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD.") from None


def read_article(
    db: Database, *, article_id: int, statuses: Iterable[Status] = ()
) -> ArticleReport:
    """One consistent snapshot of an article's review (retried if a review lands meanwhile)."""
    # Each service call reads in its own transaction; every change writes an audit event, so
    # an unchanged chain head before and after proves the pieces belong together.
    for _attempt in range(5):
        report = _read_once(db, article_id=article_id, statuses=frozenset(statuses))
        head = report.audit["article"]["chain_head"]
        if head == report.article.chain_head == services.get_article(
            db, article_id=article_id
        ).chain_head and (not report.events or report.events[-1].hash == head):
            return report
    raise EnvironmentFault(
        f"Article {article_id} kept changing while it was being exported; try again when the "
        f"review is quieter."
    )


# A user name and password in a URL ("https://ana:secret@intranet/…"): never exported.
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s]*@")
_URL_KEYS = frozenset({"origin", "final_url", "url", "source_url", "source_origin"})
_NO_URLS = frozenset({"quotes", "text"})  # a quote's state holds no URL: no need to look


def without_credentials(url: str | None) -> str | None:
    """The URL without a user name or password; anything else unchanged."""
    return _USERINFO.sub(r"\1", url, count=1) if url else url


def _redacted(record: dict[str, Any]) -> dict[str, Any]:
    """The audit record with credentials taken out of its URLs. Records made since fetching
    forgets credentials have none; an event from before that keeps its words but cannot be
    re-hashed from the file, and the record lists it under "redacted_events" to say so."""
    redacted: set[int] = set()

    def clean(value: Any, seq: int | None) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key in _URL_KEYS and isinstance(item, str):
                    out[key] = without_credentials(item)
                    if out[key] != item and seq is not None:
                        redacted.add(seq)
                elif key in _NO_URLS:
                    out[key] = item
                else:
                    out[key] = clean(item, seq)
            return out
        if isinstance(value, list):
            return [clean(item, seq) for item in value]
        return value

    if not _has_credentials(record):
        return record  # the usual case: nothing to copy
    events = [
        {**event, "from": clean(event.get("from"), event["seq"]),
         "to": clean(event.get("to"), event["seq"])}
        for event in record.get("events", [])
    ]  # fmt: skip
    cleaned = {key: clean(value, None) for key, value in record.items() if key != "events"}
    cleaned["events"] = events
    if redacted:
        cleaned["redacted_events"] = sorted(redacted)
    return cleaned


def _has_credentials(value: Any) -> bool:
    if isinstance(value, dict):
        return any(
            (key in _URL_KEYS and isinstance(item, str) and _USERINFO.match(item))
            or (key not in _NO_URLS and isinstance(item, dict | list) and _has_credentials(item))
            for key, item in value.items()
        )
    if isinstance(value, list):
        return any(isinstance(item, dict | list) and _has_credentials(item) for item in value)
    return False


def _read_once(db: Database, *, article_id: int, statuses: frozenset[Status]) -> ArticleReport:
    article = services.get_article(db, article_id=article_id)
    every_quote = services.list_quotes(db, article_id=article_id, include_rejected=True)
    sources = services.list_sources(db, article_id=article_id)
    audit = _redacted(services.audit_record(db, article_id=article_id))
    # The report's history is the audit record's events (read once, credentials left out).
    events = [
        ReviewEventRecord(
            id=e["id"], article_id=article_id, seq=e["seq"], quote_id=e["quote_id"],
            action=e["action"], from_state=e["from"], to_state=e["to"], note=e["note"],
            reviewer=e["reviewer"], at=e["at"], prev_hash=e["prev_hash"], hash=e["hash"],
        )
        for e in audit["events"]
    ]  # fmt: skip
    documents = [
        replace(d, origin=without_credentials(d.origin), final_url=without_credentials(d.final_url))
        for d in services.list_source_documents(db, article_id=article_id)
    ]
    article = replace(
        article,
        origin=without_credentials(article.origin),
        final_url=without_credentials(article.final_url),
    )

    by_document = {d.id: d for d in documents}
    type_of = {s.name.casefold(): s.type for s in sources}
    history: dict[int, list[ReviewEventRecord]] = {}
    for event in events:
        if event.quote_id is not None:
            history.setdefault(event.quote_id, []).append(event)
    kept = [q for q in every_quote if not q.rejected]
    counts: dict[Status, int] = {}
    for quote in kept:
        counts[quote.status] = counts.get(quote.status, 0) + 1
    views = tuple(
        QuoteView(
            quote=q,
            speaker_type=type_of.get(q.speaker.name.casefold()) if q.speaker else None,
            links=tuple(
                link_view(link, q.text, by_document.get(link.source_id)) for link in q.links
            ),
            history=tuple(history.get(q.id, ())),
            page=article.page_of(q.start),
        )
        for q in kept
        if not statuses or q.status in statuses
    )
    return ArticleReport(
        article=article,
        quotes=views,
        rejected=tuple(q for q in every_quote if q.rejected),
        sources=tuple(sources),
        documents=tuple(documents),
        events=tuple(events),
        audit=audit,
        status_counts=counts,
        quote_total=len(kept),
    )


def read_export(
    db: Database,
    article_ids: Sequence[int],
    *,
    whole_library: bool = False,
    filters: ExportFilters | None = None,
    organization: str | None = None,
) -> ExportSet:
    filters = filters or ExportFilters()
    reports = []
    for article_id in article_ids:
        report = read_article(db, article_id=article_id, statuses=filters.statuses)
        if whole_library and filters.statuses and not report.quotes:
            continue  # no quote with the asked-for status: the article is not part of it
        reports.append(report)
    return ExportSet(
        articles=tuple(reports),
        exported_at=utc_now(),
        whole_library=whole_library,
        filters=filters,
        organization=organization,
        anchor=services.audit_anchor(db, article_ids=[r.article.id for r in reports]),
    )


def library_article_ids(db: Database, filters: ExportFilters) -> list[int]:
    return [
        summary.id
        for summary in services.list_articles(db)
        if filters.admits_date(summary.imported_at)
    ]


# --- the passage and its differences ------------------------------------------------------


def link_view(link: LinkRecord, quote: str, document: SourceDocumentRecord | None) -> LinkView:
    if document is None:
        return LinkView(link, None, "", (), "the primary source is no longer in the database")
    passage = document.text[link.start : link.end]
    segments, remark = mark_differences(passage, quote)
    return LinkView(link, document, passage, segments, remark)


def mark_differences(passage: str, quote: str) -> tuple[tuple[Segment, ...], str | None]:
    """The passage cut into segments: shared words, words only in the source or the quote."""
    from workbench.matching import locate_quote

    if not passage.strip():
        return (), "the linked passage is empty"
    try:
        # Threshold 0: the reviewer chose this passage; show how it differs, however much.
        match = locate_quote(passage, quote, threshold=0)
    except UserError:
        return (Segment(CONTEXT, passage),), "the quote has no words to compare"
    if not match.found or match.start is None or match.end is None:
        return (Segment(CONTEXT, passage),), "no words of the quote occur in the passage"
    segments: list[Segment] = []
    if match.start:
        segments.append(Segment(CONTEXT, passage[: match.start]))
    cursor = match.start
    for op in match.diff:
        # Ops carry the source's own words; find them in order to keep its exact spacing.
        if op.op in ("equal", "replace", "delete") and op.source:
            found = passage.find(op.source, cursor, match.end)
            if found < 0:
                found = cursor
            if found > cursor:
                segments.append(Segment(SAME, passage[cursor:found]))
            kind = SAME if op.op == "equal" else SOURCE_ONLY
            segments.append(Segment(kind, op.source))
            cursor = found + len(op.source)
            if op.op == "replace":
                segments += [Segment(SAME, " "), Segment(QUOTE_ONLY, op.quote)]
        elif op.op == "insert" and op.quote:
            if segments and segments[-1].kind != CONTEXT and not segments[-1].text.endswith(" "):
                segments.append(Segment(SAME, " "))
            segments.append(Segment(QUOTE_ONLY, op.quote))
            if passage[cursor : cursor + 1] not in (" ", ""):
                segments.append(Segment(SAME, " "))
    if cursor < match.end:
        segments.append(Segment(SAME, passage[cursor : match.end]))
    if match.end < len(passage):
        segments.append(Segment(CONTEXT, passage[match.end :]))
    return tuple(_merge(segments)), None


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged
