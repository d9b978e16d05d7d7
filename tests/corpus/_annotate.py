"""Build and check gold annotations for the extraction corpus.

Offsets in a ``.gold.json`` are never counted by hand. An article is written once as *markup*,
and this script strips the markup, computes every offset and writes the plain article plus its
gold annotation. ``check`` re-reads the written files and verifies them independently.

Markup (the markers never occur in article text)::

    “⟦q1|We are ready,⟧” ⟨m1|she⟩ said     quote span q1, mention m1
    ⟦q2|…⟧                                  a quote; its metadata says which mention it uses
    ⟪c1|the budget would be cut⟫            a claim span

Spans may nest (a partial quote inside a claim). After the line ``===META===`` come
``|``-separated records::

    FILE  | 01-slug.txt
    STYLE | one line on what makes the article hard
    q1 | direct | Maria Delacroix-Okafor | n | m1 | said | -      kind, speaker, anonymous (y/n),
    q2 | direct | Maria Delacroix-Okafor | n | m1 | said | q1     mention, cue, part_of ("-": none)
    q3 | scare                                                     scare: no speaker
    c1 | the Ledger-Post | n | according to                        claim: source, anonymous, cue
    S  | Maria Delacroix-Okafor | person | n                      a source: name, type, anonymous

Usage::

    python tests/corpus/_annotate.py build MARKUP OUTDIR   write OUTDIR/<FILE> and its .gold.json
    python tests/corpus/_annotate.py check GOLD.json...    verify annotations against their text

``check`` verifies that every span's text matches, quotes are in text order and do not overlap,
every speaker and claim source is listed in ``sources`` (and every source is used), and lists
every quotation mark in the article that no gold quote accounts for, so a reviewer can confirm
it is an apostrophe or a nested quote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OPEN = {"⟦": "quote", "⟨": "mention", "⟪": "claim"}
CLOSE = {"⟧": "quote", "⟩": "mention", "⟫": "claim"}

# Every character that can open or close a quotation in the corpus.
MARKS = set("\"'“”‘’„‚«»‹›「」『』`")
KINDS = {"direct", "partial", "scare"}
SOURCE_TYPES = {"person", "organization", "publication", "anonymous"}


def parse_markup(markup: str) -> tuple[str, dict[str, dict[str, tuple[int, int]]]]:
    """Strip the markers; return the text and {kind: {label: (start, end)}}."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, str, int]] = []
    spans: dict[str, dict[str, tuple[int, int]]] = {"quote": {}, "mention": {}, "claim": {}}
    i = 0
    while i < len(markup):
        ch = markup[i]
        if ch in OPEN:
            bar = markup.index("|", i)
            label = markup[i + 1 : bar]
            stack.append((OPEN[ch], label, pos))
            i = bar + 1
            continue
        if ch in CLOSE:
            kind, label, start = stack.pop()
            if kind != CLOSE[ch]:
                raise ValueError(f"marker mismatch at {label!r}")
            if label in spans[kind]:
                raise ValueError(f"duplicate label {label!r}")
            spans[kind][label] = (start, pos)
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed markers: {stack}")
    return "".join(out), spans


def _yn(value: str) -> bool:
    if value not in {"y", "n"}:
        raise ValueError(f"expected y or n, got {value!r}")
    return value == "y"


def build(markup_path: Path, outdir: Path) -> Path:
    raw = markup_path.read_text(encoding="utf-8")
    body, meta = raw.split("\n===META===\n")
    text, spans = parse_markup(body.rstrip("\n") + "\n")
    records = [
        [f.strip() for f in line.split("|")]
        for line in meta.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    name = style = None
    qmeta: dict[str, list[str]] = {}
    cmeta: dict[str, list[str]] = {}
    sources = []
    for rec in records:
        key = rec[0]
        if key == "FILE":
            name = rec[1]
        elif key == "STYLE":
            style = rec[1]
        elif key == "S":
            sources.append({"name": rec[1], "type": rec[2], "anonymous": _yn(rec[3])})
        elif key in spans["quote"]:
            qmeta[key] = rec[1:]
        elif key in spans["claim"]:
            cmeta[key] = rec[1:]
        else:
            raise ValueError(f"metadata for unknown label {key!r}")
    missing = (set(spans["quote"]) - set(qmeta)) | (set(spans["claim"]) - set(cmeta))
    if missing:
        raise ValueError(f"no metadata for {sorted(missing)}")

    order = sorted(spans["quote"], key=lambda lab: spans["quote"][lab])
    position = {lab: n for n, lab in enumerate(order, 1)}
    quotes = []
    for lab in order:
        start, end = spans["quote"][lab]
        m = qmeta[lab]
        q = {"text": text[start:end], "start": start, "end": end, "kind": m[0]}
        if m[0] == "scare":
            q.update(
                speaker=None,
                speaker_anonymous=None,
                speaker_mention=None,
                mention_start=None,
                mention_end=None,
                cue=None,
                part_of=None,
            )
        else:
            speaker, anon, mention, cue, part_of = m[1:6]
            ms, me = spans["mention"][mention]
            q.update(
                speaker=speaker,
                speaker_anonymous=_yn(anon),
                speaker_mention=text[ms:me],
                mention_start=ms,
                mention_end=me,
                cue=cue,
                part_of=None if part_of == "-" else position[part_of],
            )
        quotes.append(q)
    claims = []
    for lab in sorted(spans["claim"], key=lambda lab: spans["claim"][lab]):
        start, end = spans["claim"][lab]
        source, anon, cue = cmeta[lab]
        claims.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "source": source,
                "source_anonymous": _yn(anon),
                "cue": cue,
            }
        )
    gold = {"file": name, "style": style, "quotes": quotes, "claims": claims, "sources": sources}
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / name).write_text(text, encoding="utf-8", newline="")
    gold_path = outdir / (name[: -len(".txt")] + ".gold.json")
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return gold_path


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # don’t, O’Neill, al-Hakim’s; or ’90s
    return (before.isalpha() and after.isalpha()) or (before.isspace() and after.isdigit())


def check(gold_path: Path) -> list[str]:
    """Return a list of problems (empty when the annotation is consistent)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with open(gold_path.parent / gold["file"], encoding="utf-8", newline="") as f:
        text = f.read()
    problems: list[str] = []
    notes: list[str] = []
    names = {s["name"] for s in gold["sources"]}
    used: set[str] = set()
    prev_end = -1
    for n, q in enumerate(gold["quotes"], 1):
        if text[q["start"] : q["end"]] != q["text"]:
            problems.append(f"quote {n}: span text differs")
        if q["start"] < prev_end:
            problems.append(f"quote {n}: out of order or overlapping")
        prev_end = q["end"]
        if q["kind"] not in KINDS:
            problems.append(f"quote {n}: bad kind {q['kind']!r}")
        if q["kind"] == "scare":
            if q["speaker"] is not None:
                problems.append(f"quote {n}: scare quote with a speaker")
            continue
        if q["speaker"] is None:
            continue
        used.add(q["speaker"])
        if q["speaker"] not in names:
            problems.append(f"quote {n}: speaker {q['speaker']!r} not in sources")
        if text[q["mention_start"] : q["mention_end"]] != q["speaker_mention"]:
            problems.append(f"quote {n}: mention span differs")
        if q["part_of"] is not None and not 1 <= q["part_of"] < n:
            problems.append(f"quote {n}: part_of must point to an earlier quote")
    for n, c in enumerate(gold["claims"], 1):
        if text[c["start"] : c["end"]] != c["text"]:
            problems.append(f"claim {n}: span text differs")
        used.add(c["source"])
        if c["source"] not in names:
            problems.append(f"claim {n}: source {c['source']!r} not in sources")
    for s in gold["sources"]:
        if s["type"] not in SOURCE_TYPES:
            problems.append(f"source {s['name']!r}: bad type")
        if s["name"] not in used:
            problems.append(f"source {s['name']!r} credited with nothing")
    # Every quotation mark must be a quote boundary, inside a quote (nested marks, or the
    # repeated opening mark of a multi-paragraph quotation) or an apostrophe.
    bounds = set()
    inside = []
    for q in gold["quotes"]:
        bounds.update({q["start"] - 1, q["start"] - 2, q["end"], q["end"] + 1})
        inside.append((q["start"], q["end"]))
    for i, ch in enumerate(text):
        if ch not in MARKS or i in bounds:
            continue
        if ch in "’'" and _is_apostrophe(text, i):
            continue
        if any(s <= i < e for s, e in inside):
            notes.append(f"  inside a quote {ch!r} at {i}: {text[max(0, i - 30) : i + 30]!r}")
            continue
        notes.append(f"  unaccounted mark {ch!r} at {i}: {text[max(0, i - 30) : i + 30]!r}")
    if notes:
        print(f"{gold_path.name}: marks to review by eye:")
        print("\n".join(notes))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "build":
        print(build(Path(argv[1]), Path(argv[2])))
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        bad = 0
        for p in argv[1:]:
            problems = check(Path(p))
            gold = json.loads(Path(p).read_text(encoding="utf-8"))
            print(
                f"{Path(p).name}: {len(gold['quotes'])} quotes, {len(gold['claims'])} claims, "
                f"{'OK' if not problems else 'PROBLEMS'}"
            )
            for line in problems:
                print("  " + line)
            bad += bool(problems)
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
