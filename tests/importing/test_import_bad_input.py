"""Bad input of every kind is refused with one clear sentence, never an unexpected exception."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bad_inputs import BAD_FILES, write_bad_file

from workbench.errors import UserError
from workbench.importing import MAX_ARTICLE_BYTES, article_from_bytes, load_article


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_is_one_sentence_naming_the_file(tmp_path, case):
    path = write_bad_file(tmp_path, case)
    with pytest.raises(UserError) as caught:
        load_article(str(path))
    message = str(caught.value)
    assert BAD_FILES[case][2] in message
    assert str(path) in message
    assert "\n" not in message
    assert message.endswith(".")


def test_folder_is_refused(tmp_path):
    with pytest.raises(UserError, match="is a folder, not a file"):
        load_article(str(tmp_path))


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: costs no disk space

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened although it is too large")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(UserError, match=r"over the 20 MB limit"):
        load_article(str(path))


def test_the_size_limit_can_be_lowered(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("x" * 2000)
    with pytest.raises(UserError, match=r"1.95 KB, over the 1000 bytes limit"):
        load_article(str(path), max_bytes=1000)


def test_permission_denied_is_a_user_error(tmp_path, monkeypatch):
    # Running as root bypasses file modes, so the refusal is simulated where the OS would raise it.
    path = tmp_path / "private.txt"
    path.write_text("Text.")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(UserError, match="Permission denied reading"):
        load_article(str(path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_mode_is_a_user_error(tmp_path):
    path = tmp_path / "private.txt"
    path.write_text("Text.")
    path.chmod(0)
    with pytest.raises(UserError, match="Permission denied reading"):
        load_article(str(path))


def test_web_address_without_scheme_gets_a_hint():
    with pytest.raises(UserError, match="start it with https://"):
        load_article("www.riverside-ledger.example/news/flood-barrier")


@pytest.mark.parametrize("address", ["ftp://files.example/article.txt", "file:///etc/hostname"])
def test_non_web_scheme_is_refused(address):
    with pytest.raises(UserError, match="only http:// and https://"):
        load_article(address)


def test_bytes_without_a_file_name_extension_still_refuse_binary():
    with pytest.raises(UserError, match="binary file"):
        article_from_bytes(b"\x00\x01\x02\x03" * 10, filename="blob")
