"""Settings live in the config folder ($XDG_CONFIG_HOME) and name the reviewer."""

from __future__ import annotations

import json

import pytest

from workbench.errors import UserError
from workbench.settings import (
    Settings,
    load_settings,
    reviewer_name,
    save_settings,
    set_reviewer,
    settings_path,
)


def test_settings_file_is_in_xdg_config_home(tmp_path):
    assert settings_path() == tmp_path / "xdg-config" / "workbench" / "settings.json"
    assert load_settings() == Settings()


def test_saved_settings_read_back_and_keep_unknown_keys(tmp_path):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"reviewer": "Ada", "theme": "dark"}))
    set_reviewer("Grace Okafor")
    assert load_settings().reviewer == "Grace Okafor"
    assert json.loads(path.read_text())["theme"] == "dark"
    save_settings(Settings(reviewer="Lin", backups_kept=3))
    assert load_settings() == Settings(reviewer="Lin", backups_kept=3)


def test_reviewer_precedence(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    assert reviewer_name() == "osuser"
    set_reviewer("From Settings")
    assert reviewer_name() == "From Settings"
    assert reviewer_name("  Explicit ") == "Explicit"
    with pytest.raises(UserError):
        reviewer_name("  ")


@pytest.mark.parametrize(
    "content, message",
    [("{not json", "not valid JSON"), ("[1]", "JSON object"), ('{"backups_kept": -1}', ">= 0")],
)
def test_a_broken_settings_file_is_named(content, message):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(UserError, match=message) as caught:
        load_settings()
    assert str(path) in str(caught.value)
