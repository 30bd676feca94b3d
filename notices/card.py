"""PNG image card for social media (WeChat moments, Weibo, Douyin covers).

1080×1350 (4:5), the tallest ratio feeds show uncropped. Drawn with Pillow
in the same CJK font family as the other formats.
"""
from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from .content import NoticeContent
from .fonts import image_fonts
from .render import load_photo, pronoun, qr_matrix

W, H = 1080, 1350
PAD = 56
RED = (198, 40, 40)
RED_LIGHT = (253, 236, 236)
GREEN = (46, 125, 50)
INK = (31, 35, 40)
MUTED = (102, 112, 133)
LINE = (230, 232, 235)
PHOTO_BG = (236, 238, 241)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    regular, heavy = image_fonts()
    f = heavy if bold else regular
    return ImageFont.truetype(f.path, size, index=f.index)


_NO_LINE_START = set("，。、；：！？）》」』”’…%,.;:!?)")


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Greedy wrap by character (Chinese has no spaces), keeping Latin runs
    such as phone numbers and URLs whole when they fit on a line."""
    lines: list[str] = []
    line = ""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    for tok in tokens:
        if tok == "\n":
            lines.append(line)
            line = ""
            continue
        # Closing punctuation never starts a line: let it hang past the margin.
        if draw.textlength(line + tok, font=font) <= width or (line and tok in _NO_LINE_START):
            line += tok
            continue
        if line:
            lines.append(line)
        line = tok
        while draw.textlength(line, font=font) > width and len(line) > 1:
            cut = len(line)
            while cut > 1 and draw.textlength(line[:cut], font=font) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _paste_photo(card: Image.Image, path: str, field_name: str, box: tuple[int, int, int, int]) -> None:
    """Cover-crop into the box, keeping the top of the photo (faces)."""
    x, y, w, h = box
    im = load_photo(path, field_name)
    iw, ih = im.size
    target = w / h
    if iw / ih > target:
        nw = int(ih * target)
        im = im.crop(((iw - nw) // 2, 0, (iw - nw) // 2 + nw, ih))
    else:
        nh = int(iw / target)
        top = min(int(ih * 0.08), ih - nh)  # a little headroom, faces stay in frame
        im = im.crop((0, top, iw, top + nh))
    im = im.resize((w, h), Image.LANCZOS)
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), 18, fill=255)
    card.paste(im, (x, y), mask)


def _qr_image(url: str, size: int) -> Image.Image:
    matrix = qr_matrix(url)
    n = len(matrix)
    img = Image.new("1", (n, n), 1)
    px = img.load()
    for r, row in enumerate(matrix):
        for c, on in enumerate(row):
            if on:
                px[c, r] = 0
    scale = max(1, size // n)
    return img.resize((n * scale, n * scale), Image.NEAREST).convert("RGB")


def render_png(content: NoticeContent) -> bytes:
    card = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(card)
    if content.withdrawn:
        _draw_withdrawn(card, draw, content)
    else:
        _draw_active(card, draw, content)
    buf = io.BytesIO()
    card.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _header(draw: ImageDraw.ImageDraw, content: NoticeContent, title: str, color) -> int:
    h = 170
    draw.rectangle((0, 0, W, h), fill=color)
    draw.text((PAD, h // 2), title, font=_font(88, True), fill="white", anchor="lm")
    small = _font(30)
    draw.text((W - PAD, h // 2 - 8), content.station_name, font=small, fill="white", anchor="rs")
    draw.text((W - PAD, h // 2 + 10), f"编号 {content.notice_no}", font=small, fill=(255, 230, 230),
              anchor="ra")
    return h


def _contact_band(card: Image.Image, draw: ImageDraw.ImageDraw, content: NoticeContent,
                  prompt: str) -> None:
    top = H - 300
    draw.rectangle((0, top, W, H), fill=RED_LIGHT)
    draw.line((0, top, W, top), fill=(243, 199, 199), width=2)
    qr = 220 if content.public_url else 0
    text_w = W - 2 * PAD - (qr + 40 if qr else 0)
    y = top + 34
    f = _font(32)
    for line in _wrap(draw, prompt, f, text_w)[:2]:
        draw.text((PAD, y), line, font=f, fill=INK)
        y += 46
    draw.text((PAD, y + 4), content.station_name, font=_font(36, True), fill=INK)
    draw.text((PAD, H - 150), "24小时电话", font=_font(30), fill=RED)
    size = 76
    while size > 40 and draw.textlength(content.station_phone_24h, font=_font(size, True)) > text_w:
        size -= 4
    draw.text((PAD, H - 40), content.station_phone_24h, font=_font(size, True), fill=RED, anchor="ls")
    if qr:
        img = _qr_image(content.public_url, qr)
        qx = W - PAD - img.width
        qy = top + (300 - img.height) // 2 - 14
        card.paste(img, (qx, qy))
        draw.text((qx + img.width // 2, qy + img.height + 4), "扫码查看公告", font=_font(24),
                  fill=MUTED, anchor="ma")


def _draw_active(card: Image.Image, draw: ImageDraw.ImageDraw, c: NoticeContent) -> None:
    p = pronoun(c.sex)
    top = _header(draw, c, "寻亲公告", RED)
    draw.text((PAD, top + 28), f"请帮{p}找到家人", font=_font(44, True), fill=RED)

    body_top = top + 100
    photo_w, photo_h = 440, 540
    if c.photos:
        _paste_photo(card, c.photos[0], "photos[0]", (PAD, body_top, photo_w, photo_h))
    else:
        draw.rounded_rectangle((PAD, body_top, PAD + photo_w, body_top + photo_h), 18, fill=PHOTO_BG)
        draw.text((PAD + photo_w // 2, body_top + photo_h // 2), "暂无照片", font=_font(36),
                  fill=MUTED, anchor="mm")

    # Facts beside the photo: label small and grey, value large.
    x = PAD + photo_w + 40
    col_w = W - PAD - x
    label_f, value_f = _font(26), _font(34)
    y = body_top
    bottom_limit = body_top + photo_h
    # Sex, age and height read best as one line: "男 · 约60岁 · 约168厘米".
    basics = " · ".join(v for k, v in c.facts() if k in ("性别", "年龄", "身高"))
    facts = [(k, v) for k, v in c.facts()
             if k not in ("性别", "年龄", "身高", "体貌特征", "衣着", "健康状况", "入站时间",
                          "发现时间", "发现地点")]
    found = "，".join(v for k, v in c.facts() if k in ("发现时间", "发现地点"))
    if found:
        facts.append(("发现时间、地点", found))
    if basics:
        facts.insert(1 if c.name_as_stated else 0, ("基本情况", basics))
    for label, value in facts:
        lines = _wrap(draw, value, value_f, col_w)
        need = 34 + 44 * min(len(lines), 2) + 16
        if y + need > bottom_limit:
            break
        draw.text((x, y), label, font=label_f, fill=MUTED)
        y += 34
        for i, line in enumerate(lines[:2]):
            if i == 1 and len(lines) > 2:
                line = line[:-1] + "…"
            draw.text((x, y), line, font=value_f, fill=INK)
            y += 44
        y += 16

    # Features and clothing under the photo.
    y = body_top + photo_h + 30
    limit = H - 300 - 24
    f = _font(32)
    for label, value in [(k, v) for k, v in c.facts() if k in ("体貌特征", "衣着")]:
        lines = _wrap(draw, f"{label}：{value}", f, W - 2 * PAD)
        for i, line in enumerate(lines):
            if y + 44 > limit:
                break
            last = y + 88 > limit and i < len(lines) - 1
            text = line[:-1] + "…" if last else line
            if i == 0:
                draw.text((PAD, y), label + "：", font=f, fill=RED)
                draw.text((PAD + draw.textlength(label + "：", font=f), y), text[len(label) + 1:],
                          font=f, fill=INK)
            else:
                draw.text((PAD, y), text, font=f, fill=INK)
            y += 44
            if last:
                break
        y += 6

    _contact_band(card, draw, c, f"如您认识{p}，或知道{p}家人的线索，请联系：")


def _draw_withdrawn(card: Image.Image, draw: ImageDraw.ImageDraw, c: NoticeContent) -> None:
    label = c.withdrawn_label
    top = _header(draw, c, label, GREEN)
    y = top + 240
    draw.text((W // 2, y), f"寻亲公告 {c.notice_no}", font=_font(48, True), fill=GREEN, anchor="ma")
    y += 100
    msg = "此人已找到家人，本公告已撤回。" if label == "已寻亲" else "本公告已撤回。"
    for line in [msg, "感谢社会各界的关注与转发，", "请勿再转发此前的公告。"]:
        draw.text((W // 2, y), line, font=_font(38), fill=INK, anchor="ma")
        y += 62
    _contact_band(card, draw, c, "如有疑问，请联系：")
