"""The library chain and anchors: every article event in the order written, and its heads
kept outside the database.

Each article event is entered in the library chain with the article's new chain head
(``repo.append_event`` does it in the same transaction). ``verify_library`` checks that chain
and compares it with the articles' own: an article deleted with all its events, or an article
chain cut back and rewound consistently, no longer matches what the library recorded. An
**anchor** (``anchor_of``) is a copy of the heads taken at an export, a sign-off or `workbench
audit anchor`; ``anchor_problems`` says whether the database still extends it, so a record
rewritten and re-hashed after the anchor was taken is caught.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.storage.audit import EVENT_FORMAT, GENESIS, Problem, canonical_json


def library_event_hash(
    *,
    seq: int,
    article_id: int | None,
    article_seq: int | None,
    article_head: str | None,
    action: str,
    detail: Mapping[str, Any] | None,
    at: str,
    prev_hash: str,
) -> str:
    content = {
        "format": EVENT_FORMAT,
        "library_seq": seq,
        "article_id": article_id,
        "article_seq": article_seq,
        "article_head": article_head,
        "action": action,
        "detail": detail,
        "at": at,
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


# --- the library chain: every article event, in the order they were written --------------------


@dataclass(frozen=True)
class LibraryEvent:
    id: int | None
    seq: int
    article_id: int | None
    article_seq: int | None
    article_head: str | None
    action: str
    detail: dict[str, Any] | None
    at: str
    prev_hash: str
    hash: str


def verify_library(
    events: Sequence[LibraryEvent],
    *,
    chain_head: str,
    event_count: int,
    articles: Mapping[int, Sequence[str]],
    only: int | None = None,
) -> list[Problem]:
    """What is wrong with the library chain, and between it and the articles' own chains.

    ``articles`` maps every article in the database to its events' hashes in order (or, with
    ``only``, that one article, which is then the only one compared).
    """
    prev = GENESIS
    for expected_seq, event in enumerate(events, start=1):
        label = f"library event {event.seq}" + (f" (id {event.id})" if event.id else "")
        if event.seq != expected_seq:
            return [
                Problem(None, f"library event {expected_seq} is missing from the library's chain.")
            ]
        if event.prev_hash != prev:
            return [
                Problem(
                    None,
                    f"{label}: it does not follow the event before it: the library's chain was cut or reordered.",
                )
            ]
        recomputed = library_event_hash(
            seq=event.seq, article_id=event.article_id, article_seq=event.article_seq,
            article_head=event.article_head, action=event.action, detail=event.detail,
            at=event.at, prev_hash=event.prev_hash,
        )  # fmt: skip
        if recomputed != event.hash:
            return [
                Problem(
                    None,
                    f"{label}: its content does not match its hash: it was edited after it was written.",
                )
            ]
        prev = event.hash
    if len(events) != event_count or prev != chain_head:
        return [
            Problem(
                None,
                f"the library records {event_count} events ending in {chain_head[:12]}…, but "
                f"its chain has {len(events)} ending in {prev[:12]}…: library events were "
                f"deleted or added behind the workbench's back.",
            )
        ]
    recorded: dict[int, list[LibraryEvent]] = {}
    for event in events:
        if event.article_id is not None:
            recorded.setdefault(event.article_id, []).append(event)
    problems = []
    for article_id in sorted(set(recorded) | set(articles)):
        if only is not None and article_id != only:
            continue
        entries, hashes = recorded.get(article_id, []), articles.get(article_id)
        if hashes is None:
            first = entries[0]
            problems.append(
                Problem(
                    article_id,
                    f"article {article_id} is in the library's chain (library event "
                    f"{first.seq}, {first.action} at {first.at}) but no longer in the database: "
                    f"it was deleted, with its events, behind the workbench's back.",
                )
            )
            continue
        problem = _library_entries_problem(article_id, entries, hashes)
        if problem is not None:
            problems.append(problem)
    return problems


def _library_entries_problem(
    article_id: int, entries: list[LibraryEvent], hashes: Sequence[str]
) -> Problem | None:
    if not entries:
        return Problem(
            article_id,
            f"article {article_id} is not in the library's chain: it was put into the database "
            f"behind the workbench's back.",
        )
    for position, entry in enumerate(entries, start=1):
        if entry.article_seq != position:
            return Problem(
                article_id,
                f"library event {entry.seq} records article {article_id}'s event "
                f"{entry.article_seq} where event {position} belongs: the chains were rewritten.",
                event_seq=position,
            )
        if position > len(hashes):
            return Problem(
                article_id,
                f"the library's chain records article {article_id} up to its event "
                f"{len(entries)} (library event {entries[-1].seq}), but the article's own chain "
                f"ends at event {len(hashes)}: its last events were removed and its chain rewound.",
                event_seq=len(hashes) + 1,
            )
        if entry.article_head != hashes[position - 1]:
            return Problem(
                article_id,
                f"article {article_id}, event {position} is not the event the library's chain "
                f"recorded (library event {entry.seq}): the article's chain was rewritten.",
                event_seq=position,
            )
    if len(hashes) > len(entries):
        return Problem(
            article_id,
            f"article {article_id}'s events {len(entries) + 1}–{len(hashes)} are not in the "
            f"library's chain: they were added behind the workbench's back.",
            event_seq=len(entries) + 1,
        )
    return None


# --- anchors: the chain heads kept outside the database -----------------------------------------

ANCHOR_FORMAT = "workbench-anchor/1"


def anchor_of(
    *, library_head: str, library_count: int, articles: Mapping[int, tuple[int, str]], at: str,
    database: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The chain heads as JSON-ready data (``articles``: id → (event count, chain head))."""
    return {
        "format": ANCHOR_FORMAT,
        "taken_at": at,
        "database": database,
        "library": {"event_count": library_count, "chain_head": library_head},
        "articles": [
            {"id": article_id, "event_count": count, "chain_head": head}
            for article_id, (count, head) in sorted(articles.items())
        ],
    }


def anchors_in(document: Any) -> list[dict[str, Any]]:
    """The anchors in a JSON document: an anchor, or an export that embeds one."""
    if isinstance(document, list):
        return [anchor for item in document for anchor in anchors_in(item)]
    if not isinstance(document, dict):
        return []
    if document.get("format") == ANCHOR_FORMAT:
        return [document]
    return anchors_in(document.get("anchor")) if "anchor" in document else []


def anchor_problems(
    anchor: Mapping[str, Any],
    *,
    library_hashes: Sequence[str],
    article_hashes: Mapping[int, Sequence[str]],
) -> list[Problem]:
    """Whether the database's chains still extend the heads an anchor vouches for."""
    taken = anchor.get("taken_at") or "when the anchor was taken"
    library = anchor.get("library") or {}
    count, head = int(library.get("event_count", 0)), library.get("chain_head")
    problems = []
    if count > len(library_hashes):
        problems.append(
            Problem(
                None,
                f"the anchor of {taken} vouches for {count} library events, but the database "
                f"holds only {len(library_hashes)}: events were removed and the chain rewound "
                f"after the anchor was taken.",
            )
        )
    elif count and library_hashes[count - 1] != head:
        problems.append(
            Problem(
                None,
                f"library event {count} is not the one the anchor of {taken} vouches for "
                f"({str(head)[:12]}…, now {library_hashes[count - 1][:12]}…): the record was "
                f"rewritten after the anchor was taken.",
            )
        )
    for entry in anchor.get("articles") or []:
        article_id, count, head = int(entry["id"]), int(entry["event_count"]), entry["chain_head"]
        hashes = article_hashes.get(article_id)
        if hashes is None:
            problems.append(
                Problem(
                    article_id,
                    f"article {article_id}, which the anchor of {taken} vouches for, is no longer in the database.",
                )
            )
        elif count > len(hashes):
            problems.append(
                Problem(
                    article_id,
                    f"the anchor of {taken} vouches for {count} events of article {article_id}, "
                    f"but its chain now has {len(hashes)}: events were removed after the anchor "
                    f"was taken.",
                )
            )
        elif count and hashes[count - 1] != head:
            problems.append(
                Problem(
                    article_id,
                    f"article {article_id}, event {count} is not the one the anchor of {taken} "
                    f"vouches for: the article's chain was rewritten after the anchor was taken.",
                    event_seq=count,
                )
            )
    return problems
