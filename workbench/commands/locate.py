"""`workbench locate`: find a quote in a primary source and say how it differs; writes nothing."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from workbench.defaults import MATCH_THRESHOLD
from workbench.errors import UserError

# Subtitle files are read as they are, so cue timestamps stay in the text the offsets refer to.
_SUBTITLE_SUFFIXES = (".srt", ".vtt")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "locate",
        help="find a quote in a primary source (writes nothing)",
        description="Find the passage of a primary source (transcript, report, web page) that "
        "a quote comes from: its offsets, a score, a verdict (exact, near_exact, altered, "
        "not_found), a word-by-word diff and, in a labelled transcript, who said it. "
        "Nothing is written to the database.",
    )
    parser.add_argument(
        "--source",
        required=True,
        metavar="PATH|URL|ID",
        help="the primary source: a file (txt, md, html, pdf, docx, srt, vtt), a URL, or the "
        "id of a stored primary source (an integer that is not an existing file)",
    )
    quote = parser.add_mutually_exclusive_group(required=True)
    quote.add_argument("--quote", metavar="TEXT", help="the quote as the article gives it")
    quote.add_argument(
        "--quote-id",
        metavar="N",
        help="a stored quote (its speaker is checked against the transcript's labels)",
    )
    quote.add_argument(
        "--quotes",
        metavar="FILE",
        help="one quote a line ('-' for standard input); the source is indexed once and one "
        "result is printed a line, in the same order (blank lines are skipped)",
    )
    parser.add_argument(
        "--speaker", metavar="NAME", help="who the article says spoke (to catch misattribution)"
    )
    parser.add_argument(
        "--threshold",
        default=MATCH_THRESHOLD,
        metavar="T",
        help=f"word-level score 0-100 a passage needs to count as found (default "
        f"{MATCH_THRESHOLD:g})",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per quote, a line")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.commands.ids import parse_id, parse_number

    args.threshold = parse_number(args.threshold, "--threshold", low=0, high=100)
    if args.quote_id is not None:
        args.quote_id = parse_id(args.quote_id, "quote")
    if args.quote is not None and not args.quote.strip():
        raise UserError("The quote is empty: give the words to look for with --quote.")
    source_id = stored_source_id(args.source)
    speaker = args.speaker
    index = None
    page_starts: tuple[int, ...] = ()
    if source_id is not None or args.quote_id is not None:
        # Reading only: the database is opened for the stored source or quote, and nothing is
        # written to the review (a stored source's index is kept, once, so it is built once).
        from workbench import services

        with services.open_review_database(args.db) as db:
            if source_id is not None:
                document = services.get_source_document(db, source_id=source_id)
                text, page_starts = document.text, document.page_starts
                index = services.source_index(db, source_id=source_id, text=text)
            if args.quote_id is not None:
                stored = services.get_quote(db, quote_id=args.quote_id)
                quotes = [stored.text]
                if speaker is None and stored.speaker is not None:
                    speaker = stored.speaker.name
    if args.quote_id is None:
        quotes = [args.quote] if args.quote is not None else read_quotes(args.quotes)
    if source_id is None:
        text, page_starts = read_source(args.source)

    from workbench.domain import page_of
    from workbench.matching import index_source, locate_quote

    if index is None:
        index = index_source(text)
    for quote in quotes:
        match = locate_quote(index, quote, speaker=speaker, threshold=args.threshold)
        page = page_of(page_starts, match.start) if match.found else None
        if args.json:
            record = match.to_dict()
            record["page"] = page  # CONTRACT.md: the 1-based page of start in a paged source
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            print(format_match(match, page=page), flush=True)
    return 0


def stored_source_id(source: str) -> int | None:
    """The id when --source names a stored primary source (an integer that is not a file)."""
    from workbench.commands.ids import parse_id

    if not re.fullmatch(r"\d+", source) or Path(source).exists():
        return None
    return parse_id(source, "source")


def read_source(source: str) -> tuple[str, tuple[int, ...]]:
    """The source's text as the workbench stores it (offsets refer to this), and where each of
    its pages begins (a PDF; empty for unpaged text)."""
    path = Path(source)
    if path.suffix.lower() in _SUBTITLE_SUFFIXES and not re.match(r"https?://", source):
        from workbench.importing.streams import require_regular_file

        try:
            require_regular_file(source)  # not a pipe, nor the review database this process has
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise UserError(f"Cannot read {source}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise UserError(
                f"{source} is not a UTF-8 subtitle file; save it as UTF-8 and try again."
            ) from error
        page_starts: tuple[int, ...] = ()
    else:
        from workbench.importing import load_article

        article = load_article(source)
        text, page_starts = article.text, article.page_starts
    if not text.strip():
        raise UserError(f"{source} has no text to search in.")
    return text, page_starts


def _read_quotes_bytes(path: str) -> bytes:
    from workbench.importing import MAX_ARTICLE_BYTES
    from workbench.importing.streams import read_capped, read_stdin_capped, require_regular_file

    what = "a list of quotes"
    if path == "-":
        return read_stdin_capped(max_bytes=MAX_ARTICLE_BYTES, what=what)
    require_regular_file(path)
    with Path(path).open("rb") as handle:
        return read_capped(handle, max_bytes=MAX_ARTICLE_BYTES, label=path, what=what)


def read_quotes(path: str) -> list[str]:
    try:
        content = _read_quotes_bytes(path).decode("utf-8-sig")
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise UserError(f"{path} is not UTF-8 text; save it as UTF-8 and try again.") from error
    quotes = [line.strip() for line in content.splitlines() if line.strip()]
    if not quotes:
        raise UserError(f"{path} has no quotes in it: put one quote on each line.")
    return quotes


def format_match(match, *, page: int | None = None) -> str:
    """A reviewer-readable account of one match (``page``: the passage's page, if paged)."""
    excerpt = match.quote if len(match.quote) <= 70 else match.quote[:67] + "…"
    lines = [f"“{excerpt}”", f"  {match.verdict} (score {match.score:.1f}): {match.reason}"]
    if match.found:
        where = f"  at {match.start}–{match.end}"
        if page is not None:
            where += f" (p. {page})"
        if match.speaker:
            where += f", said by {match.speaker}"
            if match.speaker_mismatch:
                where += " (not the speaker the article names)"
        if match.timestamp:
            where += f", {match.timestamp.start} → {match.timestamp.end}"
        lines.append(where)
        lines.append(f"  source: “{match.passage}”")
        for op in match.diff:
            if op.op != "equal":
                lines.append(f"  {op.op:<7} quote: {op.quote!r}  source: {op.source!r}")
        for gap in match.elided:
            lines.append(f"  elided  {gap.start}–{gap.end}: {gap.text.strip()!r}")
    for candidate in match.candidates:
        lines.append(f"  also    {candidate.start}–{candidate.end} (score {candidate.score:.1f})")
    return "\n".join(lines)
