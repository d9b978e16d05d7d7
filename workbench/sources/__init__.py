"""Primary sources as evidence: capture snapshots, re-check them, and propose links for quotes.

No database here: ``workbench.services`` stores snapshots and links; these modules capture,
compare and match on plain data.
"""
