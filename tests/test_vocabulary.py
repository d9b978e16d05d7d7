"""One describer words audit events for the reports and, briefer, for the window's history."""

from __future__ import annotations

from workbench.vocabulary import describe_event


def test_status_change_in_both_forms():
    before, after = {"status": "unverified"}, {"status": "verified", "note": "ok"}
    assert describe_event("quote.status", before, after) == "status Unverified → Verified, note set"
    assert describe_event("quote.status", before, after, brief=True) == (
        "Unverified → Verified (note changed)"
    )


def test_rejected_and_withdrawn_passages_are_worded_not_raw_actions():
    passage = {"source_id": 2, "start": 10, "end": 40, "verdict": "altered", "score": 93.3}
    assert describe_event("link.rejected", {}, {"proposal": passage}) == (
        "rejected primary source 2, characters 10–40 (altered, score 93.3)"
    )
    withdrawn = {"withdrawn": {"source_id": 2, "start": 10, "end": 40}}
    assert describe_event("link.rejection_withdrawn", {}, withdrawn, brief=True) == (
        "took back the rejection of primary source 2, characters 10–40"
    )


def test_import_in_both_forms():
    after = {"quotes": [1, 2, 3]}
    assert (
        describe_event("article.imported", {}, after) == "article imported with 3 detected quotes"
    )
    assert describe_event("article.imported", {}, after, brief=True) == "detected on import"
