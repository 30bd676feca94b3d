"""The police cooperation letter (协查函) as PDF, from an editable template.

The layout (red letterhead, reference number, person table with photo,
signature block) is code; the wording is a Jinja2 text template that a
deployment can replace, because provinces and police units expect different
phrasing. Templates run in Jinja2's sandbox with strict undefined names, so
a typo in a placeholder is a clear error, not a silently blank field.
"""
from __future__ import annotations

import io
import re
from datetime import date
from xml.sax.saxutils import escape

import jinja2
import jinja2.sandbox
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, Image as RLImage, KeepTogether, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

from .content import ContentError, PoliceRequestContent, format_date
from .fonts import register_pdf_font
from .poster import draw_bold
from .render import TEMPLATE_DIR, load_photo

RED = colors.HexColor("#c00000")
INK = colors.HexColor("#1a1a1a")
GRID = colors.HexColor("#8a8f98")

KIND_DETAILS = {
    "fingerprint": "指纹比对：采集该人员指纹，在公安指纹信息系统中进行比对。",
    "portrait": "人像比对：使用随函照片，在公安人像比对系统中进行比对。",
    "dna": "DNA采样及比对：采集该人员DNA样本，录入全国打拐DNA数据库进行比对。",
}

# Placeholders available to templates, with what they hold (for the editor UI).
TEMPLATE_FIELDS = {
    "ref_no": "函件编号",
    "police_unit": "收函公安机关",
    "station_name": "救助管理站名称",
    "station_header": "红头（函头）文字",
    "station_address": "本站地址",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "intake_ref": "站内编号",
    "name_as_stated": "自述姓名（或“无法表述”）",
    "sex": "性别：男/女/不详",
    "sex_word": "“男性”/“女性”/空",
    "age_estimate": "估计年龄",
    "height_cm": "身高（厘米）",
    "accent": "口音",
    "health_state": "健康状况",
    "features": "体貌特征",
    "clothing": "衣着",
    "found_date": "发现日期（已格式化）",
    "found_place": "发现地点",
    "admitted_date": "入站日期（已格式化）",
    "letter_date": "发函日期（已格式化）",
    "reply_due_date": "回复期限（已格式化）",
    "request_text": "其他协查要求",
    "kinds": "协查事项名称列表",
    "kinds_text": "协查事项合称，如“指纹比对、人像比对”",
}
BLOCK_MARKERS = ("[[协查事项]]", "[[人员信息]]", "[[落款]]")

_sandbox = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined,
                                               autoescape=False, keep_trailing_newline=False)


def default_template() -> str:
    return (TEMPLATE_DIR / "police_letter.txt.j2").read_text(encoding="utf-8")


def _context(c: PoliceRequestContent) -> dict:
    kinds = c.kind_labels
    kinds_text = "、".join(kinds[:-1]) + ("及" if len(kinds) > 1 else "") + kinds[-1]
    return {
        "ref_no": c.ref_no, "police_unit": c.police_unit, "station_name": c.station_name,
        "station_header": c.station_header, "station_address": c.station_address,
        "contact_person": c.contact_person, "contact_phone": c.contact_phone,
        "intake_ref": c.intake_ref, "name_as_stated": c.display_name, "sex": c.sex,
        "sex_word": {"男": "男性", "女": "女性"}.get(c.sex, ""),
        "age_estimate": c.age_estimate, "height_cm": c.height_cm or "", "accent": c.accent,
        "health_state": c.health_state, "features": c.features, "clothing": c.clothing,
        "found_date": format_date(c.found_date), "found_place": c.found_place,
        "admitted_date": format_date(c.admitted_date),
        "letter_date": format_date(c.letter_date or date.today()),
        "reply_due_date": format_date(c.reply_due_date), "request_text": c.request_text,
        "kinds": kinds, "kinds_text": kinds_text,
    }


def render_police_letter_text(content: PoliceRequestContent, template: str | None = None) -> str:
    """The letter's wording with placeholders filled (markers left in place)."""
    source = default_template() if template is None else template
    if not isinstance(source, str) or not source.strip():
        raise ContentError("template", "empty letter template")
    try:
        return _sandbox.from_string(source).render(**_context(content)).strip()
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError("template", f"line {exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        known = "、".join(TEMPLATE_FIELDS)
        raise ContentError("template", f"{exc.message}; available placeholders: {known}") from None
    except jinja2.sandbox.SecurityError as exc:
        raise ContentError("template", f"not allowed in a template: {exc}") from None


def validate_letter_template(template: str) -> None:
    """Raise ContentError if the template would not render (for the editor's save button)."""
    sample = PoliceRequestContent(ref_no="TEST-1", kinds=frozenset(["fingerprint", "dna"]),
                                  police_unit="某某公安局", station_name="某某救助管理站")
    render_police_letter_text(sample, template)


class _RedRule(Flowable):
    """The red line under the letterhead."""

    def __init__(self, width: float):
        super().__init__()
        self.width = width
        self.height = 4

    def draw(self) -> None:
        self.canv.setStrokeColor(RED)
        self.canv.setLineWidth(1.6)
        self.canv.line(0, 3, self.width, 3)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 0, self.width, 0)


class _BoldLine(Flowable):
    """One centred line in faux bold (letterhead, title), shrunk to fit."""

    def __init__(self, text: str, font: str, width: float, size: float, color, gap: float = 0):
        super().__init__()
        self.text, self.font, self.width, self.color = text, font, width, color
        self.size = size
        while self.size > 10 and _string_width(text, font, self.size) > width:
            self.size -= 0.5
        self.height = self.size * 1.4 + gap

    def draw(self) -> None:
        draw_bold(self.canv, self.width / 2, self.height - self.size * 1.1, self.text, self.font, self.size,
                  self.color, "center", weight=0.04)


def _string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def render_police_letter_pdf(content: PoliceRequestContent, template: str | None = None) -> bytes:
    text = render_police_letter_text(content, template)
    font = register_pdf_font()
    buf = io.BytesIO()
    left = right = 26 * mm
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=left, rightMargin=right,
                            topMargin=20 * mm, bottomMargin=18 * mm,
                            title=f"协查函 {content.ref_no}", author=content.station_name,
                            initialFontName=font)
    width = A4[0] - left - right
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20.5, textColor=INK,
                          wordWrap="CJK")
    ref = ParagraphStyle("ref", parent=body, fontSize=11, alignment=TA_RIGHT)
    small = ParagraphStyle("small", parent=body, fontSize=10.5, leading=14.5)

    story: list = [_BoldLine(content.station_header, font, width, 26, RED), Spacer(1, 4),
                   Paragraph(escape(f"编号：{content.ref_no}"), ref), Spacer(1, 2),
                   _RedRule(width), Spacer(1, 12)]
    for block in re.split(r"\n\s*\n", text):
        block = block.strip("\n")
        if not block.strip():
            continue
        marker = block.strip()
        if marker == "[[协查事项]]":
            for i, k in enumerate(k for k in ("fingerprint", "portrait", "dna") if k in content.kinds):
                story.append(Paragraph(escape(f"{'一二三'[i]}、{KIND_DETAILS[k]}"),
                                       ParagraphStyle("item", parent=body, leftIndent=25,
                                                      firstLineIndent=0)))
            story.append(Spacer(1, 4))
        elif marker == "[[人员信息]]":
            story.append(_person_table(content, font, width, small))
            story.append(Spacer(1, 8))
        elif marker == "[[落款]]":
            story.append(_signature(content, body))
        elif marker.startswith("# "):
            story.append(_BoldLine(marker[2:].strip(), font, width, 17, INK, gap=8))
        else:
            story.append(_paragraph(block, body))
    doc.build(story, onFirstPage=_footer(font, content), onLaterPages=_footer(font, content))
    return buf.getvalue()


def _paragraph(block: str, style: ParagraphStyle) -> Paragraph:
    """A template paragraph; leading ideographic spaces become an indent
    (ReportLab would collapse them as whitespace)."""
    stripped = block.lstrip("\u3000 ")
    indent = sum(2 if ch == "\u3000" else 1 for ch in block[: len(block) - len(stripped)]) / 2
    # Ideographic spaces inside a line are spacing the author meant; keep them.
    lines = [escape(line.strip()).replace("\u3000", "\xa0\xa0") for line in stripped.split("\n")]
    st = ParagraphStyle("p", parent=style, firstLineIndent=indent * style.fontSize)
    return Paragraph("<br/>".join(lines), st)


def _person_table(c: PoliceRequestContent, font: str, width: float, style: ParagraphStyle) -> Table:
    label = ParagraphStyle("lbl", parent=style, textColor=colors.HexColor("#444444"))
    rows = [[Paragraph(escape(k), label), Paragraph(escape(v), style)] for k, v in c.facts()]
    photo_w = 34 * mm
    photo_h = 44 * mm
    if c.photo:
        im = load_photo(c.photo, "photo")
        im.thumbnail((int(photo_w / 72 * 250), int(photo_h / 72 * 250)))
        iw, ih = im.size
        scale = min(photo_w / iw, photo_h / ih)
        jpeg = io.BytesIO()
        im.save(jpeg, "JPEG", quality=88)
        jpeg.seek(0)
        photo = RLImage(jpeg, iw * scale, ih * scale)
    else:
        photo = Paragraph("（无照片）", ParagraphStyle("np", parent=style, alignment=TA_CENTER))
    label_w = 22 * mm
    cell_w = photo_w + 6
    data = [r + [photo if i == 0 else ""] for i, r in enumerate(rows)]
    table = Table(data, colWidths=[label_w, width - label_w - cell_w, cell_w])
    n = len(rows)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("SPAN", (2, 0), (2, n - 1)),
        ("VALIGN", (0, 0), (1, -1), "MIDDLE"),
        ("VALIGN", (2, 0), (2, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f4f6")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _signature(c: PoliceRequestContent, body: ParagraphStyle) -> KeepTogether:
    right = ParagraphStyle("sig", parent=body, alignment=TA_RIGHT, rightIndent=12)
    return KeepTogether([
        Spacer(1, 10),
        Paragraph(escape(c.station_name) + "（盖章）", right),
        Paragraph(escape(format_date(c.letter_date or date.today())), right),
    ])


def _footer(font: str, c: PoliceRequestContent):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawCentredString(A4[0] / 2, 9 * mm,
                                 f"{c.station_name} · 协查函 {c.ref_no} · 第 {doc.page} 页")
        canvas.restoreState()
    return draw
