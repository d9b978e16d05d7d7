"""The window's thread never imports the core's heavy parts: the database, the engine and the
exports load on the worker threads, so the window is up first and never waits on an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ui_support import SAMPLE

# Run in a fresh interpreter (pytest has loaded everything here): open the window, show a long
# text as a long import does, import the sample, pick a quote (its history comes from the
# audit trail), mark it, and list every module the window's own thread had to load from these
# packages while doing so. (A module a worker loaded first is not seen here: the window found
# it loaded, which is why the long text comes first.)
SCRIPT = """
import json, sys, threading
window_thread = threading.get_ident()
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "httpx", "rapidfuzz", "pydantic")
CORE = ("workbench.services", "workbench.storage", "workbench.export", "workbench.extraction",
        "workbench.matching", "workbench.importing")
loaded = []

def watch(event, args):
    if event == "import" and threading.get_ident() == window_thread:
        name = args[0]
        if name.split(".")[0] in HEAVY or name.startswith(CORE):
            loaded.append(name)

sys.addaudithook(watch)
from PySide6.QtCore import QEventLoop, QTimer
from workbench.domain import Article, Status
from workbench.ui import ops
from workbench.ui.app import create_application
from workbench.ui.main_window import MainWindow

app = create_application()
window = MainWindow(remember=False)
window.show()
loop = QEventLoop()
QTimer.singleShot(60_000, loop.quit)

def wait(signal):
    signal.connect(loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)

# First, before the workers have loaded anything: a long article read for import is shown
# while its quotes are found (2.5 MB, so the reader is told how long that takes).
long_text = "The ferry board met again and the timetable stayed as it was. " * 40_000
assert ops.slow_import_note(Article(text=long_text)) is not None
window._show_preview(Article(text=long_text, title="Ferry board"), "ferry-board.txt")
while window.review.article.document().characterCount() <= len(long_text):
    app.processEvents()
window.open_database()
wait(window.library_loaded)
window.import_paths([sys.argv[1]])
wait(window.article_shown)
window.review.select_quote(window.review.quotes.quote(1).id)
window.reviewing.set_status(Status.VERIFIED)
wait(window.change_applied)
assert window.review.detail.history_model.events(), "the history was shown"
quotes = window.review.quotes.rowCount()
window.close()
print(json.dumps({"loaded": loaded, "quotes": quotes}))
"""


def test_the_window_thread_loads_no_database_engine_or_export_module():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["quotes"] == 14  # it really opened and reviewed the sample
    assert report["loaded"] == []
