"""Icons and samples are found in a checkout, a PyInstaller bundle and an installed wheel, and the
wheel really carries them (a pipx install used to draw every icon as a text glyph)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from ui_support import REPO_ROOT

from workbench import resources
from workbench.export import fonts
from workbench.ui import theme

ICON = ("icons", "workbench.svg")


def fake_resources(folder: Path) -> Path:
    """A resources/ folder with the real icons, as an installer or PyInstaller lays it out."""
    shutil.copytree(REPO_ROOT / "resources" / "icons", folder / "icons")
    (folder / "samples").mkdir()
    (folder / "samples" / "harbour-bridge-inquiry.txt").write_text("Installed.\n", "utf-8")
    return folder


def test_the_source_tree_s_icons_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources.resources_dir() == REPO_ROOT / "resources"
    assert resources.resource_path(*ICON).is_file()
    assert theme._icon_file("status-verified").is_file()
    assert resources.sample_transcript().is_file()


def test_a_bundle_s_own_icons_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_resources(tmp_path / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path(*ICON) == tmp_path / "resources" / "icons" / "workbench.svg"
    assert theme._icon_file("workbench").is_file()


def test_an_installed_wheel_s_icons_are_found_under_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pip and pipx put data files under the scheme's data folder (the venv for pipx)."""
    site = tmp_path / "venv" / "lib" / "python3" / "site-packages"
    (site / "workbench").mkdir(parents=True)  # no resources/ beside the package
    installed = fake_resources(tmp_path / "venv" / "share" / "workbench" / "resources")
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(resources, "__file__", str(site / "workbench" / "resources.py"))
    monkeypatch.setattr(
        sysconfig,
        "get_path",
        lambda name, scheme=None: str(tmp_path / "venv") if name == "data" else "",
    )
    assert resources.resources_dir() == installed
    assert resources.sample_article().read_text("utf-8") == "Installed.\n"
    assert theme._icon_file("library") == installed / "icons" / "library.svg"
    assert installed / "fonts" in fonts.font_folders()


def test_user_installs_are_looked_for_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pip install --user`: the data folder is ~/.local, not the interpreter's prefix."""
    user = fake_resources(tmp_path / "home" / ".local" / "share" / "workbench" / "resources")
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(resources, "__file__", str(tmp_path / "site" / "workbench" / "x.py"))

    def data_path(name: str, scheme: str | None = None) -> str:
        user_scheme = sysconfig.get_preferred_scheme("user")
        return str(tmp_path / ("home/.local" if scheme == user_scheme else "nowhere"))

    monkeypatch.setattr(sysconfig, "get_path", data_path)
    assert resources.resources_dir() == user


def test_without_any_resources_the_checkout_path_is_returned_for_the_fallbacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(resources, "__file__", str(tmp_path / "site" / "workbench" / "x.py"))
    monkeypatch.setattr(sysconfig, "get_path", lambda *_a, **_k: str(tmp_path / "nowhere"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "nowhere"))
    monkeypatch.setattr(sys, "base_prefix", str(tmp_path / "nowhere"))
    assert resources.resources_dir() == tmp_path / "site" / "resources"
    assert not theme._icon_file("workbench").exists()


@pytest.mark.slow
def test_the_wheel_carries_the_icons_and_samples(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    prefix = next(n for n in names if ".data/data/" in n).split(".data/data/")[0]
    shipped = {
        n.removeprefix(f"{prefix}.data/data/") for n in names if n.startswith(f"{prefix}.data/")
    }
    base = "/".join(resources.INSTALLED)
    for svg in (REPO_ROOT / "resources" / "icons").glob("*.svg"):
        assert f"{base}/icons/{svg.name}" in shipped
    assert f"{base}/icons/hicolor/512x512/apps/{resources.APP_ID}.png" in shipped
    assert f"{base}/{resources.SAMPLE_ARTICLE}" in shipped
    assert f"{base}/{resources.SAMPLE_TRANSCRIPT}" in shipped
