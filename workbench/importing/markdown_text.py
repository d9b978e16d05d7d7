"""Render Markdown to the plain text a reader sees, and read the metadata in its YAML front matter."""

from __future__ import annotations

import html
import re

from workbench.importing.extracted import ExtractedText, clean_field, join_paragraphs

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
BULLET_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+(.*)$")
NUMBERED_ITEM = re.compile(r"^ {0,3}(\d{1,9})[.)][ \t]+(.*)$")
BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
TABLE_DIVIDER = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")

# Inline syntax, applied in this order. Images go before links: "![alt](src)" holds a link.
# Every pattern stops at the next delimiter, so a run of unmatched "*" or "[" costs linear time.
TARGET = r"\((?:[^()]|\([^()]*\))*\)"  # a link target, which may hold one pair of parentheses
IMAGE = re.compile(r"!\[[^\[\]]*\](?:" + TARGET + r"|\[[^\[\]]*\])")
INLINE_LINK = re.compile(r"\[([^\[\]]*)\]" + TARGET)
REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
CODE_SPAN = re.compile(r"(?<!`)(`+)([^`]+)\1(?!`)")
# Emphasis content holds no delimiter of its own kind; nested emphasis ("**a *b* c**") is undone
# from the inside out by applying the patterns again.
STRONG_STARS = re.compile(r"\*\*([^\s*](?:[^*]*[^\s*])?)\*\*")
STRONG_UNDERSCORES = re.compile(r"(?<!\w)__([^\s_](?:[^_]*[^\s_])?)__(?!\w)")
STRIKE = re.compile(r"~~([^\s~](?:[^~]*[^\s~])?)~~")
EMPHASIS_STAR = re.compile(r"\*([^\s*](?:[^*]*[^\s*])?)\*")
# Underscores inside words (snake_case, file_names) are not emphasis.
EMPHASIS_UNDERSCORE = re.compile(r"(?<!\w)_([^\s_](?:[^_]*[^\s_])?)_(?!\w)")
EMPHASIS = (STRONG_STARS, STRONG_UNDERSCORES, STRIKE, EMPHASIS_STAR, EMPHASIS_UNDERSCORE)
NESTING_DEPTH = 3
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<\"'])")

# Escaped characters are parked in a Private Use block while emphasis is removed; the block is
# one the document itself does not use, so its own private-use characters come through as they are.
PARKING = 0xF0000
PARKING_BLOCK = 0x100

# Template tags and shortcodes of static-site generators (Jekyll/Liquid, Eleventy, Hugo, Jinja):
# "{% image "harbour.jpg" "The quay" %}", "{{< figure src="a.jpg" >}}", "{{% note %}}", "{{ page.x }}",
# "{# a comment #}". They are instructions to the generator, not text; paired shortcodes keep
# the text between their tags.
# Each pattern looks at most 2,000 characters ahead, so many unclosed "{{" cost linear time.
TEMPLATE_TAG = re.compile(
    r"\{%.{0,2000}?%\}|\{\{[<%].{0,2000}?[>%]\}\}|\{\{.{0,2000}?\}\}|\{#.{0,2000}?#\}", re.S
)
HIGH_PRIVATE_USE = re.compile("[\U000f0000-\U0010ffff]")
TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.S)

TITLE_KEYS = ("title", "headline")
AUTHOR_KEYS = ("author", "authors", "byline", "by")
DATE_KEYS = ("date", "published", "publishdate", "pubdate", "published_at", "datepublished")
OUTLET_KEYS = ("outlet", "publication", "publisher", "site_name", "sitename", "site", "newspaper")


def render_markdown(source: str) -> ExtractedText:
    """Plain paragraphs separated by a blank line; markup, link targets and images removed."""
    source = source.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    metadata: dict[str, str] = {}
    front = FRONT_MATTER.match(source)
    toml_front = None if front else TOML_FRONT_MATTER.match(source)
    if front:
        metadata = parse_front_matter(front.group(1))
        source = source[front.end() :]
    elif toml_front:
        metadata = _toml_front_matter(toml_front.group(1))
        source = source[toml_front.end() :]
    source = TEMPLATE_TAG.sub("", _without_html_comments(source))
    base = parking_base(source)
    blocks, first_heading = _blocks(source, base)
    return ExtractedText(
        text=join_paragraphs([render_inline(block, base) for block in blocks]),
        title=_first(metadata, TITLE_KEYS) or clean_field(render_inline(first_heading or "", base)),
        author=_first(metadata, AUTHOR_KEYS),
        published=_first(metadata, DATE_KEYS),
        outlet=_first(metadata, OUTLET_KEYS),
    )


def parse_front_matter(block: str) -> dict[str, str]:
    """The flat `key: value` pairs and `- item` lists of YAML front matter, which is all articles use."""
    values: dict[str, str] = {}
    key = None
    for line in block.split("\n"):
        item = re.match(r"^\s+-\s+(.*)$|^-\s+(.*)$", line)
        if item and key:
            entry = _unquote(item.group(1) or item.group(2))
            values[key] = f"{values[key]}, {entry}" if values.get(key) else entry
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not pair:
            continue
        key = pair.group(1).lower().replace("-", "_")
        value = pair.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            value = ", ".join(_unquote(part) for part in value[1:-1].split(",") if part.strip())
        values[key] = _unquote(value)
    return values


def parking_base(source: str) -> int:
    """The first private-use block of 256 code points that ``source`` does not use."""
    if not HIGH_PRIVATE_USE.search(source):
        return PARKING
    used = {ord(char) // PARKING_BLOCK for char in source if ord(char) >= PARKING}
    base = PARKING
    while base // PARKING_BLOCK in used:
        base += PARKING_BLOCK
    return base


def render_inline(text: str, base: int = PARKING) -> str:
    text = ESCAPE.sub(lambda m: chr(base + ord(m.group(1))), text)
    text = CODE_SPAN.sub(lambda m: _park_all(m.group(2).strip(), base), text)
    text = IMAGE.sub("", text)
    text = INLINE_LINK.sub(r"\1", text)
    text = REFERENCE_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = HTML_TAG.sub("", text)
    for _ in range(NESTING_DEPTH):
        for pattern in EMPHASIS:
            text = pattern.sub(r"\1", text)
    parked = f"[{chr(base)}-{chr(base + PARKING_BLOCK - 1)}]"
    text = re.sub(parked, lambda m: chr(ord(m.group()) - base), text)
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _without_html_comments(source: str) -> str:
    # str.find rather than a regex: many unclosed "<!--" would make a lazy pattern quadratic.
    kept, position = [], 0
    while (start := source.find("<!--", position)) != -1:
        end = source.find("-->", start + 4)
        if end == -1:
            break
        kept.append(source[position:start])
        position = end + 3
    kept.append(source[position:])
    return "".join(kept)


def _park_all(text: str, base: int) -> str:
    # Code is literal: nothing inside it may be read as emphasis or a link.
    return "".join(chr(base + ord(char)) if ord(char) < 0x100 else char for char in text)


def _toml_front_matter(block: str) -> dict[str, str]:
    import tomllib

    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return {}
    values = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        values[key.lower().replace("-", "_")] = str(value)
    return values


def _blocks(source: str, base: int) -> tuple[list[str], str | None]:
    """Split Markdown into blocks of raw inline text; soft-wrapped lines are joined by a space."""
    blocks: list[str] = []
    current: list[str] = []
    first_heading = None
    fence = None

    def flush() -> None:
        if current:
            blocks.append(_join_lines(current))
            current.clear()

    in_list = False
    for line in source.split("\n"):
        if fence:
            if line.strip().startswith(fence):
                fence = None
                flush()
            else:
                current.append(_park_all(line, base) + "  ")  # keep code lines apart
            continue
        opening = FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)
            continue
        line = BLOCKQUOTE.sub("", BLOCKQUOTE.sub("", line))
        heading = ATX_HEADING.match(line)
        bullet = BULLET_ITEM.match(line)
        numbered = NUMBERED_ITEM.match(line)
        if not line.strip():
            flush()
            in_list = False
        elif heading:
            flush()
            blocks.append(heading.group(2) or "")
            if first_heading is None and len(heading.group(1)) == 1:
                first_heading = heading.group(2)
        elif current and SETEXT_UNDERLINE.match(line):
            if first_heading is None and "=" in line:
                first_heading = _join_lines(current)
            flush()
        elif THEMATIC_BREAK.match(line):
            flush()
        elif REFERENCE_DEFINITION.match(line) or (TABLE_DIVIDER.match(line) and "|" in line):
            continue
        # As in CommonMark, a wrapped line starting "2024. " does not begin a list.
        elif bullet or (numbered and (not current or in_list or numbered.group(1) == "1")):
            flush()
            in_list = True
            current.append(bullet.group(1) if bullet else line.strip())
        elif line.lstrip().startswith("|"):
            cells = line.strip().strip("|").split("|")
            current.append(" | ".join(cell.strip() for cell in cells) + "  ")
        else:
            current.append(line)
    flush()
    return blocks, first_heading


def _join_lines(lines: list[str]) -> str:
    # Two trailing spaces or a backslash mark a hard line break; other line ends are soft wraps.
    parts = []
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        if line.endswith("\\") and not last:
            parts.append(line[:-1].rstrip() + "\n")
        elif line.endswith("  ") and not last:
            parts.append(line.rstrip() + "\n")
        else:
            parts.append(line.strip() + ("" if last else " "))
    return "".join(parts).strip()


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _first(metadata: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = clean_field(metadata.get(key))
        if value:
            return value
    return None
