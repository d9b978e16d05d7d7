"""The audit chain: intact after every kind of change, and each kind of tampering is named."""

from __future__ import annotations

import sqlalchemy as sa
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.storage import audit


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


def _tamper(db, statement: str, **params) -> None:
    with db.engine.begin() as connection:
        connection.execute(sa.text(statement), params)


def _only_problem(db) -> audit.Problem:
    report = services.verify_audit(db)
    assert not report.ok
    assert len(report.problems) == 1
    return report.problems[0]


def test_an_untouched_record_verifies(db):
    _reviewed_article(db)
    other, _ = _reviewed_article(db)
    report = services.verify_audit(db)
    assert report.ok and report.articles == 2 and report.events == 8
    assert services.verify_audit(db, article_id=other).articles == 1


def test_status_changed_directly_in_the_database_is_caught(db):
    _article_id, ids = _reviewed_article(db)
    _tamper(db, "UPDATE quote SET status = 'verified' WHERE id = :id", id=ids[1])
    problem = _only_problem(db)
    assert problem.quote_id == ids[1]
    assert f"quote {ids[1]}" in problem.message and "status" in problem.message
    assert "'verified' in the database but its events say 'misquoted'" in problem.message


def test_an_edited_event_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(
        db,
        "UPDATE review_event SET note = 'On tape, clearly' WHERE article_id = :a AND seq = 2",
        a=article_id,
    )
    problem = _only_problem(db)
    assert problem.event_seq == 2 and "does not match its hash" in problem.message
    assert f"article {article_id}, event 2" in problem.message


def test_an_edited_event_with_a_recomputed_hash_breaks_the_next_link(db):
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


def test_the_last_event_deleted_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "DELETE FROM review_event WHERE article_id = :a AND seq = 4", a=article_id)
    problem = _only_problem(db)
    assert "records 4 events" in problem.message and "chain has 3" in problem.message


def test_the_last_event_deleted_and_the_head_rewound_is_still_caught(db):
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


def test_a_middle_event_deleted_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "DELETE FROM review_event WHERE article_id = :a AND seq = 2", a=article_id)
    problem = _only_problem(db)
    assert "event 2 is missing" in problem.message


def test_article_text_changed_is_caught(db):
    article_id, _ids = _reviewed_article(db)
    _tamper(db, "UPDATE article SET text = text || ' (updated)' WHERE id = :a", a=article_id)
    assert "text was changed" in _only_problem(db).message


def test_a_link_removed_behind_the_workbench_is_caught(db):
    article_id, ids = _reviewed_article(db)
    document = services.attach_source_document(
        db, article_id=article_id, origin="tape.txt", text="We will not raise the levy."
    )
    services.link_passage(db, quote_id=ids[0], source_id=document.id, start=0, end=26)
    assert services.verify_audit(db).ok
    _tamper(db, "DELETE FROM link")
    problem = _only_problem(db)
    assert problem.quote_id == ids[0] and "links" in problem.message


def test_only_the_tampered_article_is_reported(db):
    first, ids = _reviewed_article(db)
    _reviewed_article(db)
    _tamper(db, "UPDATE quote SET note = 'x' WHERE id = :id", id=ids[0])
    report = services.verify_audit(db)
    assert [p.article_id for p in report.problems] == [first]


def test_an_articles_audit_record_verifies_alone_and_shows_tampering(db, tmp_path):
    import json

    article_id, ids = _reviewed_article(db)
    document = services.attach_source_document(
        db, article_id=article_id, origin="tape.txt", text="We will not raise the levy."
    )
    services.link_passage(db, quote_id=ids[0], source_id=document.id, start=0, end=26, score=97.5)
    record = json.loads(json.dumps(services.audit_record(db, article_id=article_id)))
    assert audit.verify_record(record) is None

    export = tmp_path / "export.json"
    export.write_text(json.dumps({"articles": [{"title": "x", "audit": record}]}))
    report = services.verify_audit_file(str(export))
    assert report.ok and report.articles == 1 and report.events == 6

    edited = json.loads(json.dumps(record))
    next(q for q in edited["quotes"] if q["id"] == ids[1])["status"] = "verified"
    assert audit.verify_record(edited).quote_id == ids[1]
    edited = json.loads(json.dumps(record))
    edited["events"][2]["reviewer"] = "Someone Else"
    assert "does not match its hash" in audit.verify_record(edited).message
    edited = json.loads(json.dumps(record))
    edited["events"].pop()
    assert "events were deleted" in audit.verify_record(edited).message
    edited = json.loads(json.dumps(record))
    edited["text"] += " (corrected)"
    assert "text was changed" in audit.verify_record(edited).message
    del edited["events"]
    assert "incomplete" in audit.verify_record(edited).message


def test_a_file_without_an_audit_record_is_a_user_error(tmp_path):
    import pytest

    from workbench.errors import UserError

    empty = tmp_path / "empty.json"
    empty.write_text('{"articles": []}')
    with pytest.raises(UserError, match="holds no audit record"):
        services.verify_audit_file(str(empty))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(UserError, match="not a JSON file"):
        services.verify_audit_file(str(broken))
