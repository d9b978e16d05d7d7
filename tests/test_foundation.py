"""The project's front door: version, command line errors, and a core that never loads Qt."""

from __future__ import annotations

import subprocess
import sys

import workbench


def test_version_is_printed(workbench_cli):
    result = workbench_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"workbench {workbench.__version__}"
    assert workbench.__version__ != "0.0.0+unknown"


def test_core_does_not_import_qt():
    # pytest-qt has already loaded PySide6 into this process, so ask a fresh interpreter.
    core = [
        "workbench.cli",
        "workbench.domain",
        "workbench.errors",
        "workbench.importing",
        "workbench.extraction",
        "workbench.commands.analyze",
    ]
    code = (
        "import importlib, pkgutil, sys\n"
        "import workbench\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        # Walk by hand: pkgutil.walk_packages would import workbench.ui's packages to recurse.
        "def walk(path, prefix):\n"
        "    for info in pkgutil.iter_modules(path, prefix):\n"
        "        if info.name in ('workbench.ui', 'workbench.__main__'):\n"
        "            continue\n"
        "        module = importlib.import_module(info.name)\n"
        "        if info.ispkg:\n"
        "            walk(module.__path__, info.name + '.')\n"
        "walk(workbench.__path__, 'workbench.')\n"
        "from workbench.cli import build_parser; build_parser()\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
        "print(sorted(m for m in sys.modules if m.startswith('workbench.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    qt_modules, core_modules = result.stdout.strip().splitlines()
    assert qt_modules == "[]"
    # The walk really reached the core: storage, matching, importing and the services.
    for name in (
        "workbench.services",
        "workbench.storage.db",
        "workbench.matching",
        "workbench.importing.fetch",
    ):
        assert f"'{name}'" in core_modules


def test_unreadable_file_is_one_sentence_and_exit_2(workbench_cli, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = workbench_cli("analyze", str(missing))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_python_dash_m_shows_help(workbench_cli):
    result = workbench_cli("--help")
    assert result.returncode == 0
    assert "analyze" in result.stdout
