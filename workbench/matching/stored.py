"""A source index as bytes: a compact, versioned form to keep beside the source, and loading it.

    data = index_to_bytes(index_source(text))      # store with the evidence snapshot
    index = index_from_bytes(data, text)            # later: no rebuild, same results

The bytes are zlib-compressed: a magic tag and format version, a JSON header (the text's
SHA-256 and length, what the words were cut with, the speaker-label layout) and binary
sections (the word codes, the vocabulary in code order, word counts, block boundaries). Word
offsets are not stored: they are found again from the text, a block at a time, when needed.
"""

from __future__ import annotations

import json
import struct
import sys
import unicodedata
import zlib
from array import array
from collections import Counter

import rapidfuzz

from workbench.matching.index import (
    SourceIndex,
    code_for_rank,
    rank_of_code,
    remember,
    text_sha256,
)
from workbench.matching.transcript import Cue, TranscriptLayout

MAGIC = b"WBSI"  # workbench source index
FORMAT_VERSION = 1
# What decides the words: a stored index is only good for the same cutting and folding.
TOKENIZER = f"words/1 unicode/{unicodedata.unidata_version} rapidfuzz/{rapidfuzz.__version__}"
_HEAD = struct.Struct("<4sH")  # magic, format version
_SECTIONS = ("codes", "vocabulary", "counts", "block_starts", "block_words")


class StoredIndexError(ValueError):
    """Stored index bytes that cannot be used for this text; build the index again."""


def index_to_bytes(index: SourceIndex, *, level: int = 1) -> bytes:
    """The index in its stored form (see the module docstring); `level` is zlib's."""
    ranked = list(index.vocabulary.items())  # in code order: codes are given by first use
    if ranked and rank_of_code(ranked[-1][1]) != len(ranked) - 1:
        ranked.sort(key=lambda item: rank_of_code(item[1]))
    sections = {
        "codes": index.codes.encode("utf-8"),
        "vocabulary": "\x00".join(word for word, _ in ranked).encode("utf-8", "surrogatepass"),
        "counts": _little_endian(array("I", (index.counts[code] for _, code in ranked))),
        "block_starts": _little_endian(array("q", index.block_starts)),
        "block_words": _little_endian(array("q", index.block_words)),
    }
    layout = index.layout
    header = {
        "sha256": index.sha256,
        "length": len(index.text),
        "words": index.word_count,
        "tokenizer": TOKENIZER,
        "layout": {
            "label_offsets": layout.label_offsets,
            "labels": layout.labels,
            "cues": [[c.start, c.end, c.start_time, c.end_time] for c in layout.cues],
            "blanked": layout.blanked,
        },
        "sections": [[name, len(sections[name])] for name in _SECTIONS],
    }
    encoded_header = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    payload = b"".join([struct.pack("<I", len(encoded_header)), encoded_header, *sections.values()])
    return _HEAD.pack(MAGIC, FORMAT_VERSION) + zlib.compress(payload, level)


def index_from_bytes(data: bytes, text: str, *, cache: bool = True) -> SourceIndex:
    """The index stored by `index_to_bytes` for `text`. Raises StoredIndexError (one sentence
    saying why) when the bytes are not an index of this text made by this version; the caller
    then builds it again. With `cache`, `index_source(text)` finds it without building."""
    if len(data) < _HEAD.size or data[:4] != MAGIC:
        raise StoredIndexError("These bytes are not a stored source index; index the source again.")
    _, version = _HEAD.unpack_from(data)
    if version != FORMAT_VERSION:
        raise StoredIndexError(
            f"The stored index has format {version}, this version reads {FORMAT_VERSION}; "
            "index the source again."
        )
    try:
        payload = zlib.decompress(data[_HEAD.size :])
        (header_size,) = struct.unpack_from("<I", payload)
        header = json.loads(payload[4 : 4 + header_size])
        position = 4 + header_size
        sections: dict[str, bytes] = {}
        for name, size in header["sections"]:
            sections[name] = payload[position : position + size]
            position += size
    except (zlib.error, struct.error, ValueError, KeyError, TypeError) as error:
        raise StoredIndexError(
            f"The stored index is damaged ({error}); index the source again."
        ) from None
    if header.get("tokenizer") != TOKENIZER:
        raise StoredIndexError(
            f"The stored index was made with {header.get('tokenizer')}, this version cuts words "
            f"with {TOKENIZER}; index the source again."
        )
    sha256 = text_sha256(text)
    if header.get("sha256") != sha256 or header.get("length") != len(text):
        raise StoredIndexError(
            "The stored index belongs to another text than this one; index the source again."
        )
    counts = _from_little_endian("I", sections["counts"])
    vocabulary_text = sections["vocabulary"].decode("utf-8", "surrogatepass")
    words = vocabulary_text.split("\x00") if counts else []
    codes = sections["codes"].decode("utf-8")
    if len(codes) != header["words"] or len(counts) != len(words):
        raise StoredIndexError("The stored index is incomplete; index the source again.")
    vocabulary = {word: code_for_rank(rank) for rank, word in enumerate(words)}
    layout = header["layout"]
    index = SourceIndex(
        text=text,
        sha256=sha256,
        codes=codes,
        vocabulary=vocabulary,
        counts=Counter({code_for_rank(rank): n for rank, n in enumerate(counts) if n}),
        layout=TranscriptLayout(
            label_offsets=tuple(layout["label_offsets"]),
            labels=tuple(layout["labels"]),
            cues=tuple(Cue(*cue) for cue in layout["cues"]),
            blanked=tuple(tuple(span) for span in layout["blanked"]),
            _cue_starts=tuple(cue[0] for cue in layout["cues"]),
        ),
        block_starts=_from_little_endian("q", sections["block_starts"]),
        block_words=_from_little_endian("q", sections["block_words"]),
    )
    return remember(index) if cache else index


def _little_endian(values: array) -> bytes:
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def _from_little_endian(typecode: str, data: bytes) -> array:
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values
