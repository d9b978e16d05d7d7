"""The app around the review: library, settings, first start, themes and `workbench screenshot`."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QColor, QGuiApplication, QImage
from ui_support import LOAD_TIMEOUT, SAMPLE

from workbench.domain import Status
from workbench.settings import load_settings, save_settings
from workbench.ui.statuses import STATUS_LOOKS
from workbench.ui.theme import current_background, dark_palette, status_background, status_color
from workbench.ui.views.article_view import QUOTE_KIND


def test_the_library_lists_articles_and_double_click_opens_one(qtbot, opened):
    with qtbot.waitSignal(opened.library_loaded, timeout=LOAD_TIMEOUT):
        opened.show_library()
    library = opened.library
    assert library.proxy.rowCount() == 1
    assert library.model.index(0, 0).data() == (
        "Kestrel Bay opens inquiry into Harbour Bridge repair contract"
    )
    library.search.setText("nobody stopped it")
    assert library.proxy.rowCount() == 1
    library.search.setText("no such words anywhere")
    assert library.proxy.rowCount() == 0
    library.search.clear()
    with qtbot.waitSignal(opened.article_shown, timeout=LOAD_TIMEOUT):
        library.table.doubleClicked.emit(library.proxy.index(0, 0))
    assert opened.pages.currentWidget() is opened.review


def test_new_article_from_the_clipboard(qtbot, window):
    QGuiApplication.clipboard().setText(
        "Ferry fares to rise\n\n“We had no choice,” said Mara Olsen, the ferry company's chief."
    )
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.import_clipboard()
    assert window.review.title.text() == "Ferry fares to rise"
    assert window.review.quotes.rowCount() == 1


def test_geometry_and_splitters_are_remembered(qtbot, opened):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.window_memory import ui_settings_path

    # The offscreen screen is 800x600, and a restored window is kept on its screen.
    opened.resize(780, 560)
    opened.review.splitter.setSizes([430, 300])
    sizes = opened.review.splitter.sizes()
    opened.close()
    assert ui_settings_path().is_file()
    assert str(ui_settings_path()).startswith(os.environ["XDG_CONFIG_HOME"])
    again = MainWindow()
    qtbot.addWidget(again)
    again.pages.setCurrentWidget(again.review)
    again.show()
    qtbot.waitExposed(again)
    assert again.size().width() == 780
    assert again.review.splitter.sizes() == sizes


def test_first_start_asks_the_reviewer_s_name(qtbot, monkeypatch):
    from workbench.ui.dialogs.reviewer import ReviewerDialog
    from workbench.ui.main_window import MainWindow

    save_settings(load_settings().__class__())  # a first start: no name yet
    asked: list[bool] = []

    def answer(cls, parent, current=""):
        asked.append(True)
        return "Ana Ferreira"

    monkeypatch.setattr(ReviewerDialog, "ask", classmethod(answer))
    window = MainWindow(remember=False)
    qtbot.addWidget(window)
    window.ask_reviewer_if_unknown()
    assert asked == [True]
    assert load_settings().reviewer == "Ana Ferreira"
    assert window.reviewer_label.text() == "Reviewer: Ana Ferreira"
    window.ask_reviewer_if_unknown()  # known now: not asked again
    assert asked == [True]


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(colour: QColor, base: QColor) -> QColor:
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + base.redF() * (1 - alpha),
        colour.greenF() * alpha + base.greenF() * (1 - alpha),
        colour.blueF() * alpha + base.blueF() * (1 - alpha),
    )


def test_status_colours_stay_readable_in_light_and_dark():
    for dark, palette in ((False, None), (True, dark_palette())):
        base = palette.color(palette.ColorRole.Base) if palette else QColor("#ffffff")
        text = palette.color(palette.ColorRole.Text) if palette else QColor("#000000")
        for status in Status:
            behind = _over(status_background(status, dark), base)
            assert _contrast(text, behind) >= 7, (status, dark)  # text on the tint: AAA
            selected = _over(current_background(status, dark), base)
            assert _contrast(text, selected) >= 4.5, (status, dark)  # the selected quote: AA
            assert _contrast(status_color(status, dark), base) >= 3, (status, dark)  # the line
    # A second cue besides colour: every status has its own underline style and glyph.
    assert len({look.underline for look in STATUS_LOOKS.values()}) == len(Status)
    assert len({look.glyph for look in STATUS_LOOKS.values()}) == len(Status)


def test_screenshot_writes_a_png_of_the_requested_size(tmp_path):
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "screenshot",
            str(SAMPLE),
            str(out),
            "--size",
            "900x640",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 640)
    # It ran on a throwaway database: the user's (here, the test's) review record is untouched.
    assert not (tmp_path / "workbench.sqlite").exists()


def test_screenshot_refuses_bad_input_in_one_sentence(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for args in (
        [str(SAMPLE), str(tmp_path / "x.png"), "--size", "huge"],
        [str(tmp_path / "missing.txt"), str(tmp_path / "x.png")],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "workbench", "screenshot", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_dark_theme_paints_light_text(qtbot, opened):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    original = app.palette()
    try:
        app.setPalette(dark_palette())
        view = opened.review.article
        qtbot.waitUntil(
            lambda: view.palette().color(view.palette().ColorRole.Text).lightness() > 200
        )
        assert view.highlights.painted(QUOTE_KIND)  # rebuilt for the new palette, all still there
    finally:
        app.setPalette(original)


def test_screenshot_with_a_source_attaches_it_and_writes_a_png(tmp_path):
    out = tmp_path / "with-source.png"
    transcript = SAMPLE.with_name("harbour-bridge-hearing.txt")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-m", "workbench", "screenshot", str(SAMPLE), str(out)]
    args += ["--size", "1000x700", "--source", str(transcript), "--source", str(transcript)]
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    missing = subprocess.run(
        [*args[:6], "--source", str(tmp_path / "no-such-transcript.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode == 2
    assert "no-such-transcript.txt" in missing.stderr and missing.stderr.count("\n") == 1
