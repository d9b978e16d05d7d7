"""`workbench source add | list | recheck | autolink | reject` and `workbench link`: primary sources."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.commands.ids import parse_id, parse_number, parse_offset, parse_version
from workbench.commands.output import one_line
from workbench.defaults import FETCH_TIMEOUT, MATCH_THRESHOLD
from workbench.errors import UserError, WorkbenchError


class NotLinked(WorkbenchError):
    """`link` found no passage above the threshold, so it attached nothing.

    Exit status 1, not 2: the ids and options were right (bad input is 2 in CONTRACT.md), but
    the command could not do what it was asked. A script can tell "fix your call" (2) from
    "the quote is not in this source; a reviewer must decide" (1).
    """

    exit_status = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "source",
        help="attach, list, re-check and auto-link primary sources",
        description="Primary sources: the transcripts, reports, pages and notes quotes come "
        "from, kept as evidence snapshots (original bytes, text, SHA-256, origin, capture time).",
    )
    commands = parser.add_subparsers(dest="source_command", metavar="COMMAND")
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)

    add = commands.add_parser(
        "add",
        help="attach a primary source to an article; prints its id",
        description="Capture a primary source and attach it to an article: a file (txt, md, "
        "html, pdf, docx, srt, vtt), an http(s) URL, or '-' for text pasted on standard input "
        "(an email, interview notes). The same bytes attached again reuse the stored snapshot.",
    )
    add.add_argument("article_id", metavar="ARTICLE_ID")
    add.add_argument("location", metavar="PATH|URL|-")
    add.add_argument("--title", help="a name for the source (default: from the document)")
    add.add_argument("--reviewer", metavar="NAME", help="who attaches it (default: settings)")
    _timeout_option(add)
    add.add_argument("--json", action="store_true", help='print {"id": N, "sha256": "…", …}')
    add.set_defaults(handler=run_add)

    listing = commands.add_parser(
        "list",
        help="list an article's primary sources",
        description="List the primary sources attached to an article.",
    )
    listing.add_argument("article_id", metavar="ARTICLE_ID")
    listing.add_argument("--json", action="store_true", help="a JSON list")
    listing.set_defaults(handler=run_list)

    recheck = commands.add_parser(
        "recheck",
        help="has the source changed since capture? do links still match?",
        description="Read or fetch the source again, say whether it changed since it was "
        "captured, and re-score every linked passage in it. The stored snapshot is not "
        "changed. A source that is gone or unreachable is reported as 'unavailable' (exit 0: "
        "the check itself worked).",
    )
    recheck.add_argument("source_id", metavar="SOURCE_ID")
    _timeout_option(recheck)
    recheck.add_argument("--json", action="store_true", help="print the report as JSON")
    recheck.set_defaults(handler=run_recheck)

    autolink = commands.add_parser(
        "autolink",
        help="propose the best passage for every quote of an article",
        description="For every quote of an article, search all its primary sources and propose "
        "the best passage with its verdict, diff and runners-up. Nothing is linked unless "
        "--accept-exact is given; accept another proposal with `workbench link QUOTE_ID "
        "SOURCE_ID [--start N --end N]`, refuse one with `workbench source reject`.",
    )
    autolink.add_argument("article_id", metavar="ARTICLE_ID")
    autolink.add_argument(
        "--accept-exact", action="store_true", help="link the proposals whose verdict is exact"
    )
    _threshold_option(autolink, MATCH_THRESHOLD)
    autolink.add_argument("--reviewer", metavar="NAME", help="who accepts (default: settings)")
    autolink.add_argument("--json", action="store_true", help="one JSON object per quote, a line")
    autolink.set_defaults(handler=run_autolink)

    reject = commands.add_parser(
        "reject",
        help="refuse a proposed passage for a quote",
        description="Record that a passage is not where a quote comes from (an audit event); "
        "auto-link then proposes the next candidate instead. Without offsets, the passage "
        "auto-link proposes now is refused.",
    )
    reject.add_argument("quote_id", metavar="QUOTE_ID")
    reject.add_argument("source_id", metavar="SOURCE_ID")
    reject.add_argument("--start", metavar="N")
    reject.add_argument("--end", metavar="N")
    reject.add_argument("--note", help="why it is not the passage")
    reject.add_argument("--reviewer", metavar="NAME", help="who refuses (default: settings)")
    reject.set_defaults(handler=run_reject)

    link = subparsers.add_parser(
        "link",
        help="link a quote to a passage of a primary source",
        description="Link a quote to the passage of a primary source it comes from: the best "
        "match when no offsets are given (nothing is linked when no passage reaches the "
        "threshold: exit status 1), or the passage --start N --end N a reviewer chose.",
    )
    link.add_argument("quote_id", metavar="QUOTE_ID")
    link.add_argument("source_id", metavar="SOURCE_ID")
    link.add_argument("--start", metavar="N", help="start offset in the source text")
    link.add_argument("--end", metavar="N", help="end offset in the source text")
    _threshold_option(link, MATCH_THRESHOLD)
    link.add_argument("--reviewer", metavar="NAME", help="who links (default: settings)")
    from workbench.commands.review import base_version_option

    base_version_option(link)
    link.add_argument("--json", action="store_true", help="print the link and the match as JSON")
    link.set_defaults(handler=run_link)


def _timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        default=FETCH_TIMEOUT,
        metavar="SECONDS",
        help=f"how long to wait for a web server (default {FETCH_TIMEOUT:g})",
    )


def _threshold_option(parser: argparse.ArgumentParser, default: float) -> None:
    parser.add_argument(
        "--threshold",
        default=default,
        metavar="T",
        help=f"score 0-100 a passage needs to count as found (default {default:g})",
    )


def _threshold(args: argparse.Namespace) -> float:
    args.threshold = parse_number(args.threshold, "--threshold", low=0, high=100)
    return args.threshold


def _timeout(args: argparse.Namespace) -> float:
    args.timeout = parse_number(args.timeout, "--timeout", low=0.1, high=3600, unit="seconds")
    return args.timeout


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False), flush=True)


def run_add(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.settings import reviewer_name
    from workbench.sources.capture import capture

    article_id = parse_id(args.article_id, "article")
    _timeout(args)
    reviewer = reviewer_name(args.reviewer)
    with services.open_review_database(args.db, backup=True) as db:
        # An unknown article is refused before anything is fetched.
        services.get_article(db, article_id=article_id)
        stdin = None
        if args.location == "-":
            if sys.stdin.isatty():
                raise UserError(
                    "'-' reads the source from standard input: pipe or redirect the text in "
                    f"(workbench source add {article_id} - < notes.txt)."
                )
            from workbench.importing.streams import read_stdin_capped
            from workbench.sources.capture import MAX_SOURCE_BYTES

            stdin = read_stdin_capped(max_bytes=MAX_SOURCE_BYTES, what="a primary source")
        snapshot = capture(args.location, stdin=stdin, title=args.title, timeout=args.timeout)
        result = services.add_source(
            db, article_id=article_id, snapshot=snapshot, reviewer=reviewer
        )
    if args.json:
        _print_json(result.to_dict())
        return 0
    document = result.document
    print(document.id)
    if result.already_attached:
        print(f"(already attached to article {article_id}; nothing changed)", file=sys.stderr)
    elif result.reused:
        others = [a for a in document.article_ids if a != article_id]
        print(
            f"(the same bytes were captured before, for article {others[0] if others else '?'}; "
            f"that snapshot is now attached here too)",
            file=sys.stderr,
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from workbench import services

    article_id = parse_id(args.article_id, "article")
    with services.open_review_database(args.db) as db:
        documents = services.list_source_documents(db, article_id=article_id)
    if args.json:
        _print_json([d.to_dict() for d in documents])
        return 0
    if not documents:
        print(f"Article {article_id} has no primary sources: `workbench source add` attaches one.")
    for d in documents:
        where = d.final_url if d.final_url and d.final_url != d.origin else d.origin
        title = one_line(d.title or "—")
        print(f"{d.id:>5}  {d.captured_at[:19]}  {d.sha256[:12]}  {title}  ({one_line(where)})")
    return 0


def run_recheck(args: argparse.Namespace) -> int:
    from workbench import services

    source_id = parse_id(args.source_id, "source")
    _timeout(args)
    with services.open_review_database(args.db) as db:
        report = services.recheck_source(db, source_id=source_id, timeout=args.timeout)
    if args.json:
        _print_json(report.to_dict())
        return 0
    if report.status == "unavailable":
        print(f"Source {source_id} is unavailable now: {report.problem}")
    elif report.status == "changed":
        detail = "its text changed" if report.text_changed else "its bytes changed, not its text"
        print(f"Source {source_id} changed since capture ({detail}).")
    else:
        print(f"Source {source_id} is unchanged since capture.")
    for check in report.links:
        now = check.now
        if check.still_matches:
            state = "still matches"
        elif now.found:
            state = f"matches less well ({check.then_verdict} → {now.verdict})"
        else:
            state = "not found any more"
        where = f" at {now.start}–{now.end}" if now.found else ""
        moved = " (moved)" if check.moved else ""
        print(
            f"  link {check.link_id}, quote {check.quote_id}: {state}{where}{moved}, "
            f"score {now.score:.1f}"
        )
    return 0


def run_autolink(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.settings import reviewer_name

    article_id = parse_id(args.article_id, "article")
    _threshold(args)
    reviewer = reviewer_name(args.reviewer)
    with services.open_review_database(args.db, backup=args.accept_exact) as db:
        if not services.list_source_documents(db, article_id=article_id):
            raise UserError(
                f"Article {article_id} has no primary sources to search; attach one with "
                f"`workbench source add {article_id} PATH|URL`."
            )
        proposals = services.propose_links(db, article_id=article_id, threshold=args.threshold)
        accepted = (
            services.accept_exact_proposals(db, proposals=proposals, reviewer=reviewer)
            if args.accept_exact
            else []
        )
    linked_now = {link.quote_id: link for link in accepted}
    for proposal in proposals:
        link = linked_now.get(proposal.quote_id)
        if args.json:
            record = proposal.to_dict()
            record["accepted_link_id"] = link.id if link else None
            _print_json(record)
        else:
            print(_format_proposal(proposal, link is not None))
    if not args.json and args.accept_exact:
        print(f"Linked {len(accepted)} exact quote{'s' if len(accepted) != 1 else ''}.")
    return 0


def _format_proposal(proposal, accepted: bool) -> str:
    match = proposal.match
    excerpt = proposal.quote if len(proposal.quote) <= 60 else proposal.quote[:57] + "…"
    head = f"quote {proposal.quote_id} “{excerpt}”"
    if not proposal.found:
        return f"{head}\n  not_found (best {match.score:.1f}): {match.reason}"
    state = " — linked" if accepted else " — already linked" if proposal.linked else ""
    lines = [
        head,
        f"  {match.verdict} (score {match.score:.1f}) in source {proposal.source_id} at "
        f"{match.start}–{match.end}{state}",
    ]
    if match.speaker:
        said = f"  said by {match.speaker}"
        if match.speaker_mismatch:
            said += f" — not {proposal.speaker}, as the article says"
        lines.append(said)
    for op in match.diff:
        if op.op != "equal":
            lines.append(f"  {op.op:<7} quote: {op.quote!r}  source: {op.source!r}")
    for gap in match.elided:
        lines.append(f"  elided  {gap.start}–{gap.end}: {gap.text.strip()!r}")
    for c in proposal.candidates:
        lines.append(f"  also    source {c.source_id} at {c.start}–{c.end} (score {c.score:.1f})")
    return "\n".join(lines)


def run_reject(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.settings import reviewer_name

    quote_id = parse_id(args.quote_id, "quote")
    source_id = parse_id(args.source_id, "source")
    start, end = parse_offset(args.start, "--start"), parse_offset(args.end, "--end")
    if (start is None) != (end is None):
        raise UserError("Give both --start and --end, or neither (the current proposal).")
    reviewer = reviewer_name(args.reviewer)
    with services.open_review_database(args.db, backup=True) as db:
        score, verdict = None, None
        if start is None:
            match = services.locate_stored_quote(db, quote_id=quote_id, source_id=source_id)
            if not match.found:
                raise UserError(
                    f"Quote {quote_id} has no proposed passage in source {source_id} to reject."
                )
            start, end, score, verdict = match.start, match.end, match.score, str(match.verdict)
        services.reject_passage(
            db,
            quote_id=quote_id,
            source_id=source_id,
            start=start,
            end=end,
            score=score,
            verdict=verdict,
            note=args.note,
            reviewer=reviewer,
        )
    print(f"Passage {start}–{end} of source {source_id} rejected for quote {quote_id}.")
    return 0


def run_link(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.settings import reviewer_name

    quote_id = parse_id(args.quote_id, "quote")
    source_id = parse_id(args.source_id, "source")
    start, end = parse_offset(args.start, "--start"), parse_offset(args.end, "--end")
    _threshold(args)
    base_version = parse_version(args.base_version)
    reviewer = reviewer_name(args.reviewer)
    with services.open_review_database(args.db, backup=True) as db:
        outcome = services.link_quote(
            db,
            quote_id=quote_id,
            source_id=source_id,
            start=start,
            end=end,
            threshold=args.threshold,
            reviewer=reviewer,
            base_version=base_version,
        )
    match = outcome.match
    if args.json:
        _print_json(
            {
                "linked": outcome.linked,
                "created": outcome.created,
                "link": outcome.link.to_dict() if outcome.link else None,
                "match": match.to_dict(),
            }
        )
    if outcome.link is None:
        closest = (
            f" the closest passage, at {match.candidates[0].start}–{match.candidates[0].end}, "
            f"scores {match.candidates[0].score:.1f}"
            if match.candidates
            else f" the best score is {match.score:.1f}"
        )
        raise NotLinked(
            f"Quote {quote_id} was not linked: no passage of source {source_id} reaches the "
            f"threshold of {args.threshold:g};{closest}. Check the quote with `workbench locate "
            f"--source {source_id} --quote-id {quote_id}`, then link a passage with --start N "
            f"--end N if it is the right one."
        )
    if not args.json:
        link = outcome.link
        said = f", said by {match.speaker}" if match.speaker else ""
        if match.speaker_mismatch:
            said += " (not the speaker the article names)"
        state = "linked" if outcome.created else "was already linked"
        print(
            f"Quote {quote_id} {state} to source {source_id} at {link.start}–{link.end}: "
            f"{match.verdict} (score {match.score:.1f}){said}. Link {link.id}."
        )
    return 0
