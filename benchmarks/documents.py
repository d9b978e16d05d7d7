"""PDF extractors side by side on generated rulings and reports: verbatim quotes found, pages/s.

For each layout in tests/importing/pdf_samples.py (justified two columns with hyphenation,
running heads, page numbers and printer slugs; letter-spaced justification; ligatures; plain
ragged-right), a PDF is typeset with reportlab from known original text. Every quotation and
every plain sentence of that text is a verbatim quote; each is looked for with
workbench.matching's locate_quote in the text each candidate extracts. Printed per candidate:
the share of quotes that come out exact or near_exact (and exact alone), the share altered,
and pages per second of extraction (matching not counted).

Candidates (the text-only ones get the same paragraph rebuild, pdf_document.page_paragraphs):

- pypdf, plain extract_text: what the workbench used before (the baseline of this run);
- pypdf, extraction_mode="layout";
- pdfminer.six, extract_text (its own layout analysis), when installed;
- PDFium (pypdfium2), its text, text-only rebuild;
- PDFium words + pdf_layout (columns, running heads, hyphenation): the workbench's reader.

    .venv/bin/python benchmarks/documents.py              # 40 paragraphs a PDF (~4 pages)
    .venv/bin/python benchmarks/documents.py --paragraphs 120 --repeat 3
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "importing"))

from pdf_samples import LAYOUTS, article_paragraphs, make_report_pdf, quoted_passages  # noqa: E402

from workbench.importing.pdf_document import extract_pdf, page_paragraphs  # noqa: E402
from workbench.matching import index_source, locate_quote  # noqa: E402


def pypdf_plain(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    texts = [page.extract_text() or "" for page in pages]
    return _rebuild(texts), len(pages)


def pypdf_layout(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    texts = [page.extract_text(extraction_mode="layout") or "" for page in pages]
    return _rebuild(texts), len(pages)


def pdfminer_text(data: bytes) -> tuple[str, int]:
    from pdfminer.high_level import extract_pages, extract_text

    count = sum(1 for _ in extract_pages(io.BytesIO(data)))
    texts = [extract_text(io.BytesIO(data), page_numbers=[number]) for number in range(count)]
    return _rebuild(texts), count


def pdfium_text(data: bytes) -> tuple[str, int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    texts = []
    for page in document:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\ufffe", "-"))
        textpage.close()
        page.close()
    count = len(document)
    document.close()
    return _rebuild(texts), count


def pdfium_layout(data: bytes) -> tuple[str, int]:
    extracted = extract_pdf(data, label="benchmark.pdf")
    return extracted.text, len(extracted.page_starts)


def _rebuild(page_texts: list[str]) -> str:
    return "\n\n".join(
        paragraph for text in page_texts for paragraph in page_paragraphs(text) if paragraph
    )


CANDIDATES = {
    "pypdf plain (before)": pypdf_plain,
    "pypdf layout mode": pypdf_layout,
    "pdfminer.six": pdfminer_text,
    "PDFium text": pdfium_text,
    "PDFium + pdf_layout (chosen)": pdfium_layout,
}


def available(name: str) -> bool:
    if name != "pdfminer.six":
        return True
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        return False
    return True


def measure(extractor, data: bytes, quotes: list[str], repeat: int) -> dict:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        text, pages = extractor(data)
        best = min(best, time.perf_counter() - started)
    index = index_source(text)
    verdicts = Counter(str(locate_quote(index, quote).verdict) for quote in quotes)
    return {"pages": pages, "seconds": best, "verdicts": verdicts, "quotes": len(quotes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2, help="extractions timed (best kept)")
    args = parser.parse_args(argv)
    paragraphs = article_paragraphs(count=args.paragraphs)
    quotes = quoted_passages(paragraphs)
    totals: dict[str, dict] = {}
    print(f"{len(quotes)} verbatim quotes per PDF, {args.paragraphs} paragraphs\n")
    header = f"{'layout':27} {'candidate':30} {'exact+near':>10} {'exact':>7} {'altered':>8} {'pages/s':>9}"
    print(header)
    print("-" * len(header))
    for layout_name, layout in LAYOUTS.items():
        data = make_report_pdf(paragraphs, layout)
        for name, extractor in CANDIDATES.items():
            if not available(name):
                print(f"{layout_name:27} {name:30} {'not installed':>10}")
                continue
            result = measure(extractor, data, quotes, args.repeat)
            verdicts = result["verdicts"]
            found = verdicts["exact"] + verdicts["near_exact"]
            total = totals.setdefault(name, {"found": 0, "exact": 0, "altered": 0, "quotes": 0,
                                             "pages": 0, "seconds": 0.0})  # fmt: skip
            for key, value in (("found", found), ("exact", verdicts["exact"]),
                               ("altered", verdicts["altered"]), ("quotes", result["quotes"]),
                               ("pages", result["pages"]), ("seconds", result["seconds"])):  # fmt: skip
                total[key] += value
            print(
                f"{layout_name:27} {name:30} {found / result['quotes']:>10.1%} "
                f"{verdicts['exact'] / result['quotes']:>7.1%} "
                f"{verdicts['altered'] / result['quotes']:>8.1%} "
                f"{result['pages'] / result['seconds']:>9.1f}"
            )
        print()
    print("All layouts")
    for name, total in totals.items():
        print(
            f"{'':27} {name:30} {total['found'] / total['quotes']:>10.1%} "
            f"{total['exact'] / total['quotes']:>7.1%} {total['altered'] / total['quotes']:>8.1%} "
            f"{total['pages'] / total['seconds']:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
