"""A deliberately simple quote extractor, the yardstick the engine's figures are read against.

Double quotation marks (curly or straight) are paired by a regular expression; the speaker is the
nearest capitalised name after "said" (or before it: "Smith said"). No kinds beyond `direct`, no
split quotations, no claims, no anonymous sources: everything the engine adds shows up as a
difference in the benchmark table.
"""

from __future__ import annotations

import re
from typing import Any

QUOTE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
NAME = r"(?:[A-Z][\w’'.-]+)(?:\s+[A-Z][\w’'.-]+)*"
SAID_NAME = re.compile(rf"\bsaid\s+({NAME})")
NAME_SAID = re.compile(rf"({NAME})\s+said\b")
LOOKAHEAD = 120  # characters after the closing mark searched for "said"


def extract(text: str) -> dict[str, Any]:
    """Quotes and speakers in the shape of `analyze --json` (without "path")."""
    quotes = []
    speakers: dict[str, list[int]] = {}
    for match in QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        window = text[match.end() : match.end() + LOOKAHEAD]
        found = SAID_NAME.search(window) or NAME_SAID.search(window)
        speaker = None
        if found:
            name_start = match.end() + found.start(1)
            name_end = match.end() + found.end(1)
            name = found.group(1)
            speaker = {
                "name": name,
                "start": name_start,
                "end": name_end,
                "anonymous": False,
                "role": None,
            }
            speakers.setdefault(name, []).append(len(quotes) + 1)
        quotes.append(
            {
                "id": len(quotes) + 1,
                "start": start,
                "end": end,
                "text": text[start:end],
                "kind": "direct",
                "part_of": None,
                "speaker": speaker,
                "cue": None,
                "confidence": 0.5,
            }
        )
    sources = [
        {
            "name": name,
            "type": "person",
            "anonymous": False,
            "mentions": [],
            "quote_ids": ids,
            "claim_count": 0,
        }
        for name, ids in speakers.items()
    ]
    return {"text_length": len(text), "quotes": quotes, "claims": [], "sources": sources}
