"""Read a Word (.docx) draft as Word shows it with its tracked changes accepted, within limits.

The package's XML is streamed with lxml (no entity expansion, no network, bounded depth), one
body block at a time, so a decompression bomb or a million-element document stops at a limit
with a sentence instead of taking the machine. Strict Open XML and a renamed main part are
found the way Word finds them: through the package relationships, whatever the namespace.
Text boxes and content controls are read where they are anchored; footnotes and endnotes come
after the body, each with the marker the body carries.
"""

from __future__ import annotations

import html.entities
import io
import posixpath
import re
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from workbench.errors import UserError
from workbench.importing.extracted import ExtractedText, clean_field, join_paragraphs
from workbench.importing.sizes import describe_size

# python-docx's blank template stamps these on every document it creates; they say nothing.
TEMPLATE_AUTHOR = "python-docx"
TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)

# Limits for one document: XML inflated from the package, elements parsed, seconds spent.
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_ELEMENTS = 5_000_000
MAX_SECONDS = 60.0
MAX_XML_DEPTH = 256  # libxml2's own limit without its "huge" option, which we never set

OFFICE_DOCUMENT = "/officeDocument"  # the end of the relationship type, Transitional or Strict
FOOTNOTES = "/footnotes"
ENDNOTES = "/endnotes"
MAIN_CONTENT_TYPE = "wordprocessingml.document.main+xml"
DELETED = frozenset({"del", "moveFrom"})
INSERTED = frozenset({"ins", "moveTo"})
SKIPPED = frozenset(
    {"instrText", "delText", "delInstrText", "commentReference", "annotationRef", "footnoteRef",
     "endnoteRef", "sectPr", "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak"}
)  # fmt: skip


class _LimitExceeded(Exception):
    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


@dataclass
class _Budget:
    label: str
    deadline: float
    inflated: int = 0
    elements: int = 0

    def take_bytes(self, count: int) -> None:
        self.inflated += count
        if self.inflated > MAX_INFLATED_BYTES:
            raise _LimitExceeded(
                f"{self.label} inflates to more than {describe_size(MAX_INFLATED_BYTES)} of XML, "
                "over the limit for a Word document (it may be a decompression bomb); open it in "
                "your word processor and save it again, or import the text as a file."
            )

    def take_element(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _LimitExceeded(
                f"{self.label} has more than {MAX_ELEMENTS:,} XML elements, over the limit for a "
                "Word document; save the part of it you need as a new document and import that."
            )
        if self.elements % 10_000 == 0 and time.monotonic() > self.deadline:
            raise _LimitExceeded(
                f"Reading {self.label} took longer than the {MAX_SECONDS:g}-second limit for a "
                "Word document; save the part of it you need as a new document and import that."
            )


class _CappedPart(io.RawIOBase):
    """A package part read through the budget, so inflating it stops at the limit."""

    def __init__(self, stream, budget: _Budget) -> None:
        self._stream = stream
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(min(len(buffer), 1 << 16))
        self._budget.take_bytes(len(data))
        buffer[: len(data)] = data
        return len(data)


@dataclass
class _Notes:
    """Footnote and endnote numbers in the order the body first refers to them, as Word does."""

    footnotes: dict[str, int] = field(default_factory=dict)
    endnotes: dict[str, int] = field(default_factory=dict)
    revisions: int = 0
    boxes: int = 0  # text boxes read in after the paragraph they are anchored in
    appended: dict[str, int] = field(default_factory=dict)  # footnotes, endnotes put after the body

    def marker(self, kind: str, note_id: str) -> str:
        numbers = self.footnotes if kind == "footnote" else self.endnotes
        number = numbers.setdefault(note_id, len(numbers) + 1)
        return f"[{number}]" if kind == "footnote" else f"[{_roman(number)}]"


def extract_docx(data: bytes, *, label: str) -> ExtractedText:
    from lxml import etree

    budget = _Budget(label, time.monotonic() + MAX_SECONDS)
    notes = _Notes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main = _main_part(package, budget)
            if main is None:
                raise _damaged(label)
            relations = _relationships(package, _rels_path(main), budget)
            paragraphs = _body_paragraphs(package, main, budget, notes)
            for kind, suffix in (("footnote", FOOTNOTES), ("endnote", ENDNOTES)):
                target = _target(relations, suffix, base=main)
                numbers = notes.footnotes if kind == "footnote" else notes.endnotes
                if target and numbers and target in package.namelist():
                    appended = _note_paragraphs(package, target, kind, budget, notes)
                    paragraphs.extend(appended)
                    notes.appended[kind] = len(appended)
            properties = _core_properties(package, budget)
    except _LimitExceeded as limit:
        raise UserError(limit.sentence) from None
    except UserError:
        raise
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise UserError(
                f"{label} nests its XML more than {MAX_XML_DEPTH} levels deep, over the limit for a "
                "Word document; open it in your word processor, save it again and retry."
            ) from None
        raise _damaged(label) from error
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise _damaged(label) from error
    text = join_paragraphs(paragraphs)
    if not text:
        raise UserError(
            f"{label} is a Word document without any text; check that it is the right file."
        )
    author = properties.get("creator")
    return ExtractedText(
        text=text,
        title=clean_field(properties.get("title")),
        author=None if author == TEMPLATE_AUTHOR else clean_field(author),
        published=_date(properties.get("created")),
        notes=_reading_notes(notes),
        tracked_changes=notes.revisions,
    )


def _reading_notes(notes: _Notes) -> tuple[str, ...]:
    """What the reviewer must know about how the draft was read, a sentence each."""
    found = []
    if notes.revisions:
        found.append(_tracked_changes_note(notes.revisions))
    if notes.boxes:
        found.append(
            "Its text box is read as a paragraph after the one it is anchored in."
            if notes.boxes == 1
            else f"Its {notes.boxes} text boxes are read as paragraphs after the ones they are "
            "anchored in."
        )
    appended = [
        f"{count} {kind}{'' if count == 1 else 's'}"
        for kind, count in notes.appended.items()
        if count
    ]
    if appended:
        found.append(
            f"Its {' and '.join(appended)} follow the text, each marked where the text refers "
            "to it."
        )
    return tuple(found)


def _tracked_changes_note(count: int) -> str:
    changes = "1 tracked change" if count == 1 else f"{count} tracked changes"
    return f"This draft has {changes}; the text shown accepts them."


def _damaged(label: str) -> UserError:
    return UserError(
        f"{label} is a damaged Word document; "
        "open it in your word processor, save it again and retry."
    )


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_small(package: zipfile.ZipFile, name: str, budget: _Budget):
    from lxml import etree

    with package.open(name) as stream:
        return etree.parse(_CappedPart(stream, budget), _parser()).getroot()


def _parser():
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(package: zipfile.ZipFile, name: str, budget: _Budget) -> list[tuple[str, str]]:
    if name not in package.namelist():
        return []
    root = _parse_small(package, name, budget)
    return [
        (element.get("Type", ""), element.get("Target", ""))
        for element in root
        if _local(element.tag) == "Relationship" and element.get("TargetMode") != "External"
    ]


def _target(relations: list[tuple[str, str]], suffix: str, *, base: str) -> str | None:
    for kind, target in relations:
        if kind.endswith(suffix):
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))
    return None


def _main_part(package: zipfile.ZipFile, budget: _Budget) -> str | None:
    """The main document part, as Word finds it: the package's officeDocument relationship."""
    names = set(package.namelist())
    target = _target(_relationships(package, "_rels/.rels", budget), OFFICE_DOCUMENT, base="")
    if target in names:
        return target
    if "[Content_Types].xml" in names:
        for element in _parse_small(package, "[Content_Types].xml", budget):
            if MAIN_CONTENT_TYPE in element.get("ContentType", ""):
                part = element.get("PartName", "").lstrip("/")
                if part in names:
                    return part
    return "word/document.xml" if "word/document.xml" in names else None


def _stream_blocks(package: zipfile.ZipFile, name: str, budget: _Budget, container: str):
    """Each child of the ``container`` element (body, footnote …), whole, then freed."""
    from lxml import etree

    with package.open(name) as stream:
        events = etree.iterparse(
            _CappedPart(stream, budget),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        depth = 0
        container_depth = None
        for event, element in events:
            if event == "start":
                depth += 1
                budget.take_element()
                if container_depth is None and _local(element.tag) == container:
                    container_depth = depth
                continue
            if container_depth is not None and depth == container_depth + 1:
                yield element
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
            if container_depth == depth:
                container_depth = None
            depth -= 1


def _body_paragraphs(package, main: str, budget: _Budget, notes: _Notes) -> list[str]:
    blocks: list[tuple[str, bool]] = []
    for element in _stream_blocks(package, main, budget, "body"):
        blocks.extend(_blocks(element, notes))
    return _accept_merged_marks(blocks)


def _note_paragraphs(package, part: str, kind: str, budget: _Budget, notes: _Notes) -> list[str]:
    numbers = notes.footnotes if kind == "footnote" else notes.endnotes
    found: dict[str, list[str]] = {}
    container = "footnotes" if kind == "footnote" else "endnotes"
    for element in _stream_blocks(package, part, budget, container):
        note_id = _attribute(element, "id")
        if note_id in numbers and _attribute(element, "type") in (None, "normal"):
            found[note_id] = _accept_merged_marks(
                [block for child in element for block in _blocks(child, notes)]
            )
    paragraphs = []
    for note_id, number in sorted(numbers.items(), key=lambda item: item[1]):
        body = " ".join(found.get(note_id, []))
        marker = f"[{number}]" if kind == "footnote" else f"[{_roman(number)}]"
        if body:
            paragraphs.append(f"{marker} {body}")
    return paragraphs


def _attribute(element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _accept_merged_marks(blocks: list[tuple[str, bool]]) -> list[str]:
    """A paragraph whose mark was deleted runs on into the next one once the change is accepted."""
    paragraphs: list[str] = []
    carried = ""
    for text, mark_deleted in blocks:
        text = carried + text
        if mark_deleted:
            carried = text
            continue
        carried = ""
        paragraphs.append(text.strip())
    if carried:
        paragraphs.append(carried.strip())
    return paragraphs


def _blocks(element, notes: _Notes) -> list[tuple[str, bool]]:
    """(text, paragraph mark deleted) for each paragraph in a body-level element, in order."""
    name = _local(element.tag)
    if name == "p":
        return _paragraph(element, notes)
    if name == "tbl":
        return [(row, False) for row in _table_rows(element, notes)]
    if name in SKIPPED:
        return []
    if name in DELETED:
        notes.revisions += 1
        return []
    if name in INSERTED:
        notes.revisions += 1
    if name == "AlternateContent":
        return [block for child in _chosen(element) for block in _blocks(child, notes)]
    return [block for child in element for block in _blocks(child, notes)]


def _chosen(alternate):
    """Word shows the first choice it understands; the fallback repeats the same content."""
    for child in alternate:
        if _local(child.tag) == "Choice":
            return [child]
    return [child for child in alternate if _local(child.tag) == "Fallback"][:1]


def _paragraph(paragraph, notes: _Notes) -> list[tuple[str, bool]]:
    from lxml import etree

    pieces: list[str] = []
    boxes: list[tuple[str, bool]] = []
    mark_deleted = False

    def walk(node) -> None:
        nonlocal mark_deleted
        for child in node:
            if isinstance(child, etree._Entity):
                pieces.append(_entity_text(child))
                pieces.append(child.tail or "")
                continue
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions
            name = _local(child.tag)
            if name == "pPr":
                mark_deleted = any(_local(e.tag) in DELETED for e in _run_properties(child))
            elif name in ("rPr", *SKIPPED):
                continue
            elif name in DELETED:
                notes.revisions += 1
            elif name in INSERTED:
                notes.revisions += 1
                walk(child)
            elif name == "t":
                pieces.append(_text_with_entities(child))
            elif name == "tab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name in ("footnoteReference", "endnoteReference"):
                note_id = _attribute(child, "id")
                if note_id is not None:
                    kind = "footnote" if name == "footnoteReference" else "endnote"
                    pieces.append(notes.marker(kind, note_id))
            elif name == "txbxContent":
                notes.boxes += 1
                boxes.extend(block for box_child in child for block in _blocks(box_child, notes))
            elif name == "AlternateContent":
                for chosen in _chosen(child):
                    walk(chosen)
            elif name in ("p", "tbl"):
                boxes.extend(_blocks(child, notes))
            else:
                walk(child)

    walk(paragraph)
    raw = "".join(pieces)
    text = "\n".join(" ".join(line.split()) for line in raw.split("\n")).strip()
    if mark_deleted:
        notes.revisions += 1
        # The next paragraph runs straight on: keep the space the draft had before the mark.
        if raw[-1:].isspace():
            text += " "
    return [(text, mark_deleted), *boxes]


def _run_properties(paragraph_properties):
    for child in paragraph_properties:
        if _local(child.tag) == "rPr":
            return list(child)
    return []


def _text_with_entities(element) -> str:
    from lxml import etree

    pieces = [element.text or ""]
    for child in element:
        if isinstance(child, etree._Entity):
            pieces.append(_entity_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _entity_text(entity) -> str:
    # Entities are never expanded from the document's own DTD (a billion-laughs bomb); the
    # HTML names people paste (&nbsp;, &rsquo;) are read as the characters they name.
    name = (entity.text or "").strip("&;")
    return html.entities.html5.get(f"{name};", "")


def _table_rows(table, notes: _Notes) -> list[str]:
    rows = []
    for row in table:
        if _local(row.tag) != "tr":
            continue
        cells: list[str] = []
        for cell in row:
            if _local(cell.tag) == "sdt":
                cell = next((c for c in cell.iter() if _local(c.tag) == "tc"), cell)
            if _local(cell.tag) != "tc":
                continue
            paragraphs = _accept_merged_marks(
                [block for child in cell for block in _blocks(child, notes)]
            )
            text = " ".join(" ".join(paragraph.split()) for paragraph in paragraphs)
            if text:
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


def _core_properties(package: zipfile.ZipFile, budget: _Budget) -> dict[str, str]:
    name = "docProps/core.xml"
    if name not in package.namelist():
        return {}
    values: dict[str, str] = {}
    for element in _parse_small(package, name, budget):
        local = _local(element.tag)
        if local in ("title", "creator", "created") and element.text:
            values[local] = element.text
    return values


def _date(created: str | None) -> str | None:
    if not created:
        return None
    try:
        moment = datetime.fromisoformat(created.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.replace(tzinfo=None) == TEMPLATE_CREATED:
        return None
    return moment.date().isoformat()


def _roman(number: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    if number >= 40:
        return str(number)
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def looks_like_word_package(content_types: bytes) -> bool:
    """True when a ZIP's [Content_Types].xml declares a wordprocessing main part."""
    return bool(re.search(rb"wordprocessingml\.document\.main\+xml", content_types))
