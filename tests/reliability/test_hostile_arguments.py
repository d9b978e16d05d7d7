"""Issue 11 case 5: every mistake on the command line is one sentence with exit status 2.

A corpus of hostile ids, numbers, URLs and settings for every command that reads one, each
with the sentence it must get. The commands run in this process (``cli.main``, as the
installed ``workbench`` does) so the corpus stays quick; a few run as real processes too, to
show that no traceback reaches a terminal. A damaged database is then named as damaged, the
same way, by every command that meets the damage.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import cli, services
from workbench.storage import open_database

HUGE = "99999999999999999999"  # past any integer column: it used to overflow into a traceback


@pytest.fixture(scope="module")
def review_db(tmp_path_factory) -> str:
    """A database with one article (quotes 1–3) and one primary source (1)."""
    path = tmp_path_factory.mktemp("hostile") / "review.sqlite"
    with open_database(path) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        services.attach_source_document(
            db, article_id=article_id, origin="minutes.txt", text="Minutes of the meeting."
        )
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str]:
    """`workbench ARGV…` in this process: its exit status and what it wrote to stderr."""
    try:
        status = cli.main(list(argv))
    except SystemExit as exit_:  # argparse's own refusals leave through exit()
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.err


def one_sentence(status: int, err: str, expected: str, *, exit_status: int = 2) -> None:
    assert status == exit_status, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("workbench: "), err
    assert re.search(expected, err), err


BAD_IDS = [
    (["quotes", HUGE], rf"There is no article {HUGE}: ids go up to 2147483647; `workbench articles`"),
    (["mark", HUGE, "verified"], rf"There is no quote {HUGE}: ids go up to"),
    (["export", HUGE, "--format", "csv"], rf"There is no article {HUGE}"),
    (["source", "add", HUGE, "minutes.txt"], rf"There is no article {HUGE}"),
    (["source", "list", HUGE], rf"There is no article {HUGE}"),
    (["source", "recheck", HUGE], rf"There is no source {HUGE}: .*`workbench source list"),
    (["source", "autolink", HUGE], rf"There is no article {HUGE}"),
    (["source", "reject", HUGE, "1"], rf"There is no quote {HUGE}"),
    (["link", HUGE, "1"], rf"There is no quote {HUGE}"),
    (["link", "1", HUGE], rf"There is no source {HUGE}"),
    (["locate", "--source", "1", "--quote-id", HUGE], rf"There is no quote {HUGE}"),
    (["locate", "--source", HUGE, "--quote", "levy"], rf"There is no source {HUGE}"),
    (["audit", "verify", "--article", HUGE], rf"There is no article {HUGE}"),
    (["mark", "-3", "verified"], r"'-3' is not a quote id \(ids start at 1\)"),
    (["mark", "0", "verified"], r"'0' is not a quote id \(ids start at 1\)"),
    (["mark", "2.5", "verified"], r"'2.5' is not a quote id \(a whole number\)"),
    (["mark", "0x1f", "verified"], r"'0x1f' is not a quote id"),
    (["mark", "1e3", "verified"], r"'1e3' is not a quote id"),
    (["mark", "١", "verified"], r"'١' is not a quote id"),  # an Arabic-Indic one is no id here
    (["quotes", ""], r"'' is not an article id"),
    (["quotes", "seven"], r"'seven' is not an article id"),
    (["locate", "--source", "1", "--quote-id", "first"], r"'first' is not a quote id"),
    (["mark", "1", "verified", "--base-version", "two"], r"'two' is not a quote version"),
    (["mark", "1", "verified", "--base-version", HUGE], r"is not a quote version"),
    (["mark", "1", "verified", "--base-version", "7"], r"Quote #1 is at version 1, not 7; your "
     r"change to verified was not saved\."),
    (["mark", "1", "approved"], r"'approved' is not a status; use one of"),
]  # fmt: skip

BAD_NUMBERS = [
    (["link", "1", "1", "--threshold", "nan"], r"--threshold must be a number from 0 to 100, not 'nan'"),
    (["link", "1", "1", "--threshold", "inf"], r"--threshold must be a number from 0 to 100, not 'inf'"),
    (["link", "1", "1", "--threshold", "-1"], r"--threshold must be a number from 0 to 100"),
    (["source", "autolink", "1", "--threshold", "1e400"], r"--threshold must be a number"),
    (["locate", "--source", "1", "--quote", "x", "--threshold", "NaN"], r"--threshold must be"),
    (["source", "add", "1", "minutes.txt", "--timeout", "nan"], r"--timeout must be a number from 0.1 to 3600 seconds, not 'nan'"),
    (["source", "add", "1", "minutes.txt", "--timeout", "inf"], r"--timeout must be a number from 0.1 to 3600 seconds, not 'inf'"),
    (["source", "recheck", "1", "--timeout", "-5"], r"--timeout must be a number"),
    (["link", "1", "1", "--start", "x", "--end", "4"], r"--start 'x' is not a character offset"),
    (["link", "1", "1", "--start", "0", "--end", HUGE], r"--end '\d+' is not a character offset"),
    (["link", "1", "1", "--start", "-4", "--end", "4"], r"--start '-4' is not a character offset"),
    (["source", "reject", "1", "1", "--start", "1.5", "--end", "3"], r"--start '1.5' is not a character offset"),
    (["link", "1", "1", "--start", "3"], r"Give both --start and --end"),
    (["export", "--all", "--since", "2026-13-45", "--format", "csv"], r"--since '2026-13-45' is not a date"),
    (["export", "--all", "--until", "yesterday", "--format", "csv"], r"--until 'yesterday' is not a date"),
]  # fmt: skip

BAD_USAGE = [
    (["mrk", "1"], r"argument COMMAND: invalid choice: 'mrk'.*`workbench --help` shows how\."),
    (["mark"], r"mark: the following arguments are required: QUOTE_ID, STATUS; `workbench mark --help`"),
    (["export", "1", "--format", "docx"], r"export: argument --format: invalid choice: 'docx'"),
    (["quotes", "1", "--colour"], r"unrecognized arguments: --colour"),
    (["source", "reject", "1", "1", "--start"], r"source reject: argument --start: expected one argument"),
]  # fmt: skip

BAD_URLS = [
    (["import", "http://"], r"http:// has no host name; check the address\."),
    (["import", "https://["], r"https://\[ is not a valid web address"),
    (["source", "add", "1", "http://[::1"], r"http://\[::1 is not a valid web address"),
    (["locate", "--source", "https://", "--quote", "x"], r"https:// has no host name"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "expected"), BAD_IDS + BAD_NUMBERS + BAD_USAGE + BAD_URLS)
def test_a_bad_argument_is_one_sentence_with_status_2(capsys, review_db, argv, expected):
    one_sentence(*run(capsys, "--db", review_db, *argv), expected)


BAD_DATABASES = [
    ("postgresql+nonsense://newsroom/review", r"has no PostgreSQL driver 'postgresql\+nonsense'"),
    ("postgresql+psycopg://ana@127.0.0.1:99999/review", r"port 99999 is not between 1 and 65535"),
    ("postgresql+psycopg://ana@127.0.0.1:port/review", r"is not a database URL the workbench understands"),
    ("postgresql+psycopg://[::1/review", r"is not a database URL the workbench understands"),
    ("sqlite://", r"'sqlite://' is not a database URL .* \(it names no file\)"),
    ("mysql://ana@db.example/review", r"stores its record in SQLite or PostgreSQL, not 'mysql'"),
    ("://", r"'://' is not a database URL"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "expected"), BAD_DATABASES)
def test_a_garbage_database_url_is_one_sentence(capsys, url, expected):
    one_sentence(*run(capsys, "--db", url, "quotes", "1"), expected)


@pytest.mark.parametrize("setting", ["nan", "inf", "-inf", "-5", "1e999", "ten", "90000"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_one_sentence(
    capsys, monkeypatch, review_db, setting
):
    monkeypatch.setenv("WORKBENCH_LOCK_TIMEOUT", setting)
    one_sentence(
        *run(capsys, "--db", review_db, "mark", "1", "verified"),
        rf"WORKBENCH_LOCK_TIMEOUT should be a number of seconds from 0 to 86400, not "
        rf"'{re.escape(setting)}'; unset it to wait 15 s\.",
    )


def test_as_real_processes_no_traceback_reaches_the_terminal(workbench_cli, review_db):
    for argv, expected in [
        (["mark", HUGE, "verified"], r"There is no quote"),
        (["link", "1", "1", "--threshold", "nan"], r"--threshold must be"),
        (["--db", "postgresql+nonsense://x/y", "articles"], r"no PostgreSQL driver"),
    ]:
        result = workbench_cli("--db", review_db, *argv)
        one_sentence(result.returncode, result.stderr, expected)
    result = workbench_cli("--db", review_db, "articles", env={"WORKBENCH_LOCK_TIMEOUT": "inf"})
    one_sentence(result.returncode, result.stderr, r"WORKBENCH_LOCK_TIMEOUT should be")


# --- a damaged database ---------------------------------------------------------------------


@pytest.fixture
def damaged_db(tmp_path) -> Path:
    """A database in which a damaged page has turned the bytes of a quote into no text."""
    path = tmp_path / "damaged.sqlite"
    with open_database(path) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        services.attach_source_document(
            db, article_id=article_id, origin="minutes.txt", text="Minutes of the meeting."
        )
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = path.read_bytes()
    words = b"The figures simply"
    assert data.count(words) >= 2  # in the article's text, the quote's and the import event
    path.write_bytes(data.replace(words, b"\xff\xfe\xff figures simply"))
    return path


DAMAGE = (
    r"The review database .*damaged\.sqlite is damaged or is not a workbench database \(a page "
    r"holds bytes that are not text, in column '\w+'\); it was left untouched\. Restore the "
    r"latest copy from the backups folder beside it \(see docs/backup\.md\), or choose another "
    r"file with --db\."
)


@pytest.mark.parametrize(
    "argv",
    [
        ["quotes", "1"],
        ["mark", "2", "verified"],
        ["export", "1", "--format", "json"],
        ["export", "--all", "--format", "csv"],
        ["audit", "verify"],
        ["locate", "--source", "1", "--quote-id", "2"],
        ["source", "autolink", "1"],
    ],
)
def test_a_damaged_page_is_named_as_damage_with_what_to_do(capsys, damaged_db, argv):
    one_sentence(*run(capsys, "--db", str(damaged_db), *argv), DAMAGE, exit_status=1)
