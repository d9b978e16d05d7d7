"""Primary sources for the matching tests: original, fictional texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.matching import SourceIndex, index_source

DATA = Path(__file__).parent / "data"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def hearing() -> SourceIndex:
    """A council scrutiny hearing with speaker labels: THE CHAIR (Cllr Ruth Obi), MS ADEYEMI,
    CLLR BRANNIGAN, Q, Dr. Okafor, THE MINISTER."""
    return index_source(read("council_hearing.txt"))


@pytest.fixture(scope="session")
def report() -> SourceIndex:
    """A safety review as text extracted from a PDF: hard line breaks and hyphenation."""
    return index_source(read("harbour_report.txt"))


@pytest.fixture(scope="session")
def briefing() -> SourceIndex:
    """A WebVTT recording with voice tags, a NOTE block and cue timings."""
    return index_source(read("ferry_briefing.vtt"))
