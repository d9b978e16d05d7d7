"""Files of every bad kind the importer must refuse, with the words its message must contain."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from importing_samples import (
    DEJAVU,
    PARAGRAPHS,
    encrypt_pdf,
    make_docx,
    make_drawing_only_pdf,
    make_pdf,
)

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
