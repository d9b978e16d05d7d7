"""Gold speakers from the annotated news corpora name a person, not the pronoun at the cue.

Both the relative-pronoun reading and the coreference-chain reading run here on our own
sentences and a CoreNLP-shaped file we wrote; the corpora themselves are never in the tests.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.coreference import corenlp_chains, relative_antecedent, resolve_speaker
from evaluation.names import speaker_is_right
from evaluation.real_news import Attribution, gold_from_attributions

TEXT = "Mayor Edda Marsh, who chairs the board, said it was “a steady plan.” He agreed."


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def test_a_relative_pronoun_stands_for_the_phrase_before_it():
    assert relative_antecedent(TEXT, TEXT.index("who")) == "Mayor Edda Marsh"
    assert relative_antecedent("“Yes.” Who knows?", 7) is None


def test_a_gold_who_is_judged_by_its_persons_surname():
    who = at("who")
    plan = at("a steady plan.")
    attribution = Attribution(((plan[0] - 1, plan[1] + 1),), who, "who")
    gold = gold_from_attributions("example", TEXT, [attribution], Path("example.ann"))
    (quote,) = gold.quotes
    assert quote.speaker == "Mayor Edda Marsh" and quote.mention == "who"
    marsh = {"name": "Edda Marsh", "start": 6, "end": 16}
    assert speaker_is_right(quote, marsh)  # the right person at another mention
    assert not speaker_is_right(quote, {"name": "Ivo Harlow", "start": 0, "end": 3})


def _token(index: int, word: str, start: int, pos: str, entity: str) -> str:
    return (
        f'<token id="{index}"><word>{word}</word><lemma>{word}</lemma>'
        f"<CharacterOffsetBegin>{start}</CharacterOffsetBegin>"
        f"<CharacterOffsetEnd>{start + len(word)}</CharacterOffsetEnd>"
        f"<POS>{pos}</POS><NER>{entity}</NER></token>"
    )


def _mention(sentence: int, start: int, end: int, head: int) -> str:
    return (
        f"<mention><sentence>{sentence}</sentence><start>{start}</start><end>{end}</end>"
        f"<head>{head}</head><text>x</text></mention>"
    )


def _corenlp(text: str, chains: list[list[tuple[int, int, int, int]]]) -> str:
    edda, marsh, he = text.index("Edda"), text.index("Marsh"), text.index("He")
    ivo = text.find("Ivo")
    sentences = (
        '<sentences><sentence id="1"><tokens>'
        + _token(1, "Mayor", 0, "NNP", "O")
        + _token(2, "Edda", edda, "NNP", "PERSON")
        + _token(3, "Marsh", marsh, "NNP", "PERSON")
        + '</tokens></sentence><sentence id="2"><tokens>'
        + _token(1, "He", he, "PRP", "O")
        + (_token(2, "Ivo", ivo, "NNP", "PERSON") if ivo >= 0 else "")
        + "</tokens></sentence></sentences>"
    )
    body = "".join(
        "<coreference>" + "".join(_mention(*m) for m in chain) + "</coreference>"
        for chain in chains
    )
    return f"<root>{sentences}<coreference>{body}</coreference></root>"


def test_a_pronoun_takes_the_one_person_its_chain_names():
    xml = _corenlp(TEXT, [[(1, 2, 4, 3), (2, 1, 2, 1)]])
    chains = corenlp_chains(xml, TEXT)
    he = at("He")
    assert resolve_speaker(TEXT, "He", *he, chains) == "Edda Marsh"


def test_a_chain_that_names_two_people_resolves_nothing():
    text = TEXT + " Ivo"
    xml = _corenlp(text, [[(1, 2, 4, 3), (2, 1, 2, 1), (2, 2, 3, 2)]])
    he = (text.index("He"), text.index("He") + 2)
    assert resolve_speaker(text, "He", *he, corenlp_chains(xml, text)) is None


def test_without_chains_a_pronoun_keeps_its_own_text():
    he = at("He")
    assert resolve_speaker(TEXT, "He", *he, None) is None


def test_a_long_annotated_span_names_the_person_in_its_appositive():
    text = "Die Sprecherin der Stadtwerke, Edda Marsh (SPD), nannte den Plan „solide“."
    source = (0, text.index(" nannte"))
    fragment = text.index("solide")
    attribution = Attribution(((fragment - 1, fragment + 7),), source, text[source[0] : source[1]])
    (quote,) = gold_from_attributions("beispiel", text, [attribution], Path("b.json")).quotes
    assert quote.speaker == "Edda Marsh"
    assert speaker_is_right(quote, {"name": "Marsh", "start": 90, "end": 95})


def test_marks_pair_across_the_article_not_inside_one_content():
    """The closing “ of a German „…“ right before an indirect report opens nothing."""
    text = "Lind sagte: „Wir bleiben.“ Die Lage sei ernst. „Aber wir halten durch.“"
    report = text.index("Die Lage")
    attributions = [
        Attribution(((report, text.index(" „Aber")),), (0, 4), "Lind"),
        Attribution(((text.index("Aber"), len(text) - 1),), (0, 4), "Lind"),
    ]
    gold = gold_from_attributions("beispiel", text, attributions, Path("b.json"))
    assert [q.text for q in gold.quotes] == ["Aber wir halten durch."]
