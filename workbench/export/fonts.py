"""Which Unicode TrueType fonts the PDF report embeds (curly quotes, «», accents, ✓ ✗ …).

DejaVu is looked for first (Debian and Ubuntu ship it as fonts-dejavu-core, which `make`
installs), then a folder of fonts shipped with the program (resources/fonts, wherever
workbench.resources finds it, or $WORKBENCH_FONT_DIR), then the fonts every Windows and macOS
machine has.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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


def font_folders() -> list[Path]:
    folders: list[Path] = []
    if os.environ.get("WORKBENCH_FONT_DIR"):
        folders.append(Path(os.environ["WORKBENCH_FONT_DIR"]))
    folders += [
        Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
        Path("/usr/share/fonts/TTF"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local/share/fonts",
        resource_path("fonts"),  # checkout, bundle or installed wheel
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        Path("/System/Library/Fonts/Supplemental"),
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
