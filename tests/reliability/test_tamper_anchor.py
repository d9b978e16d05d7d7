"""Anchors kept outside the database: every export carries one and prints it, `audit anchor`
writes one, and `audit verify --anchor` exits 0 only while the database still extends it."""

from __future__ import annotations

import json

from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.storage import open_database


def _article(db_url: str) -> tuple[int, list[int]]:
    with open_database(db_url) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        ids = [q.id for q in services.list_quotes(db, article_id=article_id)]
        services.mark_status(db, quote_id=ids[0], status="verified", reviewer="Ada")
        return article_id, ids


def test_a_json_export_is_an_anchor_and_later_reviews_still_extend_it(tmp_path, workbench_cli):
    db = str(tmp_path / "review.sqlite")
    article_id, ids = _article(db)
    exported = tmp_path / "review.json"
    done = workbench_cli(
        "--db", db, "export", str(article_id), "--format", "json", "-o", str(exported)
    )
    assert done.returncode == 0, done.stderr
    anchor = json.loads(exported.read_text(encoding="utf-8"))["anchor"]
    head = anchor["library"]["chain_head"]
    assert done.stdout.splitlines()[1] == (
        f"Audit anchor: library chain at event 2, head {head}; article {article_id} at event 2, "
        f"head {anchor['articles'][0]['chain_head']}."
    )
    with open_database(db) as opened:
        services.mark_status(opened, quote_id=ids[1], status="misquoted", reviewer="Ben")
    checked = workbench_cli("--db", db, "audit", "verify", "--anchor", str(exported))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == (
        f"Audit trail intact: 1 article, 3 events; it extends the anchor in {exported}.\n"
    )


def test_every_export_prints_its_anchor_and_the_report_shows_it(tmp_path, workbench_cli):
    db = str(tmp_path / "review.sqlite")
    article_id, _ids = _article(db)
    page = workbench_cli("--db", db, "export", str(article_id), "--format", "html")
    assert page.returncode == 0
    assert page.stderr.startswith("Audit anchor: library chain at event 2, head ")
    head = page.stderr.split("head ")[1].split(";")[0]
    assert f"the library chain stood at event 2, head <span class='hash'>{head}</span>" in (
        page.stdout
    )


def test_audit_anchor_prints_the_heads_and_a_bad_anchor_is_one_sentence(tmp_path, workbench_cli):
    db = str(tmp_path / "review.sqlite")
    article_id, _ids = _article(db)
    printed = workbench_cli("--db", db, "audit", "anchor")
    anchor = json.loads(printed.stdout)
    assert anchor["format"] == "workbench-anchor/1"
    assert anchor["library"]["event_count"] == 2
    assert [a["id"] for a in anchor["articles"]] == [article_id]

    not_json = tmp_path / "notes.txt"
    not_json.write_text("library at 2", encoding="utf-8")
    refused = workbench_cli("--db", db, "audit", "verify", "--anchor", str(not_json))
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"workbench: {not_json} is not a JSON file (")
    no_anchor = tmp_path / "other.json"
    no_anchor.write_text('{"quotes": []}', encoding="utf-8")
    refused = workbench_cli("--db", db, "audit", "verify", "--anchor", str(no_anchor))
    assert refused.returncode == 2
    assert refused.stderr == (
        f"workbench: {no_anchor} holds no anchor (`workbench audit anchor -o FILE` writes one, "
        f"and every JSON export carries one).\n"
    )


def test_an_anchor_from_another_database_is_not_extended(tmp_path, workbench_cli):
    first, second = str(tmp_path / "first.sqlite"), str(tmp_path / "second.sqlite")
    _article(first)
    _article(second)
    anchor = tmp_path / "anchor.json"
    assert workbench_cli("--db", first, "audit", "anchor", "-o", str(anchor)).returncode == 0
    checked = workbench_cli("--db", second, "audit", "verify", "--anchor", str(anchor))
    assert checked.returncode == 1
    assert "workbench: audit: library event 2 is not the one the anchor of " in checked.stderr
