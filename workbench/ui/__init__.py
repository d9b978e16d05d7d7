"""The desktop window: the only package of the workbench that imports Qt (PySide6)."""
