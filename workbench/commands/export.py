"""`workbench export`: one article's review, or the library's, as CSV, JSON, HTML, PDF, ClaimReview."""

from __future__ import annotations

import argparse
import sys

FORMAT_CHOICES = ("csv", "json", "html", "pdf", "claimreview")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export an article's review (or the library's) as csv, json, html, pdf, claimreview",
        description="Export the review of one article, or with --all of the whole library: "
        "csv (one row per quote), json (the whole log with its audit chain, which `workbench "
        "audit verify --file` checks), html or pdf (a report for editors), claimreview "
        "(schema.org JSON-LD for fact-check aggregators). Files are written whole or not at "
        "all, and an existing file is replaced only with --force.",
    )
    parser.add_argument("article_id", nargs="?", metavar="ARTICLE_ID")
    parser.add_argument("--all", action="store_true", help="export every article of the library")
    parser.add_argument(
        "--format", required=True, choices=FORMAT_CHOICES, metavar="FORMAT",
        help="csv, json, html, pdf or claimreview",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--status", action="append", default=[], metavar="S",
        help="with --all: only quotes with this status (repeat or separate with commas)",
    )  # fmt: skip
    parser.add_argument(
        "--since", metavar="DATE", help="with --all: articles imported on or after DATE"
    )
    parser.add_argument(
        "--until", metavar="DATE", help="with --all: articles imported on or before DATE"
    )
    parser.add_argument(
        "--organization", metavar="NAME",
        help="who publishes the ClaimReviews (default: 'organization' in settings, else the "
        "reviewer)",
    )  # fmt: skip
    parser.set_defaults(handler=run_export)


def _organization(explicit: str | None) -> str | None:
    if explicit is not None:
        return explicit.strip() or None
    from workbench.settings import load_settings

    value = load_settings().extra.get("organization")
    return value.strip() if isinstance(value, str) and value.strip() else None


def run_export(args: argparse.Namespace) -> int:
    from workbench import export, services
    from workbench.commands.ids import parse_id
    from workbench.errors import UserError

    statuses = [part for value in args.status for part in value.split(",") if part.strip()]
    if args.all and args.article_id is not None:
        raise UserError("Give an ARTICLE_ID or --all, not both.")
    if not args.all and args.article_id is None:
        raise UserError(
            "Give the ARTICLE_ID to export (`workbench articles` lists them), or --all."
        )
    if not args.all and (statuses or args.since or args.until):
        raise UserError("--status, --since and --until choose articles for --all; add --all.")
    for status in statuses:
        services.parse_status(status)
    to_stdout = args.output in (None, "-")
    if to_stdout and args.format == "pdf" and sys.stdout.isatty():
        raise UserError(
            "A PDF is binary and would garble the terminal: give -o FILE.pdf (or redirect "
            "the output to a file)."
        )
    if not to_stdout:
        export.check_target(args.output, overwrite=args.force)
    organization = _organization(args.organization)
    article_id = None if args.all else parse_id(args.article_id, "article")

    with services.open_review_database(args.db) as db:
        if article_id is not None:
            selection = export.read_export(db, [article_id], organization=organization)
            data = export.render(selection, args.format)
            what = f"article {article_id}"
        else:
            selection = export.library_export(
                db, statuses=statuses, since=args.since, until=args.until,
                organization=organization,
            )  # fmt: skip
            data = export.render(selection, args.format)
            count = len(selection.articles)
            what = f"{count} article{'' if count == 1 else 's'}"
            if not count:
                print("workbench: no article matches; the export is empty.", file=sys.stderr)

    if to_stdout:
        if args.format == "csv":
            data = data.removeprefix("\ufeff".encode())  # the mark is for Excel, not for pipes
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        print(_anchor_line(selection.anchor), file=sys.stderr)
        return 0
    path = export.write_export(args.output, data, overwrite=args.force)
    print(f"Exported {what} as {args.format} to {path}.")
    print(_anchor_line(selection.anchor))
    return 0


def _anchor_line(anchor) -> str:
    """The chain heads this export vouches for: kept with the export, they let `workbench
    audit verify --anchor` prove later that the record was not rewritten meanwhile."""
    from workbench.services import describe_anchor

    return f"Audit anchor: {describe_anchor(anchor)}."
