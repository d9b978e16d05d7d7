"""The 23 tamper cases of issue 14: each edit a forger could make, and the sentence that names it.

Cases 1–9 edit the database, 10–14 an exported file; these passed before. Cases 15–23 went
unseen by `audit verify` until the chain covered everything a report shows, the library chain
recorded every article event, and an anchor could be kept outside the database. Every case
runs on SQLite and PostgreSQL, as a forger with the database's password would: plain SQL.
"""

from __future__ import annotations

import hashlib
import json

import pytest
import sqlalchemy as sa
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.storage import audit, library_chain


def _reviewed_article(db) -> tuple[int, list[int]]:
    article, analysis = make_article(THREE_QUOTES)
    article_id = services.import_article(
        db, article=article, analysis=analysis, reviewer="Ada"
    ).article_id
    ids = [q.id for q in services.list_quotes(db, article_id=article_id)]
    services.mark_status(db, quote_id=ids[0], status="verified", note="On tape", reviewer="Ada")
    services.mark_status(db, quote_id=ids[1], status="misquoted", reviewer="Ben")
    services.mark_status(db, quote_id=ids[2], status="in_review", note="Asking", reviewer="Ada")
    return article_id, ids


def _with_evidence(db) -> tuple[int, list[int], int]:
    article_id, ids = _reviewed_article(db)
    document = services.attach_source_document(
        db, article_id=article_id, origin="tape.txt", text="We will not raise the levy."
    )
    services.link_passage(db, quote_id=ids[0], source_id=document.id, start=0, end=26)
    assert services.verify_audit(db).ok
    return article_id, ids, document.id


def _tamper(db, statement: str, **params) -> None:
    with db.engine.begin() as connection:
        connection.execute(sa.text(statement), params)


def _only_problem(db, **options) -> audit.Problem:
    report = services.verify_audit(db, **options)
    assert not report.ok
    assert len(report.problems) == 1, [p.message for p in report.problems]
    return report.problems[0]


# --- 1–9: the database edited (caught before issue 14) ---------------------------------------


def test_01_status_changed_directly_in_the_database_is_caught(db):
    _article_id, ids = _reviewed_article(db)
    _tamper(db, "UPDATE quote SET status = 'verified' WHERE id = :id", id=ids[1])
    problem = _only_problem(db)
    assert problem.quote_id == ids[1]
    assert f"quote {ids[1]}" in problem.message and "status" in problem.message
    assert "'verified' in the database but its events say 'misquoted'" in problem.message


def test_02_an_edited_event_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(
        db,
        "UPDATE review_event SET note = 'On tape, clearly' WHERE article_id = :a AND seq = 2",
        a=article_id,
    )
    problem = _only_problem(db)
    assert problem.event_seq == 2 and "does not match its hash" in problem.message
    assert f"article {article_id}, event 2" in problem.message


def test_03_an_edited_event_with_a_recomputed_hash_breaks_the_next_link(db):
    article_id, _ids = _reviewed_article(db)
    events = services.list_events(db, article_id=article_id)
    forged = events[2]
    new_hash = audit.event_hash(
        article_id=article_id, seq=3, quote_id=forged.quote_id, action=forged.action,
        from_state=forged.from_state, to_state={"status": "verified"}, note=forged.note,
        reviewer=forged.reviewer, at=forged.at, prev_hash=forged.prev_hash,
    )  # fmt: skip
    _tamper(
        db,
        "UPDATE review_event SET to_state = :to, hash = :h WHERE article_id = :a AND seq = 3",
        to='{"status":"verified"}',
        h=new_hash,
        a=article_id,
    )
    problem = _only_problem(db)
    assert problem.event_seq == 4 and "does not follow the event before it" in problem.message


def test_04_the_last_event_deleted_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "DELETE FROM review_event WHERE article_id = :a AND seq = 4", a=article_id)
    problem = _only_problem(db)
    assert "records 4 events" in problem.message and "chain has 3" in problem.message


def test_05_the_last_event_deleted_and_the_head_rewound_is_still_caught(db):
    article_id, ids = _reviewed_article(db)
    third = services.list_events(db, article_id=article_id)[2]
    _tamper(db, "DELETE FROM review_event WHERE article_id = :a AND seq = 4", a=article_id)
    _tamper(
        db,
        "UPDATE article SET event_count = 3, chain_head = :h WHERE id = :a",
        h=third.hash,
        a=article_id,
    )
    problem = _only_problem(db)
    assert problem.quote_id == ids[2] and "in_review" in problem.message


def test_06_a_middle_event_deleted_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "DELETE FROM review_event WHERE article_id = :a AND seq = 2", a=article_id)
    problem = _only_problem(db)
    assert "event 2 is missing" in problem.message


def test_07_article_text_changed_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "UPDATE article SET text = text || ' (updated)' WHERE id = :a", a=article_id)
    assert "text was changed" in _only_problem(db).message


def test_08_a_link_removed_behind_the_workbench_is_caught(db):
    _article_id, ids, _document_id = _with_evidence(db)
    _tamper(db, "DELETE FROM link")
    problem = _only_problem(db)
    assert problem.quote_id == ids[0] and "links" in problem.message


def test_09_a_note_changed_is_caught_and_only_that_article_is_reported(db):
    first, ids = _reviewed_article(db)
    _reviewed_article(db)
    _tamper(db, "UPDATE quote SET note = 'x' WHERE id = :id", id=ids[0])
    report = services.verify_audit(db)
    assert [p.article_id for p in report.problems] == [first]
    assert "its note is 'x' in the database but its events say 'On tape'" in (
        report.problems[0].message
    )


# --- 10–14: an exported file edited (caught before issue 14) ----------------------------------


@pytest.fixture
def record(db) -> dict:
    article_id, _ids, _document_id = _with_evidence(db)
    exported = json.loads(json.dumps(services.audit_record(db, article_id=article_id)))
    assert audit.verify_record(exported) is None
    return exported


def test_10_a_quote_status_edited_in_an_exported_record_is_caught(record):
    quote = next(q for q in record["quotes"] if q["status"] == "misquoted")
    quote["status"] = "verified"
    problem = audit.verify_record(record)
    assert problem.quote_id == quote["id"]
    assert "its status is 'verified' in the database but its events say 'misquoted'" in (
        problem.message
    )


def test_11_an_events_reviewer_edited_in_an_exported_record_is_caught(record):
    record["events"][2]["reviewer"] = "Someone Else"
    assert "does not match its hash" in audit.verify_record(record).message


def test_12_the_last_event_removed_from_an_exported_record_is_caught(record):
    record["events"].pop()
    assert "events were deleted" in audit.verify_record(record).message


def test_13_the_text_edited_in_an_exported_record_is_caught(record):
    record["text"] += " (corrected)"
    assert "text was changed" in audit.verify_record(record).message


def test_14_the_readable_part_of_a_json_export_edited_is_caught(db, tmp_path):
    from workbench import export

    article_id, _ids, _document_id = _with_evidence(db)
    document = json.loads(export.export_article(db, article_id, "json"))
    reviewed = next(q for q in document["quotes"] if q["status"] == "misquoted")
    reviewed["status"] = "verified"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    (problem,) = services.verify_audit_file(str(path)).problems
    assert f"quote {reviewed['id']} in the readable part of the export" in problem.message
    assert "(status)" in problem.message


# --- 15–23: unseen before issue 14 -------------------------------------------------------------


def test_15_an_evidence_snapshots_text_edited_is_caught(db):
    article_id, _ids, document_id = _with_evidence(db)
    _tamper(
        db,
        "UPDATE source_document SET text = 'We will raise the levy.' WHERE id = :d",
        d=document_id,
    )
    problem = _only_problem(db)
    assert problem.article_id == article_id
    assert f"primary source {document_id} (article {article_id}): its text (SHA-256)" in (
        problem.message
    )
    assert "the snapshot was changed outside the workbench" in problem.message


def test_16_a_snapshots_bytes_edited_with_their_sha256_is_caught(db):
    article_id, _ids, document_id = _with_evidence(db)
    forged = b"We will raise the levy."
    _tamper(
        db,
        "UPDATE source_document SET raw = :raw, sha256 = :sha WHERE id = :d",
        raw=forged,
        sha=hashlib.sha256(forged).hexdigest(),
        d=document_id,
    )
    message = _only_problem(db).message
    assert f"primary source {document_id} (article {article_id}): its sha256 is" in message
    assert "the snapshot was changed outside the workbench" in message


def test_17_an_articles_title_edited_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "UPDATE article SET title = 'Council backs levy' WHERE id = :a", a=article_id)
    assert _only_problem(db).message == (
        f"article {article_id}: its title is 'Council backs levy' in the database but its "
        f"events say 'Council votes': it was changed outside the workbench."
    )


def test_18_a_quotes_changed_by_edited_is_caught(db):
    _article_id, ids = _reviewed_article(db)
    _tamper(db, "UPDATE quote SET changed_by = 'Ada' WHERE id = :q", q=ids[1])
    problem = _only_problem(db)
    assert problem.quote_id == ids[1]
    assert "its changed_by is 'Ada' in the database but its events say 'Ben'" in problem.message


def test_19_a_quotes_cue_edited_is_caught(db):
    _article_id, ids = _reviewed_article(db)
    _tamper(db, "UPDATE quote SET cue_text = 'denied' WHERE id = :q", q=ids[0])
    problem = _only_problem(db)
    assert problem.quote_id == ids[0] and "its cue is {'text': 'denied'" in problem.message


def test_20_a_quotes_confidence_edited_is_caught(db):
    _article_id, ids = _reviewed_article(db)
    _tamper(db, "UPDATE quote SET confidence = 0.99 WHERE id = :q", q=ids[2])
    problem = _only_problem(db)
    assert problem.quote_id == ids[2]
    assert "its confidence is 0.99 in the database but its events say 0.9" in problem.message


def _delete_article(db, article_id: int) -> None:
    quotes = "SELECT id FROM quote WHERE article_id = :a"
    for statement in (
        f"DELETE FROM link WHERE quote_id IN ({quotes})",
        "DELETE FROM review_event WHERE article_id = :a",
        "UPDATE quote SET part_of_id = NULL WHERE article_id = :a",
        "DELETE FROM quote WHERE article_id = :a",
        "DELETE FROM source WHERE article_id = :a",
        "DELETE FROM source_attachment WHERE article_id = :a",
        "DELETE FROM article WHERE id = :a",
    ):
        _tamper(db, statement, a=article_id)


def test_21_a_whole_article_deleted_with_its_events_is_caught(db):
    first, _ids = _reviewed_article(db)
    second, _ids = _reviewed_article(db)
    _delete_article(db, second)
    problem = _only_problem(db)
    assert problem.article_id == second
    assert f"article {second} is in the library's chain (library event 5, article.imported" in (
        problem.message
    )
    assert "no longer in the database: it was deleted, with its events" in problem.message
    assert services.verify_audit(db, article_id=first).ok


def _roll_back_last_mark(db, article_id: int, quote_id: int) -> None:
    """Undo the last mark as if it never happened: event gone, head rewound, quote restored."""
    events = services.list_events(db, article_id=article_id)
    last, previous = events[-1], events[-2]
    assert last.action == "quote.status" and last.quote_id == quote_id
    earlier = [e for e in events[:-1] if e.quote_id == quote_id]
    stamped = earlier[-1] if earlier and earlier[-1].action in audit.STAMPING_ACTIONS else None
    _tamper(db, "DELETE FROM review_event WHERE id = :e", e=last.id)
    _tamper(
        db,
        "UPDATE article SET event_count = :n, chain_head = :h WHERE id = :a",
        n=previous.seq,
        h=previous.hash,
        a=article_id,
    )
    _tamper(
        db,
        "UPDATE quote SET status = :s, note = :note, changed_by = :by, changed_at = :at, "
        "version = version - 1 WHERE id = :q",
        s=last.from_state["status"],
        note=last.from_state.get("note"),
        by=stamped.reviewer if stamped else None,
        at=stamped.at if stamped else None,
        q=quote_id,
    )


def test_22_rolling_back_the_last_mark_consistently_is_caught(db, tmp_path):
    article_id, ids = _reviewed_article(db)
    services.mark_status(db, quote_id=ids[1], status="verified", reviewer="Ben")
    anchor = services.audit_anchor(db)  # taken at an export, after the mark
    _roll_back_last_mark(db, article_id, ids[1])
    assert services.list_quotes(db, article_id=article_id)[1].status == "misquoted"
    problem = _only_problem(db)
    assert problem.message == (
        f"the library's chain records article {article_id} up to its event 5 (library event 5), "
        f"but the article's own chain ends at event 4: its last events were removed and its "
        f"chain rewound."
    )
    # Rewinding the library chain too leaves nothing inside the database: the anchor shows it.
    _tamper(db, "DELETE FROM library_event WHERE seq = 5")
    _tamper(
        db,
        "UPDATE library_state SET event_count = 4, "
        "chain_head = (SELECT hash FROM library_event WHERE seq = 4)",
    )
    assert services.verify_audit(db).ok
    problems = services.verify_audit(db, anchor=anchor).problems
    assert any(
        "the anchor of " in p.message
        and "vouches for 5 library events, but the database holds only 4" in p.message
        for p in problems
    ), problems


def _rehash_everything(db) -> None:
    """What a careful forger does after an edit: recompute every chain, article and library."""
    with db.engine.begin() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT id, article_id, seq, quote_id, action, from_state, to_state, note, "
                "reviewer, at FROM review_event ORDER BY article_id, seq"
            )
        ).all()
        heads: dict[int, str] = {}
        new_hash: dict[tuple[int, int], str] = {}
        for row in rows:
            prev = heads.get(row.article_id, audit.GENESIS)
            digest = audit.event_hash(
                article_id=row.article_id, seq=row.seq, quote_id=row.quote_id,
                action=row.action,
                from_state=None if row.from_state is None else json.loads(row.from_state),
                to_state=None if row.to_state is None else json.loads(row.to_state),
                note=row.note, reviewer=row.reviewer, at=row.at, prev_hash=prev,
            )  # fmt: skip
            connection.execute(
                sa.text("UPDATE review_event SET prev_hash = :p, hash = :h WHERE id = :i"),
                {"p": prev, "h": digest, "i": row.id},
            )
            heads[row.article_id] = new_hash[(row.article_id, row.seq)] = digest
        for article_id, head in heads.items():
            connection.execute(
                sa.text("UPDATE article SET chain_head = :h WHERE id = :a"),
                {"h": head, "a": article_id},
            )
        prev = audit.GENESIS
        for row in connection.execute(
            sa.text(
                "SELECT id, seq, article_id, article_seq, action, detail, at FROM library_event "
                "ORDER BY seq"
            )
        ).all():
            article_head = new_hash.get((row.article_id, row.article_seq))
            digest = library_chain.library_event_hash(
                seq=row.seq, article_id=row.article_id, article_seq=row.article_seq,
                article_head=article_head, action=row.action,
                detail=None if row.detail is None else json.loads(row.detail), at=row.at,
                prev_hash=prev,
            )  # fmt: skip
            connection.execute(
                sa.text(
                    "UPDATE library_event SET article_head = :ah, prev_hash = :p, hash = :h "
                    "WHERE id = :i"
                ),
                {"ah": article_head, "p": prev, "h": digest, "i": row.id},
            )
            prev = digest
        connection.execute(sa.text("UPDATE library_state SET chain_head = :h"), {"h": prev})


def test_23_a_status_edited_and_every_chain_recomputed_is_caught_with_the_anchor(
    db_url, tmp_path, workbench_cli
):
    from workbench.storage import open_database

    with open_database(db_url) as db:
        article_id, ids = _reviewed_article(db)
    anchor_file = tmp_path / "anchor.json"
    taken = workbench_cli("--db", db_url, "audit", "anchor", "-o", str(anchor_file))
    assert taken.returncode == 0, taken.stderr
    assert taken.stdout.startswith(f"Anchor written to {anchor_file}: library chain at event 4")
    with open_database(db_url) as db:
        misquoted = next(e for e in services.list_events(db, article_id=article_id) if e.seq == 3)
        _tamper(db, "UPDATE quote SET status = 'verified' WHERE id = :q", q=ids[1])
        _tamper(
            db,
            "UPDATE review_event SET to_state = :to WHERE id = :e",
            to=audit.canonical_json({"status": "verified"}),
            e=misquoted.id,
        )
        _rehash_everything(db)

    # Inside the database the forgery is complete: nothing there can tell.
    plain = workbench_cli("--db", db_url, "audit", "verify")
    assert plain.returncode == 0 and plain.stdout.startswith("Audit trail intact: 1 article")
    anchored = workbench_cli("--db", db_url, "audit", "verify", "--anchor", str(anchor_file))
    assert anchored.returncode == 1
    assert "workbench: audit: library event 4 is not the one the anchor of " in anchored.stderr
    assert "the record was rewritten after the anchor was taken." in anchored.stderr
    assert (
        f"workbench: audit: article {article_id}, event 4 is not the one the anchor of "
        in anchored.stderr
    )
