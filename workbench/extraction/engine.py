"""Placeholder until the engine lands."""

from workbench.domain import Analysis


def analyze_text(text: str) -> Analysis:
    return Analysis(text_length=len(text))
