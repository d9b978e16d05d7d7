"""`workbench`, `workbench open PATH|URL`, `workbench screenshot`: the commands that draw a window.

Qt is imported inside the handlers only, so the rest of the command line runs without it.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open the app with that article imported and shown",
        description="Open the desktop app with the article imported (once) and shown.",
    )
    # Optional, so the desktop entry's `workbench open %f` also starts the app without a file.
    parser.add_argument("path", nargs="?", metavar="PATH|URL")
    parser.set_defaults(handler=run_open)

    parser = subparsers.add_parser(
        "screenshot",
        help="render the main window with PATH open, save a PNG",
        description="Render the main window with PATH imported into a temporary database and "
        "its first quote selected, and save it as a PNG. Needs no display. With --source, "
        "those primary sources are attached first and the primary-source view is shown for "
        "the quote whose words differ most tellingly from its source.",
    )
    parser.add_argument("path", metavar="PATH|URL")
    parser.add_argument("out", metavar="OUT.png")
    parser.add_argument("--size", default="1400x900", metavar="WxH", help="default 1400x900")
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default="system",
        help="colours to draw with (default: the system's)",
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="PATH|URL",
        help="a primary source to attach before drawing (repeatable)",
    )
    parser.set_defaults(handler=run_screenshot)


def run_library(args: argparse.Namespace) -> int:
    from workbench.ui.app import run_app

    return run_app(db_target=args.db)


def run_open(args: argparse.Namespace) -> int:
    from workbench.ui.app import run_app

    return run_app(db_target=args.db, open_target=args.path)


def run_screenshot(args: argparse.Namespace) -> int:
    from workbench.ui.app import parse_size, take_screenshot

    size = parse_size(args.size)
    out = take_screenshot(args.path, args.out, size, theme=args.theme, evidence=args.source)
    print(out)
    return 0
