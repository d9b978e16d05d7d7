"""Read exports back as a consumer would: the csv module, json, html.parser, pypdf."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from pypdf import PdfReader

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VOID = {"meta", "br", "img", "link", "input", "hr", "col", "wbr", "source", "area", "base"}


def csv_rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace collapsed, so text a PDF wrapped over two lines still reads as one."""
    return " ".join(text.split())


class Page(HTMLParser):
    """Every tag with its attributes, the visible text, and the text inside <del> and <ins>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.marked: dict[str, list[str]] = {"del": [], "ins": []}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data):
        if "style" in self._open or "title" in self._open:
            return
        self.text.append(data)
        for tag in ("del", "ins"):
            if tag in self._open:
                self.marked[tag].append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def parse_html(data: bytes | str) -> Page:
    page = Page()
    page.feed(data.decode("utf-8") if isinstance(data, bytes) else data)
    page.close()
    return page


def jsonld(data: bytes) -> list[dict]:
    return json.loads(data.decode("utf-8"))
