"""Word (.docx, built with python-docx here) and OpenDocument (.odt, built by hand) readers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from qual_si.ingest import read_document


def _build_docx(path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL HEADER"
    section.footer.paragraphs[0].text = "Page footer text"
    document.add_paragraph("Interview with a trust CEO")
    document.add_paragraph("Interviewer: How many schools\tare there?")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Schools"
    table.cell(0, 1).text = "Nine"
    table.cell(1, 0).text = "Founded"
    table.cell(1, 1).text = "2012"
    answer = document.add_paragraph("Participant 1: Nine now.")
    answer.add_run().add_break(WD_BREAK.LINE)
    answer.add_run("We grew fast.")
    document.add_paragraph("Interviewer: Thanks.")
    document.save(str(path))


def test_docx_keeps_order_tables_tabs_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "ceo.docx"
    _build_docx(path)
    document = read_document(path)
    assert document.text == (
        "Interview with a trust CEO\n"
        "Interviewer: How many schools\tare there?\n"
        "Schools\tNine\n"
        "Founded\t2012\n"
        "Participant 1: Nine now.\nWe grew fast.\n"
        "Interviewer: Thanks."
    )
    assert "HEADER" not in document.text and "footer" not in document.text
    spoken = [(u.speaker, document.text[u.start : u.end]) for u in document.utterances]
    assert spoken == [
        ("Interviewer", "How many schools\tare there?\nSchools\tNine\nFounded\t2012"),
        ("Participant 1", "Nine now.\nWe grew fast."),
        ("Interviewer", "Thanks."),
    ]
    assert (document.source_format, document.encoding) == ("docx", None)


def test_docx_without_labels_gives_one_utterance_per_paragraph(tmp_path: Path) -> None:
    built = docx.Document()
    built.add_paragraph("The strategy has three strands.")
    built.add_paragraph("")
    built.add_paragraph("Each school chooses one.")
    path = tmp_path / "strategy.docx"
    built.save(str(path))
    document = read_document(path)
    assert [document.text[u.start : u.end] for u in document.utterances] == [
        "The strategy has three strands.",
        "Each school chooses one.",
    ]
    assert document.warnings == ["no speaker labels found"]


_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
<office:body><office:text>
<text:h>Focus group</text:h>
<text:p>Moderator: Who<text:s text:c="2"/>starts?<text:note><text:note-body><text:p>FOOTNOTE</text:p></text:note-body></text:note></text:p>
<table:table><table:table-row><table:table-cell><text:p>Size</text:p></table:table-cell><table:table-cell><text:p>4</text:p></table:table-cell></table:table-row></table:table>
<text:list><text:list-item><text:p>P1: <text:span>Me.</text:span><text:line-break/>Then<text:tab/>you.</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>"""


def test_odt_paragraphs_lists_tables_spaces_and_breaks(tmp_path: Path) -> None:
    path = tmp_path / "group.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", _ODT_CONTENT)
    document = read_document(path)
    assert document.text == "Focus group\nModerator: Who  starts?\nSize\t4\nP1: Me.\nThen\tyou."
    spoken = [(u.speaker, document.text[u.start : u.end]) for u in document.utterances]
    assert spoken == [("Moderator", "Who  starts?\nSize\t4"), ("P1", "Me.\nThen\tyou.")]
    assert document.source_format == "odt"
