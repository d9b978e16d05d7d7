"""Extract the article from a saved or fetched news page with trafilatura, dropping the boilerplate."""

from __future__ import annotations

import logging
import re

from workbench.errors import UserError
from workbench.importing.encodings import decode_text
from workbench.importing.extracted import ExtractedText, clean_field, join_paragraphs

# trafilatura and its helpers log their complaints about damaged input; with no logging configured Python would print
# them on stderr beside our one-sentence error. The app's own logging set-up still receives them.
for _library in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

# A page with more tags than this is no article page (a data dump, a generated bomb).
MAX_TAGS = 2_000_000
# Layout wrappers nested deeper than this are flattened before parsing (see flatten_deep_nesting).
MAX_NESTING = 200
WRAPPER_SCAN = 1000  # below this many wrapper tags, nesting cannot be deep enough to matter
WRAPPER_TAG = re.compile(r"<(/?)(?:div|span|section|font|center)\b[^>]*>", re.I)
PROSE_END = re.compile(r"""[.!?…:;"”’»)]\s*$""")
QUOTATION_MARK = re.compile(r"[\"“”«»„]")
HTML_BLOCKS = frozenset(
    {"p", "div", "section", "article", "blockquote", "ul", "ol", "table", "h1", "h2", "h3",
     "h4", "h5", "h6", "pre", "figure", "header", "footer", "nav", "aside", "form", "main", "dl"}
)  # fmt: skip
SKIPPED_CONTAINERS = frozenset(
    {"nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template",
     "button", "select", "figcaption", "menu"}
)  # fmt: skip
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)

# Elements of trafilatura's output tree that stand as paragraphs of their own.
# Stands for <br> while whitespace is collapsed; cannot occur in decoded page text.
LINE_BREAK = "\x00"
BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "table", "code", "div", "section"})


def extract_html(
    data: bytes, *, label: str, charset: str | None = None, url: str | None = None
) -> ExtractedText:
    """The page's main text, one paragraph per block separated by a blank line, and its metadata."""
    import trafilatura
    from trafilatura.utils import load_html

    declared = charset or _meta_charset(data)
    markup = decode_text(data, label=label, declared_charset=declared, drop_nul=True)
    tags = markup.count("<")
    if tags > MAX_TAGS:
        raise UserError(
            f"{label} has more than {MAX_TAGS:,} HTML tags, over the limit for a page; "
            "save the article itself (or its print view) as HTML or text and import that."
        )
    markup = flatten_deep_nesting(markup)
    try:
        tree = load_html(markup)
        loose = loose_quoted_text(tree) if tree is not None else []
        document = trafilatura.bare_extraction(
            tree if tree is not None else markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, TypeError, AttributeError) as error:  # lxml rejects some broken markup
        raise _no_article(label) from error
    paragraphs = _paragraphs_of(document)
    if not paragraphs:
        # trafilatura's precision pass found nothing; its recall mode keeps more of the page.
        document = _second_pass(markup, url) or document
        paragraphs = _paragraphs_of(document)
    paragraphs = recover_loose_text(paragraphs, loose)
    if not paragraphs:
        raise _no_article(label)
    if not reads_as_article(paragraphs):
        shown = " ".join(" ".join(paragraphs).split())
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        raise UserError(
            f"{label} holds only navigation or boilerplate (“{shown}”), no article text; "
            "save the article itself (or its print view) as HTML or text and import that."
        )
    return ExtractedText(
        text=join_paragraphs(paragraphs),
        title=clean_field(document.title),
        author=clean_field(document.author),
        published=clean_field(document.date),
        outlet=clean_field(document.sitename),
    )


def _paragraphs_of(document) -> list[str]:
    body = getattr(document, "body", None)
    paragraphs = block_paragraphs(body) if body is not None else []
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


def _second_pass(markup: str, url: str | None):
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, TypeError, AttributeError):
        return None


def reads_as_article(paragraphs: list[str]) -> bool:
    """True when some paragraph is prose: a sentence of a few words, or a long run of words.
    Menus, share bars and "Subscribe now" banners are neither."""
    for paragraph in paragraphs:
        words = paragraph.split()
        if len(words) >= 12:
            return True
        if len(words) >= 3 and PROSE_END.search(paragraph):
            return True
    return False


def flatten_deep_nesting(markup: str) -> str:
    """Markup whose layout wrappers nest deeper than a parser goes, with those wrappers removed.

    libxml2 stops at 256 levels, so 100,000 nested <div>s lose everything inside them; the
    wrappers carry no text of their own, so dropping their tags keeps every word.
    """
    if markup.count("<div") + markup.count("<DIV") + markup.count("<span") < WRAPPER_SCAN:
        return markup
    depth = deepest = 0
    for tag in WRAPPER_TAG.finditer(markup):
        depth += -1 if tag.group(1) else 1
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            return WRAPPER_TAG.sub(" ", markup)
    return markup


def loose_quoted_text(tree) -> list[tuple[str, str | None]]:
    """Runs of text with a quotation in them that sit loose in a container beside its blocks
    (text straight in <body>, or between the <p>s of a <div>), each with the text of the block
    just before it; trafilatura sometimes drops such text."""
    body = tree.find(".//body")
    if body is None:
        return []
    found: list[tuple[str, str | None]] = []
    for container in body.iter():
        if not isinstance(container.tag, str) or container.tag in SKIPPED_CONTAINERS:
            continue
        if any(_in_skipped(ancestor) for ancestor in container.iterancestors()):
            continue
        children = [child for child in container if isinstance(child.tag, str)]
        if not any(child.tag in HTML_BLOCKS for child in children):
            continue
        previous_block: str | None = None
        run = [container.text or ""]
        for child in children:
            if child.tag in HTML_BLOCKS:
                _keep_loose(found, run, previous_block)
                previous_block = " ".join(child.text_content().split())
                run = [child.tail or ""]
            else:
                run.append(child.text_content() if child.tag not in SKIPPED_CONTAINERS else "")
                run.append(child.tail or "")
        _keep_loose(found, run, previous_block)
    return found


def _keep_loose(found: list, run: list[str], previous_block: str | None) -> None:
    text = " ".join("".join(run).split())
    if len(text.split()) >= 6 and QUOTATION_MARK.search(text):
        found.append((text, previous_block))


def _in_skipped(element) -> bool:
    return element.tag in SKIPPED_CONTAINERS


def recover_loose_text(paragraphs: list[str], loose: list[tuple[str, str | None]]) -> list[str]:
    """The extracted paragraphs with the loose quoted text trafilatura left out put back where it
    stood: after the paragraph that holds the block before it."""
    if not loose or not paragraphs:
        return paragraphs
    result = list(paragraphs)
    flat = " ".join(" ".join(result).split())
    for text, previous_block in loose:
        if text[:80] in flat:
            continue
        position = len(result)
        if previous_block:
            probe = previous_block[:60]
            for index, paragraph in enumerate(result):
                if probe and probe in " ".join(paragraph.split()):
                    position = index + 1
                    break
            else:
                continue  # its neighbour was boilerplate, so it most likely is too
        else:
            position = 0
        result.insert(position, text)
        flat = " ".join(" ".join(result).split())
    return result


def block_paragraphs(container) -> list[str]:
    """Each block of trafilatura's tree as one paragraph: list items and table rows each their own."""
    paragraphs: list[str] = []
    for block in container:
        if block.tag == "table":
            paragraphs.extend(_table_rows(block))
        elif any(child.tag in BLOCK_TAGS for child in block):
            paragraphs.extend(_mixed_paragraphs(block))
        else:
            paragraphs.append(_inline_text(block))
    return paragraphs


def _mixed_paragraphs(block) -> list[str]:
    """A block holding blocks (a blockquote of paragraphs, a nested list): loose text between them
    forms paragraphs of its own."""
    paragraphs: list[str] = []
    loose = [block.text or ""]
    for child in block:
        if child.tag in BLOCK_TAGS:
            paragraphs.append(" ".join("".join(loose).split()))
            paragraphs.extend(block_paragraphs([child]))
            loose = []
        else:
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    paragraphs.append(" ".join("".join(loose).split()))
    return [paragraph for paragraph in paragraphs if paragraph]


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.iter("row"):
        cells = [" ".join(_mixed_paragraphs(cell)) for cell in row.iter("cell")]
        rows.append(" | ".join(cell for cell in cells if cell))
    return rows


def _inline_text(element) -> str:
    """Text of an element with source line wraps collapsed: only <br> breaks a line, and two of
    them in a row (pages that use them instead of paragraphs) start a new paragraph."""
    pieces: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            pieces.append(LINE_BREAK)
        elif node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    lines = [" ".join(line.split()) for line in "".join(pieces).split(LINE_BREAK)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _meta_charset(data: bytes) -> str | None:
    found = META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def _no_article(label: str) -> UserError:
    return UserError(
        f"{label} has no article text the workbench could find; "
        "save the article itself (or its print view) as HTML or text and import that."
    )


def extract_mhtml(data: bytes, *, label: str, url: str | None = None) -> ExtractedText:
    """A browser's single-file page (.mhtml): the article from its HTML part."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        html_part = next(
            (part for part in message.walk() if part.get_content_type() == "text/html"), None
        )
        payload = html_part.get_payload(decode=True) if html_part is not None else None
    except (ValueError, TypeError, LookupError, AttributeError):
        payload = None
    if not payload:
        raise UserError(
            f"{label} is a saved web archive (.mhtml) without a readable HTML page in it; "
            "open it in the browser, save the page as “Webpage, HTML only” and import that."
        )
    page_url = url or html_part.get("Content-Location") or None
    if page_url and not re.match(r"^https?://", page_url):
        page_url = None
    return extract_html(payload, label=label, charset=html_part.get_content_charset(), url=page_url)
