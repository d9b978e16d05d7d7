"""Sources and indirect claims, one test per hard case: people, organisations, documents,
publications known only from context, anonymous sources, and claims that are never quotes.

Every snippet is original (fictional people, places and outlets).
"""

from __future__ import annotations

from workbench.domain import Analysis, DetectedSource, SourceType
from workbench.extraction import analyze_text


def quoted(text: str, analysis: Analysis) -> list[str]:
    return [text[q.start : q.end] for q in analysis.quotes]


def source(analysis: Analysis, name: str) -> DetectedSource:
    found = [s for s in analysis.sources if s.name == name]
    assert found, f"no source {name!r} among {[s.name for s in analysis.sources]}"
    assert len(found) == 1, f"source {name!r} listed {len(found)} times"
    return found[0]


def mentions(text: str, item: DetectedSource) -> list[str]:
    return [text[start:end] for start, end in item.mentions]


# --- Who is a source --------------------------------------------------------------------------


def test_person_source_collects_its_quotes_claims_and_mentions() -> None:
    text = (
        "Helen Quell, the mayor, said the bridge was safe. "
        "“We inspected every cable,” she said, “twice.”"
    )
    analysis = analyze_text(text)
    assert [s.name for s in analysis.sources] == ["Helen Quell"]
    helen = source(analysis, "Helen Quell")
    assert helen.type is SourceType.PERSON
    assert helen.anonymous is False
    assert helen.quote_ids == (1, 2)
    assert helen.claim_count == 1
    assert mentions(text, helen)[0] == "Helen Quell"


def test_organisation_as_speaker() -> None:
    text = "“The pier will close,” the Harbour Authority said on Tuesday."
    analysis = analyze_text(text)
    authority = source(analysis, "the Harbour Authority")
    assert authority.type is SourceType.ORGANIZATION
    assert authority.anonymous is False
    assert authority.quote_ids == (1,)


def test_company_named_for_its_trade_is_an_organisation() -> None:
    text = "“We have done nothing wrong,” Harlow Mining said in a statement."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We have done nothing wrong,"]
    company = source(analysis, "Harlow Mining")
    assert company.type is SourceType.ORGANIZATION
    assert company.quote_ids == (1,)


def test_document_as_speaker_is_a_source() -> None:
    text = (
        "The state auditor’s report found that the fund had no controls. "
        "“The fund has been run without oversight for a decade,” the report said."
    )
    analysis = analyze_text(text)
    report = source(analysis, "The state auditor’s report")
    assert report.type is SourceType.PUBLICATION
    assert report.anonymous is False
    assert report.quote_ids == (1,)
    assert report.claim_count == 1
    assert "the report" in mentions(text, report)


def test_social_media_post_as_speaker_is_a_source() -> None:
    text = (
        "The post was deleted within an hour. “Nobody at the mill will lose a job,” the post read."
    )
    analysis = analyze_text(text)
    post = source(analysis, "the post")
    assert post.type is SourceType.PUBLICATION
    assert post.quote_ids == (1,)


def test_publication_recognised_from_told() -> None:
    text = "“We will appeal,” Tomas Brindle told the Harbour Ledger."
    analysis = analyze_text(text)
    assert source(analysis, "Tomas Brindle").quote_ids == (1,)
    outlets = [s for s in analysis.sources if s.name.removeprefix("the ") == "Harbour Ledger"]
    assert len(outlets) == 1, [s.name for s in analysis.sources]
    (ledger,) = outlets
    assert ledger.type is SourceType.PUBLICATION
    assert ledger.anonymous is False
    assert ledger.quote_ids == ()
    assert mentions(text, ledger)[-1].endswith("Harbour Ledger")


def test_publication_recognised_from_according_to() -> None:
    text = "According to Northwind Radio, the pier will close on Friday."
    analysis = analyze_text(text)
    assert analysis.quotes == ()
    (claim,) = analysis.claims
    assert claim.text == "the pier will close on Friday."
    assert claim.source.name == "Northwind Radio"
    assert text[claim.source.start : claim.source.end] == "Northwind Radio"
    assert claim.cue.text == "According to"
    radio = source(analysis, "Northwind Radio")
    assert radio.type is SourceType.PUBLICATION
    assert radio.claim_count == 1
    assert mentions(text, radio) == ["Northwind Radio"]


# --- Anonymous sources ------------------------------------------------------------------------


def test_senior_official_on_condition_of_anonymity_is_anonymous() -> None:
    text = (
        "“The figures were never checked,” said a senior official who spoke on condition "
        "of anonymity. “Nobody asked,” the official added."
    )
    analysis = analyze_text(text)
    name = "a senior official who spoke on condition of anonymity"
    for quote in analysis.quotes:
        assert quote.speaker is not None
        assert quote.speaker.name == name
        assert quote.speaker.anonymous is True
    first, second = analysis.quotes
    assert text[first.speaker.start : first.speaker.end] == "a senior official"
    assert text[second.speaker.start : second.speaker.end] == "the official"
    official = source(analysis, name)
    assert official.type is SourceType.ANONYMOUS
    assert official.anonymous is True
    assert official.quote_ids == (1, 2)


def test_two_people_familiar_with_the_matter_are_anonymous() -> None:
    text = "“The figures were never checked,” said two people familiar with the matter."
    analysis = analyze_text(text)
    (quote,) = analysis.quotes
    assert quote.speaker is not None
    assert quote.speaker.name == "two people familiar with the matter"
    assert quote.speaker.anonymous is True
    people = source(analysis, "two people familiar with the matter")
    assert people.type is SourceType.ANONYMOUS
    assert people.quote_ids == (1,)


def test_five_sources_who_spoke_to_an_outlet_are_anonymous() -> None:
    text = "According to five sources who spoke to the Courier, the deal collapsed on Friday."
    analysis = analyze_text(text)
    assert analysis.quotes == ()
    (claim,) = analysis.claims
    assert claim.text == "the deal collapsed on Friday."
    assert claim.source.name == "five sources who spoke to the Courier"
    assert claim.source.anonymous is True
    assert claim.cue.text == "According to"
    five = source(analysis, "five sources who spoke to the Courier")
    assert five.type is SourceType.ANONYMOUS
    assert five.anonymous is True
    assert five.claim_count == 1


def test_some_officials_are_anonymous() -> None:
    text = "Some officials said the deal had collapsed."
    analysis = analyze_text(text)
    (claim,) = analysis.claims
    assert claim.text == "the deal had collapsed"
    assert claim.source.name == "Some officials"
    assert text[claim.source.start : claim.source.end] == "Some officials"
    assert claim.source.anonymous is True
    assert claim.cue.text == "said"
    officials = source(analysis, "Some officials")
    assert officials.type is SourceType.ANONYMOUS
    assert officials.anonymous is True


def test_one_of_the_anonymous_sources_quoted_is_anonymous() -> None:
    text = (
        "Five sources who spoke to the Courier said the mine would shut. "
        "“It is over,” one of them said."
    )
    analysis = analyze_text(text)
    (quote,) = analysis.quotes
    assert quote.speaker is not None
    assert text[quote.speaker.start : quote.speaker.end] == "one of them"
    assert quote.speaker.anonymous is True
    credited = [s for s in analysis.sources if 1 in s.quote_ids]
    assert len(credited) == 1 and credited[0].type is SourceType.ANONYMOUS


# --- Indirect attributions are claims, never quotes -------------------------------------------


def test_said_that_is_a_claim_not_a_quote() -> None:
    text = "The Harbour Authority said in a statement that the pier would close."
    analysis = analyze_text(text)
    assert analysis.quotes == ()
    (claim,) = analysis.claims
    assert claim.text == "the pier would close"
    assert claim.source.name == "The Harbour Authority"
    assert claim.cue.text == "said"
    assert text[claim.cue.start : claim.cue.end] == "said"
    assert source(analysis, "The Harbour Authority").claim_count == 1


def test_reported_that_credits_the_outlet() -> None:
    text = "Northwind Radio reported that the pier would close."
    analysis = analyze_text(text)
    assert analysis.quotes == ()
    (claim,) = analysis.claims
    assert claim.text == "the pier would close"
    assert claim.source.name == "Northwind Radio"
    assert claim.cue.text == "reported"
    assert source(analysis, "Northwind Radio").type is SourceType.PUBLICATION


def test_claim_source_resolves_a_pronoun() -> None:
    text = (
        "“We test the water weekly,” Ada Morrow said. "
        "She called the old rules “a relic” and said they would go."
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We test the water weekly,", "a relic"]
    (claim,) = analysis.claims
    assert claim.text == "they would go"
    assert claim.source.name == "Ada Morrow"
    assert text[claim.source.start : claim.source.end] == "She"
    ada = source(analysis, "Ada Morrow")
    assert ada.quote_ids == (1, 2)
    assert ada.claim_count == 1


# --- The CONTRACT's shape ---------------------------------------------------------------------


def test_to_dict_has_the_contract_keys() -> None:
    text = (
        "According to Northwind Radio, the levy will pass. "
        "“We are ready,” said Mara Quell, the mayor, “but not yet.”"
    )
    data = analyze_text(text).to_dict()
    assert set(data) == {"text_length", "language", "quotes", "claims", "sources"}
    assert data["text_length"] == len(text)
    assert len(data["quotes"]) == 2
    for quote in data["quotes"]:
        assert set(quote) == {
            "id",
            "start",
            "end",
            "text",
            "kind",
            "part_of",
            "speaker",
            "cue",
            "confidence",
        }
        assert quote["kind"] in ("direct", "partial", "scare")
        assert quote["text"] == text[quote["start"] : quote["end"]]
        assert set(quote["speaker"]) == {"name", "start", "end", "anonymous", "role"}
        assert set(quote["cue"]) == {"text", "start", "end"}
        assert isinstance(quote["confidence"], float)
    assert [q["part_of"] for q in data["quotes"]] == [None, 1]
    assert data["quotes"][0]["speaker"]["role"] == "the mayor"
    (claim,) = data["claims"]
    assert set(claim) == {"start", "end", "text", "source", "cue"}
    assert set(claim["source"]) == {"name", "start", "end", "anonymous"}
    assert set(claim["cue"]) == {"text", "start", "end"}
    for item in data["sources"]:
        assert set(item) == {"name", "type", "anonymous", "mentions", "quote_ids", "claim_count"}
        assert item["type"] in ("person", "organization", "publication", "anonymous")
        assert all(isinstance(m, list) and len(m) == 2 for m in item["mentions"])
    by_name = {item["name"]: item for item in data["sources"]}
    assert by_name["Northwind Radio"]["type"] == "publication"
    assert by_name["Mara Quell"]["quote_ids"] == [1, 2]
