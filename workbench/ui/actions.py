"""One table of the window's actions: words, keys, tips, icons, menus, toolbar and shortcut sheet.

Each action names the window method it calls (``slot``, with ``args``; "reviewing.…" is one of
``ui/review_actions.py``); ``WindowActions`` makes the QActions, adds them to the window (so
their keys work with the menu bar hidden) and lays out the menus and the toolbar. The shortcut sheet (F1) is read from the same table, so a key shown
there is the key that works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from workbench.domain import Status
from workbench.ui.statuses import STATUS_ORDER, look
from workbench.ui.theme import named_icon, status_icon

Key = str | QKeySequence.StandardKey
StdKey = QKeySequence.StandardKey

# When an action can be used; the window enables each group as the page and selection change.
NEEDS_ARTICLE = "article"  # an article is open on the review page
NEEDS_QUOTE = "quote"  # ... and a quote is selected
NEEDS_PASSAGE = "passage"  # ... and a primary source is there to link it in


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    slot: str  # what it calls, from the window ("" for undo and redo: the undo stack makes those)
    keys: tuple[Key, ...] = ()
    tip: str = ""
    icon: Callable[[], QIcon] | None = None  # called once there is an application
    icon_text: str = ""  # the toolbar's shorter words
    args: tuple = ()
    needs: str = ""  # NEEDS_ARTICLE, NEEDS_QUOTE or NEEDS_PASSAGE: enabled only then


def status_action(status: Status) -> str:
    return f"mark_{status}"


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "open",
        "&Import article…",
        "choose_files",
        (StdKey.Open,),
        tip="Import an article file",
        icon=partial(named_icon, "import"),
    ),
    ActionSpec(
        "paste",
        "New article from &clipboard",
        "import_clipboard",
        ("Ctrl+Shift+V",),
        tip="Import the text on the clipboard as an article",
    ),
    ActionSpec(
        "library",
        "&Library",
        "show_library",
        ("Ctrl+L",),
        tip="Back to the list of articles",
        icon=partial(named_icon, "library"),
    ),
    ActionSpec(
        "export",
        "&Export…",
        "export_review",
        ("Ctrl+E",),
        tip="Export this article's review: PDF or HTML report, CSV, JSON or ClaimReview",
        icon_text="Export",
        needs=NEEDS_ARTICLE,
    ),
    ActionSpec(
        "export_library",
        "Export the &library…",
        "export_whole_library",
        ("Ctrl+Shift+E",),
        tip="Export every article's review in one file, optionally filtered",
    ),
    ActionSpec("quit", "&Quit", "close", (StdKey.Quit,)),
    ActionSpec("undo", "&Undo", "", ("Ctrl+Z",), icon_text="Undo"),
    ActionSpec("redo", "&Redo", "", ("Ctrl+Shift+Z", "Ctrl+Y"), icon_text="Redo"),
    ActionSpec(
        "find", "&Find in article", "reviewing.open_find", (StdKey.Find,), needs=NEEDS_ARTICLE
    ),
    ActionSpec(
        "add_quote",
        "&Add selected text as a quote",
        "reviewing.add_quote_from_selection",
        ("Q",),
        tip="Add the words selected in the text as a quote the detector missed",
        icon_text="Add quote",
        needs=NEEDS_ARTICLE,
    ),
    ActionSpec(
        "adjust",
        "Set the selected quote's words to the &selection",
        "reviewing.adjust_span_to_selection",
        ("Shift+Q",),
        tip="Make the selected quote cover exactly the words selected in the text",
        needs=NEEDS_QUOTE,
    ),
    ActionSpec(
        "reject",
        "&Reject detection",
        "reviewing.reject_current",
        (StdKey.Delete,),
        tip="Not a quote: reject it (undo brings it back)",
        needs=NEEDS_QUOTE,
    ),
    ActionSpec(
        "attach_source",
        "Attach primary &source…",
        "reviewing.choose_source",
        ("Ctrl+Shift+O",),
        tip="Attach the transcript, report or page the article quotes (file, URL or text)",
        icon_text="Attach source",
        needs=NEEDS_ARTICLE,
    ),
    ActionSpec(
        "recheck_source",
        "Re-&check the source",
        "reviewing.recheck_source",
        ("Ctrl+Shift+R",),
        tip="Read or fetch the primary source again: has it changed, do the links still "
        "match? (the snapshot is kept as it is)",
    ),
    ActionSpec(
        "accept_link",
        "&Link the passage shown",
        "reviewing.accept_passage",
        ("L",),
        tip="Link the quote to the passage shown in the primary source",
        needs=NEEDS_PASSAGE,
    ),
    ActionSpec(
        "reject_passage",
        "&Reject the passage shown",
        "reviewing.reject_passage",
        ("R",),
        tip="Not where the quote comes from: reject this passage",
        needs=NEEDS_PASSAGE,
    ),
    ActionSpec(
        "next_passage",
        "&Next possible passage",
        "reviewing.step_passage",
        ("C",),
        tip="Show the next candidate passage in the primary source",
        args=(+1,),
        needs=NEEDS_PASSAGE,
    ),
    ActionSpec(
        "previous_passage",
        "&Previous possible passage",
        "reviewing.step_passage",
        ("Shift+C",),
        args=(-1,),
        needs=NEEDS_PASSAGE,
    ),
    ActionSpec(
        "link_selection",
        "Link the &words selected in the source",
        "reviewing.link_selection",
        ("Shift+L",),
        tip="Link the quote to the passage selected by hand in the primary source",
        needs=NEEDS_PASSAGE,
    ),
    ActionSpec(
        "unlink",
        "&Unlink the passage shown",
        "reviewing.unlink_passage",
        ("U",),
        tip="Remove the quote's link to the passage shown",
        needs=NEEDS_PASSAGE,
    ),
    ActionSpec("speaker", "Change &speaker", "reviewing.focus_speaker", ("S",), needs=NEEDS_QUOTE),
    ActionSpec("note", "Write a &note", "reviewing.focus_note", ("N",), needs=NEEDS_QUOTE),
    ActionSpec("preferences", "&Preferences…", "edit_preferences", (StdKey.Preferences, "Ctrl+,")),
    ActionSpec(
        "next", "&Next quote", "reviewing.step_quote", ("J",), args=(+1,), needs=NEEDS_ARTICLE
    ),
    ActionSpec(
        "previous",
        "&Previous quote",
        "reviewing.step_quote",
        ("K",),
        args=(-1,),
        needs=NEEDS_ARTICLE,
    ),
    # Enter is a shortcut of the table and the article only (the window makes it), never of a
    # text field; the menu shows it after a tab.
    ActionSpec(
        "verify_next",
        "&Verify and go to next\tEnter",
        "reviewing.verify_and_next",
        needs=NEEDS_QUOTE,
    ),
    *(
        ActionSpec(
            status_action(status),
            f"Mark {look(status).label.lower()}",
            "reviewing.set_status",
            (look(status).key, str(i)),
            icon=partial(status_icon, status),
            args=(status,),
            needs=NEEDS_QUOTE,
        )
        for i, status in enumerate(STATUS_ORDER, start=1)
    ),
    ActionSpec(
        "help",
        "&Keyboard shortcuts",
        "show_shortcuts",
        (StdKey.HelpContents, "F1", "?"),
        icon_text="Shortcuts",
    ),
    ActionSpec("about", "&About the workbench", "show_about"),
)

SPECS = {spec.name: spec for spec in ACTIONS}

# The menus and the toolbar: action names in order, "|" a separator.
MENUS: tuple[tuple[str, str], ...] = (
    ("&File", "open paste library | export export_library | quit"),
    ("&Edit", "undo redo | find add_quote adjust reject speaker note | preferences"),
    ("&Review", "next previous verify_next | " + " ".join(map(status_action, STATUS_ORDER))),
    (
        "&Primary source",
        "attach_source recheck_source | accept_link reject_passage next_passage "
        "previous_passage link_selection unlink",
    ),
    ("&Help", "help about"),
)
TOOLBAR = "library open | undo redo | add_quote attach_source export help"


@dataclass(frozen=True)
class SheetRow:
    """A line of the shortcut sheet: one action, or two shown as "first / second"."""

    names: tuple[str, ...]
    what: str
    keys: str = ""  # where the actions' own keys do not say it (Enter, Delete)
    where: str = ""  # said after the keys


SHEET: tuple[SheetRow, ...] = (
    SheetRow(("next", "previous"), "next / previous quote", where=", ↓ / ↑ in the table"),
    SheetRow(
        ("verify_next",),
        "mark verified and go to the next quote",
        keys="Enter (in the text or table)",
    ),
    *(
        SheetRow(
            (status_action(status),), f"mark {look(status).label.lower()} {look(status).glyph}"
        )
        for status in STATUS_ORDER
    ),
    SheetRow(("note",), "write a note (saved when you pause)"),
    SheetRow(("speaker",), "change the speaker"),
    SheetRow(("add_quote",), "add the selected text as a quote the detector missed"),
    SheetRow(("adjust",), "make the selected quote cover the words selected in the text"),
    SheetRow(("reject",), "reject a false detection", keys="Delete"),
    SheetRow(("attach_source",), "attach a primary source (file, web address or pasted text)"),
    SheetRow(("accept_link",), "link the quote to the passage shown in the primary source"),
    SheetRow(("reject_passage",), "not this passage: reject it"),
    SheetRow(("next_passage", "previous_passage"), "next / previous possible passage"),
    SheetRow(("link_selection",), "link the words selected in the primary source"),
    SheetRow(("unlink",), "unlink the passage shown"),
    SheetRow(
        ("recheck_source",),
        "re-check the primary source: has it changed since it was captured?",
    ),
    SheetRow(("find",), "find in the article"),
    SheetRow(("undo", "redo"), "undo / redo any review action"),
    SheetRow(("open",), "import an article"),
    SheetRow(("paste",), "new article from the clipboard"),
    SheetRow(("export",), "export this article's review (PDF, HTML, CSV, JSON, ClaimReview)"),
    SheetRow(("export_library",), "export the whole library"),
    SheetRow(("library",), "back to the library"),
    SheetRow(("help",), "this sheet"),
)


def key_sequences(spec: ActionSpec, *, main_only: bool = False) -> list[QKeySequence]:
    """The spec's keys, a standard key as this platform binds it (``main_only``: its first
    binding, as the sheet shows it, not the media keys some platforms add), each once."""
    keys: list[QKeySequence] = []
    for key in spec.keys:
        if isinstance(key, QKeySequence.StandardKey):
            keys.extend(QKeySequence.keyBindings(key)[: 1 if main_only else None])
        else:
            keys.append(QKeySequence(key))
    return list({key.toString(): key for key in keys if not key.isEmpty()}.values())


def shortcut_rows() -> list[tuple[str, str]]:
    """The shortcut sheet: (keys, what they do), from the same table the window's actions are."""
    rows = []
    for row in SHEET:
        keys = [key_sequences(SPECS[name], main_only=True) for name in row.names]
        if row.keys:
            label = row.keys
        elif len(keys) > 1:  # a pair: the first key of each
            label = " / ".join(k[0].toString() for k in keys)
        else:
            label = " or ".join(k.toString() for k in keys[0])
        rows.append((label + row.where, row.what))
    return rows


class WindowActions:
    """The window's QActions by name, and the groups it enables together."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        self._actions: dict[str, QAction] = {}
        for spec in ACTIONS:
            self._actions[spec.name] = self._make(window, undo_stack, spec)
        for title, names in MENUS:
            self._lay_out(window.menuBar().addMenu(title), names)
        toolbar = window.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._lay_out(toolbar, TOOLBAR)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def group(self, needs: str) -> list[QAction]:
        return [self._actions[spec.name] for spec in ACTIONS if spec.needs == needs]

    def _lay_out(self, widget: QMenu | QToolBar, names: str) -> None:
        for name in names.split():
            if name == "|":
                widget.addSeparator()
            else:
                widget.addAction(self[name])

    @staticmethod
    def _make(window: QMainWindow, undo_stack: QUndoStack, spec: ActionSpec) -> QAction:
        if spec.name == "undo":
            action = undo_stack.createUndoAction(window, spec.text)
        elif spec.name == "redo":
            action = undo_stack.createRedoAction(window, spec.text)
        else:
            action = QAction(spec.text, window)
            slot = attrgetter(spec.slot)(window)
            action.triggered.connect(lambda _checked=False: slot(*spec.args))
        keys = key_sequences(spec)
        if keys:
            action.setShortcuts(keys)
        if spec.tip:
            action.setStatusTip(spec.tip)
            shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
            action.setToolTip(f"{spec.tip} ({shown})" if shown else spec.tip)
        if spec.icon is not None:
            action.setIcon(spec.icon())
        if spec.icon_text:
            action.setIconText(spec.icon_text)
        window.addAction(action)  # keys work even when the menu bar is hidden
        return action
