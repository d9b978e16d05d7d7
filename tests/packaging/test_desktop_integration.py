"""The desktop entry and the AppStream metainfo agree with each other, the program and the icons."""

from __future__ import annotations

import ast
import configparser
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.cli import build_parser
from workbench.resources import APP_ID, resources_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"
DESKTOP_FILE = PACKAGING / "workbench.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ARTICLE_TYPES = {
    "text/plain",
    "text/markdown",
    "text/html",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def split_list(value: str) -> list[str]:
    return [item for item in value.split(";") if item]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_desktop_entry_launches_the_workbench_and_opens_articles() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "workbench open %f"
    assert entry["TryExec"] == "workbench"
    assert entry["Terminal"] == "false"
    assert set(split_list(entry["MimeType"])) == ARTICLE_TYPES


def test_open_without_a_file_parses_so_the_menu_entry_starts_the_app() -> None:
    # A launcher expands `%f` to nothing when no file was chosen.
    args = build_parser().parse_args(["open"])
    assert args.path is None
    assert build_parser().parse_args(["open", "article.txt"]).path == "article.txt"


def test_desktop_file_name_is_the_one_the_program_gives_the_desktop() -> None:
    # Wayland and GNOME match a window to its entry by QGuiApplication.desktopFileName().
    tree = ast.parse((REPO_ROOT / "workbench" / "ui" / "app.py").read_text(encoding="utf-8"))
    names = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "setDesktopFileName"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert names == [DESKTOP_FILE.stem]


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_icon_named_by_the_entry_exists_at_every_size(size: int) -> None:
    icon = desktop_entry()["Icon"]
    assert icon == APP_ID
    png = resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png"
    assert png.is_file(), f"missing {png.relative_to(REPO_ROOT)}: run packaging/render-icons.sh"
    assert png_size(png) == (size, size)


def test_the_scalable_icon_is_an_svg() -> None:
    svg = ET.parse(resources_dir() / "icons" / "workbench.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_metainfo_names_the_entry_the_types_and_the_id() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable[@type='desktop-id']").text == DESKTOP_FILE.name
    assert {m.text for m in root.iterfind("provides/mediatype")} == ARTICLE_TYPES
    assert root.findtext("provides/binary") == "workbench"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("name") == desktop_entry()["Name"]


def test_the_spec_and_the_metainfo_use_the_same_id() -> None:
    spec = (PACKAGING / "workbench.spec").read_text(encoding="utf-8")
    assert re.search(r'^APP_ID = "([^"]+)"', spec, re.MULTILINE).group(1) == APP_ID
