"""Composition root: the QApplication, the theme, the main window, errors, the screenshot."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from workbench import __version__
from workbench.errors import UserError

log = logging.getLogger(__name__)

APP_ID = "workbench"


def create_application(theme: str = "system") -> QApplication:
    from workbench.ui.theme import app_icon, apply_theme

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setApplicationName("Fact-check workbench")
        QCoreApplication.setOrganizationName("workbench")
        QCoreApplication.setApplicationVersion(__version__)
        QApplication.setDesktopFileName("workbench")
        app = QApplication([sys.argv[0] if sys.argv else "workbench"])
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    app.setWindowIcon(app_icon())
    return app


def _install_excepthook(window) -> None:
    """A bug in a slot becomes a message (and a log entry), not a dead window."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        window.report_error(error.with_traceback(tb))

    sys.excepthook = hook


def run_app(db_target: str | None = None, open_target: str | None = None) -> int:
    """`workbench` (the library) or `workbench open PATH|URL` (that article, imported)."""
    from workbench.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(db_target=db_target)
    _install_excepthook(window)
    window.show()

    def start() -> None:
        window.ask_reviewer_if_unknown()
        if open_target:
            window.open_database(lambda: window.import_paths([open_target]))
        else:
            window.open_database()

    QTimer.singleShot(0, start)
    _close_on_terminate(window)
    return app.exec()


def _close_on_terminate(window) -> None:
    """SIGTERM and Ctrl+C close the window as its close button does, so a typed note is saved."""
    import signal

    def close(*_args: object) -> None:
        QTimer.singleShot(0, window.close)

    signal.signal(signal.SIGTERM, close)
    signal.signal(signal.SIGINT, close)
    # Python runs signal handlers between bytecodes; a slow tick lets it out of Qt's loop.
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def parse_size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise UserError(
            f"{value!r} is not a size; write it as WIDTHxHEIGHT, e.g. 1400x900."
        ) from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise UserError(f"{value!r} is out of range; use 320x240 up to 8000x8000.")
    return width, height


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform says it cannot do what only a real screen can; keep stderr clean."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if message.startswith("This plugin does not support"):
            return
        if kind != QtMsgType.QtDebugMsg:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def take_screenshot(
    source: str,
    out: str | Path,
    size: tuple[int, int] = (1400, 900),
    theme: str = "system",
    evidence: Sequence[str] = (),
) -> Path:
    """Render the window with ``source`` imported into a throwaway database, first quote chosen.

    With ``evidence`` (primary sources: files or URLs) they are attached and the source view is
    shown for the first quote whose words differ from its source (else the first quote).
    """
    from workbench.ui import ops

    out = Path(out)
    if not out.parent.exists():
        raise UserError(f"The folder {out.parent} does not exist; create it or save elsewhere.")
    prepared = ops.prepare_import(source)  # a bad file fails here, before any window
    snapshots = [ops.capture_source(location) for location in evidence]
    # Drawn in memory, never on screen, unless the caller picked a platform on purpose.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.ui.main_window import MainWindow
    from workbench.ui.tasks import TaskRunner

    app = create_application(theme)
    _quiet_offscreen_warnings()
    with tempfile.TemporaryDirectory(prefix="workbench-shot-") as folder:
        runner = TaskRunner(synchronous=True)
        window = MainWindow(
            db_target=str(Path(folder) / "screenshot.sqlite"), runner=runner, remember=False
        )
        session = window.session
        errors: list[BaseException] = []
        session.error.disconnect(window.report_error)
        session.error.connect(errors.append)
        session.open_database()
        session.store_import(prepared)
        if snapshots and not errors:
            article_id = window.review.bundle.article.id
            for snapshot in snapshots:
                session.with_database(lambda db, s=snapshot: ops.store_source(db, article_id, s))
            session.open_article(article_id)  # shows the sources and compares every quote
            _show_most_telling_quote(window)
        if errors:
            window.close()
            raise errors[0]
        window.resize(*size)
        window.show()
        for _ in range(3):
            app.processEvents()
        current = window.review.current_quote()
        if current is not None:  # the layout settled only once shown: scroll again
            window.review.article.scroll_to_quote(current.id, centre=True)
            window.review.evidence.view.centre_passage()
        app.processEvents()
        image = window.grab().toImage()
        if (image.width(), image.height()) != size:
            image = image.scaled(*size)
        if not image.save(str(out), "PNG"):
            raise UserError(f"Cannot write the screenshot to {out}.")
        window.close()
    return out


def _show_most_telling_quote(window) -> None:
    """The screenshot's quote: the first whose words differ from its source, else the first."""
    from workbench.ui.views.review_page import EVIDENCE_TAB

    model = window.review.quotes
    chosen = None
    for order in ("altered", "near_exact", "exact"):
        chosen = next(
            (q for q in model.quotes() if (r := model.review(q.id)) and r.verdict == order), None
        )
        if chosen is not None:
            break
    if chosen is not None:
        window.review.select_quote(chosen.id)
    window.review.tabs.setCurrentIndex(EVIDENCE_TAB)
