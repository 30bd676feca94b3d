"""A4 PDF poster of a notice: photo, facts, 24-hour phone and a QR code.

Drawn on a ReportLab canvas with a fixed layout, because a poster is read
from a distance: big phone number, one page always. Text that would not fit
is set smaller, and as a last resort shortened with a pointer to the page.
"""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle
from xml.sax.saxutils import escape

from .content import NoticeContent, format_date
from .fonts import register_pdf_font
from .render import load_photo, pronoun, qr_matrix

RED = colors.HexColor("#c62828")
RED_LIGHT = colors.HexColor("#fdecec")
GREEN = colors.HexColor("#2e7d32")
INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#667085")
LINE = colors.HexColor("#e0e3e7")

PAGE_W, PAGE_H = A4
MARGIN = 36


def draw_bold(c: Canvas, x: float, y: float, text: str, font: str, size: float,
              color=INK, anchor: str = "left", weight: float = 0.045) -> float:
    """Draw text with a stroked outline as faux bold (the embeddable CJK fonts
    have no bold face). Returns the text width."""
    width = c.stringWidth(text, font, size)
    if anchor == "center":
        x -= width / 2
    elif anchor == "right":
        x -= width
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setTextRenderMode(2)  # fill + stroke
    c.setFillColor(color)
    c.setStrokeColor(color)
    c.setLineWidth(size * weight)
    t.textLine(text)
    t.setTextRenderMode(0)  # the render mode outlives BT/ET: reset it
    c.drawText(t)
    c.setLineWidth(1)
    return width


def draw_qr(c: Canvas, url: str, x: float, y: float, size: float) -> None:
    """Vector QR code (crisp at any print size) from qrcode's module matrix."""
    matrix = qr_matrix(url)
    n = len(matrix)
    cell = size / n
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colors.black)
    for row, line in enumerate(matrix):
        col = 0
        while col < n:
            if line[col]:
                start = col
                while col < n and line[col]:
                    col += 1
                # Slight overlap avoids hairline gaps between modules in viewers.
                c.rect(x + start * cell, y + size - (row + 1) * cell,
                       (col - start) * cell + 0.05, cell + 0.05, stroke=0, fill=1)
            else:
                col += 1


def draw_photo(c: Canvas, path: str, field_name: str, x: float, y: float, w: float, h: float,
               cover: bool = False) -> None:
    """Fit (or cover-crop) a photo into a box on a light background."""
    im = load_photo(path, field_name)
    if cover:
        target = w / h
        iw, ih = im.size
        if iw / ih > target:
            nw = int(ih * target)
            im = im.crop(((iw - nw) // 2, 0, (iw - nw) // 2 + nw, ih))
        else:
            nh = int(iw / target)
            im = im.crop((0, 0, iw, nh))  # keep the top: faces are there
    # Downscale to ~200 dpi at the printed size to keep the PDF small.
    max_px = (int(w / 72 * 200), int(h / 72 * 200))
    im.thumbnail(max_px)
    iw, ih = im.size
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    c.setFillColor(colors.HexColor("#eceef1"))
    c.rect(x, y, w, h, stroke=0, fill=1)
    # Embed as JPEG (DCT) rather than ReportLab's default raw Flate: ~10x smaller.
    jpeg = io.BytesIO()
    im.save(jpeg, "JPEG", quality=85)
    jpeg.seek(0)
    c.drawImage(ImageReader(jpeg), x + (w - dw) / 2, y + (h - dh) / 2, dw, dh)


def _fit_paragraph(text: str, style: ParagraphStyle, width: float, height: float,
                   min_size: float = 8.5) -> Paragraph:
    """Shrink the font until the paragraph fits; then shorten the text."""
    size = style.fontSize
    while True:
        st = ParagraphStyle("fit", parent=style, fontSize=size, leading=size * 1.45)
        para = Paragraph(text, st)
        _, h = para.wrap(width, height)
        if h <= height:
            return para
        if size > min_size:
            size -= 0.5
            continue
        # Last resort: cut the text, pointing to the full notice online.
        plain = text
        while len(plain) > 10:
            plain = plain[: int(len(plain) * 0.9)]
            para = Paragraph(plain + "…（详见公告页面）", st)
            _, h = para.wrap(width, height)
            if h <= height:
                return para
        return para


def render_pdf(content: NoticeContent) -> bytes:
    """A4 poster as PDF bytes, with the CJK font embedded."""
    font = register_pdf_font()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(content.title)
    c.setAuthor(content.station_name)
    c.setSubject(f"寻亲公告 {content.notice_no}")
    if content.withdrawn:
        _draw_withdrawn(c, content, font)
    else:
        _draw_active(c, content, font)
    c.showPage()
    c.save()
    return buf.getvalue()


def _banner(c: Canvas, font: str, title: str, sub_left: str, sub_right: str, color) -> float:
    h = 104
    c.setFillColor(color)
    c.rect(0, PAGE_H - h, PAGE_W, h, stroke=0, fill=1)
    draw_bold(c, PAGE_W / 2, PAGE_H - 62, title, font, 46, colors.white, "center", weight=0.05)
    c.setFillColor(colors.white)
    c.setFont(font, 11)
    c.drawString(MARGIN, PAGE_H - 88, sub_left)
    c.drawRightString(PAGE_W - MARGIN, PAGE_H - 88, sub_right)
    return PAGE_H - h


def _contact_box(c: Canvas, content: NoticeContent, font: str, y0: float, height: float,
                 prompt: str) -> None:
    """The bottom box: who to call, big phone number, QR code."""
    x0, w = MARGIN, PAGE_W - 2 * MARGIN
    c.setFillColor(RED_LIGHT)
    c.setStrokeColor(colors.HexColor("#f3c7c7"))
    c.roundRect(x0, y0, w, height, 10, stroke=1, fill=1)
    qr = 118 if content.public_url else 0
    text_w = w - 32 - (qr + 16 if qr else 0)
    y = y0 + height - 30
    c.setFillColor(INK)
    c.setFont(font, 12.5)
    c.drawString(x0 + 16, y, prompt)
    y -= 26
    station = Paragraph(escape(content.station_name), ParagraphStyle(
        "st", fontName=font, fontSize=15, leading=19, textColor=INK, wordWrap="CJK"))
    _, sh = station.wrap(text_w, 40)
    station.drawOn(c, x0 + 16, y - sh + 15)
    y -= sh + 2
    if content.station_address:
        addr = Paragraph("地址：" + escape(content.station_address), ParagraphStyle(
            "ad", fontName=font, fontSize=10.5, leading=14, textColor=MUTED, wordWrap="CJK"))
        _, ah = addr.wrap(text_w, 30)
        addr.drawOn(c, x0 + 16, y - ah + 10)
        y -= ah + 4
    c.setFillColor(RED)
    c.setFont(font, 12)
    c.drawString(x0 + 16, y0 + 50, "24小时电话")
    phone = content.station_phone_24h
    size = 30
    while size > 16 and c.stringWidth(phone, font, size) > text_w:
        size -= 1
    draw_bold(c, x0 + 16, y0 + 18, phone, font, size, RED, weight=0.04)
    if qr:
        qx = x0 + w - 16 - qr
        qy = y0 + height - 14 - qr
        draw_qr(c, content.public_url, qx, qy, qr)
        c.setFillColor(MUTED)
        c.setFont(font, 9.5)
        c.drawCentredString(qx + qr / 2, qy - 12, "扫码查看公告")


def _draw_active(c: Canvas, content: NoticeContent, font: str) -> None:
    p = pronoun(content.sex)
    top = _banner(c, font, "寻 亲 公 告", f"编号：{content.notice_no}", content.station_name, RED)

    # Lead line
    draw_bold(c, MARGIN, top - 34, f"请帮{p}找到家人", font, 20, RED, weight=0.04)
    c.setFillColor(MUTED)
    c.setFont(font, 10.5)
    date_text = format_date(content.admitted_date)
    if date_text:
        c.drawRightString(PAGE_W - MARGIN, top - 33, f"{date_text}入站")

    # Photo column
    col_top = top - 52
    photo_w, photo_h = 228, 292
    if content.photos:
        draw_photo(c, content.photos[0], "photos[0]", MARGIN, col_top - photo_h, photo_w, photo_h)
    else:
        c.setFillColor(colors.HexColor("#eceef1"))
        c.rect(MARGIN, col_top - photo_h, photo_w, photo_h, stroke=0, fill=1)
        c.setFillColor(MUTED)
        c.setFont(font, 14)
        c.drawCentredString(MARGIN + photo_w / 2, col_top - photo_h / 2, "暂无照片")

    # Facts table, right of the photo
    label_style = ParagraphStyle("lb", fontName=font, fontSize=11, leading=15, textColor=MUTED,
                                 wordWrap="CJK")
    value_style = ParagraphStyle("vl", fontName=font, fontSize=13, leading=18, textColor=INK,
                                 wordWrap="CJK")
    short = [(k, v) for k, v in content.facts() if k not in ("体貌特征", "衣着", "健康状况")]
    long_rows = [(k, v) for k, v in content.facts() if k in ("体貌特征", "衣着", "健康状况")]
    tx = MARGIN + photo_w + 18
    tw_total = PAGE_W - MARGIN - tx
    table = Table([[Paragraph(escape(k), label_style), Paragraph(escape(v), value_style)]
                   for k, v in short], colWidths=[64, tw_total - 64])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    _, th = table.wrap(tw_total, 400)
    table.drawOn(c, tx, col_top - th)

    # Extra photos go under the table when it leaves room beside the main photo.
    extra = list(enumerate(content.photos[1:3], start=1))
    thumb_w = (tw_total - 8) / 2
    thumb_h = min(thumb_w * 1.25, photo_h - th - 12)
    if extra and thumb_h >= 70:
        for n, (i, path) in enumerate(extra):
            draw_photo(c, path, f"photos[{i}]", tx + n * (thumb_w + 8), col_top - photo_h,
                       thumb_w, thumb_h, cover=True)
        extra = []

    # Long descriptions, full width below photo/table
    y = min(col_top - photo_h, col_top - th) - 18
    box_h = 196
    box_bottom = MARGIN + 26
    box_top = box_bottom + box_h
    avail = y - box_top - 12
    if long_rows and avail > 30:
        text = "<br/>".join(f'<font color="#c62828">{escape(k)}：</font>{escape(v)}' for k, v in long_rows)
        para = _fit_paragraph(text, ParagraphStyle("desc", fontName=font, fontSize=14, leading=21,
                                                    textColor=INK, wordWrap="CJK"),
                              PAGE_W - 2 * MARGIN, avail)
        _, ph = para.wrap(PAGE_W - 2 * MARGIN, avail)
        para.drawOn(c, MARGIN, y - ph)
        y -= ph + 14

    # Otherwise extra photos fill the space left above the contact box.
    gap = y - box_top - 14
    if extra and gap >= 90:
        h = min(gap, 150)
        w = h * 0.8
        for n, (i, path) in enumerate(content.photos[1:4], start=0):
            draw_photo(c, path, f"photos[{n + 1}]", MARGIN + n * (w + 10), y - h, w, h, cover=True)

    _contact_box(c, content, font, box_bottom, box_h,
                 f"如您认识{p}，或知道{p}家人的线索，请联系：")
    c.setFillColor(MUTED)
    c.setFont(font, 9)
    c.drawCentredString(PAGE_W / 2, MARGIN + 6,
                        f"{content.station_name}发布 · 公告编号 {content.notice_no} · 请帮忙转发、张贴")


def _draw_withdrawn(c: Canvas, content: NoticeContent, font: str) -> None:
    label = content.withdrawn_label
    top = _banner(c, font, label, f"编号：{content.notice_no}", content.station_name, GREEN)
    draw_bold(c, PAGE_W / 2, top - 150, f"寻亲公告 {content.notice_no} {label}", font, 24, GREEN,
              "center", weight=0.04)
    c.setFillColor(INK)
    c.setFont(font, 14)
    msg = "此人已找到家人，本公告已撤回。" if label == "已寻亲" else "本公告已撤回。"
    c.drawCentredString(PAGE_W / 2, top - 190, msg)
    c.drawCentredString(PAGE_W / 2, top - 214, "感谢社会各界的关注与转发，请勿再张贴、转发此前的公告。")
    _contact_box(c, content, font, MARGIN + 26, 180, "如有疑问，请联系：")
