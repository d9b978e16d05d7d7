"""The extraction engine: quotations, who said them, and the sources an article relies on."""

from workbench.extraction.engine import analyze_text

__all__ = ["analyze_text"]
