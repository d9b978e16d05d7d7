"""Fact-check workbench: find every quote and source in an article and check it against the record."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factcheck-workbench")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
