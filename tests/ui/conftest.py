"""Fixtures for driving the real window: a fresh database and settings per test (see ../conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_support import LOAD_TIMEOUT, OFFSCREEN_LIMITS, REVIEWER, SAMPLE, SAMPLE_GOLD, wait_idle  # noqa: F401

from workbench import services
from workbench.settings import set_reviewer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


@pytest.fixture(autouse=True)
def reviewer_configured(_isolated_profile) -> str:
    """Tests never meet the first-start question: the reviewer is in the (test's) settings."""
    set_reviewer(REVIEWER)
    return REVIEWER


@pytest.fixture(autouse=True)
def no_dialog_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ui.dialogs.reviewer import ReviewerDialog

    def refuse(*_args, **_kwargs):
        raise AssertionError("a test window asked for the reviewer's name")

    monkeypatch.setattr(ReviewerDialog, "ask", classmethod(refuse))


@pytest.fixture
def gold_spans() -> list[tuple[int, int]]:
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    return sorted((q["start"], q["end"]) for q in gold["quotes"] if not q.get("rejected"))


@pytest.fixture
def window(qtbot):
    from workbench.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    with qtbot.waitSignal(win.library_loaded, timeout=LOAD_TIMEOUT):
        win.open_database()
    yield win
    win.close()


@pytest.fixture
def opened(qtbot, window):
    """The window with the bundled sample imported and shown, its first quote selected."""
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.import_paths([str(SAMPLE)])
    qtbot.waitUntil(lambda: window.session.runner.pending == 0, timeout=LOAD_TIMEOUT)
    return window


@pytest.fixture
def db():
    with services.open_review_database() as database:
        yield database
