"""The version lives in pyproject.toml only; --version, About and the metainfo show that one."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path

import pytest

import workbench
from workbench.cli import main
from workbench.resources import APP_ID

REPO_ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    with (REPO_ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def test_the_installed_metadata_is_pyproject_s_version() -> None:
    # A mismatch means the venv is stale: `make` re-installs whenever pyproject.toml changes.
    assert version("factcheck-workbench") == pyproject_version()
    assert workbench.__version__ == pyproject_version()


def test_version_option_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"workbench {pyproject_version()}"


def test_about_box_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ui import main_window

    shown: list[str] = []
    monkeypatch.setattr(
        main_window.QMessageBox, "about", lambda parent, title, text: shown.append(text)
    )
    main_window.MainWindow.show_about(None)  # only passes itself on as the dialog's parent
    assert len(shown) == 1
    assert f"Fact-check workbench {pyproject_version()}" in shown[0]


def test_the_newest_release_in_the_metainfo_is_this_version() -> None:
    root = ET.parse(REPO_ROOT / "packaging" / f"{APP_ID}.metainfo.xml").getroot()
    releases = root.findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == pyproject_version(), (
        "add a <release> for the new version at the top of the metainfo's <releases>"
    )
