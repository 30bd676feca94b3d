"""Text and HTML renderings of a notice, plus helpers shared with PDF/PNG.

Every format reads the same NoticeContent and its facts(), so a correction
made once shows up everywhere.
"""
from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Callable

import jinja2
from PIL import Image, ImageOps

from .content import ContentError, NoticeContent

TEMPLATE_DIR = Path(__file__).parent / "templates"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=False,
)


def pronoun(sex: str) -> str:
    return {"男": "他", "女": "她"}.get(sex, "TA")


def load_photo(path: str, field_name: str) -> Image.Image:
    """Open a photo upright (EXIF rotation applied) in RGB, or fail naming the field."""
    try:
        with Image.open(path) as im:
            im = ImageOps.exif_transpose(im)
            return im.convert("RGB")
    except FileNotFoundError:
        raise ContentError(field_name, f"photo file not found: {path}") from None
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ContentError(field_name, f"not a readable image: {path} ({exc})") from None


def qr_matrix(url: str) -> list[list[bool]]:
    """QR modules for a URL, including the quiet zone, from the qrcode package."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    qr.add_data(url)
    qr.make(fit=True)
    return qr.get_matrix()


# ---------------------------------------------------------------- text

def render_text(content: NoticeContent, max_chars: int | None = None) -> str:
    """Plain text for pasting into WeChat/Weibo.

    With max_chars, a compact variant that always keeps the notice number
    and the 24-hour phone and fills the rest by how much each clue helps a
    reader recognise the person; raises ContentError if even those do not fit.
    """
    full = _env.get_template("notice.txt.j2").render(c=content, pronoun=pronoun(content.sex)).strip()
    if max_chars is None or len(full) <= max_chars:
        return full
    if max_chars <= 0:
        raise ContentError("max_chars", f"must be positive, got {max_chars}")
    return _compact_text(content, max_chars)


def _compact_text(c: NoticeContent, max_chars: int) -> str:
    if c.withdrawn:
        head = f"【{c.withdrawn_label}】寻亲公告{c.notice_no}已撤回，感谢转发。"
        tails = [f"{c.station_name}电话{c.station_phone_24h}", f"电话{c.station_phone_24h}"]
        pieces: list[str] = []
    else:
        head = f"【寻亲公告{c.notice_no}】"
        p = pronoun(c.sex)
        tails = [f"认识{p}请联系{c.station_name}，24小时电话{c.station_phone_24h}",
                 f"知情请电{c.station_phone_24h}",
                 f"电话{c.station_phone_24h}"]
        who = "，".join(x for x in [c.name_as_stated and f"自称{c.name_as_stated}",
                                   c.sex if c.sex != "不详" else "", c.age_estimate,
                                   c.height_cm and f"约{c.height_cm}cm"] if x)
        found = ""
        if c.found_date or c.found_place:
            found = f"{c.found_date.isoformat() if c.found_date else ''}于{c.found_place or '本地'}被发现"
        # Priority order: what lets a relative recognise the person first.
        pieces = [x for x in [who, c.accent, c.features and f"特征：{c.features}", found,
                              c.clothing and f"衣着：{c.clothing}",
                              c.health_state and f"{c.health_state}"] if x]
    url = f" {c.public_url}" if c.public_url else ""

    for tail in tails:
        budget = max_chars - len(head) - len(tail)
        if budget >= 0:
            break
    else:
        need = len(head) + len(tails[-1])
        raise ContentError("max_chars", f"{max_chars} is too short: the notice number and phone "
                                        f"alone need {need} characters")
    # The URL is the next most useful thing after number and phone.
    if url and len(url) <= budget:
        budget -= len(url)
    else:
        url = ""
    body: list[str] = []
    for piece in pieces:
        sep = 1  # "；" or the final "。"
        if len(piece) + sep <= budget:
            body.append(piece)
            budget -= len(piece) + sep
        elif budget >= 8:  # enough room for a meaningful truncated clue
            body.append(piece[: budget - sep - 1] + "…")
            budget = 0
    middle = "；".join(body) + ("。" if body else "")
    return f"{head}{middle}{tail}{url}"


# ---------------------------------------------------------------- html

def _data_uri(path: str, field_name: str, max_px: int = 900) -> str:
    im = load_photo(path, field_name)
    im.thumbnail((max_px, max_px))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=82, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def render_html(content: NoticeContent, photo_src: Callable[[str], str] | None = None) -> str:
    """A standalone, mobile-first public page (zh-CN).

    Photos come from content.photo_urls when the app serves them, else from
    photo_src(path) if given, else they are embedded as data URIs so the file
    works on its own. A withdrawn notice shows only 已寻亲/已撤回 and the
    station's phone: no photo, no description.
    """
    srcs: list[str] = []
    if not content.withdrawn:
        if content.photo_urls:
            srcs = list(content.photo_urls)
        elif photo_src is not None:
            srcs = [photo_src(p) for p in content.photos]
        else:
            srcs = [_data_uri(p, f"photos[{i}]") for i, p in enumerate(content.photos)]
    og_image = content.photo_urls[0] if content.photo_urls and not content.withdrawn else ""
    summary = render_text(content, max_chars=120).replace("\n", " ")
    return _env.get_template("notice.html.j2").render(
        c=content,
        pronoun=pronoun(content.sex),
        photo_srcs=srcs,
        og_image=og_image,
        summary=summary,
        tel_href=re.sub(r"[^\d+]", "", content.station_phone_24h),
        basics=" · ".join(v for k, v in content.facts() if k in ("性别", "年龄", "身高", "口音")),
    )


def render_markdown(content: NoticeContent, max_chars: int = 3500) -> str:
    """Markdown for group robots (WeCom/DingTalk), which render a subset of it."""
    c = content
    if c.withdrawn:
        lines = [f"### 【{c.withdrawn_label}】寻亲公告 {c.notice_no}",
                 "此前发布的寻亲公告已撤回，感谢关注与转发，请勿再转发。",
                 f"{c.station_name} 24小时电话：{c.station_phone_24h}"]
        return "\n\n".join(lines)
    p = pronoun(c.sex)
    lines = [f"### 寻亲公告 {c.notice_no}", f"**{c.station_name}**现救助一名受助人员，请帮{p}寻找家人。"]
    if c.photo_urls:
        lines.append(f"![照片]({c.photo_urls[0]})")
    # Two trailing spaces: a hard line break, which both robots' renderers honour.
    lines.append("  \n".join(f"> **{k}**：{v}" for k, v in c.facts()))
    lines.append(f"如您认识{p}，请联系{c.station_name}，**24小时电话：{c.station_phone_24h}**")
    if c.public_url:
        lines.append(f"[查看公告详情]({c.public_url})")
    md = "\n\n".join(lines)
    if len(md) > max_chars:
        # Fall back to the compact text, which keeps number, phone and URL.
        md = f"### 寻亲公告 {c.notice_no}\n\n" + render_text(c, max_chars=max_chars - 30)
    return md


FORMATS = ("txt", "html", "pdf", "png")


def render_as(content: NoticeContent, fmt: str) -> bytes:
    """One entry point for `tracing notice render … --format`: bytes to write to a file."""
    if fmt == "txt":
        return (render_text(content) + "\n").encode("utf-8")
    if fmt == "html":
        return render_html(content).encode("utf-8")
    if fmt == "pdf":
        from .poster import render_pdf
        return render_pdf(content)
    if fmt == "png":
        from .card import render_png
        return render_png(content)
    raise ContentError("format", f"expected one of {FORMATS}, got {fmt!r}")
