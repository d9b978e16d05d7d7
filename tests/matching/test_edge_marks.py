"""A matched passage keeps the symbols the quote opens or closes with when the source has them."""

from __future__ import annotations

from workbench.matching import locate_quote

SOURCE = "The form said: <script>alert(1)</script> is what it printed back at us. Then (sic) more."


def test_leading_angle_bracket_is_part_of_the_passage():
    match = locate_quote(SOURCE, "<script>alert(1)</script> is what it printed back at us,")
    assert match.passage == "<script>alert(1)</script> is what it printed back at us"
    assert str(match.verdict) == "exact"


def test_closing_parenthesis_is_part_of_the_passage():
    match = locate_quote(SOURCE, "Then (sic)")
    assert SOURCE[match.start : match.end] == "Then (sic)"


def test_a_symbol_the_source_lacks_is_not_taken_in():
    match = locate_quote(SOURCE, "(The form said")
    assert match.passage == "The form said"
