"""PDF documents with Chinese text (入伙通知书, 面积补差结算单, 房产证签收表, 交接记录).

Built on reportlab with its built-in CID font ``STSong-Light`` (Adobe-GB1, encoded as UniGB-UCS2-H): the font is not
embedded but named, and every PDF reader ships it, so nothing is downloaded or vendored and the text stays text
(searchable, copyable, readable by a screen reader). See docs/adr/0006-pdf-and-national-calendar.md.

A ``Document`` is a list of sections; each section starts on a new page, so one builder makes the single notice and
the batch download of a hundred notices alike. Every string that reaches a paragraph goes through ``escape`` — a
customer named ``<font size=80>`` prints as typed.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
PDF_CONTENT_TYPE = "application/pdf"


@functools.cache
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _style(name: str, size: float, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=_font(), fontSize=size, leading=size * 1.5, wordWrap="CJK", **extra)


def text(value: Any) -> str:
    """A value as printed: blanks as —, money and areas as stored (no float), dates as YYYY-MM-DD."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime.datetime):
        # a signed document shows the local (project) time, never UTC
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def escape(value: Any) -> str:
    return _xml_escape(text(value)).replace("\n", "<br/>")


@dataclass
class Section:
    """One printed document (starts on its own page)."""

    title: str
    subtitle: str = ""
    flowables: list[Flowable] = field(default_factory=list)

    def paragraph(self, value: Any, *, size: float = 10.5, bold_label: str = "") -> Section:
        label = f"<b>{_xml_escape(bold_label)}</b>" if bold_label else ""
        self.flowables.append(Paragraph(label + escape(value), _style("p", size)))
        return self

    def heading(self, value: Any) -> Section:
        self.flowables.append(Spacer(1, 3 * mm))
        self.flowables.append(Paragraph(escape(value), _style("h", 12.5)))
        return self

    def fields(self, rows: Sequence[tuple[Any, Any]], *, columns: int = 2) -> Section:
        """Label/value pairs in a grid of ``columns`` pairs per line."""
        cells: list[list[Any]] = []
        line: list[Any] = []
        label_style, value_style = _style("l", 9.5, textColor=colors.HexColor("#606266")), _style("v", 10)
        for label, value in rows:
            line += [Paragraph(escape(label), label_style), Paragraph(escape(value), value_style)]
            if len(line) == columns * 2:
                cells.append(line)
                line = []
        if line:
            cells.append(line + [""] * (columns * 2 - len(line)))
        if not cells:
            return self
        width = (A4[0] - 40 * mm) / columns
        table = Table(cells, colWidths=[width * 0.36, width * 0.64] * columns)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        self.flowables.append(table)
        return self

    def table(
        self,
        header: Sequence[Any],
        rows: Sequence[Sequence[Any]],
        *,
        widths: Sequence[float] | None = None,
        total: Sequence[Any] | None = None,
        right_align: Sequence[int] = (),
    ) -> Section:
        """A ruled table; ``widths`` are fractions of the text width; ``right_align`` the columns of figures."""
        head_style, cell_style = _style("th", 9.5), _style("td", 9.5)
        number_style = _style("tn", 9.5, alignment=TA_RIGHT)
        data = [[Paragraph(escape(h), head_style) for h in header]]
        for row in [*rows, *([total] if total else [])]:
            data.append([Paragraph(escape(v), number_style if i in right_align else cell_style) for i, v in enumerate(row)])
        usable = A4[0] - 40 * mm
        col_widths = [usable * w for w in widths] if widths else None
        table = Table(data, colWidths=col_widths, repeatRows=1)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#909399")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f3f5")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        if total:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#fafafa")))
        table.setStyle(TableStyle(style))
        self.flowables.append(Spacer(1, 2 * mm))
        self.flowables.append(table)
        return self

    def signatures(self, parties: Sequence[tuple[Any, bytes | None]], *, date: Any = None) -> Section:
        """Signature lines: (party label, PNG/JPEG bytes of the signature or None for a blank line to sign by hand)."""
        cells = []
        for label, image in parties:
            mark: Any = "____________________"
            if image:
                mark = Image(io.BytesIO(image), width=40 * mm, height=16 * mm, kind="proportional")
            cells.append([Paragraph(escape(label) + "：", _style("sl", 10)), mark])
        if date is not None:
            cells.append([Paragraph("日期：", _style("sd", 10)), Paragraph(escape(date), _style("sv", 10))])
        table = Table(cells, colWidths=[30 * mm, 60 * mm], hAlign="RIGHT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
        self.flowables.append(Spacer(1, 6 * mm))
        self.flowables.append(KeepTogether([table]))
        return self

    def spacer(self, height_mm: float = 4) -> Section:
        self.flowables.append(Spacer(1, height_mm * mm))
        return self


@dataclass
class Document:
    """Sections printed one after another, each from a new page; ``build`` returns the PDF bytes."""

    title: str
    author: str = "安居 Anju"
    sections: list[Section] = field(default_factory=list)

    def section(self, title: str, subtitle: str = "") -> Section:
        section = Section(title=title, subtitle=subtitle)
        self.sections.append(section)
        return section

    def build(self) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=self.title,
            author=self.author,
            creator="Anju",
        )
        story: list[Flowable] = []
        title_style = _style("t", 17, alignment=TA_CENTER, spaceAfter=2 * mm)
        subtitle_style = _style("st", 9.5, alignment=TA_CENTER, textColor=colors.HexColor("#606266"), spaceAfter=4 * mm)
        for index, section in enumerate(self.sections or [Section(title=self.title)]):
            if index:
                story.append(PageBreak())
            story.append(Paragraph(escape(section.title), title_style))
            if section.subtitle:
                story.append(Paragraph(escape(section.subtitle), subtitle_style))
            story.extend(section.flowables)

        def footer(canvas: Any, document: Any) -> None:
            canvas.saveState()
            canvas.setFont(_font(), 8)
            canvas.setFillColor(colors.HexColor("#909399"))
            canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"第 {document.page} 页")
            canvas.restoreState()

        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """``inline`` opens in the browser's viewer (preview); otherwise a download. ``filename`` may be Chinese."""
    from urllib.parse import quote

    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    # Old clients read the ASCII name: "入伙通知书-RH2026001.pdf" → "anju-RH2026001.pdf", never "-RH2026001.pdf".
    kept = "".join(c for c in filename if c.isascii() and (c.isalnum() or c in "._-")).lstrip("._-")
    ascii_name = f"anju-{kept}" if kept and not kept.lower().startswith("pdf") else "anju-document.pdf"
    response["Content-Disposition"] = f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    response["Cache-Control"] = "no-store"  # notices carry names and amounts: no copy in a shared cache
    return response
