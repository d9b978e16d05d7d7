"""Primary sources as evidence: attach a snapshot, link a quote to a passage, propose, reject, re-check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.errors import UserError, WorkbenchError
from workbench.services.audit import AuditedWrite, audited_write
from workbench.services.review import get_quote
from workbench.sources.passage_review import ReviewInputs
from workbench.storage import audit, repo
from workbench.storage.db import Database
from workbench.storage.records import (
    LinkRecord,
    QuoteRecord,
    ReviewEventRecord,
    SourceDocumentRecord,
)
from workbench.vocabulary import utc_now

if TYPE_CHECKING:
    from collections.abc import Iterable

    from workbench.matching import Match, SourceIndex
    from workbench.sources.autolink import Proposal
    from workbench.sources.capture import EvidenceSnapshot
    from workbench.sources.recheck import RecheckReport


@dataclass(frozen=True)
class SourceAttachResult:
    """What `source add` did: stored a new snapshot, reused an identical one, or nothing new."""

    document: SourceDocumentRecord
    reused: bool  # the same bytes were already captured (for this or another article)
    already_attached: bool  # ... and already attached to this article: nothing was written

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.document.id,
            "sha256": self.document.sha256,
            "reused": self.reused,
            "already_attached": self.already_attached,
            **{
                key: value
                for key, value in self.document.to_dict().items()
                if key not in ("id", "sha256")
            },
        }


@dataclass(frozen=True)
class LinkOutcome:
    """What `link` did: the passage it linked (or why not) and how the quote compares with it."""

    match: Match
    link: LinkRecord | None  # None: nothing reached the threshold, nothing was attached
    created: bool  # False when the same passage was already linked

    @property
    def linked(self) -> bool:
        return self.link is not None


def attach_source_document(
    db: Database,
    *,
    article_id: int,
    origin: str,
    text: str,
    media_type: str = "text/plain",
    raw: bytes | None = None,
    title: str | None = None,
    reviewer: str | None = None,
) -> SourceDocumentRecord:
    """Keep a captured primary source with its article (its SHA-256 covers the original bytes)."""
    from workbench.sources.capture import EvidenceSnapshot

    snapshot = EvidenceSnapshot(
        origin=origin,
        kind="file",
        raw=raw if raw is not None else text.encode("utf-8"),
        text=text,
        media_type=media_type,
        captured_at=utc_now(),
        title=title,
    )
    return add_source(db, article_id=article_id, snapshot=snapshot, reviewer=reviewer).document


def add_source(
    db: Database,
    *,
    article_id: int,
    snapshot: EvidenceSnapshot,
    reviewer: str | None = None,
) -> SourceAttachResult:
    """Store an evidence snapshot for an article, or attach the one already holding its bytes.

    One transaction: the document (when new) with its page starts and its index for locating
    quotes, its attachment and the article's audit event are all written, or none of them.
    The index is built before the transaction (``snapshot.index_data``, when the caller has not
    built it already), so no writer waits while a long source is indexed.
    """
    if not snapshot.text.strip():
        raise UserError(f"{snapshot.origin} has no text to match quotes against.")
    digest = snapshot.sha256
    index_data = snapshot.index_data
    if index_data is None and not _indexed_already(db, sha256=digest):
        index_data = _index_bytes(snapshot.text)
    keep_later: int | None = None  # a reused snapshot kept without an index: keep it after
    with audited_write(db, reviewer=reviewer) as write:
        write.lock_article(article_id)
        session, who, at = write.session, write.reviewer, write.at
        row = repo.find_source_document(session, sha256=digest)
        reused = row is not None
        if row is not None:
            if repo.is_attached(session, article_id=article_id, document_id=row.id or 0):
                return SourceAttachResult(
                    repo.document_record(session, row), reused=True, already_attached=True
                )
            repo.attach_document(
                session, article_id=article_id, document_id=row.id or 0, reviewer=who, at=at
            )
            if (
                index_data is not None
                and repo.stored_index(session, document_id=row.id or 0) is None
            ):
                keep_later = row.id
        else:
            row = repo.add_source_document(
                session,
                article_id=article_id,
                origin=snapshot.origin,
                text=snapshot.text,
                media_type=snapshot.media_type,
                raw=snapshot.raw,
                title=snapshot.title,
                sha256=digest,
                reviewer=who,
                at=snapshot.captured_at or at,
                final_url=snapshot.final_url,
                http_status=snapshot.http_status,
                page_starts=snapshot.page_starts,
            )
            if index_data is not None:
                repo.keep_index(session, document_id=row.id or 0, data=index_data, at=at)
        # The origin of this capture: a reused snapshot may have come from elsewhere first.
        state: dict[str, Any] = {"source_id": row.id, "origin": snapshot.origin, "sha256": digest}
        state["document"] = audit.document_state_of(row)  # its bytes, text and details, vouched for
        if reused:
            state["reused"] = True
        write.record("source.attached", before=None, after=state)
        result = SourceAttachResult(
            repo.document_record(session, row), reused=reused, already_attached=False
        )
    if keep_later is not None and index_data is not None:
        _keep_index(db, source_id=keep_later, data=index_data)
    return result


# --- each primary source's index, kept beside its snapshot ------------------------------------


def _index_bytes(text: str) -> bytes:
    from workbench.matching import index_source, index_to_bytes

    return index_to_bytes(index_source(text))


def _indexed_already(db: Database, *, sha256: str) -> bool:
    """Whether a snapshot with these bytes is stored with its index (attaching it again needs
    no new one)."""
    with db.read() as session:
        row = repo.find_source_document(session, sha256=sha256)
        return row is not None and repo.stored_index(session, document_id=row.id or 0) is not None


def _keep_index(db: Database, *, source_id: int, data: bytes) -> None:
    """Keep a source's index in a small transaction of its own. It is derived data, so one that
    cannot be written now (a read-only database, a busy one) is simply built again next time."""
    if db.read_only:
        return
    try:
        with db.write() as session:
            repo.keep_index(session, document_id=source_id, data=data, at=utc_now())
    except WorkbenchError:
        pass


def source_index(db: Database, *, source_id: int, text: str | None = None) -> SourceIndex:
    """A stored primary source's index for locating quotes: the one in memory, else the one kept
    beside its snapshot, else (none kept yet, or one that does not fit the text: damaged, made
    by another version) built now and kept for next time. ``text``: the source's text, when the
    caller has read it already."""
    from workbench.matching import index_source, index_to_bytes
    from workbench.matching.index import cached_index

    if text is None:
        text = get_source_document(db, source_id=source_id).text
    ready = cached_index(text)
    if ready is not None:
        return ready
    with db.read() as session:
        data = repo.stored_index(session, document_id=source_id)
    loaded = _load_index(data, text)
    if loaded is not None:
        return loaded
    index = index_source(text)
    _keep_index(db, source_id=source_id, data=index_to_bytes(index))
    return index


def _load_index(data: bytes | None, text: str) -> SourceIndex | None:
    """The stored index for ``text``, or None when there is none or it cannot be used."""
    from workbench.matching import StoredIndexError, index_from_bytes

    if data is None:
        return None
    try:
        return index_from_bytes(data, text)
    except (StoredIndexError, ValueError, KeyError, TypeError, IndexError):
        # Bytes that pass the format's own checks and still do not read (a crafted or
        # half-written blob) are as unusable as damaged ones: build the index again.
        return None


def get_source_document(db: Database, *, source_id: int) -> SourceDocumentRecord:
    with db.read() as session:
        return repo.document_record(
            session, repo.get_source_document_row(session, source_id=source_id)
        )


def get_source_bytes(db: Database, *, source_id: int) -> bytes | None:
    """The original bytes of a snapshot, exactly as captured."""
    with db.read() as session:
        return repo.get_source_document_row(session, source_id=source_id).raw


def source_pages(db: Database, *, article_id: int) -> dict[int, tuple[int, ...]]:
    """Where each page begins in the article's paged primary sources (PDFs), by source id: what
    citing a linked passage's page needs, without reading the sources' text."""
    with db.read() as session:
        return repo.document_page_starts(session, article_id=article_id)


def list_source_documents(db: Database, *, article_id: int) -> list[SourceDocumentRecord]:
    """The primary sources attached to an article, in the order they were attached."""
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return [
            repo.document_record(session, row)
            for row in repo.list_source_document_rows(session, article_id=article_id)
        ]


def link_passage(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    score: float | None = None,
    verdict: str | None = None,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> LinkRecord:
    """Tie a quote to a passage of a primary source of the same article.

    Linking the passage a quote is already linked to changes nothing and returns that link.
    """
    return _link(
        db,
        quote_id=quote_id,
        source_id=source_id,
        start=start,
        end=end,
        score=score,
        verdict=verdict,
        reviewer=reviewer,
        base_version=base_version,
    )[0]


def _lock_passage(
    write: AuditedWrite,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    base_version: int | None = None,
    attempt: str = "your link",
):
    """Lock the quote's article and check the passage lies in a source attached to it."""
    quote = write.lock_quote(quote_id, base_version=base_version, attempt=attempt)
    document = repo.get_source_document_row(write.session, source_id=source_id)
    if not repo.is_attached(write.session, article_id=quote.article_id, document_id=source_id):
        raise UserError(
            f"Primary source {source_id} is not attached to quote {quote_id}'s article "
            f"{quote.article_id}; attach it there with "
            f"`workbench source add {quote.article_id} …` first."
        )
    if not (0 <= start < end <= len(document.text)):
        raise UserError(
            f"The passage {start}–{end} is not inside primary source {source_id} "
            f"(0–{len(document.text)})."
        )


def _link(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    score: float | None,
    verdict: str | None,
    reviewer: str | None,
    base_version: int | None = None,
) -> tuple[LinkRecord, bool]:
    with audited_write(db, reviewer=reviewer) as write:
        _lock_passage(
            write,
            quote_id=quote_id,
            source_id=source_id,
            start=start,
            end=end,
            base_version=base_version,
        )
        existing = repo.find_link(
            write.session, quote_id=quote_id, document_id=source_id, start=start, end=end
        )
        if existing is not None:
            return repo.link_record(existing), False
        link = repo.add_link(
            write.session,
            quote_id=quote_id,
            document_id=source_id,
            start=start,
            end=end,
            score=score,
            verdict=verdict,
            reviewer=write.reviewer,
            at=write.at,
        )
        write.record("link.added", before=None, after={"link": repo.link_state(link)})
        return repo.link_record(link), True


def unlink_passage(
    db: Database,
    *,
    link_id: int,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> LinkRecord:
    """Withdraw a link. The row stays (marked removed), as does its history."""
    with audited_write(db, reviewer=reviewer) as write:
        link = repo.get_link_row(write.session, link_id=link_id)
        if link is None or link.removed_at is not None:
            raise UserError(f"There is no link {link_id} to remove.")
        write.lock_quote(
            link.quote_id, base_version=base_version, attempt="your removal of the link"
        )
        write.session.refresh(link)
        if link.removed_at is not None:
            raise UserError(f"Link {link_id} was removed meanwhile.")
        write.record("link.removed", before={"link": repo.link_state(link)}, after=None)
        repo.remove_link(write.session, link=link, reviewer=write.reviewer, at=write.at)
        return repo.link_record(link)


def _speaker_name(quote: QuoteRecord) -> str | None:
    return quote.speaker.name if quote.speaker else None


def locate_stored_quote(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    threshold: float | None = None,
) -> Match:
    """Find a stored quote in a stored primary source, with the quote's speaker; writes nothing."""
    from workbench.matching import DEFAULT_THRESHOLD, locate_quote

    quote = get_quote(db, quote_id=quote_id)
    document = get_source_document(db, source_id=source_id)
    return locate_quote(
        source_index(db, source_id=source_id, text=document.text),
        quote.text,
        speaker=_speaker_name(quote),
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
    )


def link_quote(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int | None = None,
    end: int | None = None,
    threshold: float | None = None,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> LinkOutcome:
    """Link a quote to the best passage of a source, or to the passage start–end a reviewer chose.

    Without offsets, a best match below the threshold attaches nothing: the outcome says so and
    carries the closest candidates, so that the reviewer (not the program) decides. With offsets
    the reviewer has decided; the passage is scored and linked whatever its score.
    """
    from workbench.matching import DEFAULT_THRESHOLD, locate_quote
    from workbench.sources.passages import check_span, match_passage

    if (start is None) != (end is None):
        raise UserError("Give both --start and --end to link a passage of your choice.")
    quote = get_quote(db, quote_id=quote_id)
    _refuse_rejected_record(quote)
    document = get_source_document(db, source_id=source_id)
    if quote.article_id not in document.article_ids:
        raise UserError(
            f"Primary source {source_id} is not attached to quote {quote_id}'s article "
            f"{quote.article_id}; attach it with `workbench source add {quote.article_id} "
            f"{document.final_url or document.origin}` first."
        )
    index = source_index(db, source_id=source_id, text=document.text)
    speaker = _speaker_name(quote)
    if start is not None and end is not None:
        check_span(document.text, start, end, what=f"primary source {source_id}")
        match = match_passage(index, quote.text, start, end, speaker=speaker)
        span = (start, end)
    else:
        limit = DEFAULT_THRESHOLD if threshold is None else threshold
        match = locate_quote(index, quote.text, speaker=speaker, threshold=limit)
        if not match.found or match.start is None or match.end is None:
            return LinkOutcome(match=match, link=None, created=False)
        span = (match.start, match.end)
    link, created = _link(
        db,
        quote_id=quote_id,
        source_id=source_id,
        start=span[0],
        end=span[1],
        score=match.score,
        verdict=str(match.verdict),
        reviewer=reviewer,
        base_version=base_version,
    )
    return LinkOutcome(match=match, link=link, created=created)


def _refuse_rejected_record(quote: QuoteRecord) -> None:
    if quote.rejected:
        raise UserError(
            f"Quote {quote.id} was rejected as a false detection; restore it before linking it."
        )


def review_inputs(
    db: Database,
    *,
    article_id: int,
    quote_ids: Iterable[int] | None = None,
    threshold: float | None = None,
) -> ReviewInputs:
    """What comparing an article's quotes (or only ``quote_ids``) with its primary sources
    needs, read in one transaction; ``sources.passage_review`` does the comparing.

    Scare quotes (a term, a title) are nobody's words, so there is nothing to look for. The
    passages a reviewer rejected for a quote, and did not take back, come along to be skipped.
    """
    from workbench.matching import DEFAULT_THRESHOLD

    with db.read() as session:
        quotes = [q for q in repo.list_quotes(session, article_id=article_id) if q.kind != "scare"]
        documents = [
            repo.source_document_record(row)
            for row in repo.list_source_document_rows(session, article_id=article_id)
        ]
        rejected = rejected_passages(repo.list_events(session, article_id=article_id))
    if quote_ids is not None:
        wanted = set(quote_ids)
        quotes = [q for q in quotes if q.id in wanted]
    return ReviewInputs(
        article_id=article_id,
        quotes=tuple(quotes),
        documents=tuple((document.id, document.text) for document in documents),
        rejected=frozenset(rejected),
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        # Each source's kept index, loaded (or built once and kept): the comparison, wherever
        # it runs, then never indexes a stored source again.
        indexes={d.id: source_index(db, source_id=d.id, text=d.text) for d in documents},
        pages={d.id: d.page_starts for d in documents if d.page_starts},
    )


def propose_links(
    db: Database, *, article_id: int, threshold: float | None = None
) -> list[Proposal]:
    """Auto-link: for every quote of an article, the best passage among all its sources.

    Writes nothing. The proposals are those of the window's primary-source panel (one
    comparison, ``review_quote``): passages a reviewer rejected for a quote are not proposed
    again, and a runner-up takes their place when one reaches the threshold.
    """
    from workbench.sources.passage_review import review_quotes

    reviews = review_quotes(review_inputs(db, article_id=article_id, threshold=threshold))
    return [review.proposal for review in reviews.values() if review.proposal is not None]


REJECTION_WITHDRAWN = "link.rejection_withdrawn"


def rejected_passages(events: list[ReviewEventRecord]) -> set[tuple[int, int, int, int]]:
    """(quote, source, start, end) a reviewer rejected and did not take back, in event order."""
    rejected: set[tuple[int, int, int, int]] = set()
    for event in sorted(events, key=lambda e: e.seq):
        if event.quote_id is None or event.action not in ("link.rejected", REJECTION_WITHDRAWN):
            continue
        state = event.to_state or {}
        passage = state.get("proposal") or state.get("withdrawn") or {}
        key = (event.quote_id, passage.get("source_id"), passage.get("start"), passage.get("end"))
        if None in key:
            continue
        if event.action == REJECTION_WITHDRAWN:
            rejected.discard(key)  # type: ignore[arg-type]
        else:
            rejected.add(key)  # type: ignore[arg-type]
    return rejected


def accept_passage(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> LinkOutcome:
    """Accept a proposed passage (or a runner-up the reviewer picked): a link and its event."""
    return link_quote(
        db,
        quote_id=quote_id,
        source_id=source_id,
        start=start,
        end=end,
        reviewer=reviewer,
        base_version=base_version,
    )


def accept_exact_proposals(
    db: Database, *, proposals: list[Proposal], reviewer: str | None = None
) -> list[LinkRecord]:
    """Link every proposal whose verdict is exact and that is not linked yet.

    An exact quote said by someone other than the article's speaker is left for the reviewer:
    the words are right but the attribution is not, and linking it quietly would bury that.
    """
    made = []
    for proposal in proposals:
        match = proposal.match
        if (
            proposal.found
            and not proposal.linked
            and str(match.verdict) == "exact"
            and not match.speaker_mismatch
        ):
            assert proposal.source_id is not None
            assert proposal.match.start is not None and proposal.match.end is not None
            link, created = _link(
                db,
                quote_id=proposal.quote_id,
                source_id=proposal.source_id,
                start=proposal.match.start,
                end=proposal.match.end,
                score=proposal.match.score,
                verdict=str(proposal.match.verdict),
                reviewer=reviewer,
            )
            if created:
                made.append(link)
    return made


def reject_passage(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    score: float | None = None,
    verdict: str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> ReviewEventRecord:
    """The reviewer says this passage is not where the quote comes from; auto-link skips it."""
    with audited_write(db, reviewer=reviewer) as write:
        _lock_passage(
            write,
            quote_id=quote_id,
            source_id=source_id,
            start=start,
            end=end,
            base_version=base_version,
            attempt="your rejection of the passage",
        )
        # Under one key that is no quote field, so the audit replay leaves the quote as is.
        proposal = {
            "source_id": source_id,
            "start": start,
            "end": end,
            "score": None if score is None else round(score, 1),
            "verdict": verdict,
        }
        return write.record("link.rejected", before=None, after={"proposal": proposal}, note=note)


def withdraw_rejection(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> ReviewEventRecord:
    """Take back a rejected passage (undo in the window): auto-link may propose it again.

    The rejection stays on record; this is an event of its own, in the article's chain.
    """
    with audited_write(db, reviewer=reviewer) as write:
        write.lock_quote(
            quote_id, base_version=base_version, attempt="taking back the rejected passage"
        )
        # Under a key that is no quote field, so the audit replay leaves the quote as is.
        withdrawn = {"source_id": source_id, "start": start, "end": end}
        return write.record(REJECTION_WITHDRAWN, before=None, after={"withdrawn": withdrawn})


def recheck_source(db: Database, *, source_id: int, timeout: float | None = None) -> RecheckReport:
    """Read or fetch a source again; report what changed and whether its links still match.

    Writes nothing: the snapshot stays the evidence of what the source said when captured.
    A source that cannot be read again (gone, 404, unreachable) is a finding, reported as
    ``unavailable`` with the reason; pasted text has nowhere to be read from (UserError).
    """
    from workbench.sources.capture import DEFAULT_TIMEOUT, PASTED, is_web_address
    from workbench.sources.recheck import LinkedQuote, capture_again, compare

    with db.read() as session:
        row = repo.get_source_document_row(session, source_id=source_id)
        origin, captured_sha, captured_text = row.origin, row.sha256, row.text
        links = repo.document_links(session, document_id=source_id)
        quotes = {link.quote_id: repo.get_quote(session, quote_id=link.quote_id) for link in links}
        linked = [
            LinkedQuote(
                link.id or 0,
                link.quote_id,
                quotes[link.quote_id].text,
                _speaker_name(quotes[link.quote_id]),
                link.start,
                link.end,
                link.score,
                link.verdict,
            )
            for link in links
        ]
    kind = "paste" if origin == PASTED else "url" if is_web_address(origin) else "file"
    if kind == "paste":
        raise UserError(
            f"Primary source {source_id} was pasted text, so there is nowhere to read it "
            f"again; its snapshot is all there is."
        )
    current, problem = None, None
    try:
        current = capture_again(origin, kind, timeout=timeout or DEFAULT_TIMEOUT)
    except UserError as error:
        problem = str(error)
    if current is not None and current.text == captured_text:
        source_index(db, source_id=source_id, text=captured_text)  # the kept one, not a build
    return compare(
        source_id=source_id,
        origin=origin,
        captured_sha256=captured_sha,
        captured_text=captured_text,
        current=current,
        problem=problem,
        links=linked,
        checked_at=utc_now(),
    )
