"""The export's parts alone: CSV neutralising, marked differences, atomic files, fonts, no Qt."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.errors import EnvironmentFault, UserError
from workbench.export import TargetExists, files, fonts, write_export
from workbench.export.csv_export import neutralise
from workbench.export.html_report import origin_html
from workbench.export.model import CONTEXT, QUOTE_ONLY, SAME, SOURCE_ONLY, mark_differences


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Plain words", " =1", "“=1”", "", None, 3, "'already"])
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == ("" if value is None else str(value))


def test_differences_keep_the_source_spacing_and_mark_both_sides():
    passage = "He said: We do not agree on everything,  and we were reluctant to share."
    quote = "We don’t agree on everything, and we were hesitant to share."
    segments, remark = mark_differences(passage, quote)
    assert remark is None
    kinds = {s.kind for s in segments}
    assert {SAME, SOURCE_ONLY, QUOTE_ONLY} <= kinds
    source_side = "".join(s.text for s in segments if s.kind != QUOTE_ONLY)
    assert source_side.replace(" ", "") == passage.replace(" ", "")
    assert "reluctant" in [s.text for s in segments if s.kind == SOURCE_ONLY]
    assert "hesitant" in [s.text for s in segments if s.kind == QUOTE_ONLY]
    assert segments[0].kind == CONTEXT and segments[0].text.startswith("He said")


def test_a_passage_with_nothing_in_common_is_shown_unmarked():
    segments, remark = mark_differences("alpha beta gamma", "entirely other words")
    assert [s.kind for s in segments] == [CONTEXT] and remark


def test_only_web_addresses_become_links():
    assert origin_html("https://example.org/a?b=1&c=2").startswith(
        '<a href="https://example.org/a?b=1&amp;c=2"'
    )
    for hostile in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>",
        "/home/me/a.txt",
    ):
        assert "<a" not in origin_html(hostile)


def test_write_is_atomic_and_refuses_an_existing_file(tmp_path):
    target = tmp_path / "out.csv"
    write_export(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(TargetExists, match="--force"):
        write_export(target, b"second")
    assert target.read_bytes() == b"first"
    write_export(target, b"second", overwrite=True)
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # an ordinary document, not 0600


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "race.html"
    real_check = files.check_target

    def check_then_someone_writes(path, *, overwrite):
        checked = real_check(path, overwrite=overwrite)
        target.write_bytes(b"written by someone else")
        return checked

    monkeypatch.setattr(files, "check_target", check_then_someone_writes)
    with pytest.raises(TargetExists):
        files.write_atomically(target, b"ours", overwrite=False)
    assert target.read_bytes() == b"written by someone else"
    assert [p.name for p in tmp_path.iterdir()] == ["race.html"]


def test_a_full_disk_leaves_neither_half_a_file_nor_a_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old report")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(EnvironmentFault, match="No space left"):
        write_export(target, b"new report", overwrite=True)
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_folder_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(UserError, match="is a folder"):
        write_export(tmp_path, b"x")
    with pytest.raises(UserError, match="does not exist"):
        write_export(tmp_path / "missing" / "x.csv", b"x")


def test_no_unicode_font_is_a_sentence_that_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "font_folders", lambda: [tmp_path])
    with pytest.raises(EnvironmentFault, match="fonts-dejavu-core"):
        fonts.find_fonts()


def test_a_font_folder_can_be_named(monkeypatch, tmp_path):
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVu is not installed here")
    (tmp_path / "DejaVuSans.ttf").write_bytes(dejavu.read_bytes())
    monkeypatch.setenv("WORKBENCH_FONT_DIR", str(tmp_path))
    found = fonts.find_fonts()
    assert found.regular == tmp_path / "DejaVuSans.ttf"
    assert found.bold == found.regular  # a missing style falls back to the regular face


def test_exporting_a_pdf_loads_no_qt(library):
    code = (
        "import sys\n"
        "from workbench.storage import open_database\n"
        "from workbench.export import export_article\n"
        f"db = open_database({str(library.db_path)!r})\n"
        f"assert export_article(db, {library.sample_id}, 'pdf').startswith(b'%PDF-')\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
