"""Word drafts read as Word shows them: tracked changes accepted and counted, text boxes,
content controls, footnotes and endnotes in place, Strict Open XML and renamed main parts."""

from __future__ import annotations

import pytest
from docx_samples import (
    content_control,
    deleted,
    endnote_reference,
    footnote_reference,
    inserted,
    make_docx_bomb,
    make_word_package,
    paragraph,
    run,
    text_box,
)

from workbench.errors import UserError
from workbench.importing import article_from_bytes


def read(body: str, **options):
    return article_from_bytes(make_word_package(body, **options), filename="draft.docx")


def test_tracked_changes_are_accepted_and_the_article_says_how_many():
    body = (
        paragraph(run("This sentence has an "), inserted("inserted", 1), run(" word."))
        + paragraph(run("The council "), deleted("never ", 2), run("voted on Tuesday."))
        + f'<w:ins w:id="3" w:author="Desk">{paragraph(run("A whole paragraph was added."))}</w:ins>'
    )
    article = read(body)
    assert article.text == (
        "This sentence has an inserted word.\n\nThe council voted on Tuesday.\n\n"
        "A whole paragraph was added."
    )
    assert article.tracked_changes == 3
    assert article.notes == ("This draft has 3 tracked changes; the text shown accepts them.",)


def test_a_deleted_paragraph_mark_joins_the_two_paragraphs_as_word_does():
    marked = (
        '<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="Desk"/></w:rPr></w:pPr>'
        f"{run('The harbour will close ')}</w:p>"
    )
    article = read(marked + paragraph(run("for six weeks.")))
    assert article.text == "The harbour will close for six weeks."


def test_a_draft_without_changes_carries_no_note():
    article = read(paragraph(run("Nothing was changed here.")))
    assert article.notes == () and article.tracked_changes == 0


def test_text_boxes_and_content_controls_are_read_in_place_once():
    body = (
        content_control(paragraph(run("Standfirst: the quay closes.")))
        + paragraph(run("The chair spoke first."), text_box(paragraph(run("“Not a gamble.”"))))
        + paragraph(run("Then the union answered."))
    )
    article = read(body)
    assert article.text == (
        "Standfirst: the quay closes.\n\nThe chair spoke first.\n\n“Not a gamble.”\n\n"
        "Then the union answered."
    )


def test_footnotes_and_endnotes_follow_the_body_with_their_markers():
    body = paragraph(
        run("The survey found corroded piles."),
        footnote_reference(2),
        run(" Repairs start in May."),
        endnote_reference(5),
    )
    article = read(
        body,
        footnotes={2: "Survey of the north quay, 2025."},
        endnotes={5: "Figures from the port authority."},
    )
    assert article.text == (
        "The survey found corroded piles.[1] Repairs start in May.[i]\n\n"
        "[1] Survey of the north quay, 2025.\n\n[i] Figures from the port authority."
    )


def test_boxes_and_appended_notes_are_noted_for_the_reviewer():
    body = paragraph(
        run("The chair spoke first."),
        text_box(paragraph(run("“Not a gamble.”"))),
        footnote_reference(2),
        endnote_reference(5),
    )
    article = read(
        body,
        footnotes={2: "Survey of the north quay, 2025."},
        endnotes={5: "Figures from the port authority."},
    )
    assert article.notes == (
        "Its text box is read as a paragraph after the one it is anchored in.",
        "Its 1 footnote and 1 endnote follow the text, each marked where the text refers to it.",
    )


@pytest.mark.parametrize("strict", [False, True], ids=["transitional", "strict"])
def test_strict_open_xml_and_a_renamed_main_part_are_read(strict):
    data = make_word_package(
        paragraph(run("Read the way Word reads it.")), strict=strict, main_part="word/main.xml"
    )
    article = article_from_bytes(data, filename="renamed.docx")
    assert article.text == "Read the way Word reads it."
    assert article.media_type.endswith("wordprocessingml.document")


def test_text_after_an_entity_reference_is_kept():
    doctype = '<!DOCTYPE w:document [<!ENTITY desk "the news desk"><!ENTITY rsquo "’">]>'
    body = paragraph(run("Sent by &desk; and &rsquo;checked&rsquo; before noon."))
    article = read(body, doctype=doctype)
    assert "and ’checked’ before noon." in article.text


def test_a_decompression_bomb_is_refused_naming_the_limit():
    bomb = make_docx_bomb(inflated_megabytes=120)
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(UserError) as refused:
        article_from_bytes(bomb, filename="bomb.docx")
    assert "bomb.docx inflates to more than 100 MB of XML" in str(refused.value)


def test_deep_nesting_is_refused_naming_the_limit():
    nested = (
        "<w:sdt><w:sdtContent>" * 3000 + paragraph(run("deep")) + "</w:sdtContent></w:sdt>" * 3000
    )
    with pytest.raises(UserError, match=r"draft\.docx nests its XML more than 256 levels deep"):
        read(nested)
