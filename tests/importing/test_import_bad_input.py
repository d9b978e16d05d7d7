"""Bad input of every kind is refused with one clear sentence, never an unexpected exception."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from importing_samples import (
    DEJAVU,
    PARAGRAPHS,
    encrypt_pdf,
    make_docx,
    make_drawing_only_pdf,
    make_pdf,
)

from workbench.errors import UserError
from workbench.importing import MAX_ARTICLE_BYTES, article_from_bytes, load_article

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def bad_files() -> dict[str, tuple[str, bytes | None, str]]:
    """name → (file name, content, words the message must contain); None content = no file."""
    docx = make_docx(PARAGRAPHS)
    files = {
        "missing": ("nowhere.txt", None, "Cannot find the file"),
        "empty": ("empty.txt", b"", "is empty"),
        "whitespace only": ("blank.txt", b"  \r\n\t\n   ", "is empty"),
        "BOM only": ("bom.txt", b"\xef\xbb\xbf\n", "is empty"),
        "NUL bytes": ("data.txt", b"Some words\x00\x01\x02\x00 and more", "binary file"),
        "random bytes": ("noise.txt", bytes(range(1, 32)) * 40 + bytes(range(128, 256)), "binary"),
        "PNG image": ("photo.png", PNG, "PNG image"),
        "image renamed as text": ("photo.txt", PNG, "PNG image"),
        "zip archive": ("bundle.zip", zip_bytes({"notes.txt": b"hello"}), "ZIP archive"),
        "zip renamed as docx": ("fake.docx", zip_bytes({"notes.txt": b"hi"}), "ZIP archive"),
        "truncated docx": ("cut.docx", docx[: len(docx) // 2], "damaged Word document"),
        "docx with broken XML": (
            "broken.docx",
            zip_bytes({"word/document.xml": b"<w:document", "[Content_Types].xml": b"<Types"}),
            "damaged Word document",
        ),
        "text renamed as docx": ("letter.docx", b"Dear editor, this is plain text.", "not a valid"),
        "docx without text": ("blank.docx", make_docx([]), "without any text"),
        "garbage PDF": ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage endobj\n%%EOF", "damaged PDF"),
        "text renamed as pdf": ("report.pdf", b"Just some words, no PDF.", "not a valid PDF"),
        "scanned PDF": ("scan.pdf", make_drawing_only_pdf(), "no text layer"),
        "old Word .doc": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc"),
        "RTF": ("memo.rtf", b"{\\rtf1\\ansi Hello}", "RTF"),
        "OpenDocument": (
            "memo.odt",
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}),
            "OpenDocument",
        ),
        "HTML without article": (
            "menu.html",
            b"<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>",
            "no article text",
        ),
    }
    if DEJAVU.exists():
        pdf = make_pdf([PARAGRAPHS])
        files["encrypted PDF"] = (
            "secret.pdf",
            encrypt_pdf(pdf, user_password="s3cret", owner_password="s3cret"),
            "password-protected",
        )
        files["truncated PDF"] = ("cut.pdf", pdf[:300], "damaged PDF")
    return files


BAD_FILES = bad_files()


def write_bad_file(folder: Path, case: str) -> Path:
    name, content, _ = BAD_FILES[case]
    path = folder / name
    if content is not None:
        path.write_bytes(content)
    return path


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
