"""Upgrading a database made before schema 0006: the library chain is built, every article is
sealed, the upgrade is an event of its own, and the seal cannot hide an earlier edit."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from workbench import services
from workbench.storage import audit, open_database
from workbench.storage.db import upgrade_schema

BEFORE = "0004_article_content_index"
AT = "2026-11-02T09:00:00.000000Z"
TEXT = "Harbour levy\n\n“We will not raise it,” said Mara Quill.\n"
TAPE = b"Mara Quill: We will not raise it this year."

# A quote as chains before 0006 recorded it: these fields only.
OLD_QUOTE = {
    "start": 15, "end": 33, "text": "We will not raise it", "kind": "direct", "speaker": None,
    "status": "unverified", "note": None, "rejected": False,
}  # fmt: skip


def _old_events() -> list[dict]:
    """An import, a source attached, a link and a status change, as the old workbench wrote them."""
    sha = hashlib.sha256(TAPE).hexdigest()
    link = {"id": 1, "source_id": 1, "start": 12, "end": 43, "score": 96.0, "verdict": "exact"}
    states = [
        (None, "article.imported", None,
         {"content_sha256": audit.text_sha256(TEXT), "title": "Harbour levy", "origin": None,
          "quotes": [{"quote_id": 1, **OLD_QUOTE}]}),
        (None, "source.attached", None, {"source_id": 1, "origin": "tape.txt", "sha256": sha}),
        (1, "link.added", None, {"link": link}),
        (1, "quote.status", {"status": "unverified"}, {"status": "verified"}),
    ]  # fmt: skip
    events, prev = [], audit.GENESIS
    for seq, (quote_id, action, before, after) in enumerate(states, start=1):
        digest = audit.event_hash(
            article_id=1, seq=seq, quote_id=quote_id, action=action, from_state=before,
            to_state=after, note=None, reviewer="Ada", at=AT, prev_hash=prev,
        )  # fmt: skip
        events.append(
            {"seq": seq, "quote_id": quote_id, "action": action, "reviewer": "Ada", "at": AT,
             "from_state": None if before is None else audit.canonical_json(before),
             "to_state": audit.canonical_json(after), "prev_hash": prev, "hash": digest}
        )  # fmt: skip
        prev = digest
    return events


def _old_database(db_url: str, *, tampered: bool = False) -> None:
    database = open_database(db_url, migrate=False)
    try:
        upgrade_schema(database, BEFORE)
        events = _old_events()
        with database.engine.begin() as connection:
            run = connection.execute
            run(
                sa.text(
                    "INSERT INTO article (id, title, media_type, text, text_length, "
                    "content_sha256, imported_at, imported_by, chain_head, event_count) VALUES "
                    "(1, 'Harbour levy', 'text/plain', :t, :n, :d, :at, 'Ada', :h, 4)"
                ),
                {"t": TEXT, "n": len(TEXT), "d": audit.text_sha256(TEXT), "at": AT,
                 "h": events[-1]["hash"]},
            )  # fmt: skip
            run(
                sa.text(
                    'INSERT INTO quote (id, article_id, number, start, "end", text, kind, '
                    "cue_text, cue_start, cue_end, confidence, origin, status, rejected, "
                    "changed_by, changed_at) VALUES (1, 1, 1, 15, 33, 'We will not raise it', "
                    "'direct', 'said', 36, 40, 0.9, 'detected', :status, false, 'Ada', :at)"
                ),
                {"status": "misquoted" if tampered else "verified", "at": AT},
            )
            run(
                sa.text(
                    "INSERT INTO source_document (id, article_id, origin, media_type, raw, text, "
                    "sha256, captured_at, captured_by) VALUES (1, 1, 'tape.txt', 'text/plain', "
                    ":raw, :text, :sha, :at, 'Ada')"
                ),
                {"raw": TAPE, "text": TAPE.decode(), "sha": hashlib.sha256(TAPE).hexdigest(),
                 "at": AT},
            )  # fmt: skip
            run(
                sa.text(
                    "INSERT INTO source_attachment (article_id, document_id, attached_at, "
                    "attached_by) VALUES (1, 1, :at, 'Ada')"
                ),
                {"at": AT},
            )
            run(
                sa.text(
                    'INSERT INTO link (id, quote_id, document_id, start, "end", score, verdict, '
                    "accepted_by, accepted_at) VALUES (1, 1, 1, 12, 43, 96.0, 'exact', 'Ada', :at)"
                ),
                {"at": AT},
            )
            for event in events:
                run(
                    sa.text(
                        "INSERT INTO review_event (article_id, seq, quote_id, action, from_state, "
                        "to_state, reviewer, at, prev_hash, hash) VALUES (1, :seq, :quote_id, "
                        ":action, :from_state, :to_state, :reviewer, :at, :prev_hash, :hash)"
                    ),
                    event,
                )
            if not database.is_sqlite:
                for table in ("article", "quote", "source_document", "link"):
                    run(sa.text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
    finally:
        database.close()


def test_an_upgraded_record_is_sealed_and_verifies(db_url):
    _old_database(db_url)
    with open_database(db_url) as db:  # opening upgrades it
        report = services.verify_audit(db)
        assert report.ok, [p.message for p in report.problems]
        assert (report.articles, report.events, report.library_events) == (1, 5, 6)
        seal = services.list_events(db, article_id=1)[-1]
        assert seal.action == "audit.sealed" and seal.reviewer == "workbench (schema upgrade)"
        assert "before here, only for the quotes' span, text, kind" in seal.note
        (sealed_quote,) = seal.to_state["quotes"]
        assert (sealed_quote["changed_by"], sealed_quote["cue"]["text"]) == ("Ada", "said")
        # From the seal on, the fields the old chain left out are covered too.
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE quote SET confidence = 0.2"))
        (problem,) = services.verify_audit(db).problems
        assert "its confidence is 0.2 in the database but its events say 0.9" in problem.message
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE quote SET confidence = 0.9"))
        services.mark_status(db, quote_id=1, status="misquoted", reviewer="Ben")
        assert services.verify_audit(db).ok


def test_the_seal_cannot_hide_an_edit_made_before_the_upgrade(db_url):
    _old_database(db_url, tampered=True)
    with open_database(db_url) as db:
        (problem,) = services.verify_audit(db).problems
    assert problem.message == (
        "article 1, event 5 (id 5), audit.sealed: quote 1's status is 'misquoted' in the state "
        "it seals, but the events before it say 'verified': the record was changed before it "
        "was sealed."
    )
