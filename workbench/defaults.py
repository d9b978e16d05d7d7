"""Defaults the engine and the command line share, in a module that imports nothing.

The command line's parser prints them in its help, so they live here rather than beside the
matcher and the fetcher: building the parser (every command, `workbench --version` too) then
loads neither rapidfuzz and the source index nor httpx.
"""

MATCH_THRESHOLD = 70.0  # word-level score 0-100 a passage needs to count as found
FETCH_TIMEOUT = 15.0  # seconds without an answer before a fetch gives up
