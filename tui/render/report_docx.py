"""A report draft as a Word document (python-docx), laid out as Party documents are (GB/T 9704).

Real heading styles, so Word and WPS can build a 目录 from them; 仿宋_GB2312
三号 for the body, 黑体 for first-level headings, 楷体_GB2312 for the second,
a 小标宋 title. Chinese fonts are named in w:eastAsia (python-docx sets only the
Latin names), with Times New Roman for Latin text. A machine without these
fonts substitutes: the document's font table names the common fallback of
each (仿宋, 楷体, 宋体) with the GB2312 character set, which Word and WPS use to
pick a replacement. Blanks to fill are highlighted; each figure's 〔n〕 is
superscript and points at the 数据来源 appendix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checklists.draft import Blank, Draft, Ref, Segment
from checklists.text import visible

from .report_md import notice, source_text

BODY = "仿宋_GB2312"
HEADING = "黑体"
SUBHEADING = "楷体_GB2312"
TITLE = "方正小标宋简体"
LATIN = "Times New Roman"
# (font, what to use where it is missing): written into the font table as w:altName.
FALLBACKS = {BODY: "仿宋", SUBHEADING: "楷体", TITLE: "宋体", HEADING: "SimHei"}
SIZE_BODY = 16  # 三号
SIZE_TITLE = 22  # 二号
SIZE_SMALL = 12  # 小四: the notice and the appendix
LINE = 28.95  # 22 lines to a page, as GB/T 9704 sets them


def _fonts(element: Any, name: str) -> None:
    """Name ``name`` for East Asian text and Times New Roman for Latin, dropping theme fonts that would win."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _style(document: Any, style_name: str, font: str, size: float, *, bold: bool = False,
           centred: bool = False, indent: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style = document.styles[style_name]
    _fonts(style.element, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(LINE, size * 1.3))
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    if centred:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ppr = style.element.pPr
    border = ppr.find(qn("w:pBdr")) if ppr is not None else None
    if border is not None:  # the template's Title is underlined with a rule; a Party document's is not
        ppr.remove(border)


def _font_table_as_xml() -> None:
    """Have python-docx parse the font table, so it can be edited through the part's public ``element``.

    python-docx registers no part class of its own for the font table and
    keeps it as bytes; PartFactory.part_type_for is its documented way to
    choose a part's class by content type. Set before a document is opened,
    for this process: XmlPart writes the table back exactly as it parsed it.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory, XmlPart

    PartFactory.part_type_for.setdefault(CT.WML_FONT_TABLE, XmlPart)


def _font_table(document: Any) -> None:
    """Tell Word and WPS what to use where a Chinese font is missing (see the module notes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from lxml import etree

    part = document.part.part_related_by(RT.FONT_TABLE)
    if not isinstance(part, XmlPart):  # another class chosen for it elsewhere: leave it as it is
        return
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = part.element
    for name, alternative in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alternative})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "modern"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "fixed"})


def _page(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    # python-docx has no public way to a paragraph's XML; the footer part's root (<w:ftr>) is public, and
    # the paragraph above is its first <w:p>.
    section.footer.part.element.xpath("./w:p")[0].append(field)
    footer.add_run(" —")


def _runs(paragraph: Any, parts: list[Segment]) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for seg in parts:
        if isinstance(seg, Ref):
            paragraph.add_run(f"〔{seg.ref}〕").font.superscript = True
        elif isinstance(seg, Blank):
            _text(paragraph, seg.text).font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            _text(paragraph, seg.text)


def _text(paragraph: Any, text: str) -> Any:
    """A run of text as people see it elsewhere: stored control characters written out (XML cannot hold them)."""
    return paragraph.add_run(visible(text, multiline=False))


def write_docx(draft: Draft, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    _font_table_as_xml()
    document = Document()
    _style(document, "Normal", BODY, SIZE_BODY, indent=True)
    _style(document, "Title", TITLE, SIZE_TITLE, centred=True)
    _style(document, "Heading 1", HEADING, SIZE_BODY, indent=True)
    _style(document, "Heading 2", SUBHEADING, SIZE_BODY, indent=True)
    _font_table(document)
    _page(document)
    document.core_properties.title = visible(draft.title, multiline=False)
    document.core_properties.author = draft.provenance.account
    document.add_heading(visible(draft.title, multiline=False), 0)
    _text(document.add_paragraph(), notice(draft)).font.size = Pt(SIZE_SMALL)
    for parts in draft.intro:
        _runs(document.add_paragraph(), parts)
    for section in draft.sections:
        document.add_heading(visible(section.heading, multiline=False), 1)
        listed = 0
        for block in section.blocks:
            paragraph = document.add_paragraph()
            if block.listed:
                listed += 1
                paragraph.add_run(f"{listed}. ")
            _runs(paragraph, block.parts)
    document.add_heading("附录：数据来源", 1)
    for n, source in enumerate(draft.sources, 1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _text(paragraph, source_text(n, source, draft.provenance.year)).font.size = Pt(SIZE_SMALL)
    document.save(str(path))
