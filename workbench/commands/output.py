"""What the command line prints: text without control or escape characters, and output that
cannot be written (a full disk, a closed pipe) as one sentence.

Article text, notes, titles and names come from files and people the workbench does not
control; printed raw, "\\x1b]0;…\\x07" retitles the terminal, "\\x1b[2J" clears it, a carriage
return or a bidirectional override makes a line read as something else. Every text that a
command prints goes through ``TerminalWriter`` (installed by ``cli.main``), which drops escape
sequences and control characters; JSON output (``--json``) is left exactly as it is, since
JSON escapes control characters itself and must stay faithful. Bytes written to
``sys.stdout.buffer`` (an export) pass untouched.
"""

from __future__ import annotations

import errno
import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# ESC sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings up to BEL or ST, two-character
# ones, a lone ESC; and their 8-bit forms (CSI U+009B, strings from U+0090/U+009D…).
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
# C0 and C1 controls but tab and newline, DEL, and the bidirectional embeddings, overrides
# and isolates that reorder what a line shows ("Trojan source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")


def terminal_text(text: str, *, one_line: bool = False) -> str:
    """``text`` safe to print: no escape sequence, no control character but tab and newline
    (``one_line``: not those either; a run of line breaks becomes one space)."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """A field (a title, a quote, a note, a name) on one printed line, safe to print."""
    return terminal_text(text, one_line=True)


class OutputFailed(Exception):
    """The output itself could not be written (``output_failure`` says why, in a sentence)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(output_failure(error))
        self.error = error


def _guarded(call, *args):
    try:
        return call(*args)
    except BrokenPipeError:
        raise  # a reader that stopped reading (`| head`): not a failure, cli.main says nothing
    except OSError as error:
        if error.errno in OUTPUT_ERRNOS:
            raise OutputFailed(error) from error
        raise


class BinaryOutput(io.RawIOBase):
    """The binary side of standard output (exports), its write failures made sentences."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, data) -> int:
        return _guarded(self.stream.write, data)

    def flush(self) -> None:
        _guarded(self.stream.flush)

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()


class TerminalWriter(io.TextIOBase):
    """A text stream that writes through to another, with ``terminal_text`` applied unless
    ``faithful`` (JSON), and write failures of the output made sentences."""

    def __init__(self, stream: TextIO, *, faithful: bool = False) -> None:
        self.stream = stream
        self.faithful = faithful

    def write(self, text: str) -> int:
        _guarded(self.stream.write, text if self.faithful else terminal_text(text))
        return len(text)

    def flush(self) -> None:
        _guarded(self.stream.flush)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self):  # binary output (an export) goes out exactly as given
        return BinaryOutput(self.stream.buffer)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


@contextmanager
def guarded_output(*, faithful: bool) -> Iterator[None]:
    """Standard output and error through ``TerminalWriter`` while a command runs (standard
    output ``faithful`` for JSON), put back afterwards."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = TerminalWriter(stdout, faithful=faithful)
    sys.stderr = TerminalWriter(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def drop_pending_output() -> None:
    """After output failed, send what is still buffered for standard output nowhere, so that
    Python's own flush at exit does not fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


# Errors of writing the output itself, not of the workbench: a full disk, a device that takes
# nothing, a file grown past its limit.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def output_failure(error: OSError) -> str:
    """The sentence for output that could not be written."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        return (
            f"Cannot write the output: {reason}; the disk or device it goes to is full, so "
            "free some space or send the output elsewhere."
        )
    return f"Cannot write the output: {reason}; send it elsewhere and try again."
