"""Every change is based on what its writer saw: quote versions, and stale changes refused.

Issue 11 case 2: window A marks #2 verified, window B (which saw the same version) marks it
misquoted; A's undo, made from the version A saw, must not silently turn B's verdict back.
"""

from __future__ import annotations

import json
import re

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import SpeakerRef, Status
from workbench.errors import StaleChange, UserError

CLOCK = r"\d\d:\d\d"  # the reader's local time of the change that came first


def _quotes(db):
    article, analysis = make_article(THREE_QUOTES)
    article_id = services.import_article(db, article=article, analysis=analysis).article_id
    return article_id, services.list_quotes(db, article_id=article_id)


def test_every_change_to_a_quote_gives_it_a_new_version(db):
    article_id, quotes = _quotes(db)
    quote = quotes[0]
    assert quote.version == 1
    marked = services.mark_status(db, quote_id=quote.id, status="verified", base_version=1)
    assert marked.quote.version == 2
    noted = services.edit_note(db, quote_id=quote.id, note="Checked", base_version=2)
    assert noted.version == 3
    corrected = services.correct_quote(
        db, quote_id=quote.id, speaker=SpeakerRef("Ilse Marr", -1, -1), base_version=3
    )
    assert corrected.version == 4
    document = services.attach_source_document(
        db, article_id=article_id, origin="notes.txt", text=f"She said: {quote.text}."
    )
    link = services.link_passage(
        db, quote_id=quote.id, source_id=document.id, start=10, end=10 + len(quote.text),
        base_version=4,
    )  # fmt: skip
    assert services.get_quote(db, quote_id=quote.id).version == 5
    services.unlink_passage(db, link_id=link.id, base_version=5)
    assert services.get_quote(db, quote_id=quote.id).version == 6
    # Other quotes of the article are untouched.
    assert [q.version for q in services.list_quotes(db, article_id=article_id)[1:]] == [1, 1]


def test_a_stale_undo_is_refused_with_who_changed_what_and_nothing_is_saved(db):
    article_id, quotes = _quotes(db)
    second = quotes[1]  # "#2"
    # Window A and window B both show version 1.
    a_marked = services.mark_status(
        db, quote_id=second.id, status="verified", reviewer="Ines Carvalho", base_version=1
    )
    with pytest.raises(StaleChange) as refused:  # B's mark, from the version B saw
        services.mark_status(
            db, quote_id=second.id, status="misquoted", reviewer="Ana Ferreira", base_version=1
        )
    assert re.fullmatch(
        rf"Ines Carvalho changed #2 to verified at {CLOCK}; your change to misquoted was not "
        r"saved\.",
        str(refused.value),
    )
    # B now sees A's verdict and marks from it; then A's undo (from the version A saw) comes.
    current = refused.value.current
    assert (current.status, current.version) == (Status.VERIFIED, a_marked.quote.version)
    services.mark_status(
        db, quote_id=second.id, status="misquoted", reviewer="Ana Ferreira",
        base_version=current.version,
    )  # fmt: skip
    events_before = services.list_events(db, article_id=article_id)
    with pytest.raises(StaleChange) as undo:
        services.mark_status(
            db, quote_id=second.id, status="unverified", reviewer="Ines Carvalho",
            base_version=a_marked.quote.version,
        )  # fmt: skip
    assert re.fullmatch(
        rf"Ana Ferreira changed #2 to misquoted at {CLOCK}; your change to unverified was "
        r"not saved\.",
        str(undo.value),
    )
    assert isinstance(undo.value, UserError) and undo.value.exit_status == 2
    assert undo.value.current.status is Status.MISQUOTED
    assert services.get_quote(db, quote_id=second.id).status is Status.MISQUOTED
    assert services.list_events(db, article_id=article_id) == events_before
    assert services.verify_audit(db).ok


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (lambda db, q, v: services.edit_note(db, quote_id=q, note="mine", base_version=v),
         "your change to the note"),
        (lambda db, q, v: services.correct_quote(
            db, quote_id=q, speaker=SpeakerRef("Odile Brest", -1, -1), base_version=v),
         "your change to the speaker"),
        (lambda db, q, v: services.correct_quote(db, quote_id=q, start=13, base_version=v),
         "your change to the words"),
        (lambda db, q, v: services.reject_quote(db, quote_id=q, base_version=v),
         "your rejection of it"),
    ],
)  # fmt: skip
def test_notes_speakers_spans_and_rejections_carry_the_version_too(db, change, sentence):
    _article_id, quotes = _quotes(db)
    quote = quotes[0]
    services.edit_note(db, quote_id=quote.id, note="Call the press office", reviewer="Bo Lindh")
    with pytest.raises(StaleChange, match=rf"^Bo Lindh changed the note on #1 at {CLOCK}; "):
        change(db, quote.id, 1)
    with pytest.raises(StaleChange, match=rf"; {sentence} was not saved\.$"):
        change(db, quote.id, 1)
    after = services.get_quote(db, quote_id=quote.id)
    assert (after.note, after.rejected, after.version) == ("Call the press office", False, 2)
    change(db, quote.id, 2)  # from the version it is at, the change goes through
    assert services.get_quote(db, quote_id=quote.id).version == 3


def test_a_link_from_a_stale_version_is_refused(db):
    article_id, quotes = _quotes(db)
    quote = quotes[0]
    document = services.attach_source_document(
        db, article_id=article_id, origin="minutes.txt", text=f"Minutes. {quote.text}."
    )
    services.mark_status(db, quote_id=quote.id, status="in_review", reviewer="Bo Lindh")
    with pytest.raises(StaleChange, match=r"changed #1 to in review at .*; your link was not"):
        services.link_quote(db, quote_id=quote.id, source_id=document.id, base_version=1)
    assert services.get_quote(db, quote_id=quote.id).links == ()


def test_mark_on_the_command_line_takes_a_base_version(workbench_cli, db_url):
    with services.open_review_database(db_url) as db:
        _article_id, quotes = _quotes(db)
    quote_id = str(quotes[1].id)

    def mark(*args: str):
        return workbench_cli("--db", db_url, "mark", quote_id, *args, "--reviewer", "Ana Ferreira")

    assert mark("verified", "--base-version", "1").returncode == 0
    stale = mark("misquoted", "--base-version", "1")
    assert stale.returncode == 2 and stale.stdout == ""
    assert re.fullmatch(
        rf"workbench: Ana Ferreira changed #2 to verified at {CLOCK}; your change to misquoted "
        r"was not saved\.\n",
        stale.stderr,
    )
    assert mark("misquoted").returncode == 0  # without one: against the current version
    listed = workbench_cli("--db", db_url, "quotes", "1", "--json")
    assert [q["version"] for q in json.loads(listed.stdout)] == [1, 3, 1]
