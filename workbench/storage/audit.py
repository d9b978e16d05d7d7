"""The tamper-evident audit trail: one hash chain of review events per article, and its check.

Each event's hash is SHA-256 over the canonical JSON of its content (sorted keys, no spaces,
UTF-8) including the previous event's hash; the article row keeps the chain head (last hash
and event count), so deleting the last events shows too. ``verify`` recomputes each chain and
replays its events to check that every quote's current state (status, note, span, kind,
speaker, rejection, links) is what the events say it should be.

Event actions and their ``from``/``to`` states (dicts of quote fields):

- ``article.imported``: to = {content_sha256, quotes: [full state of each quote]}
- ``quote.added``: to = full state; ``quote.status``: status (and note when one was given);
  ``quote.note``; ``quote.corrected``: the fields changed (start/end/text, kind, speaker);
  ``quote.rejected`` / ``quote.restored``: rejected
- ``link.added`` / ``link.removed``: {link: {id, source_id, start, end, score, verdict}}
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
EVENT_FORMAT = 1

# The quote fields the audit trail vouches for.
QUOTE_FIELDS = ("start", "end", "text", "kind", "speaker", "status", "note", "rejected")


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
    """What the database says now about an article, to compare with the replay of its events."""

    article_id: int
    content_sha256: str
    text_sha256: str  # recomputed from the stored text
    chain_head: str
    event_count: int
    quotes: Mapping[int, Mapping[str, Any]]  # quote id → {field: value} incl. "links"


@dataclass(frozen=True)
class Problem:
    article_id: int
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
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "articles": self.articles,
            "events": self.events,
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
    return _replay(state, chain)


def _replay(state: ArticleState, chain: list[ChainEvent]) -> Problem | None:
    aid = state.article_id
    quotes: dict[int, dict[str, Any]] = {}
    content_sha: str | None = None
    for event in chain:

        def broken(message: str, event: ChainEvent = event) -> Problem:
            return Problem(
                aid,
                f"{_event_label(aid, event)}: {message}",
                event_seq=event.seq,
                event_id=event.id,
                quote_id=event.quote_id,
            )

        to = event.to_state or {}
        before = event.from_state or {}
        if event.action == "article.imported":
            content_sha = to.get("content_sha256")
            for entry in to.get("quotes", []):
                entry = dict(entry)
                quote_id = entry.pop("quote_id")
                quotes[quote_id] = {**entry, "links": {}}
            continue
        if event.quote_id is None:
            continue
        if event.action == "quote.added":
            quotes[event.quote_id] = {**to, "links": {}}
            continue
        current = quotes.get(event.quote_id)
        if current is None:
            return broken(f"quote {event.quote_id} changes before it was imported or added.")
        if event.action in ("link.added", "link.removed"):
            link = (to if event.action == "link.added" else before).get("link", {})
            link_id = link.get("id")
            if event.action == "link.added":
                current["links"][link_id] = link
            elif current["links"].pop(link_id, None) is None:
                return broken(f"it removes link {link_id}, which was not there.")
            continue
        for key, value in before.items():
            if current.get(key) != value:
                return broken(
                    f"it says quote {event.quote_id}'s {key} was {value!r}, but the events "
                    f"before it leave {current.get(key)!r}."
                )
        current.update(to)
    if content_sha is not None and content_sha != state.content_sha256:
        return Problem(aid, f"article {aid}: its content hash differs from the one imported.")
    if state.text_sha256 != state.content_sha256:
        return Problem(aid, f"article {aid}: its text was changed after it was imported.")
    for quote_id in sorted(set(quotes) | set(state.quotes)):
        replayed = quotes.get(quote_id)
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
        for key in (*QUOTE_FIELDS, "links"):
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
    return None


# --- a portable audit record: one article's chain and state, verifiable without the database ---

RECORD_FORMAT = "workbench-audit/1"


def record_of(state: ArticleState, events: Iterable[ChainEvent], *, text: str) -> dict[str, Any]:
    """The JSON-ready audit record of one article (exports embed it under "audit")."""
    return {
        "format": RECORD_FORMAT,
        "article": {
            "id": state.article_id,
            "content_sha256": state.content_sha256,
            "chain_head": state.chain_head,
            "event_count": state.event_count,
        },
        "text": text,
        "quotes": [{"id": quote_id, **fields} for quote_id, fields in state.quotes.items()],
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
    if document.get("format") == RECORD_FORMAT:
        return [document]
    found: list[dict[str, Any]] = []
    if "audit" in document:
        found += records_in(document["audit"])
    if "articles" in document:
        found += records_in(document["articles"])
    return found


def verify_record(record: Mapping[str, Any]) -> Problem | None:
    """Check one audit record alone, as ``verify_article`` checks the database."""
    try:
        article = record["article"]
        article_id = int(article["id"])
        text = record.get("text")
        state = ArticleState(
            article_id=article_id,
            content_sha256=article["content_sha256"],
            text_sha256=article["content_sha256"] if text is None else text_sha256(text),
            chain_head=article["chain_head"],
            event_count=int(article["event_count"]),
            quotes={
                int(q["id"]): {k: v for k, v in q.items() if k != "id"} for q in record["quotes"]
            },
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
