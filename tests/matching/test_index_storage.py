"""The index is built in blocks and can be stored as bytes: neither changes a single answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.matching import (
    StoredIndexError,
    build_index,
    index_from_bytes,
    index_source,
    index_to_bytes,
    locate_quote,
)
from workbench.matching import index as index_module
from workbench.matching.words import key_text, word_edges

DATA = Path(__file__).parent / "data"

QUOTES = {
    "council_hearing.txt": [
        ("We were never told that the roof estimate existed", None),
        ("Then your understanding is wrong, Councillor, and the committee was deceived.", None),
        ("the committee did not take this decision lightly", "Ruth Obi"),
        ("We are not asking for charity … we are asking for the truth", None),
    ],
    "harbour_report.txt": [
        (
            "Information from the new reporting app was available to duty officers within minutes",
            None,
        ),
        ("about a well-known figure in the industry", None),
        ("the cost of the new system was 35 million pounds", None),
    ],
    "ferry_briefing.vtt": [
        ("The evening ferry will run again from Monday, but only on weekdays", "Lena Sorensen"),
        ("Every cancelled crossing will be refunded in full", None),
    ],
}


def answers(index, name):
    found = []
    for quote, speaker in QUOTES[name]:
        answer = locate_quote(index, quote, speaker=speaker).to_dict()
        answer.pop("elapsed_ms")
        found.append(answer)
    return found


@pytest.fixture(params=sorted(QUOTES))
def source(request):
    return request.param, (DATA / request.param).read_text(encoding="utf-8")


def test_small_blocks_give_the_same_words_offsets_and_answers(source, monkeypatch):
    name, text = source
    monkeypatch.setattr(index_module, "CHUNK", 10**9)
    monkeypatch.setattr(index_module, "BLOCK", 10**9)
    whole = build_index(text)
    monkeypatch.setattr(index_module, "CHUNK", 300)
    monkeypatch.setattr(index_module, "BLOCK", 60)
    blocked = build_index(text)
    assert blocked.block_count > 5 and whole.block_count == 1
    assert blocked.codes == whole.codes
    starts, ends = word_edges(key_text(text, whole.layout.blanked))
    assert list(blocked.starts) == list(whole.starts) == list(starts)
    assert list(blocked.ends) == list(whole.ends) == list(ends)
    assert [blocked.word_at(offset) for offset in range(0, len(text), 37)] == [
        whole.word_at(offset) for offset in range(0, len(text), 37)
    ]
    assert answers(blocked, name) == answers(whole, name)


def test_a_stored_index_loads_back_with_identical_answers(source, monkeypatch):
    name, text = source
    monkeypatch.setattr(index_module, "CHUNK", 500)  # several chunks and blocks, as a long
    monkeypatch.setattr(index_module, "BLOCK", 100)  # source has
    fresh = build_index(text)
    data = index_to_bytes(fresh)
    assert isinstance(data, bytes) and data[:4] == b"WBSI"
    loaded = index_from_bytes(data, text, cache=False)
    assert loaded is not fresh
    assert loaded.codes == fresh.codes
    assert loaded.vocabulary == fresh.vocabulary
    assert loaded.counts == fresh.counts
    assert loaded.layout == fresh.layout
    assert list(loaded.block_starts) == list(fresh.block_starts)
    assert list(loaded.starts) == list(fresh.starts) and list(loaded.ends) == list(fresh.ends)
    assert answers(loaded, name) == answers(fresh, name)


def test_the_stored_form_is_smaller_than_the_text():
    text = (DATA / "council_hearing.txt").read_text(encoding="utf-8") * 20
    assert len(index_to_bytes(build_index(text))) < len(text.encode("utf-8")) / 2


def test_a_loaded_index_is_what_index_source_returns():
    text = "MS OKONJO: The ferry office stays open.\nMR HALE: Until March, no later.\n"
    loaded = index_from_bytes(index_to_bytes(build_index(text)), text)
    assert index_source(text) is loaded


def test_an_empty_source_round_trips():
    empty = index_from_bytes(index_to_bytes(build_index("")), "", cache=False)
    assert empty.word_count == 0 and empty.block_count == 0
    assert not locate_quote(empty, "anything at all").found


def stored(text="THE CHAIR: The pier closes in May.\n"):
    return text, index_to_bytes(build_index(text))


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (lambda data: b"PK\x03\x04" + data[4:], "not a stored source index"),
        (lambda data: data[:4] + b"\x63\x00" + data[6:], "has format 99"),
        (lambda data: data[: len(data) // 2], "damaged"),
        (lambda data: b"", "not a stored source index"),
    ],
)
def test_unusable_bytes_are_refused_with_a_sentence(spoil, says):
    text, data = stored()
    with pytest.raises(StoredIndexError, match=says) as refused:
        index_from_bytes(spoil(data), text)
    message = str(refused.value)
    assert message.endswith("index the source again.") and message.count(".") == 1


def test_an_index_of_another_text_is_refused():
    _, data = stored()
    with pytest.raises(StoredIndexError, match="belongs to another text"):
        index_from_bytes(data, "THE CHAIR: The pier closes in June.\n")
