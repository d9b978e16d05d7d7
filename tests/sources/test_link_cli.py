"""`workbench link`, `source autolink` and `source reject` as a reviewer types them."""

from __future__ import annotations

import json

from source_helpers import HEARING, assert_one_sentence, row_counts

TRANSCRIPT = HEARING.read_text(encoding="utf-8")


def _quotes(run, article_id) -> dict[str, dict]:
    return {q["text"][:24]: q for q in json.loads(run("quotes", article_id, "--json").out)}


def test_link_best_passage_by_hand_and_below_threshold(run, article_id, db_path):
    source_id = int(run("source", "add", article_id, HEARING).out)
    quotes = _quotes(run, article_id)
    repair = quotes["The repair will cost abo"]
    result = run("link", repair["id"], source_id)
    assert result.code == 0, result.err
    assert "altered (score 87.5), said by MR HALVORSEN" in result.out
    again = run("link", repair["id"], source_id, "--json")
    assert json.loads(again.out)["created"] is False

    # The fabricated quote: nothing attached, one sentence, exit 1 (the call itself was right).
    before = row_counts(db_path)
    mayor = quotes["The mayor personally ord"]
    refused = run("link", mayor["id"], source_id, "--json")
    assert_one_sentence(refused, "was not linked", "threshold of 70", status=1)
    assert json.loads(refused.out)["linked"] is False
    assert row_counts(db_path) == before

    # A passage chosen by hand is linked whatever it scores, with its score and verdict.
    start = TRANSCRIPT.index("Somebody made that promise")
    end = start + len("Somebody made that promise")
    chosen = json.loads(
        run("link", mayor["id"], source_id, "--start", start, "--end", end, "--json").out
    )
    assert chosen["link"]["start"] == start and chosen["link"]["end"] == end
    assert chosen["link"]["verdict"] in ("altered", "not_found")

    assert_one_sentence(run("link", mayor["id"], source_id, "--start", 5), "both")
    assert_one_sentence(
        run("link", mayor["id"], source_id, "--start", 5, "--end", 10**7), "not inside"
    )
    assert_one_sentence(run("link", mayor["id"], source_id, "--threshold", 101), "threshold")
    assert "intact" in run("audit", "verify").out


def test_autolink_readable_output_and_reject(run, article_id):
    source_id = int(run("source", "add", article_id, HEARING).out)
    text = run("source", "autolink", article_id).out
    assert "said by MR HALVORSEN — not Ben Dunmore, as the article says" in text
    assert "delete  quote: ''  source: 'not'" in text
    assert "replace quote: 'six'  source: 'four'" in text
    assert "not_found" in text

    accepted = run("source", "autolink", article_id, "--accept-exact")
    assert "Linked 3 exact quotes." in accepted.out
    # The misattributed quote is exact but left for the reviewer.
    quotes = _quotes(run, article_id)
    assert quotes["No. I would rather say t"]["links"] == []

    # Rejecting the current proposal for a quote records it; auto-link stops proposing it.
    cost = quotes["The repair will cost abo"]
    result = run("source", "reject", cost["id"], source_id, "--note", "checked the video")
    assert result.code == 0, result.err
    assert "rejected for quote" in result.out
    proposals = [
        json.loads(line)
        for line in run("source", "autolink", article_id, "--json").out.splitlines()
    ]
    [mine] = [p for p in proposals if p["quote_id"] == cost["id"]]
    assert mine["found"] is False
    assert "intact" in run("audit", "verify").out
