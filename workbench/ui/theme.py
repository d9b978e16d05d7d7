"""Colours, icons and the small stylesheet: follow the system theme, stay readable in the dark."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication

from workbench.domain import Status
from workbench.resources import resource_path
from workbench.ui.statuses import look
from workbench.vocabulary import verdict_words


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window is drawn light-on-dark (system dark mode or our dark palette)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def status_color(status: Status | str, dark: bool | None = None) -> QColor:
    entry = look(status)
    return QColor(entry.dark if (is_dark() if dark is None else dark) else entry.light)


def status_background(status: Status | str, dark: bool | None = None) -> QColor:
    """A tint of the status colour behind quoted words: strong enough to see, light enough to read."""
    dark = is_dark() if dark is None else dark
    colour = status_color(status, dark)
    colour.setAlpha(64 if dark else 60)
    return colour


def current_background(status: Status | str, dark: bool | None = None) -> QColor:
    """The selected quote's tint: clearly stronger, and still AA-readable (4.5:1) in the dark."""
    dark = is_dark() if dark is None else dark
    colour = status_color(status, dark)
    colour.setAlpha(96 if dark else 110)
    return colour


def _icon_file(name: str) -> Path:
    return resource_path("icons", f"{name}.svg")


@cache
def _status_icon(status: Status, dark: bool) -> QIcon:
    path = _icon_file(f"status-{status.value.replace('_', '-')}")
    icon = QIcon(str(path)) if path.exists() else QIcon()
    if icon.isNull() or icon.pixmap(16, 16).isNull():
        icon = _glyph_icon(look(status).glyph, status_color(status, dark))
    return icon


def status_icon(status: Status | str) -> QIcon:
    return _status_icon(Status(status), is_dark())


@cache
def _verdict_icon(verdict: str, dark: bool) -> QIcon:
    entry = verdict_words(verdict)
    return _glyph_icon(entry.glyph, QColor(entry.dark if dark else entry.light))


def verdict_icon(verdict: str | None) -> QIcon:
    return _verdict_icon(verdict_words(verdict).verdict, is_dark())


def verdict_color(verdict: str | None, dark: bool | None = None) -> QColor:
    entry = verdict_words(verdict)
    return QColor(entry.dark if (is_dark() if dark is None else dark) else entry.light)


def _glyph_icon(glyph: str, colour: QColor) -> QIcon:
    """A fallback icon drawn from a character, for a checkout without resources/icons."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour)
    font = QFont()
    font.setPixelSize(24)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


@cache
def app_icon() -> QIcon:
    path = _icon_file("workbench")
    return QIcon(str(path)) if path.exists() else QIcon()


@cache
def named_icon(name: str) -> QIcon:
    path = _icon_file(name)
    return QIcon(str(path)) if path.exists() else QIcon()


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion, for `--theme dark` and systems that ask for dark."""
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8e6e3")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#24262a"),
        QPalette.ColorRole.ToolTipBase: QColor("#2b2d31"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8f9399"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2b2d31"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ffffff"),
        QPalette.ColorRole.Light: QColor("#3a3d42"),
        QPalette.ColorRole.Midlight: QColor("#33363a"),
        QPalette.ColorRole.Mid: QColor("#2a2c30"),
        QPalette.ColorRole.Dark: QColor("#111214"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: QColor("#3d6fb4"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c7f85"))
    return p


def apply_theme(app: QApplication, theme: str = "system") -> None:
    """ "system" keeps the platform's palette (dark when it is dark); light/dark force one.

    The stylesheet is left to ``apply_stylesheet``, once the main window is built.
    """
    if theme in ("light", "dark"):
        app.setStyle("Fusion")
        if theme == "dark":
            app.setPalette(dark_palette())
        else:
            app.setPalette(app.style().standardPalette())
    elif QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark and not is_dark():
        # Some platforms report dark mode but leave a light palette: give Fusion a dark one.
        app.setStyle("Fusion")
        app.setPalette(dark_palette())


def apply_stylesheet(app: QApplication) -> None:
    """Our few style rules, for the whole application: set once the main window is built.

    With an application stylesheet in place, Qt polishes every widget through its stylesheet
    style as it is made: building the main window took 90 ms that way, and 35 ms before the
    sheet, which then styles the window's widgets in 10 ms (benchmarks/startup.py).
    """
    app.setStyleSheet(STYLESHEET)


STYLESHEET = """
QToolButton[statusButton="true"] {
    padding: 3px 8px; border: 1px solid palette(mid); border-radius: 4px;
    background: palette(button);
}
QToolButton[statusButton="true"]:checked {
    font-weight: bold; border: 2px solid palette(highlight); background: palette(base);
}
QLabel[role="heading"] { font-weight: bold; }
QLabel[role="muted"] { color: palette(placeholder-text); }
QFrame#legend { border-top: 1px solid palette(mid); }
QLabel#verdictBadge { border: 2px solid palette(mid); border-radius: 4px; padding: 2px 8px;
    font-weight: bold; }
QLabel#speakerMismatch { border: 2px solid #c0470a; border-radius: 4px; padding: 2px 8px;
    font-weight: bold; }
"""
