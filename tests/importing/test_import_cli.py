"""End to end: `python -m workbench analyze` on bad input prints one line and exits 2, no traceback."""

from __future__ import annotations

import json
import shutil

import pytest
from bad_inputs import BAD_FILES, write_bad_file
from importing_samples import SAVED_NEWS_PAGE

from workbench.importing import MAX_ARTICLE_BYTES, load_article


def assert_one_line_refusal(result, path) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("workbench: ")
    assert str(path) in lines[0]


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_exits_2_with_one_line(workbench_cli, tmp_path, case):
    path = write_bad_file(tmp_path, case)
    assert_one_line_refusal(workbench_cli("analyze", str(path)), path)


def test_folder_exits_2_with_one_line(workbench_cli, tmp_path):
    assert_one_line_refusal(workbench_cli("analyze", str(tmp_path)), tmp_path)


def test_file_over_the_limit_exits_2_with_one_line(workbench_cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: costs no disk space
    assert_one_line_refusal(workbench_cli("analyze", str(path)), path)


def test_non_web_scheme_exits_2_with_one_line(workbench_cli):
    address = "ftp://files.example/article.txt"
    assert_one_line_refusal(workbench_cli("analyze", address), address)


def test_refused_connection_exits_2_with_one_line(workbench_cli):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/story"
    assert_one_line_refusal(workbench_cli("analyze", address), "127.0.0.1")


def test_analyze_json_reads_a_saved_news_page(workbench_cli, tmp_path):
    page = tmp_path / "flood-barrier.html"
    shutil.copy(SAVED_NEWS_PAGE, page)

    result = workbench_cli("analyze", "--json", str(page))

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["path"] == str(page)
    text = load_article(str(page)).text
    assert record["text_length"] == len(text)
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
