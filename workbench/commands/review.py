"""`workbench import | articles | quotes | mark | audit verify`: the review record by command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.commands.ids import parse_id, parse_version
from workbench.commands.output import one_line


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import an article into the review database; prints its id",
        description="Import an article (file or URL), detect its quotes and sources, and store "
        "them for review. Prints the new article's id.",
    )
    parser.add_argument("path", metavar="PATH|URL")
    parser.add_argument("--title", help="the article's title (default: from the file, if any)")
    parser.add_argument("--reviewer", metavar="NAME", help="who imports (default: settings)")
    parser.add_argument("--json", action="store_true", help='print {"id": N, "quotes": K}')
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser(
        "articles", help="list articles with review progress", description="List articles."
    )
    parser.add_argument("--json", action="store_true", help="a JSON list")
    parser.set_defaults(handler=run_articles)

    parser = subparsers.add_parser(
        "quotes",
        help="list an article's quotes with status and links",
        description="List an article's quotes with their review status, note and links.",
    )
    parser.add_argument("article_id", metavar="ARTICLE_ID")
    parser.add_argument("--all", action="store_true", help="include rejected detections")
    parser.add_argument("--json", action="store_true", help="a JSON list")
    parser.set_defaults(handler=run_quotes)

    parser = subparsers.add_parser(
        "mark",
        help="set a quote's review status",
        description="Set a quote's review status: unverified, in_review, verified, misquoted, "
        "misattributed or unverifiable. The change and its audit event are saved together.",
    )
    parser.add_argument("quote_id", metavar="QUOTE_ID")
    parser.add_argument("status", metavar="STATUS")
    parser.add_argument("--note", help="the reviewer's note (replaces the quote's note)")
    parser.add_argument("--reviewer", metavar="NAME", help="who reviews (default: settings)")
    base_version_option(parser)
    parser.add_argument("--json", action="store_true", help="print the quote as JSON")
    parser.set_defaults(handler=run_mark)

    parser = subparsers.add_parser(
        "reviewer",
        help="show or set the reviewer name written on review events",
        description="Show the reviewer name recorded on every review event, or set it in the "
        "settings file. --reviewer on a command overrides it.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the name to keep in settings")
    parser.set_defaults(handler=run_reviewer)

    parser = subparsers.add_parser(
        "audit", help="check the audit trail", description="Check the tamper-evident audit trail."
    )
    audit_commands = parser.add_subparsers(dest="audit_command", metavar="COMMAND")
    verify = audit_commands.add_parser(
        "verify",
        help="recompute the audit chains; exit 0 only if intact",
        description="Recompute every article's audit chain and replay its events against the "
        "quotes' current state. Exit status 0 only when everything is intact.",
    )
    verify.add_argument("--file", metavar="EXPORT.json", help="check an exported article")
    verify.add_argument("--article", metavar="ID", help="check one article only")
    verify.add_argument(
        "--anchor", metavar="FILE",
        help="also prove the database still extends the chain heads in FILE (an anchor from "
        "`workbench audit anchor -o` or a JSON export)",
    )  # fmt: skip
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.set_defaults(handler=run_audit_verify)
    anchor = audit_commands.add_parser(
        "anchor",
        help="print (or write) the audit chains' current heads, to keep outside the database",
        description="Print the heads of the library's and every article's audit chain as JSON, "
        "or write them to FILE. Keep the file somewhere the database's owner cannot rewrite "
        "(mail it, print it, commit it): `workbench audit verify --anchor FILE` later proves "
        "the database still extends those heads, so a history rewritten and re-hashed after "
        "the anchor was taken is caught.",
    )
    anchor.add_argument("-o", "--output", metavar="FILE", help="write the anchor to FILE")
    anchor.add_argument("--force", action="store_true", help="replace FILE if it exists")
    anchor.set_defaults(handler=run_audit_anchor)
    parser.set_defaults(handler=lambda _args: parser.print_help() or 2)


def base_version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-version",
        metavar="N",
        help="the quote's version your change is based on (the 'version' of `quotes --json`); "
        "the change is refused if someone has changed the quote since (default: the current "
        "version)",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False))


def run_import(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.extraction import analyze_text
    from workbench.importing import load_article
    from workbench.settings import reviewer_name

    reviewer = reviewer_name(args.reviewer)
    article = load_article(args.path)
    analysis = analyze_text(article.extraction_text)
    with services.open_review_database(args.db, backup=True) as db:
        result = services.import_article(
            db, article=article, analysis=analysis, title=args.title, reviewer=reviewer
        )
    if args.json:
        _print_json({"id": result.article_id, "quotes": result.quote_count})
    else:
        print(result.article_id)
    return 0


def run_articles(args: argparse.Namespace) -> int:
    from workbench import services

    with services.open_review_database(args.db) as db:
        articles = services.list_articles(db)
    if args.json:
        _print_json([a.to_dict() for a in articles])
        return 0
    if not articles:
        print("No articles yet: `workbench import PATH` adds one.")
        return 0
    print(f"{'ID':>5}  {'REVIEWED':>9}  TITLE")
    for a in articles:
        progress = f"{a.reviewed}/{a.quote_count}"
        print(f"{a.id:>5}  {progress:>9}  {one_line(a.title or a.origin or '(untitled)')}")
        for note in a.notes:  # how the text was read: "This draft has 3 tracked changes; …"
            print(f"{'':>18}note: {one_line(note)}")
    return 0


def run_quotes(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.domain import page_of

    article_id = parse_id(args.article_id, "article")
    with services.open_review_database(args.db) as db:
        quotes = services.list_quotes(db, article_id=article_id, include_rejected=args.all)
        pages = services.source_pages(db, article_id=article_id)
        notes = services.get_article(db, article_id=article_id).notes if not args.json else ()
    if args.json:
        entries = [q.to_dict() for q in quotes]
        for link in (link for entry in entries for link in entry["links"]):
            # The linked passage's page in a paged source (a PDF), else null.
            link["page"] = page_of(pages.get(link["source_id"], ()), link["start"])
        _print_json(entries)
        return 0
    for note in notes:  # how the text was read: "This draft has 3 tracked changes; …"
        print(f"Note on the article: {one_line(note)}")
    if not quotes:
        print(f"Article {article_id} has no quotes.")
    for q in quotes:
        speaker = one_line(q.speaker.name) if q.speaker else "—"
        text = one_line(q.text)
        excerpt = text if len(text) <= 60 else text[:57] + "…"
        flags = " [rejected]" if q.rejected else ""
        print(f"{q.id:>5}  {q.status:<13} {q.kind:<8} {speaker[:24]:<24} “{excerpt}”{flags}")
        if q.note:
            print(f"{'':>7}note: {one_line(q.note)}")
        for link in q.links:
            page = page_of(pages.get(link.source_id, ()), link.start)
            where = f", p. {page}" if page is not None else ""
            print(f"{'':>7}linked to source {link.source_id} at {link.start}–{link.end}{where}")
    return 0


def run_mark(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.settings import reviewer_name

    quote_id = parse_id(args.quote_id, "quote")
    status = services.parse_status(args.status)
    base_version = parse_version(args.base_version)
    reviewer = reviewer_name(args.reviewer)
    with services.open_review_database(args.db, backup=True) as db:
        result = services.mark_status(
            db,
            quote_id=quote_id,
            status=status,
            note=args.note,
            reviewer=reviewer,
            base_version=base_version,
        )
    if args.json:
        event = result.event
        _print_json(
            {
                **result.quote.to_dict(),
                "previous_status": str(result.previous_status),
                "event": {"seq": event.seq, "hash": event.hash, "at": event.at},
            }
        )
    else:
        print(
            f"Quote {quote_id} is now {result.quote.status} (was {result.previous_status}), "
            f"by {result.event.reviewer}."
        )
    return 0


def run_reviewer(args: argparse.Namespace) -> int:
    from workbench.settings import reviewer_name, set_reviewer, settings_path

    if args.name is not None:
        set_reviewer(args.name)
        print(f"Reviews are now recorded as {reviewer_name()} (saved in {settings_path()}).")
    else:
        print(reviewer_name())
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    from workbench import services
    from workbench.errors import UserError

    if args.file:
        if args.article or args.anchor:
            raise UserError(
                "--article and --anchor check the database; leave them out with --file."
            )
        report = services.verify_audit_file(args.file)
    else:
        article_id = parse_id(args.article, "article") if args.article else None
        anchor = services.load_anchor(args.anchor) if args.anchor else None
        with services.open_review_database(args.db) as db:
            report = services.verify_audit(db, article_id=article_id, anchor=anchor)
    if args.json:
        _print_json(report.to_dict())
    elif report.ok:
        anchored = f"; it extends the anchor in {args.anchor}" if report.anchored else ""
        print(
            f"Audit trail intact: {_count(report.articles, 'article')}, "
            f"{_count(report.events, 'event')}{anchored}."
        )
    else:
        for problem in report.problems:
            print(f"workbench: audit: {problem.message}", file=sys.stderr)
        print(
            f"Audit trail broken in {len(report.problems)} of "
            f"{_count(report.articles, 'article')}.",
            file=sys.stderr,
        )
    return 0 if report.ok else 1


def run_audit_anchor(args: argparse.Namespace) -> int:
    from workbench import services

    with services.open_review_database(args.db) as db:
        anchor = services.audit_anchor(db)
    text = json.dumps(anchor, ensure_ascii=False, indent=2) + "\n"
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    from workbench.export import write_export

    path = write_export(args.output, text.encode("utf-8"), overwrite=args.force)
    print(f"Anchor written to {path}: {services.describe_anchor(anchor)}.")
    return 0
