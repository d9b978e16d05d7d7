"""What the command line prints (issue 14, items 7 and 8): article text, titles, names and notes
reach the terminal without control or escape characters, JSON stays faithful, and output to a
full device is one sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from small_articles import make_article

from workbench import services
from workbench.commands.output import terminal_text
from workbench.storage import open_database

RETITLE = "\x1b]0;you have been pwned\x07"  # sets the terminal's window title
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
RED = "\x1b[31m"
HOSTILE_WORDS = f"We will {CLEAR}balance{RED} the budget"
HOSTILE_NOTE = f"Checked{RETITLE} on tape\r\nfaked line"
HOSTILE_TITLE = f"{RETITLE}Budget talks \u202egnikaerb"  # a right-to-left override
ESCAPES = ("\x1b", "\x07", "\x9b", "\r", "\u202e")


def _hostile_article(db_path: str) -> tuple[int, int]:
    with open_database(db_path) as db:
        article, analysis = make_article([(HOSTILE_WORDS, f"Mara {RED}Quill")], title=HOSTILE_TITLE)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        quote_id = services.list_quotes(db, article_id=article_id)[0].id
        services.mark_status(db, quote_id=quote_id, status="verified", note=HOSTILE_NOTE)
        return article_id, quote_id


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, timeout=120
    )


def _clean(output: bytes) -> str:
    text = output.decode("utf-8")
    for character in ESCAPES:
        assert character not in text, (character, text)
    return text


def test_quotes_and_articles_print_no_escape_sequences(tmp_path):
    db = str(tmp_path / "review.sqlite")
    article_id, _quote_id = _hostile_article(db)
    listed = _clean(_run("--db", db, "quotes", str(article_id)).stdout)
    assert "We will balance the budget" in listed and "Mara Quill" in listed
    assert "note: Checked on tape faked line" in listed  # one line: no forged second line
    library = _clean(_run("--db", db, "articles").stdout)
    assert "Budget talks gnikaerb" in library


def test_json_output_keeps_the_text_exactly(tmp_path):
    db = str(tmp_path / "review.sqlite")
    article_id, _quote_id = _hostile_article(db)
    result = _run("--db", db, "quotes", str(article_id), "--json")
    assert b"\x1b" not in result.stdout  # JSON writes it as \u001b
    (quote,) = json.loads(result.stdout)
    assert quote["text"] == HOSTILE_WORDS and quote["note"] == HOSTILE_NOTE


def test_analyze_prints_an_articles_escape_sequences_harmlessly(tmp_path):
    article = tmp_path / "budget.txt"
    paragraph = "The council met on Tuesday to discuss the harbour budget and the levy. " * 12
    article.write_text(
        f"Budget talks\n\n{paragraph}\n\n“{HOSTILE_WORDS},” said Mara Quill.\n", encoding="utf-8"
    )
    printed = _clean(_run("analyze", str(article)).stdout)
    assert "Mara Quill                   “We will balance the budget,”" in printed
    faithful = json.loads(_run("analyze", "--json", str(article)).stdout)
    assert any(HOSTILE_WORDS in q["text"] for q in faithful["quotes"])


def test_terminal_text_keeps_every_script_and_drops_only_controls():
    assert (
        terminal_text("Zoë “señora” 東京 مرحبا 👍🏽\tend\n")
        == "Zoë “señora” 東京 مرحبا 👍🏽\tend\n"
    )
    assert terminal_text(f"a{RETITLE}b\x9b2Jc\x00d\x7fe") == "abcde"
    assert terminal_text("one\r\ntwo\u2028three", one_line=True) == "one two three"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", [("articles",), ("export", "1", "--format", "csv"), ("quotes", "1", "--json")]
)
def test_output_to_a_full_device_is_one_sentence(tmp_path, command):
    db = str(tmp_path / "review.sqlite")
    _hostile_article(db)
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "workbench", "--db", db, *command],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "workbench: Cannot write the output: No space left on device; the disk or device it "
        "goes to is full, so free some space or send the output elsewhere.\n"
    )
