"""An article's sources and the registry of people they can point into."""

from __future__ import annotations

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.errors import UserError


def _import(db, quotes=THREE_QUOTES, **kwargs):
    article, analysis = make_article(quotes, **kwargs)
    return services.import_article(db, article=article, analysis=analysis, reviewer="Ada")


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
