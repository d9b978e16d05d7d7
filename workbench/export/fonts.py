"""Which fonts the PDF report embeds: chosen per script from the text it prints, checked glyph
by glyph against each font's character map, so that no character comes out blank.

The base family draws Latin, Greek, Cyrillic and the common punctuation: DejaVu (Debian and
Ubuntu ship it as fonts-dejavu-core), else Arial on Windows and macOS. Every other script gets
a font of its own, from Noto where it is installed: fonts-noto-core (Arabic, Hebrew, Thai,
Devanagari …), fonts-noto-cjk (Chinese, Japanese, Korean), fonts-noto-color-emoji. `make`
installs all four Debian packages; the app bundle carries copies in resources/fonts.

Fonts are looked for in $WORKBENCH_FONT_DIR first, then the system's font folders and the
program's resources/fonts; $WORKBENCH_FONT_PATH (folders separated by the path separator), when
set, replaces that whole search path. A report that needs a font no folder holds is refused in
one sentence that says what to install.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import unicodedata as script_data
from fontTools.ttLib import TTCollection, TTFont

from workbench.errors import EnvironmentFault
from workbench.resources import resource_path


@dataclass(frozen=True)
class FontSet:
    regular: Path
    bold: Path
    italic: Path
    mono: Path


# (regular, bold, italic, mono) file names of one family, in order of preference.
FAMILIES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf"),
    ("arial.ttf", "arialbd.ttf", "ariali.ttf", "consola.ttf"),  # Windows
    ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf", "Courier New.ttf"),  # macOS
)

FONT_PATH_VARIABLE = "WORKBENCH_FONT_PATH"  # replaces the search path (tests, reproducible runs)
FONT_DIR_VARIABLE = "WORKBENCH_FONT_DIR"  # searched before everything else


def font_folders() -> list[Path]:
    """Where fonts are looked for, in order; the script fonts are also looked for below them."""
    if os.environ.get(FONT_PATH_VARIABLE):
        return [Path(p) for p in os.environ[FONT_PATH_VARIABLE].split(os.pathsep) if p]
    folders: list[Path] = []
    if os.environ.get(FONT_DIR_VARIABLE):
        folders.append(Path(os.environ[FONT_DIR_VARIABLE]))
    folders += [
        Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local/share/fonts",
        Path.home() / ".fonts",
        resource_path("fonts"),  # checkout, bundle or installed wheel
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        Path("/System/Library/Fonts/Supplemental"),
        Path("/System/Library/Fonts"),
        Path("/Library/Fonts"),
    ]
    return folders


def find_fonts() -> FontSet:
    for names in FAMILIES:
        for folder in font_folders():
            regular = folder / names[0]
            if not regular.is_file():
                continue
            # A missing style falls back to the regular face rather than to no PDF at all.
            found = [folder / n if (folder / n).is_file() else regular for n in names]
            return FontSet(*found)
    raise EnvironmentFault(
        "The PDF report needs a Unicode font and none was found: install DejaVu "
        "(sudo apt-get install fonts-dejavu-core) or put DejaVuSans.ttf in a folder named by "
        "WORKBENCH_FONT_DIR."
    )


# --- characters and scripts -----------------------------------------------------------------

# Scripts the base family draws (Zyyy: common punctuation, digits, symbols; Zinh: combining marks).
BASE_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl", "Zyyy", "Zinh"})
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Bopo", "Hang"})
KANA = frozenset({"Hira", "Kana"})
# Scripts drawn glyph by glyph; every other one needs HarfBuzz (joining, reordering, right to left).
SIMPLE_SCRIPTS = BASE_SCRIPTS | CJK_SCRIPTS
# Emoji sequences (ZWJ, presentation selector, skin tones, flags, keycaps, tags) need shaping too.
_EMOJI_SEQUENCE = (
    (0x200D, 0x200D),
    (0xFE0F, 0xFE0F),
    (0x20E3, 0x20E3),
    (0x1F1E6, 0x1F1FF),
    (0x1F3FB, 0x1F3FF),
    (0xE0020, 0xE007F),
)


def is_ignorable(char: str) -> bool:
    """A character that is never drawn (joiners, direction marks, variation selectors …)."""
    code = ord(char)
    if code == 0xAD:  # the soft hyphen: fpdf2 draws it as a hyphen where it breaks a line
        return False
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or code == 0x34F
    )


def _in_emoji_sequence(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _EMOJI_SEQUENCE)


def _drawn(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) == "Cc" or is_ignorable(char))


def _scripts(char: str) -> set[str]:
    """The scripts a character is used with (a Chinese full stop: Han, Hiragana, …)."""
    return set(script_data.script_extension(char))


def for_base(char: str) -> bool:
    """Whether the base family should draw ``char`` (when it has a glyph for it)."""
    return bool(_scripts(char) & BASE_SCRIPTS) and not is_ignorable(char)


def needs_shaping(text: Iterable[str]) -> bool:
    return any(
        _in_emoji_sequence(c) or (_drawn(c) and script_data.script(c) not in SIMPLE_SCRIPTS)
        for c in set(text)
    )


def _looks_like_emoji(char: str) -> bool:
    return ord(char) >= 0x1F000 or unicodedata.category(char) == "So" or _in_emoji_sequence(char)


# --- where a script's font is -----------------------------------------------------------------

CJK, EMOJI, SYMBOLS = "CJK", "emoji", "symbols"


@dataclass(frozen=True)
class Candidate:
    """A font that may draw a script: its regular file and, if it has one, its bold file."""

    regular: str
    bold: str | None = None


def _pair(name: str, ext: str = "ttf") -> Candidate:
    return Candidate(f"{name}-Regular.{ext}", f"{name}-Bold.{ext}")


# Explicit lists where the Noto name is not "NotoSans<Script>" or where Windows and macOS have
# a font of their own; every other script tries NotoSans<Script> and NotoSerif<Script>.
CANDIDATES: dict[str, tuple[Candidate, ...]] = {
    CJK: (
        Candidate("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),  # Debian, Fedora, Arch
        _pair("NotoSansCJKsc", "otf"),
        _pair("NotoSansCJKjp", "otf"),
        _pair("NotoSansCJKkr", "otf"),
        _pair("NotoSansCJKtc", "otf"),
        _pair("NotoSansSC", "otf"),
        _pair("NotoSansJP", "otf"),
        _pair("NotoSansSC"),
        _pair("NotoSansJP"),
        Candidate("msyh.ttc", "msyhbd.ttc"),  # Windows
        Candidate("YuGothR.ttc", "YuGothB.ttc"),
        Candidate("malgun.ttf", "malgunbd.ttf"),
        Candidate("PingFang.ttc"),  # macOS
        Candidate("Hiragino Sans GB.ttc"),
    ),
    EMOJI: (
        Candidate("NotoColorEmoji.ttf"),
        Candidate("NotoEmoji-Regular.ttf"),
        Candidate("seguiemj.ttf"),  # Windows
        Candidate("Apple Color Emoji.ttc"),  # macOS
    ),
    SYMBOLS: (
        Candidate("NotoSansSymbols2-Regular.ttf"),
        _pair("NotoSansSymbols"),
        Candidate("NotoSansMath-Regular.ttf"),
        Candidate("seguisym.ttf"),
    ),
    "Arab": (
        _pair("NotoSansArabic"),
        _pair("NotoNaskhArabic"),
        Candidate("arial.ttf", "arialbd.ttf"),
        Candidate("Arial.ttf", "Arial Bold.ttf"),
    ),
    "Hebr": (
        _pair("NotoSansHebrew"),
        Candidate("arial.ttf", "arialbd.ttf"),
        Candidate("Arial.ttf", "Arial Bold.ttf"),
    ),
    "Thai": (_pair("NotoSansThai"), _pair("NotoSansThaiUI"), Candidate("tahoma.ttf")),
    "Tibt": (_pair("NotoSerifTibetan"), _pair("NotoSansTibetan")),
    "Nkoo": (Candidate("NotoSansNKo-Regular.ttf"),),
}

PACKAGES = {CJK: "fonts-noto-cjk", EMOJI: "fonts-noto-color-emoji"}
DEFAULT_PACKAGE = "fonts-noto-core"


def _script_word(group: str) -> str:
    return script_data.script_name(group, default=group).replace("_", " ")


def candidates(group: str) -> tuple[Candidate, ...]:
    if group in CANDIDATES:
        return CANDIDATES[group]
    name = _script_word(group).replace(" ", "")
    return (_pair(f"NotoSans{name}"), _pair(f"NotoSerif{name}"), _pair(f"NotoSans{name}", "otf"))


def font_index(folders: Iterable[Path] | None = None) -> dict[str, Path]:
    """Every font file below the folders, by lower-case file name; earlier folders win."""
    index: dict[str, Path] = {}
    for folder in font_folders() if folders is None else folders:
        if not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
                    index.setdefault(name.lower(), Path(root) / name)
    return index


@dataclass(frozen=True)
class Face:
    """One face of a font file (a .ttc collection holds several)."""

    path: Path
    index: int = 0


@functools.lru_cache(maxsize=32)
def _cached_cmap(path: str, index: int, stamp: tuple[int, int]) -> frozenset[int]:
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def glyph_map(face: Face) -> frozenset[int]:
    """The code points ``face`` has a glyph for (cached while the file is unchanged)."""
    stat = face.path.stat()
    return _cached_cmap(str(face.path), face.index, (stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _cached_face_names(path: str, stamp: tuple[int, int]) -> tuple[str, ...]:
    if not path.lower().endswith((".ttc", ".otc")):
        return ("",)
    collection = TTCollection(path, lazy=True)
    try:
        return tuple(font["name"].getDebugName(1) or "" for font in collection.fonts)
    finally:
        collection.close()


def _face(path: Path, region: str) -> Face:
    """The face of a collection for the region (Noto Sans CJK JP, SC …), not a monospaced one."""
    stat = path.stat()
    names = _cached_face_names(str(path), (stat.st_mtime_ns, stat.st_size))
    for index, name in enumerate(names):
        if name.endswith(f" {region}") and "Mono" not in name:
            return Face(path, index)
    return Face(path, 0)


def _cjk_region(chars: Iterable[str]) -> str:
    """Japanese forms when the report has kana, Korean ones for Hangul, else Simplified Chinese."""
    scripts = {script_data.script(c) for c in chars}
    if scripts & KANA:
        return "JP"
    if "Hang" in scripts:
        return "KR"
    return "SC"


# --- the plan for one report ------------------------------------------------------------------


@dataclass
class ScriptFont:
    """A font the report registers beside the base family, and the characters it draws."""

    family: str  # the name fpdf2 knows it by: lower case, no B or I (fpdf2 reads those as style)
    group: str
    regular: Face
    bold: Face | None  # kept only when bold text needs it
    chars: set[str] = field(default_factory=set)
    bold_chars: set[str] = field(default_factory=set)


@dataclass
class FontPlan:
    base: FontSet
    fonts: list[ScriptFont]
    font_for: dict[str, str]  # character → family of the script font that draws it
    shaping: bool  # HarfBuzz on: joining scripts, right to left, emoji sequences
    fallback: bool  # some text needs a font other than the current one

    @property
    def base_range(self) -> frozenset[int] | None:
        """What the base family may draw: everything when it draws alone, else its scripts."""
        return _base_range(Face(self.base.regular)) if self.fonts else None


@functools.lru_cache(maxsize=8)
def _cached_base_range(cmap: frozenset[int]) -> frozenset[int]:
    return frozenset(code for code in cmap if for_base(chr(code)))


def _base_range(face: Face) -> frozenset[int]:
    return _cached_base_range(glyph_map(face))


def _group(char: str, present: set[str]) -> str:
    scripts = _scripts(char) - {"Zyyy", "Zinh"}
    if scripts & CJK_SCRIPTS:
        return CJK
    if scripts:
        # A mark shared by several scripts (the Arabic comma) goes with one the report has.
        return min(scripts & present or scripts)
    return EMOJI if _looks_like_emoji(char) else SYMBOLS


def _group_order(group: str) -> tuple[bool, str]:
    return group in (EMOJI, SYMBOLS), group  # scripts first: their fonts often have symbols too


def plan_fonts(printed: Mapping[str, str]) -> FontPlan:
    """Choose the fonts for a report that prints ``printed`` (style → its text: "", "B", "I",
    "mono"), or refuse in one sentence naming what is missing and how to install it."""
    base = find_fonts()
    everything = "".join(printed.values())
    chars = {c for c in set(everything) if _drawn(c)}
    faces = {"": base.regular, "B": base.bold, "I": base.italic, "mono": base.mono}
    base_cmap = glyph_map(Face(base.regular))
    others = {c for c in chars if not (ord(c) in base_cmap and for_base(c))}
    # A style whose face lacks a character the regular face has borrows the regular's glyph.
    style_gaps = any(
        ord(c) not in glyph_map(Face(faces.get(style, base.regular)))
        for style, text in printed.items()
        for c in set(text) - others
        if _drawn(c)
    )
    present = {script_data.script(c) for c in others} - {"Zyyy", "Zinh"}
    groups: dict[str, set[str]] = defaultdict(set)
    for c in others:
        groups[_group(c, present)].add(c)

    index = font_index()
    region = _cjk_region(groups.get(CJK, ()))
    fonts: list[ScriptFont] = []
    font_for: dict[str, str] = {}
    missing: dict[str, set[str]] = defaultdict(set)

    def assign(font: ScriptFont, new_chars: Iterable[str]) -> None:
        if font not in fonts:
            fonts.append(font)
        for c in new_chars:
            font.chars.add(c)
            font_for[c] = font.family

    for group in sorted(groups, key=_group_order):
        wanted = groups[group] - font_for.keys()
        chosen = _choose(group, wanted, index, region, len(fonts)) if wanted else None
        if chosen is not None:
            assign(chosen, chosen.chars)
        for c in sorted(wanted - font_for.keys()):
            # What the script's font lacks, another chosen font or a symbol font may have.
            helper = next((f for f in fonts if ord(c) in glyph_map(f.regular)), None)
            for kind in (EMOJI, SYMBOLS) if _looks_like_emoji(c) else (SYMBOLS, EMOJI):
                if helper is None:
                    helper = _choose(kind, {c}, index, region, len(fonts))
            if helper is None:
                missing[group].add(c)
            else:
                assign(helper, [c])
    if missing:
        raise EnvironmentFault(_missing_sentence(missing))
    bold_text = set(printed.get("B", ""))
    for font in fonts:
        font.bold_chars = font.chars & bold_text
        if not font.bold_chars or (
            font.bold and any(ord(c) not in glyph_map(font.bold) for c in font.bold_chars)
        ):
            font.bold = None  # bold text in this script is drawn with the regular face
    return FontPlan(
        base=base,
        fonts=fonts,
        font_for=font_for,
        shaping=needs_shaping(everything),
        fallback=bool(fonts) or style_gaps,
    )


def _choose(
    group: str, chars: set[str], index: Mapping[str, Path], region: str, number: int
) -> ScriptFont | None:
    """The first candidate font that has every character, else the one that has the most."""
    best: ScriptFont | None = None
    for candidate in candidates(group):
        path = index.get(candidate.regular.lower())
        if path is None:
            continue
        regular = _face(path, region) if group == CJK else Face(path)
        covered = {c for c in chars if ord(c) in glyph_map(regular)}
        if not covered or (best is not None and len(covered) <= len(best.chars)):
            continue
        bold_path = index.get(candidate.bold.lower()) if candidate.bold else None
        bold = None
        if bold_path is not None:
            bold = _face(bold_path, region) if group == CJK else Face(bold_path)
        # A family name fpdf2 keeps apart from the others: lower case, for it reads B and I as
        # the style of a font key.
        best = ScriptFont(f"wb{number}-{group.lower()}", group, regular, bold, covered)
        if covered == chars:
            break
    return best


def _missing_sentence(missing: Mapping[str, set[str]]) -> str:
    parts, packages, files = [], [], []
    for group in sorted(missing, key=_group_order):
        if group == EMOJI:
            parts.append("emoji")
        elif group == SYMBOLS:
            shown = ", ".join(f"‘{c}’ (U+{ord(c):04X})" for c in sorted(missing[group])[:3])
            parts.append(f"symbols such as {shown}")
        elif group == CJK:
            parts.append("Chinese, Japanese or Korean text")
        else:
            parts.append(f"{_script_word(group)} text")
        package = PACKAGES.get(group, DEFAULT_PACKAGE)
        if package not in packages:
            packages.append(package)
        files.append(candidates(group)[0].regular)
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    it = "it" if len(parts) == 1 and parts[0].endswith(" text") else "them"
    install = " ".join(packages)
    return (
        f"This report has {what} and no font for {it} is installed: install {install} "
        f"(sudo apt-get install {install}) or set WORKBENCH_FONT_DIR to a folder holding "
        f"{' and '.join(files)}."
    )


# --- embedding --------------------------------------------------------------------------------


def embeddable(face: Face, chars: Iterable[str], target: Path) -> Face:
    """``face`` itself, or, for a CFF (PostScript-outline) font, a TrueType copy of just the
    glyphs for ``chars``, written to ``target``.

    fpdf2 embeds a CID-keyed CFF font (Noto Sans CJK) behind an embedded encoding CMap, which
    not every reader maps back to text (pypdf returns a NUL between every character); a
    TrueType font is embedded as Identity-H, which readers extract as they do any other font.
    Converting only the report's glyphs takes a fraction of a second.
    """
    with TTFont(face.path, fontNumber=face.index, lazy=True) as probe:
        if "CFF " not in probe:
            return face
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    font = TTFont(face.path, fontNumber=face.index)
    options = subset.Options()
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.name_IDs = ["*"]
    options.hinting = False
    # The report draws CJK glyph by glyph: the layout tables (half of the time of a subset) and
    # the vertical metrics have no use there.
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # Cubic to quadratic within one font unit; CFF contours run the other way round.
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for name in (
        "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
        "maxComponentDepth",
    ):  # fmt: skip
        setattr(maxp, name, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(target))
    font.close()
    return Face(target)


# --- the app bundle ---------------------------------------------------------------------------

# What the bundle carries beside the base family: the regular face of each script font (a bold
# heading in those scripts is drawn in the regular weight), Noto Sans CJK and the emoji.
BUNDLED_REQUIRED = ("NotoSansCJK-Regular.ttc", "NotoColorEmoji.ttf", "NotoSansArabic-Regular.ttf")
_NOT_BUNDLED = ("Display", "Mono", "UI-", "Condensed", "Looped", "Unjoined")


def bundle_files() -> tuple[list[Path], list[str]]:
    """The font files packaging/workbench.spec copies into the bundle's resources/fonts, and
    the names of required ones this machine lacks (make system-deps installs them)."""
    index = font_index()
    base = find_fonts()
    files = list(dict.fromkeys([base.regular, base.bold, base.italic, base.mono]))
    for name, path in sorted(index.items()):
        script_font = name.startswith("notosans") and name.endswith("-regular.ttf")
        script_font = script_font and name != "notosans-regular.ttf"  # Latin: DejaVu draws it
        if script_font and not any(word.lower() in name for word in _NOT_BUNDLED):
            files.append(path)
    for name in (*BUNDLED_REQUIRED, "NotoSerifTibetan-Regular.ttf"):
        if name.lower() in index:
            files.append(index[name.lower()])
    missing = [name for name in BUNDLED_REQUIRED if name.lower() not in index]
    return list(dict.fromkeys(files)), missing
