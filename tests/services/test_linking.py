"""The linking use cases the CLI and the window share: propose, accept, reject, pick another."""

from __future__ import annotations

import pytest

from workbench import services
from workbench.domain import Article
from workbench.errors import UserError
from workbench.sources.capture import capture_pasted
from workbench.storage import open_database

ARTICLE = (
    "Budget row at Millbrook\n\n"
    "“We will publish every inspection report in full,” said Priya Rasmussen.\n\n"
    "“The ring road is no place for children,” said Funmi Adeyemi.\n"
)
MINUTES = (
    "THE CHAIR: We will publish every inspection report in full. That is a promise.\n\n"
    "MS ADEYEMI: The ring road is no place for a child on foot.\n\n"
    "THE CHAIR: Later, we will publish every inspection report in time, I hope.\n"
)
LETTER = "Dear residents, the ring road is no place for children, and we know it.\n"


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "workbench.sqlite")
    try:
        yield database
    finally:
        database.close()


def _setup(db, *sources: str) -> tuple[int, list, list[int]]:
    article_id = services.import_article(db, article=Article(text=ARTICLE)).article_id
    quotes = services.list_quotes(db, article_id=article_id)
    ids = [
        services.add_source(db, article_id=article_id, snapshot=capture_pasted(text)).document.id
        for text in sources
    ]
    return article_id, quotes, ids


def test_proposals_accept_and_reject_with_audit_events(db):
    article_id, quotes, [minutes] = _setup(db, MINUTES)
    publish, _ring_road = quotes
    first, second = services.propose_links(db, article_id=article_id)
    assert first.quote_id == publish.id and first.source_id == minutes
    assert str(first.match.verdict) == "exact" and first.match.speaker == "THE CHAIR"
    later = MINUTES.index("we will publish every inspection report in time")
    assert [(c.source_id, c.start) for c in first.candidates] == [(minutes, later)]
    assert str(second.match.verdict) == "altered"
    assert [op.quote for op in second.match.diff if op.op != "equal"] == ["children"]

    # The reviewer refuses the proposal: an event, and the runner-up is proposed instead.
    event = services.reject_passage(
        db,
        quote_id=publish.id,
        source_id=minutes,
        start=first.match.start,
        end=first.match.end,
        score=first.match.score,
        verdict=str(first.match.verdict),
        note="said about another report",
        reviewer="Ada",
    )
    assert event.action == "link.rejected" and event.quote_id == publish.id
    again = services.propose_links(db, article_id=article_id)[0]
    assert again.match.start == later and str(again.match.verdict) == "altered"
    assert [(op.quote, op.source) for op in again.match.diff if op.op != "equal"] == [
        ("full", "time")
    ]

    # ... and picks it: the link is stored with its score and verdict and an event.
    outcome = services.accept_passage(
        db,
        quote_id=publish.id,
        source_id=minutes,
        start=again.match.start,
        end=again.match.end,
        reviewer="Ada",
    )
    assert outcome.created and outcome.link.verdict == "altered"
    assert outcome.link.start == later
    refreshed = services.propose_links(db, article_id=article_id)[0]
    assert refreshed.linked
    actions = [e.action for e in services.list_events(db, article_id=article_id)]
    assert actions[-3:] == ["source.attached", "link.rejected", "link.added"]
    assert services.verify_audit(db).ok


def test_withdrawn_rejection_is_proposed_again(db):
    article_id, quotes, [minutes] = _setup(db, MINUTES)
    publish = quotes[0]
    first = services.propose_links(db, article_id=article_id)[0]
    passage = dict(
        quote_id=publish.id, source_id=minutes, start=first.match.start, end=first.match.end
    )
    services.reject_passage(db, **passage, reviewer="Ada")
    assert services.propose_links(db, article_id=article_id)[0].match.start != first.match.start

    event = services.withdraw_rejection(db, **passage, reviewer="Ada")
    assert event.action == services.REJECTION_WITHDRAWN
    # The rejection stays on record, and the passage is proposed again.
    actions = [e.action for e in services.list_events(db, article_id=article_id)]
    assert actions[-2:] == ["link.rejected", services.REJECTION_WITHDRAWN]
    assert services.propose_links(db, article_id=article_id)[0].match.start == first.match.start
    assert services.verify_audit(db).ok


def test_scare_quotes_get_no_proposal(db):
    text = ARTICLE + "\nThe chair called it a so-called “ring road review” in passing.\n"
    article_id = services.import_article(db, article=Article(text=text)).article_id
    services.add_source(db, article_id=article_id, snapshot=capture_pasted(MINUTES))
    kinds = {q.id: q.kind for q in services.list_quotes(db, article_id=article_id)}
    assert "scare" in kinds.values()
    proposed = {p.quote_id for p in services.propose_links(db, article_id=article_id)}
    assert proposed == {qid for qid, kind in kinds.items() if kind != "scare"}


def test_best_passage_across_sources_and_exact_accepted(db):
    article_id, quotes, [minutes, letter] = _setup(db, MINUTES, LETTER)
    proposals = services.propose_links(db, article_id=article_id)
    ring_road = proposals[1]
    assert ring_road.source_id == letter and str(ring_road.match.verdict) == "exact"
    assert minutes in {c.source_id for c in ring_road.candidates}
    made = services.accept_exact_proposals(db, proposals=proposals, reviewer="Ada")
    assert sorted(link.quote_id for link in made) == sorted(q.id for q in quotes)
    # Running it again links nothing twice.
    again = services.propose_links(db, article_id=article_id)
    assert all(p.linked for p in again)
    assert services.accept_exact_proposals(db, proposals=again) == []
    assert services.verify_audit(db).ok


def test_link_below_threshold_attaches_nothing(db):
    article_id, quotes, [letter] = _setup(db, LETTER)
    events = len(services.list_events(db, article_id=article_id))
    outcome = services.link_quote(db, quote_id=quotes[0].id, source_id=letter)
    assert not outcome.linked and not outcome.match.found
    assert services.get_quote(db, quote_id=quotes[0].id).links == ()
    assert len(services.list_events(db, article_id=article_id)) == events


def test_a_passage_chosen_by_hand_is_scored_and_linked(db):
    _article_id, quotes, [minutes] = _setup(db, MINUTES)
    start = MINUTES.index("The ring road")
    end = MINUTES.index("on foot") + len("on foot")
    outcome = services.link_quote(
        db, quote_id=quotes[1].id, source_id=minutes, start=start, end=end
    )
    assert outcome.link is not None and outcome.link.verdict == "altered"
    assert (outcome.link.start, outcome.link.end) == (start, end)
    assert outcome.match.speaker == "MS ADEYEMI" and not outcome.match.speaker_mismatch
    with pytest.raises(UserError, match="not inside"):
        services.link_quote(db, quote_id=quotes[1].id, source_id=minutes, start=5, end=10**6)
    with pytest.raises(UserError, match="both"):
        services.link_quote(db, quote_id=quotes[1].id, source_id=minutes, start=5)


def test_a_source_of_another_article_cannot_be_linked(db):
    _article, quotes, _ids = _setup(db)
    _other, _quotes, [minutes] = _setup(db, MINUTES)
    with pytest.raises(UserError, match="not attached"):
        services.link_quote(db, quote_id=quotes[0].id, source_id=minutes)
    with pytest.raises(UserError, match="not attached"):
        services.link_passage(db, quote_id=quotes[0].id, source_id=minutes, start=0, end=5)


def test_the_old_api_still_attaches_and_links(db):
    article_id, quotes, _ids = _setup(db)
    document = services.attach_source_document(
        db, article_id=article_id, origin="minutes.txt", text=MINUTES, reviewer="Ada"
    )
    assert document.article_ids == (article_id,)
    link = services.link_passage(
        db, quote_id=quotes[0].id, source_id=document.id, start=12, end=58, verdict="exact"
    )
    same = services.link_passage(
        db, quote_id=quotes[0].id, source_id=document.id, start=12, end=58, verdict="exact"
    )
    assert same.id == link.id  # linking the same passage twice changes nothing
    assert [d.id for d in services.list_source_documents(db, article_id=article_id)] == [
        document.id
    ]
