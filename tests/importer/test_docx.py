"""Word files as Word writes them: a 目录 field in toc styles, heading styles, tracked changes."""

from __future__ import annotations

import os
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from plancraft.importer import import_into

W = nsdecls("w")


def _document(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("示范区“十四五”时期民政事业发展规划")
    for level in (1, 2):
        style = document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
    for text, level in (("规划背景\t1", 1), ("发展基础\t1", 2), ("主要任务\t3", 1)):
        document.add_paragraph(text, style=f"toc {level}")
    document.add_paragraph("规划背景", style="Heading 1")
    document.add_paragraph("发展基础", style="Heading 2")
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(f"<w:r {W}><w:t>救助体系更加完善</w:t></w:r>"))
    paragraph._p.append(
        parse_xml(
            f'<w:del {W} w:id="1" w:author="甲"><w:r><w:delText>，删去</w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {W} w:id="2" w:author="甲"><w:r><w:t>，覆盖全区。</w:t></w:r></w:ins>')
    )
    document.add_paragraph("主要任务", style="Heading 1")
    document.add_paragraph("完善救助", style="Heading 2")
    document.add_paragraph("落实政策。")
    document.save(str(path))
    return path


def test_a_word_toc_is_dropped_and_tracked_changes_are_accepted(tmp_path: Path) -> None:
    result, loaded = import_into(_document(tmp_path / "plan.docx"), tmp_path / "plans" / "demo")
    assert loaded is not None and loaded.ok, [str(d) for d in loaded.diagnostics.sorted()]
    assert [s.title for s in loaded.plan.outline[:2]] == ["规划背景", "【待填写：总体要求】"]
    assert [s.title for s in loaded.plan.outline[0].sections] == ["发展基础"]
    text = (tmp_path / "plans" / "demo" / "text" / "background.md").read_text(encoding="utf-8")
    assert "救助体系更加完善，覆盖全区。" in text and "删去" not in text
    messages = [d.message for d in result.diagnostics.warnings]
    assert any("目录 of 3 entries" in m for m in messages)
    assert any("the outline matches all 3 目录 entries" in m for m in messages)
    assert any("tracked changes taken as accepted" in m for m in messages)


def test_import_hands_python_docx_the_xml_parts_only(tmp_path: Path) -> None:
    """python-docx keeps every part in memory: four 60 MB images within every limit took import past
    300 MB. The images are checked (unpacked intact) and emptied; the XML is kept as it is."""
    import io
    import zipfile

    from plancraft.importer.docxsource import xml_only

    packed = io.BytesIO()
    parts = {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/_rels/document.xml.rels": b"<Relationships/>",
        "word/media/image1.png": os.urandom(2_000_000),
    }
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    with zipfile.ZipFile(io.BytesIO(xml_only(packed.getvalue()))) as package:
        kept = {info.filename: package.read(info) for info in package.infolist()}
    assert kept == parts | {"word/media/image1.png": b""}
