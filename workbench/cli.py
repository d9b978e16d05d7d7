"""The command line: the front door to the app and to every command of CONTRACT.md."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from workbench.errors import WorkbenchError

# Each module in workbench/commands/ adds its own sub-commands through register(subparsers);
# listing them here keeps start-up cheap: a module imports only argparse and small helpers at
# the top, and what its commands use inside their handlers, so building the parser loads no
# engine, database or network library (tests/test_startup_imports.py holds it to that).
COMMAND_MODULES = ("analyze", "review", "locate", "sources", "export", "app")


class SentenceParser(argparse.ArgumentParser):
    """argparse that reports a mistake as one sentence on stderr (status 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("workbench").strip()
        where = f"{command}: " if command else ""
        self.exit(2, f"workbench: {where}{message.rstrip('.')}; `{self.prog} --help` shows how.\n")


class _VersionAction(argparse.Action):
    """`--version`: the version is read from the installed metadata only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from workbench import __version__

        print(f"workbench {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = SentenceParser(
        prog="workbench",
        description="Fact-check workbench: find every quote and source in an article and "
        "check it against the primary source.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="URL",
        default=os.environ.get("WORKBENCH_DB"),
        help="SQLite file or SQLAlchemy URL of the review database (default: $WORKBENCH_DB, "
        "else a file in your user data folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"workbench.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        # No command: open the desktop app on the library (Qt is loaded only now).
        from workbench.commands.app import run_library

        args.handler = run_library
    from workbench.commands.output import OutputFailed, drop_pending_output, guarded_output

    # audit14: printed text loses control and escape characters (not --json), and output that
    # cannot be written is one sentence (commands/output.py).
    with guarded_output(faithful=bool(getattr(args, "json", False))):
        try:
            status = int(args.handler(args) or 0)
            sys.stdout.flush()
            return status
        except OutputFailed as failure:
            print(f"workbench: {failure}", file=sys.stderr)
            drop_pending_output()
            return 1
        except WorkbenchError as error:
            print(f"workbench: {error}", file=sys.stderr)
            return getattr(error, "exit_status", 1)
        except KeyboardInterrupt:
            print("workbench: interrupted.", file=sys.stderr)
            return 130
        except BrokenPipeError:
            # `workbench analyze ... | head` closed the pipe: not an error worth a traceback.
            drop_pending_output()
            return 0
