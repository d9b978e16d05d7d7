"""The review as one self-contained, print-friendly HTML page an editor can read.

Everything that comes from an article or a source is escaped; the page has no script, loads
nothing, and its Content-Security-Policy forbids scripts anyway, so nothing in an article can
run. Links are made only from http(s) addresses. Statuses show a glyph and a word, never
colour alone; differences between quote and source are struck through or underlined.
"""

from __future__ import annotations

from html import escape

from workbench.domain import Status
from workbench.export.claimreview import web_url
from workbench.export.model import (
    QUOTE_ONLY,
    SAME,
    SOURCE_ONLY,
    ArticleReport,
    ExportSet,
    LinkView,
    QuoteView,
)
from workbench.vocabulary import (
    STATUS_ORDER,
    STATUS_WORDS,
    badge_text,
    describe_event,
    rejected_sentence,
    score_text,
    status_words,
    verdict_label,
    when,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.5 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
       color: #1b1b1b; background: #fff; max-width: 50rem; margin: 2rem auto; padding: 0 1.2rem;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.65em; line-height: 1.25; margin: .1em 0 .5em; }
h2 { font-size: 1.2em; border-bottom: 1.5px solid #1b1b1b; padding-bottom: .15em;
     margin: 1.6em 0 .6em; break-after: avoid; }
h3 { font-size: 1em; margin: 0; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .78em; color: #555;
          margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: 0;
          font-size: .9em; }
dl.meta dt { color: #555; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85em; }
table { border-collapse: collapse; font-size: .92em; }
th, td { text-align: left; padding: .25em .8em .25em 0; border-bottom: 1px solid #ddd;
         vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; white-space: nowrap; font-weight: 700; font-size: .82em;
         padding: .05em .5em; border: 1.5px solid currentColor; border-radius: .3em;
         background: #fff; }
.quote { border-left: 5px solid #6b6b6b; padding: .5em 0 .6em 1em; margin: 0 0 1.3em;
         break-inside: avoid; }
.quote-head { display: flex; gap: .7em; align-items: baseline; flex-wrap: wrap; }
.quote-head .num { font-weight: 700; }
.quote-head .kind { color: #555; font-size: .88em; }
blockquote { margin: .4em 0 .3em; font-size: 1.08em; white-space: pre-wrap; }
.speaker { margin: 0 0 .4em; }
.speaker .tag, .remark { color: #555; font-size: .88em; }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: .05em 1em;
          margin: .3em 0; font-size: .92em; }
.fields dt { color: #555; }
.fields dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.link { background: #f6f6f3; border: 1px solid #e2e2dc; padding: .45em .7em; margin: .5em 0;
        break-inside: avoid; }
.link h4 { margin: 0 0 .2em; font-size: .9em; }
.link .facts { margin: 0 0 .3em; font-size: .85em; color: #444; }
.passage { margin: 0; white-space: pre-wrap; }
.passage .context { color: #666; }
del { text-decoration: line-through 1.5px; background: #fde2d6; color: #7a2b05; }
ins { text-decoration: underline 1.5px; text-underline-offset: .15em; background: #d9efe6;
      color: #00573f; }
.history { margin: .3em 0 0; padding-left: 1.2em; font-size: .86em; color: #333; }
.history li { margin: .1em 0; }
.history time { font-variant-numeric: tabular-nums; color: #555; }
.sources { list-style: none; padding: 0; }
.sources li { margin-bottom: .6em; overflow-wrap: anywhere; }
.legend { font-size: .85em; color: #333; }
.notes { border: 1.5px solid #8a6d00; background: #fff8dc; padding: .3em .8em; margin: .8em 0;
         font-size: .92em; break-inside: avoid; }
.notes h3 { font-size: .9em; margin: .2em 0; }
.notes p { margin: .2em 0; }
.article + .article { break-before: page; margin-top: 2.5em; }
footer { margin-top: 2.5em; border-top: 1px solid #bbb; padding-top: .6em; font-size: .82em;
         color: #444; }
a { color: #0b4f8a; }
"""

STYLE += "".join(
    f".badge.status-{s.status.value} {{ color: {s.light}; }}\n"
    f".quote.status-{s.status.value} {{ border-left-color: {s.light}; }}\n"
    for s in STATUS_WORDS.values()
)
STYLE += """@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
}
"""


def e(value: object) -> str:
    """Text for HTML content or a quoted attribute: every markup character escaped."""
    return escape("" if value is None else str(value), quote=True)


def origin_html(origin: str | None) -> str:
    url = web_url(origin)
    if url:
        return f'<a href="{e(url)}" rel="noopener noreferrer nofollow">{e(url)}</a>'
    return e(origin or "")


def anchor_html(export: ExportSet) -> str:
    """The chain heads when exported, which `audit verify --anchor` checks the database against."""
    if not export.anchor:
        return ""
    library = export.anchor["library"]
    return (
        f"<p>Audit anchor: the library chain stood at event {e(library['event_count'])}, head "
        f"<span class='hash'>{e(library['chain_head'])}</span>.</p>"
    )


def badge(status: Status | str) -> str:
    label = status_words(status)
    return (
        f'<span class="badge status-{e(label.status.value)}" title="{e(label.description)}">'
        f"{e(label.glyph)} {e(label.label)}</span>"
    )


def _meta(pairs: list[tuple[str, str]], css: str = "meta") -> str:
    rows = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
    return f'<dl class="{css}">{rows}</dl>'


def _counts_table(report: ArticleReport) -> str:
    rows = "".join(
        f"<tr><td>{badge(s)}</td><td class='n'>{report.status_counts.get(s, 0)}</td></tr>"
        for s in STATUS_ORDER
    )
    return (
        "<table class='counts'><thead><tr><th>Status</th><th class='n'>Quotes</th></tr></thead>"
        f"<tbody>{rows}</tbody><tfoot><tr><th>Total</th>"
        f"<th class='n'>{report.quote_total}</th></tr></tfoot></table>"
    )


def _passage(view: LinkView) -> str:
    if not view.segments:
        return ""
    parts = []
    for segment in view.segments:
        text = e(segment.text)
        if segment.kind == SOURCE_ONLY:
            parts.append(f"<del title='in the source, not in the quote'>{text}</del>")
        elif segment.kind == QUOTE_ONLY:
            parts.append(f"<ins title='in the quote, not in the source'>{text}</ins>")
        elif segment.kind == SAME:
            parts.append(text)
        else:
            parts.append(f"<span class='context'>{text}</span>")
    return f"<p class='passage'>{''.join(parts)}</p>"


def _link(view: LinkView) -> str:
    link, document = view.link, view.document
    title = (document.title or document.origin) if document else f"source {link.source_id}"
    facts = [f"characters {link.start}–{link.end}"]
    if view.page_label:
        facts.insert(0, view.page_label)
    if link.verdict:
        facts.append(f"verdict: {verdict_label(link.verdict)}")
    if link.score is not None:
        facts.append(f"score {score_text(link.score)}")
    facts.append(f"linked by {link.accepted_by}, {when(link.accepted_at)}")
    origin = ""
    if document:
        origin = (
            f"<p class='facts'>{origin_html(document.origin)} · SHA-256 "
            f"<span class='hash'>{e(document.sha256)}</span></p>"
        )
    remark = f"<p class='remark'>({e(view.remark)})</p>" if view.remark else ""
    return (
        f"<div class='link'><h4>Primary source {link.source_id}: {e(title)}</h4>{origin}"
        f"<p class='facts'>{e(' · '.join(facts))}</p>{_passage(view)}{remark}</div>"
    )


def _history(events) -> str:
    if not events:
        return ""
    items = []
    for event in events:
        note = f" — “{e(event.note)}”" if event.note else ""
        items.append(
            f"<li><time>{e(when(event.at))}</time> · {e(event.reviewer)}: "
            f"{e(describe_event(event.action, event.from_state, event.to_state))}{note}</li>"
        )
    return f"<ol class='history'>{''.join(items)}</ol>"


def _quote(view: QuoteView) -> str:
    quote = view.quote
    label = status_words(quote.status)
    speaker = quote.speaker
    if speaker is None:
        who = "<p class='speaker'><span class='tag'>No speaker given in the article</span></p>"
    else:
        role = f", {e(speaker.role)}" if speaker.role else ""
        tag = " <span class='tag'>(anonymous source)</span>" if speaker.anonymous else ""
        who = f"<p class='speaker'>— {e(speaker.name)}{role}{tag}</p>"
    fields = [
        ("Note", e(quote.note) if quote.note else ""),
        (
            "Last change",
            e(f"{quote.changed_by}, {when(quote.changed_at)}") if quote.changed_by else "",
        ),
    ]
    links = "".join(_link(link) for link in view.links)
    if not view.links:
        links = "<p class='remark'>Not linked to a primary source.</p>"
    return (
        f"<section class='quote status-{e(label.status.value)}' id='quote-{quote.id}'>"
        f"<div class='quote-head'>{badge(quote.status)}<h3 class='num'>Quote #{quote.number}</h3>"
        f"<span class='kind'>{e(quote.kind)} quote · id {quote.id} · "
        f"{f'p. {view.page} · ' if view.page is not None else ''}characters "
        f"{quote.start}–{quote.end}</span>"
        f"</div><blockquote>“{e(quote.text)}”</blockquote>{who}"
        f"{_meta(fields, 'fields')}{links}{_history(view.history)}</section>"
    )


def _article(report: ArticleReport, export: ExportSet, *, level: int) -> str:
    article = report.article
    title = article.title or article.origin or f"Article {article.id}"
    meta = _meta(
        [
            ("Outlet", e(article.outlet)),
            ("Author", e(article.author)),
            ("Published", e(article.published)),
            ("Origin", origin_html(article.origin)),
            (
                "Final URL",
                origin_html(article.final_url) if article.final_url != article.origin else "",
            ),
            ("Imported", e(f"{when(article.imported_at)} by {article.imported_by}")),
            ("Pages", e(len(article.page_starts)) if article.page_starts else ""),
            ("Article id", e(article.id)),
            ("Text SHA-256", f"<span class='hash'>{e(article.content_sha256)}</span>"),
            (
                "Audit chain",
                f"{article.event_count} events, head <span class='hash'>{e(article.chain_head)}</span>",
            ),
        ]
    )
    heading = f"<h{level}>{e(title)}</h{level}>"
    if level == 1:
        heading = f"<p class='kicker'>Fact-check report</p>{heading}"
    notes = "".join(f"<p>{e(note)}</p>" for note in article.notes)
    if notes:
        notes = f"<div class='notes' role='note'><h3>How the text was read</h3>{notes}</div>"
    shown = ""
    if export.filters.statuses:
        shown = (
            f" This report shows the {len(report.quotes)} with status "
            f"{e(' or '.join(status_words(s).label for s in sorted(export.filters.statuses)))}."
        )
    rejected = " " + e(rejected_sentence(len(report.rejected))) if report.rejected else ""
    summary = (
        f"<p>{report.reviewed_total} of {report.quote_total} quotes have a verdict.{shown}{rejected}</p>"
        f"{_counts_table(report)}"
    )
    sources = ""
    if report.documents:
        items = "".join(
            f"<li><strong>Source {d.id}: {e(d.title or d.origin)}</strong><br>{origin_html(d.origin)}"
            f"<br>captured {e(when(d.captured_at))}"
            f"{f' · {len(d.page_starts)} pages' if d.page_starts else ''}"
            f"{' by ' + e(d.captured_by) if d.captured_by else ''} · SHA-256 "
            f"<span class='hash'>{e(d.sha256)}</span></li>"
            for d in report.documents
        )
        sources = f"<h2>Primary sources</h2><ul class='sources'>{items}</ul>"
    quotes = "".join(_quote(view) for view in report.quotes) or "<p>No quotes to show.</p>"
    history = _history(report.article_events)
    history = f"<h2>Article history</h2>{history}" if history else ""
    return (
        f"<article class='article' id='article-{article.id}'><header>{heading}{meta}{notes}</header>"
        f"<h2>Summary</h2>{summary}{sources}<h2>Quotes</h2>{quotes}{history}</article>"
    )


def _library_summary(export: ExportSet) -> str:
    head = "".join(
        f"<th class='n' title='{e(status_words(s).label)}'>{e(status_words(s).glyph)}</th>"
        for s in STATUS_ORDER
    )
    rows = "".join(
        f"<tr><td><a href='#article-{r.article.id}'>{e(r.article.title or r.article.origin)}</a></td>"
        f"<td class='n'>{r.reviewed_total}/{r.quote_total}</td>"
        + "".join(f"<td class='n'>{r.status_counts.get(s, 0)}</td>" for s in STATUS_ORDER)
        + "</tr>"
        for r in export.articles
    )
    key = " · ".join(e(badge_text(s)) for s in STATUS_ORDER)
    filters = export.filters.describe()
    chosen = f"<p>Filter: {e(filters)}.</p>" if filters else ""
    return (
        f"<p class='kicker'>Fact-check report</p><h1>Review of {len(export.articles)} articles</h1>"
        f"{chosen}<table><thead><tr><th>Article</th><th class='n'>Reviewed</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table><p class='legend'>{key}</p>"
    )


def render_html(export: ExportSet) -> str:
    """The report as a complete HTML document (a string; the preview shows it as it is)."""
    if export.whole_library:
        title = f"Fact-check report — {len(export.articles)} articles"
        body = _library_summary(export) + "".join(
            _article(r, export, level=2) for r in export.articles
        )
        if not export.articles:
            body += "<p>No article matches.</p>"
    else:
        report = export.articles[0]
        title = f"Fact-check report — {report.article.title or report.article.origin or ''}"
        body = _article(report, export, level=1)
    footer = (
        "<footer><p class='legend'>In a source passage, <del>struck-through words</del> are in "
        "the source but not in the quote, and <ins>underlined words</ins> are in the quote but "
        "not in the source; grey text surrounds the part that lines up with the quote.</p>"
        f"<p>Exported {e(when(export.exported_at))} by the fact-check workbench. The JSON "
        "export of this review carries its audit chain: <code>workbench audit verify --file "
        "EXPORT.json</code> checks it.</p>"
        f"{anchor_html(export)}</footer>"
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='referrer' content='no-referrer'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{e(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}{footer}</body></html>\n"
    )
