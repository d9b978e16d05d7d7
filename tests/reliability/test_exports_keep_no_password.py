"""Credentials in URLs (issue 14, item 3): the stored article keeps its final URL, and no export
in any format carries a password, not even for a record made before fetching forgot them."""

from __future__ import annotations

import json

import pytest
from small_articles import THREE_QUOTES, make_article
from web_server import Page

from workbench import export, services
from workbench.storage import open_database

STORY = (
    "<html><head><title>Quay closes</title></head><body><article><h1>Quay closes</h1>"
    "<p>The port authority will close the north quay for six weeks.</p>"
    "<p>“We are not going to gamble with the worst case,” said Orla Benedetti.</p>"
    "</article></body></html>"
).encode()
TAPE = b"Orla Benedetti: We are not going to gamble with the worst case."
FORMATS = ("csv", "json", "html", "pdf", "claimreview")


def _every_export(db, article_id: int) -> dict[str, bytes]:
    data = {fmt: export.export_article(db, article_id, fmt) for fmt in FORMATS}
    data["library json"] = export.export_library(db, "json")
    return data


def test_a_fetched_article_keeps_its_final_url_and_no_export_has_the_password(
    web_server, tmp_path, workbench_cli
):
    web_server.pages["/2026/quay-closes"] = Page(STORY, content_type="text/html; charset=utf-8")
    web_server.redirect("/old", "/2026/quay-closes")
    web_server.pages["/tape"] = Page(TAPE)
    secret_url = f"http://desk:s3cret@127.0.0.1:{web_server.server_port}"
    db_path = str(tmp_path / "review.sqlite")
    imported = workbench_cli("--db", db_path, "import", f"{secret_url}/old", "--json")
    assert imported.returncode == 0, imported.stderr
    article_id = json.loads(imported.stdout)["id"]
    added = workbench_cli("--db", db_path, "source", "add", str(article_id), f"{secret_url}/tape")
    assert added.returncode == 0, added.stderr

    with open_database(db_path) as db:
        article = services.get_article(db, article_id=article_id)
        assert article.origin == web_server.url("/old")
        assert article.final_url == web_server.url("/2026/quay-closes")
        exports = _every_export(db, article_id)
        assert services.verify_audit(db).ok
    for fmt, data in exports.items():
        assert b"s3cret" not in data, fmt
    document = json.loads(exports["json"])
    assert document["article"]["final_url"] == web_server.url("/2026/quay-closes")
    assert document["audit"]["article"]["final_url"] == web_server.url("/2026/quay-closes")
    assert "<dt>Final URL</dt>" in exports["html"].decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_record_made_before_credentials_were_forgotten_exports_none(db, tmp_path, fmt):
    article, analysis = make_article(THREE_QUOTES)
    legacy = "https://desk:s3cret@intranet.example/2026/levy"
    article_id = services.import_article(
        db, article=article.__class__(**{**article.__dict__, "origin": legacy}), analysis=analysis
    ).article_id
    quote_id = services.list_quotes(db, article_id=article_id)[0].id
    services.mark_status(db, quote_id=quote_id, status="verified", reviewer="Ada")
    data = export.export_article(db, article_id, fmt)
    assert b"s3cret" not in data and b"desk:" not in data
    if fmt == "json":
        path = tmp_path / "legacy.json"
        path.write_bytes(data)
        assert json.loads(data)["article"]["origin"] == "https://intranet.example/2026/levy"
        (problem,) = services.verify_audit_file(str(path)).problems
        assert problem.message == (
            f"article {article_id}: event 1 had a password in a URL, which the export left "
            f"out, so the file alone cannot prove it; run `workbench audit verify` on the "
            f"database itself."
        )
        assert services.verify_audit(db).ok
