"""Fact-check workbench: find every quote and source in an article and check it against the record."""


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata when first asked for, not at import:
    # importlib.metadata costs every command (and the window's start) tens of milliseconds.
    if name != "__version__":
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("factcheck-workbench")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
