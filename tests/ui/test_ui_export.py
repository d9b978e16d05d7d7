"""File ▸ Export… driven as a reviewer would: each format written for the open article and read
back, the HTML report previewed in the dialog, and an existing file replaced only on Yes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from ui_support import LOAD_TIMEOUT, wait_idle

from workbench.domain import Status
from workbench.ui.dialogs.export import ExportChoice, ExportDialog, OverwriteQuestion

TITLE = "Kestrel Bay opens inquiry into Harbour Bridge repair contract"


@pytest.fixture
def reviewed(qtbot, opened):
    """The sample with its first quote marked verified and a note, as an editor would get it."""
    first = opened.review.quotes.quote(0)
    opened.review.select_quote(first.id)
    with qtbot.waitSignal(opened.change_applied, timeout=LOAD_TIMEOUT):
        opened.reviewing.set_status(Status.VERIFIED)
    with qtbot.waitSignal(opened.change_applied, timeout=LOAD_TIMEOUT):
        opened.session.save_note(first.id, "Checked against the council minutes.")
    wait_idle(qtbot, opened)
    return opened


def answer_export(monkeypatch, choice: ExportChoice) -> list[dict]:
    asked: list[dict] = []

    def ask(cls, parent, **kwargs):
        asked.append(kwargs)
        return choice

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    return asked


def export(qtbot, window, monkeypatch, fmt: str, path: Path) -> Path:
    answer_export(monkeypatch, ExportChoice(fmt, path))
    with qtbot.waitSignal(window.session.export_written, timeout=LOAD_TIMEOUT) as written:
        window.window_actions["export"].trigger()
    wait_idle(qtbot, window)
    assert written.args[0] == path
    assert str(path) in window.statusBar().currentMessage()
    return path


def test_csv_for_the_open_article_reads_back_with_statuses_and_notes(
    qtbot, reviewed, monkeypatch, tmp_path
):
    path = export(qtbot, reviewed, monkeypatch, "csv", tmp_path / "review.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert len(rows) == reviewed.review.quotes.rowCount()
    assert {row["article"] for row in rows} == {TITLE}
    first = rows[0]
    assert first["status"] == "verified"
    assert first["reviewer"] == "Test Reviewer"
    assert first["note"] == "Checked against the council minutes."
    assert "Exported the CSV of “" in reviewed.statusBar().currentMessage()


def test_json_for_the_open_article_reads_back_with_its_audit_chain(
    qtbot, reviewed, monkeypatch, tmp_path
):
    path = export(qtbot, reviewed, monkeypatch, "json", tmp_path / "review.json")
    data = json.loads(path.read_text("utf-8"))
    assert data["article"]["title"] == TITLE
    assert data["summary"]["statuses"]["verified"] == 1
    assert data["quotes"][0]["status"] == "verified"
    assert data["audit"]


@pytest.mark.parametrize(
    ("fmt", "name", "check"),
    [
        ("html", "report.html", lambda data: TITLE.encode() in data and b"<html" in data.lower()),
        ("pdf", "report.pdf", lambda data: data.startswith(b"%PDF-")),
        ("claimreview", "review.jsonld", lambda data: bool(json.loads(data))),
    ],
)
def test_the_reports_and_claimreview_are_written_for_the_open_article(
    qtbot, reviewed, monkeypatch, tmp_path, fmt, name, check
):
    path = export(qtbot, reviewed, monkeypatch, fmt, tmp_path / name)
    assert check(path.read_bytes())


def test_the_library_export_holds_every_article(qtbot, reviewed, monkeypatch, tmp_path):
    QGuiApplication.clipboard().setText("Ferry fares rise\n\n“We had no choice,” said Mara Olsen.")
    with qtbot.waitSignal(reviewed.article_shown, timeout=LOAD_TIMEOUT):
        reviewed.import_clipboard()
    path = tmp_path / "library.json"
    asked = answer_export(monkeypatch, ExportChoice("json", path))
    with qtbot.waitSignal(reviewed.session.export_written, timeout=LOAD_TIMEOUT):
        reviewed.window_actions["export_library"].trigger()
    assert asked[0]["library"] is True
    titles = [a["article"]["title"] for a in json.loads(path.read_text("utf-8"))["articles"]]
    assert sorted(titles) == sorted([TITLE, "Ferry fares rise"])
    assert "of 2 articles" in reviewed.statusBar().currentMessage()


def test_the_dialog_previews_the_html_report_with_title_and_statuses(qtbot, reviewed):
    dialog = ExportDialog(
        reviewed,
        title=TITLE,
        preview=reviewed.session.report_preview(reviewed.review.bundle.article.id),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: TITLE in dialog.preview_text(), timeout=LOAD_TIMEOUT)
    text = dialog.preview_text()
    assert "Verified" in text and "Unverified" in text
    assert "Checked against the council minutes." in text
    # The file name follows the title and the format.
    assert (
        Path(dialog.path.text()).name
        == "kestrel-bay-opens-inquiry-into-harbour-bridge-repair-contract.pdf"
    )
    dialog.set_format("csv")
    assert dialog.choice().path.suffix == ".csv" and dialog.choice().fmt == "csv"
    dialog.reject()


def test_the_preview_shows_an_article_s_markup_as_text_and_loads_nothing(qtbot, window):
    QGuiApplication.clipboard().setText(
        "Hostile\n\n“<script>alert(1)</script> is fine,” said Ann Lee."
    )
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.import_clipboard()
    dialog = ExportDialog(
        window,
        title="Hostile",
        preview=window.session.report_preview(window.review.bundle.article.id),
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "alert(1)" in dialog.preview_text(), timeout=LOAD_TIMEOUT)
    assert "<script>alert(1)</script>" in dialog.preview_text()  # shown as words, not run
    # Nothing a report names is fetched or read, whatever it is.
    assert dialog.preview.loadResource(2, QUrl("http://127.0.0.1:9/x.png")) is None
    assert dialog.preview.loadResource(2, QUrl.fromLocalFile("/etc/passwd")) is None
    dialog.reject()


def test_an_existing_file_is_replaced_only_when_the_reviewer_says_yes(
    qtbot, reviewed, monkeypatch, tmp_path
):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "review.csv"
    path.write_text("an older export\n", encoding="utf-8")
    answers: list[Path] = []
    monkeypatch.setattr(
        OverwriteQuestion, "ask", classmethod(lambda cls, parent, p: answers.append(p) or False)
    )
    answer_export(monkeypatch, ExportChoice("csv", path))
    reviewed.window_actions["export"].trigger()
    qtbot.waitUntil(lambda: answers == [path], timeout=LOAD_TIMEOUT)
    wait_idle(qtbot, reviewed)
    assert path.read_text("utf-8") == "an older export\n"
    assert "left as it was" in reviewed.statusBar().currentMessage()
    assert [p.name for p in path.parent.iterdir()] == ["review.csv"]  # no temporary file left

    monkeypatch.setattr(OverwriteQuestion, "ask", classmethod(lambda cls, parent, p: True))
    with qtbot.waitSignal(reviewed.session.export_written, timeout=LOAD_TIMEOUT):
        reviewed.window_actions["export"].trigger()
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert rows and rows[0]["status"] == "verified"


def test_a_folder_that_does_not_exist_is_one_sentence(qtbot, reviewed, monkeypatch, tmp_path):
    answer_export(monkeypatch, ExportChoice("pdf", tmp_path / "missing" / "report.pdf"))
    with qtbot.waitSignal(reviewed.error_shown, timeout=LOAD_TIMEOUT) as shown:
        reviewed.window_actions["export"].trigger()
    message = shown.args[0]
    assert "does not exist" in message and message.count(".") <= 3
    wait_idle(qtbot, reviewed)


def test_export_without_an_open_article_says_what_to_do(qtbot, window):
    with qtbot.waitSignal(window.error_shown, timeout=LOAD_TIMEOUT) as shown:
        window.export_review()
    assert "Open an article first" in shown.args[0]


def test_the_library_dialog_filters_by_status_and_date_and_previews_the_choice(qtbot, reviewed):
    dialog = ExportDialog(
        reviewed, title="", library=True, preview=reviewed.session.report_preview(None)
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: TITLE in dialog.preview_text(), timeout=LOAD_TIMEOUT)
    dialog.status_boxes[Status.MISQUOTED].setChecked(True)  # no quote has it: nothing left
    qtbot.waitUntil(lambda: TITLE not in dialog.preview_text(), timeout=LOAD_TIMEOUT)
    dialog.status_boxes[Status.VERIFIED].setChecked(True)
    qtbot.waitUntil(lambda: TITLE in dialog.preview_text(), timeout=LOAD_TIMEOUT)
    dialog.dated.setChecked(True)
    choice = dialog.choice()
    assert choice.statuses == (Status.VERIFIED, Status.MISQUOTED)
    assert choice.since is not None and choice.since <= choice.until
    assert Path(dialog.path.text()).name == "workbench-library.pdf"
    dialog.reject()
    wait_idle(qtbot, reviewed)
