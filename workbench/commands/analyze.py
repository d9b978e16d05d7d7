"""`workbench analyze`: detect quotes, speakers and sources; writes nothing to the database."""

from __future__ import annotations

import argparse
import json
import sys

from workbench.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="detect quotes and sources in articles (writes nothing)",
        description="Detect every quotation, its speaker, and the named and anonymous sources "
        "of each article. Nothing is written to the database.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article file or URL")
    parser.add_argument("--json", action="store_true", help="one JSON object per line per PATH")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.extraction import analyze_text
    from workbench.importing import load_article

    status = 0
    for path in args.paths:
        try:
            article = load_article(path)
        except UserError as error:
            print(f"workbench: {error}", file=sys.stderr)
            status = error.exit_status
            if args.json:
                print(json.dumps({"path": path, "error": str(error)}, ensure_ascii=False))
            continue
        analysis = analyze_text(article.extraction_text)
        if args.json:
            record = {"path": path, **analysis.to_dict()}
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(format_analysis(path, article.text, analysis))
    return status


def format_analysis(path: str, text: str, analysis) -> str:
    """A reviewer-readable summary: each quote with its speaker, then the sources."""
    from workbench.commands.output import one_line

    lines = [f"{one_line(path)}: {len(analysis.quotes)} quotes, {len(analysis.sources)} sources"]
    for quote in analysis.quotes:
        speaker = one_line(quote.speaker.name) if quote.speaker else "—"
        words = one_line(quote.text)
        excerpt = words if len(words) <= 70 else words[:67] + "…"
        linked = f" (continues #{quote.part_of})" if quote.part_of else ""
        lines.append(f"  #{quote.id:<3} {quote.kind:<8} {speaker:<28} “{excerpt}”{linked}")
    if analysis.claims:
        lines.append("  claims without quotation marks:")
        for claim in analysis.claims:
            words = one_line(claim.text)
            excerpt = words if len(words) <= 60 else words[:57] + "…"
            lines.append(f"    {one_line(claim.source.name)}: {excerpt}")
    if analysis.sources:
        lines.append("  sources:")
        for source in analysis.sources:
            flag = " [anonymous]" if source.anonymous else ""
            lines.append(
                f"    {one_line(source.name)} ({source.type}){flag}: "
                f"{len(source.quote_ids)} quotes, {source.claim_count} claims"
            )
    return "\n".join(lines)
