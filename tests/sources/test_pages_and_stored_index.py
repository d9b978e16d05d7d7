"""Pages of a PDF source in every answer about it, and a stored source indexed once.

`locate --json` names the 1-based page of the passage (null for unpaged text), whether the
source is a file or a stored snapshot and the quote typed or stored; `quotes` and `autolink`
name it too. A primary source's index is kept beside its snapshot when it is attached: it gives
the same answers as a fresh build, it is what locating loads, and a damaged or missing one is
built again and kept, never an error for the user.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from paged_documents import ARTICLE_PAGES, MINUTES_PAGES, QUOTED_PAGE, make_paged_pdf
from source_helpers import HEARING

from workbench import services
from workbench.matching import build_index, index_from_bytes, locate_quote
from workbench.matching import index as matching_index
from workbench.storage import open_database

PAGE_ONE = "read the terms of reference into the record before any witness was called"
PAGE_THREE = "Nobody loses a shift over this, and nobody should be frightened by it"


@pytest.fixture
def minutes(tmp_path):
    path = tmp_path / "saltmere-minutes.pdf"
    path.write_bytes(make_paged_pdf(MINUTES_PAGES, title="Saltmere inquiry minutes"))
    return path


@pytest.fixture
def paged(run, tmp_path, minutes):
    """A PDF article quoting the minutes, imported, with the minutes attached: (article, source)."""
    article = tmp_path / "saltmere-article.pdf"
    article.write_bytes(make_paged_pdf(ARTICLE_PAGES, title="Union calms Saltmere quay fears"))
    imported = run("import", article)
    assert imported.code == 0, imported.err
    added = run("source", "add", imported.out.strip(), minutes, "--json")
    assert added.code == 0, added.err
    return int(imported.out), json.loads(added.out)["id"]


def lines(result) -> list[dict]:
    assert result.code == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def test_locate_in_a_pdf_file_names_each_passages_page(run, tmp_path, minutes):
    quotes = tmp_path / "quotes.txt"
    quotes.write_text(f"{PAGE_THREE}\n{PAGE_ONE}\nThe quay will be sold to a developer\n")
    found = lines(run("locate", "--source", minutes, "--quotes", quotes, "--json"))
    assert [(r["found"], r["page"]) for r in found] == [(True, 3), (True, 1), (False, None)]
    text = run("locate", "--source", minutes, "--quote", PAGE_THREE)
    assert "(p. 3)" in text.out


def test_an_unpaged_source_has_no_page(run):
    (record,) = lines(run("locate", "--source", HEARING, "--quote", "the ferry", "--json"))
    assert "page" in record and record["page"] is None


def test_a_stored_pdf_source_names_the_page_in_locate_autolink_link_and_quotes(run, paged):
    article_id, source_id = paged
    (quote,) = [q for q in lines(run("quotes", article_id, "--json"))[0] if q["kind"] == "direct"]
    by_id = lines(run("locate", "--source", source_id, "--quote-id", quote["id"], "--json"))
    by_text = lines(run("locate", "--source", source_id, "--quote", PAGE_THREE, "--json"))
    assert by_id[0]["page"] == by_text[0]["page"] == QUOTED_PAGE
    proposals = lines(run("source", "autolink", article_id, "--json"))
    assert [p["page"] for p in proposals if p["quote_id"] == quote["id"]] == [QUOTED_PAGE]
    assert run("link", quote["id"], source_id).code == 0
    (listed,) = [q for q in lines(run("quotes", article_id, "--json"))[0] if q["links"]]
    assert [link["page"] for link in listed["links"]] == [QUOTED_PAGE]
    assert f"linked to source {source_id} at" in run("quotes", article_id).out
    assert f", p. {QUOTED_PAGE}" in run("quotes", article_id).out


def stored_index_bytes(db_path, source_id: int) -> bytes | None:
    connection = sqlite3.connect(db_path)
    try:
        row = connection.execute(
            "SELECT data FROM source_index WHERE document_id = ?", (source_id,)
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else bytes(row[0])


def set_stored_index(db_path, source_id: int, data: bytes | None) -> None:
    connection = sqlite3.connect(db_path)
    try:
        if data is None:
            connection.execute("DELETE FROM source_index WHERE document_id = ?", (source_id,))
        else:
            connection.execute(
                "UPDATE source_index SET data = ? WHERE document_id = ?", (data, source_id)
            )
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def hearing_source(run, article_id, db_path) -> tuple[int, str]:
    added = run("source", "add", article_id, HEARING, "--json")
    assert added.code == 0, added.err
    source_id = json.loads(added.out)["id"]
    with open_database(db_path) as db:
        text = services.get_source_document(db, source_id=source_id).text
    return source_id, text


QUOTES = (
    "the children",  # common words, several places
    "We are asking for a honest timetable",  # a word changed
    "The footbridge will be sold to a developer before the winter.",  # not in the hearing
)


def answers(index) -> list[dict]:
    found = []
    for quote in QUOTES:
        record = locate_quote(index, quote).to_dict()
        record.pop("elapsed_ms")
        found.append(record)
    return found


def test_the_stored_index_answers_as_a_fresh_build_and_locating_does_not_build(
    hearing_source, article_id, db_path, monkeypatch
):
    source_id, text = hearing_source
    data = stored_index_bytes(db_path, source_id)
    assert data is not None, "attaching the source keeps its index beside the snapshot"
    fresh = answers(build_index(text))
    assert answers(index_from_bytes(data, text, cache=False)) == fresh

    def no_build(*_args, **_kwargs):
        raise AssertionError("a stored source was indexed again")

    matching_index._cache.clear()  # as in a new process: nothing indexed in memory
    monkeypatch.setattr(matching_index, "build_index", no_build)
    with open_database(db_path) as db:
        loaded = services.source_index(db, source_id=source_id)
        assert answers(loaded) == fresh
        quote = next(q for q in services.list_quotes(db, article_id=article_id) if q.links == ())
        match = services.locate_stored_quote(db, quote_id=quote.id, source_id=source_id)
        assert match.to_dict()["quote"] == quote.text


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut-short"),
        pytest.param(lambda data: b"not an index at all", id="other-bytes"),
        pytest.param(lambda data: None, id="missing"),
    ],
)
def test_a_damaged_or_missing_stored_index_is_built_again_and_kept(
    run, hearing_source, db_path, damage
):
    source_id, text = hearing_source
    original = stored_index_bytes(db_path, source_id)
    set_stored_index(db_path, source_id, damage(original))
    matching_index._cache.clear()
    result = run("locate", "--source", source_id, "--quote", QUOTES[1], "--json")
    assert result.code == 0 and result.err == ""
    (record,) = lines(result)
    assert record["found"] and record["verdict"] == "altered" and record["page"] is None
    kept = stored_index_bytes(db_path, source_id)
    assert kept is not None and answers(index_from_bytes(kept, text, cache=False)) == answers(
        build_index(text)
    )
