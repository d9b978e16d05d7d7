"""Cases met in US political wire copy (original snippets): party tags, titles, outlets, bills."""

from __future__ import annotations

from workbench.extraction import analyze_text


def _quotes(text):
    return [
        (q.text, q.kind, q.speaker.name if q.speaker else None) for q in analyze_text(text).quotes
    ]


def test_party_state_tag_is_not_the_speaker():
    text = 'Sen. Maria Delgado (D-Nev.) called the plan "a non-starter."'
    assert _quotes(text) == [("a non-starter.", "partial", "Maria Delgado")]


def test_place_in_an_aside_is_not_the_speaker():
    text = 'President Ellison, speaking at a stop in Pennsylvania, said: "I will sign it."'
    assert _quotes(text)[0][2] == "Ellison"


def test_lower_case_word_before_a_title():
    text = '"This is a disgrace," said state Rep. Alicia Barnes, a Democrat from Decatur.'
    quote = analyze_text(text).quotes[0]
    assert quote.speaker.name == "Alicia Barnes"
    assert quote.speaker.role == "a Democrat from Decatur"


def test_second_predicate_keeps_the_subject():
    text = 'Trump called the ruling "a disgrace" and vowed to "fight like hell."'
    assert _quotes(text) == [
        ("a disgrace", "partial", "Trump"),
        ("fight like hell.", "partial", "Trump"),
    ]


def test_title_of_a_show_or_a_bill_is_a_scare_quote():
    text = (
        '"It\'s time," McConnell told CNN\'s Jake Tapper on "State of the Union."\n'
        'The package, which Republicans have dubbed the "Secure Borders Act," passed.'
    )
    kinds = {q.text: q.kind for q in analyze_text(text).quotes}
    assert kinds == {
        "It's time,": "direct",
        "State of the Union.": "scare",
        "Secure Borders Act,": "scare",
    }


def test_outlet_of_a_named_interviewer_is_the_publication():
    text = "\"It's time,\" McConnell told CNN's Jake Tapper on Sunday."
    sources = {s.name: s.type for s in analyze_text(text).sources}
    assert sources == {"McConnell": "person", "CNN": "publication"}


def test_document_that_found_something_speaks():
    text = 'The report, released Tuesday by the audit office, found that the agency "lacked basic controls."'
    assert _quotes(text) == [("lacked basic controls.", "partial", "The report")]


def test_speaker_named_later_in_the_sentence():
    text = '"We have seen this movie before" - that was how Sen. Thom Vail summed it up.'
    assert _quotes(text)[0][2] == "Thom Vail"


def test_spokesperson_for_a_company():
    text = '"No comment," said a spokesperson for Meridian.'
    quote = analyze_text(text).quotes[0]
    assert quote.speaker.name == "a spokesperson for Meridian"
    assert not quote.speaker.anonymous


def test_according_to_does_not_swallow_the_sentence():
    text = (
        "For nearly an hour, according to three people who were in the room, he berated aides "
        'over what he called "the dumbest leak in history."'
    )
    quote = analyze_text(text).quotes[0]
    assert quote.kind == "partial"
    assert text[quote.speaker.start : quote.speaker.end] == "he"


def test_as_someone_put_it():
    text = "As Smith put it, “the money is gone.”"
    assert _quotes(text) == [("the money is gone.", "direct", "Smith")]


def test_headline_cue_without_an_article():
    text = "‘We will not back down,’ says defiant mayor\n\nThe mayor of Orrin spoke on Monday."
    quote = analyze_text(text).quotes[0]
    assert quote.text == "We will not back down,"
    assert text[quote.speaker.start : quote.speaker.end] == "defiant mayor"


def test_possessive_name_before_a_colon():
    text = "Okafor’s response was blunt: “No.”"
    quote = analyze_text(text).quotes[0]
    assert quote.speaker.name == "Okafor"
    assert text[quote.speaker.start : quote.speaker.end] == "Okafor"


def test_so_called_term_stays_a_scare_quote_whatever_follows():
    text = (
        "The inquiry will examine a so-called “rolling addendum” that allowed Verity Span "
        "Engineering to revise its bid after the rival offers had been opened and read aloud."
    )
    quote = analyze_text(text).quotes[0]
    assert (quote.kind, quote.speaker) == ("scare", None)


def test_coordinated_clause_has_its_own_subject():
    text = (
        "Buses have been rerouted through the old town, adding twenty minutes to some commutes, "
        "and the port authority says freight traffic has fallen by a fifth."
    )
    assert [c.source.name for c in analyze_text(text).claims] == ["the port authority"]


def test_fragment_after_a_relative_clause_is_the_clause_subjects():
    text = "The bill, which critics call “dangerous,” passed on Friday."
    quote = analyze_text(text).quotes[0]
    assert (quote.kind, text[quote.speaker.start : quote.speaker.end]) == ("partial", "critics")
    assert quote.speaker.anonymous


def test_dateline_is_not_a_speaker():
    text = "LAS VEGAS — A federal judge on Monday threw out the “honest services” counts."
    assert [(q.kind, q.speaker) for q in analyze_text(text).quotes] == [("scare", None)]


def test_german_single_low_quote_pair_as_a_term():
    text = "The ministry’s answer has been a so-called ‚bridge solution‘: a promise."
    assert [(q.text, q.kind) for q in analyze_text(text).quotes] == [("bridge solution", "scare")]


def test_passive_attribution_after_the_quote():
    text = (
        "The offer was described as “hush money with a payment schedule” by two people "
        "familiar with the talks, who said it had been withdrawn."
    )
    quote = analyze_text(text).quotes[0]
    assert quote.kind == "partial"
    assert quote.speaker.name == "two people familiar with the talks"
    assert quote.speaker.anonymous
    assert quote.cue.text == "described"


def test_pronoun_at_a_cue_prefers_the_person_being_quoted_over_one_named_since():
    text = (
        "\"They're coming after me because I'm fighting for you,\" Trump said.\n\n"
        "Trump spent much of the speech attacking President Joe Biden, whom he called "
        '"the worst president in history."\n\n'
        '"She\'s a disaster," he said of Harris.'
    )
    speakers = [q.speaker.name for q in analyze_text(text).quotes]
    assert speakers == ["Trump", "Trump", "Trump"]


def test_a_quotes_own_cue_is_not_also_a_claim():
    text = (
        'What they\'re saying: "We did our job," House Speaker Mike Dawson told reporters '
        "after the vote.\n\n"
        'Dawson, asked whether he would face a motion to vacate, said only, "I\'m not worried."'
    )
    analysis = analyze_text(text)
    assert [q.speaker.name for q in analysis.quotes] == ["Mike Dawson", "Mike Dawson"]
    assert analysis.claims == ()


def test_axios_style_speaker_lines():
    text = (
        '- Rep. Ana Flores (D-Texas): "This is a Band-Aid on a bullet wound."\n'
        '- Sen. Ron Pruitt, in a post on X: "Another punt. Unacceptable."\n'
    )
    assert [q.speaker.name for q in analyze_text(text).quotes] == ["Ana Flores", "Ron Pruitt"]


def test_feature_style_first_name_after_the_introduction():
    text = (
        "Maria Lopez, 34, a nurse, keeps bottled water by her door.\n\n"
        '"We stopped trusting the tap years ago," Maria says.'
    )
    quote = analyze_text(text).quotes[0]
    assert quote.speaker.name == "Maria Lopez"
    assert text[quote.speaker.start : quote.speaker.end] == "Maria"
