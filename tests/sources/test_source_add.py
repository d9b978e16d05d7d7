"""`workbench source add` from files and pasted text: evidence snapshots, reuse, and bad input."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from source_helpers import HEARING, assert_one_sentence, row_counts

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TESTIMONY = [
    "Evidence of Ms Funmi Adeyemi to the scrutiny committee.",
    "The footbridge was the only safe route to the school for three hundred children.",
]
SUBTITLES_VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.500\n"
    "<v Funmi Adeyemi>The footbridge was the only safe route\n\n"
    "00:00:04.500 --> 00:00:08.250\n"
    "<v Funmi Adeyemi>to the school for three hundred children.\n"
)
SUBTITLES_SRT = (
    "1\n00:00:01,000 --> 00:00:04,500\nThe footbridge was the only safe route\n\n"
    "2\n00:00:04,500 --> 00:00:08,250\nto the school for three hundred children.\n"
)
NOTES = (
    "From: Funmi Adeyemi\nTo: Carys Penhallow\nSubject: Re: the footbridge\n\n"
    "Happy to be quoted: we want an honest timetable and a crossing guard on the ring road.\n"
)


def make_pdf(paragraphs: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A page with marks and no text layer, as a scanner makes it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250)
    return bytes(pdf.output())


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def stored(db_path: Path, source_id: int) -> dict:
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        row = connection.execute("SELECT * FROM source_document WHERE id = ?", (source_id,))
        return dict(row.fetchone())
    finally:
        connection.close()


def add_json(run, article_id: int, location, stdin: bytes = b"") -> dict:
    result = run("source", "add", article_id, location, "--json", stdin=stdin)
    assert result.code == 0, result.err
    return json.loads(result.out)


def locate(run, source_id: int, quote: str) -> dict:
    result = run("locate", "--source", source_id, "--quote", quote, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


QUOTE = "The footbridge was the only safe route to the school for three hundred children."


@pytest.mark.parametrize(
    "name, content, media_type",
    [
        ("testimony.txt", "\n\n".join(TESTIMONY).encode("utf-8"), "text/plain"),
        ("testimony.md", ("# Evidence\n\n" + "\n\n".join(TESTIMONY)).encode(), "text/markdown"),
        (
            "testimony.html",
            (
                "<!doctype html><html><head><title>Evidence</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in TESTIMONY)
                + "</article></body></html>"
            ).encode(),
            "text/html",
        ),
        ("testimony.pdf", None, "application/pdf"),
        ("testimony.docx", None, "application/vnd.openxmlformats-officedocument"),
    ],
)
def test_documents_are_captured_with_bytes_text_and_digest(
    run, article_id, db_path, tmp_path, name, content, media_type
):
    if content is None:
        content = make_pdf(TESTIMONY) if name.endswith(".pdf") else make_docx(TESTIMONY)
    path = tmp_path / name
    path.write_bytes(content)
    added = add_json(run, article_id, path)
    assert added["sha256"] == hashlib.sha256(content).hexdigest()
    assert added["media_type"].startswith(media_type)
    assert added["origin"] == str(path.resolve())
    assert added["article_ids"] == [article_id] and added["reused"] is False
    row = stored(db_path, added["id"])
    assert row["raw"] == content and row["sha256"] == added["sha256"]
    assert row["captured_at"].endswith("Z") and row["http_status"] is None
    assert locate(run, added["id"], QUOTE)["verdict"] == "exact"


@pytest.mark.parametrize(
    "name, content, times",
    [
        ("briefing.vtt", SUBTITLES_VTT, {"start": "00:00:01.000", "end": "00:00:08.250"}),
        ("briefing.srt", SUBTITLES_SRT, {"start": "00:00:01,000", "end": "00:00:08,250"}),
    ],
)
def test_subtitles_keep_their_timestamps(run, article_id, db_path, tmp_path, name, content, times):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    added = add_json(run, article_id, path)
    assert stored(db_path, added["id"])["text"] == content  # kept exactly, timings and all
    record = locate(run, added["id"], QUOTE)
    assert record["verdict"] == "exact"
    assert record["timestamp"] == times


def test_pasted_text_is_a_source(run, article_id, db_path):
    added = add_json(run, article_id, "-", stdin=NOTES.encode("utf-8"))
    assert added["origin"] == "pasted text" and added["media_type"] == "text/plain"
    assert added["sha256"] == hashlib.sha256(NOTES.encode("utf-8")).hexdigest()
    assert stored(db_path, added["id"])["text"] == NOTES
    record = locate(run, added["id"], "we want an honest timetable")
    assert record["verdict"] == "exact"
    # Pasted text has nowhere to be read again: recheck says so in one sentence.
    assert_one_sentence(run("source", "recheck", added["id"]), "pasted")


def test_the_same_bytes_are_stored_once_and_shared_by_articles(run, article_id, db_path, tmp_path):
    first = add_json(run, article_id, HEARING)
    again = add_json(run, article_id, HEARING)
    assert again["id"] == first["id"] and again["already_attached"] is True
    copy = tmp_path / "copy-of-hearing.txt"
    copy.write_bytes(HEARING.read_bytes())
    other = int(run("import", HEARING.parent / "millbrook_article.txt").out)
    shared = add_json(run, other, copy)
    assert shared["id"] == first["id"] and shared["reused"] is True
    assert shared["article_ids"] == [article_id, other]
    assert row_counts(db_path)["source_document"] == 1
    assert row_counts(db_path)["source_attachment"] == 2
    listed = json.loads(run("source", "list", other, "--json").out)
    assert [d["id"] for d in listed] == [first["id"]]
    # Quotes of both articles can be linked to the one snapshot.
    quote = json.loads(run("quotes", other, "--json").out)[0]
    assert run("link", quote["id"], first["id"]).code == 0
    assert "intact" in run("audit", "verify").out


def test_readable_output_prints_the_id(run, article_id):
    result = run("source", "add", article_id, HEARING)
    assert result.code == 0 and result.out.strip().isdigit()
    listing = run("source", "list", article_id).out
    assert "MILLBROOK DISTRICT COUNCIL" in listing


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    cases = {
        "missing": (tmp_path / "nowhere.txt", "Cannot find"),
        "folder": (tmp_path, "folder"),
        "empty": (tmp_path / "empty.txt", "empty"),
        "blank": (tmp_path / "blank.txt", "empty"),
        "binary": (tmp_path / "blob.txt", "binary"),
        "image": (tmp_path / "photo.txt", "PNG image"),
        "scanned pdf": (tmp_path / "scan.pdf", "no text layer"),
        "broken pdf": (tmp_path / "broken.pdf", "PDF"),
        "empty subtitles": (tmp_path / "empty.vtt", "empty"),
        "binary subtitles": (tmp_path / "blob.srt", "binary"),
        "too large": (tmp_path / "huge.txt", "limit"),
    }
    with (tmp_path / "huge.txt").open("wb") as huge:
        huge.truncate(21 * 1024 * 1024)  # sparse: refused by its size before it is read
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "scan.pdf").write_bytes(make_scanned_pdf())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not a real PDF body")
    (tmp_path / "empty.vtt").write_bytes(b"\n\n")
    (tmp_path / "blob.srt").write_bytes(bytes(range(256)) * 8)
    return cases


def test_bad_files_are_one_sentence_and_leave_nothing_behind(run, article_id, db_path, tmp_path):
    before = row_counts(db_path)
    for case, (path, words) in _bad_files(tmp_path).items():
        result = run("source", "add", article_id, path)
        assert result.out == "", case
        assert_one_sentence(result, words)
        assert row_counts(db_path) == before, case


def test_bad_ids_and_empty_paste(run, article_id, db_path):
    before = row_counts(db_path)
    assert_one_sentence(run("source", "add", 99, HEARING), "no article 99")
    assert_one_sentence(run("source", "add", "x", HEARING), "not an article id")
    assert_one_sentence(run("source", "add", article_id, "-", stdin=b"  \n"), "empty")
    assert_one_sentence(run("source", "add", article_id, "-", stdin=b"\x00\x01\x02" * 50), "binary")
    assert_one_sentence(run("source", "recheck", 42), "no primary source 42")
    assert_one_sentence(run("source", "list", 99), "no article 99")
    assert_one_sentence(run("source", "autolink", article_id), "no primary sources")
    assert_one_sentence(run("link", 1, 42), "no primary source 42")
    assert row_counts(db_path) == before


def test_recheck_of_a_file_source(run, article_id, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\n\n".join(TESTIMONY), encoding="utf-8")
    source_id = int(run("source", "add", article_id, path).out)
    quote = json.loads(run("quotes", article_id, "--json").out)[0]
    assert quote["text"].startswith("The footbridge was the only safe route")
    assert run("link", quote["id"], source_id).code == 0
    same = json.loads(run("source", "recheck", source_id, "--json").out)
    assert same["status"] == "unchanged" and same["links_intact"] is True

    path.write_text(TESTIMONY[0] + "\n", encoding="utf-8")  # the quoted sentence is gone
    changed = json.loads(run("source", "recheck", source_id, "--json").out)
    assert changed["status"] == "changed" and changed["links_intact"] is False
    assert changed["links"][0]["now"]["found"] is False

    path.unlink()
    gone = json.loads(run("source", "recheck", source_id, "--json").out)
    assert gone["status"] == "unavailable" and "Cannot find the file" in gone["problem"]
    assert "unavailable now" in run("source", "recheck", source_id).out


def test_the_source_modules_import_no_qt():
    import subprocess
    import sys

    code = (
        "import sys, workbench.services, workbench.sources.capture, workbench.sources.autolink, "
        "workbench.sources.recheck, workbench.commands.sources; "
        "assert 'PySide6' not in sys.modules, 'the source modules imported Qt'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
