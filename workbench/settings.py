"""The user's settings (reviewer name, backups kept) in a small JSON file in the config folder.

The file is ``$XDG_CONFIG_HOME/workbench/settings.json`` on Linux (platformdirs elsewhere).
Unknown keys are kept as they are, so an older workbench does not erase a newer one's settings.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from workbench.errors import EnvironmentFault, UserError


@dataclass(frozen=True)
class Settings:
    reviewer: str | None = None  # written on every review event unless --reviewer says otherwise
    backups_kept: int = 7  # daily copies of the SQLite database kept beside it
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def settings_path() -> Path:
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg:
        return Path(xdg) / "workbench" / "settings.json"
    import platformdirs

    return platformdirs.user_config_path("workbench", appauthor=False) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise EnvironmentFault(f"Cannot read the settings file {path}: {error}.") from error
    except json.JSONDecodeError as error:
        raise UserError(
            f"The settings file {path} is not valid JSON (line {error.lineno}); fix it or "
            f"delete it to start from the defaults."
        ) from error
    if not isinstance(data, dict):
        raise UserError(f"The settings file {path} should hold a JSON object; fix or delete it.")
    known = {f.name for f in fields(Settings)} - {"extra"}
    values = {k: v for k, v in data.items() if k in known}
    reviewer = values.get("reviewer")
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        raise UserError(f"In {path}, reviewer should be a name; fix or delete it.")
    kept = values.get("backups_kept", Settings.backups_kept)
    if not isinstance(kept, int) or isinstance(kept, bool) or kept < 0:
        raise UserError(f"In {path}, backups_kept should be a whole number >= 0.")
    return Settings(
        reviewer=reviewer.strip() if reviewer else None,
        backups_kept=kept,
        extra={k: v for k, v in data.items() if k not in known},
    )


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (a crash leaves the old file or the new one)."""
    path = path or settings_path()
    data = {**settings.extra, **{k: v for k, v in asdict(settings).items() if k != "extra"}}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise EnvironmentFault(f"Cannot save the settings to {path}: {error.strerror}.") from error
    return path


def set_reviewer(name: str) -> Settings:
    if not name.strip():
        raise UserError("A reviewer name cannot be empty.")
    settings = replace(load_settings(), reviewer=name.strip())
    save_settings(settings)
    return settings


def reviewer_name(explicit: str | None = None) -> str:
    """Who is reviewing: --reviewer, else the name in settings, else the system user name."""
    if explicit is not None:
        if not explicit.strip():
            raise UserError("--reviewer needs a name.")
        return explicit.strip()
    configured = load_settings().reviewer
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown reviewer"
