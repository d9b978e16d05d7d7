"""The audit chain: intact after every kind of change, verifiable alone from an export.

Each kind of tampering, and the sentence that names it, is in tests/reliability/test_tamper.py.
"""

from __future__ import annotations

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


def test_an_untouched_record_verifies(db):
    _reviewed_article(db)
    other, _ = _reviewed_article(db)
    report = services.verify_audit(db)
    assert report.ok and report.articles == 2 and report.events == 8
    assert services.verify_audit(db, article_id=other).articles == 1


def test_an_articles_audit_record_verifies_alone_and_an_incomplete_one_is_named(db, tmp_path):
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
