"""Primary sources as evidence: a passage linked to a quote, and unlinked, with its events."""

from __future__ import annotations

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.errors import UserError


def _import(db, quotes=THREE_QUOTES, **kwargs):
    article, analysis = make_article(quotes, **kwargs)
    return services.import_article(db, article=article, analysis=analysis, reviewer="Ada")


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
