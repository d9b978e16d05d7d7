"""Pages and reading notes in every export, and under the audit chain.

A PDF article quoting a PDF source: each export cites the passage's page ("p. 3") and the
quote's page in the article; a Word draft with tracked changes: each export (and `articles`,
`quotes`) says the text accepts them. The page starts and notes are vouched for by the audit
chain: changed in the database or in an exported file, `audit verify` says so.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from export_parsing import csv_rows, flat, jsonld, parse_html, pdf_text
from paged_documents import (
    ARTICLE_PAGES,
    MINUTES_PAGES,
    QUOTED_PAGE,
    TRACKED_NOTE,
    make_paged_pdf,
    make_tracked_draft,
)

from workbench import export, services
from workbench.importing import article_from_bytes
from workbench.sources.capture import capture_file
from workbench.storage import audit, open_database

ARTICLE_PAGE = 2  # the quote is on the article's second page


@pytest.fixture
def db(tmp_path):
    with open_database(tmp_path / "pages.sqlite") as database:
        yield database


@pytest.fixture
def paged(db, tmp_path) -> int:
    """A PDF article whose quote is linked to page 3 of a PDF source and verified."""
    article = article_from_bytes(make_paged_pdf(ARTICLE_PAGES), filename="saltmere.pdf")
    article_id = services.import_article(db, article=article, reviewer="Ada Reyes").article_id
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(make_paged_pdf(MINUTES_PAGES, title="Saltmere inquiry minutes"))
    source = services.add_source(
        db, article_id=article_id, snapshot=capture_file(str(minutes)), reviewer="Ada Reyes"
    )
    (quote,) = [q for q in services.list_quotes(db, article_id=article_id) if q.kind == "direct"]
    outcome = services.link_quote(
        db, quote_id=quote.id, source_id=source.document.id, reviewer="Ada Reyes"
    )
    assert outcome.linked
    services.mark_status(db, quote_id=quote.id, status="verified", reviewer="Ada Reyes")
    return article_id


@pytest.fixture
def draft(db) -> int:
    article = article_from_bytes(make_tracked_draft(), filename="quay-draft.docx")
    return services.import_article(db, article=article, reviewer="Ada Reyes").article_id


def test_every_export_cites_the_passages_page_and_the_quotes(db, paged):
    article_id = paged
    (row,) = csv_rows(export.export_article(db, article_id, "csv"))
    assert (row["source_page"], row["article_page"]) == (f"p. {QUOTED_PAGE}", f"p. {ARTICLE_PAGE}")

    document = json.loads(export.export_article(db, article_id, "json"))
    (quote,) = document["quotes"]
    assert quote["page"] == ARTICLE_PAGE and [link["page"] for link in quote["links"]] == [
        QUOTED_PAGE
    ]
    assert len(document["article"]["page_starts"]) == len(ARTICLE_PAGES)
    assert [len(s["page_starts"]) for s in document["primary_sources"]] == [len(MINUTES_PAGES)]

    page = parse_html(export.export_article(db, article_id, "html")).visible
    assert f"p. {QUOTED_PAGE} · characters" in page and f"p. {ARTICLE_PAGE} · characters" in page
    printed = flat(pdf_text(export.export_article(db, article_id, "pdf")))
    assert f"p. {QUOTED_PAGE} · characters" in printed

    (review,) = jsonld(export.export_article(db, article_id, "claimreview"))
    assert review["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Saltmere inquiry minutes",
            "description": f"The passage quoted is on p. {QUOTED_PAGE}.",
        }
    ]


def test_the_drafts_reading_note_is_in_every_export_and_on_the_command_line(db, draft, run_cli):
    document = json.loads(export.export_article(db, draft, "json"))
    assert document["article"]["notes"] == [TRACKED_NOTE]
    assert document["audit"]["article"]["notes"] == [TRACKED_NOTE]
    assert TRACKED_NOTE in parse_html(export.export_article(db, draft, "html")).visible
    assert TRACKED_NOTE in flat(pdf_text(export.export_article(db, draft, "pdf")))
    assert f"note: {TRACKED_NOTE}" in run_cli(db, "articles")
    assert f"Note on the article: {TRACKED_NOTE}" in run_cli(db, "quotes", str(draft))
    assert json.loads(run_cli(db, "articles", "--json"))[0]["notes"] == [TRACKED_NOTE]


@pytest.fixture
def run_cli(capsys):
    from workbench.cli import main

    def run(db, *args: str) -> str:
        capsys.readouterr()
        assert main(["--db", str(db.path), *args]) == 0
        return capsys.readouterr().out

    return run


@pytest.mark.parametrize(
    ("statement", "field"),
    [
        ("UPDATE article SET notes = NULL", "notes"),
        ("UPDATE article SET notes = '[\"The draft has no changes.\"]'", "notes"),
        ("UPDATE article SET page_starts = '[0]'", "page_starts"),
        ("UPDATE source_document SET page_starts = '[0, 10, 20, 30]'", "page_starts"),
    ],
)
def test_pages_and_notes_changed_in_the_database_are_caught(db, paged, draft, statement, field):
    assert services.verify_audit(db).ok
    with db.engine.begin() as connection:
        connection.execute(sa.text(statement))
    report = services.verify_audit(db)
    assert not report.ok
    assert any(f"its {field} is" in p.message for p in report.problems), report.problems


def test_pages_and_notes_changed_in_an_exported_file_are_caught(db, paged, draft, tmp_path):
    path = tmp_path / "draft.json"
    path.write_bytes(export.export_article(db, draft, "json"))
    assert services.verify_audit_file(str(path)).ok
    document = json.loads(path.read_text(encoding="utf-8"))

    document["article"]["notes"] = None  # the readable part, no longer its audit record
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "(notes)" in services.verify_audit_file(str(path)).problems[0].message

    document["audit"]["article"]["notes"] = None  # and the record itself, to match
    path.write_text(json.dumps(document), encoding="utf-8")
    (problem,) = services.verify_audit_file(str(path)).problems
    assert "its notes is None" in problem.message

    record = services.audit_record(db, article_id=paged)
    record["article"]["page_starts"] = [0]
    assert "page_starts" in audit.verify_record(record).message
