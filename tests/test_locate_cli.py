"""`workbench locate` as a user runs it: JSON shape of CONTRACT.md, --quotes order, exit codes."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HEARING = Path(__file__).parent / "matching" / "data" / "council_hearing.txt"
BRIEFING = Path(__file__).parent / "matching" / "data" / "ferry_briefing.vtt"

CONTRACT_KEYS = {
    "found",
    "start",
    "end",
    "score",
    "verdict",
    "passage",
    "diff",
    "elided",
    "speaker",
    "speaker_mismatch",
    "candidates",
    "elapsed_ms",
}


def assert_contract_shape(record: dict) -> None:
    assert record.keys() >= CONTRACT_KEYS
    assert isinstance(record["found"], bool)
    assert isinstance(record["score"], int | float) and 0 <= record["score"] <= 100
    assert record["verdict"] in {"exact", "near_exact", "altered", "not_found"}
    assert isinstance(record["speaker_mismatch"], bool)
    assert isinstance(record["elapsed_ms"], int | float)
    for op in record["diff"]:
        assert set(op) == {"op", "quote", "source"}
        assert op["op"] in {"equal", "replace", "insert", "delete"}
    for gap in record["elided"]:
        assert set(gap) == {"start", "end", "text"}
    for candidate in record["candidates"]:
        assert set(candidate) == {"start", "end", "score"}
    if record["found"]:
        assert isinstance(record["start"], int) and isinstance(record["end"], int)
        assert isinstance(record["passage"], str)
    else:
        assert record["verdict"] == "not_found"
        assert record["start"] is None and record["end"] is None and record["passage"] is None
        assert record["diff"] == []


def one_json_line(result) -> dict:
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return json.loads(lines[0])


def test_locate_json_for_an_altered_quote(workbench_cli):
    result = workbench_cli(
        "locate",
        "--source",
        str(HEARING),
        "--quote",
        "We are asking for charity; we are asking for the truth.",
        "--speaker",
        "Sean Brannigan",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    record = one_json_line(result)
    assert_contract_shape(record)
    assert record["verdict"] == "altered"
    text = HEARING.read_text(encoding="utf-8")
    assert text[record["start"] : record["end"]] == record["passage"]
    assert {"op": "delete", "quote": "", "source": "not"} in record["diff"]
    assert record["speaker"] == "MS ADEYEMI"
    assert record["speaker_mismatch"] is True


def test_locate_json_for_an_ellipsis(workbench_cli):
    quote = "People are angry … The library is the only warm public room"
    result = workbench_cli("locate", "--source", str(HEARING), "--quote", quote, "--json")
    record = one_json_line(result)
    assert_contract_shape(record)
    assert record["verdict"] == "near_exact"
    text = HEARING.read_text(encoding="utf-8")
    [gap] = record["elided"]
    assert text[gap["start"] : gap["end"]] == gap["text"]


def test_not_found_exits_zero(workbench_cli):
    result = workbench_cli(
        "locate",
        "--source",
        str(HEARING),
        "--quote",
        "The mayor promised a new swimming pool by next summer.",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    record = one_json_line(result)
    assert_contract_shape(record)
    assert record["found"] is False


def test_quotes_file_answers_one_line_per_quote_in_order(workbench_cli, tmp_path):
    quotes = [
        "“We were never told that the roof estimate existed,”",
        "The mayor promised a new swimming pool by next summer.",
        "We are asking for charity; we are asking for the truth",
        "The department will not intervene in a local decision ... we will expect it to be "
        "published before the closure takes effect",
        "Let us keep this civil",
    ]
    quotes_file = tmp_path / "quotes.txt"
    quotes_file.write_text("\n".join(quotes[:2]) + "\n\n" + "\n".join(quotes[2:]) + "\n")
    result = workbench_cli(
        "locate", "--source", str(HEARING), "--quotes", str(quotes_file), "--json"
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        assert_contract_shape(record)
    assert [r["quote"] for r in records] == quotes
    assert [r["verdict"] for r in records] == [
        "exact",
        "not_found",
        "altered",
        "near_exact",
        "exact",
    ]


def test_quotes_from_standard_input(workbench_cli):
    result = workbench_cli(
        "locate",
        "--source",
        str(HEARING),
        "--quotes",
        "-",
        "--json",
        input="Who gave you that estimate?\nLet us keep this civil.\n",
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["speaker"] for line in result.stdout.splitlines()] == [
        "MS ADEYEMI",
        "THE CHAIR (Cllr Ruth Obi)",
    ]


def test_readable_output_without_json(workbench_cli):
    result = workbench_cli(
        "locate",
        "--source",
        str(HEARING),
        "--quote",
        "Then your understanding is wrong, Councillor, and the committee was deceived.",
    )
    assert result.returncode == 0, result.stderr
    assert "altered" in result.stdout
    assert "deceived" in result.stdout and "misled" in result.stdout
    assert "Dr. Okafor" in result.stdout


def test_subtitle_source_reports_cue_timestamps(workbench_cli):
    result = workbench_cli(
        "locate",
        "--source",
        str(BRIEFING),
        "--quote",
        "Every cancelled crossing will be refunded in full",
        "--json",
    )
    record = one_json_line(result)
    assert record["verdict"] == "exact"
    assert record["timestamp"] == {"start": "00:00:18.250", "end": "00:00:24.000"}
    assert record["speaker"] == "Harbourmaster Lena Sorensen"


def test_threshold_option(workbench_cli):
    quote = "Then your understanding is wrong, Councillor, and the committee was deceived."
    result = workbench_cli(
        "locate", "--source", str(HEARING), "--quote", quote, "--threshold", "99", "--json"
    )
    record = one_json_line(result)
    assert record["verdict"] == "not_found"
    assert record["candidates"] and record["candidates"][0]["score"] > 90


def assert_user_error(result, *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_unreadable_source_file_exits_2_with_one_line(workbench_cli, tmp_path):
    assert_user_error(
        workbench_cli("locate", "--source", str(tmp_path / "missing.txt"), "--quote", "x")
    )
    assert_user_error(workbench_cli("locate", "--source", str(tmp_path), "--quote", "x"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert_user_error(workbench_cli("locate", "--source", str(empty), "--quote", "x"))
    broken = tmp_path / "broken.vtt"
    broken.write_bytes(b"WEBVTT\n\n\xff\xfe\x00bad")
    assert_user_error(workbench_cli("locate", "--source", str(broken), "--quote", "x"))


def test_empty_quote_exits_2(workbench_cli, tmp_path):
    assert_user_error(workbench_cli("locate", "--source", str(HEARING), "--quote", "  "), "empty")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n \n")
    assert_user_error(workbench_cli("locate", "--source", str(HEARING), "--quotes", str(blank)))
    assert_user_error(
        workbench_cli("locate", "--source", str(HEARING), "--quotes", str(tmp_path / "none.txt"))
    )


def _stored_hearing(workbench_cli, tmp_path) -> tuple[int, dict]:
    """The hearing attached to an article quoting Ms Adeyemi's words as Dr. Okafor's."""
    article = tmp_path / "article.txt"
    article.write_text(
        "Linden Street library row\n\n"
        "“We are asking for charity; we are asking for the truth,” said Sean Brannigan.\n",
        encoding="utf-8",
    )
    article_id = json.loads(workbench_cli("import", str(article), "--json").stdout)["id"]
    added = workbench_cli("source", "add", str(article_id), str(HEARING), "--json")
    assert added.returncode == 0, added.stderr
    [quote] = json.loads(workbench_cli("quotes", str(article_id), "--json").stdout)
    return json.loads(added.stdout)["id"], quote


def test_stored_source_and_quote_ids(workbench_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source_id, quote = _stored_hearing(workbench_cli, tmp_path)
    assert quote["speaker"]["name"] == "Sean Brannigan"
    # The quote's text and speaker come from the database: a misattribution is caught.
    by_ids = one_json_line(
        workbench_cli(
            "locate", "--source", str(source_id), "--quote-id", str(quote["id"]), "--json"
        )
    )
    assert_contract_shape(by_ids)
    assert by_ids["verdict"] == "altered" and by_ids["speaker"] == "MS ADEYEMI"
    assert by_ids["speaker_mismatch"] is True
    # The same answer as from the file, and --speaker overrides the stored speaker.
    from_file = one_json_line(
        workbench_cli("locate", "--source", str(HEARING), "--quote-id", str(quote["id"]), "--json")
    )
    assert (from_file["start"], from_file["end"]) == (by_ids["start"], by_ids["end"])
    overridden = one_json_line(
        workbench_cli(
            "locate", "--source", str(source_id), "--quote", quote["text"],
            "--speaker", "Amara Adeyemi", "--json",
        )
    )  # fmt: skip
    assert overridden["speaker_mismatch"] is False
    # Writes nothing: no link appears.
    [after] = json.loads(workbench_cli("quotes", str(quote["article_id"]), "--json").stdout)
    assert after["links"] == []


def test_unknown_source_and_quote_ids_exit_2(workbench_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_user_error(
        workbench_cli("locate", "--source", "7", "--quote", "anything"), "no primary source 7"
    )
    assert_user_error(
        workbench_cli("locate", "--source", str(HEARING), "--quote-id", "3"), "no quote 3"
    )


def test_an_integer_that_is_an_existing_file_is_a_file(workbench_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "42").write_text("We will publish the survey in full.", encoding="utf-8")
    result = workbench_cli(
        "locate", "--source", "42", "--quote", "we will publish the survey", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert one_json_line(result)["verdict"] == "exact"


def test_bad_threshold_exits_2(workbench_cli):
    assert_user_error(
        workbench_cli("locate", "--source", str(HEARING), "--quote", "civil", "--threshold", "150"),
        "threshold",
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def local_site(tmp_path, monkeypatch):
    """A web server on 127.0.0.1 (any free port) serving a folder with the hearing in it."""
    # The fetcher refuses loopback unless told the user trusts it, as a newsroom intranet would.
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    site = tmp_path / "site"
    site.mkdir()
    (site / "hearing.txt").write_bytes(HEARING.read_bytes())
    (site / "hearing.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Linden Street hearing</title>"
        "</head><body><article><h1>Linden Street hearing</h1>"
        + "".join(
            f"<p>{paragraph}</p>" for paragraph in HEARING.read_text(encoding="utf-8").split("\n\n")
        )
        + "</article></body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("page", ["hearing.txt", "hearing.html"])
def test_url_source_on_a_local_server(workbench_cli, local_site, page):
    result = workbench_cli(
        "locate",
        "--source",
        f"{local_site}/{page}",
        "--quote",
        "The health centre was never approached about sharing the building.",
        "--speaker",
        "Sean Brannigan",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    record = one_json_line(result)
    assert_contract_shape(record)
    assert record["verdict"] == "exact"
    assert record["passage"] == "The health centre was never approached about sharing the building"
    assert record["speaker"] == "Dr. Okafor"
    assert record["speaker_mismatch"] is True


def test_url_that_is_not_there_exits_2(workbench_cli, local_site):
    assert_user_error(
        workbench_cli("locate", "--source", f"{local_site}/missing.txt", "--quote", "civil")
    )
