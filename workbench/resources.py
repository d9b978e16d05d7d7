"""Where the program's read-only files (icons, samples, fonts) are: checkout, bundle or wheel.

Three layouts carry the same `resources/` folder:

- a source tree (or an editable install): `resources/` beside the `workbench/` package;
- a PyInstaller bundle: unpacked under `sys._MEIPASS` (packaging/workbench.spec puts it there);
- a wheel installed by pip or pipx: pyproject.toml's `data-files` put it under the install
  scheme's data folder, `<prefix>/share/workbench/resources` (the venv for pipx, ~/.local for
  `pip install --user`, /usr/local for a system pip).

Nothing here imports Qt.
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

APP_ID = "org.example.FactcheckWorkbench"  # AppStream id and icon name (packaging/)
SAMPLE_ARTICLE = "samples/harbour-bridge-inquiry.txt"
SAMPLE_TRANSCRIPT = "samples/harbour-bridge-hearing.txt"  # the primary source the article quotes
INSTALLED = ("share", "workbench", "resources")  # under a data folder; keep equal to pyproject
MARKER = ("icons", "workbench.svg")  # a folder holding this is a real resources/ folder


def program_root() -> Path:
    """The folder that holds `resources/` in a bundle or a checkout (see `resources_dir`)."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[1]


def installed_candidates() -> list[Path]:
    """Where an installed wheel's data files may be, most likely first."""
    folders: list[Path] = []
    for scheme in (sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")):
        try:
            folders.append(Path(sysconfig.get_path("data", scheme)))
        except KeyError:  # no such scheme on this platform
            continue
    folders += [Path(sys.prefix), Path(sys.base_prefix)]
    unique = list(dict.fromkeys(folders))
    return [folder.joinpath(*INSTALLED) for folder in unique]


def _is_resources(folder: Path) -> bool:
    return folder.joinpath(*MARKER).is_file()


def resources_dir() -> Path:
    """The `resources/` folder in use. A bundle always uses its own; a checkout's comes before
    an installed copy (so a developer sees the icons they edit); when none is there the
    checkout's path is returned, and callers keep their fallback (glyph icons, system fonts)."""
    if getattr(sys, "_MEIPASS", None):
        return program_root() / "resources"
    checkout = program_root() / "resources"
    if _is_resources(checkout):
        return checkout
    for folder in installed_candidates():
        if _is_resources(folder):
            return folder
    return checkout


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. resource_path("icons", "workbench.svg"); it may not exist,
    so callers keep their fallback."""
    return resources_dir().joinpath(*parts)


def sample_article() -> Path:
    return resource_path(*SAMPLE_ARTICLE.split("/"))


def sample_transcript() -> Path:
    return resource_path(*SAMPLE_TRANSCRIPT.split("/"))
