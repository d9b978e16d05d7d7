"""Word packages written XML by XML, for the traits python-docx cannot make: tracked changes,
text boxes, content controls, footnotes, Strict Open XML, a renamed main part, hostile sizes.

The text is original (fictional people and places).
"""

from __future__ import annotations

import io
import zipfile

TRANSITIONAL = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
STRICT = {
    "w": "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "rel": "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML = "urn:schemas-microsoft-com:vml"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def inserted(text: str, change: int) -> str:
    return f'<w:ins w:id="{change}" w:author="Desk">{run(text)}</w:ins>'


def deleted(text: str, change: int) -> str:
    return (
        f'<w:del w:id="{change}" w:author="Desk"><w:r>'
        f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )


def paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def text_box(*paragraphs: str) -> str:
    """A floating text box (a pull quote) as Word writes it: the shape and a VML fallback."""
    inner = "".join(paragraphs)
    return (
        f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps">'
        f'<w:drawing><wps:wsp xmlns:wps="{WPS}"><wps:txbx><w:txbxContent>{inner}'
        "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback>"
        f'<w:pict><v:shape xmlns:v="{VML}"><v:textbox><w:txbxContent>{inner}</w:txbxContent>'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def content_control(*paragraphs: str) -> str:
    return f"<w:sdt><w:sdtPr><w:alias w:val='Standfirst'/></w:sdtPr><w:sdtContent>{''.join(paragraphs)}</w:sdtContent></w:sdt>"


def footnote_reference(note_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'


def endnote_reference(note_id: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{note_id}"/></w:r>'


def make_word_package(
    body: str,
    *,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    strict: bool = False,
    main_part: str = "word/document.xml",
    doctype: str = "",
) -> bytes:
    """A minimal but complete .docx whose body is the given WordprocessingML."""
    names = STRICT if strict else TRANSITIONAL
    w, rel = names["w"], names["rel"]
    folder, _, main_name = main_part.rpartition("/")
    relationships = []
    overrides = [f'<Override PartName="/{main_part}" ContentType="{MAIN_TYPE}"/>']
    parts: dict[str, bytes] = {}
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if not notes:
            continue
        entries = "".join(
            f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>{run(" " + text)}</w:p>'
            f"</w:{kind}>"
            for note_id, text in notes.items()
        )
        separator = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        parts[f"{folder}/{kind}s.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:{kind}s xmlns:w="{w}">{separator}{entries}</w:{kind}s>'
        ).encode()
        relationships.append(
            f'<Relationship Id="r{kind}" Type="{rel}/{kind}s" Target="{kind}s.xml"/>'
        )
        overrides.append(
            f'<Override PartName="/{folder}/{kind}s.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/>'
        )
    parts[main_part] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{w}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    ).encode()
    parts[f"{folder}/_rels/{main_name}.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
        f"{''.join(relationships)}</Relationships>"
    ).encode()
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="{main_part}"/>'
        "</Relationships>"
    ).encode()
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        f'ContentType="application/xml"/>{"".join(overrides)}</Types>'
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        # Word writes the content types first; readers do not depend on it, but keep the habit.
        for name in sorted(parts, key=lambda name: name != "[Content_Types].xml"):
            package.writestr(name, parts[name])
    return buffer.getvalue()


def make_docx_bomb(inflated_megabytes: int) -> bytes:
    """A small .docx whose main part inflates to the given size of XML (comments, which cost a
    parser nothing but bytes, so the test spends its time on the limit and not on parsing)."""
    w = TRANSITIONAL["w"]
    chunk = b"<!-- the quay will close for six weeks -->" * 20000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{MAIN_TYPE}"/>'
            "</Types>",
        )
        with package.open("word/document.xml", "w") as main:
            main.write(f'<w:document xmlns:w="{w}"><w:body>'.encode())
            main.write(paragraph(run("The quay will close.")).encode())
            written = 0
            while written < inflated_megabytes * 1024 * 1024:
                main.write(chunk)
                written += len(chunk)
            main.write(b"</w:body></w:document>")
    return buffer.getvalue()
