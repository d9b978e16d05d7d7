"""The review report as PDF, drawn with fpdf2 in the core: no browser, no Qt, no display.

It carries what the HTML report carries, in the same order: the summary by status, then each
quote with its status badge (glyph and word, not colour alone), speaker, note, the linked
passage with differences struck through or underlined, and its history. Text is embedded in
TrueType fonts chosen for the scripts it prints (see ``fonts``; Arabic and Hebrew are shaped
right to left by HarfBuzz), so it can be searched, copied and extracted. The report's code runs
twice: once against a recorder that only collects the text, so the fonts are chosen (or the
export refused) before anything is drawn, then for real.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from workbench import __version__
from workbench.domain import Status
from workbench.errors import EnvironmentFault
from workbench.export.fonts import Face, FontPlan, embeddable, is_ignorable, plan_fonts
from workbench.export.model import (
    CONTEXT,
    QUOTE_ONLY,
    SOURCE_ONLY,
    ArticleReport,
    ExportSet,
    LinkView,
    QuoteView,
)
from workbench.vocabulary import (
    STATUS_ORDER,
    badge_text,
    describe_event,
    rejected_sentence,
    score_text,
    status_words,
    verdict_label,
    when,
)

SANS, MONO = "WorkbenchSans", "WorkbenchMono"
INK = (27, 27, 27)
MUTED = (90, 90, 90)
RULE = (190, 190, 190)
SOURCE_ONLY_INK = (122, 43, 5)
QUOTE_ONLY_INK = (0, 87, 63)


_CONTROLS = {c: None for c in range(32) if c != 10}
_CONTROLS.update({9: " ", 13: None})


def plain(text: str) -> str:
    """Text a font can draw: tabs become spaces; other control characters are dropped."""
    return text.translate(_CONTROLS)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


class _ReportLayout(FPDF):
    """The page and its running footer, shared by the report and its text recorder."""

    def __init__(self, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = running_title
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(SANS, "", 7.5)
        self.set_text_color(*MUTED)
        title = plain(self.running_title)
        if len(title) > 90:
            title = title[:89] + "…"
        self.cell(0, 5, f"{title}  ·  page {self.page_no()} of {{nb}}", align="C")


class _TextRecorder(_ReportLayout):
    """Runs the report's drawing code to learn which text it prints in which style, so that
    the fonts can be chosen before anything is drawn. It draws and measures nothing."""

    def __init__(self, running_title: str) -> None:
        super().__init__(running_title)
        self.printed: dict[str, list[str]] = defaultdict(list)
        self._style = ""

    def set_font(self, family=None, style="", size=0) -> None:
        style = str(style)
        if family == MONO:
            self._style = "mono"
        elif "B" in style:
            self._style = "B"
        else:
            self._style = "I" if "I" in style else ""

    def _record(self, text) -> None:
        if text:
            self.printed[self._style].append(str(text))

    def cell(self, w=None, h=None, text="", *args, **kwargs):
        self._record(text)
        return False

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        self._record(text)
        return 0.0 if kwargs.get("output") == MethodReturnValue.HEIGHT else False

    def write(self, h=None, text="", *args, **kwargs):
        self._record(text)
        return False

    def get_string_width(self, s, *args, **kwargs) -> float:
        self._record(s)
        return 0.0


class ReportPDF(_ReportLayout):
    """The report's PDF, with the fonts ``plan`` chose for the text it prints."""

    def __init__(self, running_title: str, plan: FontPlan, faces: dict[tuple[str, str], Face]):
        super().__init__(running_title)
        base, base_range = plan.base, plan.base_range
        unicode_range = sorted(base_range) if base_range is not None else None
        self.add_font(SANS, "", str(base.regular), unicode_range=unicode_range)
        self.add_font(SANS, "B", str(base.bold), unicode_range=unicode_range)
        self.add_font(SANS, "I", str(base.italic), unicode_range=unicode_range)
        self.add_font(MONO, "", str(base.mono), unicode_range=unicode_range)
        for font in plan.fonts:
            for style in ("", "B"):
                face = faces.get((font.family, style))
                if face is not None:
                    self.add_font(
                        font.family, style, str(face.path), collection_font_number=face.index
                    )
        self._font_for = plan.font_for
        self._last_fallback: str | None = None
        if plan.fallback:
            self.set_fallback_fonts([SANS] + [f.family for f in plan.fonts], exact_match=False)
        if plan.shaping:
            self.set_text_shaping(True)
        self.set_creator(f"Fact-check workbench {__version__}")
        self.set_lang("en")

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        """The font the plan chose for ``char`` (its bold face for bold text when it has one);
        a character of the base family missing from this style's face comes from the regular."""
        family = self._font_for.get(char)
        if family is None:
            if is_ignorable(char):  # a joiner stays with the emoji or letters it joins
                last = self._last_fallback
                return last if last and ord(char) in self.fonts[last].cmap else None
            family = SANS.lower()
        bold = family + "B"
        key = (
            bold
            if "B" in style and ord(char) in getattr(self.fonts.get(bold), "cmap", ())
            else family
        )
        if ord(char) not in self.fonts[key].cmap:
            return None
        self._last_fallback = key
        return key

    def normalize_text(self, text: str) -> str:
        if not self.text_shaping:  # without HarfBuzz an invisible character has no glyph to draw
            text = "".join(c for c in text if not is_ignorable(c))
        return super().normalize_text(text)

    def close_font_files(self) -> None:
        """fpdf2 closes the files of the fonts it subsets, not those of colour (emoji) fonts."""
        for font in self.fonts.values():
            if hasattr(font, "ttfont"):
                font.close()

    def missing_characters(self) -> list[str]:
        """Characters a font was asked for and had no glyph for (none, when the plan held)."""
        missing = {
            chr(code)
            for font in self.fonts.values()
            for code in getattr(font, "missing_glyphs", ())
        }
        return sorted(c for c in missing if not (c.isspace() or is_ignorable(c)))


class _Writer:
    """Small drawing verbs over fpdf2, so the report reads top to bottom like the HTML one."""

    def __init__(self, pdf: ReportPDF) -> None:
        self.pdf = pdf

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def font(self, size: float, style: str = "", colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(SANS, style, size)
        self.pdf.set_text_color(*colour)

    def text(
        self, text: str, size: float = 10, style: str = "", colour=INK, gap: float = 1
    ) -> None:
        self.font(size, style, colour)
        self.pdf.multi_cell(
            0, size * 0.5, plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.pdf.ln(gap)

    def measure(self, text: str, size: float, style: str = "", width: float = 0) -> float:
        """The height ``text`` would take as a paragraph, without drawing it."""
        if not text:
            return 0.0
        self.pdf.set_font(SANS, style, size)
        return self.pdf.multi_cell(
            width or self.width,
            size * 0.5,
            plain(text),
            dry_run=True,
            output=MethodReturnValue.HEIGHT,
        )

    def kicker(self, text: str) -> None:
        self.text(text.upper(), 8, "B", MUTED, gap=0.5)

    def heading(self, text: str, size: float = 13) -> None:
        if self.pdf.will_page_break(22):
            self.pdf.add_page()
        self.pdf.ln(3)
        self.text(text, size, "B", gap=0)
        y = self.pdf.get_y() + 0.5
        self.pdf.set_draw_color(*INK)
        self.pdf.set_line_width(0.4)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(3)

    def fields(self, pairs: Sequence[tuple[str, str]], size: float = 8.5, mono=()) -> None:
        self.font(size, "B")
        label_width = max((self.pdf.get_string_width(k) for k, v in pairs if v), default=0) + 4
        for key, value in pairs:
            if not value:
                continue
            self.font(size, "B", MUTED)
            self.pdf.cell(label_width, size * 0.5, key)
            if key in mono:
                self.pdf.set_font(MONO, "", size - 0.5)
                self.pdf.set_text_color(*INK)
            else:
                self.font(size)
            self.pdf.multi_cell(0, size * 0.5, plain(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1)

    def badge(self, status: Status | str, size: float = 8.5, width: float | None = None) -> None:
        label = status_words(status)
        colour = _rgb(label.light)
        self.font(size, "B", colour)
        text = badge_text(status)
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(0.35)
        align = "L" if width else "C"
        width = width or self.pdf.get_string_width(text) + 4
        self.pdf.cell(width, size * 0.6, text, border=1, align=align)

    def badge_width(self, size: float = 8.5) -> float:
        self.font(size, "B")
        return 4 + max(self.pdf.get_string_width(badge_text(status)) for status in STATUS_ORDER)

    def rule(self, colour=RULE, width: float = 0.2) -> None:
        y = self.pdf.get_y()
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(width)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)


def _counts(w: _Writer, report: ArticleReport) -> None:
    pdf = w.pdf
    width = w.badge_width()
    for status in STATUS_ORDER:
        w.badge(status, width=width)
        w.font(9.5)
        pdf.cell(14, 5.1, str(report.status_counts.get(status, 0)), align="R")
        pdf.ln(6.2)
    w.font(9.5, "B")
    pdf.cell(width, 5, "Total")
    pdf.cell(14, 5, str(report.quote_total), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _passage(w: _Writer, view: LinkView) -> None:
    pdf = w.pdf
    size, height = 9.5, 4.9
    for segment in view.segments:
        if segment.kind == SOURCE_ONLY:
            pdf.set_font(SANS, "S", size)
            pdf.set_text_color(*SOURCE_ONLY_INK)
        elif segment.kind == QUOTE_ONLY:
            pdf.set_font(SANS, "U", size)
            pdf.set_text_color(*QUOTE_ONLY_INK)
        elif segment.kind == CONTEXT:
            w.font(size, "", MUTED)
        else:
            w.font(size)
        pdf.write(height, plain(segment.text))
    pdf.ln(height + 1.5)


def _link(w: _Writer, view: LinkView) -> None:
    pdf = w.pdf
    link, document = view.link, view.document
    title = (document.title or document.origin) if document else f"source {link.source_id}"
    old_margin = pdf.l_margin
    top_page, top = pdf.page, pdf.get_y()
    pdf.set_left_margin(old_margin + 4)
    pdf.set_x(old_margin + 4)
    w.text(f"Primary source {link.source_id}: {title}", 9, "B", gap=0.3)
    facts = [f"characters {link.start}–{link.end}"]
    if view.page_label:
        facts.insert(0, view.page_label)
    if link.verdict:
        facts.append(f"verdict: {verdict_label(link.verdict)}")
    if link.score is not None:
        facts.append(f"score {score_text(link.score)}")
    facts.append(f"linked by {link.accepted_by}, {when(link.accepted_at)}")
    if document:
        w.text(document.origin, 8, "", MUTED, gap=0)
        pdf.set_font(MONO, "", 7.5)
        pdf.multi_cell(0, 3.8, f"SHA-256 {document.sha256}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.text(" · ".join(facts), 8, "", MUTED, gap=0.8)
    if view.segments:
        _passage(w, view)
    if view.remark:
        w.text(f"({view.remark})", 8, "I", MUTED)
    if pdf.page == top_page:  # a grey bar ties the passage to its source, as the HTML box does
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.8)
        pdf.line(old_margin + 1.2, top + 0.5, old_margin + 1.2, pdf.get_y() - 1)
    pdf.set_left_margin(old_margin)
    pdf.set_x(old_margin)


def _history(w: _Writer, events) -> None:
    for event in events:
        w.text(_history_line(event), 8, "", MUTED, gap=0.3)


def _history_line(event) -> str:
    line = (
        f"{when(event.at)} · {event.reviewer}: "
        f"{describe_event(event.action, event.from_state, event.to_state)}"
    )
    return line + (f" — “{event.note}”" if event.note else "")


def _quote_height(w: _Writer, view: QuoteView) -> float:
    """About how tall a quote's block will be (a dry run of each paragraph, no drawing).

    Measured rather than drawn twice: fpdf2's offset rendering copies the whole document
    each time, which made a 400-quote report take forty seconds.
    """
    quote = view.quote
    height = 9 + w.measure(f"“{quote.text}”", 11) + 1 + 6
    height += 5 * sum(1 for value in (quote.note, quote.changed_by) if value)
    if quote.note:
        height += w.measure(quote.note, 9, width=w.width - 30) - 4.5
    for link in view.links:
        height += 18 + w.measure(link.passage, 9.5, width=w.width - 4)
    height += sum(w.measure(_history_line(e), 8) + 0.3 for e in view.history)
    return height + 4


def _keep_together(w: _Writer, view: QuoteView) -> None:
    """Start a quote on a new page when its block would not fit on this one (but would there)."""
    pdf = w.pdf
    height = _quote_height(w, view)
    if pdf.get_y() + height > pdf.page_break_trigger and height < pdf.eph:
        pdf.add_page()


def _quote(w: _Writer, view: QuoteView) -> None:
    pdf = w.pdf
    quote = view.quote
    label = status_words(quote.status)
    w.rule(_rgb(label.light), 0.8)
    pdf.ln(2)
    w.badge(quote.status)
    pdf.cell(3, 5)
    w.font(10, "B")
    heading = f"Quote #{quote.number}"
    pdf.cell(pdf.get_string_width(heading) + 3, 5.1, heading)
    w.font(8.5, "", MUTED)
    page = f"p. {view.page} · " if view.page is not None else ""
    pdf.cell(
        0, 5.1, f"{quote.kind} quote · id {quote.id} · {page}characters {quote.start}–{quote.end}"
    )
    pdf.ln(7)
    w.text(f"“{quote.text}”", 11, gap=1)
    speaker = quote.speaker
    if speaker is None:
        w.text("No speaker given in the article", 9, "I", MUTED)
    else:
        role = f", {speaker.role}" if speaker.role else ""
        tag = " (anonymous source)" if speaker.anonymous else ""
        w.text(f"— {speaker.name}{role}{tag}", 9.5)
    w.fields(
        [
            ("Note", quote.note or ""),
            (
                "Last change",
                f"{quote.changed_by}, {when(quote.changed_at)}" if quote.changed_by else "",
            ),
        ],
        size=9,
    )
    for link in view.links:
        _link(w, link)
    if not view.links:
        w.text("Not linked to a primary source.", 8.5, "I", MUTED)
    _history(w, view.history)
    pdf.ln(4)


def _article(w: _Writer, report: ArticleReport, export: ExportSet) -> None:
    pdf = w.pdf
    article = report.article
    w.kicker("Fact-check report")
    w.text(article.title or article.origin or f"Article {article.id}", 17, "B", gap=2)
    w.fields(
        [
            ("Outlet", article.outlet or ""),
            ("Author", article.author or ""),
            ("Published", article.published or ""),
            ("Origin", article.origin or ""),
            ("Final URL", article.final_url if article.final_url != article.origin else ""),
            ("Imported", f"{when(article.imported_at)} by {article.imported_by}"),
            ("Pages", str(len(article.page_starts)) if article.page_starts else ""),
            ("Article id", str(article.id)),
            ("Text SHA-256", article.content_sha256),
            ("Audit chain", f"{article.event_count} events, head {article.chain_head}"),
        ],
        mono=("Text SHA-256",),
    )
    if article.notes:  # how the text was read: the reviewer must know before trusting it
        w.text("How the text was read", 9, "B", gap=0.3)
        for note in article.notes:
            w.text(note, 9, gap=0.5)
        pdf.ln(1)
    w.heading("Summary")
    sentence = f"{report.reviewed_total} of {report.quote_total} quotes have a verdict."
    if export.filters.statuses:
        names = " or ".join(status_words(s).label for s in sorted(export.filters.statuses))
        sentence += f" This report shows the {len(report.quotes)} with status {names}."
    if report.rejected:
        sentence += " " + rejected_sentence(len(report.rejected))
    w.text(sentence, 10, gap=2)
    _counts(w, report)
    if report.documents:
        w.heading("Primary sources")
        for d in report.documents:
            w.text(f"Source {d.id}: {d.title or d.origin}", 9.5, "B", gap=0)
            captured = f"captured {when(d.captured_at)}" + (
                f" by {d.captured_by}" if d.captured_by else ""
            )
            if d.page_starts:
                captured += f" · {len(d.page_starts)} pages"
            w.text(f"{d.origin}\n{captured}", 8.5, "", MUTED, gap=0)
            pdf.set_font(MONO, "", 7.5)
            pdf.multi_cell(0, 3.8, f"SHA-256 {d.sha256}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
    w.heading("Quotes")
    if not report.quotes:
        w.text("No quotes to show.", 10)
    for view in report.quotes:
        _keep_together(w, view)
        _quote(w, view)
    if report.article_events:
        w.heading("Article history")
        _history(w, report.article_events)


def _library(w: _Writer, export: ExportSet) -> None:
    w.kicker("Fact-check report")
    w.text(f"Review of {len(export.articles)} articles", 17, "B", gap=2)
    if export.filters.describe():
        w.text(f"Filter: {export.filters.describe()}.", 9.5)
    for report in export.articles:
        counts = ", ".join(
            f"{badge_text(s)} {report.status_counts[s]}"
            for s in STATUS_ORDER
            if report.status_counts.get(s)
        )
        w.text(
            report.article.title or report.article.origin or f"Article {report.article.id}",
            10,
            "B",
            gap=0,
        )
        w.text(
            f"{report.reviewed_total} of {report.quote_total} reviewed · {counts}",
            8.5,
            "",
            MUTED,
            gap=1.5,
        )
    if not export.articles:
        w.text("No article matches.", 10)


def _draw(pdf: _ReportLayout, export: ExportSet) -> None:
    pdf.add_page()
    w = _Writer(pdf)
    if export.whole_library:
        _library(w, export)
    for index, report in enumerate(export.articles):
        if export.whole_library or index:
            pdf.add_page()
        _article(w, report, export)
    w.heading("How to read this report", 10)
    w.text(
        "In a source passage, struck-through words are in the source but not in the quote; "
        "underlined words are in the quote but not in the source; grey text surrounds the part "
        "that lines up with the quote. The JSON export of this review carries its audit chain, "
        "which `workbench audit verify --file EXPORT.json` checks.",
        8.5,
        "",
        MUTED,
    )
    w.text(f"Exported {when(export.exported_at)} by the fact-check workbench.", 8.5, "", MUTED)
    if export.anchor:
        library = export.anchor["library"]
        w.text(
            f"Audit anchor: the library chain stood at event {library['event_count']}, head "
            f"{library['chain_head']}.",
            8.5,
            "",
            MUTED,
        )


def printed_text(export: ExportSet) -> dict[str, str]:
    """Everything the report prints, by style ("", "B", "I", "mono"), without drawing it."""
    recorder = _TextRecorder(_running_title(export))
    _draw(recorder, export)
    recorder.footer()  # the last page's (the others were recorded as each page ended)
    return {style: "\n".join(parts) for style, parts in recorder.printed.items()}


def _running_title(export: ExportSet) -> str:
    if export.whole_library:
        return f"Fact-check report — {len(export.articles)} articles"
    article = export.articles[0].article
    return f"Fact-check report — {article.title or article.origin or article.id}"


def _embedded_faces(plan: FontPlan, folder: Path) -> dict[tuple[str, str], Face]:
    faces: dict[tuple[str, str], Face] = {}
    for font in plan.fonts:
        faces[font.family, ""] = embeddable(font.regular, font.chars, folder / f"{font.family}.ttf")
        if font.bold is not None:
            target = folder / f"{font.family}-bold.ttf"
            faces[font.family, "B"] = embeddable(font.bold, font.bold_chars, target)
    return faces


def render_pdf(export: ExportSet) -> bytes:
    """The report as PDF bytes; EnvironmentFault when a script it prints has no font here."""
    running = _running_title(export)
    plan = plan_fonts(printed_text(export))
    with tempfile.TemporaryDirectory(prefix="workbench-fonts-") as folder:
        pdf = ReportPDF(running, plan, _embedded_faces(plan, Path(folder)))
        pdf.set_title(running)
        try:
            _draw(pdf, export)
            data = bytes(pdf.output())
        finally:
            pdf.close_font_files()
    missing = pdf.missing_characters()
    if missing:  # never a report with blanks: the plan should have made this impossible
        shown = ", ".join(f"‘{c}’ (U+{ord(c):04X})" for c in missing[:5])
        raise EnvironmentFault(
            f"The PDF report would have left out {shown}: no font found here draws them; "
            "install fonts-noto-core or set WORKBENCH_FONT_DIR to a folder with a font that does."
        )
    return data
