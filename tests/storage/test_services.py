"""The review use cases: import, list, mark, notes, corrections, links — and plain data out."""

from __future__ import annotations

import dataclasses

import pytest
from storage_helpers import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import SpeakerRef, Status
from workbench.errors import UserError
from workbench.storage.records import ArticleSummary, QuoteRecord


def _import(db, quotes=THREE_QUOTES, **kwargs):
    article, analysis = make_article(quotes, **kwargs)
    return services.import_article(db, article=article, analysis=analysis, reviewer="Ada")


def test_import_stores_quotes_as_unverified_plain_records(db):
    result = _import(db)
    assert result.quote_count == 3
    quotes = services.list_quotes(db, article_id=result.article_id)
    assert [q.text for q in quotes] == [q for q, _ in THREE_QUOTES]
    assert {q.status for q in quotes} == {Status.UNVERIFIED}
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Mara Quill"
    for quote in quotes:
        assert type(quote) is QuoteRecord and dataclasses.is_dataclass(quote)
        with pytest.raises(dataclasses.FrozenInstanceError):
            quote.status = Status.VERIFIED  # type: ignore[misc]
    article = services.get_article(db, article_id=result.article_id)
    assert article.title == "Council votes" and article.imported_by == "Ada"
    assert article.event_count == 1
    assert services.verify_audit(db).ok


def test_articles_list_review_progress(db):
    first = _import(db)
    _import(db, title="Second story")
    quotes = services.list_quotes(db, article_id=first.article_id)
    services.mark_status(db, quote_id=quotes[0].id, status="verified", reviewer="Ada")
    services.mark_status(db, quote_id=quotes[1].id, status="in_review", reviewer="Ada")
    summaries = services.list_articles(db)
    assert all(type(s) is ArticleSummary for s in summaries)
    assert [s.title for s in summaries] == ["Council votes", "Second story"]
    assert summaries[0].quote_count == 3 and summaries[0].reviewed == 1
    assert summaries[0].to_dict()["statuses"]["in_review"] == 1
    assert summaries[1].reviewed == 0


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


def test_link_and_unlink_a_passage(db):
    result = _import(db)
    quote = services.list_quotes(db, article_id=result.article_id)[0]
    document = services.attach_source_document(
        db,
        article_id=result.article_id,
        origin="minutes.txt",
        text="MAYOR QUILL: We will not raise the harbour levy this year.",
        reviewer="Ada",
    )
    assert len(document.sha256) == 64
    link = services.link_passage(
        db,
        quote_id=quote.id,
        source_id=document.id,
        start=13,
        end=57,
        score=100.0,
        verdict="exact",
        reviewer="Ada",
    )
    listed = services.get_quote(db, quote_id=quote.id)
    assert [(x.source_id, x.start, x.end, x.verdict) for x in listed.links] == [
        (document.id, 13, 57, "exact")
    ]
    assert listed.to_dict()["links"][0]["score"] == 100.0
    with pytest.raises(UserError, match="not inside primary source"):
        services.link_passage(db, quote_id=quote.id, source_id=document.id, start=0, end=999)
    with pytest.raises(UserError, match="no primary source 42"):
        services.link_passage(db, quote_id=quote.id, source_id=42, start=0, end=1)
    services.unlink_passage(db, link_id=link.id, reviewer="Ada")
    assert services.get_quote(db, quote_id=quote.id).links == ()
    with pytest.raises(UserError, match="no link"):
        services.unlink_passage(db, link_id=link.id)
    assert services.verify_audit(db).ok


def test_empty_article_is_refused(db):
    from workbench.domain import Analysis, Article

    with pytest.raises(UserError, match="no text"):
        services.import_article(db, article=Article(text="  \n"), analysis=Analysis(3))


def test_sources_are_stored_and_can_point_into_the_person_registry(db):
    from workbench.domain import Analysis, DetectedSource, SourceType

    article, analysis = make_article(THREE_QUOTES)
    analysis = Analysis(
        text_length=analysis.text_length,
        quotes=analysis.quotes,
        sources=(
            DetectedSource("Mara Quill", SourceType.PERSON, False, ((60, 70),), (1, 3)),
            DetectedSource("Tobias Renn", SourceType.PERSON, False, quote_ids=(2,)),
        ),
    )
    first = services.import_article(db, article=article, analysis=analysis).article_id
    second = services.import_article(db, article=article, analysis=analysis).article_id
    sources = services.list_sources(db, article_id=first)
    assert [(s.name, s.mentions) for s in sources] == [
        ("Mara Quill", ((60, 70),)),
        ("Tobias Renn", ()),
    ]
    quill_elsewhere = services.list_sources(db, article_id=second)[0]
    for source in (sources[0], quill_elsewhere):
        linked = services.link_source_to_person(db, source_id=source.id, person_name="Mara Quill")
        assert linked.person_id is not None
    (person,) = services.list_people(db)
    assert person.name == "Mara Quill"
    assert {
        s.person_id for s in (services.list_sources(db, article_id=a)[0] for a in (first, second))
    } == {person.id}
    services.link_source_to_person(db, source_id=sources[0].id, person_name=None)
    assert services.list_sources(db, article_id=first)[0].person_id is None
    with pytest.raises(UserError, match="no source 999"):
        services.link_source_to_person(db, source_id=999, person_name="X")
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
