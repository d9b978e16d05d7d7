"""Where the program's read-only files (icons, the sample article) are, in a checkout or a bundle.

From a source tree they are in the top-level `resources/` folder beside `workbench/`; a
PyInstaller bundle unpacks the same folder under `sys._MEIPASS` (packaging/workbench.spec puts
it there). Nothing here imports Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_ID = "org.example.FactcheckWorkbench"  # AppStream id and icon name (packaging/)
SAMPLE_ARTICLE = "samples/harbour-bridge-inquiry.txt"


def program_root() -> Path:
    """The folder that holds `resources/`: the bundle's data folder, else the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[1]


def resources_dir() -> Path:
    return program_root() / "resources"


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. resource_path("icons", "workbench.svg"); it may not exist
    (an installed wheel carries no resources), so callers keep their fallback."""
    return resources_dir().joinpath(*parts)


def sample_article() -> Path:
    return resource_path(*SAMPLE_ARTICLE.split("/"))
