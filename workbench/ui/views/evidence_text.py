"""The source panel's words and markup: tints, the quote marked, legend, labels, re-check findings."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from workbench.ui.ops import CHANGED, ELIDED, INSERTED, MISSING, PassageOption
from workbench.vocabulary import verdict_words, when

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import SourceDocumentRecord

PASSAGE = "passage"  # the passage itself, tinted under its marks


def mark_colours(dark: bool) -> dict[str, str]:
    """Tints behind the marks; each mark has its own line or strike as well."""
    if dark:
        return {
            PASSAGE: "#264a70",
            MISSING: "#ff8a4c",
            CHANGED: "#5a4300",
            "changed_line": "#f0c24b",
            ELIDED: "#a8a8a8",
        }
    return {
        PASSAGE: "#c9def6",
        MISSING: "#b23c00",
        CHANGED: "#ffe08a",
        "changed_line": "#9a6a00",
        ELIDED: "#6b6b6b",
    }


def quote_html(option: PassageOption, dark: bool) -> str:
    """The article's quote with the source's left-out words struck through and its own
    changed or added words underlined in bold."""
    colours = mark_colours(dark)
    pieces = []
    for text, kind in option.quote_parts:
        words = html.escape(text)
        if kind == MISSING:
            pieces.append(f'<s style="color:{colours[MISSING]}"><b>{words}</b></s>')
        elif kind in (CHANGED, INSERTED):
            pieces.append(
                f'<u><b><span style="background-color:{colours[CHANGED]}">{words}</span></b></u>'
            )
        else:
            pieces.append(words)
    return "“" + "".join(pieces) + "”"


def legend_html(dark: bool) -> str:
    colours = mark_colours(dark)
    return (
        f'<s style="color:{colours[MISSING]}">struck</s> left out of the quote · '
        f'<u><b><span style="background-color:{colours[CHANGED]}">underlined</span></b></u> '
        "changed or added · "
        f'<i style="color:{colours[ELIDED]}">italic</i> cut by “…” · '
        f'<span style="background-color:{colours[PASSAGE]}">&nbsp;tint&nbsp;</span> passage'
    )


def document_label(document: SourceDocumentRecord) -> str:
    title = document.title or document.final_url or document.origin
    return f"{title} (#{document.id})"


def recheck_sentence(report, label: str) -> str:
    """One sentence for the status bar: did the source change since it was captured?"""
    if report.status == "unavailable":
        return f"{label} cannot be read again now: {report.problem}"
    if report.status == "changed":
        return f"{label} has changed since it was captured; the snapshot kept is the evidence."
    return f"{label} is unchanged since it was captured."


def recheck_summary(report, document: SourceDocumentRecord, numbers: dict[int, int]) -> str:
    """What re-checking found, for the panel: the source, then each linked passage."""
    captured = when(document.captured_at, zone=False)
    if report.status == "unavailable":
        head = (
            f"⚠ <b>Cannot be read again</b>: {html.escape(report.problem or '')} The snapshot "
            f"captured {captured} stays the evidence."
        )
    elif report.status == "changed":
        what = "its text" if report.text_changed else "its bytes (not its text)"
        head = (
            f"⚠ <b>Changed</b> since it was captured {captured}: {what} differs now. The "
            "snapshot kept as evidence is not changed."
        )
    else:
        head = f"✓ <b>Unchanged</b> since it was captured {captured} (same SHA-256)."
    lines = [f"Re-checked {when(report.checked_at)} · {head}"]
    if not report.links:
        lines.append("No quote is linked to this source yet.")
    for check in report.links:
        number = numbers.get(check.quote_id)
        who = f"#{number}" if number is not None else "A quote in another article"
        now = check.now
        if check.still_matches:
            state = f"still matches ({verdict_words(str(now.verdict)).label.lower()})"
        elif now.found:
            before = verdict_words(check.then_verdict).label.lower()
            state = (
                f"<b>matches less well</b> now ({before} → "
                f"{verdict_words(str(now.verdict)).label.lower()})"
            )
        else:
            state = "<b>is not found any more</b>"
        moved = ", at another place" if check.moved else ""
        lines.append(f"{who} {state}{moved}")
    return "<br>".join(lines)
