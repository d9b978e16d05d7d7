"""Issue #6, must show: all five formats of the sample and of a hostile article open, parse,
carry statuses, reviewers and notes, and are injection-safe; the PDF's text can be extracted."""

from __future__ import annotations

import json

import pytest
from export_library import (
    ACCENTED_NOTE,
    HOSTILE_NOTE,
    HOSTILE_ORIGIN,
    HOSTILE_REVIEWER,
    HYPERLINK,
    SCRIPT_QUOTE,
)
from export_parsing import FORMULA_STARTS, csv_rows, flat, jsonld, parse_html, pdf_text

from workbench import export, services
from workbench.errors import UserError
from workbench.storage import audit


def _quotes(db, article_id):
    return {q.id: q for q in services.list_quotes(db, article_id=article_id)}


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_csv_one_row_per_quote_with_review_and_no_formula(db, library, which):
    article_id = getattr(library, f"{which}_id")
    data = export.export_article(db, article_id, "csv")
    assert data.startswith("\ufeff".encode())  # Excel reads the accents right
    rows = csv_rows(data)
    quotes = _quotes(db, article_id)
    assert [int(r["quote_id"]) for r in rows] == list(quotes)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
        quote = quotes[int(row["quote_id"])]
        assert row["status"] == str(quote.status)
        assert row["quote"].removeprefix("'") == quote.text
        assert row["reviewer"].removeprefix("'") == (quote.changed_by or "")
        assert row["note"].removeprefix("'") == (quote.note or "")
        assert row["speaker"] == (quote.speaker.name if quote.speaker else "")
    for quote_id, status in library.statuses.items():
        if quote_id in quotes:
            row = next(r for r in rows if int(r["quote_id"]) == quote_id)
            assert row["status"] == status
            assert row["reviewer"].removeprefix("'") == library.reviewers[quote_id]


def test_csv_neutralises_every_hostile_start(db, library):
    rows = {
        int(r["quote_id"]): r
        for r in csv_rows(export.export_article(db, library.hostile_id, "csv"))
    }
    h = library.hostile_quotes
    assert rows[h["hyperlink"]]["quote"] == "'" + HYPERLINK
    assert rows[h["hyperlink"]]["note"] == "'" + HOSTILE_NOTE
    assert rows[h["sum"]]["quote"].startswith("'@SUM(")
    assert rows[h["plus"]]["quote"].startswith("'+44")
    assert rows[h["minus"]]["quote"].startswith("'-12%")
    assert rows[h["minus"]]["note"] == "'\tcheck the budget table\r"
    assert rows[h["script"]]["reviewer"] == "'" + HOSTILE_REVIEWER
    assert rows[h["script"]]["quote"] == SCRIPT_QUOTE  # not a formula: left as it is


def test_csv_carries_the_linked_passage(db, library):
    rows = {
        int(r["quote_id"]): r for r in csv_rows(export.export_article(db, library.sample_id, "csv"))
    }
    brannagh = rows[library.sample_quotes["brannagh"]]
    document = services.list_source_documents(db, article_id=library.sample_id)[0]
    assert brannagh["source_title"] == "Inquiry transcript, opening session"
    assert brannagh["source_url"] == "https://kestrelbay.example/inquiry/transcript-day-1"
    assert brannagh["source_sha256"] == document.sha256
    assert brannagh["verdict"] == "exact" and float(brannagh["score"]) == 100.0
    assert "We are not here to find a villain" in brannagh["passage"]
    assert rows[library.sample_quotes["achterberg"]]["verdict"] == "altered"
    assert rows[library.sample_quotes["anonymous"]]["passage"] == ""


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_json_is_the_whole_log_and_verifies_alone(db, library, tmp_path, which):
    article_id = getattr(library, f"{which}_id")
    data = export.export_article(db, article_id, "json")
    document = json.loads(data)
    assert document["format"] == "workbench-export/1"
    assert document["article"]["id"] == article_id
    quotes = {q["id"]: q for q in document["quotes"]}
    for quote_id, status in library.statuses.items():
        if quote_id in quotes:
            assert quotes[quote_id]["status"] == status
            assert quotes[quote_id]["changed_by"] == library.reviewers[quote_id]
            assert quotes[quote_id]["note"] == library.notes.get(quote_id)
    events = document["audit"]["events"]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert all(len(e["hash"]) == 64 and len(e["prev_hash"]) == 64 for e in events)
    assert document["audit"]["article"]["chain_head"] == events[-1]["hash"]
    seqs = {e["seq"] for e in events}
    assert all(set(q["history"]) <= seqs for q in document["quotes"])
    path = tmp_path / "export.json"
    path.write_bytes(data)
    report = services.verify_audit_file(str(path))
    assert report.ok and report.events == len(events)


def test_json_links_sources_and_rejections(db, library):
    document = json.loads(export.export_article(db, library.sample_id, "json"))
    (primary,) = document["primary_sources"]
    assert (
        primary["title"] == "Inquiry transcript, opening session" and len(primary["sha256"]) == 64
    )
    by_id = {q["id"]: q for q in document["quotes"]}
    (link,) = by_id[library.sample_quotes["achterberg"]]["links"]
    assert link["source_sha256"] == primary["sha256"] and link["verdict"] == "altered"
    kinds = {d["kind"] for d in link["differences"]}
    assert {"source_only", "quote_only"} <= kinds
    assert [q["id"] for q in document["rejected_quotes"]] == [library.sample_quotes["addendum"]]
    assert document["summary"]["rejected"] == 1
    assert document["summary"]["statuses"]["verified"] == 2
    assert {s["name"] for s in document["sources"]} >= {"Hollis Brannagh"}


def test_json_edited_after_export_fails_verification_naming_the_event(db, library, tmp_path):
    document = json.loads(export.export_article(db, library.sample_id, "json"))
    events = document["audit"]["events"]
    target = next(
        e for e in events if e["action"] == "quote.status" and e["to"]["status"] == "misquoted"
    )
    target["to"]["status"] = "verified"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = services.verify_audit_file(str(path))
    assert not report.ok
    (problem,) = report.problems
    assert problem.event_seq == target["seq"]
    assert f"event {target['seq']}" in problem.message


def test_html_escapes_everything_and_runs_nothing(db, library):
    data = export.export_article(db, library.hostile_id, "html")
    page = parse_html(data)
    tags = [tag for tag, _attrs in page.tags]
    assert "script" not in tags and "img" not in tags and "iframe" not in tags
    assert not {"link", "object", "embed", "form", "base"} & set(tags)  # self-contained
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
            if name in ("href", "src"):
                assert value.startswith(("#", "https://", "http://")), value
    csp = [
        a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert (
        csp and "default-src 'none'" in csp[0]["content"] and "script-src" not in csp[0]["content"]
    )
    text = page.visible
    # The attacker's text is there, as text.
    for shown in (
        SCRIPT_QUOTE,
        HYPERLINK,
        HOSTILE_NOTE,
        HOSTILE_ORIGIN,
        '<script>alert("title")</script>',
    ):
        assert shown in text, shown
    raw = data.decode("utf-8")
    assert "<script" not in raw.lower()  # only ever as &lt;script&gt;, which is text
    assert "<img" not in raw


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_html_report_has_summary_badges_notes_and_history(db, library, which):
    article_id = getattr(library, f"{which}_id")
    page = parse_html(export.export_article(db, article_id, "html"))
    text = page.visible
    summary = services.list_articles(db)[article_id - 1]
    assert f"{summary.reviewed} of {summary.quote_count} quotes have a verdict" in text
    badges = [a for t, a in page.tags if t == "span" and "badge" in (a.get("class") or "")]
    assert len(badges) >= 6 + len(services.list_quotes(db, article_id=article_id))
    for quote_id, status in library.statuses.items():
        if quote_id in _quotes(db, article_id):
            label = {"in_review": "In review"}.get(status, status.capitalize())
            assert label in text  # the badge says it in words, not in colour alone
            assert library.reviewers[quote_id] in text
            if quote_id in library.notes:
                assert library.notes[quote_id] in text
    assert "status Unverified →" in text  # history


def test_html_marks_the_differences_of_a_misquote(db, library):
    page = parse_html(export.export_article(db, library.sample_id, "html"))
    struck = " ".join(page.marked["del"])
    underlined = " ".join(page.marked["ins"])
    assert "who asked" in struck  # in the transcript, dropped by the article
    assert "hadn’t" in underlined  # the article's wording, not the transcript's


def test_html_preview_is_the_exported_page(db, library):
    html = export.render_html_report(db, library.sample_id)
    assert isinstance(html, str) and html.startswith("<!DOCTYPE html>")
    assert parse_html(html).visible.count("Quote #") == len(
        services.list_quotes(db, article_id=library.sample_id)
    )


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_pdf_text_can_be_extracted_with_statuses_reviewers_and_notes(db, library, which):
    article_id = getattr(library, f"{which}_id")
    data = export.export_article(db, article_id, "pdf")
    assert data.startswith(b"%PDF-")
    text = flat(pdf_text(data))
    quotes = _quotes(db, article_id)
    for quote_id, status in library.statuses.items():
        if quote_id in quotes:
            label = {"in_review": "In review"}.get(status, status.capitalize())
            assert label in text
            assert library.reviewers[quote_id] in text
            note = library.notes.get(quote_id)
            if note:
                assert flat(note.replace("\t", " ")) in text


def test_pdf_renders_curly_quotes_guillemets_and_accents(db, library):
    text = flat(pdf_text(export.export_article(db, library.sample_id, "pdf")))
    assert ACCENTED_NOTE in text  # «scandale», café, naïvement, “à la lettre”, d’un
    assert "“We are not here to find a villain." in text
    assert "✓ Verified" in text and "✗ Misquoted" in text


def test_pdf_prints_hostile_text_as_text(db, library):
    text = flat(pdf_text(export.export_article(db, library.hostile_id, "pdf")))
    assert flat(SCRIPT_QUOTE) in text
    assert "=HYPERLINK(" in text and HOSTILE_ORIGIN in text


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_claimreview_one_per_reviewed_quote(db, library, which):
    article_id = getattr(library, f"{which}_id")
    data = export.export_article(db, article_id, "claimreview")
    assert b"<" not in data and b">" not in data  # safe inside <script type=application/ld+json>
    reviews = jsonld(data)
    quotes = _quotes(db, article_id)
    reviewed = [q for q in quotes.values() if q.status not in ("unverified", "in_review")]
    assert len(reviews) == len(reviewed) > 0
    article = services.get_article(db, article_id=article_id)
    for review, quote in zip(reviews, reviewed, strict=True):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == quote.text
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["appearance"]["@type"] == "NewsArticle"
        assert claim["appearance"].get("headline") == article.title
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == str(quote.status).capitalize()
        assert rating["ratingExplanation"] == quote.note
        assert review["author"] == {"@type": "Person", "name": quote.changed_by}
        assert review["datePublished"] == quote.changed_at[:10]
        if quote.speaker is None:
            assert "author" not in claim
        elif quote.speaker.anonymous:
            assert claim["author"] == {"@type": "Person", "description": quote.speaker.name}
        else:
            assert claim["author"]["name"] == quote.speaker.name
    # A javascript: origin is never published as the article's address.
    assert all("url" not in r["itemReviewed"]["appearance"] for r in reviews)


def test_claimreview_ratings_follow_the_documented_mapping(db, library):
    reviews = jsonld(export.export_article(db, library.hostile_id, "claimreview"))
    ratings = {r["reviewRating"]["alternateName"]: r["reviewRating"] for r in reviews}
    assert ratings["Verified"]["ratingValue"] == 5
    assert ratings["Misquoted"]["ratingValue"] == 2
    assert ratings["Misattributed"]["ratingValue"] == 1
    assert "ratingValue" not in ratings["Unverifiable"]
    assert {r["bestRating"] for r in ratings.values() if "bestRating" in r} == {5}


def test_claimreview_author_is_the_organisation_when_known(db, library):
    from workbench.export.model import read_export

    selection = read_export(db, [library.sample_id], organization="Kestrel Bay Courier")
    reviews = jsonld(export.render(selection, "claimreview"))
    assert {json.dumps(r["author"]) for r in reviews} == {
        json.dumps({"@type": "Organization", "name": "Kestrel Bay Courier"})
    }
    assert {r["creator"]["name"] for r in reviews} == {"Ada Reyes", "Ben Ode"}


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_unknown_article_is_a_user_error(db, library, fmt):
    with pytest.raises(UserError, match="no article 999"):
        export.export_article(db, 999, fmt)


def test_unknown_format_is_a_user_error(db, library):
    with pytest.raises(UserError, match="not an export format"):
        export.export_article(db, library.sample_id, "xlsx")


def test_library_filters_by_status_and_import_date(db, library):
    rows = csv_rows(export.export_library(db, "csv", statuses=["verified"]))
    assert {r["status"] for r in rows} == {"verified"}
    assert {int(r["article_id"]) for r in rows} == {library.sample_id, library.hostile_id}
    rows = csv_rows(export.export_library(db, "csv", statuses=["misattributed"]))
    assert {int(r["article_id"]) for r in rows} == {library.hostile_id}
    everything = csv_rows(export.export_library(db, "csv"))
    assert len(everything) == sum(
        len(_quotes(db, a)) for a in (library.sample_id, library.hostile_id)
    )
    imported = services.get_article(db, article_id=library.sample_id).imported_at[:10]
    assert len(csv_rows(export.export_library(db, "csv", since=imported, until=imported))) == len(
        everything
    )
    assert csv_rows(export.export_library(db, "csv", since="2999-01-01")) == []
    assert csv_rows(export.export_library(db, "csv", until="2000-01-01")) == []
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        export.export_library(db, "csv", since="last tuesday")
    with pytest.raises(UserError, match="not a status"):
        export.export_library(db, "csv", statuses=["approved"])


def test_library_json_verifies_every_article(db, library, tmp_path):
    data = export.export_library(db, "json", statuses=["misquoted"])
    document = json.loads(data)
    assert document["filters"]["status"] == ["misquoted"]
    assert len(document["articles"]) == 2
    assert all(q["status"] == "misquoted" for a in document["articles"] for q in a["quotes"])
    assert len(audit.records_in(document)) == 2
    path = tmp_path / "library.json"
    path.write_bytes(data)
    report = services.verify_audit_file(str(path))
    assert report.ok and report.articles == 2


@pytest.mark.parametrize("fmt", ["html", "pdf", "claimreview"])
def test_library_reports_open(db, library, fmt):
    data = export.export_library(db, fmt)
    if fmt == "html":
        text = parse_html(data).visible
        assert "Review of 2 articles" in text and SCRIPT_QUOTE in text
    elif fmt == "pdf":
        text = flat(pdf_text(data))
        assert "Review of 2 articles" in text and "Kestrel Bay opens inquiry" in text
    else:
        assert {r["@type"] for r in jsonld(data)} == {"ClaimReview"}
