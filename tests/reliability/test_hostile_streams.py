"""Hostile inputs to importing: pipes, devices, endless standard input, huge text, tag floods.

Each case has its expected sentence and a deadline (the subprocess timeout or the test's own
small input); none measures speed.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from workbench.errors import UserError
from workbench.importing import article_from_bytes, load_article

DEADLINE = 60  # seconds a hostile case may take before the test calls it a hang


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(UserError) as refused:
        load_article(str(fifo))  # opening it would block until a writer comes
    assert str(refused.value) == (
        f"{fifo} is a named pipe (FIFO), not a file; save what it holds to a file and give that path."
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_as_no_file():
    with pytest.raises(UserError, match=r"^/dev/zero is a device, not a file; save"):
        load_article("/dev/zero")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_standard_input_stops_at_the_limit(tmp_path):
    source = tmp_path / "hearing.txt"
    source.write_text("The quay will close for six weeks, the chair said.\n")
    with open("/dev/zero", "rb") as endless:
        result = subprocess.run(
            [sys.executable, "-m", "workbench", "locate", "--source", str(source), "--quotes", "-"],
            stdin=endless,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "workbench: Standard input holds more than 20 MB, over the limit for a list of quotes; "
        "save only the part you need to a file and use that."
    )


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path):
    from workbench.importing.streams import read_capped

    with open(tmp_path / "growing.txt", "wb") as handle:
        handle.write(b"x" * 5000)
    with open(tmp_path / "growing.txt", "rb") as handle, pytest.raises(UserError) as refused:
        read_capped(handle, max_bytes=4096, label="growing.txt")
    assert str(refused.value).startswith("growing.txt holds more than 4 KB, over the limit for an")


def test_a_flood_of_tags_is_refused_naming_the_limit():
    page = b"<html><body><p>The quay closes.</p>" + b"<b></b>" * 1_000_001 + b"</body></html>"
    with pytest.raises(UserError, match=r"flood\.html has more than 2,000,000 HTML tags"):
        article_from_bytes(page, filename="flood.html")


def test_a_pdf_over_the_page_limit_is_refused_naming_it():
    import io

    from reportlab.pdfgen import canvas

    from workbench.importing.pdf_document import extract_pdf

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(3):
        pdf.drawString(
            72, 720, f"Page {number + 1} of the harbour report says the quay will close."
        )
        pdf.showPage()
    pdf.save()
    with pytest.raises(UserError) as refused:
        extract_pdf(buffer.getvalue(), label="report.pdf", max_pages=2)
    assert str(refused.value).startswith("report.pdf has 3 pages, over the 2-page limit")


def test_a_19_mb_text_file_and_a_5_mb_line_import_within_the_deadline(tmp_path):
    wrapped = tmp_path / "wire.txt"
    paragraph = (
        "The port authority will close the north quay for six weeks, its chair said on\n"
        "Tuesday, after a survey found corroded piles under the crane rails.\n\n"
    )
    wrapped.write_text(paragraph * (19 * 1024 * 1024 // len(paragraph)))
    one_line = tmp_path / "line.txt"
    one_line.write_text("the quay will close " * (5 * 1024 * 1024 // 20))
    script = (
        "import sys; from workbench.importing import load_article\n"
        "for path in sys.argv[1:]:\n"
        "    article = load_article(path)\n"
        "    print(len(article.text), article.unwrapped_text is not None)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(wrapped), str(one_line)],
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )
    assert result.returncode == 0, result.stderr
    sizes = [line.split() for line in result.stdout.splitlines()]
    assert sizes == [
        [str(wrapped.stat().st_size), "True"],
        [str(one_line.stat().st_size), "False"],
    ]
