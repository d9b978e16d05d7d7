"""The review commands as a user and a script see them: import, articles, quotes, mark, audit.

The must-show sequence of issue #3 runs on a fresh SQLite file and on a fresh PostgreSQL
database (when WORKBENCH_TEST_PG_URL names a server).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench import services
from workbench.storage import open_database
from workbench.storage.scratch import scratch_postgres_database

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "resources" / "samples" / "harbour-bridge-inquiry.txt"
QUOTE_KEYS = {"id", "start", "end", "text", "kind", "speaker", "status", "note", "links"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_arg(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "cli.sqlite")
        return
    server = os.environ.get("WORKBENCH_TEST_PG_URL")
    if not server:
        pytest.skip("WORKBENCH_TEST_PG_URL is not set (no PostgreSQL server for the tests)")
    with scratch_postgres_database(server) as url:
        yield url


@pytest.fixture
def cli(workbench_cli, db_arg):
    def run(*args: str, **kwargs):
        return workbench_cli("--db", db_arg, *args, **kwargs)

    return run


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _quotes(cli, article_id: int) -> list[dict]:
    return json.loads(_ok(cli("quotes", str(article_id), "--json")))


def _review_sequence(cli, article_id: int) -> None:
    """Issue #3, must show: list (all unverified), mark three ways, read back, bad status, audit."""
    quotes = _quotes(cli, article_id)
    assert len(quotes) >= 3
    assert all(set(q) >= QUOTE_KEYS for q in quotes)
    assert {q["status"] for q in quotes} == {"unverified"}
    first, second, third = (q["id"] for q in quotes[:3])

    out = _ok(
        cli("mark", str(first), "verified", "--note", "Matches the transcript, p. 4",
            "--reviewer", "Ada Reyes", "--json")
    )  # fmt: skip
    marked = json.loads(out)
    assert marked["status"] == "verified" and marked["previous_status"] == "unverified"
    assert marked["changed_by"] == "Ada Reyes" and len(marked["event"]["hash"]) == 64
    assert "misquoted" in _ok(cli("mark", str(second), "misquoted", "--reviewer", "Ben Ode"))
    _ok(cli("mark", str(third), "in_review"))

    by_id = {q["id"]: q for q in _quotes(cli, article_id)}
    assert by_id[first]["status"] == "verified"
    assert by_id[first]["note"] == "Matches the transcript, p. 4"
    assert by_id[second]["status"] == "misquoted" and by_id[second]["note"] is None
    assert by_id[third]["status"] == "in_review"

    bad = cli("mark", str(first), "approved")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert "'approved' is not a status" in bad.stderr and "misattributed" in bad.stderr

    verified = cli("audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "Audit trail intact: 1 article, 4 events." in verified.stdout

    (summary,) = [a for a in json.loads(_ok(cli("articles", "--json"))) if a["id"] == article_id]
    assert summary["quotes"] == len(quotes) and summary["reviewed"] == 2
    assert summary["statuses"]["in_review"] == 1


def test_the_must_show_sequence_on_the_sample_article(cli):
    """Real import path: needs the extraction engine (it finds 14 quotes in this sample)."""
    imported = json.loads(_ok(cli("import", str(SAMPLE), "--json")))
    assert imported["id"] >= 1 and imported["quotes"] >= 3
    _review_sequence(cli, imported["id"])


def _import_with_added_quotes(cli, db_arg: str, tmp_path: Path) -> int:
    """Import through the CLI, then add the quotes by the reviewer's service (any engine)."""
    article = tmp_path / "council.txt"
    article.write_text(
        "Council votes\n\n“We will not raise the levy,” said Mara Quill.\n\n"
        "“The figures do not add up,” said Tobias Renn.\n\n“Nobody asked,” Quill added.\n",
        encoding="utf-8",
    )
    article_id = int(_ok(cli("import", str(article), "--title", "Council votes")).strip())
    text = article.read_text(encoding="utf-8")
    with open_database(db_arg) as db:
        for words in ("We will not raise the levy", "The figures do not add up", "Nobody asked"):
            start = text.index(words)
            if start not in {q.start for q in services.list_quotes(db, article_id=article_id)}:
                services.add_quote(
                    db, article_id=article_id, start=start, end=start + len(words), reviewer="T"
                )
    return article_id


def test_tampering_makes_audit_verify_fail_and_say_where(cli, db_arg, tmp_path):
    article_id = _import_with_added_quotes(cli, db_arg, tmp_path)
    quote_id = _quotes(cli, article_id)[0]["id"]
    _ok(cli("mark", str(quote_id), "verified", "--note", "ok"))
    with open_database(db_arg) as db, db.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE quote SET status = 'misquoted' WHERE id = {quote_id}")
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"quote {quote_id} (article {article_id})" in result.stderr
    report = json.loads(cli("audit", "verify", "--json").stdout)
    assert not report["ok"] and report["problems"][0]["quote_id"] == quote_id

    with open_database(db_arg) as db:
        record = services.audit_record(db, article_id=article_id)
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"audit": record}), encoding="utf-8")
    from_file = cli("audit", "verify", "--file", str(export))
    assert from_file.returncode == 1 and f"quote {quote_id}" in from_file.stderr


def test_quotes_json_lists_links(cli, db_arg, tmp_path):
    article_id = _import_with_added_quotes(cli, db_arg, tmp_path)
    quote = _quotes(cli, article_id)[0]
    with open_database(db_arg) as db:
        document = services.attach_source_document(
            db, article_id=article_id, origin="minutes.txt", text="QUILL: We will not raise it."
        )
        services.link_passage(
            db, quote_id=quote["id"], source_id=document.id, start=7, end=27, score=88.5,
            verdict="altered",
        )  # fmt: skip
    (link,) = _quotes(cli, article_id)[0]["links"]
    assert {k: link[k] for k in ("source_id", "start", "end", "score", "verdict")} == {
        "source_id": document.id,
        "start": 7,
        "end": 27,
        "score": 88.5,
        "verdict": "altered",
    }
    assert "linked to source" in _ok(cli("quotes", str(article_id)))
    assert _ok(cli("audit", "verify"))


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("quotes", "99"), "no article 99"),
        (("quotes", "abc"), "not an article id"),
        (("mark", "99", "verified"), "no quote 99"),
        (("mark", "x1", "verified"), "not a quote id"),
        (("mark", "1", "verfied"), "not a status"),
        (("import", "/nonexistent/story.txt"), "/nonexistent/story.txt"),
        (("audit", "verify", "--file", "export.json"), "export"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(workbench_cli, args, fragment):
    result = workbench_cli(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert fragment in result.stderr


def test_the_default_database_is_in_the_user_data_folder(workbench_cli, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_DB"}
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nSome text.\n", encoding="utf-8")
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "workbench", "import", str(article), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    default = tmp_path / "xdg-data" / "workbench" / "workbench.sqlite"
    assert default.exists()
    connection = sqlite3.connect(default)
    try:
        assert connection.execute("SELECT count(*) FROM article").fetchone() == (1,)
    finally:
        connection.close()


def test_the_reviewer_in_settings_is_recorded(workbench_cli, tmp_path):
    result = workbench_cli("reviewer", "Settings Reviewer")
    assert "now recorded as Settings Reviewer" in _ok(result)
    assert _ok(workbench_cli("reviewer")).strip() == "Settings Reviewer"
    article = tmp_path / "a.txt"
    article.write_text("Vote\n\n“We won,” said Mara Quill.\n", encoding="utf-8")
    article_id = int(_ok(workbench_cli("import", str(article))).strip())
    with open_database(os.environ["WORKBENCH_DB"]) as db:
        start = article.read_text(encoding="utf-8").index("We won")
        quote = services.add_quote(db, article_id=article_id, start=start, end=start + 6)
    out = _ok(workbench_cli("mark", str(quote.id), "verified"))
    assert "by Settings Reviewer" in out
    out = _ok(workbench_cli("mark", str(quote.id), "unverifiable", "--reviewer", "Other"))
    assert "by Other" in out


def test_import_from_a_url_keeps_the_url_as_origin(workbench_cli, monkeypatch):
    import http.server
    import threading

    # The fetcher refuses loopback unless told the user trusts it, as a newsroom intranet would.
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_HOSTS", "127.0.0.1")

    body = "Vote\n\n“We won the vote,” said Mara Quill.\n".encode()

    class Article(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/vote.txt"
        article_id = json.loads(_ok(workbench_cli("import", url, "--json")))["id"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    (summary,) = json.loads(_ok(workbench_cli("articles", "--json")))
    assert summary["id"] == article_id and summary["origin"] == url
