"""Primary sources as evidence: capture snapshots, re-check them, propose and compare passages.

No database here: ``workbench.services.evidence`` reads and stores snapshots and links; these
modules capture, compare and match on plain data, so they run off the database thread and are
tested without one. ``passage_review`` is the one comparison of a quote with its sources that
the window and ``workbench source autolink`` share.
"""
