"""Must show: a hearing transcript and an article quoting it twelve times, through the CLI.

source add → source autolink / locate --quote-id → link → quotes --json, as a user runs them
(each command in a fresh process). The transcript and the article are original and fictional.
"""

from __future__ import annotations

import hashlib
import json

from source_helpers import ARTICLE, HEARING

TRANSCRIPT = HEARING.read_text(encoding="utf-8")

# The article's quotes in text order: what each must come back as. `passage` is the source text
# the quote must be tied to; `changes` the non-equal word steps the diff must show.
EXPECTED = [
    # 1 verbatim
    dict(verdict="exact", speaker="MS ADEYEMI",
         passage="The footbridge was the only safe route to the school for three hundred children"),
    # 2 punctuation only: the article turned the commas into dashes
    dict(verdict="near_exact", speaker="MS ADEYEMI",
         passage="Nobody from the council, not one person, came to explain it to us"),
    # 3 verbatim fragment (a partial quote)
    dict(verdict="exact", speaker="MS ADEYEMI",
         passage="from a laminated sign cable-tied to the railings"),
    # 4 an ellipsis standing for a clause and a sentence end
    dict(verdict="near_exact", speaker="MS ADEYEMI",
         passage="We wrote to the council in the spring of last year, after a piece of the "
         "handrail fell into the brook. We received an acknowledgement and nothing else",
         elided=", after a piece of the handrail fell into the brook."),
    # 5 verbatim
    dict(verdict="exact", speaker="MR HALVORSEN",
         passage="The inspection in December found corrosion in every one of the main cables"),
    # 6 punctuation only: a question mark and a comma lost
    dict(verdict="near_exact", speaker="MR HALVORSEN",
         passage="Could we have acted sooner? Yes, we could have"),
    # 7 a dropped "not"
    dict(verdict="altered", speaker="MR HALVORSEN",
         passage="did not know how bad the cables were, because nobody looked",
         changes=[{"op": "delete", "quote": "", "source": "not"}]),
    # 8 a changed word
    dict(verdict="altered", speaker="MR HALVORSEN",
         passage="The repair will cost about four million pounds",
         changes=[{"op": "replace", "quote": "six", "source": "four"}]),
    # 9 misattributed: the article gives Councillor Dunmore the engineer's words
    dict(verdict="exact", speaker="MR HALVORSEN", mismatch=True, article_speaker="Ben Dunmore",
         passage="No. I would rather say that plainly tonight than raise hopes I cannot meet"),
    # 10 an ellipsis inside one sentence, from the chair (a role: no mismatch possible)
    dict(verdict="near_exact", speaker="THE CHAIR",
         passage="This committee will not take sides before it has heard the evidence, but it "
         "will publish every inspection report in full",
         elided="not take sides before it has heard the evidence, but it will"),
    # 11 a word added
    dict(verdict="altered", speaker="MS ADEYEMI",
         passage="We want the children safe, and we want to be told the truth in time to plan "
         "our lives",
         changes=[{"op": "insert", "quote": "good", "source": ""}]),
    # 12 fabricated
    dict(verdict="not_found", passage=None),
]  # fmt: skip


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _check(record: dict, expected: dict) -> None:
    assert record["verdict"] == expected["verdict"], record
    if expected["passage"] is None:
        assert record["found"] is False
        assert record["start"] is None and record["passage"] is None and record["diff"] == []
        return
    start = TRANSCRIPT.index(expected["passage"])
    assert (record["start"], record["end"]) == (start, start + len(expected["passage"]))
    assert record["passage"] == expected["passage"]
    assert record["speaker"] == expected["speaker"]
    assert record["speaker_mismatch"] is expected.get("mismatch", False)
    changes = [op for op in record["diff"] if op["op"] != "equal"]
    assert changes == expected.get("changes", [])
    if "elided" in expected:
        [gap] = record["elided"]
        assert gap["text"].strip() == expected["elided"]
        assert TRANSCRIPT[gap["start"] : gap["end"]] == gap["text"]
    else:
        assert record["elided"] == []


def test_twelve_quotes_from_a_hearing_transcript(workbench_cli):
    imported = json.loads(_ok(workbench_cli("import", str(ARTICLE), "--json")))
    article_id = imported["id"]
    assert imported["quotes"] == 12

    added = json.loads(_ok(workbench_cli("source", "add", str(article_id), str(HEARING), "--json")))
    source_id = added["id"]
    assert added["sha256"] == hashlib.sha256(HEARING.read_bytes()).hexdigest()

    proposals = [
        json.loads(line)
        for line in _ok(workbench_cli("source", "autolink", str(article_id), "--json")).splitlines()
    ]
    assert len(proposals) == 12
    for proposal, expected in zip(proposals, EXPECTED, strict=True):
        _check(proposal, expected)
        assert proposal["source_id"] == (source_id if expected["passage"] else None)
    assert proposals[8]["article_speaker"] == "Ben Dunmore"
    quote_ids = [p["quote_id"] for p in proposals]

    # locate --quote-id takes the quote and its speaker from the database and agrees.
    for number in (7, 8, 9, 12):
        record = json.loads(
            _ok(
                workbench_cli(
                    "locate",
                    "--source",
                    str(source_id),
                    "--quote-id",
                    str(quote_ids[number - 1]),
                    "--json",
                )
            )
        )
        _check(record, EXPECTED[number - 1])

    # Link every quote to its best passage; the fabricated one is refused and nothing is stored.
    for quote_id, expected in zip(quote_ids, EXPECTED, strict=True):
        result = workbench_cli("link", str(quote_id), str(source_id))
        if expected["passage"] is None:
            assert result.returncode == 1
            assert "was not linked" in result.stderr and "Traceback" not in result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
        else:
            assert f"source {source_id}" in _ok(result)

    quotes = json.loads(_ok(workbench_cli("quotes", str(article_id), "--json")))
    by_id = {q["id"]: q for q in quotes}
    for quote_id, expected in zip(quote_ids, EXPECTED, strict=True):
        links = by_id[quote_id]["links"]
        if expected["passage"] is None:
            assert links == []
            continue
        [link] = links
        start = TRANSCRIPT.index(expected["passage"])
        assert {k: link[k] for k in ("source_id", "start", "end", "verdict")} == {
            "source_id": source_id,
            "start": start,
            "end": start + len(expected["passage"]),
            "verdict": expected["verdict"],
        }
        assert 0 < link["score"] <= 100
        assert (link["score"] == 100) is (expected["verdict"] in ("exact", "near_exact"))
    assert "intact" in _ok(workbench_cli("audit", "verify"))
