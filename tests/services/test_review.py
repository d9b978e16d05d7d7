"""Reviewing quotes: status, note, corrections, added and rejected quotes, each with its event."""

from __future__ import annotations

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import SpeakerRef, Status
from workbench.errors import UserError


def _import(db, quotes=THREE_QUOTES, **kwargs):
    article, analysis = make_article(quotes, **kwargs)
    return services.import_article(db, article=article, analysis=analysis, reviewer="Ada")


def test_mark_status_writes_status_note_and_event(db):
    result = _import(db)
    quote = services.list_quotes(db, article_id=result.article_id)[0]
    marked = services.mark_status(
        db, quote_id=quote.id, status="verified", note="Matches the minutes", reviewer="Ada"
    )
    assert marked.previous_status is Status.UNVERIFIED
    assert marked.quote.status is Status.VERIFIED and marked.quote.note == "Matches the minutes"
    assert marked.quote.changed_by == "Ada" and marked.event.reviewer == "Ada"
    again = services.get_quote(db, quote_id=quote.id)
    assert again.status is Status.VERIFIED and again.note == "Matches the minutes"
    events = services.list_events(db, article_id=result.article_id)
    assert [e.action for e in events] == ["article.imported", "quote.status"]
    assert events[1].from_state == {"status": "unverified", "note": None}
    assert events[1].to_state == {"status": "verified", "note": "Matches the minutes"}
    assert events[1].prev_hash == events[0].hash


@pytest.mark.parametrize("bad", ["approved", "", "VERIFIED!"])
def test_unknown_status_is_a_user_error_and_changes_nothing(db, bad):
    result = _import(db)
    quote = services.list_quotes(db, article_id=result.article_id)[0]
    with pytest.raises(UserError, match="not a status; use one of: unverified, in_review"):
        services.mark_status(db, quote_id=quote.id, status=bad)
    assert services.get_quote(db, quote_id=quote.id).status is Status.UNVERIFIED
    assert services.get_article(db, article_id=result.article_id).event_count == 1


def test_status_spelling_is_forgiving():
    assert services.parse_status("In-Review") is Status.IN_REVIEW


def test_unknown_ids_are_user_errors(db):
    with pytest.raises(UserError, match="no quote 99"):
        services.mark_status(db, quote_id=99, status="verified")
    with pytest.raises(UserError, match="no article 7"):
        services.list_quotes(db, article_id=7)
    with pytest.raises(UserError, match="no article 7"):
        services.get_article(db, article_id=7)


def test_reviewer_comes_from_settings_then_the_system(db, monkeypatch):
    from workbench.settings import set_reviewer

    result = _import(db)
    quote = services.list_quotes(db, article_id=result.article_id)[0]
    monkeypatch.setattr("getpass.getuser", lambda: "systemuser")
    assert services.mark_status(db, quote_id=quote.id, status="in_review").event.reviewer == (
        "systemuser"
    )
    set_reviewer("Grace Okafor")
    marked = services.mark_status(db, quote_id=quote.id, status="verified")
    assert marked.event.reviewer == "Grace Okafor"
    marked = services.mark_status(db, quote_id=quote.id, status="verified", reviewer="Lin")
    assert marked.event.reviewer == "Lin"


def test_note_edit_and_corrections_are_recorded(db):
    result = _import(db)
    first, second, third = services.list_quotes(db, article_id=result.article_id)
    services.edit_note(db, quote_id=first.id, note="Call the mayor's office", reviewer="Ada")
    corrected = services.correct_quote(
        db, quote_id=second.id, start=second.start + 4, kind="partial", reviewer="Ada"
    )
    assert corrected.text == "figures simply do not add up" and corrected.kind == "partial"
    article = services.get_article(db, article_id=result.article_id)
    assert article.text[corrected.start : corrected.end] == corrected.text
    recredited = services.correct_quote(
        db,
        quote_id=third.id,
        speaker=SpeakerRef(name="Tobias Renn", start=0, end=7),
        reviewer="Ada",
    )
    assert recredited.speaker is not None and recredited.speaker.name == "Tobias Renn"
    unchanged = services.correct_quote(db, quote_id=third.id, kind="direct")
    assert unchanged == recredited  # nothing changed, no event
    cleared = services.correct_quote(db, quote_id=third.id, speaker=None)
    assert cleared.speaker is None
    with pytest.raises(UserError, match="not inside the article"):
        services.correct_quote(db, quote_id=first.id, end=10_000)
    with pytest.raises(UserError, match="not a kind"):
        services.correct_quote(db, quote_id=first.id, kind="rumour")
    actions = [e.action for e in services.list_events(db, article_id=result.article_id)]
    assert actions == ["article.imported", "quote.note"] + ["quote.corrected"] * 3
    assert services.verify_audit(db).ok


def test_add_a_missed_quote_and_reject_a_false_one(db):
    result = _import(db)
    article = services.get_article(db, article_id=result.article_id)
    start = article.text.index("harbour levy")
    added = services.add_quote(
        db,
        article_id=result.article_id,
        start=start,
        end=start + len("harbour levy"),
        kind="scare",
        reviewer="Ada",
    )
    assert added.origin == "added" and added.text == "harbour levy" and added.number == 4
    rejected = services.reject_quote(db, quote_id=added.id, reason="not a quote", reviewer="Ada")
    assert rejected.rejected
    visible = services.list_quotes(db, article_id=result.article_id)
    assert added.id not in [q.id for q in visible]
    everything = services.list_quotes(db, article_id=result.article_id, include_rejected=True)
    assert added.id in [q.id for q in everything]  # soft state: nothing deleted
    with pytest.raises(UserError, match="rejected"):
        services.mark_status(db, quote_id=added.id, status="verified")
    with pytest.raises(UserError, match="already rejected"):
        services.reject_quote(db, quote_id=added.id)
    assert not services.restore_quote(db, quote_id=added.id).rejected
    assert services.list_articles(db)[0].quote_count == 4
    assert services.verify_audit(db).ok


def test_services_can_be_called_from_worker_threads(db):
    """The GUI runs services off its main thread; writers from threads are serialised too."""
    import threading

    result = _import(db)
    ids = [q.id for q in services.list_quotes(db, article_id=result.article_id)]
    errors: list[BaseException] = []

    def review(worker: int) -> None:
        try:
            for n in range(5):
                services.mark_status(
                    db, quote_id=ids[n % 3], status="in_review", reviewer=f"w{worker}"
                )
                services.list_articles(db)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=review, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert services.get_article(db, article_id=result.article_id).event_count == 16
    assert services.verify_audit(db).ok
