"""The tamper-evident audit trail: a hash chain per article, one for the library, and their check.

Each event's hash is SHA-256 over the canonical JSON of its content (sorted keys, no spaces,
UTF-8) including the previous event's hash; the article row keeps the chain head (last hash
and event count), so deleting the last events shows too. ``verify_article`` recomputes a chain
and replays its events to check that everything a report or the window shows is what the
events say it should be: the article's fields and text, every field of every quote with its
links, the primary sources (their bytes, text and details) and the article's sources.

Every article event is also entered in the **library chain** (``verify_library``), with the
article's new chain head: an article deleted with all its events, or an article chain rolled
back and rewound consistently, no longer matches what the library recorded. An **anchor**
(``anchor_problems``) is a copy of the chain heads kept outside the database; a database that
was rewritten and re-hashed after the anchor was taken no longer extends it.

Event actions and their ``from``/``to`` states (dicts of fields):

- ``article.imported``: to = {content_sha256, the article's fields (ARTICLE_FIELDS),
  quotes: [full state of each quote], sources: [each source]}
- ``quote.added``: to = full state; ``quote.status``: status (and note when one was given);
  ``quote.note``; ``quote.corrected``: the fields changed (start/end/text, kind, speaker);
  ``quote.rejected`` / ``quote.restored``: rejected. These (STAMPING_ACTIONS) leave the quote
  changed by the event's reviewer at the event's time; a change that credits a new source
  carries ``sources_added``.
- ``link.added`` / ``link.removed``: {link: {id, source_id, start, end, score, verdict,
  accepted_by, accepted_at}}
- ``source.attached``: {source_id, origin, sha256, document: the snapshot's state};
  ``source.person``: {source_id, person}
- ``audit.sealed``: the whole state at once (written by the upgrade to schema 0006 for records
  made before the chains covered every field): it must agree with the events before it on
  everything they covered, and vouches for the rest from then on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
EVENT_FORMAT = 1
SEALED = "audit.sealed"

# Everything about a quote that a report or the window shows, and so the chain vouches for.
QUOTE_FIELDS = (
    "number", "start", "end", "text", "kind", "part_of", "speaker", "source_id", "cue",
    "confidence", "origin", "status", "note", "rejected", "changed_by", "changed_at", "version",
)  # fmt: skip
# What chains vouched for before schema 0006; exports made then carry only these.
FIRST_QUOTE_FIELDS = ("start", "end", "text", "kind", "speaker", "status", "note", "rejected")
# page_starts and notes (schema 0008) are lists, None when there are none: what chains written
# before them say (they do not name them), and what a row stored before them holds (NULL).
ARTICLE_FIELDS = (
    "title", "author", "published", "outlet", "origin", "final_url", "media_type",
    "page_starts", "notes",
)  # fmt: skip
DOCUMENT_FIELDS = (
    "origin", "title", "media_type", "sha256", "raw_sha256", "text_sha256", "final_url",
    "http_status", "captured_at", "captured_by", "page_starts",
)  # fmt: skip
LIST_FIELDS = frozenset({"page_starts", "notes"})  # kept as JSON text in their columns
SOURCE_FIELDS = ("name", "type", "anonymous", "mentions", "claim_count", "person")
# The actions that stamp a quote with who changed it and when: the event's reviewer and time
# (``AuditedWrite.record(touch=True)``), so the replay sets changed_by/changed_at from them.
STAMPING_ACTIONS = frozenset(
    {"quote.status", "quote.note", "quote.corrected", "quote.rejected", "quote.restored"}
)
# Keys of a quote event's state that are not the quote's own fields.
_SIDE_KEYS = ("sources_added",)


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def event_hash(
    *,
    article_id: int,
    seq: int,
    quote_id: int | None,
    action: str,
    from_state: Mapping[str, Any] | None,
    to_state: Mapping[str, Any] | None,
    note: str | None,
    reviewer: str,
    at: str,
    prev_hash: str,
) -> str:
    content = {
        "format": EVENT_FORMAT,
        "article_id": article_id,
        "seq": seq,
        "quote_id": quote_id,
        "action": action,
        "from": from_state,
        "to": to_state,
        "note": note,
        "reviewer": reviewer,
        "at": at,
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bytes_sha256(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def list_value(value: Any) -> list[Any] | None:
    """A list field as the chain records it: the list, or None when empty or absent (a JSON
    column's text is read first)."""
    if isinstance(value, str):
        value = json.loads(value)
    return list(value) if value else None


def list_column(values: Sequence[Any]) -> str | None:
    """A list field as its column keeps it: canonical JSON, NULL when empty."""
    return canonical_json(list(values)) if values else None


# --- the state of rows, as the chain records it -----------------------------------------------
# Each takes a row with attributes named like the table's columns: an ORM row or a plain
# SQL row alike, so the schema upgrade (which must not use today's ORM models) shares them.


def quote_state_of(row: Any) -> dict[str, Any]:
    speaker = None
    if row.speaker_name is not None:
        speaker = {
            "name": row.speaker_name,
            "start": row.speaker_start if row.speaker_start is not None else -1,
            "end": row.speaker_end if row.speaker_end is not None else -1,
            "anonymous": bool(row.speaker_anonymous),
            "role": row.speaker_role,
        }
    cue = None
    if row.cue_text is not None and row.cue_start is not None and row.cue_end is not None:
        cue = {"text": row.cue_text, "start": row.cue_start, "end": row.cue_end}
    return {
        "number": row.number,
        "start": row.start,
        "end": row.end,
        "text": row.text,
        "kind": row.kind,
        "part_of": row.part_of_id,
        "speaker": speaker,
        "source_id": row.source_id,
        "cue": cue,
        "confidence": None if row.confidence is None else float(row.confidence),
        "origin": row.origin,
        "status": row.status,
        "note": row.note,
        "rejected": bool(row.rejected),
        "changed_by": row.changed_by,
        "changed_at": row.changed_at,
        "version": row.version,
    }


def link_state_of(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "source_id": row.document_id,
        "start": row.start,
        "end": row.end,
        "score": None if row.score is None else float(row.score),
        "verdict": row.verdict,
        "accepted_by": row.accepted_by,
        "accepted_at": row.accepted_at,
    }


def document_state_of(row: Any) -> dict[str, Any]:
    """A primary source's snapshot: its details, and the SHA-256 of its bytes and of its text
    as stored now (the ``sha256`` column says what they were at capture)."""
    return {
        "id": row.id,
        "origin": row.origin,
        "title": row.title,
        "media_type": row.media_type,
        "sha256": row.sha256,
        "raw_sha256": bytes_sha256(row.raw),
        "text_sha256": text_sha256(row.text),
        "final_url": row.final_url,
        "http_status": row.http_status,
        "captured_at": row.captured_at,
        "captured_by": row.captured_by,
        "page_starts": list_value(getattr(row, "page_starts", None)),
    }


def source_state_of(row: Any, person: str | None) -> dict[str, Any]:
    mentions = row.mentions
    if isinstance(mentions, str):
        mentions = json.loads(mentions)
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "anonymous": bool(row.anonymous),
        "mentions": [list(m) for m in mentions],
        "claim_count": row.claim_count,
        "person": person,
    }


def article_fields_of(row: Any) -> dict[str, Any]:
    fields = {key: getattr(row, key, None) for key in ARTICLE_FIELDS}
    for key in LIST_FIELDS:
        fields[key] = list_value(fields[key])
    return fields


def sealed_state(
    *,
    content_sha256: str,
    fields: Mapping[str, Any],
    quotes: Mapping[int, Mapping[str, Any]],
    documents: Mapping[int, Mapping[str, Any]],
    sources: Mapping[int, Mapping[str, Any]],
) -> dict[str, Any]:
    """The ``to`` state of an ``audit.sealed`` event: an article's whole state at once
    (``quotes``: id → state with its "links" list; documents and sources: id → state)."""
    return {
        "content_sha256": content_sha256,
        **{key: fields.get(key) for key in ARTICLE_FIELDS},
        "quotes": [{"quote_id": quote_id, **state} for quote_id, state in sorted(quotes.items())],
        "documents": [{**state, "id": i} for i, state in documents.items()],
        "sources": [{**state, "id": i} for i, state in sorted(sources.items())],
    }


# --- verification on plain data (so an exported article can be checked alone) ---------------


@dataclass(frozen=True)
class ChainEvent:
    id: int | None
    seq: int
    quote_id: int | None
    action: str
    from_state: dict[str, Any] | None
    to_state: dict[str, Any] | None
    note: str | None
    reviewer: str
    at: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ArticleState:
    """What the database says now about an article, to compare with the replay of its events.

    ``fields``, ``documents`` and ``sources`` are empty/None for an export made before the
    chains covered them (``workbench-audit/1``): there is nothing in it to compare.
    """

    article_id: int
    content_sha256: str
    text_sha256: str  # recomputed from the stored text
    chain_head: str
    event_count: int
    quotes: Mapping[int, Mapping[str, Any]]  # quote id → {field: value} incl. "links"
    fields: Mapping[str, Any] = field(default_factory=dict)  # ARTICLE_FIELDS
    imported_at: str | None = None
    imported_by: str | None = None
    documents: Mapping[int, Mapping[str, Any]] | None = None  # attached primary sources
    sources: Mapping[int, Mapping[str, Any]] | None = None


@dataclass(frozen=True)
class Problem:
    article_id: int | None  # None: the library chain itself
    message: str
    event_seq: int | None = None
    event_id: int | None = None
    quote_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "event_seq": self.event_seq,
            "event_id": self.event_id,
            "quote_id": self.quote_id,
            "message": self.message,
        }


@dataclass
class AuditReport:
    articles: int = 0
    events: int = 0
    library_events: int = 0
    problems: list[Problem] = field(default_factory=list)
    anchored: bool = False  # checked against an anchor kept outside the database

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "articles": self.articles,
            "events": self.events,
            "library_events": self.library_events,
            "anchored": self.anchored,
            "problems": [p.to_dict() for p in self.problems],
        }


def _event_label(article_id: int, event: ChainEvent) -> str:
    ident = f" (id {event.id})" if event.id is not None else ""
    return f"article {article_id}, event {event.seq}{ident}, {event.action}"


def verify_article(state: ArticleState, events: Iterable[ChainEvent]) -> Problem | None:
    """The first thing wrong with an article's record, or None when chain and state agree."""
    aid = state.article_id
    chain = sorted(events, key=lambda e: e.seq)
    prev = GENESIS
    for expected_seq, event in enumerate(chain, start=1):
        if event.seq != expected_seq:
            return Problem(
                aid,
                f"article {aid}: event {expected_seq} is missing from the chain "
                f"(the next one is event {event.seq}).",
                event_seq=expected_seq,
            )
        if event.prev_hash != prev:
            return Problem(
                aid,
                f"{_event_label(aid, event)}: it does not follow the event before it "
                f"(its previous hash differs): the chain was cut or reordered.",
                event_seq=event.seq,
                event_id=event.id,
                quote_id=event.quote_id,
            )
        recomputed = event_hash(
            article_id=aid,
            seq=event.seq,
            quote_id=event.quote_id,
            action=event.action,
            from_state=event.from_state,
            to_state=event.to_state,
            note=event.note,
            reviewer=event.reviewer,
            at=event.at,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            return Problem(
                aid,
                f"{_event_label(aid, event)}: its content does not match its hash: it was "
                f"edited after it was written.",
                event_seq=event.seq,
                event_id=event.id,
                quote_id=event.quote_id,
            )
        prev = event.hash
    if len(chain) != state.event_count or prev != state.chain_head:
        return Problem(
            aid,
            f"article {aid}: the article records {state.event_count} events ending in "
            f"{state.chain_head[:12]}…, but its chain has {len(chain)} ending in {prev[:12]}…: "
            f"events were deleted or added behind the workbench's back.",
            event_seq=len(chain) or None,
        )
    replay = _Replay(aid)
    return replay.run(chain) or _compare(state, replay)


class _Broken(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


@dataclass
class _Replay:
    """The state an article's events leave, event by event."""

    article_id: int
    content_sha: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    imported: tuple[str, str] | None = None  # (at, reviewer) of the import event
    quotes: dict[int, dict[str, Any]] = field(default_factory=dict)  # links keyed by link id
    documents: dict[int, dict[str, Any]] = field(default_factory=dict)
    sources: dict[int, dict[str, Any]] | None = None  # None: no event vouched for any
    event: Any = None  # the event being applied

    def run(self, chain: list[ChainEvent]) -> Problem | None:
        try:
            for event in chain:
                self.event = event
                self._apply(event)
        except _Broken as broken:
            return broken.problem
        return None

    def broken(self, message: str) -> _Broken:
        event = self.event
        return _Broken(
            Problem(
                self.article_id,
                f"{_event_label(self.article_id, event)}: {message}",
                event_seq=event.seq,
                event_id=event.id,
                quote_id=event.quote_id,
            )
        )

    def _apply(self, event: ChainEvent) -> None:
        to = dict(event.to_state or {})
        before = event.from_state or {}
        if event.action == "article.imported":
            self.content_sha = to.get("content_sha256")
            self.fields = {key: to[key] for key in ARTICLE_FIELDS if key in to}
            self.imported = (event.at, event.reviewer)
            for entry in to.get("quotes", []):
                entry = dict(entry)
                quote_id = entry.pop("quote_id")
                self.quotes[quote_id] = {**entry, "links": {}}
            if "sources" in to:
                self.sources = {s["id"]: dict(s) for s in to["sources"]}
            return
        if event.action == SEALED:
            self._seal(to)
            return
        if event.action == "source.attached":
            digest = to.get("sha256")
            document = to.get("document") or {"sha256": digest, "raw_sha256": digest}
            self.documents[to.get("source_id")] = {k: v for k, v in document.items() if k != "id"}
            return
        if event.action == "source.person":
            if self.sources is not None:
                source = self.sources.get(to.get("source_id"))
                if source is None:
                    raise self.broken(
                        f"it names source {to.get('source_id')}, which no event made."
                    )
                if source.get("person") != before.get("person"):
                    raise self.broken(
                        f"it says source {to.get('source_id')}'s person was "
                        f"{before.get('person')!r}, but the events before it leave "
                        f"{source.get('person')!r}."
                    )
                source["person"] = to.get("person")
            return
        if event.quote_id is None:
            self._check_before(self.fields, before, "the article")
            self.fields.update({k: v for k, v in to.items() if k in ARTICLE_FIELDS})
            return
        added = to.pop("sources_added", None)
        if added and self.sources is not None:
            for source in added:
                self.sources[source["id"]] = dict(source)
        if event.action == "quote.added":
            self.quotes[event.quote_id] = {**to, "links": {}}
            return
        current = self.quotes.get(event.quote_id)
        if current is None:
            raise self.broken(f"quote {event.quote_id} changes before it was imported or added.")
        if "version" in current:  # every event about a quote moves its version on by one
            current["version"] += 1
        if event.action in ("link.added", "link.removed"):
            link = (to if event.action == "link.added" else before).get("link", {})
            link_id = link.get("id")
            if event.action == "link.added":
                current["links"][link_id] = link
            elif current["links"].pop(link_id, None) is None:
                raise self.broken(f"it removes link {link_id}, which was not there.")
            return
        self._check_before(current, before, f"quote {event.quote_id}")
        current.update(to)
        if event.action in STAMPING_ACTIONS:
            current["changed_by"], current["changed_at"] = event.reviewer, event.at

    def _check_before(self, current: Mapping[str, Any], before: Mapping[str, Any], what: str):
        for key, value in before.items():
            if current.get(key) != value:
                raise self.broken(
                    f"it says {what}'s {key} was {value!r}, but the events before it leave "
                    f"{current.get(key)!r}."
                )

    def _seal(self, to: Mapping[str, Any]) -> None:
        """A seal takes over the whole state, once it agrees with everything the events before
        it vouched for (so sealing cannot launder an earlier change)."""
        sealed = _Replay(self.article_id)
        sealed.adopt(to)
        article = {**self.fields, "content hash": self.content_sha}
        if self.content_sha is None:
            del article["content hash"]
        checks = [
            ("the article", {0: {**sealed.fields, "content hash": sealed.content_sha}},
             {0: article}, None),
            ("quote", sealed.quotes, self.quotes, (*QUOTE_FIELDS, "links")),
            ("primary source", sealed.documents, self.documents, None),
        ]  # fmt: skip
        if self.sources is not None:
            checks.append(("source", sealed.sources or {}, self.sources, None))
        for what, in_seal, before, keys in checks:
            found = _first_disagreement(in_seal, before, what, keys)
            if found is not None:
                where, key, sealed_value, replayed = found
                raise self.broken(
                    f"{where.replace(' 0', '')}'s {key} is {sealed_value!r} in the state it "
                    f"seals, but the events before it say {replayed!r}: the record was changed "
                    f"before it was sealed."
                )
        self.content_sha, self.fields = sealed.content_sha, sealed.fields
        self.quotes, self.documents, self.sources = sealed.quotes, sealed.documents, sealed.sources

    def adopt(self, to: Mapping[str, Any]) -> None:
        """Take a sealed state (``sealed_state``) as this replay's state."""
        self.content_sha = to.get("content_sha256")
        self.fields = {key: to.get(key) for key in ARTICLE_FIELDS}
        self.quotes = {}
        for entry in to.get("quotes", []):
            quote = {k: v for k, v in entry.items() if k not in ("quote_id", "links")}
            quote["links"] = {link["id"]: dict(link) for link in entry.get("links", [])}
            self.quotes[entry["quote_id"]] = quote
        self.documents = {
            d["id"]: {k: v for k, v in d.items() if k != "id"} for d in to.get("documents", [])
        }
        self.sources = {s["id"]: dict(s) for s in to.get("sources", [])}


def _first_disagreement(
    sealed: Mapping[Any, Mapping[str, Any]],
    replayed: Mapping[Any, Mapping[str, Any]],
    what: str,
    keys: Sequence[str] | None,
) -> tuple[str, str, Any, Any] | None:
    """(which, key, sealed value, replayed value) of the first thing a seal says otherwise
    than the replay, comparing only what the replay knows (older events know fewer fields)."""
    if set(sealed) != set(replayed):
        return f"the article's {what}s", "list", sorted(sealed), sorted(replayed)
    for ident in sorted(replayed):
        for key, value in replayed[ident].items():
            if keys is not None and key not in keys:
                continue
            have = sealed[ident].get(key)
            if key == "links" and isinstance(value, dict) and isinstance(have, dict):
                found = _first_disagreement(have, value, f"quote {ident}'s link", None)
                if found is not None:
                    return found
            elif have != value:
                return f"{what} {ident}", key, have, value
    return None


_DOCUMENT_LABELS = {"raw_sha256": "bytes (SHA-256)", "text_sha256": "text (SHA-256)"}


def _compare(state: ArticleState, replay: _Replay) -> Problem | None:
    """The first difference between the stored state and the state the events leave."""
    aid = state.article_id
    if replay.content_sha is not None and replay.content_sha != state.content_sha256:
        return Problem(aid, f"article {aid}: its content hash differs from the one imported.")
    if state.text_sha256 != state.content_sha256:
        return Problem(aid, f"article {aid}: its text was changed after it was imported.")
    if replay.imported is not None and state.imported_at is not None:
        at, by = replay.imported
        if (state.imported_at, state.imported_by) != (at, by):
            return Problem(
                aid,
                f"article {aid}: it says it was imported at {state.imported_at} by "
                f"{state.imported_by!r}, but its import event says {at} by {by!r}: it was "
                f"changed outside the workbench.",
            )
    for key, have in state.fields.items():
        want = replay.fields.get(key)
        if want != have:
            return Problem(
                aid,
                f"article {aid}: its {key} is {have!r} in the database but its events say "
                f"{want!r}: it was changed outside the workbench.",
            )
    for quote_id in sorted(set(replay.quotes) | set(state.quotes)):
        replayed = replay.quotes.get(quote_id)
        stored = state.quotes.get(quote_id)
        if replayed is None:
            return Problem(
                aid,
                f"quote {quote_id} (article {aid}) has no event that imported or added it.",
                quote_id=quote_id,
            )
        if stored is None:
            return Problem(
                aid,
                f"quote {quote_id} (article {aid}) is in the events but not in the database.",
                quote_id=quote_id,
            )
        keys = [k for k in QUOTE_FIELDS if k in stored or k in FIRST_QUOTE_FIELDS]
        for key in (*keys, "links"):
            want = replayed.get(key)
            have = stored.get(key)
            if key == "links":
                want = sorted(want.values(), key=lambda link: link["id"]) if want else []
                have = sorted(have or [], key=lambda link: link["id"])
            if want != have:
                return Problem(
                    aid,
                    f"quote {quote_id} (article {aid}): its {key} is {have!r} in the database "
                    f"but its events say {want!r}: it was changed outside the workbench.",
                    quote_id=quote_id,
                )
    if state.documents is not None:
        for document_id in sorted(set(replay.documents) | set(state.documents)):
            replayed, stored = replay.documents.get(document_id), state.documents.get(document_id)
            if replayed is None or stored is None:
                where = "in the database" if replayed is None else "in its events"
                return Problem(
                    aid,
                    f"article {aid}: primary source {document_id} is attached only {where}: "
                    f"it was attached or removed outside the workbench.",
                )
            for key in DOCUMENT_FIELDS:
                if key in stored and replayed.get(key) != stored.get(key):
                    label = _DOCUMENT_LABELS.get(key, key)
                    return Problem(
                        aid,
                        f"primary source {document_id} (article {aid}): its {label} is "
                        f"{stored.get(key)!r} in the database but its events say "
                        f"{replayed.get(key)!r}: the snapshot was changed outside the workbench.",
                    )
    if state.sources is not None:
        replayed_sources = replay.sources or {}
        for source_id in sorted(set(replayed_sources) | set(state.sources)):
            replayed, stored = replayed_sources.get(source_id), state.sources.get(source_id)
            if replayed is None or stored is None:
                where = "in the database" if replayed is None else "in its events"
                return Problem(
                    aid,
                    f"article {aid}: source {source_id} is only {where}: it was added or "
                    f"removed outside the workbench.",
                )
            for key in SOURCE_FIELDS:
                if replayed.get(key) != stored.get(key):
                    return Problem(
                        aid,
                        f"source {source_id} (article {aid}): its {key} is {stored.get(key)!r} "
                        f"in the database but its events say {replayed.get(key)!r}: it was "
                        f"changed outside the workbench.",
                    )
    return None


# --- a portable audit record: one article's chain and state, verifiable without the database ---

RECORD_FORMAT = "workbench-audit/2"
RECORD_FORMATS = ("workbench-audit/1", RECORD_FORMAT)  # /1: before the chains covered everything


def record_of(state: ArticleState, events: Iterable[ChainEvent], *, text: str) -> dict[str, Any]:
    """The JSON-ready audit record of one article (exports embed it under "audit")."""
    return {
        "format": RECORD_FORMAT,
        "article": {
            "id": state.article_id,
            "content_sha256": state.content_sha256,
            "chain_head": state.chain_head,
            "event_count": state.event_count,
            "imported_at": state.imported_at,
            "imported_by": state.imported_by,
            **{key: state.fields.get(key) for key in ARTICLE_FIELDS},
        },
        "text": text,
        "quotes": [{"id": quote_id, **fields} for quote_id, fields in state.quotes.items()],
        "documents": [{"id": i, **d} for i, d in (state.documents or {}).items()],
        "sources": [{"id": i, **s} for i, s in (state.sources or {}).items()],
        "events": [
            {
                "id": e.id,
                "seq": e.seq,
                "quote_id": e.quote_id,
                "action": e.action,
                "from": e.from_state,
                "to": e.to_state,
                "note": e.note,
                "reviewer": e.reviewer,
                "at": e.at,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in events
        ],
    }


def records_in(document: Any) -> list[dict[str, Any]]:
    """The audit records in a JSON document: a record, {"audit": record}, or lists of them."""
    if isinstance(document, list):
        return [record for item in document for record in records_in(item)]
    if not isinstance(document, dict):
        return []
    if document.get("format") in RECORD_FORMATS:
        return [document]
    found: list[dict[str, Any]] = []
    if "audit" in document:
        found += records_in(document["audit"])
    if "articles" in document:
        found += records_in(document["articles"])
    return found


def verify_record(record: Mapping[str, Any]) -> Problem | None:
    """Check one audit record alone, as ``verify_article`` checks the database."""
    redacted = record.get("redacted_events") if isinstance(record, Mapping) else None
    if redacted:
        ident = (record.get("article") or {}).get("id")
        return Problem(
            int(ident) if isinstance(ident, int) else 0,
            f"article {ident}: {'event' if len(redacted) == 1 else 'events'} "
            f"{', '.join(map(str, redacted))} had a password in a URL, which the export left "
            f"out, so the file alone cannot prove {'it' if len(redacted) == 1 else 'them'}; run "
            f"`workbench audit verify` on the database itself.",
        )
    try:
        article = record["article"]
        article_id = int(article["id"])
        text = record.get("text")
        complete = record.get("format") == RECORD_FORMAT
        state = ArticleState(
            article_id=article_id,
            content_sha256=article["content_sha256"],
            text_sha256=article["content_sha256"] if text is None else text_sha256(text),
            chain_head=article["chain_head"],
            event_count=int(article["event_count"]),
            quotes={
                int(q["id"]): {k: v for k, v in q.items() if k != "id"} for q in record["quotes"]
            },
            fields={key: article.get(key) for key in ARTICLE_FIELDS} if complete else {},
            imported_at=article["imported_at"] if complete else None,
            imported_by=article["imported_by"] if complete else None,
            documents=_by_id(record["documents"]) if complete else None,
            sources=_by_id(record["sources"]) if complete else None,
        )
        events = [
            ChainEvent(
                id=e.get("id"),
                seq=int(e["seq"]),
                quote_id=e.get("quote_id"),
                action=e["action"],
                from_state=e.get("from"),
                to_state=e.get("to"),
                note=e.get("note"),
                reviewer=e["reviewer"],
                at=e["at"],
                prev_hash=e["prev_hash"],
                hash=e["hash"],
            )
            for e in record["events"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        ident = record.get("article", {}).get("id") if isinstance(record, Mapping) else None
        return Problem(
            int(ident) if isinstance(ident, int) else 0,
            f"the audit record of article {ident} is incomplete ({error!r} is missing or wrong).",
        )
    return verify_article(state, events)


def _by_id(entries: Sequence[Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    return {int(e["id"]): {k: v for k, v in e.items() if k != "id"} for e in entries}
