"""The PDF report in every script an article may quote: each character comes back out of the
PDF (read with pypdf, as a consumer would), Arabic and Hebrew are shaped right to left, and a
script with no font installed is refused in one sentence with no file written."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections import defaultdict

import pytest
from export_parsing import pdf_text
from pypdf import PdfReader

from workbench import export, services
from workbench.domain import Analysis, SpeakerRef
from workbench.errors import EnvironmentFault
from workbench.export import fonts
from workbench.importing.loader import article_from_text
from workbench.storage import open_database

# Quotes by fictional people, one per script: (opening mark, quote, closing mark, speaker).
QUOTES = {
    "chinese": ("“", "新图书馆将在明年春天开放，欢迎大家。", "”", "Lin Meiqi"),
    "japanese": ("「", "港の新しい橋は来年の秋に完成します", "」", "Sato Haruki"),
    "arabic": ("«", "سنفتح المكتبة الجديدة في الربيع", "»", "Karim Haddad"),
    "hebrew": ("“", "הגשר ייפתח לתנועה בחודש הבא", "”", "Noa Levin"),
    "greek": ("«", "Το λιμάνι θα ανοίξει ξανά τον Μάιο", "»", "Eleni Markou"),
    "cyrillic": ("«", "Мы закончим ремонт моста к осени", "»", "Pavel Orlov"),
    "emoji": ("“", "Best harbour festival ever 🎉🎶 see you next year 👋🏽 👩‍🔬", "”", "Jo Tran"),
    "latin": ("“", "Ça coûte très cher, même pour l’État — señor Núñez", "”", "Aurélie Dumont"),
}
NOTES = {
    "japanese": "録音と一致する。",
    "arabic": "مطابق للتسجيل",
    "emoji": "Checked against the post 👍",
}
THAI = {"thai": ("“", "เราจะเปิดสะพานใหม่ในเดือนหน้า", "”", "Somchai Kaewkla")}
RTL_WORDS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")


def _article(db, quotes: dict[str, tuple[str, str, str, str]], notes: dict[str, str]) -> int:
    """An article of the given quotes (some with a note), through the real services."""
    lines = [f"{mark}{quote}{end} said {name}." for mark, quote, end, name in quotes.values()]
    text = "Harbour town voices.\n\n" + "\n\n".join(lines) + "\n"
    article = article_from_text(text, title="Harbour town voices")
    article_id = services.import_article(
        db, article=article, analysis=Analysis(text_length=len(text)), reviewer="Ada Reyes"
    ).article_id
    for key, (_, quote, _, name) in quotes.items():
        start = text.index(quote)
        name_at = text.index(name, start)
        added = services.add_quote(
            db,
            article_id=article_id,
            start=start,
            end=start + len(quote),
            speaker=SpeakerRef(name, name_at, name_at + len(name)),
            reviewer="Ada Reyes",
        )
        if key in notes:
            services.mark_status(
                db, quote_id=added.id, status="verified", note=notes[key], reviewer="Ben Ode"
            )
    return article_id


@pytest.fixture(scope="module")
def voices(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("voices") / "voices.sqlite")
    try:
        yield db, _article(db, QUOTES, NOTES)
    finally:
        db.close()


@pytest.fixture(scope="module")
def voices_pdf(voices) -> bytes:
    """The multi-script report, rendered once for the tests that read it back."""
    db, article_id = voices
    return export.export_article(db, article_id, "pdf")


def _squeezed(text: str) -> str:
    """Without whitespace, so a CJK line the PDF wrapped still reads as one."""
    return "".join(text.split())


def _letter_codes(data: bytes) -> dict[str, dict[str, set[str]]]:
    """For each embedded font, the glyph codes its ToUnicode map gives each character."""
    fonts_seen: dict[str, dict[str, set[str]]] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            codes: dict[str, set[str]] = defaultdict(set)
            for code, target in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", cmap):
                if len(target) == 4:
                    codes[chr(int(target, 16))].add(code)
            fonts_seen[str(font.get("/BaseFont", "Type3"))] = codes
    return fonts_seen


def test_every_script_comes_back_out_of_the_pdf(voices_pdf):
    text = pdf_text(voices_pdf)
    assert "\x00" not in text  # CJK embedded as TrueType: pypdf reads it without gaps
    squeezed = _squeezed(text)
    for key in ("chinese", "japanese", "greek", "cyrillic", "emoji", "latin"):
        _, quote, _, name = QUOTES[key]
        assert _squeezed(f"“{quote}”") in squeezed, key
        assert name in text
    for key in ("japanese", "emoji"):
        assert _squeezed(NOTES[key]) in squeezed
    # Every character of every quote and note is in the PDF's text, none left blank.
    wanted = set(_squeezed("".join(q[1] for q in QUOTES.values()) + "".join(NOTES.values())))
    assert wanted - set(text) == set()


@pytest.mark.parametrize("key", ["arabic", "hebrew"])
def test_right_to_left_quotes_read_back_word_for_word(voices_pdf, key):
    lines = pdf_text(voices_pdf).splitlines()
    words = RTL_WORDS.findall(QUOTES[key][1])
    # pypdf reads a right-to-left line in drawing order: the words come out in reverse order,
    # each word's letters in reading order (the logical text, not presentation forms).
    assert any(RTL_WORDS.findall(line) in (words, words[::-1]) for line in lines), lines


def test_arabic_letters_are_drawn_joined(voices_pdf):
    arabic = [codes for name, codes in _letter_codes(voices_pdf).items() if "Arabic" in name]
    assert arabic, "no Arabic font embedded"
    # Shaped text draws a letter in its initial, medial or final form: ل of المكتبة and الربيع
    # is one glyph where it starts a word's join and another where it sits inside one.
    joined = {letter for letter, codes in arabic[0].items() if len(codes) > 1}
    assert {"ل", "ب"} <= joined, arabic[0]


def test_a_script_without_a_font_is_refused_through_the_cli(tmp_path):
    db_path = tmp_path / "thai.sqlite"
    db = open_database(db_path)
    try:
        article_id = _article(db, THAI, {})
    finally:
        db.close()
    # A machine with DejaVu and no Thai font: the only folder searched holds DejaVu.
    only_dejavu = tmp_path / "fonts"
    only_dejavu.mkdir()
    for name in fonts.FAMILIES[0]:
        (only_dejavu / name).symlink_to(fonts.find_fonts().regular.parent / name)
    target = tmp_path / "thai.pdf"
    env = {**os.environ, "WORKBENCH_FONT_PATH": str(only_dejavu)}
    env.pop("WORKBENCH_FONT_DIR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--db",
            str(db_path),
            "export",
            str(article_id),
            "--format",
            "pdf",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr == (
        "workbench: This report has Thai text and no font for it is installed: install "
        "fonts-noto-core (sudo apt-get install fonts-noto-core) or set WORKBENCH_FONT_DIR to a "
        "folder holding NotoSansThai-Regular.ttf.\n"
    )
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


def test_missing_cjk_and_emoji_fonts_are_named_in_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_FONT_PATH", str(fonts.find_fonts().regular.parent))
    with pytest.raises(EnvironmentFault) as refused:
        fonts.plan_fonts({"": "“港の橋” 🎉", "B": "Quote #1"})
    assert str(refused.value) == (
        "This report has Chinese, Japanese or Korean text and emoji and no font for them is "
        "installed: install fonts-noto-cjk fonts-noto-color-emoji (sudo apt-get install "
        "fonts-noto-cjk fonts-noto-color-emoji) or set WORKBENCH_FONT_DIR to a folder holding "
        "NotoSansCJK-Regular.ttc and NotoColorEmoji.ttf."
    )


def test_a_latin_report_needs_no_other_font_and_no_shaping():
    plan = fonts.plan_fonts({"": "“Crème brûlée” — Ελένη, Павел ✓ ✗ ⇄", "B": "Quote #1"})
    assert plan.fonts == [] and not plan.shaping and not plan.fallback
    assert plan.base_range is None  # the base family draws everything, as before


def test_the_bundle_carries_the_fonts_for_every_script(voices, monkeypatch, tmp_path):
    """What packaging/workbench.spec copies into the bundle's resources/fonts is enough alone
    for the multi-script report (so the frozen app draws it on a machine without Noto)."""
    files, missing = fonts.bundle_files()
    assert missing == []
    bundle_fonts = tmp_path / "bundle-resources-fonts"
    bundle_fonts.mkdir()
    for path in files:
        (bundle_fonts / path.name).symlink_to(path)
    size = sum(path.stat().st_size for path in files)
    assert size < 60 * 2**20, f"{size / 2**20:.0f} MB of fonts in the bundle"
    monkeypatch.setenv("WORKBENCH_FONT_PATH", str(bundle_fonts))
    db, article_id = voices
    text = pdf_text(export.export_article(db, article_id, "pdf"))
    wanted = set(_squeezed("".join(q[1] for q in QUOTES.values())))
    assert wanted - set(text) == set()
