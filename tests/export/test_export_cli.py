"""`workbench export` as a user and a script see it: stdout or -o, --force, --all filters,
clean errors, and an exported JSON that `workbench audit verify --file` checks alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_parsing import FORMULA_STARTS, csv_rows, flat, jsonld, parse_html, pdf_text


@pytest.fixture
def cli(library):
    """Run the real program in a fresh process on the library's database; bytes out."""

    def run(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(library.db_path), *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
            timeout=120,
        )

    return run


def ok(result: subprocess.CompletedProcess) -> bytes:
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    message = result.stderr.decode()
    assert result.returncode == 2, (result.returncode, message)
    assert "Traceback" not in message
    assert message.startswith("workbench: ") and message.count("\n") == 1, message
    for word in words:
        assert word in message, message
    return message


def test_text_formats_go_to_stdout_and_parse(cli, library):
    article = str(library.hostile_id)
    rows = csv_rows(ok(cli("export", article, "--format", "csv")))
    assert rows and all(not c.startswith(FORMULA_STARTS) for r in rows for c in r.values())
    assert json.loads(ok(cli("export", article, "--format", "json")))["article"]["id"] == int(
        article
    )
    page = parse_html(ok(cli("export", article, "--format", "html")))
    assert "script" not in [tag for tag, _ in page.tags]
    reviews = jsonld(ok(cli("export", article, "--format", "claimreview")))
    assert {r["@type"] for r in reviews} == {"ClaimReview"}


def test_pdf_goes_to_a_pipe_but_not_to_a_terminal(cli, library, tmp_path):
    data = ok(cli("export", str(library.sample_id), "--format", "pdf"))
    assert data.startswith(b"%PDF-") and "Kestrel Bay" in flat(pdf_text(data))
    if not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminal on this system")
    leader, follower = os.openpty()
    try:
        result = cli("export", str(library.sample_id), "--format", "pdf", stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    refused(result, "-o FILE")


def test_output_file_then_audit_verify_from_the_export_alone(cli, library, tmp_path, workbench_cli):
    target = tmp_path / "review.json"
    out = ok(cli("export", str(library.sample_id), "--format", "json", "-o", str(target)))
    assert str(target) in out.decode()
    # No database at all: WORKBENCH_DB points at a file that does not exist.
    empty = {"WORKBENCH_DB": str(tmp_path / "none" / "absent.sqlite")}
    verified = workbench_cli("audit", "verify", "--file", str(target), env=empty)
    assert verified.returncode == 0, verified.stderr
    assert "Audit trail intact: 1 article" in verified.stdout

    document = json.loads(target.read_text(encoding="utf-8"))
    event = next(e for e in document["audit"]["events"] if e["action"] == "quote.status")
    event["note"] = "Nothing to see here."
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    broken = workbench_cli("audit", "verify", "--file", str(edited), env=empty)
    assert broken.returncode == 1
    assert f"event {event['seq']} (id {event['id']}), quote.status" in broken.stderr
    assert "edited after it was written" in broken.stderr

    # The readable copy of the quotes is checked against the audit record too.
    document = json.loads(target.read_text(encoding="utf-8"))
    reviewed = next(q for q in document["quotes"] if q["status"] != "unverified")
    reviewed["status"] = "verified" if reviewed["status"] != "verified" else "misquoted"
    edited.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    broken = workbench_cli("audit", "verify", "--file", str(edited), env=empty)
    assert broken.returncode == 1
    assert f"quote {reviewed['id']} in the readable part of the export" in broken.stderr


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_existing_file_needs_force(cli, library, tmp_path, fmt):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"report.{fmt}"
    target.write_bytes(b"the editor's own file")
    refused(cli("export", str(library.sample_id), "--format", fmt, "-o", str(target)), "--force")
    assert target.read_bytes() == b"the editor's own file"
    ok(cli("export", str(library.sample_id), "--format", fmt, "-o", str(target), "--force"))
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") if fmt == "pdf" else csv_rows(data)
    assert sorted(p.name for p in folder.iterdir()) == [target.name]  # no temporary left


def test_unknown_article_is_a_clean_error_and_writes_nothing(cli, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "nothing.html"
    refused(cli("export", "999", "--format", "html", "-o", str(target)), "no article 999")
    assert list(folder.iterdir()) == []
    refused(cli("export", "abc", "--format", "csv"), "not an article id")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((), ("ARTICLE_ID",)),
        (("1", "--all"), ("not both",)),
        (("1", "--status", "verified"), ("--all",)),
        (("--all", "--since", "last week"), ("YYYY-MM-DD",)),
        (("--all", "--status", "approved"), ("not a status",)),
        (("--all", "--since", "2026-05-02", "--until", "2026-05-01"), ("after",)),
    ],
)
def test_bad_requests_are_one_sentence(cli, args, words):
    refused(cli("export", *args, "--format", "csv"), *words)


def test_missing_folder_is_a_clean_error(cli, library, tmp_path):
    target = tmp_path / "no" / "such" / "folder.csv"
    refused(
        cli("export", str(library.sample_id), "--format", "csv", "-o", str(target)),
        "does not exist",
    )


def test_all_with_filters(cli, library, tmp_path):
    rows = csv_rows(ok(cli("export", "--all", "--status", "verified,misquoted", "--format", "csv")))
    assert {r["status"] for r in rows} == {"verified", "misquoted"}
    assert {int(r["article_id"]) for r in rows} == {library.sample_id, library.hostile_id}
    rows = csv_rows(ok(cli("export", "--all", "--status", "misattributed", "--format", "csv")))
    assert [int(r["article_id"]) for r in rows] == [library.hostile_id]

    empty = cli("export", "--all", "--since", "2999-01-01", "--format", "csv")
    assert csv_rows(ok(empty)) == [] and b"no article matches" in empty.stderr

    target = tmp_path / "library.pdf"
    out = ok(cli("export", "--all", "--until", "2999-12-31", "--format", "pdf", "-o", str(target)))
    assert b"2 articles" in out
    text = flat(pdf_text(target.read_bytes()))
    assert "Review of 2 articles" in text and "Council spreadsheet row" in text

    library_json = tmp_path / "library.json"
    ok(cli("export", "--all", "--format", "json", "-o", str(library_json)))
    verified = subprocess.run(
        [sys.executable, "-m", "workbench", "audit", "verify", "--file", str(library_json)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verified.returncode == 0 and "2 articles" in verified.stdout, verified.stderr


def test_export_is_listed_in_help(workbench_cli):
    result = workbench_cli("export", "--help")
    assert result.returncode == 0
    for option in ("--format", "--all", "--status", "--since", "--until", "-o", "--force"):
        assert option in result.stdout


def test_output_dash_means_stdout(cli, library, tmp_path):
    data = ok(cli("export", str(library.sample_id), "--format", "claimreview", "-o", "-"))
    assert jsonld(data)
    assert not Path("-").exists()
