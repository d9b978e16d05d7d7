"""workbench.resources finds resources/ in the source tree and inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from workbench import resources

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_from_the_source_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources.resources_dir() == REPO_ROOT / "resources"
    sample = resources.sample_article()
    assert sample == REPO_ROOT / "resources" / "samples" / "harbour-bridge-inquiry.txt"
    assert sample.is_file()
    assert resources.resource_path("icons", "workbench.svg").is_file()


def test_inside_a_bundle_it_looks_under_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "resources" / "samples" / "harbour-bridge-inquiry.txt"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("Bundled copy.\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources.program_root() == tmp_path
    assert resources.sample_article() == bundled
    assert resources.sample_article().read_text(encoding="utf-8") == "Bundled copy.\n"
    # Not the source tree's copy, even though that one exists too.
    assert REPO_ROOT not in resources.resource_path("icons").parents


def test_the_spec_ships_the_sample_and_icons_where_the_helper_looks() -> None:
    spec = (REPO_ROOT / "packaging" / "workbench.spec").read_text(encoding="utf-8")
    assert '"resources/icons"' in spec
    assert '"resources/samples"' in spec
    assert f'"{resources.SAMPLE_ARTICLE.rsplit("/", 1)[1]}"' in spec
